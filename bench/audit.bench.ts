/**
 * What 20 audit rules add to a payroll import: two generated months (BENCH_ROWS people, default
 * 1,000,000) are read into snapshots as the import does, then the rules — every template plus
 * seven variants, presence, validity and change rules, with populations — run over month 1
 * against month 0 exactly as the import's audit does (activities/audit/run-audit.ts `evaluate`).
 * Storing the findings is not timed here (their number depends on the data, not the rules).
 * Usage: tsx bench/audit.bench.ts   Prints one JSON line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSnapshot } from '../activities/payroll/snapshot-builder';
import { loadBaseline } from '../activities/payroll/baseline';
import { evaluate } from '../activities/audit/run-audit';
import { RULE_TEMPLATES, type AuditRule } from '../domain/audit/rules';
import { DEFAULT_PROFILE } from '../domain/payroll/mapping-profile';
import type { auditRules } from '../db/schema';
import { writeSnapshotCsv } from './generate-snapshot';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

const EXTRA: AuditRule[] = [
  { name: 'Minimum salary class 2', severity: 'warning', enabled: true, population: { and: [{ field: 'category', equals: 'white_collar' }, { field: 'salaryClass', equals: '2' }] }, definition: { kind: 'validity', check: { op: 'range', field: 'grossMonthlySalary', min: 2600 } } },
  { name: 'Minimum salary blue collar', severity: 'warning', enabled: true, population: { field: 'category', equals: 'blue_collar' }, definition: { kind: 'validity', check: { op: 'range', field: 'grossMonthlySalary', min: 2300 } } },
  { name: 'Address filled', severity: 'info', enabled: true, population: { field: 'status', equals: 'active' }, definition: { kind: 'presence', fields: ['street', 'houseNumber', 'postalCode', 'city'] } },
  { name: 'Known nationality', severity: 'info', enabled: true, population: null, definition: { kind: 'validity', check: { op: 'oneOf', field: 'nationality', values: ['NL', 'BE', 'DE', 'FR', 'PL'] } } },
  { name: 'Hired this century', severity: 'info', enabled: true, population: null, definition: { kind: 'validity', check: { op: 'range', field: 'workSchedulePercent', min: 10 } } },
  { name: 'Salary class changed', severity: 'info', enabled: true, population: null, definition: { kind: 'change', check: { op: 'changed', field: 'salaryClass' } } },
  { name: 'Address changed', severity: 'info', enabled: true, population: { or: [{ field: 'country', equals: 'NL' }, { field: 'country', equals: 'BE' }] }, definition: { kind: 'change', check: { op: 'changed', field: 'street' } } },
];

void (async () => {
  const dir = await mkdtemp(join(tmpdir(), 'audit-bench-'));
  try {
    const base = { fileName: 'f.csv', profile: DEFAULT_PROFILE };
    for (const month of [0, 1]) await writeSnapshotCsv(join(dir, `m${month}.csv`), { employees: ROWS, month, seed: 11, churn: 0.02, changeRate: 0.1, firstPeriod: '2026-09' });
    await buildSnapshot({ ...base, sourcePath: join(dir, 'm0.csv'), snapshotPath: join(dir, 's0'), delta: join(dir, 'd0') });
    const loaded = await loadBaseline(join(dir, 's0'));
    const built = await buildSnapshot({ ...base, sourcePath: join(dir, 'm1.csv'), snapshotPath: join(dir, 's1'), delta: join(dir, 'd1'), baseline: loaded.baseline, baselineSource: loaded.header.source });
    if (!built.ok) throw new Error('bench month 1 rejected');
    const rules = [...RULE_TEMPLATES.map((t) => t.rule), ...EXTRA].map((r, i) => ({
      id: `rule-${i}`, employerId: 'bench', name: r.name, severity: r.severity, kind: r.definition.kind, population: r.population ?? null, definition: r.definition,
      enabled: true, version: 1, templateId: null, createdAt: new Date(), updatedAt: new Date(), updatedBy: 'bench',
    }) satisfies typeof auditRules.$inferSelect);
    // Plain snapshot files: the bench measures the rules, not the unsealing.
    const files = { snapshotPath: (id: string) => join(dir, id), withSnapshot: <T>(id: string, work: (path: string) => Promise<T>) => work(join(dir, id)) };
    const t0 = performance.now();
    const { hits, personCount } = await evaluate(files, 's1', 's0', '2026-10', rules);
    const wallMs = Math.round(performance.now() - t0);
    console.log(JSON.stringify({ rules: rules.length, people: personCount, findings: hits.length, wallMs, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
})();
