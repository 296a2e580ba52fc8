/**
 * One person's statement (infofiche): their data as in the payroll and as last communicated to
 * each supplier (both where they differ, with the day it was sent), their family members, and
 * the enrollments of the person and the family across suppliers with the contribution per plan
 * where the plan has a premium formula. Pure: the caller loads the input; the same statement is
 * printed as PDF and shown as an HTML page (the sections and their blocks are the content of both).
 *
 * The sections are an extension point: STATEMENT_SECTION_SOURCES lists the functions that make
 * them, in print order; another capability (internal benefits) adds its own source and input.
 */
import { PremiumInputError, computePremium, premiumFormulaSchema } from '../contributions/premium-formula';
import { fieldLabel } from '../reports/format';
import type { CompanyCountry } from '../shared/identifiers';
import { type StatementLabels, type StatementLang, STATEMENT_LANGS, statementLabels } from './labels';
import { compactNationalId } from '../shared/identifiers';

export type { StatementLang } from './labels';

export interface StatementEnrollment {
  /** null: the employee's own enrollment. */
  familyMemberId: string | null;
  supplierName: string;
  planId: string;
  planName: string;
  planCode: string | null;
  startDate: string;
  endDate: string | null;
  /** The plan's premium formula as stored (domain/contributions/premium-formula.ts); null: none. */
  premiumFormula: unknown;
}

export interface StatementFamilyMember {
  id: string;
  relation: 'partner' | 'child';
  data: Record<string, unknown>;
  endDate: string | null;
}

/** The last message sent to a supplier about the person, with the person's data as it went. */
export interface StatementCommunication {
  supplierName: string;
  /** yyyy-mm-dd, in the employer's time zone. */
  sentOn: string;
  /** The person's fields as sent; null when the body of that message was not kept. */
  person: Record<string, unknown> | null;
}

export interface StatementInput {
  lang: StatementLang;
  /** yyyy-mm-dd: the day of issue, the reference date for contributions. */
  issuedOn: string;
  employer: { name: string; country: CompanyCountry; companyNumber: string | null };
  person: { employeeNumber: string; status: string; data: Record<string, unknown> };
  familyMembers: readonly StatementFamilyMember[];
  enrollments: readonly StatementEnrollment[];
  communications: readonly StatementCommunication[];
  /** Internal benefits running on the day of issue (db/queries/benefits.ts); absent: none. */
  internalBenefits?: readonly StatementInternalBenefit[];
}

/** An internally managed benefit (a card, a phone, a budget) as the statement prints it. */
export interface StatementInternalBenefit {
  typeName: string;
  startDate: string;
  endDate: string | null;
  fields: readonly { label: string; type: string; value: string | number | boolean | null }[];
  calculation: { kind: 'yearly_budget'; year: number; budgetCents: number; spentCents: number; remainingCents: number } | null;
}

export interface StatementRow { label: string; value: string }
export type StatementBlock =
  | { kind: 'rows'; rows: StatementRow[] }
  | { kind: 'table'; columns: string[]; rows: string[][]; widths?: number[] }
  | { kind: 'text'; text: string };
export interface StatementSection { id: string; title: string; blocks: StatementBlock[] }

export interface Statement {
  lang: StatementLang;
  title: string;
  /** Employer, person, employee number, date of issue. */
  header: StatementRow[];
  sections: StatementSection[];
}

/** Makes one section of the statement, or null when it has nothing to say for this person. */
export type StatementSectionSource = (input: StatementInput, L: StatementLabels) => StatementSection | null;

/** What an empty or unknown value prints as. */
const EMPTY = '—';

/** The fields of the personal and contract data section, in print order (docs/architecture.md §6). */
const STATEMENT_FIELDS = [
  'employeeNumber', 'nationalId', 'lastName', 'namePrefix', 'firstName', 'initials', 'birthDate', 'gender', 'nationality', 'maritalStatus',
  'partnerLastName', 'partnerNamePrefix', 'street', 'houseNumber', 'postalCode', 'city', 'country',
  'category', 'salaryClass', 'workSchedulePercent', 'grossMonthlySalary', 'hireDate', 'exitDate',
] as const;
const DATE_FIELDS = new Set(['birthDate', 'hireDate', 'exitDate']);

