import { z } from 'zod';
import { DEFAULT_PROFILE, PROFILE_PRESETS, mappingProfileSchema } from '../payroll/mapping-profile';

/**
 * A saved comparison of two systems' files for one employer: how each side is read (a payroll
 * mapping profile, or Mutaflow's current payroll photo for side A), the key the rows are matched
 * on, and the field pairs compared within a tolerance each. Fields are named by a column header as
 * it stands in the file, or by a canonical field the side's profile maps a column onto.
 */

const fieldRef = z.string().trim().min(1).max(200);

const fileSide = z.object({
  source: z.literal('file'),
  /** What users call this system ("Payroll", "HR Excel"); headers of the report use it. */
  label: z.string().trim().min(1).max(60).default('file'),
  /** A full mapping profile, or `{ "preset": name }` for one of PROFILE_PRESETS. */
  profile: z.preprocess(
    (v) => (v && typeof v === 'object' && 'preset' in v && typeof v.preset === 'string' && PROFILE_PRESETS[v.preset] ? PROFILE_PRESETS[v.preset] : v),
    mappingProfileSchema,
  ).default(DEFAULT_PROFILE),
});

const payrollSide = z.object({
  source: z.literal('payroll'),
  label: z.string().trim().min(1).max(60).default('Mutaflow'),
});

const keyPart = z.object({
  a: fieldRef,
  b: fieldRef,
  /** Dots, dashes, slashes, underscores and spaces do not count ("85.07.30-033.61" = "85073003361"). */
  ignorePunctuation: z.boolean().default(true),
  /** "000123" = "123" (a spreadsheet that read an id as a number dropped them). */
  ignoreLeadingZeros: z.boolean().default(true),
  ignoreCase: z.boolean().default(true),
});

const pairBase = { a: fieldRef, b: fieldRef, name: z.string().trim().min(1).max(100).optional() };

export const fieldPairSchema = z.discriminatedUnion('type', [
  /** Amounts: equal when B lies within ± `absolute` of A, or within ± `percent` % of A. */
  z.object({ ...pairBase, type: z.literal('amount'), absolute: z.number().min(0).max(1e9).default(0), percent: z.number().min(0).max(100).default(0) }),
  /** Dates: equal when at most `days` apart. */
  z.object({ ...pairBase, type: z.literal('date'), days: z.number().int().min(0).max(3660).default(0) }),
  /** Text: compared ignoring case, all white space and accents unless told otherwise. */
  z.object({
    ...pairBase, type: z.literal('text'),
    ignoreCase: z.boolean().default(true), ignoreSpaces: z.boolean().default(true), ignoreAccents: z.boolean().default(true),
  }),
  /** Codes: equal only when identical (after the side's value maps). */
  z.object({ ...pairBase, type: z.literal('exact') }),
]);
export type FieldPair = z.output<typeof fieldPairSchema>;

export const comparisonDefinitionSchema = z.object({
  name: z.string().trim().min(1).max(100),
  sideA: z.discriminatedUnion('source', [fileSide, payrollSide]),
  sideB: fileSide,
  key: z.array(keyPart).min(1).max(5),
  fields: z.array(fieldPairSchema).max(100).default([]),
  /** Run by the monthly cycle for each period, with that period's files (see comparison-monthly.ts). */
  monthly: z.boolean().default(false),
}).superRefine((def, ctx) => {
  const names = new Set<string>();
  def.fields.forEach((pair, i) => {
    const name = pairName(pair);
    if (names.has(name)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'name'], message: `two field pairs are named "${name}": give one a name` });
    names.add(name);
  });
});

export type ComparisonDefinition = z.output<typeof comparisonDefinitionSchema>;
export type KeyPart = ComparisonDefinition['key'][number];
export type SideId = 'a' | 'b';

/** How a pair is named in results and reports: its own name, else its A field (and B field when different). */
export function pairName(pair: Pick<FieldPair, 'a' | 'b' | 'name'>): string {
  return pair.name ?? (pair.a === pair.b ? pair.a : `${pair.a} / ${pair.b}`);
}

/** The name of a key part in results (an empty key is reported against it). */
export const keyPartName = (part: KeyPart): string => (part.a === part.b ? part.a : `${part.a} / ${part.b}`);
