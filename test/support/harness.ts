import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, DefaultLogger } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import type { AppDeps} from '../../api/app';
import { buildApp } from '../../api/app';
import { newToken, seedAdminToken } from '../../api/plugins/auth';
import type { Db } from '../../db/client';
import { createDb } from '../../db/client';
import { migrateAs } from '../../db/migrate';
import { FileStore } from '../../infra/file-store';
import { workflowClients } from '../../infra/workflow-clients';
import { SecretBox } from '../../infra/secret-box';
import { createWorker, workflowsPath } from '../../worker/create-worker';
import { TEST_DATA_CONVERTER, TEST_OUTBOUND } from './outbound';

let runtimeInstalled = false;

/** Everything a test file needs, real and torn down in `close()`. */
export interface Harness {
  db: Db;
  files: FileStore;
  client: Client;
  taskQueue: string;
  app: FastifyInstance;
  /** Where the API listens (with `listen: true`), else a placeholder. */
  publicUrl: string;
  token: string;
  auth: { authorization: string };
  /** An operator token of the health administrator (MUTAFLOW_HEALTH_ADMIN_TOKEN): the one who grants health access. */
  healthAuth: { authorization: string };
  close(): Promise<void>;
}

export function testDb(max = 5): Db {
  return createDb(process.env.MUTAFLOW_TEST_DATABASE_URL!, max);
}

export async function testFiles(): Promise<FileStore> {
  const dir = join(process.env.MUTAFLOW_TEST_ROOT!, `files-${randomUUID()}`);
  await mkdir(dir, { recursive: true });
  const store = new FileStore(dir, TEST_SECRETS);
  await store.ensureDirs();
  return store;
}

/**
 * Database, file store, Temporal client, a worker on its own task queue (the workflow bundle
 * built once per test file) and the API app — all real. Pass `worker: false` for API-only tests.
 */
/** A fixed key: tests check that what is stored is sealed under it. */
export const TEST_SECRETS_BASE64 = Buffer.alloc(32, 7).toString('base64');
export const TEST_SECRETS = SecretBox.fromBase64(TEST_SECRETS_BASE64);

