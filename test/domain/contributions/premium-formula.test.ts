import { ageOn, computePremium, mulDivHalfUp, premiumFormulaSchema, PremiumInputError } from '../../../domain/contributions/premium-formula';

const asOf = '2026-11-01';

describe('premium formula', () => {
  it('rounds half up to the cent', () => {
    expect(mulDivHalfUp(5, 1, 10)).toBe(1); // 0.5 → 1
    expect(mulDivHalfUp(4, 1, 10)).toBe(0); // 0.4 → 0
    expect(mulDivHalfUp(15, 1, 10)).toBe(2); // 1.5 → 2
  });

  it('fixed, with an employer/employee split', () => {
    const f = premiumFormulaSchema.parse({ kind: 'fixed', amountCents: 1001, employerShareBasisPoints: 5000 });
    expect(computePremium(f, { asOf })).toEqual({ totalCents: 1001, employerCents: 501, employeeCents: 500 });
  });

  it('percent of salary capped at the ceiling, pro rata of work time', () => {
    const f = premiumFormulaSchema.parse({ kind: 'percent_of_salary', rateBasisPoints: 250, ceilingCents: 500_000 });
    expect(computePremium(f, { asOf, salaryCents: 400_000 }).totalCents).toBe(10_000);
    expect(computePremium(f, { asOf, salaryCents: 900_000 }).totalCents).toBe(12_500);
    const pro = premiumFormulaSchema.parse({ kind: 'percent_of_salary', rateBasisPoints: 250, proRataWorkSchedule: true });
    expect(computePremium(pro, { asOf, salaryCents: 400_000, workSchedulePercent: 80 }).totalCents).toBe(8_000);
    expect(() => computePremium(f, { asOf })).toThrow(PremiumInputError);
  });

  it('per family member, children capped', () => {
    const f = premiumFormulaSchema.parse({ kind: 'per_family_member', insuredCents: 3000, partnerCents: 2500, childCents: 1000, maxPaidChildren: 2 });
    expect(computePremium(f, { asOf, partners: 1, children: 3 }).totalCents).toBe(7500);
  });

  it('age bands at their boundaries', () => {
    const f = premiumFormulaSchema.parse({ kind: 'age_bands', bands: [{ fromAge: 0, toAge: 49, amountCents: 2000 }, { fromAge: 50, toAge: 120, amountCents: 4000 }] });
    expect(ageOn('1976-11-01', asOf)).toBe(50);
    expect(ageOn('1976-11-02', asOf)).toBe(49);
    expect(computePremium(f, { asOf, birthDate: '1976-11-01' }).totalCents).toBe(4000);
    expect(computePremium(f, { asOf, birthDate: '1976-11-02' }).totalCents).toBe(2000);
  });
});

describe('premium formula: boundaries', () => {
  const asOf = '2026-03-01';
  it('percent of salary: at, one cent below and one cent above the ceiling', () => {
    const f = premiumFormulaSchema.parse({ kind: 'percent_of_salary', rateBasisPoints: 333, ceilingCents: 500_000 });
    expect(computePremium(f, { asOf, salaryCents: 499_999 }).totalCents).toBe(16_650); // 16 649.967 → 16 650
    expect(computePremium(f, { asOf, salaryCents: 500_000 }).totalCents).toBe(16_650);
    expect(computePremium(f, { asOf, salaryCents: 500_001 }).totalCents).toBe(16_650);
    expect(computePremium(f, { asOf, salaryCents: 0 }).totalCents).toBe(0);
  });

  it('rounds a half cent up, a hair below half down', () => {
    const f = premiumFormulaSchema.parse({ kind: 'percent_of_salary', rateBasisPoints: 50 }); // 0.5 %
    expect(computePremium(f, { asOf, salaryCents: 100 }).totalCents).toBe(1); // 0.5 → 1
    expect(computePremium(f, { asOf, salaryCents: 99 }).totalCents).toBe(0); // 0.495 → 0
  });

  it('age bands: the age on the first day of the month; a birthday on the 1st moves the band that month, on the 2nd the month after', () => {
    const f = premiumFormulaSchema.parse({ kind: 'age_bands', bands: [{ fromAge: 0, toAge: 29, amountCents: 1000 }, { fromAge: 30, toAge: 64, amountCents: 2500 }] });
    expect(computePremium(f, { asOf: '2026-03-01', birthDate: '1996-03-01' }).totalCents).toBe(2500); // 30 on the 1st
    expect(computePremium(f, { asOf: '2026-03-01', birthDate: '1996-03-02' }).totalCents).toBe(1000); // 30 on the 2nd: still 29
    expect(computePremium(f, { asOf: '2026-04-01', birthDate: '1996-03-31' }).totalCents).toBe(2500);
    expect(computePremium(f, { asOf: '2026-03-01', birthDate: '1996-02-29' }).totalCents).toBe(2500);
    expect(() => computePremium(f, { asOf: '2026-03-01', birthDate: '1961-03-01' })).toThrow(PremiumInputError); // 65: no band
    expect(() => computePremium(f, { asOf: '2026-03-01' })).toThrow(PremiumInputError);
  });

  it('pro rata work time applies to every kind; absent work time counts as full time', () => {
    const fixed = premiumFormulaSchema.parse({ kind: 'fixed', amountCents: 2001, proRataWorkSchedule: true });
    expect(computePremium(fixed, { asOf, workSchedulePercent: 50 }).totalCents).toBe(1001); // 1000.5 → 1001
    expect(computePremium(fixed, { asOf, workSchedulePercent: 100 }).totalCents).toBe(2001);
    expect(computePremium(fixed, { asOf }).totalCents).toBe(2001);
    const pct = premiumFormulaSchema.parse({ kind: 'percent_of_salary', rateBasisPoints: 1000, ceilingCents: 400_000, proRataWorkSchedule: true });
    // The ceiling caps the full-time salary, then the work time applies.
    expect(computePremium(pct, { asOf, salaryCents: 600_000, workSchedulePercent: 80 }).totalCents).toBe(32_000);
  });

  it('split: a percentage share (employer rounded half up, employee the rest) or a fixed employee share capped at the total', () => {
    const pct = premiumFormulaSchema.parse({ kind: 'fixed', amountCents: 1001, employerShareBasisPoints: 7000 });
    expect(computePremium(pct, { asOf })).toEqual({ totalCents: 1001, employerCents: 701, employeeCents: 300 }); // 700.7 → 701
    const fixed = premiumFormulaSchema.parse({ kind: 'fixed', amountCents: 3000, employeeFixedCents: 1250 });
    expect(computePremium(fixed, { asOf })).toEqual({ totalCents: 3000, employerCents: 1750, employeeCents: 1250 });
    const capped = premiumFormulaSchema.parse({ kind: 'fixed', amountCents: 1000, employeeFixedCents: 1250 });
    expect(computePremium(capped, { asOf })).toEqual({ totalCents: 1000, employerCents: 0, employeeCents: 1000 });
  });

  it('a formula stored before work time moved to the common part still parses with it', () => {
    const f = premiumFormulaSchema.parse({ kind: 'percent_of_salary', rateBasisPoints: 250, proRataWorkSchedule: true });
    expect(f.proRataWorkSchedule).toBe(true);
  });
});
