/**
 * One side of a comparison read into batches of join input: each row's normalised key and packed
 * values, and the results found while reading (values that do not parse, empty keys) at their
 * place among the rows. A batch is replayed into the join on the main thread in exactly the order
 * the rows were read, so a side read in a worker thread (side-worker.ts) gives the same results in
 * the same order as one read in place: only where the parsing runs differs. A large file side is
 * read in a worker, started at once, so that the two files are parsed on two cores at the same
 * time while the join takes side A's rows; side B's batches wait until side A is complete.
 */
import { stat } from 'node:fs/promises';
import { TextEncoder } from 'node:util';
import { sniffFormat } from '../../domain/payroll/file-format';
import { plainDecimalBounds } from '../../domain/shared/values';
import { type ImportError, MAX_LISTED_ERRORS, PayrollFileError } from '../../domain/payroll/import-errors';
import { type Cell, cellText } from '../../domain/payroll/row-mapper';
import type { ComparisonDefinition, SideId } from '../../domain/reconciliation/comparison-definition';
import { type ComparisonJoin, type ComparisonResult, US, normaliseKeyPart } from '../../domain/reconciliation/comparison-matcher';
import { type SideReader, compileSide } from '../../domain/reconciliation/comparison-side';
import { readHead } from '../../infra/read-head';
import { readCsv } from '../payroll/file/csv-reader';
import { NotPlainCsv, readPlainCsv } from '../payroll/file/plain-csv-reader';
import type { RowSink } from '../payroll/file/row-sink';
import { WorkerInbox, startWorker } from '../shared/worker-thread';

/**
 * Rows of a side as the join takes them, in buffers a worker thread hands over without copying:
 * row i's key is `bytes[start..keyEnd[i])` and its packed values `bytes[keyEnd[i]..end[i])`, both
 * UTF-8, where start is end[i - 1] (0 for the first row).
 */
export interface SideBatch {
  count: number;
  bytes: Uint8Array;
  keyEnd: Int32Array;
  end: Int32Array;
  rows: Int32Array;
  /** Results found while reading; `resultAt[i]` rows of this batch come before `results[i]`. */
  results: ComparisonResult[];
  resultAt: number[];
  /** Rows of the side read so far (progress). */
  rowsRead: number;
}

const BATCH_ROWS = 5_000;
const US_BYTE = 0x1f;

/** The buffers a batch moves in (posted from a worker thread, they change owner rather than being copied). */
export const transferables = (b: SideBatch): ArrayBuffer[] => [b.bytes.buffer, b.keyEnd.buffer, b.end.buffer, b.rows.buffer] as ArrayBuffer[];

/** The batch's rows and results into the join, in the order they were read. */
export function replay(batch: SideBatch, join: ComparisonJoin, side: SideId): void {
  const { count, keyEnd, end, rows, results, resultAt } = batch;
  const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
  let r = 0;
  let start = 0;
  for (let i = 0; i < count; i++) {
    while (r < results.length && resultAt[r] === i) join.result(results[r++]);
    const key = bytes.toString('utf8', start, keyEnd[i]);
    if (side === 'a') join.addAEncoded(key, bytes, keyEnd[i], end[i], rows[i]);
    else join.addBEncoded(key, bytes, keyEnd[i], end[i], rows[i]);
    start = end[i];
  }
  while (r < results.length) join.result(results[r++]);
}

/** A batch being filled. */
class BatchBuilder {
  private bytes = new Uint8Array(1 << 20);
  private used = 0;
  private readonly keyEnd = new Int32Array(BATCH_ROWS);
  private readonly end = new Int32Array(BATCH_ROWS);
  private readonly rows = new Int32Array(BATCH_ROWS);
  count = 0;
  readonly results: ComparisonResult[] = [];
  readonly resultAt: number[] = [];

  constructor(private readonly encoder: TextEncoder) {}

  get full(): boolean {
    return this.count === BATCH_ROWS;
  }

  get empty(): boolean {
    return this.count === 0 && this.results.length === 0;
  }

