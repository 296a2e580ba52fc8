import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(__dirname, '../..');

describe('the web UI\'s API types', () => {
  it('are what the routes\' OpenAPI document gives today (else: npm run web:types)', async () => {
    const { stdout: fresh } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/web-types.ts', '--print'], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    expect(fresh).toContain('"/api/persons/{id}"');
    // A plain comparison, not a diff of 10k lines: the message says what to run.
    const committed = readFileSync(join(ROOT, 'web/src/api-types.ts'), 'utf8');
    if (committed !== fresh) throw new Error('web/src/api-types.ts differs from the API\'s OpenAPI document: run `npm run web:types` and commit it');
  });
});
