/**
 * Audit rules (controle, auditregel): per employer, checks on one payroll import's people —
 * presence (a field is filled), validity (a value or a combination holds) and change validity
 * (against last month's value) — each for a population (domain/eligibility) and with a
 * severity. Pure: the definition language (zod), evaluation of one person, labels, templates.
 */
import { z } from 'zod';
import { compileFilter, derivedValue, describeFilter, fieldLabel, filterFieldSchema, filterSchema, type FieldReader, type Filter } from '../eligibility/filter';
import { checkNationalId } from '../shared/identifiers';
import type { Labels, ReportLanguage } from '../reports/format';

export const SEVERITIES = ['info', 'warning', 'blocking'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const RULE_KINDS = ['presence', 'validity', 'change'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateField = filterFieldSchema;

const validityCheck = z.discriminatedUnion('op', [
  /** A number between min and max (both inclusive). */
  z.strictObject({ op: z.literal('range'), field: filterFieldSchema, min: z.number().finite().optional(), max: z.number().finite().optional() })
    .refine((c) => c.min !== undefined || c.max !== undefined, 'a range needs min, max or both'),
  /** Age in whole years on the date held in `at` (default the hire date), between min and max inclusive. */
  z.strictObject({ op: z.literal('age'), at: dateField.default('hireDate'), min: z.number().int().min(0).max(150), max: z.number().int().min(0).max(150) }),
  /** The date in `later` is not before the date in `earlier` (e.g. exit not before hire). */
  z.strictObject({ op: z.literal('dateOrder'), earlier: dateField, later: dateField }),
  /** A national id passes its check (BSN 11-check, INSZ mod-97). */
  z.strictObject({ op: z.literal('identifier'), field: filterFieldSchema.default('nationalId') }),
  /** One of a list of values. */
  z.strictObject({ op: z.literal('oneOf'), field: filterFieldSchema, values: z.array(z.string().max(200)).min(1).max(500) }),
]);

const changeCheck = z.discriminatedUnion('op', [
  /** Rose by more than `percent` % against last month. */
  z.strictObject({ op: z.literal('increaseAbove'), field: filterFieldSchema, percent: z.number().finite().min(0) }),
  /** Went down at all. */
  z.strictObject({ op: z.literal('decrease'), field: filterFieldSchema }),
  /** Any other value than last month's (e.g. category, work schedule, birth date, national id). */
  z.strictObject({ op: z.literal('changed'), field: filterFieldSchema }),
]);

export const ruleDefinitionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('presence'), fields: z.array(filterFieldSchema).min(1).max(50) }),
  z.strictObject({ kind: z.literal('validity'), check: validityCheck }),
  z.strictObject({ kind: z.literal('change'), check: changeCheck }),
]);
export type RuleDefinition = z.infer<typeof ruleDefinitionSchema>;

/** What an employer edits: a name, a severity, who it applies to and what it checks. */
export const auditRuleSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  severity: z.enum(SEVERITIES),
  population: filterSchema.nullable().optional().describe('who the rule applies to (domain/eligibility); absent: everyone'),
  definition: ruleDefinitionSchema,
  enabled: z.boolean().default(true),
});
export type AuditRule = z.infer<typeof auditRuleSchema>;

/** One rule failing for one person on one field; values are personal data (sealed when stored). */
export interface RuleHit {
  field: string;
  value: string | null;
  previousValue: string | null;
}

/** Whole years from `birth` to `on` (both yyyy-mm-dd). */
export function ageOn(birth: string, on: string): number {
  // Runs for every person of an import: no arrays, and month-day compares as text ("MM-DD").
  const years = Number(on.slice(0, 4)) - Number(birth.slice(0, 4));
  return on.slice(5) < birth.slice(5) ? years - 1 : years;
}

const num = (v: string | null): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
};

/**
 * The rule as a function of one person: this month's values and last month's (null when the
 * person is new). Built once per rule; a validity check on an empty value does not fire —
 * presence rules say what must be filled.
 */
