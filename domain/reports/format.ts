/**
 * The monthly report per supplier (maandrapport): one line per communicated change of the month.
 * Which columns, in which order, labelled in which language, with which date and decimal formats,
 * as CSV or XLSX — stored per supplier in `supplier_report_settings.format`. Pure: no I/O.
 */
import { z } from 'zod';
import { ADDRESS_FIELDS, FIELD_SPECS, NAME_FIELDS, PAY_FIELDS, PERSON_DETAIL_FIELDS, isCanonicalField } from '../payroll/canonical';
import type { SupplierKind } from '../suppliers/supplier-kind';
import { normaliseDecimal } from '../shared/values';

const REPORT_LANGUAGES = ['nl', 'fr', 'en'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];
export type Labels = Readonly<Record<ReportLanguage, string>>;

/**
 * - `text`: free text, neutralised against formula injection;
 * - `code`: an identifier or code written verbatim as text (neutralised too);
 * - `date`: an ISO date written in the report's date format (as text, also in XLSX);
 * - `decimal`: a number — a number cell in XLSX, the report's decimal separator in CSV.
 */
export type ColumnType = 'text' | 'date' | 'decimal' | 'code';

export interface ColumnSpec {
  type: ColumnType;
  labels: Labels;
  /** Fixed number of decimals (amounts); otherwise as many as the value has. */
  decimals?: number;
}

export const REPORT_COLUMN_IDS = [
  'changeKind', 'effectiveDate', 'collectiveNumber', 'employeeNumber', 'insured',
  'nationalId', 'lastName', 'namePrefix', 'firstName', 'initials', 'birthDate', 'gender', 'nationality', 'maritalStatus',
  'partnerLastName', 'partnerNamePrefix',
  'street', 'houseNumber', 'postalCode', 'city', 'country',
  'category', 'salaryClass', 'workSchedulePercent', 'grossMonthlySalary', 'hireDate', 'exitDate',
  'planCode', 'planName', 'startDate', 'endDate',
  'field', 'oldValue', 'newValue',
] as const;
export type ColumnId = (typeof REPORT_COLUMN_IDS)[number];

const col = (type: ColumnType, nl: string, fr: string, en: string, decimals?: number): ColumnSpec =>
  decimals === undefined ? { type, labels: { nl, fr, en } } : { type, labels: { nl, fr, en }, decimals };

