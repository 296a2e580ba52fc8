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