export function compileRule(rule: Pick<AuditRule, 'population' | 'definition'>): (current: FieldReader, previous: FieldReader | null) => RuleHit[] {
  const inPopulation = compileFilter(rule.population as Filter | undefined | null);
  const check = compileCheck(rule.definition);
  return (current, previous) => (inPopulation(current) ? check(current, previous) : []);
}

const hit = (field: string, value: string | null, previousValue: string | null = null): RuleHit[] => [{ field, value, previousValue }];

function compileCheck(def: RuleDefinition): (current: FieldReader, previous: FieldReader | null) => RuleHit[] {
  switch (def.kind) {
    case 'presence':
      return (cur) => def.fields.flatMap((f) => (cur(f) === null ? hit(f, null) : []));
    case 'validity': {
      const c = def.check;
      switch (c.op) {
        case 'range':
          return (cur) => {
            const v = cur(c.field);
            if (v === null) return [];
            const n = num(v);
            const ok = n !== null && (c.min === undefined || n >= c.min) && (c.max === undefined || n <= c.max);
            return ok ? [] : hit(c.field, v);
          };
        case 'age':
          return (cur) => {
            const birth = cur('birthDate');
            const on = cur(c.at);
            if (birth === null || on === null || !ISO_DATE.test(birth) || !ISO_DATE.test(on)) return [];
            const age = ageOn(birth, on);
            return age >= c.min && age <= c.max ? [] : hit('birthDate', birth, null);
          };
        case 'dateOrder':
          return (cur) => {
            const a = cur(c.earlier);
            const b = cur(c.later);
            if (a === null || b === null) return [];
            return b >= a ? [] : hit(c.later, b, null);
          };
        case 'identifier':
          return (cur) => {
            const v = cur(c.field);
            if (v === null) return [];
            return checkNationalId(v).ok ? [] : hit(c.field, v);
          };
        case 'oneOf': {
          const values = new Set(c.values);
          return (cur) => {
            const v = cur(c.field);
            return v === null || values.has(v) ? [] : hit(c.field, v);
          };
        }
      }
      break;
    }
    case 'change': {
      const c = def.check;
      return (cur, prev) => {
        if (!prev) return [];
        const before = prev(c.field);
        const after = cur(c.field);
        if (c.op === 'changed') return before !== null && before !== after ? hit(c.field, after, before) : [];
        const a = num(before);
        const b = num(after);
        if (a === null || b === null) return [];
        if (c.op === 'decrease') return b < a ? hit(c.field, after, before) : [];
        // More than `percent` % up; from zero any rise is more.
        return b > a && (a === 0 || ((b - a) / a) * 100 > c.percent) ? hit(c.field, after, before) : [];
      };
    }
  }
  throw new Error('unknown rule');
}

export const SEVERITY_LABELS: Readonly<Record<Severity, Labels>> = {
  info: { nl: 'Info', fr: 'Info', en: 'Info' },
  warning: { nl: 'Waarschuwing', fr: 'Avertissement', en: 'Warning' },
  blocking: { nl: 'Blokkerend', fr: 'Bloquant', en: 'Blocking' },
};

export const RULE_KIND_LABELS: Readonly<Record<RuleKind, Labels>> = {
  presence: { nl: 'Aanwezigheid', fr: 'Présence', en: 'Presence' },
  validity: { nl: 'Geldigheid', fr: 'Validité', en: 'Validity' },
  change: { nl: 'Wijziging', fr: 'Modification', en: 'Change' },
};

