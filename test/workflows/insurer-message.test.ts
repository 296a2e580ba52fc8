/**
 * The insurerMessage workflow on the time-skipping test server, with its real activities,
 * real PostgreSQL, the API (for callbacks and HR actions) and the insurer simulator on loopback.
 * Time is skipped only where a test says so (env.sleep, or awaiting a workflow result).
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { newToken, seedAdminToken } from '../../api/plugins/auth';
import { createActivities } from '../../activities';
import type { Db } from '../../db/client';
import { bumpVersion, transition } from '../../db/queries/messages';
import { auditFindings, auditRuleVersions, auditRules, auditRuns, employerSuppliers, messageEvents, payrollImports, persons } from '../../db/schema';
import { addWorkingDays, employerToday, localInstant } from '../../domain/shared/calendar';
import { workflowClients } from '../../infra/workflow-clients';
import { findTestServer } from '../../infra/temporal-dev-server';
import type { insurerMessage } from '../../workflows/insurer-message';
import { getMessageState, messageWorkflowId } from '../../workflows/shared';
import { TEST_SECRETS, sharedBundle, testDb, testFiles } from '../support/harness';
import type {
  Simulator, World} from '../support/message-fixture';
import { addDays, createPerson, createWorld, enroll as enrollAsOf, eventually, messageRow, nextBsn, startSimulator,
} from '../support/message-fixture';
import { TEST_DATA_CONVERTER, TEST_OUTBOUND } from '../support/outbound';

let env: TestWorkflowEnvironment;
let worker: Worker;
let workerRun: Promise<void>;
let db: Db;
let app: FastifyInstance;
let sim: Simulator;
let auth: { authorization: string };
const taskQueue = `msg-${randomUUID()}`;
/** The workflows' calendar day for the (Dutch) test employer: the test server's clock runs ahead wherever time was skipped. */
let clock = employerToday('NL', Date.now());
const today = () => clock;
const syncClock = async () => { clock = employerToday('NL', await env.currentTimeMs()); };
const enroll = (w: World, personId: string, startDate: string) => enrollAsOf(db, w, personId, startDate, clock);
const FINAL = ['processed', 'rejected', 'send_failed', 'cancelled'];

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: findTestServer()! } }, client: { dataConverter: TEST_DATA_CONVERTER } });
  db = testDb();
  sim = await startSimulator({ today });
  app = await buildApp({ db, temporal: env.client, taskQueue, files: await testFiles(), secrets: TEST_SECRETS, publicUrl: 'http://127.0.0.1:9', maxUploadBytes: 1 << 20, outbound: TEST_OUTBOUND });
  const apiUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  (app as unknown as { publicUrl: string }).publicUrl = apiUrl;
  worker = await Worker.create({
    connection: env.nativeConnection, taskQueue, workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER,
    activities: createActivities({ db, files: await testFiles(), secrets: TEST_SECRETS, ...workflowClients(env.client, taskQueue), outbound: TEST_OUTBOUND, publicUrl: apiUrl }),
  });
  workerRun = worker.run();
  const token = newToken();
  await seedAdminToken(db, token, `msg-${randomUUID()}`);
  auth = { authorization: `Bearer ${token}` };
});

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await app?.close();
  await sim?.app.close();
  await env?.teardown();
  await db?.$client.end();
});

const start = (messageId: string, version = 1): Promise<WorkflowHandle<typeof insurerMessage>> =>
  env.client.workflow.start<typeof insurerMessage>('insurerMessage', { workflowId: messageWorkflowId(messageId), taskQueue, args: [{ messageId, version }] });

const events = async (messageId: string) =>
  (await db.select().from(messageEvents).where(eq(messageEvents.messageId, messageId)).orderBy(messageEvents.id)).map((e) => `${e.fromStatus ?? '-'}>${e.toStatus}:${e.cause}`);

const simRecords = async () => (await sim.app.inject({ method: 'GET', url: '/admin/messages' })).json().messages as { idempotencyKey: string; messageId: string; version: number }[];

const statusOf = (id: string) => messageRow(db, id).then((m) => m.status);
/** Waits in real time (no skipping) for the message to end. */
const final = (id: string) => eventually(() => statusOf(id), (s) => FINAL.includes(s));

