/**
 * The simulator with a state file (the demo's, under its data folder): what it received, decided
 * and registered survives a restart; a message received and not yet decided is decided after it;
 * forgetting one message (a supplier that lost it) answers 404 to a poll.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSimulator } from '../../simulator/app';
import { API_KEY, TODAY, decided, keyOf, message, nextBsn, poll, registerCollective, send } from './helpers';

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'mutaflow-sim-state-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

const start = (statePath: string, processingDelayMs: number) => buildSimulator({ apiKey: API_KEY, processingDelayMs, today: () => TODAY, statePath });

it('keeps received messages, decisions and registries across a restart', async () => {
  const statePath = join(dir, 'simulator', 'state.json');
  const first = start(statePath, 10);
  await registerCollective(first);
  const done = message({ nationalId: nextBsn() });
  expect((await send(first, done)).statusCode).toBe(202);
  const answer = await decided(first, keyOf(done));
  expect(answer.status).toBe('processed');
  await first.close();
  expect(JSON.parse(await readFile(statePath, 'utf8')).messages).toHaveLength(1);

  // Received just before a stop, decided only after the restart.
  const slow = start(statePath, 60_000);
  const pending = message({ nationalId: nextBsn() });
  expect((await send(slow, pending)).statusCode).toBe(202);
  expect((await poll(slow, keyOf(pending))).json().status).toBe('received');
  await slow.close();

  const again = start(statePath, 10);
  try {
    // The same answer for the same key (its reference too), and the collective is still registered.
    expect((await poll(again, keyOf(done))).json()).toMatchObject({ status: 'processed', reference: answer.reference });
    expect((await send(again, done)).statusCode).toBe(200);
    expect((await decided(again, keyOf(pending))).status).toBe('processed');
    const fresh = message({ nationalId: nextBsn() });
    expect((await send(again, fresh)).json().reference).not.toBe(answer.reference);
    // A supplier that lost a message: the poll says 404 (Mutaflow then sends the same version again).
    expect((await again.inject({ method: 'DELETE', url: `/admin/messages/${encodeURIComponent(keyOf(done))}` })).statusCode).toBe(200);
    expect((await poll(again, keyOf(done))).statusCode).toBe(404);
  } finally {
    await again.close();
  }
});
