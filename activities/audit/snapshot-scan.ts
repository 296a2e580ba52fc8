/**
 * The audit's scan of a snapshot file: every person line of a byte range checked against the
 * compiled rules — change rules against the same person's line in last month's snapshot. Free of
 * the database and the file store, so that a worker thread (audit-worker.ts) can run it over the
 * second half of a large snapshot while the activity's thread scans the first.
 */
import { open } from 'node:fs/promises';
import type { AuditRule, RuleHit } from '../../domain/audit/rules';
import { compileRule } from '../../domain/audit/rules';
import { type ByteRow, type RowCheck, type RowLayout, byteRowReader, compileRowRule, fieldsOf } from '../../domain/audit/row-rules';
import type { FieldReader } from '../../domain/eligibility/filter';
import { type Baseline, loadBaseline } from '../payroll/baseline';
import type { SnapshotHeader } from '../payroll/snapshot-file';

/** A rule as the scan needs it (plain data: it crosses to a worker thread). */
export interface ScanRule { kind: string; population: unknown; definition: unknown }
/** A hit, with its rule as an index into the scan's rules. */
export interface ScanHit extends RuleHit { employeeNumber: string; rule: number }
export interface ScanResult { hits: ScanHit[]; personCount: number }
export interface ScanSource {
  path: string;
  /**
   * Last month (plain), for the change rules; null without one: its whole snapshot, or only the
   * lines of the people whose line changed (the import keeps those). The scan needs no more: a
   * person it does not find there is new or unchanged, and no change rule fires for them.
   */
  baselinePath: string | null;
  periodFrom: string;
  rules: ScanRule[];
}
/** Scans bytes [from, to) of the snapshot: from a line's start (0: the whole file), to a line's end or past the file's. */
export type Scanner = (from: number, to: number) => Promise<ScanResult>;

/**
 * Reads last month and the snapshot's header, compiles the rules, and answers a scanner of byte
 * ranges: every hit of the rules over a range's person lines in file order, and how many people it held.
 */
export async function prepareScan({ path, baselinePath, periodFrom, rules }: ScanSource): Promise<Scanner> {
  const wantsPrevious = baselinePath !== null && rules.some((r) => r.kind === 'change');
  // Last month: its lines by employee number, read as byte rows of its own layout.
  let previous: { baseline: Baseline; rows: SnapshotRows; read: FieldReader } | undefined;
  if (wantsPrevious) {
    const loaded = await loadBaseline(baselinePath);
    const rows = new SnapshotRows(loaded.header, periodFrom);
    previous = { baseline: loaded.baseline, rows, read: byteRowReader(rows.layout, rows) };
  }
  const { header, end: headerEnd } = await readHeader(path);
  const rows = new SnapshotRows(header, periodFrom);
  const read = byteRowReader(rows.layout, rows);
  const layouts = [rows.layout, ...(previous ? [previous.rows.layout] : [])];
  const compiled = rules.map((row, index) => {
    const rule = { population: row.population as AuditRule['population'], definition: row.definition as AuditRule['definition'] };
    if (row.kind !== 'change') return { index, change: false, check: compileRowRule(rule, rows.layout) as RowCheck | null, changeCheck: null };
    // Both months' rows must fill what a change rule reads.
    for (const layout of layouts) fieldsOf(rule).forEach((f) => layout.slotOf(f));
    return { index, change: true, check: null, changeCheck: compileRule(rule) };
  });
  return async (from, to) => {
    const hits: ScanHit[] = [];
    let personCount = 0;
    for await (const chunk of readByteLines(path, Math.max(from, headerEnd), to)) {
      const { bytes } = chunk;
      for (let i = 0; i < chunk.count; i++) {
        const lineStart = chunk.starts[i];
        const lineEnd = chunk.ends[i];
        personCount++;
        rows.parse(bytes, lineStart, lineEnd);
        // Last month's values, for the change rules: only people whose line changed can fire one.
        let before: FieldReader | null | undefined;
        for (const c of compiled) {
          let found: readonly RuleHit[];
          if (c.change) {
            if (before === undefined) before = previousOf(previous, rows, bytes, lineEnd);
            if (before === null) continue;
            found = c.changeCheck!(read, before);
          } else {
            found = c.check!(rows);
          }
          if (found.length === 0) continue;
          const employeeNumber = rows.key();
          for (const h of found) hits.push({ field: h.field, value: h.value, previousValue: h.previousValue, employeeNumber, rule: c.index });
        }
      }
    }
    return { hits, personCount };
  };
}

/**
 * Hits as columns for the way back from a worker thread: a structured clone of 200,000 hit
 * objects took ~0.5 s; four strings split on US (which no snapshot value holds) and two arrays
 * cost a fraction. A value holding US is sent as objects.
 */