beforeEach(async () => { await syncClock(); });

describe('insurerMessage (time-skipping)', () => {
  let world: World;
  beforeAll(async () => { world = await createWorld(db, sim); });

  it('leaves on fact date + 1 day, not before, and ends processed by the supplier\'s callback', async () => {
    const { personId } = await createPerson(db, world);
    const m = await enroll(world, personId, today());
    expect(m.sendDate).toBe(addDays(today(), 1));
    const handle = await start(m.id);
    await eventually(() => handle.query(getMessageState), (s) => s.stage === 'waiting_for_send_date');
    expect(await statusOf(m.id)).toBe('not_sent');
    const midnight = Date.parse(`${addDays(today(), 1)}T00:00:00Z`) - (await env.currentTimeMs());
    await env.sleep(midnight - 60_000);
    expect(await statusOf(m.id)).toBe('not_sent');
    await env.sleep(120_000);
    expect(await final(m.id)).toBe('processed');
    expect(await handle.result()).toMatchObject({ outcome: 'processed' });
    const row = await messageRow(db, m.id);
    expect(row).toMatchObject({ status: 'processed', supplierReference: expect.stringMatching(/^SIM-/) });
    expect(row.receiptDate).not.toBeNull();
    expect(await events(m.id)).toEqual(['->not_sent:created', 'not_sent>queued:handed_to_transport', 'queued>sent:delivered', 'sent>processed:supplier_answer']);
  });

  it('waits for the link\'s deliverFrom when that is later', async () => {
    const later = await createWorld(db, sim, { deliverFrom: addDays(today(), 10) });
    const { personId } = await createPerson(db, later);
    const m = await enroll(later, personId, addDays(today(), -5));
    expect(m.sendDate).toBe(addDays(today(), 10));
    const handle = await start(m.id);
    await env.sleep('9 days');
    expect(await statusOf(m.id)).toBe('not_sent');
    expect((await handle.query(getMessageState)).stage).toBe('waiting_for_send_date');
    await env.sleep('1 day');
    expect(await final(m.id)).toBe('processed');
  });

  it('re-checks an incomplete message daily and moves on by itself once the data is complete', async () => {
    const { personId } = await createPerson(db, world, { street: null });
    const m = await enroll(world, personId, addDays(today(), -3));
    expect(m).toMatchObject({ status: 'incomplete', missingFields: ['street'] });
    const handle = await start(m.id);
    await eventually(() => handle.query(getMessageState), (s) => s.stage === 'incomplete');
    await env.sleep('1 day');
    await eventually(() => handle.query(getMessageState), (s) => s.stage === 'incomplete');
    const history = await handle.fetchHistory();
    // prepareMessage is a local activity: one marker per run, the daily timer between them.
    const prepares = history.events!.filter((e) => e.markerRecordedEventAttributes);
    expect(prepares.length).toBeGreaterThanOrEqual(2);
    expect(history.events!.some((e) => e.timerFiredEventAttributes)).toBe(true);
    // Completed behind the workflow's back (no signal): the daily re-check finds it.
    const [p] = await db.select().from(persons).where(eq(persons.id, personId));
    await db.update(persons).set({ data: { ...(p.data as object), street: 'Lange Voorhout' } }).where(eq(persons.id, personId));
    await env.sleep('1 day');
    await eventually(() => statusOf(m.id), (s) => s === 'processed');
    expect(await events(m.id)).toContain('incomplete>not_sent:data_complete');
  });

  it('moves on at once when HR completes the data through the API', async () => {
    const { personId } = await createPerson(db, world, { postalCode: null });
    const m = await enroll(world, personId, addDays(today(), -3));
    const handle = await start(m.id);
    await eventually(() => handle.query(getMessageState), (s) => s.stage === 'incomplete');
    const res = await app.inject({ method: 'PATCH', url: `/api/persons/${personId}`, headers: auth, payload: { postalCode: '2514ED' } });
    expect(res.statusCode).toBe(200);
    await eventually(() => statusOf(m.id), (s) => s === 'processed');
  });

  it('re-sends by itself on a national id correction, and only flags an address change', async () => {
    const { personId } = await createPerson(db, world);
    const m = await enroll(world, personId, addDays(today(), -3));
    await start(m.id);
    expect(await final(m.id)).toBe('processed');

    const street = await app.inject({ method: 'PATCH', url: `/api/persons/${personId}`, headers: auth, payload: { street: 'Plein' } });
    expect(street.statusCode).toBe(200);
    expect(await messageRow(db, m.id)).toMatchObject({ version: 1, status: 'processed', changedSinceSent: ['street'] });

    const id = await app.inject({ method: 'PATCH', url: `/api/persons/${personId}`, headers: auth, payload: { nationalId: nextBsn() } });
    expect(id.statusCode).toBe(200);
    await eventually(() => messageRow(db, m.id), (r) => r.version === 2 && r.status === 'processed');
    expect((await messageRow(db, m.id)).changedSinceSent).toEqual([]);
    expect((await simRecords()).filter((r) => r.messageId === m.id).map((r) => r.idempotencyKey).sort()).toEqual([`${m.id}:1`, `${m.id}:2`]);
    expect(await events(m.id)).toContain('processed>not_sent:auto_resend');

    // Manual resend ("Opnieuw verzenden"): a third version.
    const resend = await app.inject({ method: 'POST', url: `/api/messages/${m.id}/resend`, headers: auth });
    expect(resend.statusCode).toBe(202);
    await eventually(() => messageRow(db, m.id), (r) => r.version === 3 && r.status === 'processed');
  });

  it.each([
    [119, 'processed'],
    [120, 'processed'],
    [121, 'send_failed'],
  ])('an enrollment starting %i days before it leaves ends %s', async (age, outcome) => {
    const { personId } = await createPerson(db, world);
    // fact + 1 lies in the past: the message leaves today, `age` days after the start.
    const m = await enroll(world, personId, addDays(today(), -age));
    expect(m.warnings.map((w) => w.code)).toEqual(age > 120 ? ['start_too_old'] : []);
    await start(m.id);
    expect(await final(m.id)).toBe(outcome);
    const row = await messageRow(db, m.id);
    if (outcome === 'send_failed') {
      expect(row.failure).toMatchObject({ code: 'start_too_old', suggestion: expect.stringContaining('correct the enrollment') });
      expect((await simRecords()).some((r) => r.messageId === m.id)).toBe(false);
    }
  });

  it('retries 5xx with backoff, then ends Fout bij verzenden', async () => {
    const { personId } = await createPerson(db, world);
    const m = await enroll(world, personId, addDays(today(), -3));
    await sim.app.inject({ method: 'POST', url: '/admin/faults', payload: { mode: 'http500', count: 1000 } });
    try {
      expect(await (await start(m.id)).result()).toMatchObject({ outcome: 'send_failed' });
    } finally {
      await sim.app.inject({ method: 'DELETE', url: '/admin/faults' });
    }
    expect(await messageRow(db, m.id)).toMatchObject({ status: 'send_failed', failure: { code: 'retries_exhausted' } });
  });

  it('a refusal (4xx) is not retried: Fout bij verzenden with the supplier\'s reason', async () => {
    const wrongKey = await createWorld(db, sim, { apiKey: 'not-the-key' });
    const { personId } = await createPerson(db, wrongKey);
    const m = await enroll(wrongKey, personId, addDays(today(), -3));
    await start(m.id);
    expect(await final(m.id)).toBe('send_failed');
    expect(await messageRow(db, m.id)).toMatchObject({ status: 'send_failed', failure: { code: 'UNAUTHORIZED' } });
  });

  it('a rejection keeps receipt date, error code and text', async () => {
    const unknown = await createWorld(db, sim, { register: false });
    const { personId } = await createPerson(db, unknown);
    const m = await enroll(unknown, personId, addDays(today(), -3));
    await start(m.id);
    expect(await final(m.id)).toBe('rejected');
    const row = await messageRow(db, m.id);
    expect(row).toMatchObject({ status: 'rejected', errorCode: 'COLLECTIVE_UNKNOWN' });
    expect(row.receiptDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(row.errorText).toBeTruthy();
  });

  it('a polling channel asks the supplier for the answer every pollEveryMinutes', async () => {
    const polling = await createWorld(db, sim, { answers: 'polling' });
    const { personId } = await createPerson(db, polling);
    const m = await enroll(polling, personId, addDays(today(), -3));
    const handle = await start(m.id);
    await eventually(() => handle.query(getMessageState), (s) => s.stage === 'awaiting_answer');
    // No callback comes (the message carried no callback URL); the supplier decided meanwhile.
    await new Promise((r) => setTimeout(r, 300));
    expect(await statusOf(m.id)).toBe('sent');
    await env.sleep('61 minutes');
    expect(await final(m.id)).toBe('processed');
    const answer = await db.execute<{ via: string }>(sql`select via from message_answers where message_id = ${m.id}`);
    expect(answer.rows).toEqual([{ via: 'polling' }]);
  });

  it('a poll answered 404 (the supplier lost it) re-delivers the same version under the same key, and the message ends', async () => {
    const polling = await createWorld(db, sim, { answers: 'polling' });
    const { personId } = await createPerson(db, polling);
    const m = await enroll(polling, personId, addDays(today(), -3));
    const handle = await start(m.id);
    await eventually(() => handle.query(getMessageState), (s) => s.stage === 'awaiting_answer');
    const key = `${m.id}:1`;
    expect((await sim.app.inject({ method: 'DELETE', url: `/admin/messages/${encodeURIComponent(key)}` })).statusCode).toBe(200);
    // The next poll gets 404: the same body goes again under the same key; the poll after it finds the answer.
    await env.sleep('61 minutes');
    await eventually(() => simRecords(), (rs) => rs.some((r) => r.idempotencyKey === key));
    await new Promise((r) => setTimeout(r, 300));
    await env.sleep('61 minutes');
    expect(await final(m.id)).toBe('processed');
    expect((await simRecords()).filter((r) => r.messageId === m.id).map((r) => r.idempotencyKey)).toEqual([key]);
    expect(await events(m.id)).toEqual(['->not_sent:created', 'not_sent>queued:handed_to_transport', 'queued>sent:delivered', 'sent>sent:redelivered', 'sent>processed:supplier_answer']);
    expect((await messageRow(db, m.id)).version).toBe(1);
  });

  it('a sent message is due an answer within the supplier\'s answer window: 5 working days by default, in the employer\'s time zone', async () => {
    const { personId } = await createPerson(db, world);
    const m = await enroll(world, personId, addDays(today(), -3));
    await start(m.id);
    await eventually(() => messageRow(db, m.id), (r) => r.sentAt !== null);
    const row = await messageRow(db, m.id);
    const sentDay = employerToday('NL', row.sentAt!.getTime());
    const lastDay = addWorkingDays(sentDay, 5);
    expect(row.answerDueAt!.getTime()).toBe(localInstant(addDays(lastDay, 1), 0, 0, 'Europe/Amsterdam'));
    expect([1, 2, 3, 4, 5]).toContain(new Date(`${lastDay}T12:00:00Z`).getUTCDay());
  });

  it('cancel stops an unsent message; a sent one cannot be cancelled', async () => {
    const later = await createWorld(db, sim, { deliverFrom: addDays(today(), 30) });
    const { personId } = await createPerson(db, later);
    const m = await enroll(later, personId, today());
    const handle = await start(m.id);
    await eventually(() => handle.query(getMessageState), (s) => s.stage === 'waiting_for_send_date');
    const res = await app.inject({ method: 'POST', url: `/api/messages/${m.id}/cancel`, headers: auth, payload: { reason: 'enrolled by mistake' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'enrolled by mistake' });
    expect(await handle.result()).toMatchObject({ outcome: 'cancelled' });
    const again = await app.inject({ method: 'POST', url: `/api/messages/${m.id}/cancel`, headers: auth, payload: { reason: 'twice' } });
    expect(again.statusCode).toBe(409);
    await db.delete(employerSuppliers).where(eq(employerSuppliers.employerId, later.employerId));
  });

  it('moves a message only along the lifecycle table: an unknown move throws, a wrong status is left alone', async () => {
    const w = await createWorld(db, sim);
    const { personId } = await createPerson(db, w);
    const m = await enroll(w, personId, addDays(today(), -3));
    expect(m.status).toBe('not_sent');
    const move = (cause: Parameters<typeof transition>[1]['cause'], to: Parameters<typeof transition>[1]['to']) =>
      db.transaction((tx) => transition(tx, { messageId: m.id, version: m.version, cause, to, actor: 'system:test' }));
    await expect(move('delivered', 'processed')).rejects.toThrow('the message lifecycle has no move delivered → processed');
    await expect(db.transaction((tx) => bumpVersion(tx, m.id, 'cancelled', 'system:test'))).rejects.toThrow('no move cancelled → not_sent');
    // Listed moves, but not from not_sent: nothing happens.
    expect(await move('delivered', 'sent')).toBeNull();
    expect(await db.transaction((tx) => bumpVersion(tx, m.id, 'resend', 'system:test'))).toBeNull();
    expect(await messageRow(db, m.id)).toMatchObject({ status: 'not_sent', version: 1 });
    expect(await move('cancelled', 'cancelled')).toBe('not_sent');
    expect(await messageRow(db, m.id)).toMatchObject({ status: 'cancelled', version: 1 });
  });
});

describe('a blocking audit finding holds a message already on its way (time-skipping)', () => {
  /** What an import's audit records when a blocking rule fails for the person. */
  async function blockingFinding(employerId: string, personId: string): Promise<string> {
    const [imp] = await db.insert(payrollImports).values({
      employerId, period: '2031-01', fileName: 'p.csv', fileSha256: randomUUID().replace(/-/g, ''), fileSize: 1, uploadedBy: 'test', workflowId: `test-${randomUUID()}`, status: 'completed',
    }).returning();
    const [rule] = await db.insert(auditRules).values({ employerId, name: 'Salary present', severity: 'blocking', kind: 'presence', definition: { kind: 'presence', fields: ['grossMonthlySalary'] }, updatedBy: 'test' }).returning();
    await db.insert(auditRuleVersions).values({ ruleId: rule.id, version: 1, name: rule.name, severity: 'blocking', definition: rule.definition, enabled: true, createdBy: 'test' });
    const [run] = await db.insert(auditRuns).values({ importId: imp.id, employerId, trigger: 'import', startedBy: 'test' }).returning();
    const [finding] = await db.insert(auditFindings).values({
      runId: run.id, importId: imp.id, employerId, personId, employeeNumber: 'E1', ruleId: rule.id, ruleVersion: 1,
      severity: 'blocking', kind: 'presence', field: 'grossMonthlySalary', sealedValues: TEST_SECRETS.seal({ value: null, previousValue: null }),
    }).returning();
    return finding.id;
  }

  it('does not leave at its send date while its person is held, and leaves once the finding is acknowledged', async () => {
    const w = await createWorld(db, sim);
    const { personId } = await createPerson(db, w);
    const m = await enroll(w, personId, today());
    const handle = await start(m.id);
    await eventually(() => handle.query(getMessageState), (s) => s.stage === 'waiting_for_send_date');
    // The next import raises a blocking finding on the person while the message waits for its send date.
    const findingId = await blockingFinding(w.employerId, personId);
    await env.sleep('2 days');
    await eventually(() => handle.query(getMessageState), (s) => s.stage === 'incomplete');
    expect(await statusOf(m.id)).toBe('not_sent');
    expect((await simRecords()).some((r) => r.messageId === m.id)).toBe(false);
    // Its daily look finds it still held: one event says why, not one a day.
    await env.sleep('1 day');
    expect(await statusOf(m.id)).toBe('not_sent');
    expect(await events(m.id)).toEqual(['->not_sent:created', 'not_sent>not_sent:held_by_finding']);

    const res = await app.inject({ method: 'POST', url: `/api/findings/${findingId}/acknowledge`, headers: auth, payload: { reason: 'salary confirmed by payroll' } });
    expect(res.statusCode).toBe(200);
    // Released: the running workflow is woken and the message leaves without waiting for its daily look.
    expect(await final(m.id)).toBe('processed');
    expect(await events(m.id)).toEqual(['->not_sent:created', 'not_sent>not_sent:held_by_finding', 'not_sent>queued:handed_to_transport', 'queued>sent:delivered', 'sent>processed:supplier_answer']);
  });
});