const T: Record<ReportLanguage, { filled: string; age: string; notBefore: string; validId: string; oneOf: string; up: string; down: string; changed: string; for: string }> = {
  nl: { filled: 'is ingevuld', age: 'leeftijd op', notBefore: 'niet vóór', validId: 'is geldig', oneOf: 'is een van', up: 'stijgt met meer dan', down: 'daalt', changed: 'is gewijzigd', for: 'voor' },
  fr: { filled: 'est rempli', age: 'âge à la', notBefore: 'pas avant', validId: 'est valide', oneOf: "est l'un de", up: 'augmente de plus de', down: 'diminue', changed: 'a changé', for: 'pour' },
  en: { filled: 'is filled', age: 'age on', notBefore: 'not before', validId: 'is valid', oneOf: 'is one of', up: 'rises by more than', down: 'goes down', changed: 'changed', for: 'for' },
};

/** What the rule checks, in words: `Bruto maandsalaris ≥ 2000 voor Categorie = bedienden`. */
export function describeRule(rule: Pick<AuditRule, 'population' | 'definition'>, lang: ReportLanguage): string {
  const t = T[lang];
  const f = (field: string) => fieldLabel(field, lang);
  const d = rule.definition;
  let what: string;
  if (d.kind === 'presence') what = `${d.fields.map(f).join(', ')} ${t.filled}`;
  else if (d.kind === 'validity') {
    const c = d.check;
    what = c.op === 'range' ? (c.min !== undefined && c.max !== undefined ? `${c.min} ≤ ${f(c.field)} ≤ ${c.max}` : c.min !== undefined ? `${f(c.field)} ≥ ${c.min}` : `${f(c.field)} ≤ ${c.max}`)
      : c.op === 'age' ? `${c.min} ≤ ${t.age} ${f(c.at)} ≤ ${c.max}`
        : c.op === 'dateOrder' ? `${f(c.later)} ${t.notBefore} ${f(c.earlier)}`
          : c.op === 'identifier' ? `${f(c.field)} ${t.validId}`
            : `${f(c.field)} ${t.oneOf} ${c.values.join(', ')}`;
  } else {
    const c = d.check;
    what = c.op === 'increaseAbove' ? `${f(c.field)} ${t.up} ${c.percent} %` : c.op === 'decrease' ? `${f(c.field)} ${t.down}` : `${f(c.field)} ${t.changed}`;
  }
  return rule.population ? `${what} ${t.for} ${describeFilter(rule.population as Filter, lang)}` : what;
}

export interface RuleTemplate {
  id: string;
  labels: Labels;
  rule: AuditRule;
}

const active: Filter = { field: 'status', equals: 'active' };
const template = (id: string, labels: Labels, severity: Severity, definition: RuleDefinition, population: Filter | null = null): RuleTemplate =>
  ({ id, labels, rule: { name: labels.en, severity, population, definition, enabled: true } });

