/**
 * `npm run bench:controls`: the controls (audit rules, comparisons, bordereau reconciliation)
 * beside DuckDB doing the same work by hand on the same files, in the same run, with the ratio.
 * This file runs the comparison line (two files of BENCH_COMPARE_ROWS rows, default 1M, 20 pairs).
 * Results go to stdout and, at full size, to docs/benchmarks.md.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createDb } from '../db/client';
import { runMigrations } from '../db/migrate';
import { utcDate } from '../domain/shared/calendar';
import { startEmbeddedPostgres } from '../infra/embedded-postgres';
import { benchComparison } from './comparison-bench';
import { ensureDuckDb } from './duckdb';

const ROWS = Number(process.env.BENCH_COMPARE_ROWS ?? 1_000_000);
const OUT = resolve(__dirname, 'out');

async function main() {
  await mkdir(OUT, { recursive: true });
  const duckVersion = ensureDuckDb();
  const pg = await startEmbeddedPostgres({ dataDir: join(OUT, 'pg-controls'), port: 54397, database: 'mutaflow_bench', persistent: false });
  try {
    const db = createDb(pg.url, 2);
    await runMigrations(db);
    const r = await benchComparison({ outDir: OUT, rows: ROWS, db, databaseUrl: pg.url });
    await db.$client.end();
    const c = r.ours.counts;
    const agrees = c.only_in_a === r.duck.onlyA && c.only_in_b === r.duck.onlyB && c.difference === r.duck.differences
      && c.only_in_a === r.expected.onlyA && c.only_in_b === r.expected.onlyB && c.difference === r.expected.differences;
    const ratio = r.ours.wallMs / r.duck.wallMs;
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const table = [
      `### Controls: comparison of two files — ${utcDate(Date.now())}`,
      '',
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}, `
        + `embedded PostgreSQL 18, DuckDB ${duckVersion} (Python, all cores). Files: side A ${ROWS.toLocaleString('en')} rows `
        + '(`;`, decimal comma, dd-mm-yyyy), side B the same people as an HR sheet (`,`, ISO dates, decimal point, ids with dots on half the rows), '
        + '1 % only in A, 0.5 % only in B, 5 % with one field beyond tolerance, 10 % with changes within it; 20 field pairs '
        + '(8 text ignoring case, spaces and accents; 8 amounts ± 0.50; 4 dates ± 2 days).',
      '',
      '| measurement | rows (A + B) | wall | peak RSS | target |',
      '|---|---:|---:|---:|---|',
      `| **Mutaflow comparison** (read both files, join, store result lines in PostgreSQL) | ${(c.rowsA + c.rowsB).toLocaleString('en')} | **${s(r.ours.wallMs)}** | ${r.ours.peakRssMb} MB | ≤ 15 s, ≤ 1.5 GB |`,
      `| DuckDB full outer join, same normalisation and tolerances (counts only, nothing stored) | | ${s(r.duck.wallMs)} | ${r.duck.peakRssMb} MB | |`,
      `| **ratio** | | **${ratio.toFixed(2)}×** | | ≤ 3× |`,
      '',
      `Found: only in A ${c.only_in_a}, only in B ${c.only_in_b}, differences ${c.difference}, duplicate keys ${c.duplicate_key}, `
        + `values that do not parse ${c.unparseable} — ${agrees ? 'the same as DuckDB\'s and as generated' : `**DuckDB found ${JSON.stringify(r.duck)}, generated ${JSON.stringify(r.expected)}**`}.`,
      '',
    ].join('\n');
    console.log(`\n${table}`);
    if (ROWS === 1_000_000) {
      const docPath = resolve(__dirname, '..', 'docs', 'benchmarks.md');
      const existing = existsSync(docPath) ? await readFile(docPath, 'utf8') : '# Benchmarks\n\n';
      const open = '<!-- bench:controls-comparison -->';
      const close = '<!-- /bench:controls-comparison -->';
      const [head, rest] = existing.includes(open) ? existing.split(open) : [`${existing.trimEnd()}\n\n`, ''];
      const tail = rest.includes(close) ? rest.split(close)[1] : rest;
      await writeFile(docPath, `${head}${open}\n${table}${close}${tail}`);
      console.log(`recorded in ${docPath}`);
    }
  } finally {
    await pg.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
