/**
 * The comparison itself: key normalisation, tolerances, and a streaming hash join of side A
 * (held, one packed string per key) against side B (streamed, never held). Pure.
 */
import { daysBetween } from '../shared/calendar';
import type { FieldPair, KeyPart, SideId } from './comparison-definition';

export const RESULT_KINDS = ['only_in_a', 'only_in_b', 'duplicate_key', 'unparseable', 'difference'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export const UNPARSEABLE_REASONS = ['empty_key', 'not_a_number', 'not_a_date'] as const;
export type UnparseableReason = (typeof UNPARSEABLE_REASONS)[number];

/** One line of a comparison's result. Values are personal data: stored in the database only. */
export type ComparisonResult =
  | { kind: 'only_in_a'; key: string; aRow: number }
  | { kind: 'only_in_b'; key: string; bRow: number }
  /** `row` repeats the key first seen on `firstRow` of the same side; the first row is the one matched. */
  | { kind: 'duplicate_key'; side: SideId; key: string; row: number; firstRow: number }
  | { kind: 'unparseable'; side: SideId; key: string | null; row: number; column: string; field: string; value: string | null; reason: UnparseableReason }
  | { kind: 'difference'; key: string; field: string; aValue: string | null; bValue: string | null; aRow: number; bRow: number };

export type ComparisonCounts = Record<ResultKind, number> & { rowsA: number; rowsB: number; matched: number };

const emptyCounts = (): ComparisonCounts => ({
  only_in_a: 0, only_in_b: 0, duplicate_key: 0, unparseable: 0, difference: 0, rowsA: 0, rowsB: 0, matched: 0,
});

// Packed values: joined by US, null as the empty string, a value that did not parse as STX.
// Cell texts never hold control characters (cellText turns them into spaces).
export const US = '\u001f';
export const UNPARSED = '\u0002';
/** Marks an A entry matched by B row n: `ETX n`. */
const MATCHED = '\u0003';

const PUNCTUATION = /[\s.\-/_]+/g;

/** One key part as it is matched: punctuation, leading zeros and case as the part says; null when empty. */
export function normaliseKeyPart(text: string | null, part: Pick<KeyPart, 'ignorePunctuation' | 'ignoreLeadingZeros' | 'ignoreCase'>): string | null {
  if (text === null) return null;
  let t = text.normalize('NFC').trim();
  if (part.ignorePunctuation) t = t.replace(PUNCTUATION, '');
  if (part.ignoreLeadingZeros) t = t.replace(/^0+(?=.)/, '');
  if (part.ignoreCase) t = t.toUpperCase();
  return t === '' ? null : t;
}

const ACCENTS = /\p{M}+/gu;
const SPACES = /\s+/g;

/** Whether two parsed values of a pair agree within its tolerance (both empty agree; one empty never does). */
export type ValueTest = (a: string, b: string) => boolean;

export function valueTest(pair: FieldPair): ValueTest {
  switch (pair.type) {
    case 'amount': {
      const { absolute, percent } = pair;
      return (a, b) => {
        const x = Number(a);
        const y = Number(b);
        const diff = Math.abs(x - y);
        // A hair of slack: 0.1 + 0.2 style artefacts must not turn a boundary into a difference.
        return diff <= absolute + 1e-9 || (percent > 0 && diff <= (Math.abs(x) * percent) / 100 + 1e-9);
      };
    }
    case 'date': {
      const { days } = pair;
      return days === 0 ? () => false : (a, b) => Math.abs(daysBetween(a, b)) <= days;
    }
    case 'text': {
      const { ignoreCase, ignoreSpaces, ignoreAccents } = pair;
      const fold = (t: string) => {
        let s = t;
        if (ignoreAccents) s = s.normalize('NFD').replace(ACCENTS, '');
        if (ignoreCase) s = s.toLowerCase();
        return ignoreSpaces ? s.replace(SPACES, '') : s.replace(SPACES, ' ');
      };
      return (a, b) => fold(a) === fold(b);
    }
    case 'exact':
      return () => false;
  }
}

export function valuesAgree(test: ValueTest, a: string | null, b: string | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return test(a, b);
}

/** A row of one side, parsed: its normalised key, and its pair values packed (see US, UNPARSED). */
export interface SideRow {
  key: string;
  packed: string;
  row: number;
}

/**
 * Full outer join by key. Feed every row of A with `addA`, then stream B through `addB`, then
 * `finish`. A is held as one string per key (row number and packed values); B only as the keys
 * found on no A row (to recognise a repeated B-only key). Results go to `emit` as they are found.
 */
export class ComparisonJoin {
  private readonly a = new Map<string, string>();
  private readonly bOnly = new Map<string, number>();
  private readonly tests: ValueTest[];
  readonly counts = emptyCounts();

  constructor(private readonly pairs: readonly { name: string; pair: FieldPair }[], private readonly emit: (r: ComparisonResult) => void) {
    this.tests = pairs.map((p) => valueTest(p.pair));
  }

  addA({ key, packed, row }: SideRow): void {
    this.counts.rowsA++;
    const first = this.a.get(key);
    if (first !== undefined) {
      this.result({ kind: 'duplicate_key', side: 'a', key, row, firstRow: Number(first.slice(0, first.indexOf(US))) });
      return;
    }
    this.a.set(key, `${row}${US}${packed}`);
  }

  addB({ key, packed, row }: SideRow): void {
    this.counts.rowsB++;
    const entry = this.a.get(key);
    if (entry === undefined) {
      const firstB = this.bOnly.get(key);
      if (firstB !== undefined) {
        this.result({ kind: 'duplicate_key', side: 'b', key, row, firstRow: firstB });
        return;
      }
      this.bOnly.set(key, row);
      this.result({ kind: 'only_in_b', key, bRow: row });
      return;
    }
    if (entry.charCodeAt(0) === 3) {
      this.result({ kind: 'duplicate_key', side: 'b', key, row, firstRow: Number(entry.slice(1)) });
      return;
    }
    this.a.set(key, `${MATCHED}${row}`);
    this.counts.matched++;
    const cut = entry.indexOf(US);
    const aRow = Number(entry.slice(0, cut));
    const aPacked = entry.slice(cut + 1);
    if (aPacked === packed) return;
    const aValues = aPacked.split(US);
    const bValues = packed.split(US);
    for (let i = 0; i < this.tests.length; i++) {
      const x = aValues[i];
      const y = bValues[i];
      if (x === y || x === UNPARSED || y === UNPARSED) continue;
      const av = x === '' ? null : x;
      const bv = y === '' ? null : y;
      if (!valuesAgree(this.tests[i], av, bv)) {
        this.result({ kind: 'difference', key, field: this.pairs[i].name, aValue: av, bValue: bv, aRow, bRow: row });
      }
    }
  }

  /** Every A key no B row matched: only in A. */
  finish(): void {
    for (const [key, entry] of this.a) {
      if (entry.charCodeAt(0) === 3) continue;
      this.result({ kind: 'only_in_a', key, aRow: Number(entry.slice(0, entry.indexOf(US))) });
    }
    this.a.clear();
    this.bOnly.clear();
  }

  /** A result found outside the join (a value that did not parse, an empty key). */
  result(r: ComparisonResult): void {
    this.counts[r.kind]++;
    this.emit(r);
  }
}