/** The column catalogue. Ids equal to a canonical field (docs/architecture.md §6) carry that field's value. */
export const REPORT_COLUMNS: Readonly<Record<ColumnId, ColumnSpec>> = {
  changeKind: col('code', 'Mutatie', 'Type de mutation', 'Change type'),
  effectiveDate: col('date', 'Ingangsdatum', "Date d'effet", 'Effective date'),
  collectiveNumber: col('code', 'Collectiviteitsnummer', 'Numéro de contrat collectif', 'Collective number'),
  employeeNumber: col('code', 'Personeelsnummer', 'Matricule', 'Employee number'),
  insured: col('code', 'Verzekerde', 'Assuré', 'Insured'),
  nationalId: col('code', 'BSN/INSZ', 'NISS/BSN', 'National ID'),
  lastName: col('text', 'Achternaam', 'Nom', 'Last name'),
  namePrefix: col('text', 'Voorvoegsel', 'Particule', 'Name prefix'),
  firstName: col('text', 'Voornaam', 'Prénom', 'First name'),
  initials: col('text', 'Voorletters', 'Initiales', 'Initials'),
  birthDate: col('date', 'Geboortedatum', 'Date de naissance', 'Date of birth'),
  gender: col('code', 'Geslacht', 'Sexe', 'Gender'),
  nationality: col('code', 'Nationaliteit', 'Nationalité', 'Nationality'),
  maritalStatus: col('code', 'Burgerlijke staat', 'État civil', 'Marital status'),
  partnerLastName: col('text', 'Achternaam partner', 'Nom du partenaire', 'Partner last name'),
  partnerNamePrefix: col('text', 'Voorvoegsel partner', 'Particule du partenaire', 'Partner name prefix'),
  street: col('text', 'Straat', 'Rue', 'Street'),
  houseNumber: col('text', 'Huisnummer', 'Numéro', 'House number'),
  postalCode: col('code', 'Postcode', 'Code postal', 'Postal code'),
  city: col('text', 'Woonplaats', 'Localité', 'City'),
  country: col('code', 'Land', 'Pays', 'Country'),
  category: col('code', 'Categorie', 'Catégorie', 'Category'),
  salaryClass: col('code', 'Salarisschaal', 'Classe salariale', 'Salary class'),
  workSchedulePercent: col('decimal', 'Deeltijdpercentage', "Taux d'occupation (%)", 'Work schedule (%)'),
  grossMonthlySalary: col('decimal', 'Bruto maandsalaris', 'Salaire mensuel brut', 'Gross monthly salary', 2),
  hireDate: col('date', 'Datum in dienst', "Date d'entrée", 'Hire date'),
  exitDate: col('date', 'Datum uit dienst', 'Date de sortie', 'Exit date'),
  planCode: col('code', 'Productcode', 'Code produit', 'Plan code'),
  planName: col('text', 'Product', 'Produit', 'Plan'),
  startDate: col('date', 'Begindatum', 'Date de début', 'Start date'),
  endDate: col('date', 'Einddatum', 'Date de fin', 'End date'),
  field: col('code', 'Gewijzigd gegeven', 'Donnée modifiée', 'Changed field'),
  oldValue: col('text', 'Oude waarde', 'Ancienne valeur', 'Old value'),
  newValue: col('text', 'Nieuwe waarde', 'Nouvelle valeur', 'New value'),
};

export const REPORT_LINE_KINDS = ['enrollment', 'termination', 'hire', 'departure', 'rehire', 'change'] as const;
export type ReportLineKind = (typeof REPORT_LINE_KINDS)[number];

export const CHANGE_KIND_LABELS: Readonly<Record<ReportLineKind, Labels>> = {
  enrollment: { nl: 'Aansluiting', fr: 'Affiliation', en: 'Enrollment' },
  termination: { nl: 'Afsluiting', fr: 'Désaffiliation', en: 'Termination' },
  hire: { nl: 'Indienst', fr: 'Entrée en service', en: 'Hire' },
  departure: { nl: 'Uitdienst', fr: 'Sortie de service', en: 'Departure' },
  rehire: { nl: 'Herindienst', fr: 'Rentrée', en: 'Rehire' },
  change: { nl: 'Wijziging', fr: 'Modification', en: 'Change' },
};

export type InsuredKind = 'employee' | 'partner' | 'child';

export const INSURED_LABELS: Readonly<Record<InsuredKind, Labels>> = {
  employee: { nl: 'Werknemer', fr: 'Travailleur', en: 'Employee' },
  partner: { nl: 'Partner', fr: 'Partenaire', en: 'Partner' },
  child: { nl: 'Kind', fr: 'Enfant', en: 'Child' },
};

/** The sheet's name when all lines share one sheet. */
const SHEET_LABELS: Labels = { nl: 'Mutaties', fr: 'Mutations', en: 'Changes' };

const REPORT_DATE_FORMATS = ['yyyy-mm-dd', 'dd-mm-yyyy', 'dd/mm/yyyy', 'dd.mm.yyyy'] as const;
export type ReportDateFormat = (typeof REPORT_DATE_FORMATS)[number];

const FILE_NAME_PLACEHOLDERS = ['supplier', 'employer', 'period', 'version', 'ext'] as const;
const DEFAULT_FILE_NAME_PATTERN = '{supplier}_{employer}_{period}.{ext}';

