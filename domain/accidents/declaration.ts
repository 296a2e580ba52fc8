/**
 * The work-accident declaration an employer sends its accident insurer: the content,
 * pre-filled from Mutaflow data, and the labelled sections the PDF prints. Pure: no I/O.
 *
 * Wording follows the Belgian declaration form (Fedris model: "Aangifte van arbeidsongeval" /
 * "Déclaration d'accident du travail"); for a Dutch employer the identifiers are named the Dutch way
 * (KvK-nummer, BSN).
 */
import en from './labels/declaration.en.json';
import fr from './labels/declaration.fr.json';
import nl from './labels/declaration.nl.json';

export type DeclarationLang = 'nl' | 'fr' | 'en';

export interface DeclarationContent {
  lang: DeclarationLang;
  /** Case reference, e.g. 'ACC-2026-000123'. */
  reference: string;
  /** yyyy-mm-dd */
  preparedOn: string;
  /** The last day to declare, yyyy-mm-dd. */
  deadlineDate: string;
  employer: { name: string; companyNumber: string | null; country: 'BE' | 'NL' };
  victim: {
    employeeNumber: string; lastName: string; namePrefix?: string | null; firstName: string; nationalId?: string | null; birthDate?: string | null; gender?: string | null;
    street?: string | null; houseNumber?: string | null; postalCode?: string | null; city?: string | null; country?: string | null;
    category?: string | null; workSchedulePercent?: string | null; hireDate?: string | null;
  };
  /** occurredAt: local wall-clock time 'yyyy-mm-dd hh:mm'. */
  accident: { occurredAt: string; place: string; description: string; witnesses: { name: string; contact?: string | null }[]; firstAid?: string | null };
  injuries: { bodyPart: string; nature: string }[];
  medicalCare?: string | null;
  consequences: { incapacityFrom?: string | null; workResumedOn?: string | null; fatal?: boolean };
  /** Measures taken to prevent recurrence. */
  prevention?: string | null;
  insurer: { name: string; policyNumber?: string | null; claimNumber?: string | null };
}

export interface DeclarationSection { title: string; rows: { label: string; value: string }[] }

/** What an empty or unknown value prints as: a blank would read as "forgot to fill in". */
export const EMPTY = '—';

// The labels per language are data (labels/declaration.<lang>.json); typing every language as the
// Dutch one makes a key missing in French or English a compile error.
const LABELS: Record<DeclarationLang, typeof nl> = { nl, fr, en };

export type DeclarationLabels = typeof nl;
export const declarationLabels = (lang: DeclarationLang): DeclarationLabels => LABELS[lang];
export const declarationTitle = (lang: DeclarationLang): string => LABELS[lang].title;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A yyyy-mm-dd date the way the language's readers write it; anything else is shown as given. */
export function formatDeclarationDate(date: string | null | undefined, lang: DeclarationLang): string {
  if (!date?.trim()) return EMPTY;
  const m = ISO_DATE.exec(date.trim());
  if (!m) return date;
  const [, y, mo, d] = m;
  return lang === 'nl' ? `${d}-${mo}-${y}` : lang === 'fr' ? `${d}/${mo}/${y}` : `${y}-${mo}-${d}`;
}

/** 'yyyy-mm-dd hh:mm' with the date part localised. */
function formatDateTime(value: string, lang: DeclarationLang): string {
  const [date, time] = value.trim().split(/\s+/, 2);
  const shown = formatDeclarationDate(date, lang);
  return time ? `${shown} ${time}` : shown;
}

const text = (value: string | null | undefined): string => (value?.trim() ? value.trim() : EMPTY);

/** A code from a fixed list shown as its word; an unknown code is shown as given, never dropped. */
const word = <K extends string>(words: Readonly<Record<K, string>>, code: string | null | undefined): string =>
  !code?.trim() ? EMPTY : (Object.hasOwn(words, code.trim()) ? words[code.trim() as K] : code.trim());

