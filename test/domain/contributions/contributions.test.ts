import {
  type ContributionPerson, type ContributionPlan, type Deducted, REASON_LABELS, computeContributions, decimalToCents, versionDifferences,
} from '../../../domain/contributions/contributions';
import { premiumFormulaSchema } from '../../../domain/contributions/premium-formula';
import { addPeriods } from '../../../domain/shared/calendar';

const HOSP: ContributionPlan = { planId: 'hosp', payCode: '7001', formula: premiumFormulaSchema.parse({ kind: 'fixed', amountCents: 3000, employerShareBasisPoints: 0 }) };
const PENSION: ContributionPlan = { planId: 'pension', payCode: '7002', formula: premiumFormulaSchema.parse({ kind: 'percent_of_salary', rateBasisPoints: 300, employerShareBasisPoints: 5000 }) };
const FAMILY: ContributionPlan = { planId: 'family', payCode: '7003', formula: premiumFormulaSchema.parse({ kind: 'per_family_member', insuredCents: 2000, partnerCents: 1500, childCents: 500, employerShareBasisPoints: 0 }) };

const person = (over: Partial<ContributionPerson> = {}): ContributionPerson => ({
  personId: 'p1', employeeNumber: 'E1', birthDate: '1980-05-05', exitDate: null,
  salaryCents: [{ from: '0001-01-01', value: 400_000 }], workSchedulePercent: [{ from: '0001-01-01', value: 100 }],
  coverage: [{ planId: 'hosp', relation: null, startDate: '2020-01-01', endDate: null }],
  ...over,
});

const run = (persons: ContributionPerson[], deducted: Deducted[] = [], period = '2026-03', plans = [HOSP, PENSION, FAMILY], firstPeriod = '2025-01') =>
  computeContributions({ period, firstPeriod, retroMonths: 12, plans, persons, deducted });

/** What a file for each month from `from` to `to` deducted, as the ledger holds it. */
const paid = (planId: string, from: string, to: string, employeeCents: number, salaryCents: number | null = 400_000, employerCents = 0): Deducted[] => {
  const out: Deducted[] = [];
  for (let m = from; m <= to; m = addPeriods(m, 1)) out.push({ personId: 'p1', planId, month: m, employeeCents, employerCents, salaryCents });
  return out;
};

