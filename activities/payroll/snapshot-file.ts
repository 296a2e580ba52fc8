import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { TextDecoder } from 'node:util';
import { CANONICAL_FIELDS } from '../../domain/payroll/canonical';

/**
 * Files an import leaves beside the upload:
 *
 * - the *snapshot*: every person of this period, next period's baseline. Line 1 is a JSON
 *   header; then one line per person: the hash of the row's source text (empty when unknown),
 *   a GS (\u001d), the canonical values joined by US (\u001f), an RS (\u001e), and the custom
 *   columns joined by US. Cell values never hold control characters
 *   (the row mapper turns them into spaces) and are never empty (empty is null), so this
 *   splits back exactly — and comparing a line's text is how an unchanged person is
 *   recognised, several times cheaper than JSON.
 * - the *delta*: only the people who differ from the baseline (new, changed, absent), each as
 *   `next SOH prev` snapshot lines (either side empty when absent) — what the database step reads.
 */
export const SNAPSHOT_FORMAT = 'mutaflow-snapshot/4';
/** Separates the two sides of a delta line; snapshot lines never hold this control character. */
export const DELTA_SEPARATOR = '\u0001';
const GS = '\u001d';
const US = '\u001f';
const RS = '\u001e';

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  fields: readonly string[];
  custom: string[];
  /** Hash of the mapping profile and the file's header row: row hashes compare only under the same. */
  source: string;
}

const BLOCK_BYTES = 1 << 20;

/** Where snapshot or delta lines go: a file (LineWriter) or a consumer that stores them as they come. */
export interface LineSink {
  add(line: string): void;
  /** The line in `bytes[start..end)` (UTF-8, without its line break), after `prefix`. */
  addBytes(bytes: Buffer, start: number, end: number, prefix?: string): void;
  /** Awaited between chunks of the source: lets the sink catch up when it holds too much. */
  drain(): Promise<void>;
  close(): Promise<void>;
  /** Drops what was written; resolves once the file is closed (a restart may open the same path again). */
  abort(): Promise<void>;
}

/**
 * Buffered line writer that yields to the file when asked (flat memory on big imports). Lines
 * come as text or as bytes copied from another file (a baseline line reused unchanged).
 */
export class LineWriter implements LineSink {
  /** Runs of text and of bytes, in order. */
  private pieces: (string | Buffer)[] = [];
  private text: string[] = [];
  private block = Buffer.allocUnsafe(0);
  private blockStart = 0;
  private blockEnd = 0;
  /** A run of lines that lie one after another in another file's bytes: written from there, uncopied. */
  private run: Buffer | undefined;
  private runStart = 0;
  private runEnd = 0;
  private bufferedChars = 0;
  private readonly out: WriteStream;

  constructor(path: string, firstLine?: string) {
    this.out = createWriteStream(path);
    if (firstLine !== undefined) this.add(firstLine);
  }

  add(line: string): void {
    this.endRun();
    this.endBytes();
    this.text.push(line, '\n');
    this.bufferedChars += line.length + 1;
  }

  /** The line in `bytes[start..end)` (UTF-8, without its line break), after `prefix`. */
  addBytes(bytes: Buffer, start: number, end: number, prefix?: string): void {
    if (prefix !== undefined) {
      this.add(`${prefix}${bytes.toString('utf8', start, end)}`);
      return;
    }
    // At most one of text, a run and a block part is open: the others are closed first.
    this.endText();
    const length = end - start + 1;
    this.bufferedChars += length;
    if (bytes[end] === 0x0a) {
      this.endBytes();
      // Unchanged people mostly come in file order: consecutive lines extend one run.
      if (this.run === bytes && start === this.runEnd) {
        this.runEnd = end + 1;
        return;
      }
      this.endRun();
      this.run = bytes;
      this.runStart = start;
      this.runEnd = end + 1;
      return;
    }
    this.endRun();
    if (this.blockEnd + length > this.block.length) {
      this.endBytes();
      this.block = Buffer.allocUnsafe(Math.max(BLOCK_BYTES, length));
      this.blockStart = this.blockEnd = 0;
    }
    bytes.copy(this.block, this.blockEnd, start, end);
    this.block[this.blockEnd + length - 1] = 0x0a;
    this.blockEnd += length;
  }

