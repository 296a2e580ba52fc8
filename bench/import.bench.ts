/**
 * `npm run bench:import`: payroll import speed and memory on generated snapshots.
 * Measures, on the same files: a 1M-row CSV pair imported and diffed (month 1 against month 0),
 * the same file only parsed (the floor), and a 100k-row × 40-column XLSX import.
 * Results go to stdout and docs/benchmarks.md. BENCH_ROWS / BENCH_XLSX_ROWS scale it down.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createDb } from '../db/client';
import { runMigrations } from '../db/migrate';
import { employers } from '../db/schema';
import { DEFAULT_PROFILE } from '../domain/payroll/mapping-profile';
import { utcDate } from '../domain/shared/calendar';
import { startEmbeddedPostgres } from '../infra/embedded-postgres';
import { writeSnapshotCsv, writeSnapshotXlsx } from './generate-snapshot';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const OUT = resolve(__dirname, 'out');

interface Run { wallMs: number; rows: number; peakRssMb: number; validateMs?: number; applyMs?: number; changes?: Record<string, number> }

function run(args: string[]): Run {
  // BENCH_PROFILE=1 writes a CPU profile per run into bench/out/profiles.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', join(OUT, 'profiles')] : [];
  const out = execFileSync(process.execPath, ['--import', 'tsx', ...profile, join(__dirname, 'import-run.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

async function generate(path: string, make: () => Promise<number>) {
  if (existsSync(path)) return;
  const t = performance.now();
  const rows = await make();
  console.log(`generated ${path} (${rows} rows) in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

async function settle(url: string): Promise<void> {
  const db = createDb(url, 1);
  await db.$client.query('vacuum (analyze) persons, payroll_imports');
  await db.$client.end();
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const m0 = join(OUT, `snapshot-${ROWS}-m0.csv`);
  const m1 = join(OUT, `snapshot-${ROWS}-m1.csv`);
  const x0 = join(OUT, `snapshot-${XLSX_ROWS}-m0.xlsx`);
  const x1 = join(OUT, `snapshot-${XLSX_ROWS}-m1.xlsx`);
  await generate(m0, () => writeSnapshotCsv(m0, { employees: ROWS, month: 0 }));
  await generate(m1, () => writeSnapshotCsv(m1, { employees: ROWS, month: 1 }));
  await generate(x0, () => writeSnapshotXlsx(x0, { employees: XLSX_ROWS, month: 0 }));
  await generate(x1, () => writeSnapshotXlsx(x1, { employees: XLSX_ROWS, month: 1 }));

  const pg = await startEmbeddedPostgres({ dataDir: join(OUT, 'pg'), port: 54399, database: 'mutaflow_bench', persistent: false });
  try {
    const db = createDb(pg.url, 2);
    await runMigrations(db);
    const [employer] = await db.insert(employers).values({ name: 'bench', country: 'NL', mappingProfile: DEFAULT_PROFILE }).returning();
    const [xlsxEmployer] = await db.insert(employers).values({ name: 'bench-xlsx', country: 'NL', mappingProfile: DEFAULT_PROFILE }).returning();
    await db.$client.end();
    const filesDir = join(OUT, 'files');

    const parse = run(['parse', m1]);
    console.log('parse only      ', parse);
    const initial = run(['import', m0, pg.url, employer.id, '2026-01', filesDir]);
    console.log('initial load    ', initial);
    // Each import meets a settled database (as a month after the last one would), not
    // autovacuum still working through the rows the previous run wrote.
    await settle(pg.url);
    const diff = run(['import', m1, pg.url, employer.id, '2026-02', filesDir]);
    console.log('import + diff   ', diff);
    await settle(pg.url);
    const xlsx = run(['import', x0, pg.url, xlsxEmployer.id, '2026-01', filesDir]);
    console.log('xlsx initial    ', xlsx);
    await settle(pg.url);
    const xlsxMonthly = run(['import', x1, pg.url, xlsxEmployer.id, '2026-02', filesDir]);
    console.log('xlsx monthly    ', xlsxMonthly);

    const ratio = diff.wallMs / parse.wallMs;
    const rate = (r: Run) => Math.round(r.rows / (r.wallMs / 1000)).toLocaleString('en');
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const date = utcDate(Date.now());
    const table = [
      `### Payroll import — ${date}`,
      '',
      `Machine: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}, embedded PostgreSQL 18. `
        + `Files: generated canonical CSV, 40 columns (23 canonical + 17 custom), ~3 % churn and 5 % of persons with field changes.`,
      '',
      '| measurement | rows | wall | rows/s | peak RSS | target |',
      '|---|---:|---:|---:|---:|---|',
      `| CSV parse only (the floor) | ${parse.rows.toLocaleString('en')} | ${(parse.wallMs / 1000).toFixed(2)} s | ${rate(parse)} | ${parse.peakRssMb} MB | |`,
      `| CSV initial load (no baseline: persons inserted, no changes) | ${initial.rows.toLocaleString('en')} | ${(initial.wallMs / 1000).toFixed(2)} s | ${rate(initial)} | ${initial.peakRssMb} MB | |`,
      `| **CSV import + diff** (read, validate, diff and store in one pass) | ${diff.rows.toLocaleString('en')} | **${(diff.wallMs / 1000).toFixed(2)} s** | ${rate(diff)} | ${diff.peakRssMb} MB | ≤ 10 s, ≤ 1 GB, ≤ 2× parse (${ratio.toFixed(2)}×) |`,
      `| XLSX initial load, 40 columns | ${xlsx.rows.toLocaleString('en')} | ${(xlsx.wallMs / 1000).toFixed(2)} s | ${rate(xlsx)} | ${xlsx.peakRssMb} MB | ≤ 15 s |`,
      `| **XLSX monthly import + diff**, 40 columns | ${xlsxMonthly.rows.toLocaleString('en')} | **${(xlsxMonthly.wallMs / 1000).toFixed(2)} s** | ${rate(xlsxMonthly)} | ${xlsxMonthly.peakRssMb} MB | ≤ 15 s |`,
      '',
      `Changes found by the diff: ${JSON.stringify(diff.changes)}.`,
      '',
    ].join('\n');
    console.log(`\n${table}`);
    if (ROWS === 1_000_000 && XLSX_ROWS === 100_000) {
      const docPath = resolve(__dirname, '..', 'docs', 'benchmarks.md');
      const existing = existsSync(docPath) ? await readFile(docPath, 'utf8') : '# Benchmarks\n\nMeasured with `npm run bench:*` on the machine named in each section; never as timed tests.\n\n';
      const marker = '<!-- bench:import -->';
      const [head, rest] = existing.includes(marker) ? existing.split(marker) : [existing, ''];
      const tail = rest.includes('<!-- /bench:import -->') ? rest.split('<!-- /bench:import -->')[1] : rest;
      await writeFile(docPath, `${head}${marker}\n${table}<!-- /bench:import -->${tail}`);
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
