/**
 * Internal benefits (credit cards, phones, warrant plans, budgets): an employer defines a benefit
 * type with its own fields; each person's record holds a value per field. Here: the field
 * definitions, the check of a record's values against them (every error names the field and
 * never echoes the value), and the calculations a type may define. Pure.
 */
import { z } from 'zod';
import { mulDivHalfUp } from '../contributions/premium-formula';

export const FIELD_TYPES = ['text', 'number', 'money', 'date', 'choice', 'yes_no'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (s: string) => ISO_DATE.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

export const fieldDefinitionSchema = z.strictObject({
  /** The key values are stored under: stable once records exist. */
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,49}$/, 'a key: a lower-case letter, then letters, digits or _ (at most 50)'),
  label: z.string().trim().min(1).max(200),
  type: z.enum(FIELD_TYPES),
  required: z.boolean().default(false),
  /** The allowed values of a `choice` field. */
  options: z.array(z.string().trim().min(1).max(200)).min(1).max(100).optional(),
}).refine((f) => (f.type === 'choice') === (f.options !== undefined), { message: 'options are given for a choice field, and only for one', path: ['options'] });
export type FieldDefinition = z.output<typeof fieldDefinitionSchema>;

/**
 * A yearly budget (e.g. a training or mobility budget): the budget field's amount per calendar
 * year, pro rata the months the record runs in that year, and what is spent of it so far.
 */
export const calculationSchema = z.strictObject({
  kind: z.literal('yearly_budget'),
  budgetField: z.string().max(50),
  spentField: z.string().max(50),
});
export type Calculation = z.output<typeof calculationSchema>;

/** A type's fields: unique keys, and a calculation naming money fields of the type. */
export const fieldsSchema = z.array(fieldDefinitionSchema).max(50).superRefine((fields, ctx) => {
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.key)) ctx.addIssue({ code: 'custom', message: `the key "${f.key}" is used twice`, path: [i, 'key'] });
    seen.add(f.key);
  });
});

/** Why a calculation does not fit the fields, or null. */
export function calculationProblem(calc: Calculation | null | undefined, fields: readonly FieldDefinition[]): string | null {
  if (!calc) return null;
  for (const key of [calc.budgetField, calc.spentField]) {
    const f = fields.find((x) => x.key === key);
    if (!f) return `calculation: no field "${key}" in the type`;
    if (f.type !== 'money') return `calculation: the field "${key}" is not a money field`;
  }
  return null;
}

export type FieldValue = string | number | boolean | null;
export type FieldValues = Record<string, FieldValue>;

const EXPECTS: Record<FieldType, string> = {
  text: 'a text of at most 500 characters',
  number: 'a number',
  money: 'an amount in cents (a whole number)',
  date: 'a date yyyy-mm-dd',
  choice: 'one of the options',
  yes_no: 'yes or no (true or false)',
};

function fits(def: FieldDefinition, v: Exclude<FieldValue, null>): boolean {
  switch (def.type) {
    case 'text': return typeof v === 'string' && v.length <= 500;
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'money': return typeof v === 'number' && Number.isSafeInteger(v);
    case 'date': return typeof v === 'string' && isRealDate(v);
    case 'choice': return typeof v === 'string' && (def.options ?? []).includes(v);
    case 'yes_no': return typeof v === 'boolean';
  }
}

export interface ValueProblem { field: string; message: string }

/**
 * A record's values checked against its type's fields: every problem names the field (key and
 * label) and what it expects — never the value given. Unknown keys are refused; an empty text
 * counts as missing.
 */
export function checkValues(fields: readonly FieldDefinition[], values: Record<string, unknown>): ValueProblem[] {
  const problems: ValueProblem[] = [];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const key of Object.keys(values)) {
    if (!byKey.has(key)) problems.push({ field: key, message: `values.${key}: the benefit type has no field "${key}"` });
  }
  for (const f of fields) {
    const v = values[f.key];
    const empty = v === undefined || v === null || v === '';
    if (empty) {
      if (f.required) problems.push({ field: f.key, message: `values.${f.key}: "${f.label}" is required` });
      continue;
    }
    if (!fits(f, v as Exclude<FieldValue, null>)) problems.push({ field: f.key, message: `values.${f.key}: "${f.label}" must be ${EXPECTS[f.type]}` });
  }
  return problems;
}

/** The values as stored: only the type's fields, empties as null. */
export function normaliseValues(fields: readonly FieldDefinition[], values: Record<string, unknown>): FieldValues {
  const out: FieldValues = {};
  for (const f of fields) {
    const v = values[f.key];
    out[f.key] = v === undefined || v === '' ? null : (v as FieldValue);
  }
  return out;
}

export interface BudgetOutcome {
  kind: 'yearly_budget';
  year: number;
  /** The year's budget pro rata the months the record runs in it, in cents (half up). */
  budgetCents: number;
  spentCents: number;
  remainingCents: number;
  monthsInYear: number;
}

const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;

/**
 * A record's calculation on a date: for a yearly budget, the months of that year the record runs
 * (a started month counts whole), the budget pro rata, what is spent and what remains. Null
 * without a calculation, or when the budget is not filled.
 */
export function calculate(calc: Calculation | null | undefined, record: { values: FieldValues; startDate: string; endDate: string | null }, on: string): BudgetOutcome | null {
  if (!calc) return null;
  const budget = record.values[calc.budgetField];
  if (typeof budget !== 'number') return null;
  const spent = typeof record.values[calc.spentField] === 'number' ? (record.values[calc.spentField] as number) : 0;
  const year = Number(on.slice(0, 4));
  const first = Math.max(monthIndex(record.startDate), year * 12);
  const last = Math.min(record.endDate ? monthIndex(record.endDate) : year * 12 + 11, year * 12 + 11);
  const months = Math.max(0, last - first + 1);
  const budgetCents = budget < 0 ? 0 : mulDivHalfUp(budget, months, 12);
  return { kind: 'yearly_budget', year, budgetCents, spentCents: spent, remainingCents: budgetCents - spent, monthsInYear: months };
}