  private endRun(): void {
    if (!this.run) return;
    this.pieces.push(this.run.subarray(this.runStart, this.runEnd));
    this.run = undefined;
  }

  private endText(): void {
    if (this.text.length === 0) return;
    this.pieces.push(this.text.join(''));
    this.text = [];
  }

  private endBytes(): void {
    if (this.blockEnd === this.blockStart) return;
    // The piece keeps its part of the block; later lines go after it.
    this.pieces.push(this.block.subarray(this.blockStart, this.blockEnd));
    this.blockStart = this.blockEnd;
  }

  get pending(): number {
    return this.bufferedChars;
  }

  async flush(): Promise<void> {
    this.endRun();
    this.endText();
    this.endBytes();
    if (this.pieces.length === 0) return;
    const pieces = this.pieces;
    this.pieces = [];
    this.bufferedChars = 0;
    let ok = true;
    for (const piece of pieces) ok = this.out.write(piece);
    if (!ok) await once(this.out, 'drain');
  }

  async drain(): Promise<void> {
    if (this.bufferedChars > 1 << 20) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }

  async abort(): Promise<void> {
    if (this.out.closed) return;
    // Awaited: a write still in flight on the old descriptor must not land in the file a restart truncates and writes anew.
    // Not once(): it rejects on the stream's 'error', which would hide the error that made the build give up.
    const closed = new Promise<void>((resolve) => this.out.once('close', () => resolve()));
    this.out.destroy();
    await closed;
  }
}

export const snapshotHeaderLine = (custom: string[], source: string) =>
  JSON.stringify({ format: SNAPSHOT_FORMAT, fields: CANONICAL_FIELDS, custom, source } satisfies SnapshotHeader);

/** null joins as the empty string, which no cell value is. */
export const snapshotLine = (sourceHash: string, canonical: (string | null)[], custom: (string | null)[]) =>
  `${sourceHash}${GS}${canonical.join(US)}${RS}${custom.join(US)}`;

/** The line without its source hash: what two periods are compared on. */
export const lineContent = (line: string) => line.slice(line.indexOf(GS) + 1);


const splitValues = (text: string): (string | null)[] => (text === '' ? [] : text.split(US).map((v) => (v === '' ? null : v)));

export function parseSnapshotLine(full: string): { canonical: (string | null)[]; custom: (string | null)[] } {
  const line = lineContent(full);
  const rs = line.indexOf(RS);
  return rs < 0
    ? { canonical: splitValues(line), custom: [] }
    : { canonical: splitValues(line.slice(0, rs)), custom: splitValues(line.slice(rs + 1)) };
}

/** Employee number of a snapshot line: its first value. */
export function keyOf(line: string): string {
  const start = line.indexOf(GS) + 1;
  const end = line.indexOf(US, start);
  return end < 0 ? line.slice(start) : line.slice(start, end);
}

/**
 * Lines of a snapshot or delta file (our own files: UTF-8, `\n`), in batches: a batch per
 * 4 MiB chunk keeps the cost of async iteration off each of a million lines.
 */
export async function* readLineBatches(path: string): AsyncGenerator<string[]> {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
    const text = pending + decoder.decode(chunk, { stream: true });
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      pending = text;
      continue;
    }
    pending = text.slice(cut + 1);
    yield splitLines(text, cut);
  }
  const tail = pending + decoder.decode();
  if (tail) yield [tail];
}

function splitLines(text: string, end: number): string[] {
  const lines: string[] = [];
  let start = 0;
  while (start < end) {
    let at = text.indexOf('\n', start);
    if (at < 0 || at > end) at = end;
    if (at > start) lines.push(text.slice(start, at));
    start = at + 1;
  }
  return lines;
}
