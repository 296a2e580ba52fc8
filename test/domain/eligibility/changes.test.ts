import { eligibilityChange, type EligibilityState } from '../../../domain/eligibility/changes';
import { compileExplainer, compileFilter, derivedValue, personReader, type Filter } from '../../../domain/eligibility/filter';

/** The rule a benefit type applies: in service, white collar, 25 or older, 1 year of seniority, ≥ 50 % work time, Belgium, a company car custom column. */
const RULE: Filter = {
  and: [
    { field: 'status', equals: 'active' },
    { field: 'category', equals: 'white_collar' },
    { field: 'age', range: { min: 25 } },
    { field: 'seniority', range: { min: 1 } },
    { field: 'workSchedulePercent', range: { min: 50 } },
    { field: 'salaryClass', in: ['4', '5', '6'] },
    { field: 'country', equals: 'BE' },
    { field: 'custom.Company car', equals: 'yes' },
  ],
};
const matches = compileFilter(RULE);
const explain = compileExplainer(RULE);
const BASE = {
  birthDate: '1990-03-15', hireDate: '2020-01-01', exitDate: null, category: 'white_collar', workSchedulePercent: '80', salaryClass: '5', country: 'BE',
  custom: { 'Company car': 'yes' },
};
const state = (data: Record<string, unknown>, on: string, ruleVersion = 1, missing = false): EligibilityState => {
  const read = personReader(data, on, missing);
  const eligible = matches(read);
  return { eligible, failing: eligible ? [] : explain(read), ruleVersion };
};
const ON = '2026-03-31';

describe('derived fields, computed in one place', () => {
  const read = personReader(BASE, ON);
  it('age and seniority are whole years on the date; the month of a birthday counts from the day', () => {
    expect(read('age')).toBe('36');
    expect(personReader(BASE, '2026-03-14')('age')).toBe('35');
    expect(personReader(BASE, '2026-03-15')('age')).toBe('36');
    expect(read('seniority')).toBe('6');
    expect(personReader({ ...BASE, hireDate: '2026-04-01' }, ON)('seniority')).toBeNull();
    expect(personReader({ ...BASE, birthDate: null }, ON)('age')).toBeNull();
  });
  it('status: departed once the exit date lies before the date, or when the payroll no longer lists the person', () => {
    expect(derivedValue('status', (f) => (f === 'exitDate' ? '2026-03-31' : null), ON)).toBe('active');
    expect(derivedValue('status', (f) => (f === 'exitDate' ? '2026-03-30' : null), ON)).toBe('departed');
    expect(personReader(BASE, ON, true)('status')).toBe('departed');
    expect(derivedValue('category', () => null, ON)).toBeUndefined();
  });
  it('reads custom columns', () => {
    expect(read('custom.Company car')).toBe('yes');
    expect(read('custom.Other')).toBeNull();
  });
});

describe('eligibility changes and their reasons', () => {
  const before = state(BASE, '2026-02-28');
  it('the base person is eligible', () => expect(before).toEqual({ eligible: true, failing: [], ruleVersion: 1 }));

  it.each([
    ['departure', { exitDate: '2026-03-10' }, ['departure']],
    ['category change', { category: 'blue_collar' }, ['category']],
    ['salary class', { salaryClass: '2' }, ['salary_class']],
    ['work time', { workSchedulePercent: '40' }, ['work_time']],
    ['country', { country: 'NL' }, ['country']],
    ['custom field', { custom: { 'Company car': 'no' } }, ['custom_field']],
  ])('no longer eligible: %s', (_what, change, reasons) => {
    expect(eligibilityChange(before, state({ ...BASE, ...change }, ON), true)).toEqual({ change: 'no_longer_eligible', reasons });
  });

  it('no longer eligible: a departure explains the loss alone, also for a person gone from the payroll', () => {
    expect(eligibilityChange(before, state({ ...BASE, exitDate: '2026-03-01', category: 'blue_collar' }, ON), true)).toEqual({ change: 'no_longer_eligible', reasons: ['departure'] });
    expect(eligibilityChange(before, state(BASE, ON, 1, true), true)).toEqual({ change: 'no_longer_eligible', reasons: ['departure'] });
  });

  it('newly eligible: reaching the age (in the month of the birthday)', () => {
    const young = { ...BASE, birthDate: '2001-03-20' };
    const feb = state(young, '2026-02-28');
    expect(feb.failing).toEqual(['age']);
    expect(eligibilityChange(feb, state(young, ON), true)).toEqual({ change: 'newly_eligible', reasons: ['age'] });
  });

  it('newly eligible: a year of seniority', () => {
    const hired = { ...BASE, hireDate: '2025-03-10' };
    const feb = state(hired, '2026-02-28');
    expect(eligibilityChange(feb, state(hired, ON), true)).toEqual({ change: 'newly_eligible', reasons: ['seniority'] });
  });

  it('newly eligible: a category change, or a hire', () => {
    const blue = state({ ...BASE, category: 'blue_collar' }, '2026-02-28');
    expect(eligibilityChange(blue, state(BASE, ON), true)).toEqual({ change: 'newly_eligible', reasons: ['category'] });
    expect(eligibilityChange(undefined, state(BASE, ON), true)).toEqual({ change: 'newly_eligible', reasons: ['hire'] });
    expect(eligibilityChange(undefined, state(BASE, ON), false)).toEqual({ change: 'newly_eligible', reasons: ['first_review'] });
    expect(eligibilityChange(undefined, state({ ...BASE, country: 'NL' }, ON), true)).toBeNull();
  });

  it('a changed rule is named with the field', () => {
    const now = { ...state({ ...BASE, workSchedulePercent: '60' }, ON, 2), eligible: false, failing: ['workSchedulePercent'] };
    expect(eligibilityChange(before, now, true)).toEqual({ change: 'no_longer_eligible', reasons: ['rule_change', 'work_time'] });
  });

  it('nothing changes, nothing is reported', () => {
    expect(eligibilityChange(before, state(BASE, ON), true)).toBeNull();
    const out = state({ ...BASE, country: 'NL' }, '2026-02-28');
    expect(eligibilityChange(out, state({ ...BASE, country: 'NL', category: 'blue_collar' }, ON), true)).toBeNull();
  });

  it('explains an or by every branch that failed', () => {
    const either = compileExplainer({ or: [{ field: 'country', equals: 'NL' }, { field: 'age', range: { min: 60 } }] });
    expect(either(personReader(BASE, ON))).toEqual(['age', 'country']);
    expect(either(personReader({ ...BASE, country: 'NL' }, ON))).toEqual([]);
  });
});
