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
 * Side A's rows, held compactly: the packed values as UTF-8 in large byte blocks, the row numbers
 * and block positions in typed arrays. No JS string per row survives but its key — a string cut
 * from a file chunk would keep the whole chunk alive, and a string built by concatenation is a
 * tree of pieces (tens of objects per row).
 */
class PackedRows {
  private static readonly BLOCK = 1 << 24;
  private readonly blocks: Uint8Array[] = [];
  private block = new Uint8Array(0);
  private used = 0;
  private readonly decoder = new TextDecoder();
  private blockOf = new Int32Array(1 << 12);
  private offset = new Int32Array(1 << 12);
  private length = new Int32Array(1 << 12);
  /** The file row of each entry. */
  row = new Int32Array(1 << 12);
  /** The B row that matched each entry; 0 while unmatched. */
  matchedBy = new Int32Array(1 << 12);
  size = 0;

  /** An entry from packed values already encoded: `bytes[start..end)`, copied. */
  addBytes(bytes: Uint8Array, start: number, end: number, row: number): number {
    const i = this.size++;
    if (i === this.row.length) this.grow();
    const length = end - start;
    if (this.used + length > this.block.length) {
      this.block = new Uint8Array(Math.max(PackedRows.BLOCK, length));
      this.blocks.push(this.block);
      this.used = 0;
    }
    this.block.set(bytes.subarray(start, end), this.used);
    this.blockOf[i] = this.blocks.length - 1;
    this.offset[i] = this.used;
    this.length[i] = length;
    this.used += length;
    this.row[i] = row;
    return i;
  }

  /** Whether entry i holds exactly `bytes[start..end)`. */
  sameBytes(i: number, bytes: Uint8Array, start: number, end: number): boolean {
    const length = this.length[i];
    if (end - start !== length) return false;
    const block = this.blocks[this.blockOf[i]];
    const o = this.offset[i] - start;
    for (let k = start; k < end; k++) if (block[o + k] !== bytes[k]) return false;
    return true;
  }

  packed(i: number): string {
    const o = this.offset[i];
    return this.decoder.decode(this.blocks[this.blockOf[i]].subarray(o, o + this.length[i]));
  }

  private grow(): void {
    const twice = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.blockOf = twice(this.blockOf);
    this.offset = twice(this.offset);
    this.length = twice(this.length);
    this.row = twice(this.row);
    this.matchedBy = twice(this.matchedBy);
  }
}

/** A copy of a key that shares no memory with the file chunk it was cut from. */
function detached(key: string): string {
  // V8 copies substrings shorter than 13 characters; longer ones may point into their parent.
  return key.length < 13 ? key : JSON.parse(JSON.stringify(key)) as string;
}

/**
 * Full outer join by key. Feed every row of A with `addA`, then stream B through `addB`, then
 * `finish`. A is held compactly (PackedRows); B only as the keys found on no A row (to recognise
 * a repeated B-only key). Results go to `emit` as they are found.
 */
export class ComparisonJoin {
  private readonly index = new Map<string, number>();
  /** A's keys by entry, the index's keys in its order: finish walks this array, not the Map. */
  private readonly aKeys: string[] = [];
  private readonly a = new PackedRows();
  private readonly bOnly = new Map<string, number>();
  private readonly tests: ValueTest[];
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();
  private scratch = new Uint8Array(1 << 12);
  readonly counts = emptyCounts();

  constructor(private readonly pairs: readonly { name: string; pair: FieldPair }[], private readonly emit: (r: ComparisonResult) => void) {
    this.tests = pairs.map((p) => valueTest(p.pair));
  }

  addA({ key, packed, row }: SideRow): void {
    const n = this.encode(packed);
    this.addAEncoded(key, this.scratch, 0, n, row);
  }

  addB({ key, packed, row }: SideRow): void {
    const n = this.encode(packed);
    this.addBEncoded(key, this.scratch, 0, n, row);
  }

  /** `packed` as UTF-8 into the scratch buffer; its length. */
  private encode(packed: string): number {
    if (packed.length * 3 > this.scratch.length) this.scratch = new Uint8Array(packed.length * 3);
    return this.encoder.encodeInto(packed, this.scratch).written;
  }

  /** addA with the packed values as UTF-8, `bytes[start..end)` (as side-batches.ts carries them). */
  addAEncoded(key: string, bytes: Uint8Array, start: number, end: number, row: number): void {
    this.counts.rowsA++;
    const first = this.index.get(key);
    if (first !== undefined) {
      this.result({ kind: 'duplicate_key', side: 'a', key, row, firstRow: this.a.row[first] });
      return;
    }
    const own = detached(key);
    this.index.set(own, this.a.addBytes(bytes, start, end, row));
    this.aKeys.push(own);
  }

  /** addB with the packed values as UTF-8: a matched row equal byte for byte to its A row is not decoded. */
  addBEncoded(key: string, bytes: Uint8Array, start: number, end: number, row: number): void {
    this.counts.rowsB++;
    const at = this.index.get(key);
    if (at === undefined) {
      const firstB = this.bOnly.get(key);
      if (firstB !== undefined) {
        this.result({ kind: 'duplicate_key', side: 'b', key, row, firstRow: firstB });
        return;
      }
      this.bOnly.set(detached(key), row);
      this.result({ kind: 'only_in_b', key, bRow: row });
      return;
    }
    const matchedBy = this.a.matchedBy[at];
    if (matchedBy !== 0) {
      this.result({ kind: 'duplicate_key', side: 'b', key, row, firstRow: matchedBy });
      return;
    }
    this.a.matchedBy[at] = row;
    this.counts.matched++;
    // The same UTF-8 is the same text: nothing differs.
    if (this.a.sameBytes(at, bytes, start, end)) return;
    const aRow = this.a.row[at];
    const aValues = this.a.packed(at).split(US);
    const bValues = this.decoder.decode(bytes.subarray(start, end)).split(US);
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
    for (let at = 0; at < this.aKeys.length; at++) {
      if (this.a.matchedBy[at] !== 0) continue;
      this.result({ kind: 'only_in_a', key: this.aKeys[at], aRow: this.a.row[at] });
    }
    this.index.clear();
    this.aKeys.length = 0;
    this.bOnly.clear();
  }

  /** A result found outside the join (a value that did not parse, an empty key). */
  result(r: ComparisonResult): void {
    this.counts[r.kind]++;
    this.emit(r);
  }
}