/** The person's language (a `language` column in the payroll data, if it has one), else the employer's. */
export function statementLanguage(personData: Record<string, unknown>, employerLanguage: StatementLang): StatementLang {
  const raw = personData.language ?? personData.taal ?? personData.langue;
  const code = typeof raw === 'string' ? raw.trim().slice(0, 2).toLowerCase() : '';
  return (STATEMENT_LANGS as readonly string[]).includes(code) ? (code as StatementLang) : employerLanguage;
}

/**
 * An employer's language when none is given. Belgium has no single language: Dutch, as for most
 * employers here (Flemish); a Walloon or Brussels employer sets French on the employer.
 */
const DEFAULT_EMPLOYER_LANGUAGE: Record<CompanyCountry, StatementLang> = { NL: 'nl', BE: 'nl' };
export const defaultEmployerLanguage = (country: CompanyCountry): StatementLang => DEFAULT_EMPLOYER_LANGUAGE[country];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A yyyy-mm-dd date the way the language's readers write it; anything else is shown as given. */
export function formatStatementDate(date: string | null | undefined, lang: StatementLang): string {
  if (!date?.trim()) return EMPTY;
  const m = ISO_DATE.exec(date.trim());
  if (!m) return date;
  const [, y, mo, d] = m;
  return lang === 'nl' ? `${d}-${mo}-${y}` : lang === 'fr' ? `${d}/${mo}/${y}` : `${y}-${mo}-${d}`;
}

/** Integer cents as the language writes money: € 1.234,56 · 1 234,56 € · €1,234.56. */
export function formatMoney(cents: number, lang: StatementLang): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100));
  const frac = String(abs % 100).padStart(2, '0');
  const group = (sep: string) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  if (lang === 'nl') return `${sign}€ ${group('.')},${frac}`;
  if (lang === 'fr') return `${sign}${group(' ')},${frac} €`;
  return `${sign}€${group(',')}.${frac}`;
}

/** A decimal text ("3500.5", "3500,50") as integer cents, exactly (no binary floating point); null if not a number. */
export function decimalToCents(value: unknown): number | null {
  const t = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim().replace(',', '.') : '';
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!m) return null;
  const digits = (m[3] ?? '').padEnd(3, '0');
  // Half up on the third decimal.
  const cents = Number(m[2]) * 100 + Number(digits.slice(0, 2)) + (Number(digits[2]) >= 5 ? 1 : 0);
  return m[1] ? -cents : cents;
}

const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v).trim());

/** A field's value for comparison: national ids without separators, everything else trimmed. */
function comparable(field: string, v: unknown): string {
  const s = str(v);
  if (field === 'nationalId') return compactNationalId(s);
  if (field === 'grossMonthlySalary' || field === 'workSchedulePercent') {
    const cents = decimalToCents(s);
    return cents === null ? s : String(cents);
  }
  return s;
}

function formatField(field: string, v: unknown, lang: StatementLang): string {
  const s = str(v);
  if (!s) return EMPTY;
  if (DATE_FIELDS.has(field)) return formatStatementDate(s, lang);
  if (field === 'grossMonthlySalary') {
    const cents = decimalToCents(s);
    return cents === null ? s : formatMoney(cents, lang);
  }
  if (field === 'workSchedulePercent') return `${s} %`;
  return s;
}

const fullName = (d: Record<string, unknown>) => [str(d.firstName), str(d.namePrefix), str(d.lastName)].filter(Boolean).join(' ') || EMPTY;

/** Field differences between the payroll and what one supplier was last told. */
function differences(input: StatementInput, c: StatementCommunication): string[] {
  if (!c.person) return [];
  return STATEMENT_FIELDS.filter((f) => Object.hasOwn(c.person!, f) && comparable(f, c.person![f]) !== comparable(f, input.person.data[f]));
}

