/**
 * Insurer messages end to end on the dev server, everything through the HTTP API: employer,
 * supplier (its one-time callback token signs the simulator's callbacks), plan, link, persons
 * from a real payroll import, enrollments — then the simulator answers over real HTTP.
 */
import { randomUUID } from 'node:crypto';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import type { Harness} from '../support/harness';
import { startHarness } from '../support/harness';
import type {
  ApiMessage, ApiWorld} from '../support/message-fixture';
import { addDays, api, createApiWorld, eventually, getMessage, importPayroll, listMessages, nextBsn,
  personIdsByEmployeeNumber, simRecords, today,
} from '../support/message-fixture';

const COUNT = 200;
const employeeNumber = (i: number) => `E${String(i).padStart(4, '0')}`;
/** Persons 0..199 for the bulk test, then one each for the rejection and the retried delivery. */
const REJECTED = COUNT;
const RETRIED = COUNT + 1;

describe('insurer messages end to end (API + worker + simulator)', () => {
  let h: Harness;
  let world: ApiWorld;
  let personIds: Map<string, string>;
  const bsns = new Map<number, string>();
  const bulkIds: string[] = [];

  const enroll = async (i: number, startDate = addDays(today(), -3)): Promise<ApiMessage> => {
    const created = await api(h, 'POST', '/api/enrollments', { personId: personIds.get(employeeNumber(i)), planId: world.planId, startDate });
    expect(created.messages).toHaveLength(1);
    expect(created.messages[0]).toMatchObject({ kind: 'enrollment', status: 'not_sent', version: 1, warnings: [] });
    return created.messages[0];
  };
  const summary = async (): Promise<Record<string, number>> => api(h, 'GET', `/api/messages/summary?employerId=${world.employerId}`);

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    world = await createApiWorld(h, { delayMs: 50, timeoutSeconds: 2 });
    const rows: string[] = [];
    for (let i = 0; i <= RETRIED; i++) {
      bsns.set(i, nextBsn());
      rows.push(personRow({ employeeNumber: employeeNumber(i), nationalId: bsns.get(i)!, lastName: `Person${i}` }));
    }
    const imported = await importPayroll(h, world.employerId, canonicalCsv(...rows), today().slice(0, 7));
    expect(imported.rowCount).toBe(RETRIED + 1);
    personIds = await personIdsByEmployeeNumber(h, world.employerId);
    expect(personIds.size).toBe(RETRIED + 1);
  });

  afterAll(async () => {
    await world?.sim.app.close();
    await h?.close();
  });

  it(`delivers ${COUNT} enrollments: all processed, exactly ${COUNT} at the insurer, every transition recorded`, async () => {
    for (let i = 0; i < COUNT; i += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, k) => enroll(i + k)));
      bulkIds.push(...batch.map((m) => m.id));
    }
    expect(new Set(bulkIds).size).toBe(COUNT);

    await eventually(summary, (s) => s.processed === COUNT, 60_000);
    expect(await summary()).toEqual({ processed: COUNT });

    // The list, page by page (100 a page), holds exactly the messages created.
    const processed = await listMessages(h, world.employerId, 'processed');
    expect(processed.map((m) => m.id).sort()).toEqual([...bulkIds].sort());
    expect(processed.every((m) => m.kind === 'enrollment' && m.version === 1 && m.supplierReference?.startsWith('SIM-') && m.receiptDate === today())).toBe(true);

    const received = await simRecords(world.sim);
    expect(received).toHaveLength(COUNT);
    expect(new Set(received.map((r) => r.messageId))).toEqual(new Set(bulkIds));
    expect(received.every((r) => r.status === 'processed' && r.callback === 'delivered' && r.idempotencyKey === `${r.messageId}:1`)).toBe(true);

    for (const id of bulkIds) {
      const m = await getMessage(h, id);
      expect(m.events.map((e) => e.to)).toEqual(['not_sent', 'queued', 'sent', 'processed']);
      expect(m.events.at(-1)).toMatchObject({ cause: 'supplier_answer', actor: 'supplier', detail: { via: 'callback' } });
      expect(m.supplierReference).toBe(received.find((r) => r.messageId === id)!.reference);
    }
  });

  it('shows a rejection (ALREADY_INSURED) with receipt date and error text; a resend is version 2 and reaches the insurer again', async () => {
    const bsn = bsns.get(REJECTED)!;
    const seeded = await world.sim.app.inject({ method: 'POST', url: '/admin/insured', payload: { nationalId: bsn, collectiveNumber: 'ZZ-OTHER-EMPLOYER' } });
    expect(seeded.statusCode).toBe(201);

    const { id } = await enroll(REJECTED);
    const rejected = await eventually(() => getMessage(h, id), (m) => m.status === 'rejected', 30_000);
    expect(rejected).toMatchObject({
      version: 1, errorCode: 'ALREADY_INSURED', receiptDate: today(), errorText: expect.stringContaining('another collective'),
      supplierReference: expect.stringMatching(/^SIM-/), statusLabel: 'Afgekeurd',
    });
    expect(rejected.events.map((e) => e.to)).toEqual(['not_sent', 'queued', 'sent', 'rejected']);
    expect(rejected.events.at(-1)).toMatchObject({ cause: 'supplier_answer', actor: 'supplier', detail: { errorCode: 'ALREADY_INSURED' } });

    const resent = await api(h, 'POST', `/api/messages/${id}/resend`, undefined, 202);
    expect(resent.version).toBe(2);
    expect(resent.events).toContainEqual(expect.objectContaining({ version: 2, from: 'rejected', to: 'not_sent', cause: 'resend' }));
    // The person is still insured elsewhere (the simulator has no way to un-insure): rejected again.
    const again = await eventually(() => getMessage(h, id), (m) => m.version === 2 && m.status === 'rejected', 30_000);
    expect(again.errorCode).toBe('ALREADY_INSURED');
    expect(again.events.map((e) => [e.version, e.from, e.to])).toEqual([
      [1, null, 'not_sent'], [1, 'not_sent', 'queued'], [1, 'queued', 'sent'], [1, 'sent', 'rejected'],
      [2, 'rejected', 'not_sent'], [2, 'not_sent', 'queued'], [2, 'queued', 'sent'], [2, 'sent', 'rejected'],
    ]);
    expect(again.events[4]).toMatchObject({ cause: 'resend', actor: expect.stringMatching(/^user:/) });

    const atInsurer = (await simRecords(world.sim)).filter((r) => r.messageId === id).sort((a, b) => a.version - b.version);
    expect(atInsurer.map((r) => [r.idempotencyKey, r.status, r.errorCode])).toEqual([
      [`${id}:1`, 'rejected', 'ALREADY_INSURED'], [`${id}:2`, 'rejected', 'ALREADY_INSURED'],
    ]);
  });

  it('a delivery that timed out after the insurer recorded it is retried with the same key: one record, processed', async () => {
    // Recorded and accepted at once, but the answer is held 3 s: our 2 s timeout fires first.
    const fault = await world.sim.app.inject({ method: 'POST', url: '/admin/faults', payload: { mode: 'timeout', count: 1, delayMs: 3000 } });
    expect(fault.statusCode).toBe(201);

    const { id } = await enroll(RETRIED);
    const done = await eventually(() => getMessage(h, id), (m) => m.status === 'processed', 60_000);
    expect((await world.sim.app.inject({ method: 'GET', url: '/admin/faults' })).json()).toEqual({ fault: null });

    const atInsurer = (await simRecords(world.sim)).filter((r) => r.messageId === id);
    expect(atInsurer).toHaveLength(1);
    expect(atInsurer[0]).toMatchObject({ idempotencyKey: `${id}:1`, status: 'processed' });
    expect(done.supplierReference).toBe(atInsurer[0].reference);
    // Queued once; `sent` came from the retry, which the insurer answered 200 (a repeated key), not 202.
    expect(done.events.map((e) => e.to)).toEqual(['not_sent', 'queued', 'sent', 'processed']);
    expect(done.events[2]).toMatchObject({ cause: 'delivered', detail: { httpStatus: 200 } });
  }, 90_000);

  it('the supplier callback route: 401 for a wrong token, 404 for an unknown key, 202 and no change for a repeat', async () => {
    const url = `/api/supplier-callbacks/${world.supplierId}`;
    const [id] = bulkIds;
    const before = await getMessage(h, id);
    expect(before.status).toBe('processed');
    const body = { idempotencyKey: `${id}:1`, reference: before.supplierReference, status: 'processed', receiptDate: before.receiptDate };
    const post = (authorization: string | undefined, payload: object) =>
      h.app.inject({ method: 'POST', url, headers: authorization ? { authorization } : {}, payload });
    const withToken = `Bearer ${world.sim.callbackToken}`;

    expect((await post('Bearer not-the-token', body)).statusCode).toBe(401);
    expect((await post(undefined, body)).statusCode).toBe(401);
    // A user's API token is not the supplier's callback token.
    expect((await post(h.auth.authorization, body)).statusCode).toBe(401);

    expect((await post(withToken, { ...body, idempotencyKey: `${randomUUID()}:1` })).statusCode).toBe(404);
    expect((await post(withToken, { ...body, idempotencyKey: `${id}:2` })).statusCode).toBe(404);

    // The same answer again, and a contradicting one for the same version: both accepted, neither changes anything.
    expect((await post(withToken, body)).statusCode).toBe(202);
    const contradicting = { ...body, status: 'rejected', errorCode: 'START_TOO_OLD', errorText: 'late second thoughts' };
    const repeated = await post(withToken, contradicting);
    expect(repeated.statusCode).toBe(202);
    expect(repeated.json()).toEqual({ accepted: true });
    await new Promise((r) => setTimeout(r, 500));
    const after = await getMessage(h, id);
    expect(after).toEqual(before);
    expect(after).toMatchObject({ status: 'processed', errorCode: null, errorText: null });
  });
});
