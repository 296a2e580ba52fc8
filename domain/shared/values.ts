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

/** Each format at its full width: `d` a digit, anything else that very character; y, m, d where the groups start. */
const FIXED_WIDTH: Partial<Record<DateFormat, { shape: string; length: number; y: number; m: number; d: number }>> = {
  'yyyy-mm-dd': { shape: 'dddd-dd-dd', length: 10, y: 0, m: 5, d: 8 },
  'dd-mm-yyyy': { shape: 'dd-dd-dddd', length: 10, y: 6, m: 3, d: 0 },
  'dd/mm/yyyy': { shape: 'dd/dd/dddd', length: 10, y: 6, m: 3, d: 0 },
  'dd.mm.yyyy': { shape: 'dd.dd.dddd', length: 10, y: 6, m: 3, d: 0 },
};

function fixedShape(text: string, { shape }: { shape: string }): boolean {
  for (let i = 0; i < shape.length; i++) {
    const c = text.charCodeAt(i);
    if (shape.charCodeAt(i) === 0x64 ? c < 0x30 || c > 0x39 : c !== shape.charCodeAt(i)) return false;
  }
  return true;
}

function digitsAt(text: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) v = v * 10 + text.charCodeAt(i) - 0x30;
  return v;
}

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
    // The fixed-width shapes (what nearly every export writes) without a regex match array:
    // a text of this shape is one the pattern matches, with these groups.
    const fixed = FIXED_WIDTH[format];
    if (fixed && text.length === fixed.length && fixedShape(text, fixed)) {
      return isoDate(digitsAt(text, fixed.y, 4), digitsAt(text, fixed.m, 2), digitsAt(text, fixed.d, 2));
    }
    const general = matchDatePattern(text, format);
    if (general !== undefined) return general;
  }
  return null;
}

/**
 * parseDateText's definition, by the regexes alone: what the fixed-width fast path must equal
 * wherever it answers (a seeded test holds the two to it).
 */
export function parseDateTextGeneral(text: string, formats: readonly DateFormat[]): string | null {
  for (const format of formats) {
    const general = matchDatePattern(text, format);
    if (general !== undefined) return general;
  }
  return null;
}

/** The date the format's pattern reads (null when not a real day), undefined when it does not match. */
function matchDatePattern(text: string, format: DateFormat): string | null | undefined {
  const p = DATE_PATTERNS[format];
  const match = p.re.exec(text);
  return match ? isoDate(Number(match[p.y]), Number(match[p.m]), Number(match[p.d])) : undefined;
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
  if (thousandsSeparator !== decimalSeparator) {
    const plain = plainDecimal(text, decimalSeparator.charCodeAt(0));
    if (plain !== undefined) return plain;
  }
  return parseDecimalTextGeneral(text, decimalSeparator, thousandsSeparator);
}

/**
 * parseDecimalText's definition, with regexes and splits: the general path for the shapes
 * plainDecimal leaves, and what the fast path must equal wherever it answers (a seeded test
 * holds the two to it).
 */
export function parseDecimalTextGeneral(text: string, decimalSeparator: '.' | ',', thousandsSeparator: '' | '.' | ',' | ' '): string | null {
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

/**
 * `-?\d+(<separator>\d+)?` normalised as below, read in one pass without a regex or split;
 * undefined for any other shape (the general path then decides). Such a text holds no
 * thousands separator (it is neither a digit, the minus nor the decimal separator), so the
 * general path would reach normaliseDecimal with the same digits.
 */
function plainDecimal(text: string, separator: number): string | undefined {
  const n = text.length;
  const negative = n > 0 && text.charCodeAt(0) === 0x2d;
  let i = negative ? 1 : 0;
  const intStart = i;
  while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  const intEnd = i;
  if (intEnd === intStart) return undefined;
  let fracEnd = intEnd;
  if (i < n) {
    if (text.charCodeAt(i) !== separator) return undefined;
    i++;
    while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    if (i < n || i === intEnd + 1) return undefined;
    fracEnd = i;
  }
  // Leading zeros off the integer part (one digit stays), trailing zeros off the fraction.
  let a = intStart;
  while (a < intEnd - 1 && text.charCodeAt(a) === 0x30) a++;
  let z = fracEnd;
  if (fracEnd > intEnd) while (z > intEnd + 1 && text.charCodeAt(z - 1) === 0x30) z--;
  const hasFraction = z > intEnd + 1;
  if (!negative && a === 0 && (hasFraction ? z === n && separator === 0x2e : intEnd === n)) return text;
  const int = text.slice(a, intEnd);
  const body = hasFraction ? `${int}.${text.slice(intEnd + 1, z)}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/**
 * plainDecimal on UTF-8 bytes, for readers that write the normalised text without making a string
 * (the comparison's byte reader): where the normalised decimal lies in `bytes[start..end)` — the
 * integer digits `[out[1], out[2])` (leading zeros off, one digit stays), the fraction digits
 * `[out[2] + 1, out[3])` when `out[3] > out[2] + 1` (trailing zeros off), out[0] 1 when a minus
 * goes before it (not before 0). False for any shape plainDecimal leaves to the general path.
 */
export function plainDecimalBounds(bytes: Uint8Array, start: number, end: number, separator: number, out: Int32Array): boolean {
  const negative = bytes[start] === 0x2d;
  let i = negative ? start + 1 : start;
  const intStart = i;
  while (i < end && bytes[i] >= 0x30 && bytes[i] <= 0x39) i++;
  const intEnd = i;
  if (intEnd === intStart) return false;
  let fracEnd = intEnd;
  if (i < end) {
    if (bytes[i] !== separator) return false;
    i++;
    while (i < end && bytes[i] >= 0x30 && bytes[i] <= 0x39) i++;
    if (i < end || i === intEnd + 1) return false;
    fracEnd = i;
  }
  let a = intStart;
  while (a < intEnd - 1 && bytes[a] === 0x30) a++;
  let z = fracEnd;
  if (fracEnd > intEnd) while (z > intEnd + 1 && bytes[z - 1] === 0x30) z--;
  const zero = intEnd - a === 1 && bytes[a] === 0x30 && z <= intEnd + 1;
  out[0] = negative && !zero ? 1 : 0;
  out[1] = a;
  out[2] = intEnd;
  out[3] = z;
  return true;
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
  // Whole numbers and whole cents (most spreadsheet cells of a payroll) are their own shortest
  // decimal text already: what the general path below gives them, at a fraction of its cost.
  // NaN and the infinities fail both tests and go the general way (null).
  if (Number.isInteger(n) ? Math.abs(n) < 1e15 : Math.abs(n) < 1e13 && Math.round(n * 100) / 100 === n) return String(n);
  return numberToDecimalGeneral(n);
}

/** numberToDecimal without its fast path (kept as its definition: the tests compare the two). */
export function numberToDecimalGeneral(n: number): string | null {
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
