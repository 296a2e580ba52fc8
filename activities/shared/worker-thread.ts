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
