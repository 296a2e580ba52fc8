/**
 * Bundles the web UI (web/src, TypeScript and plain JS modules) into web/dist/app.js, the one
 * script index.html loads. One esbuild call, well under a second: run by `npm run setup`,
 * before `npm start`/`npm run demo`, by the tests' global setup and by `npm run build`.
 * Types are not checked here (esbuild strips them): `npm test` runs `tsc -p web/tsconfig.json`.
 */
import { join } from 'node:path';
import { build } from 'esbuild';

const WEB = join(__dirname, '../web');

export async function buildWeb(): Promise<void> {
  await build({
    entryPoints: [join(WEB, 'src/app.ts')],
    outfile: join(WEB, 'dist/app.js'),
    tsconfig: join(WEB, 'tsconfig.json'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    minify: true,
    // Linked, not inline: the browser's developer tools show the sources, the page loads only the code.
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (require.main === module) {
  buildWeb().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