describe('contributions', () => {
  it('a full month: one monthly line with the employee share, nothing for months already deducted', () => {
    const { lines, findings } = run([person()], paid('hosp', '2025-03', '2026-02', 3000));
    expect(findings).toEqual([]);
    expect(lines).toEqual([expect.objectContaining({ month: '2026-03', payCode: '7001', employeeCents: 3000, reason: 'monthly', coveredDays: 31, daysInMonth: 31 })]);
  });

  it('an enrollment starting in a past month brings catch-up lines for the months missed', () => {
    const p = person({ coverage: [{ planId: 'hosp', relation: null, startDate: '2025-12-01', endDate: null }] });
    const { lines } = run([p], paid('hosp', '2026-02', '2026-02', 0).filter(() => false));
    expect(lines.map((l) => [l.month, l.employeeCents, l.reason])).toEqual([
      ['2025-12', 3000, 'catch_up'], ['2026-01', 3000, 'catch_up'], ['2026-02', 3000, 'catch_up'], ['2026-03', 3000, 'monthly'],
    ]);
  });

  it('catch-up never reaches before the first period nor beyond the retro window', () => {
    const p = person({ coverage: [{ planId: 'hosp', relation: null, startDate: '2019-01-01', endDate: null }] });
    expect(run([p], [], '2026-03', [HOSP], '2026-02').lines.map((l) => l.month)).toEqual(['2026-02', '2026-03']);
    expect(run([p], [], '2026-03', [HOSP], '2020-01').lines.map((l) => l.month)[0]).toBe('2025-03');
  });

  it('an enrollment ended in the past brings refunds for the months deducted after it ended', () => {
    const p = person({ coverage: [{ planId: 'hosp', relation: null, startDate: '2020-01-01', endDate: '2026-01-31' }] });
    const { lines } = run([p], paid('hosp', '2025-03', '2026-02', 3000));
    expect(lines.map((l) => [l.month, l.employeeCents, l.reason])).toEqual([['2026-02', -3000, 'refund']]);
  });

  it('a salary change applies from its month, whatever its day: corrections for the months already deducted', () => {
    const p = person({
      coverage: [{ planId: 'pension', relation: null, startDate: '2020-01-01', endDate: null }],
      salaryCents: [{ from: '0001-01-01', value: 400_000 }, { from: '2026-01-20', value: 500_000 }],
    });
    // 3 % of 4 000.00 = 120.00, half is the employee's.
    const { lines } = run([p], paid('pension', '2025-03', '2026-02', 6000, 400_000, 6000));
    expect(lines.map((l) => [l.month, l.employeeCents, l.reason])).toEqual([
      ['2026-01', 1500, 'salary_change'], ['2026-02', 1500, 'salary_change'], ['2026-03', 7500, 'monthly'],
    ]);
  });

  it('leaving mid-month: pro rata by calendar days (15 of 31), total and employee share each rounded half up', () => {
    const p = person({ exitDate: '2026-03-15', coverage: [{ planId: 'pension', relation: null, startDate: '2020-01-01', endDate: null }], salaryCents: [{ from: '0001-01-01', value: 333_333 }] });
    // Full month: 3 % of 3 333.33 = 100.00 (9 999.99 → 10 000), employee 5 000. 15/31: 4 838.71 → 4 839 total, 2 419.35 → 2 419 employee.
    const { lines } = run([p], paid('pension', '2025-03', '2026-02', 5000, 333_333, 5000));
    expect(lines).toEqual([expect.objectContaining({ month: '2026-03', employeeCents: 2419, employerCents: 4839 - 2419, reason: 'partial_month', coveredDays: 15, daysInMonth: 31 })]);
  });

  it('a person leaving in a month already deducted in full gets the days after leaving back', () => {
    const p = person({ exitDate: '2026-02-14' });
    const { lines } = run([p], paid('hosp', '2025-03', '2026-02', 3000));
    // February 2026 has 28 days: 14/28 of 30.00 = 15.00 due, 30.00 deducted.
    expect(lines.map((l) => [l.month, l.employeeCents, l.reason])).toEqual([['2026-02', -1500, 'recalculation']]);
  });

  it('joining mid-month in the period: a partial month', () => {
    const p = person({ coverage: [{ planId: 'hosp', relation: null, startDate: '2026-03-11', endDate: null }] });
    expect(run([p]).lines).toEqual([expect.objectContaining({ employeeCents: 2032, reason: 'partial_month', coveredDays: 21 })]); // 21/31 × 3 000 = 2 032.26
  });

  it('family members covered on any day of the month count; a partner added late is a recalculation', () => {
    const p = person({
      coverage: [
        { planId: 'family', relation: null, startDate: '2020-01-01', endDate: null },
        { planId: 'family', relation: 'partner', startDate: '2026-02-28', endDate: null },
        { planId: 'family', relation: 'child', startDate: '2020-01-01', endDate: '2026-03-01' },
      ],
    });
    const { lines } = run([p], paid('family', '2025-03', '2026-02', 2500));
    expect(lines.map((l) => [l.month, l.employeeCents, l.reason])).toEqual([['2026-02', 1500, 'recalculation'], ['2026-03', 4000, 'monthly']]);
  });

  it('a formula that cannot be evaluated is a finding on the person, not a zero line', () => {
    const p = person({ coverage: [{ planId: 'pension', relation: null, startDate: '2026-02-01', endDate: null }], salaryCents: [{ from: '0001-01-01', value: null }] });
    const { lines, findings } = run([p]);
    expect(lines).toEqual([]);
    expect(findings).toEqual([{ personId: 'p1', employeeNumber: 'E1', planId: 'pension', field: 'salary', months: ['2026-02', '2026-03'] }]);
  });

  it('plans without a pay code (not in the run) give nothing', () => {
    expect(run([person()], [], '2026-03', [PENSION]).lines).toEqual([]);
  });

  it('every reason has a label in NL, FR and EN', () => {
    for (const labels of Object.values(REASON_LABELS)) for (const l of ['nl', 'fr', 'en'] as const) expect(labels[l].length).toBeGreaterThan(3);
  });

  it('reads payroll decimals exactly, rounding a third decimal half up', () => {
    expect(decimalToCents('4321.98')).toBe(432_198);
    expect(decimalToCents('0.1')).toBe(10);
    expect(decimalToCents('10.005')).toBe(1001);
    expect(decimalToCents('10.004')).toBe(1000);
    expect(decimalToCents('-2,5')).toBe(-250);
    expect(decimalToCents('abc')).toBeNull();
    expect(decimalToCents(null)).toBeNull();
  });

  it('version differences: changed, added and removed lines', () => {
    const a = run([person(), person({ personId: 'p2', employeeNumber: 'E2' })]).lines;
    const b = run([person({ coverage: [{ planId: 'hosp', relation: null, startDate: '2026-03-16', endDate: null }] }), person({ personId: 'p3', employeeNumber: 'E3' })]).lines;
    expect(versionDifferences(a, a)).toEqual([]);
    const d = versionDifferences(a, b);
    expect(d).toEqual(expect.arrayContaining([
      expect.objectContaining({ employeeNumber: 'E2', oldCents: expect.any(Number), newCents: null }),
      expect.objectContaining({ employeeNumber: 'E3', oldCents: null }),
      expect.objectContaining({ employeeNumber: 'E1', reason: 'partial_month', oldCents: null }),
      expect.objectContaining({ employeeNumber: 'E1', reason: 'monthly', newCents: null }),
    ]));
  });
});