export type PackedHits = { kind: 'objects'; hits: ScanHit[] } | { kind: 'columns'; count: number; rule: Int32Array; nulls: Uint8Array; text: string };
const SEP = '\x1f';

/** What the audit's worker thread is given: the scan, the parts' bounds and the shared counter of the next part. */
export interface AuditWorkerData { source: ScanSource; bounds: number[]; next: SharedArrayBuffer }
/** One part's result, from the worker thread. */
export interface ChunkMessage { chunk: number; packed: PackedHits; personCount: number }

export function packHits(hits: ScanHit[]): PackedHits {
  const rule = new Int32Array(hits.length);
  const nulls = new Uint8Array(hits.length);
  const parts: string[] = new Array<string>(hits.length * 4);
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    rule[i] = h.rule;
    nulls[i] = (h.value === null ? 1 : 0) | (h.previousValue === null ? 2 : 0);
    parts[i * 4] = h.employeeNumber;
    parts[i * 4 + 1] = h.field;
    parts[i * 4 + 2] = h.value ?? '';
    parts[i * 4 + 3] = h.previousValue ?? '';
  }
  if (parts.some((p) => p.includes(SEP))) return { kind: 'objects', hits };
  return { kind: 'columns', count: hits.length, rule, nulls, text: parts.join(SEP) };
}

export function unpackHits(packed: PackedHits): ScanHit[] {
  if (packed.kind === 'objects') return packed.hits;
  const { count, rule, nulls } = packed;
  const parts = count ? packed.text.split(SEP) : [];
  const hits = new Array<ScanHit>(count);
  for (let i = 0; i < count; i++) {
    hits[i] = {
      employeeNumber: parts[i * 4], field: parts[i * 4 + 1], value: nulls[i] & 1 ? null : parts[i * 4 + 2], previousValue: nulls[i] & 2 ? null : parts[i * 4 + 3], rule: rule[i],
    };
  }
  return hits;
}

/** The person's values last month when they changed since, else null. */
function previousOf(previous: { baseline: Baseline; rows: SnapshotRows; read: FieldReader } | undefined, rows: SnapshotRows, bytes: Buffer, lineEnd: number): FieldReader | null {
  if (!previous) return null;
  const { baseline } = previous;
  const n = baseline.find(bytes, rows.keyStart, rows.keyEnd);
  // New people have no last month; unchanged ones (most) no change to check.
  if (n === 0 || baseline.sameContent(n, bytes, rows.contentStart, lineEnd)) return null;
  previous.rows.parse(baseline.bytes, baseline.startOf(n), baseline.endOf(n));
  return previous.read;
}

/** The snapshot's header (its first line) and where the person lines begin. */
async function readHeader(path: string): Promise<{ header: SnapshotHeader; end: number }> {
  const file = await open(path, 'r');
  try {
    let bytes = Buffer.alloc(0);
    for (;;) {
      const block = Buffer.allocUnsafe(64 << 10);
      const { bytesRead } = await file.read(block, 0, block.length, bytes.length);
      bytes = Buffer.concat([bytes, block.subarray(0, bytesRead)]);
      const at = bytes.indexOf(LF);
      if (at >= 0 || bytesRead === 0) {
        const end = at >= 0 ? at : bytes.length;
        return { header: JSON.parse(bytes.toString('utf8', 0, end)) as SnapshotHeader, end: end + 1 };
      }
    }
  } finally {
    await file.close();
  }
}

/** The start of the first line at or after `at` (the file's size when there is none). */
export async function lineStartAfter(path: string, at: number): Promise<number> {
  const file = await open(path, 'r');
  try {
    const block = Buffer.allocUnsafe(64 << 10);
    for (let position = at; ;) {
      const { bytesRead } = await file.read(block, 0, block.length, position);
      if (bytesRead === 0) return position;
      const lf = block.subarray(0, bytesRead).indexOf(LF);
      if (lf >= 0) return position + lf + 1;
      position += bytesRead;
    }
  } finally {
    await file.close();
  }
}

/**
 * A snapshot's person lines as byte rows (domain/audit/row-rules.ts): one row object reused
 * from line to line, its slots found in one pass over the bytes — canonical values in the
 * header's order, then the custom columns. No string is made unless a rule needs one.
 */
class SnapshotRows implements ByteRow {
  readonly layout: RowLayout;
  bytes: Buffer = Buffer.alloc(0);
  readonly start: Int32Array;
  readonly end: Int32Array;
  keyStart = 0;
  keyEnd = 0;
  contentStart = 0;
  private readonly canonicalCount: number;
  /** The last slot any compiled rule reads: a line is split no further. */
  private lastSlot = -1;

