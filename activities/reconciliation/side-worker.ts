/**
 * A worker thread reading one file side of a comparison (side-batches.ts `openFileSide`): its
 * batches are posted as they fill, then `done`, or `refused` with the errors when the file does
 * not map, or `not_plain` when the file read as bytes is not plain CSV after all. Anything else thrown reaches the main thread as the worker's error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PayrollFileError } from '../../domain/payroll/import-errors';
import { NotPlainCsv } from '../payroll/file/plain-csv-reader';
import { BatchSink, type SideMessage, type SideWorkerData, readFileSide, transferables } from './side-batches';

async function main(port: NonNullable<typeof parentPort>, { path, fileName, definition, side, plainBytes }: SideWorkerData): Promise<void> {
  const post = (m: SideMessage) => port.postMessage(m);
  const sink = new BatchSink(definition, side, fileName, (batch) => port.postMessage({ type: 'batch', batch } satisfies SideMessage, transferables(batch)));
  try {
    await readFileSide(sink, path, fileName, definition, side, plainBytes);
  } catch (err) {
    if (err instanceof NotPlainCsv) {
      post({ type: 'not_plain' });
      return;
    }
    if (!(err instanceof PayrollFileError)) throw err;
    post({ type: 'refused', errors: err.errors });
    return;
  }
  post({ type: 'done', rows: sink.rows });
}

if (parentPort) {
  void main(parentPort, workerData as SideWorkerData).catch((err: unknown) => {
    // Thrown outside the promise: the main thread's `error` event carries it.
    setImmediate(() => { throw err; });
  });
}
