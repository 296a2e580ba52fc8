import { calculate, calculationProblem, checkValues, fieldsSchema, normaliseValues, type FieldDefinition } from '../../../domain/benefits/fields';

const FIELDS: FieldDefinition[] = fieldsSchema.parse([
  { key: 'cardNumber', label: 'Card number', type: 'text', required: true },
  { key: 'pin', label: 'Tries', type: 'number' },
  { key: 'limit', label: 'Limit', type: 'money', required: true },
  { key: 'expires', label: 'Expires', type: 'date' },
  { key: 'network', label: 'Network', type: 'choice', options: ['visa', 'mastercard'] },
  { key: 'private', label: 'Private use', type: 'yes_no' },
]);
const OK = { cardNumber: '4111-xxxx', pin: 3, limit: 250_000, expires: '2028-02-29', network: 'visa', private: false };

describe('benefit fields', () => {
  it('accepts values of every type', () => {
    expect(checkValues(FIELDS, OK)).toEqual([]);
  });

  it.each([
    ['text', 'cardNumber', 12345, '"Card number" must be a text'],
    ['number', 'pin', '3', '"Tries" must be a number'],
    ['money', 'limit', 2500.5, '"Limit" must be an amount in cents'],
    ['date', 'expires', '2027-02-29', '"Expires" must be a date'],
    ['choice', 'network', 'amex', '"Network" must be one of the options'],
    ['yes/no', 'private', 'ja', '"Private use" must be yes or no'],
  ])('refuses a wrong %s value, naming the field and not the value', (_type, key, bad, message) => {
    const problems = checkValues(FIELDS, { ...OK, [key]: bad });
    expect(problems).toHaveLength(1);
    expect(problems[0].field).toBe(key);
    expect(problems[0].message).toContain(`values.${key}: ${message}`);
    expect(problems[0].message).not.toContain(String(bad));
  });

  it('refuses a missing required field (empty text counts as missing), and unknown fields', () => {
    const problems = checkValues(FIELDS, { ...OK, cardNumber: '', limit: null, colour: 'red' });
    expect(problems.map((p) => p.field).sort()).toEqual(['cardNumber', 'colour', 'limit']);
    expect(problems.find((p) => p.field === 'limit')!.message).toContain('"Limit" is required');
  });

  it('lets optional fields stay empty and stores only the type\'s fields', () => {
    expect(checkValues(FIELDS, { cardNumber: 'x', limit: 0 })).toEqual([]);
    expect(normaliseValues(FIELDS, { cardNumber: 'x', limit: 0, pin: '' })).toEqual({ cardNumber: 'x', pin: null, limit: 0, expires: null, network: null, private: null });
  });

  it('checks the definitions: unique keys, options for choice fields only', () => {
    expect(fieldsSchema.safeParse([{ key: 'a', label: 'A', type: 'text' }, { key: 'a', label: 'B', type: 'text' }]).success).toBe(false);
    expect(fieldsSchema.safeParse([{ key: 'a', label: 'A', type: 'choice' }]).success).toBe(false);
    expect(fieldsSchema.safeParse([{ key: 'a', label: 'A', type: 'text', options: ['x'] }]).success).toBe(false);
    expect(fieldsSchema.safeParse([{ key: 'A b', label: 'A', type: 'text' }]).success).toBe(false);
  });
});

describe('yearly budget', () => {
  const calc = { kind: 'yearly_budget' as const, budgetField: 'budget', spentField: 'spent' };
  const fields = fieldsSchema.parse([{ key: 'budget', label: 'Budget', type: 'money' }, { key: 'spent', label: 'Spent', type: 'money' }, { key: 'note', label: 'Note', type: 'text' }]);

  it('needs money fields of the type', () => {
    expect(calculationProblem(calc, fields)).toBeNull();
    expect(calculationProblem({ ...calc, spentField: 'note' }, fields)).toContain('not a money field');
    expect(calculationProblem({ ...calc, budgetField: 'nope' }, fields)).toContain('no field "nope"');
  });

  it('is the whole budget for a full year, less what is spent', () => {
    expect(calculate(calc, { values: { budget: 120_000, spent: 45_050 }, startDate: '2020-01-01', endDate: null }, '2026-06-15'))
      .toEqual({ kind: 'yearly_budget', year: 2026, budgetCents: 120_000, spentCents: 45_050, remainingCents: 74_950, monthsInYear: 12 });
  });

  it('is pro rata the months the record runs in the year (a started month counts), rounded half up', () => {
    // Started in April: 9 months of 12 → 100.00 × 9 / 12 = 75.00.
    expect(calculate(calc, { values: { budget: 10_000, spent: null }, startDate: '2026-04-20', endDate: null }, '2026-05-01')!.budgetCents).toBe(7_500);
    // 1 cent × 6 / 12 = 0.5 → 1 (half up); ended in June: January to June.
    expect(calculate(calc, { values: { budget: 1, spent: 0 }, startDate: '2025-03-01', endDate: '2026-06-10' }, '2026-01-10')!.budgetCents).toBe(1);
    // Ended the year before: nothing in this year.
    expect(calculate(calc, { values: { budget: 10_000, spent: 0 }, startDate: '2024-01-01', endDate: '2025-12-31' }, '2026-01-10')!.budgetCents).toBe(0);
  });

  it('is nothing without a calculation or a budget', () => {
    expect(calculate(null, { values: {}, startDate: '2026-01-01', endDate: null }, '2026-01-01')).toBeNull();
    expect(calculate(calc, { values: { budget: null }, startDate: '2026-01-01', endDate: null }, '2026-01-01')).toBeNull();
  });
});
