/** Dutch, French and English; the choice is remembered in localStorage and sets <html lang>. */
export const LANGUAGES = [
  { code: 'nl', name: 'Nederlands' },
  { code: 'fr', name: 'Français' },
  { code: 'en', name: 'English' },
];
const LOCALES = { nl: 'nl-BE', fr: 'fr-BE', en: 'en-GB' };
const STORE = 'mutaflow.lang';

let current = 'nl';
let dict = {};
const cache = new Map();

export const language = () => current;
export const storedLanguage = () => {
  try {
    const l = localStorage.getItem(STORE);
    return LANGUAGES.some((x) => x.code === l) ? l : null;
  } catch {
    return null;
  }
};

export async function setLanguage(code, { remember = false } = {}) {
  if (!LANGUAGES.some((l) => l.code === code)) code = 'nl';
  if (!cache.has(code)) {
    const res = await fetch(`/i18n/${code}.json`, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`i18n ${code}: ${res.status}`);
    cache.set(code, await res.json());
  }
  dict = cache.get(code);
  current = code;
  document.documentElement.lang = code;
  if (remember) {
    try { localStorage.setItem(STORE, code); } catch { /* private mode: not remembered */ }
  }
}

/** The text for a key, with {name} placeholders filled; the key itself when missing. */
export function t(key, vars) {
  const text = dict[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m)) : text;
}

/** A label for a code (e.g. a status): the translation when there is one, else the code. */
export const label = (prefix, code) => (dict[`${prefix}.${code}`] ?? code);

const dateFmt = () => new Intl.DateTimeFormat(LOCALES[current], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
const dateTimeFmt = () => new Intl.DateTimeFormat(LOCALES[current], { dateStyle: 'short', timeStyle: 'short' });

/** yyyy-mm-dd (a calendar date) or an ISO instant, in the user's language. */
export function fmtDate(value) {
  if (!value) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateFmt().format(d);
}
export function fmtDateTime(value) {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeFmt().format(d);
}
export const fmtNumber = (n) => new Intl.NumberFormat(LOCALES[current]).format(n);
