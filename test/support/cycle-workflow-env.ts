/**
 * What the monthly-cycle workflow tests run on: the time-skipping test server, a worker on its own
 * task queue with every activity (real PostgreSQL and file store), and the insurer simulator.
 * `codec`: payloads encrypted as in production (the client and the worker share the test key).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { payrollImports } from '../../db/schema';
import type { FileStore } from '../../infra/file-store';
import { findTestServer } from '../../infra/temporal-dev-server';
import { workflowClients } from '../../infra/workflow-clients';
import { TEST_SECRETS, sharedBundle, testDb, testFiles } from './harness';
import type { Simulator } from './message-fixture';
import { startSimulator } from './message-fixture';
import { TEST_DATA_CONVERTER, TEST_OUTBOUND } from './outbound';

export interface CycleWorkflowEnv {
  env: TestWorkflowEnvironment;
  db: Db;
  files: FileStore;
  sim: Simulator;
  acts: ReturnType<typeof createActivities>;
  close(): Promise<void>;
}

async function startCycleWorkflowEnv(taskQueue: string, opts: { codec?: boolean } = {}): Promise<CycleWorkflowEnv> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const dataConverter = opts.codec ? TEST_DATA_CONVERTER : undefined;
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: findTestServer()! } }, ...(dataConverter ? { client: { dataConverter } } : {}),
  });
  const db = testDb();
  const files = await testFiles();
  const sim = await startSimulator();
  const acts = createActivities({
    db, files, secrets: TEST_SECRETS, ...workflowClients(env.client, taskQueue), publicUrl: 'http://127.0.0.1:9', ...(opts.codec ? { outbound: TEST_OUTBOUND } : {}),
  });
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: await sharedBundle(), activities: acts, ...(dataConverter ? { dataConverter } : {}) });
  const workerRun = worker.run();
  return {
    env, db, files, sim, acts,
    async close() {
      worker.shutdown();
      await workerRun;
      await sim.app.close();
      await env.teardown();
      await db.$client.end();
    },
  };
}

/**
 * A test file's environment: started before its tests, closed after them. `use` receives it
 * once started, for the file to keep the parts it reads.
 */
export function useCycleWorkflowEnv(taskQueue: string, opts: { codec?: boolean }, use: (setup: CycleWorkflowEnv) => void): void {
  let setup: CycleWorkflowEnv | undefined;
  beforeAll(async () => {
    setup = await startCycleWorkflowEnv(taskQueue, opts);
    use(setup);
  });
  afterAll(async () => {
    await setup?.close();
  });
}

/** An import as the payroll-import workflow runs it: file read and stored, audited, its messages recorded. */
export async function importAsWorkflowDoes(
  { db, files, acts }: Pick<CycleWorkflowEnv, 'db' | 'files' | 'acts'>, employerId: string, period: string, csv: string,
): Promise<string> {
  const upload = await files.saveUpload(Readable.from(Buffer.from(csv)), 1 << 20);
  const [imp] = await db.insert(payrollImports).values({
    employerId, period, fileName: 'payroll.csv', fileSha256: upload.sha256, fileSize: upload.size, uploadedBy: 'test', workflowId: `test-${randomUUID()}`,
  }).returning();
  expect(await acts.importPayrollFile(imp.id)).toMatchObject({ ok: true });
  await acts.auditPayrollImport({ importId: imp.id });
  await db.update(payrollImports).set({ messagesCreatedAt: new Date() }).where(eq(payrollImports.id, imp.id));
  return imp.id;
}
