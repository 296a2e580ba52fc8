/**
 * A worker thread helping the audit (run-audit.ts `evaluate`) scan a large snapshot: it takes
 * the next unscanned part of the file from the counter it shares with the activity's thread
 * until none is left, posting each part's hits as it goes. Anything thrown reaches the main
 * thread as the worker's error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type AuditWorkerData, type ChunkMessage, packHits, prepareScan } from './snapshot-scan';

async function main(port: NonNullable<typeof parentPort>, { source, bounds, next }: AuditWorkerData): Promise<void> {
  const scan = await prepareScan(source);
  const counter = new Int32Array(next);
  for (let k = Atomics.add(counter, 0, 1); k < bounds.length - 1; k = Atomics.add(counter, 0, 1)) {
    const { hits, personCount } = await scan(bounds[k], bounds[k + 1]);
    const packed = packHits(hits);
    port.postMessage({ chunk: k, packed, personCount } satisfies ChunkMessage, packed.kind === 'columns' ? [packed.rule.buffer as ArrayBuffer, packed.nulls.buffer as ArrayBuffer] : []);
  }
}

if (parentPort) {
  void main(parentPort, workerData as AuditWorkerData).catch((err: unknown) => {
    setImmediate(() => { throw err; });
  });
}
