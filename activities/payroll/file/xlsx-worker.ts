/**
 * A worker thread reading a workbook's sheet for xlsx-thread.ts: the header, then batches of rows
 * as the sheet is read, then `done`, or `refused` with the errors of a workbook that cannot be read.
 * Anything else thrown reaches the importing thread as the worker's error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PayrollFileError } from '../../../domain/payroll/import-errors';
import type { Cell } from '../../../domain/payroll/row-mapper';
import { AHEAD, type XlsxWorkerData, type XlsxWorkerMessage, encodeRows, transferables } from './xlsx-thread';
import { readXlsx } from './xlsx-reader';

const BATCH_ROWS = 1000;
/** Cells a batch holds at most: a row may be one cell at column XFD (16,384 wide). */
const BATCH_CELLS = 100_000;

async function main(port: NonNullable<typeof parentPort>, { path, file, profile, limits, taken }: XlsxWorkerData): Promise<void> {
  const post = (m: XlsxWorkerMessage) => port.postMessage(m);
  const count = new Int32Array(taken);
  let rows: { number: number; cells: Cell[] }[] = [];
  let cells = 0;
  let posted = 0;
  const flush = () => {
    if (rows.length === 0) return;
    const batch = encodeRows(rows);
    rows = [];
    cells = 0;
    port.postMessage({ type: 'rows', batch } satisfies XlsxWorkerMessage, transferables(batch));
    posted++;
  };
  try {
    await readXlsx(path, file, profile, {
      header: (cells, row) => post({ type: 'header', cells, row }),
      row: (values, row) => {
        rows.push({ number: row, cells: values });
        cells += values.length;
        if (rows.length >= BATCH_ROWS || cells >= BATCH_CELLS) flush();
      },
      rowError: () => undefined,
      // Between chunks of the sheet: wait while the importing thread is AHEAD batches behind.
      drain: () => {
        for (let seen = Atomics.load(count, 0); posted - seen > AHEAD; seen = Atomics.load(count, 0)) Atomics.wait(count, 0, seen, 1000);
        return Promise.resolve();
      },
    }, limits);
  } catch (err) {
    if (!(err instanceof PayrollFileError)) throw err;
    flush();
    post({ type: 'refused', errors: err.errors });
    return;
  }
  flush();
  post({ type: 'done' });
}

if (parentPort) {
  void main(parentPort, workerData as XlsxWorkerData).catch((err: unknown) => {
    // Thrown outside the promise: the importing thread's `error` event carries it.
    setImmediate(() => { throw err; });
  });
}
