/**
 * kill -9 the worker while 500 messages are in flight, start another: every message reaches
 * a final status and the insurer holds exactly 500 — none lost, none twice.
 */
import type { ChildProcess} from 'node:child_process';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { inArray } from 'drizzle-orm';
import { messages } from '../../db/schema';
import type { Harness} from '../support/harness';
import { TEST_SECRETS_BASE64, startHarness } from '../support/harness';
import type { Simulator} from '../support/message-fixture';
import { createPerson, createWorld, enroll, eventually, startSimulator, today, addDays } from '../support/message-fixture';
import { TEST_PAYLOAD_KEY_BASE64 } from '../support/outbound';

const ROOT = join(__dirname, '..', '..');
const COUNT = 500;

function startWorker(h: Harness): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'worker', 'main.ts')], {
    cwd: ROOT,
    // The worker's own INFO logs would drown the test output; its exit is what matters here.
    stdio: 'ignore',
    env: {
      ...process.env,
      DATABASE_URL: process.env.MUTAFLOW_TEST_DATABASE_URL,
      TEMPORAL_ADDRESS: process.env.MUTAFLOW_TEST_TEMPORAL_ADDRESS,
      MUTAFLOW_TASK_QUEUE: h.taskQueue,
      MUTAFLOW_SECRET_KEY: TEST_SECRETS_BASE64,
      MUTAFLOW_PUBLIC_URL: h.publicUrl,
      MUTAFLOW_FILES_DIR: join(process.env.MUTAFLOW_TEST_ROOT!, 'crash-files'),
      // The harness's client encrypts with the test payload key; the simulator is on loopback, plain http.
      MUTAFLOW_PAYLOAD_KEY: TEST_PAYLOAD_KEY_BASE64,
      MUTAFLOW_OUTBOUND_ALLOW: '127.0.0.1',
      MUTAFLOW_INSECURE_LOCAL_TESTING: 'true',
    },
  });
}

const exited = (p: ChildProcess) => new Promise<void>((resolve) => (p.exitCode !== null || p.signalCode !== null ? resolve() : p.once('exit', () => resolve())));

describe('a worker killed mid-flight', () => {
  let h: Harness;
  let sim: Simulator;
  const workers: ChildProcess[] = [];
  beforeAll(async () => {
    h = await startHarness({ worker: false, listen: true });
    sim = await startSimulator({ delayMs: 200 });
  });
  afterAll(async () => {
    for (const w of workers) {
      if (w.exitCode === null && w.signalCode === null) {
        w.kill('SIGTERM');
        await exited(w);
      }
    }
    await sim?.app.close();
    await h?.close();
  });

  it('loses no message and sends none twice', async () => {
    const world = await createWorld(h.db, sim);
    const ids: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const { personId } = await createPerson(h.db, world);
      ids.push((await enroll(h.db, world, personId, addDays(today(), -2))).id);
    }
    await h.app.messageWorkflows.start(ids.map((messageId) => ({ messageId, version: 1 })));

    const first = startWorker(h);
    workers.push(first);
    const sentSoFar = async () => (await sim.app.inject({ method: 'GET', url: '/admin/messages' })).json().count as number;
    await eventually(sentSoFar, (n) => n >= 50, 120_000);
    first.kill('SIGKILL');
    await exited(first);
    const atKill = await sentSoFar();
    expect(atKill).toBeLessThan(COUNT);

    workers.push(startWorker(h));
    const statuses = async () => (await h.db.select({ status: messages.status }).from(messages).where(inArray(messages.id, ids))).map((r) => r.status);
    const done = await eventually(statuses, (s) => s.every((x) => x === 'processed' || x === 'rejected' || x === 'send_failed'), 240_000);
    expect(done.filter((s) => s === 'processed')).toHaveLength(COUNT);

    const { count, messages: received } = (await sim.app.inject({ method: 'GET', url: '/admin/messages' })).json() as { count: number; messages: { messageId: string }[] };
    expect(count).toBe(COUNT);
    expect(new Set(received.map((r) => r.messageId)).size).toBe(COUNT);
  }, 300_000); // 500 messages through a killed and a new worker: minutes on a busy 2-core machine
});
