/**
 * parseDecimalText and parseDateText read the common shapes (plain decimals, fixed-width dates)
 * without regexes. Seeded strings of every nearby shape give exactly what their regex definitions
 * give — parseDecimalTextGeneral and parseDateTextGeneral, the functions as they were written
 * before the fast paths, kept in values.ts as the general path.
 */
import { DATE_FORMATS, parseDateText, parseDateTextGeneral, parseDecimalText, parseDecimalTextGeneral } from '../../../domain/shared/values';
import { rng } from '../../../bench/generate-snapshot';

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
      if (parseDecimalText(text, dec, thousands) !== parseDecimalTextGeneral(text, dec, thousands)) differ.push(`${JSON.stringify(text)} ${dec}${thousands}`);
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
      if (parseDateText(text, formats) !== parseDateTextGeneral(text, formats)) differ.push(`${JSON.stringify(text)} ${formats.join('|')}`);
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
