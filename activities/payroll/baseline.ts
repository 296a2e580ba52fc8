import { readFile } from 'node:fs/promises';
import { type LineSink, SNAPSHOT_FORMAT, type SnapshotHeader } from './snapshot-file';

const LF = 0x0a;
const GS = 0x1d;
const US = 0x1f;

/** FNV-1a over bytes: spreads employee numbers well and costs a few ns for ~10 bytes. */
function fnv1a(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/**
 * The previous period's snapshot as the bytes of its file and an open-addressing index of
 * employee number → line. A million-entry Map of strings took ~2 s to build and kept the
 * collector busy; this takes a fraction of that, and lets unchanged rows be recognised and
 * copied to the new snapshot without decoding either side. Lines are numbered from 1 (0: none).
 */
export class Baseline {
  readonly size: number;
  private readonly lineStart: Uint32Array;
  /** End of each line (exclusive, before its \n). */
  private readonly lineEnd: Uint32Array;
  /** The employee number of line n: bytes keyStart[n]..keyEnd[n]. */
  private readonly keyStart: Uint32Array;
  private readonly keyEnd: Uint32Array;
  private readonly slots: Int32Array;
  /**
   * Each slot's key hash: a probe compares it before the key's bytes, which lie at random in a
   * large file — most lookups of a changed or new person miss, and a miss then reads no key.
   */
  private readonly slotHash: Int32Array;
  private readonly mask: number;

  constructor(readonly bytes: Buffer, private readonly firstLine: number) {
    let count = 0;
    for (let at = bytes.indexOf(LF, firstLine); at >= 0; at = bytes.indexOf(LF, at + 1)) count++;
    if (bytes.length > firstLine && bytes[bytes.length - 1] !== LF) count++;
    this.lineStart = new Uint32Array(count + 1);
    this.lineEnd = new Uint32Array(count + 1);
    this.keyStart = new Uint32Array(count + 1);
    this.keyEnd = new Uint32Array(count + 1);
    let capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    this.slots = new Int32Array(capacity);
    this.slotHash = new Int32Array(capacity);
    this.mask = capacity - 1;
    let n = 0;
    for (let start = firstLine; start < bytes.length;) {
      let end = bytes.indexOf(LF, start);
      if (end < 0) end = bytes.length;
      if (end > start) {
        n++;
        const gs = bytes.indexOf(GS, start);
        let us = bytes.indexOf(US, gs + 1);
        if (us < 0 || us > end) us = end;
        this.lineStart[n] = start;
        this.lineEnd[n] = end;
        this.keyStart[n] = gs + 1;
        this.keyEnd[n] = us;
        // Employee numbers are unique in a snapshot: the import refuses duplicates.
        const hash = fnv1a(bytes, gs + 1, us) | 0;
        const slot = this.slotOf(bytes, gs + 1, us, hash);
        this.slots[slot] = n;
        this.slotHash[slot] = hash;
      }
      start = end + 1;
    }
    this.size = n;
  }

  /** The slot holding this employee number, or the empty slot where it would go. */
  private slotOf(key: Uint8Array, start: number, end: number, hash: number): number {
    const length = end - start;
    let slot = hash & this.mask;
    for (;;) {
      const n = this.slots[slot];
      if (n === 0) return slot;
      if (this.slotHash[slot] === hash && this.keyEnd[n] - this.keyStart[n] === length && this.sameKey(n, key, start, length)) return slot;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Byte by byte: for keys of ~10 bytes cheaper than a call to Buffer.compare. */
  private sameKey(n: number, key: Uint8Array, start: number, length: number): boolean {
    const bytes = this.bytes;
    const ks = this.keyStart[n];
    for (let i = 0; i < length; i++) if (bytes[ks + i] !== key[start + i]) return false;
    return true;
  }

  /** The line of the employee number held in `key[start..end)` (UTF-8), or 0. */
  find(key: Uint8Array, start: number, end: number): number {
    return this.slots[this.slotOf(key, start, end, fnv1a(key, start, end) | 0)];
  }

  findKey(key: string): number {
    const bytes = Buffer.from(key, 'utf8');
    return this.find(bytes, 0, bytes.length);
  }

  /** Whether line n was read from source text with this hash (base64, ASCII). */
  hasSourceHash(n: number, hash: string): boolean {
    const start = this.lineStart[n];
    if (hash === '' || this.lineEnd[n] - start <= hash.length || this.bytes[start + hash.length] !== GS) return false;
    for (let i = 0; i < hash.length; i++) if (this.bytes[start + i] !== hash.charCodeAt(i)) return false;
    return true;
  }

  /** Whether line n without its source hash holds exactly `other[start..end)` (the same person, unchanged). */
  sameContent(n: number, other: Buffer, start: number, end: number): boolean {
    const from = this.keyStart[n];
    const to = this.lineEnd[n];
    return to - from === end - start && this.bytes.compare(other, start, end, from, to) === 0;
  }

  /** Where line n lies in `bytes`: from here… */
  startOf(n: number): number {
    return this.lineStart[n];
  }

  /** …to here (exclusive, before its line break). */
  endOf(n: number): number {
    return this.lineEnd[n];
  }

  line(n: number): string {
    return this.bytes.toString('utf8', this.lineStart[n], this.lineEnd[n]);
  }

  /** The file's first line (its header), without the line break. */
  headerLine(): string {
    return this.bytes.toString('utf8', 0, this.firstLine > 0 && this.bytes[this.firstLine - 1] === LF ? this.firstLine - 1 : this.firstLine);
  }

  /** Line n onto a writer as bytes, without decoding it. */
  copyLine(n: number, to: LineSink, prefix?: string): void {
    to.addBytes(this.bytes, this.lineStart[n], this.lineEnd[n], prefix);
  }
}

/** A snapshot file loaded as the baseline a new period is compared with. */
export async function loadBaseline(path: string): Promise<{ header: SnapshotHeader; baseline: Baseline }> {
  const bytes = await readFile(path);
  const headerEnd = bytes.indexOf(LF);
  if (bytes.length === 0) throw new Error('empty snapshot file');
  const header = JSON.parse(bytes.toString('utf8', 0, headerEnd < 0 ? bytes.length : headerEnd)) as SnapshotHeader;
  if (header.format !== SNAPSHOT_FORMAT) throw new Error(`unknown snapshot format ${header.format}`);
  return { header, baseline: new Baseline(bytes, headerEnd < 0 ? bytes.length : headerEnd + 1) };
}
