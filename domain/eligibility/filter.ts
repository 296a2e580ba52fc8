/**
 * The one eligibility-rule language: which people a rule applies to. A small typed filter over
 * canonical fields, custom columns (`custom.<header>`) and the derived `status`, `age` and
 * `seniority` (on a reference date, computed here only: `derivedValue`), with
 * equals / in / range / exists and and / or. Audit rules use it for their population, onboarding
 * profiles and internal benefits for who is eligible. Pure: validated by zod, compiled once into
 * a predicate, described in NL/FR/EN; `failingFields` says which conditions keep someone out.
 */
import { z } from 'zod';
import { ageOn } from '../contributions/premium-formula';
import { CANONICAL_FIELDS, isCanonicalField } from '../payroll/canonical';
import { REPORT_COLUMNS, type Labels, type ReportLanguage } from '../reports/format';

/** A person's value of a field (canonical, `custom.<header>` or `status`), null when empty. */
export type FieldReader = (field: string) => string | null;

export type Filter =
  | { field: string; equals: string }
  | { field: string; in: string[] }
  | { field: string; range: { min?: number | string; max?: number | string } }
  | { field: string; exists: boolean }
  | { and: Filter[] }
  | { or: Filter[] };

const CUSTOM_PREFIX = 'custom.';
/**
 * Derived on a reference date: `status` (`active`, or `departed` when the exit date lies before
 * it), `age` and `seniority` (whole years since the birth date, the hire date).
 */
const DERIVED_FIELDS = ['status', 'age', 'seniority'] as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isFilterField(field: string): boolean {
  return isCanonicalField(field) || (DERIVED_FIELDS as readonly string[]).includes(field)
    || (field.startsWith(CUSTOM_PREFIX) && field.length > CUSTOM_PREFIX.length && field.length <= 200);
}

export const filterFieldSchema = z.string().min(1).max(210).refine(isFilterField, {
  message: `a canonical field (${CANONICAL_FIELDS.join(', ')}), status, or custom.<column header>`,
});

const bound = z.union([z.number().finite(), z.string().regex(ISO_DATE, 'a number or a date yyyy-mm-dd')]);

export const filterSchema: z.ZodType<Filter> = z.lazy(() => z.union([
  z.strictObject({ field: filterFieldSchema, equals: z.string().max(200) }),
  z.strictObject({ field: filterFieldSchema, in: z.array(z.string().max(200)).min(1).max(500) }),
  z.strictObject({
    field: filterFieldSchema,
    range: z.strictObject({ min: bound.optional(), max: bound.optional() })
      .refine((r) => r.min !== undefined || r.max !== undefined, 'a range needs min, max or both')
      .refine((r) => r.min === undefined || r.max === undefined || typeof r.min === typeof r.max, 'min and max must both be numbers or both dates'),
  }),
  z.strictObject({ field: filterFieldSchema, exists: z.boolean() }),
  z.strictObject({ and: z.array(filterSchema).min(1).max(50) }),
  z.strictObject({ or: z.array(filterSchema).min(1).max(50) }),
]));
// Recursive: the OpenAPI document names it (components/schemas) so the routes' $refs to it resolve.
z.globalRegistry.add(filterSchema, { id: 'EligibilityFilter' });

/**
 * A derived field's value for a person on a date, from their canonical fields; undefined for a
 * field that is not derived. The one place status, age and seniority are computed.
 */
export function derivedValue(field: string, read: FieldReader, on: string): string | null | undefined {
  if (field === 'status') {
    const exit = read('exitDate');
    return exit !== null && exit < on ? 'departed' : 'active';
  }
  if (field === 'age' || field === 'seniority') {
    const from = read(field === 'age' ? 'birthDate' : 'hireDate');
    if (from === null || !ISO_DATE.test(from) || from > on) return null;
    return String(ageOn(from, on));
  }
  return undefined;
}

/**
 * A reader over a person's stored data (canonical fields, `custom: { header: value }`) on a date,
 * derived fields included. A person the payroll no longer lists (`missing`) counts as departed.
 */
export function personReader(data: Record<string, unknown>, on: string, missing = false): FieldReader {
  const custom = (data.custom ?? {}) as Record<string, unknown>;
  const plain: FieldReader = (field) => {
    const v = field.startsWith(CUSTOM_PREFIX) ? custom[field.slice(CUSTOM_PREFIX.length)] : data[field];
    return v === undefined || v === null || v === '' ? null : String(v);
  };
  const derived = new Map<string, string | null>();
  return (field) => {
    if (missing && field === 'status') return 'departed';
    if (field !== 'status' && field !== 'age' && field !== 'seniority') return plain(field);
    if (!derived.has(field)) derived.set(field, derivedValue(field, plain, on) ?? null);
    return derived.get(field)!;
  };
}

/** Whether a filled value lies in a filter's range (numbers, or ISO dates compared as text). */
export const inRange = (value: string, r: { min?: number | string; max?: number | string }): boolean => {
  const numeric = typeof (r.min ?? r.max) === 'number';
  if (numeric) {
    const n = Number(value);
    if (value === '' || !Number.isFinite(n)) return false;
    return (r.min === undefined || n >= (r.min as number)) && (r.max === undefined || n <= (r.max as number));
  }
  // ISO dates compare as text.
  if (!ISO_DATE.test(value)) return false;
  return (r.min === undefined || value >= (r.min as string)) && (r.max === undefined || value <= (r.max as string));
};

