/** Dutch, French and English; the choice is remembered in localStorage and sets <html lang>. */
export const LANGUAGES = [
  { code: 'nl', name: 'Nederlands' },
  { code: 'fr', name: 'Français' },
  { code: 'en', name: 'English' },
] as const;
export type Language = (typeof LANGUAGES)[number]['code'];
/** Each language's formats: Dutch dates as dd-mm-jjjj, French as jj/mm/aaaa, English (the UK's) as dd/mm/yyyy. */
const LOCALES: Record<Language, string> = { nl: 'nl-NL', fr: 'fr-BE', en: 'en-GB' };
const STORE = 'mutaflow.lang';

type Dict = Record<string, string>;
let current: Language = 'nl';
let dict: Dict = {};
const cache = new Map<Language, Dict>();

const isLanguage = (code: unknown): code is Language => LANGUAGES.some((l) => l.code === code);

export const language = (): Language => current;
/** The current language's locale for Intl (e.g. nl-NL). */
export const locale = (): string => LOCALES[current];
export const storedLanguage = (): Language | null => {
  try {
    const l = localStorage.getItem(STORE);
    return isLanguage(l) ? l : null;
  } catch {
    return null;
  }
};

export async function setLanguage(code: string, { remember = false } = {}): Promise<void> {
  const lang: Language = isLanguage(code) ? code : 'nl';
  if (!cache.has(lang)) {
    const res = await fetch(`/i18n/${lang}.json`, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`i18n ${lang}: ${res.status}`);
    cache.set(lang, await res.json() as Dict);
  }
  dict = cache.get(lang)!;
  current = lang;
  document.documentElement.lang = lang;
  if (remember) {
    try { localStorage.setItem(STORE, lang); } catch { /* private mode: not remembered */ }
  }
}

/** The text for a key, with {name} placeholders filled; the key itself when missing. */
export function t(key: string, vars?: Record<string, string | number>): string {
  const text = dict[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/** A label for a code (e.g. a status): the translation when there is one, else the code. */
/** Whether the language has a text for this key. */
export const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(dict, key);

export const label = (prefix: string, code: string): string => (dict[`${prefix}.${code}`] ?? code);

const dateFmt = () => new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dateTimeFmt = () => new Intl.DateTimeFormat(locale(), { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** yyyy-mm-dd (a calendar date) or an ISO instant, in the user's language. */
export function fmtDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = ISO_DATE.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateFmt().format(d);
}
export function fmtDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeFmt().format(d);
}
export const fmtNumber = (n: number): string => new Intl.NumberFormat(locale()).format(n);
/** An amount in integer cents as euros in the user's language (€ 12,50 · 12,50 € · €12.50). */
export const fmtMoney = (cents: number | null | undefined): string =>
  (typeof cents === 'number' ? new Intl.NumberFormat(locale(), { style: 'currency', currency: 'EUR' }).format(cents / 100) : '');

/**
 * How the language writes a date (the order of day, month and year and the separator), read from
 * Intl so that what date fields accept is what dates show: nl 31-12-2026, fr and en 31/12/2026.
 */
function dateShape(): { order: ('day' | 'month' | 'year')[]; separator: string } {
  const parts = dateFmt().formatToParts(new Date(Date.UTC(2026, 11, 31)));
  const order = parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type as 'day' | 'month' | 'year');
  return { order, separator: parts.find((p) => p.type === 'literal')?.value ?? '-' };
}

/**
 * A date typed in the user's language (or pasted as yyyy-mm-dd) as yyyy-mm-dd; '' when empty,
 * null when it is not a date of the calendar. Any of - / . and space separates; d-m-yyyy is fine.
 */
export function parseDate(text: string): string | null | '' {
  const s = text.trim();
  if (!s) return '';
  const iso = ISO_DATE.exec(s);
  const bits = iso ? [iso[1], iso[2], iso[3]] : s.split(/[-/. ]+/);
  if (bits.length !== 3 || bits.some((b) => !/^\d+$/.test(b))) return null;
  const order = iso ? ['year', 'month', 'day'] : dateShape().order;
  const get = (part: string) => Number(bits[order.indexOf(part)]);
  const [y, m, d] = [get('year'), get('month'), get('day')];
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The placeholder of a date field in the user's language: dd-mm-jjjj, jj/mm/aaaa, dd/mm/yyyy. */
export function datePlaceholder(): string {
  const { order, separator } = dateShape();
  return order.map((p) => t(`date.${p}`)).join(separator);
}
