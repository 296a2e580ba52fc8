/**
 * `npm run bench:contributions` (tsx bench/contributions.bench.ts): one month's contributions for
 * 50,000 persons × 3 plans (fixed, % of salary with a ceiling and work time, age bands), with a
 * ledger of the 12 months already deducted (so every month of the correction window is
 * recomputed and compared), about 1 % of people with a retroactive salary change, 1 % leaving
 * mid-month and 1 % enrolled retroactively — then the CSV rows of the payroll file.
 * BENCH_CONTRIBUTIONS_SIZE scales it. Target (issue 16): ≤ 5 s. Record it in docs/benchmarks.md.
 */
import { type ContributionPerson, type ContributionPlan, type Deducted, computeContributions } from '../domain/contributions/contributions';
import { contributionLayoutSchema, contributionRows } from '../domain/contributions/layout';
import { premiumFormulaSchema } from '../domain/contributions/premium-formula';
import { addPeriods } from '../domain/shared/calendar';

const SIZE = Number(process.env.BENCH_CONTRIBUTIONS_SIZE ?? 50_000);
const PERIOD = '2026-11';

const plans: ContributionPlan[] = [
  { planId: 'hosp', payCode: '7001', formula: premiumFormulaSchema.parse({ kind: 'fixed', amountCents: 3150, employerShareBasisPoints: 4000 }) },
  { planId: 'pension', payCode: '7002', formula: premiumFormulaSchema.parse({ kind: 'percent_of_salary', rateBasisPoints: 350, ceilingCents: 650_000, proRataWorkSchedule: true, employerShareBasisPoints: 6667 }) },
  { planId: 'life', payCode: '7003', formula: premiumFormulaSchema.parse({ kind: 'age_bands', bands: [{ fromAge: 0, toAge: 34, amountCents: 900 }, { fromAge: 35, toAge: 49, amountCents: 1400 }, { fromAge: 50, toAge: 70, amountCents: 2600 }], employeeFixedCents: 500 }) },
];

function seed() {
  const persons: ContributionPerson[] = [];
  const deducted: Deducted[] = [];
  for (let i = 0; i < SIZE; i++) {
    const salary = 250_000 + (i * 7919) % 600_000;
    const retroStart = i % 100 === 1;
    persons.push({
      personId: `p${i}`, employeeNumber: `E${String(i).padStart(6, '0')}`,
      birthDate: `${1960 + (i % 40)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      exitDate: i % 100 === 2 ? '2026-11-17' : null,
      salaryCents: i % 100 === 3 ? [{ from: '0001-01-01', value: salary }, { from: '2026-08-10', value: salary + 12_345 }] : [{ from: '0001-01-01', value: salary }],
      workSchedulePercent: [{ from: '0001-01-01', value: i % 5 === 0 ? 80 : 100 }],
      coverage: plans.map((p) => ({ planId: p.planId, relation: null, startDate: retroStart ? '2026-07-01' : '2020-01-01', endDate: null })),
    });
  }
  // What the last 12 files deducted: the same computation month by month (the first run after a year of files).
  const ledger = new Map<string, Deducted>();
  for (let m = addPeriods(PERIOD, -12); m < PERIOD; m = addPeriods(m, 1)) {
    const known = persons.map((p) => (p.coverage[0].startDate === '2026-07-01' ? { ...p, coverage: [] } : { ...p, salaryCents: [p.salaryCents[0]] }));
    const { lines } = computeContributions({ period: m, firstPeriod: m, retroMonths: 0, plans, persons: known, deducted: [] });
    for (const l of lines) ledger.set(`${l.personId}|${l.planId}|${l.month}`, { personId: l.personId, planId: l.planId, month: l.month, employeeCents: l.employeeCents, employerCents: l.employerCents, salaryCents: l.salaryCents });
  }
  for (const d of ledger.values()) deducted.push(d);
  return { persons, deducted };
}

const t0 = Date.now();
const { persons, deducted } = seed();
console.log(`seeded ${SIZE} persons × ${plans.length} plans, ${deducted.length} ledger months, in ${Date.now() - t0} ms`);
const t1 = Date.now();
const { lines, findings } = computeContributions({ period: PERIOD, firstPeriod: '2025-01', retroMonths: 12, plans, persons, deducted });
const computed = Date.now() - t1;
const layout = contributionLayoutSchema.parse({ payCodes: {} });
const table = contributionRows(layout, lines, { period: PERIOD, version: 1 });
const total = Date.now() - t1;
const reasons: Record<string, number> = {};
for (const l of lines) reasons[l.reason] = (reasons[l.reason] ?? 0) + 1;
console.log(`contributions ${PERIOD}: ${SIZE} persons × ${plans.length} plans → ${lines.length} lines (${JSON.stringify(reasons)}), ${findings.length} findings, ${table.rows.length} file rows`);
console.log(`compute ${computed} ms, compute + file rows ${total} ms (target ≤ 5000 ms) — ${total <= 5000 ? 'OK' : 'ABOVE TARGET'}`);
