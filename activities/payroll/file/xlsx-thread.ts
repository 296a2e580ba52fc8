/*
 * A large XLSX sheet read in a worker thread (xlsx-worker.ts), its rows handed to the sink on the
 * import's thread as if read there. The import of a workbook is bound by its one thread: inflating
 * and scanning the sheet took ~3.5 s of the ~9 s of CPU a 100k-row first import cost that thread,
 * while the second core only ran PostgreSQL's COPY. The rows cross as a compact batch (the strings
 * in one array, numbers and dates in a Float64Array): a structured clone of the cells cost the
 * receiving thread ~1 s per 100k rows × 40 columns, mostly in Date objects.
 */
import { stat } from 'node:fs/promises';
import { type ImportError, PayrollFileError } from '../../../domain/payroll/import-errors';
import type { MappingProfile } from '../../../domain/payroll/mapping-profile';
import type { Cell } from '../../../domain/payroll/row-mapper';
import { WorkerInbox, startWorker } from '../../shared/worker-thread';
import type { RowSink } from './row-sink';
import type { XlsxLimits } from './xlsx-guard';
import { readXlsx } from './xlsx-reader';

/** From this size on a workbook is read in a worker thread: below it, starting one (~0.3 s under tsx) costs more than it saves. */
const THREADED_XLSX_FROM_BYTES = 4 << 20;

/** Rows of a sheet as they cross between threads. */
export interface RowBatch {
  /** Not Int32: a sheet may number a row past 2^31 (the reader takes what it says). */
  rowNumbers: Float64Array;
  /** Cells per row. */
  widths: Int32Array;
  /** Per cell: see KIND. */
  kinds: Uint8Array;
  /** Per cell: the number, or a date's time; 0 for the others. */
  numbers: Float64Array;
  /**
   * The string cells, in order. An array, cloned string by string: split from one joined string,
   * each value of 13 characters or more would be a view of the whole batch's text, and a value the
   * sink keeps (an employee number) would keep its batch alive.
   */
  strings: string[];
}

const KIND = { null: 0, string: 1, number: 2, date: 3, true: 4, false: 5 } as const;

export function encodeRows(rows: { number: number; cells: Cell[] }[]): RowBatch {
  let cellCount = 0;
  for (const r of rows) cellCount += r.cells.length;
  const batch: RowBatch = {
    rowNumbers: new Float64Array(rows.length),
    widths: new Int32Array(rows.length),
    kinds: new Uint8Array(cellCount),
    numbers: new Float64Array(cellCount),
    strings: [],
  };
  const strings = batch.strings;
  let at = 0;
  rows.forEach((r, i) => {
    batch.rowNumbers[i] = r.number;
    batch.widths[i] = r.cells.length;
    for (const c of r.cells) {
      if (c === null || c === undefined) batch.kinds[at] = KIND.null;
      else if (typeof c === 'string') {
        batch.kinds[at] = KIND.string;
        strings.push(c);
      } else if (typeof c === 'number') {
        batch.kinds[at] = KIND.number;
        batch.numbers[at] = c;
      } else if (typeof c === 'boolean') batch.kinds[at] = c ? KIND.true : KIND.false;
      else {
        batch.kinds[at] = KIND.date;
        batch.numbers[at] = c.getTime();
      }
      at++;
    }
  });
  return batch;
}

export function decodeRows(batch: RowBatch, each: (cells: Cell[], row: number) => void): void {
  const strings = batch.strings;
  let s = 0;
  let at = 0;
  for (let i = 0; i < batch.rowNumbers.length; i++) {
    const width = batch.widths[i];
    const cells = new Array<Cell>(width);
    for (let k = 0; k < width; k++, at++) {
      switch (batch.kinds[at]) {
        case KIND.string: cells[k] = strings[s++]; break;
        case KIND.number: cells[k] = batch.numbers[at]; break;
        case KIND.date: cells[k] = new Date(batch.numbers[at]); break;
        case KIND.true: cells[k] = true; break;
        case KIND.false: cells[k] = false; break;
        default: cells[k] = null;
      }
    }
    each(cells, batch.rowNumbers[i]);
  }
}

export const transferables = (b: RowBatch) => [b.rowNumbers.buffer, b.widths.buffer, b.kinds.buffer, b.numbers.buffer] as ArrayBuffer[];

export interface XlsxWorkerData {
  path: string;
  file: string;
  profile: MappingProfile;
  limits?: XlsxLimits;
  /** [0]: batches the reading thread has taken; the worker stays at most AHEAD batches in front. */
  taken: SharedArrayBuffer;
}

export type XlsxWorkerMessage =
  | { type: 'header'; cells: Cell[]; row: number }
  | { type: 'rows'; batch: RowBatch }
  | { type: 'done' }
  | { type: 'refused'; errors: ImportError[] };

/**
 * Batches the worker may have posted and the reading thread not yet taken, checked when the reader
 * lets its sink catch up (every 5,000 rows): a dozen batches at most, memory stays flat.
 */
export const AHEAD = 6;

/** `readXlsx`, in a worker thread for a workbook of THREADED_XLSX_FROM_BYTES or more (or when `threaded` says so). */
export async function readXlsxThreaded(path: string, file: string, profile: MappingProfile, sink: RowSink, limits?: XlsxLimits, threaded?: boolean): Promise<void> {
  if (!(threaded ?? (await stat(path)).size >= THREADED_XLSX_FROM_BYTES)) return readXlsx(path, file, profile, sink, limits);
  const taken = new SharedArrayBuffer(4);
  const count = new Int32Array(taken);
  const data: XlsxWorkerData = { path, file, profile, limits, taken };
  const inbox = new WorkerInbox<XlsxWorkerMessage>(startWorker(__dirname, 'xlsx-worker', data, { maxYoungGenerationSizeMb: 64 }));
  let rows = 0;
  let drainedAt = 0;
  try {
    for (;;) {
      const m = await inbox.next();
      switch (m.type) {
        case 'header':
          sink.header(m.cells, m.row);
          break;
        case 'rows': {
          let last = 0;
          decodeRows(m.batch, (cells, row) => {
            rows++;
            last = row;
            sink.row(cells, row);
          });
          Atomics.add(count, 0, 1);
          Atomics.notify(count, 0);
          // As often as the reader in this thread lets the sink catch up: every 5,000 rows.
          if (rows - drainedAt >= 5000) {
            drainedAt = rows;
            sink.progress?.(0, last);
            await sink.drain?.();
          }
          break;
        }
        case 'done':
          return;
        case 'refused':
          throw new PayrollFileError(m.errors);
        case 'error':
          throw m.error;
        case 'exit':
          throw new Error(`the XLSX reader stopped ${m.code === 0 ? 'before the end of the sheet' : `(exit code ${m.code})`} after ${rows} rows`);
      }
    }
  } finally {
    await inbox.close();
  }
}
