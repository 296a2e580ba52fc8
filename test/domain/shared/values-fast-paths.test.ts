/**
 * parseDecimalText and parseDateText read the common shapes (plain decimals, fixed-width dates)
 * without regexes. Seeded strings of every nearby shape give exactly what their regex definitions
 * give — parseDecimalTextGeneral and parseDateTextGeneral, the functions as they were written
 * before the fast paths, kept in values.ts as the general path.
 */
import {
  DATE_FORMATS, numberToDecimal, numberToDecimalGeneral, parseDateText, plainDecimalBounds, parseDateTextGeneral, parseDecimalText, parseDecimalTextGeneral,
} from '../../../domain/shared/values';
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

  it('plainDecimalBounds (on bytes) gives what parseDecimalText gives, wherever it answers, on 200,000 seeded texts', () => {
    const r = rng(17);
    const alphabet = ['0', '0', '0', '1', '5', '9', '-', ',', '.', ' ', 'e', '+'];
    const out = new Int32Array(4);
    const differ: string[] = [];
    let answered = 0;
    for (let i = 0; i < 200_000; i++) {
      const text = build(r, alphabet, 9);
      const [dec, thousands]: ['.' | ',', '' | '.' | ','] = i % 2 ? [',', '.'] : ['.', ''];
      // Bytes around the cell: the bounds are read within [start, end) only.
      const bytes = Buffer.from(`;${text};`, 'latin1');
      if (!plainDecimalBounds(bytes, 1, bytes.length - 1, dec.charCodeAt(0), out)) continue;
      answered++;
      const fraction = out[3] > out[2] + 1 ? `.${bytes.toString('latin1', out[2] + 1, out[3])}` : '';
      const written = `${out[0] ? '-' : ''}${bytes.toString('latin1', out[1], out[2])}${fraction}`;
      if (written !== parseDecimalText(text, dec, thousands)) differ.push(`${JSON.stringify(text)} ${dec}`);
    }
    expect(differ).toEqual([]);
    expect(answered).toBeGreaterThan(10_000);
  });

  it('numberToDecimal agrees with its general definition on 300,000 seeded numbers: cents, integers, fractions, edges', () => {
    const r = rng(13);
    const edges = [0, -0, 0.1 + 0.2, 1.005, -1.005, 0.5, -0.5, 1e13, 1e13 - 0.01, -(1e13 - 0.01), 1e15, 1e15 - 1, -(1e15 - 1), 1e21, 1e-7, 123456789012.34, 9007199254740991, 2.675, 1234.5, 0.01, -0.01];
    const draw = (i: number): number => {
      const scale = 10 ** Math.floor(r() * 16);
      switch (i % 6) {
        case 0: return Math.round(r() * scale) / 100; // cents
        case 1: return Math.round((r() - 0.5) * scale); // whole, signed
        case 2: return (r() - 0.5) * scale; // any fraction
        case 3: return Math.round(r() * scale) / 1000; // three decimals
        case 4: return Math.round(r() * 1e6) / 100 + 0.1 * r() * 1e-9; // cents plus a binary artefact
        default: return Number((r() * scale).toFixed(Math.floor(r() * 4)));
      }
    };
    const differ: string[] = [];
    for (let i = 0; i < 300_000 + edges.length; i++) {
      const n = i < edges.length ? edges[i] : draw(i);
      if (numberToDecimal(n) !== numberToDecimalGeneral(n)) differ.push(String(n));
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
