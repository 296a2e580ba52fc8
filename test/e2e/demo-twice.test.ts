/**
 * The demo's seeding run twice on one data folder and one database, as a newcomer who runs
 * `npm run demo` again: it finds its employer, imports and supplier again (no second
 * "Bakkerij De Gouden Korst"), the users point at that one employer, and the insurer simulator
 * comes back knowing what it received (its state lives under the data folder). Then the demo's
 * bordereau, as `npm start` loads it after the messages: reconciled against what the demo insurer
 * was sent, with open differences. Both in one file: each points the demo insurer at its own
 * simulator, so two files running at once would take each other's callbacks.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoBordereau } from '../../scripts/demo-bordereau';
import { loadDemoData } from '../../scripts/demo-data';
import { loadDemoMessages } from '../../scripts/demo-messages';
import { loadDemoUsers } from '../../scripts/demo-users';
import { freePort } from '../support/free-port';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import { api, eventually, listMessages } from '../support/message-fixture';

let h: Harness;
let dataDir: string;

beforeAll(async () => {
  h = await startHarness({ listen: true });
  dataDir = await mkdtemp(join(tmpdir(), 'mutaflow-demo-twice-'));
});
afterAll(async () => {
  await h?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const FINAL = ['processed', 'rejected', 'send_failed', 'not_sent', 'incomplete'];

it('finds its employer, imports and supplier again; the simulator keeps its messages under the data folder', async () => {
  const lines: string[] = [];
  const say = (line: string) => { lines.push(line); };
  const simulatorPort = await freePort();
  const seed = async () => {
    const data = await loadDemoData(h.publicUrl, h.token, say);
    const messages = await loadDemoMessages({ base: h.publicUrl, token: h.token, employerId: data.employerId, simulatorPort, host: '127.0.0.1', say, dataDir });
    await loadDemoUsers({ base: h.publicUrl, token: h.token, healthToken: h.healthAuth.authorization.slice('Bearer '.length), employerId: data.employerId, dataDir, say });
    return { data, messages };
  };

  const first = await seed();
  const employerId = first.data.employerId;
  // The eleven enrollments reach the simulator and settle (its processing takes a few seconds).
  const settled = await eventually(() => listMessages(h, employerId), (ms) => ms.length === 11 && ms.every((m) => FINAL.includes(m.status)), 60_000);
  expect(settled.filter((m) => m.status === 'processed').length).toBeGreaterThanOrEqual(5);
  const received = (await first.messages.simulator.inject({ method: 'GET', url: '/admin/messages' })).json().count as number;
  expect(received).toBeGreaterThanOrEqual(6);
  await first.messages.simulator.close();
  expect((await stat(join(dataDir, 'simulator', 'state.json'))).size).toBeGreaterThan(0);

  // Other demo tests share this database and may have seeded the demo employer first: count what the second run says.
  const firstLines = lines.length;
  const second = await seed();
  try {
    expect(second.data).toEqual(first.data);
    expect(second.messages.supplierId).toBe(first.messages.supplierId);
    expect(lines.slice(firstLines).filter((l) => l.includes('(imported before)'))).toHaveLength(2);
    const employers = await api(h, 'GET', `/api/employers?name=${encodeURIComponent('Bakkerij De Gouden Korst B.V. (demo)')}`);
    expect(employers.items.map((e: { id: string }) => e.id)).toEqual([employerId]);
    // No second wave of enrollments, and the HR user still sees the employer that has them.
    expect(await listMessages(h, employerId)).toHaveLength(11);
    const users = (await api(h, 'GET', '/api/users')).items as { email: string; employerIds: string[] | null }[];
    expect(users.find((u) => u.email === 'hr@mutaflow.demo')?.employerIds).toEqual([employerId]);
    // The restarted simulator still knows every message it received: a poll finds them, nothing is 404.
    const after = (await second.messages.simulator.inject({ method: 'GET', url: '/admin/messages' })).json();
    expect(after.count).toBe(received);
    expect(after.messages.every((m: { status: string }) => m.status !== 'received')).toBe(true);
  } finally {
    await second.messages.simulator.close();
  }
}, 180_000);

it('shows a reconciled bordereau with open differences', async () => {
  const lines: string[] = [];
  const say = (line: string) => { lines.push(line); };
  const data = await loadDemoData(h.publicUrl, h.token, say);
  const messages = await loadDemoMessages({ base: h.publicUrl, token: h.token, employerId: data.employerId, simulatorPort: await freePort(), host: '127.0.0.1', say, dataDir });
  try {
    await eventually(() => listMessages(h, data.employerId), (ms) => ms.some((m) => m.status === 'processed'), 60_000);
    const { runId } = await loadDemoBordereau({ base: h.publicUrl, token: h.token, employerId: data.employerId, supplierId: messages.supplierId, say });
    const run = await api(h, 'GET', `/api/bordereaux/${runId}`);
    expect(run.result).toBe('reconciled');
    const open = (run.differences as { kind: string; status: string }[]).filter((d) => d.status === 'open');
    expect(open.map((d) => d.kind)).toEqual(expect.arrayContaining(['billed_not_enrolled', 'enrolled_not_billed']));
    expect(lines.some((l) => /demo bordereau \d{4}-\d{2}: \d+ lines, \d+ open differences/.test(l) && l.includes(`#/bordereaux/${runId}`))).toBe(true);
  } finally {
    await messages.simulator.close();
  }
}, 180_000);
