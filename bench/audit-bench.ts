/**
 * The audit line of `npm run bench:controls`: what 20 audit rules add to a payroll import. Two
 * generated months are read into snapshots as the import does, then the rules — every template
 * plus seven variants, presence, validity and change rules, with populations — run over month 1
 * against month 0 exactly as the import's audit does (activities/audit/run-audit.ts `evaluate`).
 * With a database, the whole audit as the import runs it (`runAudit`: the rules, then every
 * finding sealed and stored with its person) is timed too: that is what the audit adds to the
 * import. DuckDB evaluates the same rules as SQL over the same two monthly files, in the same run.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { buildSnapshot } from '../activities/payroll/snapshot-builder';
import { loadBaseline } from '../activities/payroll/baseline';
import { type AuditDeps, evaluate, runAudit } from '../activities/audit/run-audit';
import { RULE_TEMPLATES, type AuditRule } from '../domain/audit/rules';
import { DEFAULT_PROFILE } from '../domain/payroll/mapping-profile';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditRules, employers, payrollImports } from '../db/schema';
import { SecretBox } from '../infra/secret-box';
import { runDuckDb } from './duckdb';
import { writeSnapshotCsv } from './generate-snapshot';

const EXTRA: AuditRule[] = [
  { name: 'Minimum salary class 2', severity: 'warning', enabled: true, population: { and: [{ field: 'category', equals: 'white_collar' }, { field: 'salaryClass', equals: '2' }] }, definition: { kind: 'validity', check: { op: 'range', field: 'grossMonthlySalary', min: 2600 } } },
  { name: 'Minimum salary blue collar', severity: 'warning', enabled: true, population: { field: 'category', equals: 'blue_collar' }, definition: { kind: 'validity', check: { op: 'range', field: 'grossMonthlySalary', min: 2300 } } },
  { name: 'Address filled', severity: 'info', enabled: true, population: { field: 'status', equals: 'active' }, definition: { kind: 'presence', fields: ['street', 'houseNumber', 'postalCode', 'city'] } },
  { name: 'Known nationality', severity: 'info', enabled: true, population: null, definition: { kind: 'validity', check: { op: 'oneOf', field: 'nationality', values: ['NL', 'BE', 'DE', 'FR', 'PL'] } } },
  { name: 'Hired this century', severity: 'info', enabled: true, population: null, definition: { kind: 'validity', check: { op: 'range', field: 'workSchedulePercent', min: 10 } } },
  { name: 'Salary class changed', severity: 'info', enabled: true, population: null, definition: { kind: 'change', check: { op: 'changed', field: 'salaryClass' } } },
  { name: 'Address changed', severity: 'info', enabled: true, population: { or: [{ field: 'country', equals: 'NL' }, { field: 'country', equals: 'BE' }] }, definition: { kind: 'change', check: { op: 'changed', field: 'street' } } },
];

const PERIOD = '2026-10';
const PERIOD_FROM = '2026-10-01';

/**
 * The same 20 rules as SQL, the way a data engineer would write them against the two monthly
 * files: one column per rule, the number of findings it raises (a presence rule one per empty
 * field), change rules on a join with last month. Same order as `rules` above.
 */
