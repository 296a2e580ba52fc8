import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import { buildSimulator } from '../../simulator/app';
import { API_KEY, auth, CALLBACK_TOKEN, decided, keyOf, message, nextBsn, registerCollective, TODAY, waitFor } from './helpers';

interface Received { authorization?: string; body: Record<string, unknown> }

/** A stand-in for Mutaflow's callback endpoint; answers `failFirst` callbacks with 500. */
async function startReceiver() {
  const received: Received[] = [];
  const state = { failFirst: 0, hits: 0 };
  const app = Fastify();
  app.post('/api/supplier-callbacks/:supplierId', async (request, reply) => {
    state.hits += 1;
    if (state.hits <= state.failFirst) return reply.status(500).send({ error: 'boom' });
    received.push({ authorization: request.headers.authorization, body: request.body as Record<string, unknown> });
    return reply.status(202).send({ status: 'accepted' });
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, received, state, url: `${address}/api/supplier-callbacks/sup-1` };
}

describe('insurer simulator: callbacks', () => {
  let sim: FastifyInstance;
  let baseUrl: string;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver();
    sim = buildSimulator({ apiKey: API_KEY, callbackToken: CALLBACK_TOKEN, processingDelayMs: 10, today: () => TODAY, callbackBackoffMs: 50 });
    baseUrl = await sim.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await sim.close();
    await receiver.app.close();
  });
  beforeEach(async () => {
    await sim.inject({ method: 'POST', url: '/admin/reset' });
    await registerCollective(sim);
    receiver.received.length = 0;
    receiver.state.failFirst = 0;
    receiver.state.hits = 0;
  });

  const post = (body: unknown, key: string) => fetch(`${baseUrl}/messages`, {
    method: 'POST', headers: { ...auth, 'idempotency-key': key, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });

  const adminMessages = async () => (await (await fetch(`${baseUrl}/admin/messages`)).json()) as { count: number; messages: { callback: string; callbackAttempts: number }[] };

  it('delivers the answer with the callback bearer token, once per idempotency key', async () => {
    const body = message({ callbackUrl: receiver.url });
    const first = await post(body, keyOf(body));
    expect(first.status).toBe(202);
    const reference = ((await first.json()) as { reference: string }).reference;
    expect((await post(body, keyOf(body))).status).toBe(200);
    await waitFor(() => receiver.received.length === 1);
    expect(receiver.received[0]).toEqual({
      authorization: `Bearer ${CALLBACK_TOKEN}`,
      body: { idempotencyKey: keyOf(body), reference, status: 'processed', receiptDate: TODAY },
    });
    expect((await post(body, keyOf(body))).status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received).toHaveLength(1);
    expect((await adminMessages()).messages[0]).toMatchObject({ callback: 'delivered', callbackAttempts: 1 });
  });

  it('carries the rejection code and text', async () => {
    const body = message({ callbackUrl: receiver.url, collectiveNumber: 'UNKNOWN-1' });
    await post(body, keyOf(body));
    await waitFor(() => receiver.received.length === 1);
    expect(receiver.received[0].body).toEqual({
      idempotencyKey: keyOf(body), reference: 'SIM-000001', status: 'rejected', receiptDate: TODAY,
      errorCode: 'COLLECTIVE_UNKNOWN', errorText: expect.any(String),
    });
  });

  it('retries a callback that got a 500', async () => {
    receiver.state.failFirst = 2;
    const body = message({ callbackUrl: receiver.url, nationalId: nextBsn() });
    await post(body, keyOf(body));
    await waitFor(() => receiver.received.length === 1);
    expect(receiver.state.hits).toBe(3);
    expect((await adminMessages()).messages[0]).toMatchObject({ callback: 'delivered', callbackAttempts: 3 });
  });

  it('gives up after the last attempt; the answer stays available for polling', async () => {
    receiver.state.failFirst = 100;
    const body = message({ callbackUrl: receiver.url });
    await post(body, keyOf(body));
    await waitFor(async () => (await adminMessages()).messages[0]?.callback === 'failed');
    expect(receiver.state.hits).toBe(5);
    expect((await decided(sim, keyOf(body))).status).toBe('processed');
  });

  it('retries when nobody listens, and stops at close without hanging', async () => {
    const closed = await startReceiver();
    const deadUrl = closed.url;
    await closed.app.close();
    const body = message({ callbackUrl: deadUrl });
    await post(body, keyOf(body));
    await waitFor(async () => ((await adminMessages()).messages[0]?.callbackAttempts ?? 0) >= 2);
    expect((await adminMessages()).messages[0].callback).toBe('pending');
  });

  it('sends no callback without a callbackUrl', async () => {
    const body = message();
    await post(body, keyOf(body));
    expect((await decided(sim, keyOf(body))).status).toBe('processed');
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.state.hits).toBe(0);
    expect((await adminMessages()).messages[0]).toMatchObject({ callback: 'none' });
  });
});
