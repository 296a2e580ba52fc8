/**
 * `npm run bench:real-files`: the payroll import end to end through the API (upload included) on
 * the files payroll systems write, each next to its anchor measured in the same run:
 *
 * - two pairs of photos (month 0, month 1) of the same people: the plain canonical CSV (UTF-8,
 *   commas, LF) and a Dutch payroll export (Windows-1252, semicolons, CRLF, decimal commas);
 * - the first import of month 0 (an employer's first photo: COPY) next to a plain `COPY` of the
 *   same file into a bare table of text columns on the same server (what psql's \copy does);
 * - the import + diff of month 1 next to DuckDB's diff of the same pair (read both, full outer
 *   join on the employee number, every column compared), and the Windows-1252 pair next to the plain one.
 *
 * BENCH_ROWS (default 1,000,000) scales it; the table is recorded in docs/benchmarks.md at 1M only.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { eq } from 'drizzle-orm';
import { newToken, seedAdminToken } from '../api/plugins/auth';
import { employers } from '../db/schema';
import { CANONICAL_FIELDS } from '../domain/payroll/canonical';
import { DEFAULT_PROFILE, mappingProfileSchema } from '../domain/payroll/mapping-profile';
import { utcDate } from '../domain/shared/calendar';
import { copyIn } from '../infra/pg-copy';
import { DUCKDB_VERSION, ensureDuckDb, runDuckDb } from './duckdb';
import { type CsvShape, customColumnNames, writeSnapshotCsv } from './generate-snapshot';
import { type BenchStack, startBenchStack } from './stack';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const OUT = resolve(__dirname, 'out');
const HEADERS = [...CANONICAL_FIELDS, ...customColumnNames(40)];

interface Shape { name: string; label: string; csv: CsvShape; duckOptions: string; copyOptions: string; profile: object }
const SHAPES: Shape[] = [
  {
    name: 'plain', label: 'UTF-8, commas, LF', csv: {}, duckOptions: `delim=','`, copyOptions: `delimiter ','`, profile: DEFAULT_PROFILE,
  },
  {
    name: 'cp1252', label: 'Windows-1252, semicolons, CRLF, decimal commas',
    csv: { delimiter: ';', crlf: true, windows1252: true, decimalComma: true },
    duckOptions: `delim=';', encoding='latin-1'`, copyOptions: `delimiter ';', encoding 'WIN1252'`,
    profile: mappingProfileSchema.parse({ decimalSeparator: ',' }),
  },
];

interface Figures { firstMs: number; copyMs: number; diffMs: number; duckMs: number; duckRssMb: number; changes: Record<string, number>; duck: number[] }

async function main() {
  await mkdir(OUT, { recursive: true });
  for (const s of SHAPES) {
    for (const month of [0, 1]) {
      const path = join(OUT, `real-${s.name}-${ROWS}-m${month}.csv`);
      if (existsSync(path)) continue;
      const t = performance.now();
      await writeSnapshotCsv(path, { employees: ROWS, month }, s.csv);
      console.log(`generated ${path} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  const duckVersion = ensureDuckDb();
  const results = new Map<string, Figures>();
  const stack = await startBenchStack({ name: 'real-files', outDir: OUT, pgPort: 54394, temporalPort: 54393 });
  try {
    const token = newToken();
    await seedAdminToken(stack.db, token, 'bench');
    for (const s of SHAPES) {
      results.set(s.name, await runShape(stack, token, s));
      console.log(s.name, results.get(s.name));
    }
  } finally {
    await stack.stop();
  }

  const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const plain = results.get('plain')!;
  const rows = SHAPES.map((s) => {
    const r = results.get(s.name)!;
    return `| ${s.label} | ${sec(r.firstMs)} | ${sec(r.copyMs)} | **${(r.firstMs / r.copyMs).toFixed(2)}×** | ${sec(r.diffMs)} | ${sec(r.duckMs)} | **${(r.diffMs / r.duckMs).toFixed(2)}×** | ${s.name === 'plain' ? '—' : `**${(r.diffMs / plain.diffMs).toFixed(2)}×**`} |`;
  });
  const table = [
    `### Real files through the API — ${utcDate(Date.now())}`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}; Temporal CLI dev server, embedded PostgreSQL 18, API and worker in one process; DuckDB ${duckVersion} (PyPI, pinned ${DUCKDB_VERSION}). `
      + `${ROWS.toLocaleString('en')} people, 40 columns; month 1 has ~3 % churn and 5 % of people with field changes. Upload included (multipart, \`?wait=true\`).`,
    '',
    '| file | first import (COPY) | bare `COPY` of the same file | ratio (≤ 3×) | import + diff, month 1 | DuckDB diff of the pair | ratio (≤ 2.5×) | against the plain file (≤ 1.2×) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
    `Changes found (plain): ${JSON.stringify(plain.changes)}; DuckDB: ${plain.duck[0]} only in month 0, ${plain.duck[1]} only in month 1, ${plain.duck[2]} people with a difference. `
      + `Peak RSS of the bench process (API + worker): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; DuckDB ${plain.duckRssMb} MB.`,
    '',
  ].join('\n');
  console.log(`\n${table}`);
  if (ROWS === 1_000_000) {
    const docPath = resolve(__dirname, '..', 'docs', 'benchmarks.md');
    const existing = await readFile(docPath, 'utf8');
    const [start, end] = ['<!-- bench:real-files -->', '<!-- /bench:real-files -->'];
    const next = existing.includes(start)
      ? `${existing.split(start)[0]}${start}\n${table}${end}${existing.split(end)[1] ?? ''}`
      : `${existing.trimEnd()}\n\n${start}\n${table}${end}\n`;
    await writeFile(docPath, next);
    console.log(`recorded in ${docPath}`);
  }
}

async function runShape(stack: BenchStack, token: string, s: Shape): Promise<Figures> {
  const { app, db } = stack;
  const headers = { authorization: `Bearer ${token}` };
  const m0 = join(OUT, `real-${s.name}-${ROWS}-m0.csv`);
  const m1 = join(OUT, `real-${s.name}-${ROWS}-m1.csv`);
  const upload = async (employerId: string, path: string, period: string) => {
    const form = new FormData();
    form.set('period', period);
    form.set('file', new Blob([await readFile(path)]), `payroll-${period}.csv`);
    const res = await app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers, payload: form });
    if (res.statusCode !== 201) throw new Error(`import: ${res.statusCode} ${res.body.slice(0, 500)}`);
    return res.json();
  };
  const created = await app.inject({ method: 'POST', url: '/api/employers', headers, payload: { name: `Bench ${s.name}`, country: 'NL', companyNumber: String(10_000_000 + Math.floor(Math.random() * 89_999_999)) } });
  if (created.statusCode >= 300) throw new Error(`employer: ${created.body}`);
  const employerId = created.json().id as string;
  await db.update(employers).set({ mappingProfile: s.profile }).where(eq(employers.id, employerId));
  const settle = () => db.$client.query('vacuum (analyze) persons, payroll_imports, payroll_changes');

  // The anchor of the first import: the same file streamed into a bare table, nothing parsed in Node.
  const client = await db.$client.connect();
  let copyMs: number;
  try {
    await client.query(`create table bare_${s.name} (${HEADERS.map((h) => `"${h}" text`).join(', ')})`);
    await settle();
    const t = performance.now();
    const copy = copyIn(client, `copy bare_${s.name} from stdin (format csv, header true, ${s.copyOptions})`);
    for await (const chunk of createReadStream(m0, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) await copy.write(chunk);
    const copied = await copy.end();
    copyMs = performance.now() - t;
    if (copied !== ROWS) throw new Error(`bare copy: ${copied} rows`);
    await client.query(`drop table bare_${s.name}`);
  } finally {
    client.release();
  }
  await settle();

  let t = performance.now();
  const first = await upload(employerId, m0, '2026-01');
  const firstMs = performance.now() - t;
  if (first.rowCount !== ROWS) throw new Error(`first import: ${JSON.stringify(first).slice(0, 300)}`);
  await settle();
  t = performance.now();
  const diff = await upload(employerId, m1, '2026-02');
  const diffMs = performance.now() - t;

  const q = (c: string) => `"${c}"`;
  const read = (path: string) => `read_csv('${path}', header=true, all_varchar=true, quote='"', ${s.duckOptions})`;
  const key = q('employeeNumber');
  const duck = runDuckDb([
    `create temp table a as select * from ${read(m0)}`,
    `create temp table b as select * from ${read(m1)}`,
    `select count(*) filter (where b.${key} is null), count(*) filter (where a.${key} is null),
       count(*) filter (where a.${key} is not null and b.${key} is not null and (${HEADERS.map((h) => `a.${q(h)} is distinct from b.${q(h)}`).join(' or ')}))
     from a full outer join b on a.${key} = b.${key}`,
  ]);
  return { firstMs, copyMs, diffMs, duckMs: duck.wallMs, duckRssMb: duck.peakRssMb, changes: diff.changeCounts, duck: duck.rows[0].map(Number) };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