function address(v: DeclarationContent['victim'], L: DeclarationLabels): string {
  const street = [v.street, v.houseNumber].map((s) => s?.trim()).filter(Boolean).join(' ');
  const town = [v.postalCode, v.city].map((s) => s?.trim()).filter(Boolean).join(' ');
  const country = v.country?.trim() ? word(L.countries, v.country.toUpperCase()) : '';
  return [street, town, country].filter(Boolean).join(', ') || EMPTY;
}

function percent(value: string | null | undefined, lang: DeclarationLang): string {
  if (!value?.trim()) return EMPTY;
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  // French and Dutch write a decimal comma and a space before the percent sign.
  const shown = lang === 'en' ? String(n) : String(n).replace('.', ',');
  return lang === 'en' ? `${shown}%` : `${shown} %`;
}

export function declarationSections(content: DeclarationContent): DeclarationSection[] {
  const { lang, employer, victim, accident, consequences, insurer } = content;
  const L = LABELS[lang];
  const date = (d: string | null | undefined) => formatDeclarationDate(d, lang);
  const lastName = [victim.namePrefix, victim.lastName].map((s) => s?.trim()).filter(Boolean).join(' ');

  const witnesses = accident.witnesses.length === 0
    ? [{ label: L.witnesses, value: EMPTY }]
    : accident.witnesses.map((w, i) => ({
      label: accident.witnesses.length === 1 ? L.witness : `${L.witness} ${i + 1}`,
      value: w.contact?.trim() ? `${text(w.name)} (${w.contact.trim()})` : text(w.name),
    }));

  const injuries = content.injuries.length === 0
    ? [{ label: L.bodyPart, value: EMPTY }, { label: L.nature, value: EMPTY }]
    : content.injuries.flatMap((inj, i) => {
      const n = content.injuries.length === 1 ? '' : ` (${i + 1})`;
      return [{ label: `${L.bodyPart}${n}`, value: text(inj.bodyPart) }, { label: `${L.nature}${n}`, value: text(inj.nature) }];
    });

  return [
    { title: L.employer, rows: [
      { label: L.name, value: text(employer.name) },
      { label: L.companyNumber[employer.country], value: text(employer.companyNumber) },
      { label: L.country, value: L.countries[employer.country] },
    ] },
    { title: L.victim, rows: [
      { label: L.employeeNumber, value: text(victim.employeeNumber) },
      { label: L.lastName, value: text(lastName) },
      { label: L.firstName, value: text(victim.firstName) },
      { label: L.nationalId[employer.country], value: text(victim.nationalId) },
      { label: L.birthDate, value: date(victim.birthDate) },
      { label: L.gender, value: word(L.genders, victim.gender?.toUpperCase()) },
      { label: L.address, value: address(victim, L) },
      { label: L.category, value: word(L.categories, victim.category) },
      { label: L.workSchedule, value: percent(victim.workSchedulePercent, lang) },
      { label: L.hireDate, value: date(victim.hireDate) },
    ] },
    { title: L.accident, rows: [
      { label: L.occurredAt, value: accident.occurredAt.trim() ? formatDateTime(accident.occurredAt, lang) : EMPTY },
      { label: L.place, value: text(accident.place) },
      { label: L.description, value: text(accident.description) },
      ...witnesses,
      { label: L.firstAid, value: text(accident.firstAid) },
    ] },
    { title: L.injuries, rows: injuries },
    { title: L.medicalCare, rows: [{ label: L.care, value: text(content.medicalCare) }] },
    { title: L.consequences, rows: [
      { label: L.incapacityFrom, value: date(consequences.incapacityFrom) },
      { label: L.workResumedOn, value: date(consequences.workResumedOn) },
      { label: L.fatal, value: consequences.fatal ? L.yes : L.no },
    ] },
    { title: L.prevention, rows: [{ label: L.measures, value: text(content.prevention) }] },
    { title: L.insurer, rows: [
      { label: L.name, value: text(insurer.name) },
      { label: L.policyNumber, value: text(insurer.policyNumber) },
      ...(insurer.claimNumber?.trim() ? [{ label: L.claimNumber, value: insurer.claimNumber.trim() }] : []),
    ] },
  ];
}
