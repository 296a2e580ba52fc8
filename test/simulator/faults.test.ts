import type { FastifyInstance } from 'fastify';
import { buildSimulator } from '../../simulator/app';
import { API_KEY, auth, keyOf, message, registerCollective, TODAY } from './helpers';

describe('insurer simulator: faults', () => {
  let sim: FastifyInstance;
  let baseUrl: string;

  beforeAll(async () => {
    sim = buildSimulator({ apiKey: API_KEY, processingDelayMs: 10, today: () => TODAY });
    baseUrl = await sim.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    await sim.inject({ method: 'POST', url: '/admin/reset' });
    await registerCollective(sim);
  });

  const post = (body: unknown, key: string, signal?: AbortSignal) => fetch(`${baseUrl}/messages`, {
    method: 'POST', headers: { ...auth, 'idempotency-key': key, 'content-type': 'application/json' }, body: JSON.stringify(body), signal,
  });
  const setFault = async (fault: object) => {
    const res = await sim.inject({ method: 'POST', url: '/admin/faults', payload: fault });
    expect(res.statusCode).toBe(201);
  };
  const recorded = async () => ((await sim.inject({ method: 'GET', url: '/admin/messages' })).json() as { count: number }).count;

  it('http500: the next `count` sends answer 503 and record nothing', async () => {
    await setFault({ mode: 'http500', count: 2 });
    const body = message();
    expect((await post(body, keyOf(body))).status).toBe(503);
    expect((await post(body, keyOf(body))).status).toBe(503);
    expect(await recorded()).toBe(0);
    const third = await post(body, keyOf(body));
    expect(third.status).toBe(202);
    expect(await third.json()).toEqual({ status: 'received', reference: 'SIM-000001' });
    expect(await recorded()).toBe(1);
  });

  it('an outage window answers 503 until it ends; DELETE clears a fault', async () => {
    await setFault({ mode: 'http500', durationMs: 300 });
    const body = message();
    for (let i = 0; i < 3; i++) expect((await post(body, keyOf(body))).status).toBe(503);
    expect((await sim.inject({ method: 'GET', url: '/admin/faults' })).json().fault).toMatchObject({ mode: 'http500', remaining: null });
    await new Promise((r) => setTimeout(r, 350));
    expect((await post(body, keyOf(body))).status).toBe(202);

    await setFault({ mode: 'http500', durationMs: 60_000 });
    expect((await post(message(), 'x:1')).status).toBe(503);
    expect((await sim.inject({ method: 'DELETE', url: '/admin/faults' })).statusCode).toBe(200);
    expect((await post(message(), 'x:1')).status).toBe(202);
  });

  it('drop-after-accept: recorded, the connection reset; the retry finds it', async () => {
    await setFault({ mode: 'drop-after-accept' });
    const body = message();
    await expect(post(body, keyOf(body))).rejects.toThrow();
    expect(await recorded()).toBe(1);
    const retry = await post(body, keyOf(body));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ status: 'received', reference: 'SIM-000001' });
    expect(await recorded()).toBe(1);
  });

  it('timeout: the answer is held, the client gives up, and its retry finds the message', async () => {
    await setFault({ mode: 'timeout', count: 1, delayMs: 400 });
    const body = message();
    await expect(post(body, keyOf(body), AbortSignal.timeout(100))).rejects.toThrow();
    const retry = await post(body, keyOf(body));
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual({ status: 'received', reference: 'SIM-000001' });
    expect(await recorded()).toBe(1);
    // The held answer itself still comes, late.
    await setFault({ mode: 'timeout', count: 1, delayMs: 150 });
    const slow = message();
    const started = Date.now();
    const res = await post(slow, keyOf(slow));
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rejects an admin fault with both count and durationMs', async () => {
    const res = await sim.inject({ method: 'POST', url: '/admin/faults', payload: { mode: 'http500', count: 1, durationMs: 10 } });
    expect(res.statusCode).toBe(400);
  });

  it('close() releases a request held for 30 s and pending timers at once', async () => {
    const other = buildSimulator({ apiKey: API_KEY, processingDelayMs: 60_000 });
    const url = await other.listen({ port: 0, host: '127.0.0.1' });
    await other.inject({ method: 'POST', url: '/admin/faults', payload: { mode: 'timeout' } });
    const body = message();
    const held = fetch(`${url}/messages`, {
      method: 'POST', headers: { ...auth, 'idempotency-key': keyOf(body), 'content-type': 'application/json' }, body: JSON.stringify(body),
    }).then((r) => r.status, () => 'reset');
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await held).toBe('reset');
  });
});
