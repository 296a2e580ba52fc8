/**
 * The accidentCase workflow on the time-skipping test server with its real activities,
 * PostgreSQL and an SMTP server: the declaration term of an accident late on a Friday and of a
 * first-aid entry that worsened, reminders and escalation at their instants (as tasks and
 * mails), the sick note ending, a missing allowance payment, and closing once settled.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { WorkflowHandle} from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { and, asc, eq } from 'drizzle-orm';
import { createActivities } from '../../activities';
import type { Db } from '../../db/client';
import { accidentDocuments, accidentEvents, accidents, taskAnswers, tasks } from '../../db/schema';
import { accidentReference } from '../../domain/accidents/case';
import { workflowClients } from '../../infra/workflow-clients';
import { findTestServer } from '../../infra/temporal-dev-server';
import type { accidentCase } from '../../workflows/accident-case';
import type {
  AccidentEventKind} from '../../workflows/shared';
import { accidentChanged, accidentWorkflowId, closeAccident, completeAccidentTask, declareAccident, getAccidentProgress, recordAccidentEvent,
} from '../../workflows/shared';
import type { AccidentWorld} from '../support/accident-fixture';
import { DETAILS, VICTIM, addDays, brussels, createAccidentWorld, insertAccident, localDate, BRUSSELS, nextFridayAt } from '../support/accident-fixture';
import { TEST_SECRETS, sharedBundle, testDb, testFiles } from '../support/harness';
import { eventually } from '../support/message-fixture';
import type { TestSmtp} from '../support/smtp';
import { startSmtp } from '../support/smtp';
import { DAY_MS } from '../../domain/shared/calendar';
import { TEST_DATA_CONVERTER, TEST_OUTBOUND } from '../support/outbound';

const MIN = 60_000;

let env: TestWorkflowEnvironment;
let worker: Worker;
let workerRun: Promise<void>;
let db: Db;
let smtp: TestSmtp;
const taskQueue = `accident-${randomUUID()}`;

beforeAll(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: findTestServer()! } }, client: { dataConverter: TEST_DATA_CONVERTER } });
  db = testDb();
  smtp = await startSmtp();
  worker = await Worker.create({
    connection: env.nativeConnection, taskQueue, workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER,
    activities: createActivities({
      db, files: await testFiles(), secrets: TEST_SECRETS, ...workflowClients(env.client, taskQueue), outbound: TEST_OUTBOUND, publicUrl: 'http://mutaflow.test',
      mail: { smtpUrl: smtp.url, from: 'mutaflow@test.invalid' },
    }),
  });
  workerRun = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await env?.teardown();
  await smtp?.stop();
  await db?.$client.end();
});

const started: WorkflowHandle[] = [];
async function start(accidentId: string): Promise<WorkflowHandle<typeof accidentCase>> {
  const handle = await env.client.workflow.start<typeof accidentCase>('accidentCase', { taskQueue, workflowId: accidentWorkflowId(accidentId), args: [{ accidentId }] });
  started.push(handle);
  return handle;
}

// A failed test must not leave its case running into the next one's time.
afterEach(async () => {
  for (const handle of started.splice(0)) await handle.terminate('test done').catch(() => undefined);
});

const events = (accidentId: string) => db.select().from(accidentEvents).where(eq(accidentEvents.accidentId, accidentId)).orderBy(asc(accidentEvents.at));
const stepEvents = async (accidentId: string) => (await events(accidentId)).map((e) => (e.detail as { step?: string }).step).filter(Boolean);
const caseTasks = (accidentId: string) => db.select().from(tasks).where(eq(tasks.accidentId, accidentId)).orderBy(asc(tasks.createdAt));
const row = async (accidentId: string) => (await db.select().from(accidents).where(eq(accidents.id, accidentId)))[0];
const sleepUntil = async (instant: number) => env.sleep(Math.max(0, instant - (await env.currentTimeMs())));

/** Records an event as the API does: stored first, then applied by the case through an Update. */
async function event(handle: WorkflowHandle, accidentId: string, kind: AccidentEventKind, detail: Record<string, unknown>) {
  const [e] = await db.insert(accidentEvents).values({ accidentId, kind, by: 'user:test', detail, applied: false }).returning();
  await handle.executeUpdate(recordAccidentEvent, { args: [{ eventId: e.id, kind }] });
}