/** Used when a stored format names no columns: no national id, no salary. */
const GENERIC_COLUMNS: readonly ColumnId[] = [
  'changeKind', 'effectiveDate', 'collectiveNumber', 'employeeNumber', 'insured', 'lastName', 'namePrefix', 'firstName',
  'birthDate', 'planCode', 'planName', 'startDate', 'endDate', 'field', 'oldValue', 'newValue',
];

/**
 * Whether a report in this format can carry a national id: its own column, or a change's old and
 * new value (a corrected national id is a change like any other). Such a report leaves Mutaflow
 * only PGP-encrypted (docs/delivery.md).
 */
export function formatCarriesNationalIds(format: Pick<ReportFormat, 'columns'>): boolean {
  return format.columns.some((c) => c === 'nationalId' || c === 'oldValue' || c === 'newValue');
}

export const reportFormatSchema = z.strictObject({
  fileType: z.enum(['csv', 'xlsx']).default('xlsx'),
  language: z.enum(REPORT_LANGUAGES).default('nl'),
  columns: z.array(z.enum(REPORT_COLUMN_IDS)).min(1)
    .refine((cs) => new Set(cs).size === cs.length, { message: 'a column may appear only once' })
    .default([...GENERIC_COLUMNS]),
  dateFormat: z.enum(REPORT_DATE_FORMATS).default('dd-mm-yyyy'),
  decimalSeparator: z.enum(['.', ',']).default(','),
  /** CSV only. */
  csvDelimiter: z.enum([';', ',', '\t']).default(';'),
  /** XLSX only: one sheet per change kind (kinds without lines get no sheet). */
  sheetPerKind: z.boolean().default(false),
  fileNamePattern: z.string().min(1).max(200)
    .refine((p) => [...p.matchAll(/\{([^}]*)\}/g)].every((m) => (FILE_NAME_PLACEHOLDERS as readonly string[]).includes(m[1])),
      { message: `unknown placeholder; use ${FILE_NAME_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` })
    .refine((p) => p.endsWith('.{ext}'), { message: 'the pattern must end with .{ext}' })
    .default(DEFAULT_FILE_NAME_PATTERN),
  /**
   * The supplier's own header for a column ("Naam" where we write "Achternaam"): what their
   * template expects. Columns not named keep the report language's label.
   */
  headerLabels: z.partialRecord(z.enum(REPORT_COLUMN_IDS), z.string().trim().min(1).max(100)).default({}),
}).refine((f) => Object.keys(f.headerLabels).every((c) => (f.columns as string[]).includes(c)),
  { message: 'a header label is for a column the report has', path: ['headerLabels'] });

export type ReportFormat = z.output<typeof reportFormatSchema>;

const ENROLLMENT_COLUMNS: ColumnId[] = ['planCode', 'planName', 'startDate', 'endDate'];
const CHANGE_COLUMNS: ColumnId[] = ['field', 'oldValue', 'newValue'];
const HEAD: ColumnId[] = ['changeKind', 'effectiveDate', 'collectiveNumber', 'employeeNumber'];

