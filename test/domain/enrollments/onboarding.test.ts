import { onboardingStart } from '../../../domain/enrollments/onboarding';

describe('onboarding start dates', () => {
  const plan = 'p';
  it('starts on the hire date, or that many days after it (the offset)', () => {
    expect(onboardingStart('2026-10-15', { planId: plan, startOffsetDays: 0 })).toBe('2026-10-15');
    expect(onboardingStart('2026-10-15', { planId: plan, startOffsetDays: 60 })).toBe('2026-12-14');
    expect(onboardingStart('2026-12-31', { planId: plan, startOffsetDays: 1 })).toBe('2027-01-01');
  });

  it('a fixed deviating start wins over the offset, but never before the hire date', () => {
    expect(onboardingStart('2026-10-15', { planId: plan, startOffsetDays: 60, startDate: '2027-01-01' })).toBe('2027-01-01');
    expect(onboardingStart('2027-02-01', { planId: plan, startOffsetDays: 0, startDate: '2027-01-01' })).toBe('2027-02-01');
    expect(onboardingStart('2026-10-15', { planId: plan, startOffsetDays: 30, startDate: null })).toBe('2026-11-14');
  });
});