/** Starting points a payroll controller expects; an employer copies one and adjusts it. */
export const RULE_TEMPLATES: readonly RuleTemplate[] = [
  template('salary-present', { nl: 'Salaris ingevuld voor actieve medewerkers', fr: 'Salaire rempli pour le personnel actif', en: 'Salary filled for active employees' },
    'blocking', { kind: 'presence', fields: ['grossMonthlySalary'] }, active),
  template('schedule-present', { nl: 'Deeltijdpercentage ingevuld', fr: "Taux d'occupation rempli", en: 'Work schedule filled' },
    'warning', { kind: 'presence', fields: ['workSchedulePercent'] }, active),
  template('minimum-salary-class', { nl: 'Minimumsalaris bedienden in schaal', fr: 'Salaire minimum employés dans la classe', en: 'Minimum salary white-collar in class' },
    'warning', { kind: 'validity', check: { op: 'range', field: 'grossMonthlySalary', min: 2000 } },
    { and: [{ field: 'category', equals: 'white_collar' }, { field: 'salaryClass', equals: '1' }] }),
  template('age-at-hire', { nl: 'Leeftijd bij indiensttreding 15–75', fr: "Âge à l'entrée 15–75", en: 'Age at hire 15–75' },
    'blocking', { kind: 'validity', check: { op: 'age', at: 'hireDate', min: 15, max: 75 } }),
  template('exit-after-hire', { nl: 'Uitdienst niet vóór indienst', fr: "Sortie pas avant l'entrée", en: 'Exit not before hire' },
    'blocking', { kind: 'validity', check: { op: 'dateOrder', earlier: 'hireDate', later: 'exitDate' } }),
  template('national-id-valid', { nl: 'BSN/INSZ geldig', fr: 'NISS/BSN valide', en: 'National id valid' },
    'blocking', { kind: 'validity', check: { op: 'identifier', field: 'nationalId' } }),
  template('schedule-range', { nl: 'Deeltijdpercentage 0–100 %', fr: "Taux d'occupation 0–100 %", en: 'Work schedule 0–100 %' },
    'blocking', { kind: 'validity', check: { op: 'range', field: 'workSchedulePercent', min: 0, max: 100 } }),
  template('salary-increase', { nl: 'Salarisstijging van meer dan 10 %', fr: 'Hausse de salaire de plus de 10 %', en: 'Salary increase over 10 %' },
    'warning', { kind: 'change', check: { op: 'increaseAbove', field: 'grossMonthlySalary', percent: 10 } }),
  template('salary-decrease', { nl: 'Salarisdaling', fr: 'Baisse de salaire', en: 'Salary decrease' },
    'warning', { kind: 'change', check: { op: 'decrease', field: 'grossMonthlySalary' } }),
  template('schedule-change', { nl: 'Deeltijdpercentage gewijzigd', fr: "Taux d'occupation modifié", en: 'Work schedule changed' },
    'info', { kind: 'change', check: { op: 'changed', field: 'workSchedulePercent' } }),
  template('category-change', { nl: 'Categorie gewijzigd', fr: 'Catégorie modifiée', en: 'Category changed' },
    'info', { kind: 'change', check: { op: 'changed', field: 'category' } }),
  template('birth-date-change', { nl: 'Geboortedatum gewijzigd', fr: 'Date de naissance modifiée', en: 'Birth date changed' },
    'blocking', { kind: 'change', check: { op: 'changed', field: 'birthDate' } }),
  template('national-id-change', { nl: 'BSN/INSZ gewijzigd', fr: 'NISS/BSN modifié', en: 'National id changed' },
    'blocking', { kind: 'change', check: { op: 'changed', field: 'nationalId' } }),
];

/**
 * A reader over snapshot rows: canonical values in CANONICAL_FIELDS order, custom columns by
 * header, and `status` — `departed` when the exit date lies before the period, else `active`.
 * One reader moves from row to row (`set`): over a million people, no closure per person.
 * Values may come as split from a snapshot line: '' is empty, as null is.
 */
function rowCursor(fieldIndex: ReadonlyMap<string, number>, customIndex: ReadonlyMap<string, number>, periodFrom: string) {
  let canonical: readonly (string | null)[] = [];
  let custom: readonly (string | null)[] = [];
  const value = (v: string | null | undefined) => (v === undefined || v === '' ? null : v);
  const read: FieldReader = (field) => {
    const i = fieldIndex.get(field);
    if (i !== undefined) return value(canonical[i]);
    const derived = derivedValue(field, read, periodFrom);
    if (derived !== undefined) return derived;
    const c = customIndex.get(field);
    return c === undefined ? null : value(custom[c]);
  };
  return {
    read,
    set(rowCanonical: readonly (string | null)[], rowCustom: readonly (string | null)[]) {
      canonical = rowCanonical;
      custom = rowCustom;
    },
  };
}

/** A reader over one row (rowCursor set once). */
export function rowReader(fieldIndex: ReadonlyMap<string, number>, customIndex: ReadonlyMap<string, number>, periodFrom: string,
  canonical: readonly (string | null)[], custom: readonly (string | null)[]): FieldReader {
  const cursor = rowCursor(fieldIndex, customIndex, periodFrom);
  cursor.set(canonical, custom);
  return cursor.read;
}