const DEFAULT_COLUMNS_BY_KIND: Readonly<Record<SupplierKind, readonly ColumnId[]>> = {
  health_insurer: [...HEAD, 'insured', ...PERSON_DETAIL_FIELDS, 'nationality', ...ADDRESS_FIELDS, 'hireDate', 'exitDate',
    ...ENROLLMENT_COLUMNS, ...CHANGE_COLUMNS],
  hospitalisation: [...HEAD, 'insured', ...PERSON_DETAIL_FIELDS, 'maritalStatus', ...ADDRESS_FIELDS, 'category', 'hireDate', 'exitDate',
    ...ENROLLMENT_COLUMNS, ...CHANGE_COLUMNS],
  group_insurance: [...HEAD, 'insured', ...PERSON_DETAIL_FIELDS, 'maritalStatus', 'partnerLastName', 'partnerNamePrefix', ...ADDRESS_FIELDS,
    'category', ...PAY_FIELDS, 'hireDate', 'exitDate', ...ENROLLMENT_COLUMNS, ...CHANGE_COLUMNS],
  accident: [...HEAD, ...PERSON_DETAIL_FIELDS, 'category', 'workSchedulePercent', 'grossMonthlySalary', 'hireDate', 'exitDate',
    ...ENROLLMENT_COLUMNS, ...CHANGE_COLUMNS],
  // Data minimisation: a lease-car or fuel-card company needs no national id, birth date or salary.
  external: [...HEAD, 'insured', ...NAME_FIELDS, ...ADDRESS_FIELDS, ...ENROLLMENT_COLUMNS, ...CHANGE_COLUMNS],
  internal: ['changeKind', 'effectiveDate', 'employeeNumber', ...NAME_FIELDS, 'category', ...PAY_FIELDS, 'hireDate', 'exitDate',
    ...ENROLLMENT_COLUMNS, ...CHANGE_COLUMNS],
};

/** The format a supplier of this kind gets until it is configured otherwise. */
export function defaultReportFormat(kind: SupplierKind): ReportFormat {
  const insurer = kind !== 'external' && kind !== 'internal';
  return reportFormatSchema.parse({ fileType: insurer ? 'xlsx' : 'csv', columns: [...DEFAULT_COLUMNS_BY_KIND[kind]] });
}

// ---- lines -----------------------------------------------------------------------------------

/** One communicated change of the month, with the data the columns draw from. */
export interface ReportLine {
  kind: ReportLineKind;
  effectiveDate: string | null;
  insured: InsuredKind;
  /** The employee's canonical values (dates ISO, decimals with a dot). */
  person: Record<string, string | null>;
  /** The family member's own data; the identity columns use it when `insured` is not the employee. */
  member?: Record<string, string | null>;
  plan?: { code: string | null; name: string };
  startDate?: string | null;
  endDate?: string | null;
  /** The canonical field that changed (`change`, and the date behind hire/departure/rehire). */
  field?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
  collectiveNumber?: string | null;
  /** Whom the line is about (kept with the line; never a column). */
  personId?: string;
  familyMemberId?: string | null;
}

/** Columns that describe the insured person: a partner's or child's own, not the employee's. */
const MEMBER_COLUMNS: ReadonlySet<ColumnId> = new Set<ColumnId>(
  ['nationalId', 'lastName', 'namePrefix', 'firstName', 'initials', 'birthDate', 'gender', 'nationality'],
);

/** What one report line told the supplier: only the values its columns carried (canonical form). */
export interface CommunicatedLineValues {
  person: Record<string, string | null>;
  member?: Record<string, string | null>;
  startDate?: string | null;
  endDate?: string | null;
}

/**
 * The values a line carried in this format, as kept for reconciling the supplier's bordereau:
 * the employee's fields among the columns, a family member's identity on a member line.
 */
export function communicatedValues(format: Pick<ReportFormat, 'columns'>, line: ReportLine): CommunicatedLineValues {
  const out: CommunicatedLineValues = { person: {} };
  const onMember = line.insured !== 'employee' && line.member;
  for (const c of format.columns) {
    if (c === 'startDate' && line.startDate !== undefined) out.startDate = line.startDate;
    else if (c === 'endDate' && line.endDate !== undefined) out.endDate = line.endDate;
    else if (onMember && MEMBER_COLUMNS.has(c)) (out.member ??= {})[c] = line.member![c] ?? null;
    else if (c in line.person) out.person[c] = line.person[c] ?? null;
  }
  return out;
}

export type ReportCell = string | number | null;

export interface ReportTable {
  header: string[];
  rows: ReportCell[][];
}

export interface ReportSheet extends ReportTable {
  name: string;
}