  /** A row: its key, then its values joined by US (packed, as comparison-matcher.ts reads it), as UTF-8. */
  add(key: string, values: readonly string[], row: number): void {
    let worst = key.length + values.length;
    for (const v of values) worst += v.length;
    this.reserve(worst * 3);
    this.write(key);
    this.keyEnd[this.count] = this.used;
    for (let i = 0; i < values.length; i++) {
      if (i > 0) this.bytes[this.used++] = US_BYTE;
      this.write(values[i]);
    }
    this.end[this.count] = this.used;
    this.rows[this.count++] = row;
  }

  /*
   * The same row written piece by piece from a line's bytes (BatchSink.rawLine): the key, then each
   * value after `separator`, then `endRow`; `rowStart` is where to go back to when a value turns
   * out not to parse (the line then goes the way of `add`).
   */
  get rowStart(): number {
    return this.used;
  }

  key(key: string): void {
    this.reserve(key.length * 3);
    this.write(key);
    this.keyEnd[this.count] = this.used;
  }

  separator(): void {
    this.reserve(1);
    this.bytes[this.used++] = US_BYTE;
  }

  text(text: string): void {
    this.reserve(text.length * 3);
    this.write(text);
  }

  /** Bytes that are their own UTF-8 text already (printable ASCII). Byte by byte: cells are short, and a subarray per cell cost more. */
  copy(from: Uint8Array, start: number, end: number): void {
    this.reserve(end - start);
    const bytes = this.bytes;
    let at = this.used;
    for (let i = start; i < end; i++) bytes[at++] = from[i];
    this.used = at;
  }

  /**
   * A cell's bytes when they are printable ASCII with no space at either end — its text exactly as
   * cellText gives it — copied in the same pass; false, nothing written, for any other cell.
   */
  copyPrintable(from: Uint8Array, start: number, end: number): boolean {
    if (from[start] === 0x20 || from[end - 1] === 0x20) return false;
    this.reserve(end - start);
    const bytes = this.bytes;
    let at = this.used;
    for (let i = start; i < end; i++) {
      const c = from[i];
      if (c < 0x20 || c > 0x7e) return false;
      bytes[at++] = c;
    }
    this.used = at;
    return true;
  }

  /**
   * An amount written as parseDecimalText's plain path gives it (domain/shared/values.ts
   * plainDecimalBounds); false, nothing written, for any other shape.
   */
  decimal(from: Uint8Array, start: number, end: number, separator: number): boolean {
    const at = this.bounds;
    if (!plainDecimalBounds(from, start, end, separator, at)) return false;
    this.reserve(end - start + 1);
    if (at[0]) this.bytes[this.used++] = 0x2d;
    this.copy(from, at[1], at[2]);
    if (at[3] > at[2] + 1) {
      this.bytes[this.used++] = 0x2e;
      this.copy(from, at[2] + 1, at[3]);
    }
    return true;
  }

  private readonly bounds = new Int32Array(4);

  endRow(row: number): void {
    this.end[this.count] = this.used;
    this.rows[this.count++] = row;
  }

  /** Back to `rowStart`: the row being written is dropped. */
  dropRow(rowStart: number): void {
    this.used = rowStart;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.bytes.length) return;
    const bigger = new Uint8Array(Math.max(this.bytes.length * 2, this.used + bytes));
    bigger.set(this.bytes.subarray(0, this.used));
    this.bytes = bigger;
  }

  /** ASCII byte by byte (most values: no view object per value), anything else through the encoder. */
  private write(text: string): void {
    const bytes = this.bytes;
    let at = this.used;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) {
        this.used += this.encoder.encodeInto(text, bytes.subarray(this.used)).written;
        return;
      }
      bytes[at++] = c;
    }
    this.used = at;
  }

  result(r: ComparisonResult): void {
    this.results.push(r);
    this.resultAt.push(this.count);
  }

  batch(rowsRead: number): SideBatch {
    return {
      count: this.count, bytes: this.bytes.subarray(0, this.used), keyEnd: this.keyEnd, end: this.end, rows: this.rows,
      results: this.results, resultAt: this.resultAt, rowsRead,
    };
  }
}

/** Where a side's rows go: compiled against the header, then batched. Refuses the file on a header or row-shape problem. */
export class BatchSink implements RowSink {
  private reader: SideReader | undefined;
  readonly errors: ImportError[] = [];
  errorCount = 0;
  rows = 0;
  private readonly encoder = new TextEncoder();
  private batch = new BatchBuilder(this.encoder);