export async function startHarness(opts: {
  worker?: boolean; maxUploadBytes?: number; publicUrl?: string; listen?: boolean; smtpUrl?: string; signingKey?: () => Promise<string>;
  onRoute?: AppDeps['onRoute'];
  /** Default: 127.0.0.1 allowed, plain transports allowed (TEST_OUTBOUND). */
  outbound?: AppDeps['outbound'];
  /**
   * A database of the file's own, created and migrated here and dropped at the end: for data that
   * other files would meet in the shared one (the demo employer, which the demo finds by name).
   */
  ownDatabase?: boolean;
} = {}): Promise<Harness> {
  if (!runtimeInstalled) {
    Runtime.install({ logger: new DefaultLogger('ERROR') });
    runtimeInstalled = true;
  }
  const cleanups: (() => Promise<unknown>)[] = [];
  const own = opts.ownDatabase ? await createOwnDatabase() : null;
  if (own) cleanups.push(own.drop);
  const db = own ? createDb(own.appUrl, 5) : testDb();
  cleanups.push(() => db.$client.end());
  const files = await testFiles();
  const taskQueue = `test-${randomUUID()}`;
  const address = process.env.MUTAFLOW_TEST_TEMPORAL_ADDRESS!;
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  };
  try {
    const connection = await Connection.connect({ address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, dataConverter: TEST_DATA_CONVERTER });
    const secrets = TEST_SECRETS;
    let publicUrl = opts.publicUrl ?? 'http://127.0.0.1:9';
    const app = await buildApp({
      db, temporal: client, taskQueue, files, secrets, publicUrl, maxUploadBytes: opts.maxUploadBytes ?? 256 * 1024 * 1024, onRoute: opts.onRoute,
      outbound: opts.outbound ?? TEST_OUTBOUND,
    });
    cleanups.push(() => app.close());
    await app.ready();
    if (opts.listen) {
      // Suppliers (the simulator) call back over real HTTP.
      publicUrl = await app.listen({ port: 0, host: '127.0.0.1' });
      (app as { publicUrl: string }).publicUrl = publicUrl;
    }
    if (opts.worker !== false) {
      const nativeConnection = await NativeConnection.connect({ address });
      cleanups.push(() => nativeConnection.close());
      const worker = await createWorker({
        connection: nativeConnection, namespace: 'default', taskQueue, db, files, workflowBundle: await sharedBundle(),
        secrets, publicUrl, ...workflowClients(client, taskQueue), outbound: opts.outbound ?? TEST_OUTBOUND, dataConverter: TEST_DATA_CONVERTER,
        mail: opts.smtpUrl ? { smtpUrl: opts.smtpUrl, from: 'mutaflow@test.invalid' } : undefined,
        signingKey: opts.signingKey,
      });
      const workerRun = worker.run();
      cleanups.push(async () => {
        worker.shutdown();
        await workerRun;
      });
    }
    const token = newToken();
    await seedAdminToken(db, token, `test-${randomUUID()}`);
    const healthToken = newToken();
    await seedAdminToken(db, healthToken, `test-health-${randomUUID()}`, 'health_admin');
    return {
      db, files, client, taskQueue, app, publicUrl, token, auth: { authorization: `Bearer ${token}` }, healthAuth: { authorization: `Bearer ${healthToken}` }, close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

/** A fresh database beside the shared one, migrated as the shared one is (owner and application role). */
async function createOwnDatabase(): Promise<{ appUrl: string; drop: () => Promise<void> }> {
  const name = `mutaflow_own_${randomUUID().replace(/-/g, '')}`;
  const ownerUrl = process.env.MUTAFLOW_TEST_MIGRATION_DATABASE_URL!;
  const adminUrl = process.env.MUTAFLOW_TEST_ADMIN_DATABASE_URL;
  if (!adminUrl) throw new Error('ownDatabase needs the tests\' embedded PostgreSQL (MUTAFLOW_TEST_ADMIN_DATABASE_URL, set by the global setup)');
  const at = (url: string) => { const u = new URL(url); u.pathname = `/${name}`; return u.toString(); };
  const admin = createDb(adminUrl, 1);
  try {
    await admin.execute(sql.raw(`create database ${name} owner ${new URL(ownerUrl).username}`));
  } finally {
    await admin.$client.end();
  }
  await migrateAs(at(ownerUrl), at(process.env.MUTAFLOW_TEST_DATABASE_URL!));
  return {
    appUrl: at(process.env.MUTAFLOW_TEST_DATABASE_URL!),
    drop: async () => {
      const o = createDb(adminUrl, 1);
      try {
        await o.execute(sql.raw(`drop database if exists ${name} with (force)`));
      } finally {
        await o.$client.end();
      }
    },
  };
}

let bundle: Promise<{ code: string }> | undefined;
/** The workflow bundle, built once per test file (jest gives each file its own module registry). */
export function sharedBundle(): Promise<{ code: string }> {
  bundle ??= bundleWorkflowCode({ workflowsPath, logger: new DefaultLogger('ERROR') });
  return bundle;
}

/** multipart/form-data for app.inject. */
export function uploadForm(content: Buffer | string, fileName: string, period?: string): FormData {
  const form = new FormData();
  if (period !== undefined) form.set('period', period);
  form.set('file', new Blob([typeof content === 'string' ? Buffer.from(content) : content]), fileName);
  return form;
}

export async function createEmployer(h: Harness, body: Record<string, unknown> = {}): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/api/employers', headers: h.auth, payload: { name: 'Test employer', country: 'NL', ...body } });
  if (res.statusCode !== 201) throw new Error(`create employer: ${res.statusCode} ${res.body}`);
  return res.json().id;
}
