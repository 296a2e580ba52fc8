import { join } from 'node:path';
import { type ResourceLimits, Worker } from 'node:worker_threads';

/**
 * Run from the TypeScript sources (tsx, jest), a worker runs them as the rest of the application
 * does, through tsx; built (`npm run build`, the Docker image), it runs the compiled module.
 */
const COMPILED = __filename.endsWith('.js');
const BOOT = 'const { workerData } = require("node:worker_threads"); require(workerData.tsx).register(); require(workerData.entry);';

/** A worker thread running `<dir>/<name>.ts` (or `.js` when built), with `workerData`. */
export function startWorker(dir: string, name: string, workerData: object, resourceLimits?: ResourceLimits): Worker {
  return COMPILED
    ? new Worker(join(dir, `${name}.js`), { workerData, resourceLimits })
    : new Worker(BOOT, { eval: true, resourceLimits, workerData: { ...workerData, tsx: require.resolve('tsx/cjs/api'), entry: join(dir, `${name}.ts`) } });
}

/** What a worker sends, or what became of it: its error, then its exit. */
export type FromWorker<M> = M | { type: 'error'; error: Error } | { type: 'exit'; code: number };

/**
 * A worker's messages in order, its error and exit after them, taken one at a time (`next` waits
 * for the next); `close` stops a worker that has not exited.
 */
export class WorkerInbox<M> {
  private readonly queue: (FromWorker<M> | undefined)[] = [];
  private head = 0;
  private wake: (() => void) | undefined;
  private exited = false;

  constructor(private readonly worker: Worker) {
    worker.on('message', (m: M) => this.push(m));
    worker.on('error', (error: Error) => this.push({ type: 'error', error }));
    worker.on('exit', (code: number) => {
      this.exited = true;
      this.push({ type: 'exit', code });
    });
  }

  private push(m: FromWorker<M>): void {
    this.queue.push(m);
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  async next(): Promise<FromWorker<M>> {
    while (this.head === this.queue.length) await new Promise<void>((resolve) => { this.wake = resolve; });
    const m = this.queue[this.head]!;
    // Taken messages are not held twice.
    this.queue[this.head++] = undefined;
    return m;
  }

  async close(): Promise<void> {
    if (!this.exited) await this.worker.terminate();
  }
}
