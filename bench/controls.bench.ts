/**
 * `npm run bench:controls`: the controls — audit rules, comparison of two files, bordereau
 * reconciliation — each beside DuckDB doing the same work by hand on the same files, in the same
 * run, with the ratio. BENCH_CONTROLS picks lines (default `audit,comparison,bordereau`);
 * BENCH_AUDIT_ROWS (default 1M people), BENCH_COMPARE_ROWS (default 1M rows a side) and
 * BENCH_BORDEREAU_SIZE (default 100k lines) scale them. Results go to stdout and, for a line run
 * at its full size, into docs/benchmarks.md between that line's markers.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { createDb } from '../db/client';
import { runMigrations } from '../db/migrate';
import { utcDate } from '../domain/shared/calendar';
import { startEmbeddedPostgres } from '../infra/embedded-postgres';
import { benchAudit } from './audit-bench';
import { benchBordereau } from './bordereau-bench';
import { benchComparison } from './comparison-bench';
import { ensureDuckDb } from './duckdb';

const LINES = new Set((process.env.BENCH_CONTROLS ?? 'audit,comparison,bordereau').split(',').map((l) => l.trim()));
const ROWS = Number(process.env.BENCH_COMPARE_ROWS ?? 1_000_000);
const AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
const BORDEREAU_SIZE = Number(process.env.BENCH_BORDEREAU_SIZE ?? 100_000);
const OUT = resolve(__dirname, 'out');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (ours: number, theirs: number) => `${(ours / theirs).toFixed(2)}×`;

let duckVersion = '';
const machine = () => `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}, `
  + `DuckDB ${duckVersion} (Python, all cores); load average ${loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end of the line`
  // Over half a core's worth of other work per core: the figures are upper bounds, and only ratios to DuckDB in the same run compare.
  + `${loadavg()[0] > cpus().length / 2 ? ' — the host was shared with other work, so these times are upper bounds' : ''}.`;

/** Writes a line's section between its markers in docs/benchmarks.md (appended the first time). */
async function record(marker: string, table: string) {
  const docPath = resolve(__dirname, '..', 'docs', 'benchmarks.md');
  const existing = existsSync(docPath) ? await readFile(docPath, 'utf8') : '# Benchmarks\n\n';
  const open = `<!-- bench:${marker} -->`;
  const close = `<!-- /bench:${marker} -->`;
  const [before, rest] = existing.includes(open) ? existing.split(open) : [`${existing.trimEnd()}\n\n`, ''];
  const tail = rest.includes(close) ? rest.split(close)[1] : rest;
  await writeFile(docPath, `${before}${open}\n${table}${close}${tail}`);
  console.log(`recorded in ${docPath}`);
}

async function auditLine() {
  // The whole audit stores its findings: a database of its own, as for the comparison.
  const pg = await startEmbeddedPostgres({ dataDir: join(OUT, 'pg-controls-audit'), port: 54398, database: 'mutaflow_bench', persistent: false });
  let r: Awaited<ReturnType<typeof benchAudit>>;
  try {
    const db = createDb(pg.url, 4);
    await runMigrations(db);
    r = await benchAudit({ rows: AUDIT_ROWS, outDir: OUT, db });
    await db.$client.end();
  } finally {
    await pg.stop();
  }
  const table = [
    `### Audit rules — ${utcDate(Date.now())}`,
    '',
    `${machine()} Two generated months of ${AUDIT_ROWS.toLocaleString('en')} people (2 % churn, 10 % changed) read into snapshots as the import does; `
      + `then ${r.rules} rules (the 13 templates and 7 variants: presence, validity with populations, change against last month) over month 1 against month 0, `
      + 'as the import\'s audit runs them: the rules alone (`evaluate` in activities/audit/run-audit.ts), and the whole audit the import runs (`runAudit`: the rules again, then each finding sealed and stored with its person in PostgreSQL). '
      + 'DuckDB evaluates the same rules as SQL (one sum per rule, change rules on a join with last month) over the same two monthly CSV files.',
    '',
    '| measurement | people | wall | CPU | peak RSS (process, generation included) | target |',
    '|---|---:|---:|---:|---:|---|',
    `| Mutaflow: the rules (the snapshot and last month's changed lines read from disk, ${r.rules} rules, ${r.findings.toLocaleString('en')} findings) | ${r.people.toLocaleString('en')} | ${s(r.wallMs)} | ${s(r.cpuMs)} | ${r.peakRssMb} MB | |`,
    `| **Mutaflow: what the audit adds to the import** (the rules, then ${r.stored!.findings.toLocaleString('en')} findings sealed and stored) | ${r.people.toLocaleString('en')} | **${s(r.stored!.wallMs)}** | | | ≤ 3 s per 1M people |`,
    `| DuckDB: read both CSV files + the rules | | ${s(r.duck.wallMs)} | | ${r.duck.peakRssMb} MB | |`,
    `| DuckDB: the rules alone (tables in memory) | | ${s(r.duck.rulesMs)} | | | |`,
    `| **ratio** of the rules to DuckDB from the files / to its rules alone | | **${ratio(r.wallMs, r.duck.wallMs)}** / ${ratio(r.wallMs, r.duck.rulesMs)} | | | |`,
    '',
    `Findings per rule: ${r.perRule.filter((x) => x.findings > 0).map((x) => `${x.name} ${x.findings.toLocaleString('en')}`).join('; ')}; the others none — `
      + (r.agrees ? 'the same as DuckDB\'s for all 20 rules.' : `**they differ from DuckDB's:** ${r.mismatches.join('; ')}.`),
    '',
  ].join('\n');
  console.log(`\n${table}`);
  if (AUDIT_ROWS === 1_000_000) await record('controls-audit', table);
}

