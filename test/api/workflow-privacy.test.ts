/**
 * What Temporal keeps of a workflow a user started: its payloads are encrypted (the history is
 * not readable JSON), and the user enters it by id, never by e-mail address — while the cycle
 * row records the readable actor as before.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Payload } from '@temporalio/common';
import { SESSION_COOKIE } from '../../api/plugins/auth';
import { cycles } from '../../db/schema';
import { ENCRYPTED_ENCODING, EncryptionCodec } from '../../infra/payload-codec';
import { cycleWorkflowId } from '../../workflows/shared';
import type { Harness } from '../support/harness';
import { createEmployer, startHarness } from '../support/harness';
import { TEST_PAYLOAD_CODEC } from '../support/outbound';

let h: Harness;
let employerId: string;
const period = '2031-03';

beforeAll(async () => {
  h = await startHarness();
  employerId = await createEmployer(h);
});
afterAll(async () => {
  await h?.client.workflow.getHandle(cycleWorkflowId(employerId, period)).terminate('test over').catch(() => undefined);
  await h?.close();
});

const eventually = async <T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> => {
  const until = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

it('a cycle started by a signed-in user: encrypted history, the user by id, the readable actor in the database', async () => {
  const email = `starter-${randomUUID()}@example.test`;
  const password = `pw-${randomUUID()}`;
  const created = await h.app.inject({ method: 'POST', url: '/api/users', headers: h.auth, payload: { email, name: 'Cycle Starter', password, role: 'process_owner', employerIds: [employerId] } });
  expect(created.statusCode).toBe(201);
  const userId = created.json().id as string;
  const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  const session = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const started = await h.app.inject({
    method: 'POST', url: `/api/employers/${employerId}/cycles/${period}`,
    headers: { cookie: `${SESSION_COOKIE}=${session}`, 'x-csrf-token': login.json().csrfToken },
  });
  expect(started.statusCode).toBe(202);

  const row = await eventually(async () => (await h.db.select().from(cycles).where(eq(cycles.workflowId, cycleWorkflowId(employerId, period))))[0]);
  expect(row.startedBy).toBe(`user:${email}`);

  const history = await h.client.workflow.getHandle(cycleWorkflowId(employerId, period)).fetchHistory();
  const payloads: Payload[] = [];
  for (const event of history.events ?? []) {
    const attrs = Object.values(event).find((v) => v && typeof v === 'object' && ('input' in v || 'result' in v)) as
      { input?: { payloads?: Payload[] }; result?: { payloads?: Payload[] } } | undefined;
    payloads.push(...(attrs?.input?.payloads ?? []), ...(attrs?.result?.payloads ?? []));
  }
  expect(payloads.length).toBeGreaterThan(1);
  for (const p of payloads) {
    expect(Buffer.from(p.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
    const stored = Buffer.from(p.data!).toString('latin1');
    expect(() => JSON.parse(stored)).toThrow();
    expect(stored).not.toContain(employerId);
    expect(stored).not.toContain(email);
  }
  // The first payload is the workflow's input: with the key it opens, and names the user by id.
  const [input] = await TEST_PAYLOAD_CODEC.decode([payloads[0]]);
  expect(JSON.parse(Buffer.from(input.data!).toString())).toEqual({ employerId, period, startedBy: `user:${userId}` });
  // Another key opens nothing.
  await expect(new EncryptionCodec(Buffer.alloc(32, 1)).decode([payloads[0]])).rejects.toThrow(/another key/);
});

it('payloads written before the codec (no encryption marker) are read as they are', async () => {
  const plain: Payload = { metadata: { encoding: new TextEncoder().encode('json/plain') }, data: new TextEncoder().encode('{"a":1}') };
  expect(await TEST_PAYLOAD_CODEC.decode([plain])).toEqual([plain]);
  const [sealed] = await TEST_PAYLOAD_CODEC.encode([plain]);
  expect(await TEST_PAYLOAD_CODEC.decode([sealed])).toEqual([plain]);
});