/** The filter as a predicate, built once; undefined matches everyone. */
export function compileFilter(filter: Filter | undefined | null): (read: FieldReader) => boolean {
  if (!filter) return () => true;
  if ('and' in filter) {
    const parts = filter.and.map(compileFilter);
    return (read) => parts.every((p) => p(read));
  }
  if ('or' in filter) {
    const parts = filter.or.map(compileFilter);
    return (read) => parts.some((p) => p(read));
  }
  const { field } = filter;
  if ('equals' in filter) return (read) => read(field) === filter.equals;
  if ('in' in filter) {
    const values = new Set(filter.in);
    return (read) => { const v = read(field); return v !== null && values.has(v); };
  }
  if ('range' in filter) return (read) => { const v = read(field); return v !== null && inRange(v, filter.range); };
  return (read) => (read(field) !== null) === filter.exists;
}

/**
 * The filter as an explainer, built once: the fields whose conditions keep a person out (empty
 * when the filter matches) — for `and` the failing parts, for `or` every part (none matched).
 * Names fields only, never values.
 */
export function compileExplainer(filter: Filter | undefined | null): (read: FieldReader) => string[] {
  type Walk = (read: FieldReader) => string[] | null;
  const build = (f: Filter): Walk => {
    if ('and' in f || 'or' in f) {
      const parts = ('and' in f ? f.and : f.or).map(build);
      const all = 'and' in f;
      return (read) => {
        const missed: string[] = [];
        for (const p of parts) {
          const m = p(read);
          if (m === null && !all) return null;
          if (m !== null) missed.push(...m);
        }
        return missed.length || !all ? missed : null;
      };
    }
    const test = compileFilter(f);
    return (read) => (test(read) ? null : [f.field]);
  };
  if (!filter) return () => [];
  const walk = build(filter);
  return (read) => {
    const missed = walk(read);
    if (missed === null) return [];
    return missed.length === 1 ? missed : [...new Set(missed)].sort();
  };
}

const WORDS: Record<ReportLanguage, { and: string; or: string; everyone: string; filled: string; empty: string; oneOf: string; status: string; age: string; seniority: string; custom: string }> = {
  nl: { and: 'en', or: 'of', everyone: 'iedereen', filled: 'is ingevuld', empty: 'is leeg', oneOf: 'is een van', status: 'Status', age: 'Leeftijd', seniority: 'Anciënniteit (jaren)', custom: 'Eigen kolom' },
  fr: { and: 'et', or: 'ou', everyone: 'tout le monde', filled: 'est rempli', empty: 'est vide', oneOf: "est l'un de", status: 'Statut', age: 'Âge', seniority: 'Ancienneté (années)', custom: 'Colonne propre' },
  en: { and: 'and', or: 'or', everyone: 'everyone', filled: 'is filled', empty: 'is empty', oneOf: 'is one of', status: 'Status', age: 'Age', seniority: 'Seniority (years)', custom: 'Own column' },
};

const STATUS_LABELS: Record<string, Labels> = {
  active: { nl: 'in dienst', fr: 'en service', en: 'active' },
  departed: { nl: 'uit dienst', fr: 'sorti', en: 'departed' },
};

/** A field's label: the report column's for canonical fields, the header for custom ones. */
export function fieldLabel(field: string, lang: ReportLanguage): string {
  if (isCanonicalField(field)) return REPORT_COLUMNS[field].labels[lang];
  if (field === 'status' || field === 'age' || field === 'seniority') return WORDS[lang][field];
  if (field.startsWith(CUSTOM_PREFIX)) return `${WORDS[lang].custom} "${field.slice(CUSTOM_PREFIX.length)}"`;
  return field;
}

/** The canonical categories (domain/payroll/canonical.ts CATEGORIES) as a reader says them. */
const CATEGORY_LABELS: Record<string, Labels> = {
  white_collar: { nl: 'bedienden', fr: 'employés', en: 'white-collar' },
  blue_collar: { nl: 'arbeiders', fr: 'ouvriers', en: 'blue-collar' },
};

/** A code value in words (status, category); any other value as it is. */
const valueLabel = (field: string, value: string, lang: ReportLanguage) =>
  (field === 'status' ? STATUS_LABELS[value]?.[lang] : field === 'category' ? CATEGORY_LABELS[value]?.[lang] : undefined) ?? value;

/** The filter in words, e.g. `Categorie = bedienden en Salarisschaal = 5`. */
export function describeFilter(filter: Filter | undefined | null, lang: ReportLanguage): string {
  const w = WORDS[lang];
  if (!filter) return w.everyone;
  if ('and' in filter) return filter.and.map((f) => wrap(f, lang)).join(` ${w.and} `);
  if ('or' in filter) return filter.or.map((f) => wrap(f, lang)).join(` ${w.or} `);
  const label = fieldLabel(filter.field, lang);
  if ('equals' in filter) return `${label} = ${valueLabel(filter.field, filter.equals, lang)}`;
  if ('in' in filter) return `${label} ${w.oneOf} ${filter.in.map((v) => valueLabel(filter.field, v, lang)).join(', ')}`;
  if ('range' in filter) {
    const { min, max } = filter.range;
    if (min !== undefined && max !== undefined) return `${min} ≤ ${label} ≤ ${max}`;
    return min !== undefined ? `${label} ≥ ${min}` : `${label} ≤ ${max}`;
  }
  return `${label} ${filter.exists ? w.filled : w.empty}`;
}

const wrap = (f: Filter, lang: ReportLanguage) => ('and' in f || 'or' in f ? `(${describeFilter(f, lang)})` : describeFilter(f, lang));
