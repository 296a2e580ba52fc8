/**
 * The demo's bordereau, as `npm start` loads it after the demo's messages: reconciled against
 * what the demo insurer was sent, with open differences (one premium billed too high, people
 * enrolled and not billed, one billed and never enrolled) — not "nothing communicated".
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDemoBordereau } from '../../scripts/demo-bordereau';
import { loadDemoData } from '../../scripts/demo-data';
import { loadDemoMessages } from '../../scripts/demo-messages';
import { freePort } from '../support/free-port';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import { api, eventually, listMessages } from '../support/message-fixture';

let h: Harness;
let dataDir: string;

beforeAll(async () => {
  h = await startHarness({ listen: true });
  dataDir = await mkdtemp(join(tmpdir(), 'mutaflow-demo-bordereau-'));
});
afterAll(async () => {
  await h?.close();
  await rm(dataDir, { recursive: true, force: true });
});

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