// ---- values ----------------------------------------------------------------------------------

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** An ISO date in the report's format; null when the text is not an ISO date. */
export function formatDate(iso: string, format: ReportDateFormat): string | null {
  const m = ISO_DATE.exec(iso);
  if (!m) return null;
  const [, y, mo, d] = m;
  switch (format) {
    case 'yyyy-mm-dd': return iso;
    case 'dd-mm-yyyy': return `${d}-${mo}-${y}`;
    case 'dd/mm/yyyy': return `${d}/${mo}/${y}`;
    case 'dd.mm.yyyy': return `${d}.${mo}.${y}`;
  }
}

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/** Rounds half away from zero on the digits, without binary floating point. */
function fixDecimals(text: string, decimals: number): string {
  const negative = text.startsWith('-');
  const [int, frac = ''] = (negative ? text.slice(1) : text).split('.');
  let digits = BigInt(int + frac.padEnd(decimals, '0').slice(0, decimals));
  if (frac.length > decimals && frac.charCodeAt(decimals) >= 53 /* '5' */) digits += 1n;
  const s = digits.toString().padStart(decimals + 1, '0');
  const body = decimals > 0 ? `${s.slice(0, -decimals)}.${s.slice(-decimals)}` : s;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/**
 * A decimal (dot-separated, as canonical values are) written with the separator and, when given,
 * a fixed number of decimals; null when the text is not a plain number.
 */
export function formatDecimal(text: string, separator: '.' | ',', decimals?: number): string | null {
  if (!PLAIN_DECIMAL.test(text)) return null;
  const fixed = decimals === undefined ? normaliseDecimal(text) : fixDecimals(text, decimals);
  return separator === ',' ? fixed.replace('.', ',') : fixed;
}

/**
 * Neutralises text a spreadsheet would run as a formula (OWASP "CSV injection"): text starting
 * with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`. Tabs and line breaks inside
 * the text become spaces. Numbers in decimal columns never come here: they stay numbers.
 */
export function neutraliseCell(text: string): string {
  const risky = /^[=+\-@\t\r]/.test(text);
  const flat = text.replace(/\r\n|[\t\r\n]/g, ' ');
  return risky ? `'${flat}` : flat;
}

/** The label of a canonical field (or column) in the language; an unknown field keeps its name. */
export function fieldLabel(field: string, language: ReportLanguage): string {
  return (REPORT_COLUMNS as Record<string, ColumnSpec | undefined>)[field]?.labels[language] ?? field;
}

/** How an old or new value of a changed field is written: dates and decimals as the format says. */
function changeValue(value: string | null | undefined, field: string | null | undefined, format: ReportFormat): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (field && isCanonicalField(field)) {
    const kind = FIELD_SPECS[field].type.kind;
    if (kind === 'date') {
      const d = formatDate(value, format.dateFormat);
      if (d !== null) return d;
    } else if (kind === 'decimal') {
      const n = formatDecimal(value, format.decimalSeparator, REPORT_COLUMNS[field as ColumnId]?.decimals);
      if (n !== null) return n;
    }
  }
  return neutraliseCell(value);
}

function rawValue(line: ReportLine, column: ColumnId, language: ReportLanguage): string | null | undefined {
  switch (column) {
    case 'changeKind': return CHANGE_KIND_LABELS[line.kind][language];
    case 'effectiveDate': return line.effectiveDate;
    case 'collectiveNumber': return line.collectiveNumber;
    case 'insured': return INSURED_LABELS[line.insured][language];
    case 'planCode': return line.plan?.code;
    case 'planName': return line.plan?.name;
    case 'startDate': return line.startDate;
    case 'endDate': return line.endDate;
    case 'field': return line.field ? fieldLabel(line.field, language) : null;
    case 'oldValue': return line.oldValue;
    case 'newValue': return line.newValue;
    default: {
      const source = line.insured !== 'employee' && MEMBER_COLUMNS.has(column) ? line.member ?? {} : line.person;
      return source[column];
    }
  }
}

