import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { ActivityDeps } from '../activities/deps';

export const workflowsPath = require.resolve('../workflows');

export interface WorkerSetup extends ActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A prebuilt bundle (tests build it once per file); else the worker bundles workflows/. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Another workflows module (benchmarks add a comparison workflow). */
  workflowsPath?: string;
  /** Extra activities beside Mutaflow's own (benchmarks). */
  extraActivities?: Record<string, (...args: any[]) => Promise<unknown>>;
  /** The payload codec every client of this namespace uses too (infra/payload-codec.ts). */
  dataConverter?: WorkerOptions['dataConverter'];
}

export async function createWorker(setup: WorkerSetup): Promise<Worker> {
  const { connection, namespace, taskQueue, workflowBundle, workflowsPath: otherWorkflows, extraActivities, dataConverter, ...deps } = setup;
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    ...(dataConverter ? { dataConverter } : {}),
    activities: { ...createActivities(deps), ...extraActivities },
    ...(workflowBundle ? { workflowBundle } : { workflowsPath: otherWorkflows ?? workflowsPath }),
    // Message activities wait on suppliers (I/O), so many run at once; imports are rare and
    // each holds one database connection of the pool.
    maxConcurrentActivityTaskExecutions: 32,
  });
}
