/**
 * The web UI's API types (web/src/api-types.ts) from the OpenAPI document the routes' zod schemas
 * produce: builds the Fastify app without listening or connecting (no database, no Temporal: the
 * document needs neither) and hands app.swagger() to openapi-typescript. `npm run web:types`
 * rewrites the file; `--print` writes the fresh text to stdout instead (test/scripts/web-types.test.ts
 * compares it with the committed file; a child process, as openapi-typescript is an ES module jest cannot load).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../api/app';

const WEB_TYPES_FILE = join(__dirname, '../web/src/api-types.ts');

async function generateWebTypes(): Promise<string> {
  // Unused stand-ins: building the routes touches none of these (the document is static).
  const app = await buildApp({
    db: {} as never, temporal: {} as never, taskQueue: 'unused', files: { ensureDirs: async () => undefined } as never, secrets: {} as never,
    maxUploadBytes: 1, publicUrl: 'http://localhost', webUi: false,
  });
  try {
    await app.ready();
    const document = app.swagger() as Parameters<typeof openapiTS>[0];
    const ast = await openapiTS(document, { alphabetize: true });
    return `/* Generated from the API's OpenAPI document by scripts/web-types.ts (npm run web:types): do not edit. */\n${astToString(ast)}`;
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  generateWebTypes().then((text) => (process.argv.includes('--print') ? process.stdout.write(text) : writeFileSync(WEB_TYPES_FILE, text))).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
