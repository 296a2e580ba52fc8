/**
 * `npm run bench:xlsx`: 100k-row × 40-column XLSX photos imported end to end through the API
 * (multipart upload, `?wait=true`: the path users take), the first import of an employer and the
 * monthly import + diff, on two shapes of workbook:
 *
 * - every value an inline string (what bench:import has always generated: its figures compare);
 * - as a spreadsheet program saves it: shared strings, dates as serials with a date format, numbers.
 *
 * Next to them, in the same run, reading alone (zip guard + sheet → cells, no database) with the
 * streaming reader and with exceljs' streaming reader it replaced, for the ratio between the two.
 * BENCH_XLSX_ROWS (default 100,000) scales it; the table is recorded in docs/benchmarks.md at 100k only.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { resolve, join } from 'node:path';
import { newToken, seedAdminToken } from '../api/plugins/auth';
import { DEFAULT_PROFILE } from '../domain/payroll/mapping-profile';
import { utcDate } from '../domain/shared/calendar';
import { readXlsx } from '../activities/payroll/file/xlsx-reader';
import type { RowSink } from '../activities/payroll/file/row-sink';
import { readXlsxWithExceljs } from '../test/support/exceljs-xlsx-reader';
import { writeSnapshotXlsx } from './generate-snapshot';
import { type BenchStack, startBenchStack } from './stack';

const ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 100_000);
const OUT = resolve(__dirname, 'out');
const SHAPES = [
  { name: 'inline', label: 'inline strings (bench:import\'s file)', excelLike: false },
  { name: 'excel', label: 'shared strings, date formats, numbers', excelLike: true },
] as const;

const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

interface Figures { firstMs: number; monthlyMs: number; changes: Record<string, number>; rssMb: number; readMs: number; exceljsMs: number }

async function timeRead(reader: typeof readXlsx, path: string): Promise<number> {
  let rows = 0;
  const sink: RowSink = { header: () => undefined, row: () => { rows++; }, rowError: () => undefined };
  const t = performance.now();
  await reader(path, 'bench.xlsx', DEFAULT_PROFILE, sink);
  const ms = performance.now() - t;
  if (rows < ROWS) throw new Error(`read ${rows} rows of ${path}`);
  return ms;
}

async function main() {
  await mkdir(OUT, { recursive: true });
  for (const s of SHAPES) {
    for (const month of [0, 1]) {
      const path = join(OUT, `xlsx-${s.name}-${ROWS}-m${month}.xlsx`);
      if (existsSync(path)) continue;
      const t = performance.now();
      await writeSnapshotXlsx(path, { employees: ROWS, month }, { excelLike: s.excelLike });
      console.log(`generated ${path} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  const results = new Map<string, Figures>();
  const stack = await startBenchStack({ name: 'xlsx', outDir: OUT, pgPort: 54396, temporalPort: 54395 });
  try {
    const token = newToken();
    await seedAdminToken(stack.db, token, 'bench');
    for (const s of SHAPES) {
      const imports = await importPair(stack, token, s.name);
      results.set(s.name, { ...imports, rssMb: rssMb(), readMs: 0, exceljsMs: 0 });
      console.log(s.name, results.get(s.name));
    }
  } finally {
    await stack.stop();
  }
  // Reading alone, after the imports (exceljs' reader would otherwise set the peak RSS they report).
  for (const s of SHAPES) {
    const path = join(OUT, `xlsx-${s.name}-${ROWS}-m1.xlsx`);
    const r = results.get(s.name)!;
    r.readMs = await timeRead(readXlsx, path);
    r.exceljsMs = await timeRead(readXlsxWithExceljs, path);
    console.log(s.name, 'read', Math.round(r.readMs), 'ms; exceljs', Math.round(r.exceljsMs), 'ms');
  }

  const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const table = [
    `### XLSX through the API — ${utcDate(Date.now())}`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}; Temporal CLI dev server, embedded PostgreSQL 18, API and worker in one process. `
      + `${ROWS.toLocaleString('en')} people × 40 columns; month 1 has ~3 % churn and 5 % of people with field changes. Upload included (multipart, \`?wait=true\`).`,
    '',
    '| workbook | first import | monthly import + diff | peak RSS (after) | reading alone: streaming reader | exceljs\' reader | ratio |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...SHAPES.map((s) => {
      const r = results.get(s.name)!;
      return `| ${s.label} | **${sec(r.firstMs)}** | **${sec(r.monthlyMs)}** | ${r.rssMb} MB | ${sec(r.readMs)} | ${sec(r.exceljsMs)} | ${(r.exceljsMs / r.readMs).toFixed(2)}× |`;
    }),
    '',
    `Targets (issue 18 §3): first import and monthly import ≤ 10 s each. Changes found (inline): ${JSON.stringify(results.get('inline')!.changes)}. `
      + `Peak RSS is the whole process's (API, worker, reader) after each shape's imports; ${rssMb()} MB after exceljs' reads.`,
    '',
  ].join('\n');
  console.log(`\n${table}`);
  if (ROWS === 100_000) {
    const docPath = resolve(__dirname, '..', 'docs', 'benchmarks.md');
    const existing = await readFile(docPath, 'utf8');
    const [start, end] = ['<!-- bench:xlsx -->', '<!-- /bench:xlsx -->'];
    const next = existing.includes(start)
      ? `${existing.split(start)[0]}${start}\n${table}${end}${existing.split(end)[1] ?? ''}`
      : `${existing.trimEnd()}\n\n${start}\n${table}${end}\n`;
    await writeFile(docPath, next);
    console.log(`recorded in ${docPath}`);
  }
}

async function importPair(stack: BenchStack, token: string, shape: string): Promise<{ firstMs: number; monthlyMs: number; changes: Record<string, number> }> {
  const { app, db } = stack;
  const headers = { authorization: `Bearer ${token}` };
  const upload = async (employerId: string, path: string, period: string) => {
    const form = new FormData();
    form.set('period', period);
    form.set('file', new Blob([await readFile(path)]), `payroll-${period}.xlsx`);
    const res = await app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers, payload: form });
    if (res.statusCode !== 201) throw new Error(`import: ${res.statusCode} ${res.body.slice(0, 500)}`);
    return res.json();
  };
  const created = await app.inject({ method: 'POST', url: '/api/employers', headers, payload: { name: `Bench ${shape}`, country: 'NL', companyNumber: String(10_000_000 + Math.floor(Math.random() * 89_999_999)) } });
  if (created.statusCode >= 300) throw new Error(`employer: ${created.body}`);
  const employerId = created.json().id as string;
  const settle = () => db.$client.query('vacuum (analyze) persons, payroll_imports, payroll_changes');
  await settle();
  let t = performance.now();
  const first = await upload(employerId, join(OUT, `xlsx-${shape}-${ROWS}-m0.xlsx`), '2026-01');
  const firstMs = performance.now() - t;
  if (first.rowCount !== ROWS) throw new Error(`first import: ${JSON.stringify(first).slice(0, 300)}`);
  await settle();
  t = performance.now();
  const monthly = await upload(employerId, join(OUT, `xlsx-${shape}-${ROWS}-m1.xlsx`), '2026-02');
  const monthlyMs = performance.now() - t;
  if (monthly.status !== 'completed' && monthly.rowCount === undefined) throw new Error(`monthly import: ${JSON.stringify(monthly).slice(0, 300)}`);
  return { firstMs, monthlyMs, changes: monthly.changeCounts };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
