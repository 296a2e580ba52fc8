/**
 * What the end-to-end benchmarks run on: embedded PostgreSQL, a Temporal dev server, the API
 * listening on loopback (suppliers call it back) and a worker, all in this process tree.
 */
import { spawnAtNice } from '../infra/nice-spawn';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app';
import type { Db } from '../db/client';
import { createDb } from '../db/client';
import { runMigrations } from '../db/migrate';
import { startEmbeddedPostgres } from '../infra/embedded-postgres';
import { FileStore } from '../infra/file-store';
import { workflowClients } from '../infra/workflow-clients';
import type { MessageWorkflows } from '../infra/workflow-clients/messages';
import { SecretBox } from '../infra/secret-box';
import { findTemporalCli, startTemporalDevServer } from '../infra/temporal-dev-server';
import type { WorkerSetup} from '../worker/create-worker';
import { createWorker } from '../worker/create-worker';
import { outboundPolicy } from '../infra/outbound';
import { encryptedDataConverter, resolvePayloadCodec } from '../infra/payload-codec';

export interface BenchStack {
  db: Db;
  client: Client;
  app: FastifyInstance;
  apiUrl: string;
  taskQueue: string;
  secrets: SecretBox;
  files: FileStore;
  messageWorkflows: MessageWorkflows;
  /** Stops everything started, in reverse order; more can be pushed. */
  stops: (() => Promise<unknown>)[];
  stop(): Promise<void>;
}

export async function startBenchStack(opts: {
  name: string; outDir: string; pgPort: number; temporalPort: number;
  worker?: Pick<WorkerSetup, 'workflowsPath' | 'extraActivities'>;
  /**
   * Run the worker as its own process (`worker/main.ts`), as docker-compose does, instead of in
   * this one: the API's event loop then does not share its turns with file parsing and workflows.
   */
  workerProcess?: boolean;
  /**
   * Run the background machinery (the Temporal dev server, and the worker process with
   * `workerProcess`) at this nice level: the API and PostgreSQL come first on the shared cores, as
   * docker-compose's `cpu_shares` for the worker and temporal services has them.
   */
  backgroundNice?: number;
}): Promise<BenchStack> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const cli = findTemporalCli(process.env.TEMPORAL_CLI_PATH);
  if (!cli) throw new Error('no temporal CLI: run npm run setup');
  const stops: (() => Promise<unknown>)[] = [];
  const filesDir = join(opts.outDir, `files-${opts.name}`);
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
    await rm(filesDir, { recursive: true, force: true });
  };
  try {
    const pg = await startEmbeddedPostgres({ dataDir: join(opts.outDir, `pg-${opts.name}`), port: opts.pgPort, database: 'mutaflow_bench', persistent: false });
    stops.push(pg.stop);
    const temporal = await startTemporalDevServer({ cli, port: opts.temporalPort, uiPort: null, nice: opts.backgroundNice });
    stops.push(temporal.stop);
    const db = createDb(pg.url, 20);
    stops.push(() => db.$client.end());
    await runMigrations(db);
    const secretKey = Buffer.alloc(32, 3);
    const secrets = new SecretBox(secretKey);
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    // A worker process encrypts payloads with the key it derives from the secret key: the client must too.
    const dataConverter = opts.workerProcess ? encryptedDataConverter(await resolvePayloadCodec(undefined, secretKey.toString('base64'), opts.outDir)) : undefined;
    const client = new Client({ connection, ...(dataConverter ? { dataConverter } : {}) });
    const taskQueue = `bench-${opts.name}-${randomUUID()}`;
    const workflows = workflowClients(client, taskQueue);
    const { messageWorkflows } = workflows;
    const files = new FileStore(filesDir, secrets);
    // The benchmark's simulator listens on loopback over plain http: allowed explicitly.
    const outbound = outboundPolicy({ allow: '127.0.0.1', insecureLocalTesting: true });
    const app = await buildApp({ db, temporal: client, taskQueue, files, secrets, publicUrl: 'http://127.0.0.1:9', maxUploadBytes: 1 << 30, outbound });
    stops.push(() => app.close());
    const apiUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    (app as { publicUrl: string }).publicUrl = apiUrl;
    if (opts.workerProcess) {
      const child = spawnAtNice(opts.backgroundNice, process.execPath, ['--import', 'tsx', join(__dirname, '..', 'worker', 'main.ts')], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: {
          ...process.env, DATABASE_URL: pg.url, TEMPORAL_ADDRESS: temporal.address, MUTAFLOW_SECRET_KEY: secretKey.toString('base64'),
          MUTAFLOW_PUBLIC_URL: apiUrl, MUTAFLOW_TASK_QUEUE: taskQueue, MUTAFLOW_DATA_DIR: join(opts.outDir, `data-${opts.name}`),
          MUTAFLOW_FILES_DIR: filesDir, MUTAFLOW_OUTBOUND_ALLOW: '127.0.0.1', MUTAFLOW_INSECURE_LOCAL_TESTING: 'true', LOG_LEVEL: 'warn',
        },
      });
      const exited = new Promise((resolveExit) => { child.once('exit', resolveExit); child.once('error', resolveExit); });
      stops.push(async () => { child.kill('SIGTERM'); await exited; });
      return { db, client, app, apiUrl, taskQueue, secrets, files, messageWorkflows, stops, stop };
    }
    const nativeConnection = await NativeConnection.connect({ address: temporal.address });
    stops.push(() => nativeConnection.close());
    const worker = await createWorker({
      connection: nativeConnection, namespace: 'default', taskQueue, db, files, secrets, ...workflows, publicUrl: apiUrl, outbound, ...opts.worker,
    });
    const running = worker.run();
    stops.push(async () => { worker.shutdown(); await running; });
    return { db, client, app, apiUrl, taskQueue, secrets, files, messageWorkflows, stops, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