  constructor(
    private readonly definition: ComparisonDefinition, private readonly side: SideId, private readonly file: string,
    private readonly deliver: (batch: SideBatch) => void, private readonly waitForJoin: () => Promise<void> = () => Promise.resolve(),
  ) {}

  header(cells: Cell[], row: number, meta?: { delimiter?: string }): void {
    const compiled = compileSide(this.definition, this.side, cells, this.file, row);
    if ('errors' in compiled) throw new PayrollFileError(compiled.errors);
    this.reader = compiled.reader;
    this.width = cells.length;
    this.delimiter = meta?.delimiter?.length === 1 ? meta.delimiter.charCodeAt(0) : -1;
    if (this.cellStart.length < this.width + 1) {
      this.cellStart = new Int32Array(this.width + 1);
      this.cellEnd = new Int32Array(this.width + 1);
    }
  }

  // Unquoted lines: readCsv splits them on the delimiter itself, far cheaper than its CSV parser.
  rawRow(): boolean {
    return false;
  }

  private width = 0;
  private delimiter = -1;
  private cellStart = new Int32Array(0);
  private cellEnd = new Int32Array(0);

  /**
   * An unquoted line as bytes (the byte reader, readPlainCsv): cut into cells where the delimiter
   * falls, each value written from its bytes — printable ASCII text as it stands, a plain amount
   * digit by digit, anything else decoded and read by the very function `row` would use. What
   * `row` would report (a wrong number of cells, an empty key, a value that does not parse) is
   * left to it: the line is declined, nothing of it kept, and comes back split through `row`.
   */
  rawLine(bytes: Buffer, start: number, end: number, row: number): boolean {
    if (this.errorCount || !this.reader || this.delimiter < 0) return false;
    const { cellStart, cellEnd, width } = this;
    let n = 0;
    let from = start;
    for (let i = start; i < end; i++) {
      if (bytes[i] !== this.delimiter) continue;
      if (n === width) return false;
      cellStart[n] = from;
      cellEnd[n++] = i;
      from = i + 1;
    }
    if (n !== width - 1) return false;
    cellStart[n] = from;
    cellEnd[n] = end;
    const { keys, fields, decimalSeparator } = this.reader.columns;
    let key = '';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const part = normaliseKeyPart(cellText(bytes.toString('utf8', cellStart[k.index], cellEnd[k.index])), k.part);
      if (part === null) return false;
      key = i === 0 ? part : `${key}${US}${part}`;
    }
    const batch = this.batch;
    const rowStart = batch.rowStart;
    batch.key(key);
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (i > 0) batch.separator();
      const s = cellStart[f.index];
      const e = cellEnd[f.index];
      if (s === e) continue;
      if (f.copy && batch.copyPrintable(bytes, s, e)) continue;
      if (f.amount && decimalSeparator >= 0 && batch.decimal(bytes, s, e, decimalSeparator)) continue;
      const v = f.parse(bytes.toString('utf8', s, e));
      if (v === undefined) {
        batch.dropRow(rowStart);
        return false;
      }
      if (v !== null) batch.text(v);
    }
    batch.endRow(row);
    this.rows++;
    if (batch.full) this.flush();
    return true;
  }

  private readonly emit = (r: ComparisonResult) => this.batch.result(r);
  private readonly values: string[] = [];

  row(cells: Cell[], row: number): void {
    this.rows++;
    if (this.errorCount) return;
    const key = this.reader!.readValues(cells, row, this.emit, this.values);
    if (key !== null) this.batch.add(key, this.values, row);
    if (this.batch.full) this.flush();
  }

  rowError(error: ImportError): void {
    this.errorCount++;
    if (this.errors.length < MAX_LISTED_ERRORS) this.errors.push(error);
  }

  progress(): void {
    this.flush();
  }

  drain(): Promise<void> {
    return this.waitForJoin();
  }

  /** Hands over what is batched (nothing once a row failed: the file is refused). */
  flush(): void {
    if (this.errorCount) return;
    if (this.batch.empty) return;
    const batch = this.batch.batch(this.rows);
    // A fresh builder: the batch's buffers may go to another thread.
    this.batch = new BatchBuilder(this.encoder);
    this.deliver(batch);
  }
}