function duckDbRuleSql(): string[] {
  const active = `coalesce(c.exitDate >= '${PERIOD_FROM}', true)`;
  const num = (col: string) => `try_cast(${col} as double)`;
  const bad = (col: string, cond: string) => `(${col} is not null and coalesce(not (${cond.replaceAll('$', num(col))}), true))`;
  const iso = (col: string) => `regexp_full_match(${col}, '\\d{4}-\\d{2}-\\d{2}')`;
  const age = `(cast(substr(c.hireDate, 1, 4) as int) - cast(substr(c.birthDate, 1, 4) as int) - case when substr(c.hireDate, 6) < substr(c.birthDate, 6) then 1 else 0 end)`;
  // BSN (8 or 9 digits, 11-check) or INSZ (11 digits, or 10 with its leading zero dropped; mod 97).
  const d = (i: number) => `cast(substr(lpad(c.nationalId, 9, '0'), ${i}, 1) as int)`;
  const bsn = `(regexp_full_match(c.nationalId, '\\d{8,9}') and lpad(c.nationalId, 9, '0') <> '000000000' and (${[1, 2, 3, 4, 5, 6, 7, 8].map((i) => `${10 - i} * ${d(i)}`).join(' + ')} - ${d(9)}) % 11 = 0)`;
  const inszOf = (x: string) => `(97 - cast(substr(${x}, 1, 9) as bigint) % 97 = cast(substr(${x}, 10, 2) as int) or 97 - (2000000000 + cast(substr(${x}, 1, 9) as bigint)) % 97 = cast(substr(${x}, 10, 2) as int))`;
  const insz = `(regexp_full_match(c.nationalId, '\\d{10,11}') and ${inszOf("lpad(c.nationalId, 11, '0')")})`;
  const changed = (f: string) => `(p.employeeNumber is not null and p.${f} is not null and p.${f} is distinct from c.${f})`;
  const cols = [
    `${active} and c.grossMonthlySalary is null`,
    `${active} and c.workSchedulePercent is null`,
    `c.category = 'white_collar' and c.salaryClass = '1' and ${bad('c.grossMonthlySalary', '$ >= 2000')}`,
    `c.birthDate is not null and c.hireDate is not null and ${iso('c.birthDate')} and ${iso('c.hireDate')} and ${age} not between 15 and 75`,
    'c.exitDate < c.hireDate',
    `c.nationalId is not null and not coalesce(${bsn} or ${insz}, false)`,
    bad('c.workSchedulePercent', '$ between 0 and 100'),
    `p.employeeNumber is not null and ${num('c.grossMonthlySalary')} > ${num('p.grossMonthlySalary')} and (${num('p.grossMonthlySalary')} = 0 or (${num('c.grossMonthlySalary')} - ${num('p.grossMonthlySalary')}) / ${num('p.grossMonthlySalary')} * 100 > 10)`,
    `p.employeeNumber is not null and ${num('c.grossMonthlySalary')} < ${num('p.grossMonthlySalary')}`,
    changed('workSchedulePercent'),
    changed('category'),
    changed('birthDate'),
    changed('nationalId'),
    `c.category = 'white_collar' and c.salaryClass = '2' and ${bad('c.grossMonthlySalary', '$ >= 2600')}`,
    `c.category = 'blue_collar' and ${bad('c.grossMonthlySalary', '$ >= 2300')}`,
    `case when ${active} then (c.street is null)::int + (c.houseNumber is null)::int + (c.postalCode is null)::int + (c.city is null)::int else 0 end`,
    "c.nationality is not null and c.nationality not in ('NL', 'BE', 'DE', 'FR', 'PL')",
    bad('c.workSchedulePercent', '$ >= 10'),
    changed('salaryClass'),
    `c.country in ('NL', 'BE') and ${changed('street')}`,
  ];
  return cols.map((e, i) => `sum((${e})::int) as r${i}`);
}

export interface AuditBenchResult {
  people: number;
  rules: number;
  findings: number;
  /** Mutaflow: the rules over the import's snapshot against last month's (what the import adds). */
  wallMs: number;
  cpuMs: number;
  peakRssMb: number;
  duck: { wallMs: number; loadMs: number; rulesMs: number; peakRssMb: number };
  /** Findings per rule agree with DuckDB's. */
  agrees: boolean;
  mismatches: string[];
  /** Findings per rule, by name. */
  perRule: { name: string; findings: number }[];
  /** With a database: the whole audit as the import runs it (rules, findings sealed and stored). */
  stored?: { wallMs: number; findings: number };
}