async function bordereauLine() {
  const r = await benchBordereau({ size: BORDEREAU_SIZE, outDir: OUT });
  const same = r.ours.billedNotEnrolled === r.duck.billedNotEnrolled && r.ours.enrolledNotBilled === r.duck.enrolledNotBilled && r.ours.premiumMismatch === r.duck.premiumMismatch;
  const table = [
    `### Bordereau reconciliation — ${utcDate(Date.now())}`,
    '',
    `${machine()} Embedded PostgreSQL and a Temporal dev server. A bordereau of ${r.lines.toLocaleString('en')} lines against ${r.enrollments.toLocaleString('en')} enrollments `
      + '(1 % enrolled and not billed, 0.5 % billed and not enrolled, 1 % with another premium), uploaded through the API: mapping, loading what was communicated '
      + 'and enrolled, reconciling, storing the run, answering with its differences. DuckDB joins the same bordereau file with the enrollments exported to CSV '
      + '(national id, the plan\'s premium).',
    '',
    '| measurement | lines | wall | target |',
    '|---|---:|---:|---|',
    `| **Mutaflow reconciliation, end to end** (${r.differences.toLocaleString('en')} differences) | ${r.lines.toLocaleString('en')} | **${s(r.wallMs)}** | ≤ 5 s |`,
    `| DuckDB full outer join of the bordereau and the exported enrollments | | ${s(r.duck.wallMs)} | |`,
    `| the export of the enrollments from PostgreSQL to CSV (by hand, before DuckDB) | | ${s(r.duck.exportMs)} | |`,
    `| **ratio** to DuckDB's join / to export + join | | **${ratio(r.wallMs, r.duck.wallMs)}** / ${ratio(r.wallMs, r.duck.wallMs + r.duck.exportMs)} | |`,
    '',
    `Billed not enrolled ${r.ours.billedNotEnrolled}, enrolled not billed ${r.ours.enrolledNotBilled}, premium differs ${r.ours.premiumMismatch} — `
      + `${same ? 'the same as DuckDB\'s' : `**DuckDB found ${JSON.stringify(r.duck)}**`}. Mutaflow also checks the changes against what was communicated, which the join does not.`,
    '',
  ].join('\n');
  console.log(`\n${table}`);
  if (BORDEREAU_SIZE === 100_000) await record('controls-bordereau', table);
}

async function comparisonLine() {
  const pg = await startEmbeddedPostgres({ dataDir: join(OUT, 'pg-controls'), port: 54397, database: 'mutaflow_bench', persistent: false });
  try {
    const db = createDb(pg.url, 2);
    await runMigrations(db);
    const r = await benchComparison({ outDir: OUT, rows: ROWS, db, databaseUrl: pg.url });
    await db.$client.end();
    const c = r.ours.counts;
    const agrees = c.only_in_a === r.duck.onlyA && c.only_in_b === r.duck.onlyB && c.difference === r.duck.differences
      && c.only_in_a === r.expected.onlyA && c.only_in_b === r.expected.onlyB && c.difference === r.expected.differences;
    const table = [
      `### Controls: comparison of two files — ${utcDate(Date.now())}`,
      '',
      `${machine()} Embedded PostgreSQL 18. Files: side A ${ROWS.toLocaleString('en')} rows `
        + '(`;`, decimal comma, dd-mm-yyyy), side B the same people as an HR sheet (`,`, ISO dates, decimal point, ids with dots on half the rows), '
        + '1 % only in A, 0.5 % only in B, 5 % with one field beyond tolerance, 10 % with changes within it; 20 field pairs '
        + '(8 text ignoring case, spaces and accents; 8 amounts ± 0.50; 4 dates ± 2 days).',
      '',
      '| measurement | rows (A + B) | wall | peak RSS | target |',
      '|---|---:|---:|---:|---|',
      `| **Mutaflow comparison** (read both files, join, store result lines in PostgreSQL) | ${(c.rowsA + c.rowsB).toLocaleString('en')} | **${s(r.ours.wallMs)}** | ${r.ours.peakRssMb} MB | ≤ 15 s, ≤ 1.5 GB |`,
      `| DuckDB full outer join, same normalisation and tolerances (counts only, nothing stored) | | ${s(r.duck.wallMs)} | ${r.duck.peakRssMb} MB | |`,
      `| **ratio** | | **${ratio(r.ours.wallMs, r.duck.wallMs)}** | | ≤ 3× |`,
      '',
      `Found: only in A ${c.only_in_a}, only in B ${c.only_in_b}, differences ${c.difference}, duplicate keys ${c.duplicate_key}, `
        + `values that do not parse ${c.unparseable} — ${agrees ? 'the same as DuckDB\'s and as generated' : `**DuckDB found ${JSON.stringify(r.duck)}, generated ${JSON.stringify(r.expected)}**`}.`,
      '',
    ].join('\n');
    console.log(`\n${table}`);
    if (ROWS === 1_000_000) await record('controls-comparison', table);
  } finally {
    await pg.stop();
  }
}

async function main() {
  await mkdir(OUT, { recursive: true });
  duckVersion = ensureDuckDb();
  if (LINES.has('audit')) await auditLine();
  if (LINES.has('comparison')) await comparisonLine();
  if (LINES.has('bordereau')) await bordereauLine();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