/** Reads a file side (CSV or XLSX, with its mapping profile) into the sink; a file that does not map throws PayrollFileError. */
export async function readFileSide(sink: BatchSink, path: string, fileName: string, definition: ComparisonDefinition, side: SideId, plainBytes = true): Promise<void> {
  const spec = side === 'a' ? definition.sideA : definition.sideB;
  if (spec.source !== 'file') throw new Error('not a file side');
  const format = sniffFormat(await readHead(path), fileName, spec.profile);
  if (typeof format !== 'string') throw new PayrollFileError([format]);
  // exceljs loads only for a workbook: a worker thread reading CSV starts faster without it.
  if (format === 'xlsx') await (require('../payroll/file/xlsx-reader') as typeof import('../payroll/file/xlsx-reader')).readXlsx(path, fileName, spec.profile, sink);
  // A plain CSV (most are) as bytes: NotPlainCsv partway when it is not, and the run starts over reading text.
  else if (!plainBytes || !(await readPlainCsv(path, fileName, spec.profile, sink))) await readCsv(path, fileName, spec.profile, sink);
  sink.flush();
  if (sink.errorCount) throw new PayrollFileError(sink.errors);
}

/** What a side's worker thread posts, in this order: batches, then one of the others. */
export type SideMessage =
  | { type: 'batch'; batch: SideBatch }
  | { type: 'done'; rows: number }
  | { type: 'refused'; errors: ImportError[] }
  /** Read as bytes, the file showed it is not plain CSV (readPlainCsv's NotPlainCsv): the run reads it again as text. */
  | { type: 'not_plain' };

export interface SideWorkerData {
  path: string;
  fileName: string;
  definition: ComparisonDefinition;
  side: SideId;
  /** Read a CSV as bytes first (readPlainCsv); false: as text from the start. */
  plainBytes: boolean;
}

/** A file side, read once `consume` takes its batches: in place, or already under way in a worker thread. */
export interface FileSide {
  /** Each batch to `take`, in order, `drain` awaited between them; the side's row count. */
  consume(take: (batch: SideBatch) => void, drain: () => Promise<void>): Promise<number>;
  /** Stops a worker still reading (nothing to do in place). */
  close(): Promise<void>;
}

/** From this size on a file side is parsed in a worker thread: below it, starting one (~0.5 s) costs more than it saves. */
const THREADED_FROM_BYTES = 8 << 20;

/** Opens a file side: a worker thread starts reading it at once when `threaded` (default: a file of THREADED_FROM_BYTES or more). */
export async function openFileSide(path: string, fileName: string, definition: ComparisonDefinition, side: SideId, threaded?: boolean, plainBytes = true): Promise<FileSide> {
  const inWorker = threaded ?? (await stat(path)).size >= THREADED_FROM_BYTES;
  if (!inWorker) {
    return {
      async consume(take, drain) {
        const sink = new BatchSink(definition, side, fileName, take, drain);
        await readFileSide(sink, path, fileName, definition, side, plainBytes);
        return sink.rows;
      },
      close: () => Promise.resolve(),
    };
  }
  return new SideThread({ path, fileName, definition, side, plainBytes });
}

class SideThread implements FileSide {
  private readonly inbox: WorkerInbox<SideMessage>;

  constructor(data: SideWorkerData) {
    // A young generation of V8's default size made the collector a third of the worker's time:
    // every row leaves a few dozen short strings behind.
    const resourceLimits = { maxYoungGenerationSizeMb: 64 };
    this.inbox = new WorkerInbox(startWorker(__dirname, 'side-worker', data, resourceLimits));
  }

  async consume(take: (batch: SideBatch) => void, drain: () => Promise<void>): Promise<number> {
    for (;;) {
      const m = await this.inbox.next();
      switch (m.type) {
        case 'batch':
          take(m.batch);
          await drain();
          break;
        case 'done':
          return m.rows;
        case 'refused':
          throw new PayrollFileError(m.errors);
        case 'not_plain':
          throw new NotPlainCsv();
        case 'error':
          throw m.error;
        case 'exit':
          throw new Error(`the side ${m.code === 0 ? 'reader stopped before the end of the file' : `reader stopped (exit code ${m.code})`}`);
      }
    }
  }

  close(): Promise<void> {
    return this.inbox.close();
  }
}
