/**
 * The demo's seeding run twice on one data folder and one database, as a newcomer who runs
 * `npm run demo` again: it finds its employer, imports and supplier again (no second
 * "Bakkerij De Gouden Korst"), the users point at that one employer, and the insurer simulator
 * comes back knowing what it received (its state lives under the data folder). Then the demo's
 * bordereau, as `npm start` loads it after the messages: reconciled against what the demo insurer
 * was sent, with open differences; the demo's comparison, internal benefit and contribution file.
 * All in one file, one after the other: they share the demo employer (the demo finds it again by
 * name), and two files seeding it at once would wait on each other's imports and take each
 * other's simulator callbacks.
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
import { loadDemoBenefits } from '../../scripts/demo-benefits';
import { loadDemoComparison } from '../../scripts/demo-comparison';
import { loadDemoContributions } from '../../scripts/demo-contributions';

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

/** `npm run demo` shows a comparison: the demo's pension-fund list against its payroll photo, idempotent on a second start, and monthly in the cycle. */
it('the demo compares a pension fund\'s list with the payroll photo, once', async () => {
  const base = (h.app as unknown as { publicUrl: string }).publicUrl;
  const lines: string[] = [];
  const summary = await loadDemoData(base, h.token, (l) => lines.push(l));
  const r = await loadDemoComparison({ base, token: h.token, employerId: summary.employerId, lastImportId: summary.lastImportId, period: summary.lastPeriod, say: (l) => lines.push(l) });
  const again = await loadDemoComparison({ base, token: h.token, employerId: summary.employerId, lastImportId: summary.lastImportId, period: summary.lastPeriod, say: (l) => lines.push(l) });
  expect(again.runId).toBe(r.runId);
  expect(lines).toContain('demo comparison "Payroll vs pension fund (demo)": only in payroll 7, only at the fund 1, duplicate keys 1, values that do not parse 1, differences 2; monthly in the cycle of 2026-10 (its file uploaded)');
  // Marked monthly, with the list as the period's file: the demo cycle of the period compares it.
  const period = await (await fetch(`${base}/api/comparison-definitions/${r.definitionId}/periods/2026-10`, { headers: { authorization: `Bearer ${h.token}` } })).json() as { monthly: boolean; missing: string[] };
  expect(period).toMatchObject({ monthly: true, missing: [] });
}, 300_000);

/** `npm run demo` shows an internal benefit with a newly eligible person (a hire of the month) who got a card; idempotent on a second start. */
it('the demo defines a credit card benefit and names who newly qualifies, once', async () => {
  const base = (h.app as unknown as { publicUrl: string }).publicUrl;
  const lines: string[] = [];
  const summary = await loadDemoData(base, h.token, (l) => lines.push(l));
  const r = await loadDemoBenefits({ base, token: h.token, employerId: summary.employerId, period: summary.lastPeriod, say: (l) => lines.push(l) });
  expect(r.newlyEligible).toBeGreaterThan(0);
  const line = lines.find((l) => l.startsWith('demo internal benefit'))!;
  expect(line).toMatch(/\d+ newly eligible \((.*hire.*)\)/);
  const again = await loadDemoBenefits({ base, token: h.token, employerId: summary.employerId, period: summary.lastPeriod, say: (l) => lines.push(l) });
  expect(again).toEqual(r);
  const changes = await h.app.inject({ method: 'GET', url: `/api/employers/${summary.employerId}/benefit-eligibility-changes?typeId=${r.typeId}`, headers: h.auth });
  const newly = changes.json().items.filter((c: { change: string; period: string }) => c.change === 'newly_eligible' && c.period === summary.lastPeriod);
  const records = await h.app.inject({ method: 'GET', url: `/api/persons/${newly[0].personId}/benefit-records`, headers: h.auth });
  expect(records.json().items).toEqual([expect.objectContaining({ typeId: r.typeId, values: expect.objectContaining({ cardNumber: '4417', limit: 250_000 }) })]);
}, 300_000);

/** `npm run demo` produces a contribution file for the demo employer and says where to download it; a second start finds the same file. */
it('the demo produces the demo employer\'s contribution file, once', async () => {
  const base = (h.app as unknown as { publicUrl: string }).publicUrl;
  const lines: string[] = [];
  const summary = await loadDemoData(base, h.token, (l) => lines.push(l));
  const first = await loadDemoContributions({ base, token: h.token, employerId: summary.employerId, period: summary.lastPeriod, say: (l) => lines.push(l) });
  const again = await loadDemoContributions({ base, token: h.token, employerId: summary.employerId, period: summary.lastPeriod, say: (l) => lines.push(l) });
  expect(again.fileId).toBe(first.fileId);
  expect(lines.find((l) => l.startsWith(`demo contribution file ${summary.lastPeriod} v1:`))).toMatch(/[1-9]\d* lines/);
  expect(lines).toContain(`  download: ${first.downloadUrl}   (details: ${base}/api/contribution-files/${first.fileId})`);
  const res = await fetch(first.downloadUrl, { headers: { authorization: `Bearer ${h.token}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  expect(text.split('\r\n')[0]).toBe('Personeelsnummer;Looncomponent;Bedrag;Periode;Betreft;Omschrijving;Bron');
  expect(text).toContain('Inhaalbijdrage');
}, 300_000);