const personalDataSection: StatementSectionSource = (input, L) => {
  const { lang } = input;
  const rows = STATEMENT_FIELDS.map((field) => {
    const shown = input.communications.flatMap((c) => (differences(input, c).includes(field)
      ? [`${formatField(field, c.person![field], lang)} (${c.supplierName}, ${L.sentOn} ${formatStatementDate(c.sentOn, lang)})`]
      : []));
    return [fieldLabel(field, lang), formatField(field, input.person.data[field], lang), shown.length ? shown.join('\n') : ''];
  });
  return { id: 'personal-data', title: L.personalData, blocks: [{ kind: 'table', columns: [L.field, L.payroll, L.communicated], rows, widths: [3, 3, 5] }] };
};

const communicationsSection: StatementSectionSource = (input, L) => {
  const { lang } = input;
  if (!input.communications.length) return { id: 'communications', title: L.communications, blocks: [{ kind: 'text', text: L.noCommunications }] };
  const bySupplier = [...input.communications].sort((a, b) => a.supplierName.localeCompare(b.supplierName));
  const rows = bySupplier.map((c) => {
    const diff = differences(input, c);
    const text = !c.person ? L.notKnown : diff.length ? diff.map((f) => fieldLabel(f, lang)).join(', ') : L.none;
    return [c.supplierName, formatStatementDate(c.sentOn, lang), text];
  });
  const blocks: StatementBlock[] = [{ kind: 'table', columns: [L.supplier, L.lastSent, L.differences], rows, widths: [4, 2, 5] }];
  if (input.communications.every((c) => c.person && !differences(input, c).length)) blocks.push({ kind: 'text', text: L.sameEverywhere });
  return { id: 'communications', title: L.communications, blocks };
};

const familySection: StatementSectionSource = (input, L) => {
  if (!input.familyMembers.length) return null;
  const rows = input.familyMembers.map((m) => [
    L[m.relation], fullName(m.data), formatStatementDate(str(m.data.birthDate), input.lang), m.endDate ? formatStatementDate(m.endDate, input.lang) : '',
  ]);
  return { id: 'family', title: L.familyMembers, blocks: [{ kind: 'table', columns: [L.relation, L.name, L.birthDate, L.until], rows, widths: [2, 5, 2, 2] }] };
};

/** First day of the month of a yyyy-mm-dd date: the reference date of a monthly premium. */
const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
const activeOn = (e: { startDate: string; endDate: string | null }, day: string) => e.startDate <= day && (e.endDate === null || e.endDate >= day);

/** The employee's contribution for one of their own enrollments, in words; '' where the plan has no formula or the enrollment is not running. */
function contributionText(input: StatementInput, e: StatementEnrollment, L: StatementLabels): string {
  if (e.premiumFormula === null || e.premiumFormula === undefined) return '';
  const parsed = premiumFormulaSchema.safeParse(e.premiumFormula);
  if (!parsed.success) return '';
  if (!activeOn(e, input.issuedOn)) return '';
  const covered = input.enrollments.filter((o) => o.planId === e.planId && o.familyMemberId !== null && activeOn(o, input.issuedOn));
  const relationOf = new Map(input.familyMembers.map((m) => [m.id, m.relation]));
  const d = input.person.data;
  try {
    const premium = computePremium(parsed.data, {
      salaryCents: decimalToCents(d.grossMonthlySalary),
      workSchedulePercent: str(d.workSchedulePercent) ? Number(str(d.workSchedulePercent)) : null,
      birthDate: str(d.birthDate) || null,
      partners: covered.filter((o) => relationOf.get(o.familyMemberId!) === 'partner').length,
      children: covered.filter((o) => relationOf.get(o.familyMemberId!) === 'child').length,
      asOf: monthStart(input.issuedOn),
    });
    return `${formatMoney(premium.employeeCents, input.lang)} ${L.employeeShare} / ${formatMoney(premium.totalCents, input.lang)} ${L.total}`;
  } catch (err) {
    if (err instanceof PremiumInputError) return `${L.cannotCompute}: ${L.missing[err.field]}`;
    throw err;
  }
}

