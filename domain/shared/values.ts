/** Parsing of the value shapes payroll exports use. Pure; never echoes a value in an error. */
import { DAY_MS } from './calendar';

export const DATE_FORMATS = ['yyyy-mm-dd', 'dd-mm-yyyy', 'dd/mm/yyyy', 'dd.mm.yyyy', 'yyyymmdd'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const DATE_PATTERNS: Record<DateFormat, { re: RegExp; y: number; m: number; d: number }> = {
  'yyyy-mm-dd': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, y: 1, m: 2, d: 3 },
  'dd-mm-yyyy': { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, y: 3, m: 2, d: 1 },
  'dd/mm/yyyy': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, y: 3, m: 2, d: 1 },
  'dd.mm.yyyy': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, y: 3, m: 2, d: 1 },
  yyyymmdd: { re: /^(\d{4})(\d{2})(\d{2})$/, y: 1, m: 2, d: 3 },
};

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** ISO date when y-m-d is a real calendar day within a plausible payroll range, else null. */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

export function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return null;
  const daysInMonth = m === 2 && isLeap(y) ? 29 : DAYS_IN_MONTH[m - 1];
  if (d > daysInMonth) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

export function parseDateText(text: string, formats: readonly DateFormat[]): string | null {
  for (const format of formats) {
    const p = DATE_PATTERNS[format];
    const match = p.re.exec(text);
    if (match) return isoDate(Number(match[p.y]), Number(match[p.m]), Number(match[p.d]));
  }
  return null;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Excel's 1900 date system. Serials from 61 (1900-03-01) on are exact; earlier ones are
 * shifted by Excel's phantom 1900-02-29 but no payroll date lies there.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465) return null;
  const date = new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
  return isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/** A JS Date from a spreadsheet: the XLSX reader gives calendar dates as UTC midnight. */
export function jsDateToIso(date: Date): string | null {
  if (Number.isNaN(date.getTime())) return null;
  // A serial's float arithmetic can land a few ms before midnight: round to the nearest second,
  // then keep the calendar day (a date-time cell at 18:00 stays on its own day, as in excelSerialToIso).
  const rounded = new Date(Math.floor(Math.round(date.getTime() / 1000) / 86_400) * DAY_MS);
  return isoDate(rounded.getUTCFullYear(), rounded.getUTCMonth() + 1, rounded.getUTCDate());
}

/**
 * A decimal written with the given separators, normalised to a dot and without
 * insignificant zeros ("3.578,60" → "3578.6"), or null when it is not a number.
 */
export function parseDecimalText(text: string, decimalSeparator: '.' | ',', thousandsSeparator: '' | '.' | ',' | ' '): string | null {
  let t = text;
  if (thousandsSeparator && t.includes(thousandsSeparator)) {
    // Separators only between groups of three digits of the integer part: "1.5" with a thousands
    // dot is a misread decimal, not 15.
    const integerPart = t.split(decimalSeparator)[0];
    const groups = integerPart.replace(/^-/, '').split(thousandsSeparator);
    if (!/^\d{1,3}$/.test(groups[0]) || !groups.slice(1).every((g) => /^\d{3}$/.test(g))) return null;
    if (t.slice(integerPart.length).includes(thousandsSeparator)) return null;
    t = t.split(thousandsSeparator).join('');
  }
  if (decimalSeparator === ',') {
    if (t.includes('.')) return null;
    t = t.replace(',', '.');
  } else if (t.includes(',')) {
    return null;
  }
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return normaliseDecimal(t);
}

const CANONICAL_DECIMAL = /^(0|[1-9]\d*)(\.\d*[1-9])?$/;

export function normaliseDecimal(t: string): string {
  if (CANONICAL_DECIMAL.test(t)) return t;
  let [int, frac = ''] = t.split('.');
  const negative = int.startsWith('-');
  if (negative) int = int.slice(1);
  int = int.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

export function numberToDecimal(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  // 15 significant digits removes binary artefacts such as 0.1 + 0.2 without losing cents.
  const text = Number(n.toPrecision(15)).toString();
  if (/e/i.test(text)) return null;
  return normaliseDecimal(text);
}

/**
 * Text that a spreadsheet program would run as a formula when the file is opened
 * (CSV/DDE injection: "=cmd|' /C calc'!A0", "+HYPERLINK(…)", "@SUM(…)").
 * A plain signed number is not a formula.
 */
export function looksLikeFormula(text: string): boolean {
  if (text.length === 0) return false;
  const first = text[0];
  if (first === '=' || first === '@' || first === '\t' || first === '\r') return true;
  // A signed number or a phone number ("+31 6 1234 5678", "-12,5") is data, not a formula.
  if (first === '+' || first === '-') return text.length > 1 && !/^[+-][\d\s().,/-]*\d[\d\s().,/-]*$/.test(text);
  return false;
}