/** One cell, ready to write: formatted, neutralised; decimals as numbers in XLSX. */
function reportCell(line: ReportLine, column: ColumnId, format: ReportFormat): ReportCell {
  if (column === 'oldValue') return changeValue(line.oldValue, line.field, format);
  if (column === 'newValue') return changeValue(line.newValue, line.field, format);
  const value = rawValue(line, column, format.language);
  if (value === null || value === undefined || value === '') return null;
  const spec = REPORT_COLUMNS[column];
  if (spec.type === 'date') {
    const d = formatDate(value, format.dateFormat);
    if (d !== null) return d;
  } else if (spec.type === 'decimal' && PLAIN_DECIMAL.test(value)) {
    if (format.fileType === 'xlsx') return Number(formatDecimal(value, '.', spec.decimals));
    return formatDecimal(value, format.decimalSeparator, spec.decimals);
  }
  return neutraliseCell(value);
}

/** The header labels in the report's language. */
function reportHeader(format: ReportFormat): string[] {
  return format.columns.map((c) => format.headerLabels[c] ?? REPORT_COLUMNS[c].labels[format.language]);
}

/**
 * The report as one table, lines in the order given. Date cells are text in the report's date
 * format; decimal cells are numbers for XLSX and text with the decimal separator for CSV; every
 * other cell is neutralised text.
 */
export function reportRows(format: ReportFormat, lines: readonly ReportLine[]): ReportTable {
  return { header: reportHeader(format), rows: lines.map((l) => format.columns.map((c) => reportCell(l, c, format))) };
}

/**
 * The report's sheets: one named after the language ("Mutaties"), or — with `sheetPerKind` on an
 * XLSX report — one per change kind that has lines, in REPORT_LINE_KINDS order, named by the
 * kind's label. A report without lines is one sheet with only the header.
 */
export function groupBySheet(format: ReportFormat, lines: readonly ReportLine[]): ReportSheet[] {
  if (!format.sheetPerKind || format.fileType !== 'xlsx' || lines.length === 0) {
    return [{ name: SHEET_LABELS[format.language], ...reportRows(format, lines) }];
  }
  return REPORT_LINE_KINDS
    .map((kind) => ({ kind, lines: lines.filter((l) => l.kind === kind) }))
    .filter((g) => g.lines.length > 0)
    .map((g) => ({ name: CHANGE_KIND_LABELS[g.kind][format.language], ...reportRows(format, g.lines) }));
}

// ---- file name -------------------------------------------------------------------------------

export interface ReportMeta {
  supplierName: string;
  employerName: string;
  /** YYYY-MM */
  period: string;
  version: number;
}

/** `Société Générale/BE` → `Societe_Generale_BE`: ASCII letters, digits, dot, dash, underscore. */
function sanitise(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_').replace(/_{2,}/g, '_');
}

/**
 * The file name from the format's pattern, sanitised to `[A-Za-z0-9._-]`: never a path, never
 * hidden, at most 200 characters, always ending in `.csv` or `.xlsx`.
 */
export function reportFileName(format: ReportFormat, meta: ReportMeta): string {
  const ext = format.fileType;
  const values: Record<(typeof FILE_NAME_PLACEHOLDERS)[number], string> = {
    supplier: meta.supplierName, employer: meta.employerName, period: meta.period, version: String(meta.version), ext,
  };
  // The schema makes every pattern end with `.{ext}`; the stem before it is what gets sanitised.
  const stemPattern = format.fileNamePattern.endsWith('.{ext}') ? format.fileNamePattern.slice(0, -'.{ext}'.length) : format.fileNamePattern;
  const rendered = stemPattern.replace(/\{(supplier|employer|period|version|ext)\}/g, (_, key: keyof typeof values) => values[key]);
  const stem = sanitise(rendered).replace(/^[._-]+/, '').slice(0, 200 - ext.length - 1);
  return `${stem || 'report'}.${ext}`;
}