const enrollmentsSection: StatementSectionSource = (input, L) => {
  if (!input.enrollments.length) return { id: 'enrollments', title: L.enrollments, blocks: [{ kind: 'text', text: L.noEnrollments }] };
  const members = new Map(input.familyMembers.map((m) => [m.id, m]));
  // The employee's own enrollments first, then the family's; by supplier, plan and start within each.
  const sorted = [...input.enrollments].sort((a, b) => Number(a.familyMemberId !== null) - Number(b.familyMemberId !== null)
    || a.supplierName.localeCompare(b.supplierName) || a.planName.localeCompare(b.planName) || a.startDate.localeCompare(b.startDate));
  const rows = sorted.map((e) => {
    const member = e.familyMemberId ? members.get(e.familyMemberId) : undefined;
    const insured = member ? `${L[member.relation]}: ${fullName(member.data)}` : `${L.employee}: ${fullName(input.person.data)}`;
    const plan = e.planCode ? `${e.planName} (${e.planCode})` : e.planName;
    const contribution = member ? (e.premiumFormula ? L.includedWithEmployee : '') : contributionText(input, e, L);
    return [insured, e.supplierName, plan, formatStatementDate(e.startDate, input.lang), e.endDate ? formatStatementDate(e.endDate, input.lang) : '', contribution];
  });
  return {
    id: 'enrollments', title: L.enrollments,
    blocks: [{ kind: 'table', columns: [L.insured, L.supplier, L.plan, L.startDate, L.endDate, L.contribution], rows, widths: [4, 3, 3, 2, 2, 4] }],
  };
};

/** A benefit field's value as the language writes it: money from cents, dates, yes/no. */
function benefitValue(f: StatementInternalBenefit['fields'][number], L: StatementLabels, lang: StatementLang): string | null {
  if (f.value === null || f.value === '') return null;
  if (f.type === 'money' && typeof f.value === 'number') return formatMoney(f.value, lang);
  if (f.type === 'date' && typeof f.value === 'string') return formatStatementDate(f.value, lang);
  if (f.type === 'yes_no') return f.value ? L.yes : L.no;
  return String(f.value);
}

const internalBenefitsSection: StatementSectionSource = (input, L) => {
  const benefits = input.internalBenefits ?? [];
  if (!benefits.length) return null;
  const rows = benefits.map((b) => {
    const details = b.fields.flatMap((f) => { const v = benefitValue(f, L, input.lang); return v === null ? [] : [`${f.label}: ${v}`]; });
    if (b.calculation) {
      const c = b.calculation;
      details.push(L.budget.replace('{year}', String(c.year)).replace('{budget}', formatMoney(c.budgetCents, input.lang))
        .replace('{spent}', formatMoney(c.spentCents, input.lang)).replace('{remaining}', formatMoney(c.remainingCents, input.lang)));
    }
    return [b.typeName, formatStatementDate(b.startDate, input.lang), b.endDate ? formatStatementDate(b.endDate, input.lang) : '', details.join('; ')];
  });
  return { id: 'internal-benefits', title: L.internalBenefits, blocks: [{ kind: 'table', columns: [L.benefit, L.startDate, L.endDate, L.details], rows, widths: [3, 2, 2, 6] }] };
};

/** The sections of every statement, in print order. Add a source here to add a section. */
export const STATEMENT_SECTION_SOURCES: readonly StatementSectionSource[] = [personalDataSection, communicationsSection, familySection, enrollmentsSection, internalBenefitsSection];

export function buildStatement(input: StatementInput, sources: readonly StatementSectionSource[] = STATEMENT_SECTION_SOURCES): Statement {
  const L = statementLabels(input.lang);
  return {
    lang: input.lang,
    title: L.title,
    header: [
      { label: L.employer, value: input.employer.name },
      { label: L.person, value: fullName(input.person.data) },
      { label: L.employeeNumber, value: input.person.employeeNumber },
      { label: L.personStatus, value: (L.status as Record<string, string>)[input.person.status] ?? input.person.status },
      { label: L.issuedOn, value: formatStatementDate(input.issuedOn, input.lang) },
    ],
    sections: sources.map((source) => source(input, L)).filter((s): s is StatementSection => s !== null),
  };
}