/** Two generated months of `rows` people, read into snapshots as the import does; then the rules, and DuckDB on the same files. */
export async function benchAudit({ rows: ROWS, outDir, db }: { rows: number; outDir: string; db?: Db }): Promise<AuditBenchResult> {
  const dir = await mkdtemp(join(outDir, 'audit-'));
  try {
    const base = { fileName: 'f.csv', profile: DEFAULT_PROFILE };
    for (const month of [0, 1]) await writeSnapshotCsv(join(dir, `m${month}.csv`), { employees: ROWS, month, seed: 11, churn: 0.02, changeRate: 0.1, firstPeriod: '2026-09' });
    await buildSnapshot({ ...base, sourcePath: join(dir, 'm0.csv'), snapshotPath: join(dir, 's0'), delta: join(dir, 'd0') });
    const loaded = await loadBaseline(join(dir, 's0'));
    // As the import does: it keeps last month's lines of the people who changed, for the change rules.
    const built = await buildSnapshot({
      ...base, sourcePath: join(dir, 'm1.csv'), snapshotPath: join(dir, 's1'), delta: join(dir, 'd1'), changedBaseline: join(dir, 's1.changed'), baseline: loaded.baseline, baselineSource: loaded.header.source,
    });
    if (!built.ok) throw new Error('bench month 1 rejected');
    const rules = [...RULE_TEMPLATES.map((t) => t.rule), ...EXTRA].map((r, i) => ({
      id: `rule-${i}`, employerId: 'bench', name: r.name, severity: r.severity, kind: r.definition.kind, population: r.population ?? null, definition: r.definition,
      enabled: true, version: 1, templateId: null, createdAt: new Date(), updatedAt: new Date(), updatedBy: 'bench',
    }) satisfies typeof auditRules.$inferSelect);
    // Plain snapshot files: the bench measures the rules, not the unsealing.
    const path = (id: string, part = 'snapshot') => join(dir, part === 'snapshot' ? id : `${id}.${part}`);
    const files = { snapshotPath: path, withSnapshot: <T>(id: string, work: (p: string) => Promise<T>, part?: string) => work(path(id, part)) };
    const rssBefore = process.resourceUsage().maxRSS;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const { hits, personCount } = await evaluate(files, 's1', 's0', PERIOD, rules);
    const wallMs = Math.round(performance.now() - t0);
    const cpu = process.cpuUsage(cpu0);
    const peakRssMb = Math.round(Math.max(rssBefore, process.resourceUsage().maxRSS) / 1024);

    const csv = (m: number) => `read_csv('${join(dir, `m${m}.csv`)}', header = true, all_varchar = true, delim = ',', quote = '"')`;
    const duck = runDuckDb([
      `create table m1 as select * from ${csv(1)}`,
      `create table m0 as select * from ${csv(0)}`,
      `select ${duckDbRuleSql().join(', ')} from m1 c left join m0 p on p.employeeNumber = c.employeeNumber`,
    ]);
    const theirs = (duck.rows[0] ?? []).map((v) => Number(v));
    const ours = rules.map((r) => hits.filter((h) => h.rule.id === r.id).length);
    const mismatches = rules.flatMap((r, i) => (ours[i] === theirs[i] ? [] : [`${r.name}: ${ours[i]} vs DuckDB ${theirs[i]}`]));
    const stored = db ? await storeTimed(db, ROWS, rules, path) : undefined;
    return {
      people: personCount, rules: rules.length, findings: hits.length, wallMs, cpuMs: Math.round((cpu.user + cpu.system) / 1000), peakRssMb,
      duck: { wallMs: duck.wallMs, loadMs: duck.stepMs[0] + duck.stepMs[1], rulesMs: duck.stepMs[2], peakRssMb: duck.peakRssMb },
      agrees: mismatches.length === 0, mismatches, perRule: rules.map((r, i) => ({ name: r.name, findings: ours[i] })), stored,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * `runAudit` as the import calls it, timed: the employer, the two imports, the rules and one
 * person per employee number are stored first (not timed), so that each finding is stored with
 * its person as in production. The snapshot files stay plain (`path`), as for `evaluate` above.
 */
async function storeTimed(db: Db, rows: number, benchRules: (typeof auditRules.$inferSelect)[], path: (id: string, part?: string) => string): Promise<{ wallMs: number; findings: number }> {
  const [employer] = await db.insert(employers).values({ name: 'Audit bench', country: 'NL', mappingProfile: DEFAULT_PROFILE }).returning({ id: employers.id });
  const importRow = (period: string, baselineImportId: string | null) => ({
    employerId: employer.id, period, status: 'completed' as const, stage: 'completed', fileName: 'f.csv', fileSha256: randomUUID(), fileSize: 1,
    uploadedBy: 'bench', workflowId: `bench-${randomUUID()}`, baselineImportId,
  });
  const [m0] = await db.insert(payrollImports).values(importRow('2026-09', null)).returning({ id: payrollImports.id });
  const [m1] = await db.insert(payrollImports).values(importRow(PERIOD, m0.id)).returning({ id: payrollImports.id });
  await db.insert(auditRules).values(benchRules.map(({ id: _id, ...r }) => ({ ...r, employerId: employer.id })));
  // Everyone the generator may have made (employee numbers E0000001…), one person each.
  await db.execute(sql`insert into persons (employer_id, employee_number, data, status, last_import_id)
    select ${employer.id}, 'E' || lpad(i::text, 7, '0'), '{}'::jsonb, 'active', ${m1.id} from generate_series(1, ${Math.ceil(rows * 1.05)}) i`);
  const name = new Map([[m0.id, 's0'], [m1.id, 's1']]);
  const plain = (id: string, part?: string) => path(name.get(id) ?? id, part);
  const files = { snapshotPath: plain, withSnapshot: <T>(id: string, work: (p: string) => Promise<T>, part?: string) => work(plain(id, part)) };
  const deps = { db, files, secrets: new SecretBox(Buffer.alloc(32, 7)), messageWorkflows: { resend: async () => undefined, wake: async () => undefined } } as unknown as AuditDeps;
  const t0 = performance.now();
  const outcome = await runAudit(deps, { importId: m1.id, trigger: 'import', by: 'bench' });
  const wallMs = Math.round(performance.now() - t0);
  const findings = outcome ? outcome.counts.info + outcome.counts.warning + outcome.counts.blocking : 0;
  return { wallMs, findings };
}
