/**
 * National and company identifiers of the Netherlands and Belgium.
 * Every function takes the raw text and never echoes it back in a message:
 * these values are personal data.
 */

export type NationalIdKind = 'bsn' | 'insz';

export type IdCheck<K extends string> =
  | { ok: true; kind: K; value: string }
  | { ok: false; reason: string };

const onlyDigits = (raw: string): string => raw.replace(/[\s.\-/]/g, '');

/**
 * A national id without the dots, dashes and spaces it is written with (86.03.01-650.80): the
 * form bordereaux, statements and their matching compare; it checks nothing (checkNationalId does).
 */
export const compactNationalId = (raw: string): string => raw.replace(/[.\-\s]/g, '');

/** Dutch BSN: 9 digits, 9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 (mod 11), never all zeros. */
export function isValidBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || digits === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (digits.charCodeAt(i) - 48);
  sum -= digits.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/**
 * The first valid BSN at or after the 8-digit number `from` (its 11-check digit appended), with
 * the number it used: a source of made-up BSNs for tests, benchmarks and demos.
 */
export function bsnAtOrAfter(from: number): { bsn: string; used: number } {
  for (let n = from; ; n++) {
    const first8 = String(n).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * (first8.charCodeAt(i) - 48);
    if (sum % 11 < 10) return { bsn: `${first8}${sum % 11}`, used: n };
  }
}

/**
 * Belgian INSZ/NISS (also BIS numbers): 11 digits, the last two are 97 − (first nine mod 97);
 * for people born from 2000 on, the first nine are prefixed with a 2 before the modulo.
 */
export function isValidInsz(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  return 97 - (base % 97) === check || 97 - ((2_000_000_000 + base) % 97) === check;
}

/**
 * A national id as payroll exports write it: BSN (9 digits, or 8 when a spreadsheet dropped
 * the leading zero) or INSZ (11 digits, often written 86.03.01-650.80).
 */
export function checkNationalId(raw: string): IdCheck<NationalIdKind> {
  const digits = onlyDigits(raw.trim());
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'contains characters other than digits' };
  if (digits.length === 8 || digits.length === 9) {
    const bsn = digits.padStart(9, '0');
    return isValidBsn(bsn)
      ? { ok: true, kind: 'bsn', value: bsn }
      : { ok: false, reason: 'not a valid BSN (11-check fails)' };
  }
  // An INSZ of someone born 2000–2009 starts with 0, which a spreadsheet number cell drops.
  if (digits.length === 10 && isValidInsz(`0${digits}`)) return { ok: true, kind: 'insz', value: `0${digits}` };
  if (digits.length === 11) {
    return isValidInsz(digits)
      ? { ok: true, kind: 'insz', value: digits }
      : { ok: false, reason: 'not a valid INSZ (mod-97 check fails)' };
  }
  return { ok: false, reason: `has ${digits.length} digits; a BSN has 9, an INSZ 11` };
}

/** Dutch KvK number: 8 digits (no check digit exists). */
export function isValidKvk(raw: string): boolean {
  return /^\d{8}$/.test(onlyDigits(raw));
}

/** Belgian KBO/BCE enterprise number: 10 digits starting with 0 or 1, last two = 97 − (first eight mod 97). */
export function isValidKbo(raw: string): boolean {
  const digits = onlyDigits(raw.replace(/^BE/i, ''));
  if (!/^[01]\d{9}$/.test(digits)) return false;
  return 97 - (Number(digits.slice(0, 8)) % 97) === Number(digits.slice(8));
}

export type CompanyCountry = 'NL' | 'BE';

/** Normalised company number (digits only) for the employer's country, or null when invalid. */
export function normaliseCompanyNumber(country: CompanyCountry, raw: string): string | null {
  if (country === 'NL') return isValidKvk(raw) ? onlyDigits(raw) : null;
  return isValidKbo(raw) ? onlyDigits(raw.replace(/^BE/i, '')) : null;
}
