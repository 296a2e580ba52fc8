/**
 * parseDecimalText and parseDateText read the common shapes (plain decimals, fixed-width dates)
 * without regexes. Seeded strings of every nearby shape give exactly what the regex definitions
 * below — the functions as they were written before the fast paths — give.
 */
import { DATE_FORMATS, type DateFormat, isoDate, normaliseDecimal, parseDateText, parseDecimalText } from '../../../domain/shared/values';

function referenceDecimal(text: string, decimalSeparator: '.' | ',', thousandsSeparator: '' | '.' | ',' | ' '): string | null {
  let t = text;
  if (thousandsSeparator && t.includes(thousandsSeparator)) {
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

const PATTERNS: Record<DateFormat, { re: RegExp; y: number; m: number; d: number }> = {
  'yyyy-mm-dd': { re: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, y: 1, m: 2, d: 3 },
  'dd-mm-yyyy': { re: /^(\d{1,2})-(\d{1,2})-(\d{4})$/, y: 3, m: 2, d: 1 },
  'dd/mm/yyyy': { re: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, y: 3, m: 2, d: 1 },
  'dd.mm.yyyy': { re: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, y: 3, m: 2, d: 1 },
  yyyymmdd: { re: /^(\d{4})(\d{2})(\d{2})$/, y: 1, m: 2, d: 3 },
};

function referenceDate(text: string, formats: readonly DateFormat[]): string | null {
  for (const format of formats) {
    const p = PATTERNS[format];
    const match = p.re.exec(text);
    if (match) return isoDate(Number(match[p.y]), Number(match[p.m]), Number(match[p.d]));
  }
  return null;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const build = (r: () => number, alphabet: readonly string[], max: number) => {
  let s = '';
  const n = Math.floor(r() * (max + 1));
  for (let i = 0; i < n; i++) s += alphabet[Math.floor(r() * alphabet.length)];
  return s;
};

describe('value parsing fast paths', () => {
  it('parseDecimalText agrees with its regex definition on 200,000 seeded texts, every separator pair', () => {
    const r = rng(7);
    const alphabet = ['0', '0', '1', '5', '9', '-', ',', '.', ' ', 'e', '+', '٣', '\u00a0'];
    const pairs: ['.' | ',', '' | '.' | ',' | ' '][] = [['.', ''], ['.', ','], ['.', ' '], [',', ''], [',', '.'], [',', ' '], ['.', '.'], [',', ',']];
    const differ: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      const text = build(r, alphabet, 9);
      const [dec, thousands] = pairs[i % pairs.length];
      if (parseDecimalText(text, dec, thousands) !== referenceDecimal(text, dec, thousands)) differ.push(`${JSON.stringify(text)} ${dec}${thousands}`);
    }
    expect(differ).toEqual([]);
  });

  it('parseDateText agrees with its regex definition on 200,000 seeded texts, formats in any order', () => {
    const r = rng(11);
    const alphabet = ['0', '1', '2', '2', '3', '9', '-', '/', '.', ' ', '٠'];
    const differ: string[] = [];
    for (let i = 0; i < 200_000; i++) {
      // Mostly ten characters, the width of the fast shapes; a few real dates among them.
      const text = r() < 0.1 ? `${1 + Math.floor(r() * 31)}-0${1 + Math.floor(r() * 9)}-20${10 + Math.floor(r() * 20)}`.padStart(10, '0')
        : r() < 0.7 ? Array.from({ length: 10 }, () => alphabet[Math.floor(r() * alphabet.length)]).join('') : build(r, alphabet, 12);
      const formats = [...DATE_FORMATS].sort(() => r() - 0.5).filter(() => r() < 0.6);
      if (parseDateText(text, formats) !== referenceDate(text, formats)) differ.push(`${JSON.stringify(text)} ${formats.join('|')}`);
    }
    expect(differ).toEqual([]);
  });

  it('reads the common shapes', () => {
    expect(parseDecimalText('1234,50', ',', '.')).toBe('1234.5');
    expect(parseDecimalText('-0,00', ',', '')).toBe('0');
    expect(parseDecimalText('007.100', '.', ',')).toBe('7.1');
    expect(parseDateText('29-02-2024', ['dd-mm-yyyy'])).toBe('2024-02-29');
    expect(parseDateText('29-02-2023', ['dd-mm-yyyy', 'yyyy-mm-dd'])).toBeNull();
  });
});