describe('accidentCase', () => {
  let world: AccidentWorld;
  beforeEach(async () => {
    world = await createAccidentWorld(db, { notifyEmails: [`hr-${randomUUID().slice(0, 6)}@employer.test`] });
  });

  it('an accident at 23:30 on a Friday: reminders on day 3 and 6 and the escalation after day 8, each at its instant, as tasks and mails; a late declaration', async () => {
    const occurredAt = nextFridayAt(await env.currentTimeMs(), 23, 30);
    const friday = localDate(occurredAt, BRUSSELS);
    const accidentId = await insertAccident(db, world, { occurredAt: new Date(occurredAt), incapacityFrom: addDays(friday, 1) });
    const handle = await start(accidentId);
    const opened = await eventually(() => row(accidentId), (a) => Boolean(a.deadlineDate));
    expect(opened.deadlineDate).toBe(addDays(friday, 8));
    expect(opened.deadlineAt!.getTime()).toBe(brussels(addDays(friday, 9), 0));
    const [declareTask] = await caseTasks(accidentId);
    expect(declareTask).toMatchObject({ kind: 'declare_accident', status: 'open', dueAt: opened.deadlineAt });
    const progress = await handle.query(getAccidentProgress);
    expect(progress).toMatchObject({ status: 'open', deadlineDate: addDays(friday, 8), nextStep: { kind: 'declaration_reminder', key: '3' } });

    const day3 = brussels(addDays(friday, 3), 9);
    await sleepUntil(day3 - MIN);
    expect(await stepEvents(accidentId)).toEqual([]);
    await env.sleep(2 * MIN);
    await eventually(() => stepEvents(accidentId), (s) => s.length === 1);
    const [reminder] = (await events(accidentId)).filter((e) => e.kind === 'declaration_reminder');
    expect(reminder.detail).toMatchObject({ step: 'declaration_reminder:3', dueAt: new Date(day3).toISOString() });
    expect((await caseTasks(accidentId))[0].remindedAt).not.toBeNull();
    const mail = await eventually(async () => smtp.messages.filter((m) => m.raw.includes(accidentReference(opened.number))), (m) => m.length === 1);
    const body = mail[0].raw.replace(/=\r?\n/g, ''); // quoted-printable soft line breaks
    expect(body).toContain(`by ${addDays(friday, 8)}`);
    expect(body).toContain(`http://mutaflow.test/api/accidents/${accidentId}`);
    for (const secret of [VICTIM.lastName, VICTIM.firstName, DETAILS.injuries[0].nature, '85073003328']) expect(body).not.toContain(secret);

    await sleepUntil(brussels(addDays(friday, 6), 9) + MIN);
    await eventually(() => stepEvents(accidentId), (s) => s.length === 2);
    await sleepUntil(opened.deadlineAt!.getTime() - MIN);
    expect(await stepEvents(accidentId)).toEqual(['declaration_reminder:3', 'declaration_reminder:6']);
    await env.sleep(2 * MIN);
    await eventually(() => stepEvents(accidentId), (s) => s.length === 3);
    expect((await caseTasks(accidentId))[0].escalatedAt).not.toBeNull();
    await eventually(async () => smtp.messages.filter((m) => m.raw.includes(`Overdue: work accident ${accidentReference(opened.number)}`)), (m) => m.length === 1);

    const declared = await handle.executeUpdate(declareAccident, { args: [{ by: 'user:hr', via: 'download', lang: 'nl' }] });
    expect(declared).toMatchObject({ via: 'download', delivered: false });
    const after = await row(accidentId);
    expect(after).toMatchObject({ status: 'declared', declaredVia: 'download', declarationDocumentId: declared.documentId });
    expect((await caseTasks(accidentId))[0]).toMatchObject({ status: 'completed', completedBy: 'user:hr' });
    expect((await events(accidentId)).find((e) => e.kind === 'declared')?.detail).toMatchObject({ late: true, via: 'download' });
    const [doc] = await db.select().from(accidentDocuments).where(eq(accidentDocuments.id, declared.documentId));
    expect(doc).toMatchObject({ kind: 'declaration', mediaType: 'application/pdf' });
    await expect(handle.executeUpdate(declareAccident, { args: [{ by: 'user:other', via: 'download', lang: 'nl' }] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
  });

  it('a first-aid entry that worsens: the term runs from the day the employer learned of it', async () => {
    const now = await env.currentTimeMs();
    const occurredAt = now - 20 * DAY_MS;
    const learnedAt = now + 2 * 3_600_000;
    const accidentId = await insertAccident(db, world, { occurredAt: new Date(occurredAt), learnedAt: new Date(learnedAt) });
    await start(accidentId);
    const learnedDay = localDate(learnedAt, BRUSSELS);
    const a = await eventually(() => row(accidentId), (r) => Boolean(r.deadlineDate));
    expect(a.deadlineDate).toBe(addDays(learnedDay, 8));
    // Had the term run from the accident, day 3 would be long past and its reminder sent at once.
    await env.sleep(MIN);
    expect(await stepEvents(accidentId)).toEqual([]);
    await sleepUntil(brussels(addDays(learnedDay, 3), 9) + MIN);
    await eventually(() => stepEvents(accidentId), (s) => s.length === 1);
    expect((await events(accidentId)).find((e) => e.kind === 'declaration_reminder')?.detail).toMatchObject({ dueAt: new Date(brussels(addDays(learnedDay, 3), 9)).toISOString() });
  });

  it('follow-up: a sick note ending, a missing allowance, the return to work, and closing only once settled', async () => {
    const now = await env.currentTimeMs();
    const occurredAt = now - 2 * 3_600_000;
    const day = localDate(occurredAt, BRUSSELS);
    const accidentId = await insertAccident(db, world, { occurredAt: new Date(occurredAt), incapacityFrom: day });
    const handle = await start(accidentId);
    await eventually(() => row(accidentId), (r) => Boolean(r.deadlineDate));
    await handle.executeUpdate(declareAccident, { args: [{ by: 'user:hr', via: 'download', lang: 'fr' }] });
    await event(handle, accidentId, 'claim_number', { claimNumber: 'CLM-2026-77' });
    expect((await row(accidentId)).claimNumber).toBe('CLM-2026-77');

    // A sick note to day + 10: reminded 3 days before its last day, at 09:00 (before any allowance is due).
    const noteEnd = addDays(day, 10);
    const [note] = await db.insert(accidentDocuments).values({
      accidentId, kind: 'sick_note', mediaType: 'application/pdf', size: 1, fileNameSealed: TEST_SECRETS.seal('note.pdf'), validUntil: noteEnd, uploadedBy: 'user:hr',
    }).returning();
    await handle.signal(accidentChanged);
    const remindAt = brussels(addDays(noteEnd, -3), 9);
    await eventually(() => handle.query(getAccidentProgress), (p) => p.nextStep?.kind === 'sick_note_ending');
    await sleepUntil(remindAt - MIN);
    expect((await caseTasks(accidentId)).filter((t) => t.kind === 'accident_sick_note_ending')).toEqual([]);
    await env.sleep(2 * MIN);
    const [noteTask] = await eventually(async () => (await caseTasks(accidentId)).filter((t) => t.kind === 'accident_sick_note_ending'), (t) => t.length === 1);
    expect(noteTask.subject).toMatchObject({ documentId: note.id });

    // The allowance for the accident's month is due on the 15th of the next month at 09:00.
    const period = day.slice(0, 7);
    const next = period.endsWith('-12') ? `${Number(period.slice(0, 4)) + 1}-01` : `${period.slice(0, 5)}${String(Number(period.slice(5)) + 1).padStart(2, '0')}`;
    const due = brussels(`${next}-15`, 9);
    await sleepUntil(due - MIN);
    expect((await caseTasks(accidentId)).filter((t) => t.kind === 'accident_payment_check')).toEqual([]);
    await env.sleep(2 * MIN);
    const [payTask] = await eventually(async () => (await caseTasks(accidentId)).filter((t) => t.kind === 'accident_payment_check'), (t) => t.length === 1);
    expect(payTask.subject).toMatchObject({ period });
    const reference = accidentReference((await row(accidentId)).number);
    await eventually(async () => smtp.messages.filter((m) => m.raw.includes(`Allowance missing for ${period}: work accident ${reference}`)), (m) => m.length === 1);

    // Not settled yet: work has not resumed, two tasks open.
    await expect(handle.executeUpdate(closeAccident, { args: [{ by: 'user:hr' }] })).rejects.toThrow(WorkflowUpdateFailedError);
    // The payment arrives: its check closes by itself, and the amount stays out of the history.
    await event(handle, accidentId, 'payment_received', { period, receivedOn: `${next}-16`, amountCents: 123456 });
    expect((await db.select().from(tasks).where(eq(tasks.id, payTask.id)))[0].status).toBe('completed');
    expect(JSON.stringify(await events(accidentId))).not.toContain('123456');
    // Back at work before the sick note ends: its reminder task closes by itself.
    const resumed = localDate(await env.currentTimeMs(), BRUSSELS);
    await event(handle, accidentId, 'work_resumed', { date: resumed });
    expect((await db.select().from(tasks).where(eq(tasks.id, noteTask.id)))[0].status).toBe('completed');

    // Back on the 15th of the next month: that month's first half is off too, and unpaid.
    expect((await handle.query(getAccidentProgress)).closeBlockers).toEqual([`no allowance payment recorded for ${next}`]);
    await expect(handle.executeUpdate(closeAccident, { args: [{ by: 'user:hr' }] })).rejects.toThrow(WorkflowUpdateFailedError);
    await event(handle, accidentId, 'payment_received', { period: next, receivedOn: resumed });
    expect(await handle.executeUpdate(closeAccident, { args: [{ by: 'user:hr' }] })).toEqual({ status: 'closed' });
    expect(await handle.result()).toEqual({ status: 'closed' });
    expect((await row(accidentId)).status).toBe('closed');
    const history = await handle.fetchHistory();
    const text = historyToJSON(history);
    for (const secret of [VICTIM.lastName, VICTIM.firstName, DETAILS.description, '85073003328', '123456']) expect(text).not.toContain(secret);
    if (process.env.RECORD_HISTORIES) await writeFile(join(__dirname, '..', 'histories', 'accident-case-closed.json'), text);
  });

  it('a payment check answered from the inbox settles that month', async () => {
    const now = await env.currentTimeMs();
    const occurredAt = now - 3_600_000;
    const day = localDate(occurredAt, BRUSSELS);
    const accidentId = await insertAccident(db, world, { occurredAt: new Date(occurredAt), incapacityFrom: day });
    const handle = await start(accidentId);
    await eventually(() => row(accidentId), (r) => Boolean(r.deadlineDate));
    await handle.executeUpdate(declareAccident, { args: [{ by: 'user:hr', via: 'download', lang: 'en' }] });
    await env.sleep(50 * DAY_MS);
    const [payTask] = await eventually(async () => (await caseTasks(accidentId)).filter((t) => t.kind === 'accident_payment_check'), (t) => t.length >= 1);
    const [answer] = await db.insert(taskAnswers).values({ taskId: payTask.id, result: { acknowledged: true }, by: 'user:hr' }).returning();
    await handle.executeUpdate(completeAccidentTask, { args: [{ taskId: payTask.id, answerId: answer.id, by: 'user:hr' }] });
    // The same task again: one winner.
    await expect(handle.executeUpdate(completeAccidentTask, { args: [{ taskId: payTask.id, answerId: answer.id, by: 'user:other' }] })).rejects.toThrow(WorkflowUpdateFailedError);
    const settled = (await events(accidentId)).filter((e) => e.kind === 'payment_settled');
    expect(settled.map((e) => (e.detail as { step: string }).step)).toEqual([`payment_settled:${(payTask.subject as { period: string }).period}`]);
    expect(await db.select().from(tasks).where(and(eq(tasks.id, payTask.id), eq(tasks.status, 'completed')))).toHaveLength(1);
  });
});