  constructor(header: SnapshotHeader, periodFrom: string) {
    this.canonicalCount = header.fields.length;
    const slots = new Map<string, number>();
    // A name given twice reads its last column, as rowCursor's maps do.
    header.fields.forEach((f, i) => slots.set(f, i));
    header.custom.forEach((c, i) => slots.set(`custom.${c}`, this.canonicalCount + i));
    this.layout = {
      slotOf: (field) => {
        const slot = slots.get(field) ?? -1;
        if (slot > this.lastSlot) this.lastSlot = slot;
        return slot;
      },
      periodFrom,
    };
    this.start = new Int32Array(this.canonicalCount + header.custom.length);
    this.end = new Int32Array(this.canonicalCount + header.custom.length);
  }

  text(slot: number): string {
    return this.bytes.toString('utf8', this.start[slot], this.end[slot]);
  }

  /** The employee number as keyOf (snapshot-file.ts) reads it. */
  key(): string {
    return this.bytes.toString('utf8', this.keyStart, this.keyEnd);
  }

  parse(bytes: Buffer, lineStart: number, lineEnd: number): void {
    this.bytes = bytes;
    const { start, end, canonicalCount } = this;
    // Slots past the last one read stay as they are: nothing looks at them.
    const last = this.lastSlot;
    start.fill(0, 0, last + 1);
    end.fill(0, 0, last + 1);
    let i = lineStart;
    while (i < lineEnd && bytes[i] !== GS) i++;
    const content = i < lineEnd ? i + 1 : lineStart;
    this.contentStart = content;
    this.keyStart = content;
    this.keyEnd = -1;
    let slot = 0;
    let from = content;
    let custom = false;
    for (i = content; i < lineEnd; i++) {
      const c = bytes[i];
      if (c === US) {
        if (this.keyEnd < 0) this.keyEnd = i;
        if (custom || slot < canonicalCount) { start[slot] = from; end[slot] = i; }
        slot++;
        from = i + 1;
        // Past what the rules read (the key found): the rest of the line is not looked at.
        if (slot > last && (custom || canonicalCount > last)) return;
      } else if (c === RS && !custom) {
        if (slot < canonicalCount) { start[slot] = from; end[slot] = i; }
        custom = true;
        slot = canonicalCount;
        from = i + 1;
        if (slot > last && this.keyEnd >= 0) return;
      }
    }
    if (this.keyEnd < 0) this.keyEnd = lineEnd;
    if (slot < start.length && (custom || slot < canonicalCount)) { start[slot] = from; end[slot] = lineEnd; }
  }
}

const GS = 0x1d;
const US = 0x1f;
const RS = 0x1e;
const LF = 0x0a;


/**
 * Lines of a snapshot file (from byte `from`, a line's start, up to `to`, a line's end or the file's) as byte ranges, read in 4 MiB blocks into one buffer that is
 * reused (a line never spans two blocks; the buffer grows for a longer one). Each block's
 * lines must be used before the next is asked for.
 */
async function* readByteLines(path: string, from: number, to: number): AsyncGenerator<{ bytes: Buffer; starts: Int32Array; ends: Int32Array; count: number }> {
  const file = await open(path, 'r');
  try {
    let bytes = Buffer.allocUnsafe(4 << 20);
    let starts = new Int32Array(1 << 14);
    let ends = new Int32Array(1 << 14);
    let filled = 0;
    let position = from;
    for (;;) {
      if (filled === bytes.length) bytes = Buffer.concat([bytes, Buffer.allocUnsafe(bytes.length)]);
      const want = Math.min(bytes.length - filled, to - position);
      const { bytesRead } = want > 0 ? await file.read(bytes, filled, want, position) : { bytesRead: 0 };
      position += bytesRead;
      const eof = bytesRead === 0;
      filled += bytesRead;
      const upTo = eof ? filled : bytes.lastIndexOf(LF, filled - 1);
      if (upTo < 0) continue;
      let count = 0;
      for (let from = 0; from < upTo;) {
        let at = bytes.indexOf(LF, from);
        if (at < 0 || at > upTo) at = upTo;
        if (at > from) {
          if (count === starts.length) {
            starts = growInt32(starts);
            ends = growInt32(ends);
          }
          starts[count] = from;
          ends[count++] = at;
        }
        from = at + 1;
      }
      if (count > 0) yield { bytes, starts, ends, count };
      if (eof) return;
      // The part line after the block's last line break moves to the front.
      const next = upTo + 1;
      bytes.copy(bytes, 0, next, filled);
      filled -= next;
    }
  } finally {
    await file.close();
  }
}

const growInt32 = (a: Int32Array) => {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
};
