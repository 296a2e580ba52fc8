/**
 * `npm run bench:benefits`: the three benefit benchmarks of issue 16 one after the other, each in
 * its own process (one's heap does not weigh on the next): statements for 10,000 persons (≤ 60 s),
 * contributions for 50,000 persons × 3 plans (≤ 5 s), eligibility of 50,000 persons × 10 benefit
 * types (≤ 3 s). Each prints its own table for docs/benchmarks.md; their env variables scale them.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const PARTS = ['contributions.bench.ts', 'eligibility.bench.ts', 'statements.bench.ts'];

let failed = 0;
for (const part of PARTS) {
  console.log(`\n[bench:benefits] ${part}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, part)], { stdio: 'inherit' });
  if (run.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
