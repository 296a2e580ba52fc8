/**
 * The monthlyCycle workflow on the time-skipping test server with its real activities and
 * PostgreSQL: the whole cycle, the late-payroll reminder and escalation, task reminders and
 * escalation at the right instants, and one winner when two complete the same task.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { and, eq } from 'drizzle-orm';
import type { WorkflowHandle} from '@temporalio/client';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Db } from '../../db/client';
import { createEnrollmentMessages, createMessage, importActor } from '../../db/queries/messages';
import { benefitTypes, cycles, enrollments, messages, persons, taskAnswers, tasks } from '../../db/schema';
import { DAY_MS, workingDaysBefore } from '../../domain/shared/calendar';
import type { monthlyCycle } from '../../workflows/monthly-cycle';
import type { TaskResult} from '../../workflows/shared';
import { completeTask, cycleWorkflowId, getCycleProgress, payrollImported } from '../../workflows/shared';
import { sharedBundle } from '../support/harness';
import type { Simulator, World} from '../support/message-fixture';
import { PERSON_NAMES, completedImport, createPerson, createWorld, eventually } from '../support/message-fixture';
import { TEST_DATA_CONVERTER } from '../support/outbound';

import { useCycleWorkflowEnv } from '../support/cycle-workflow-env';
let env: TestWorkflowEnvironment, db: Db, sim: Simulator;
const taskQueue = `cycle-${randomUUID()}`;
useCycleWorkflowEnv(taskQueue, { codec: true }, (setup) => ({ env, db, sim } = setup));

let periodSeq = 0;
/** A fresh employer with one enrollment awaiting confirmation and one person lacking a street. */
async function setUp(withImport: boolean) {
  const world: World = await createWorld(db, sim);
  const period = `2031-${String(++periodSeq).padStart(2, '0')}`;
  const importId = randomUUID();
  if (withImport) await completedImport(db, world.employerId, period, importId);
  const { personId } = await createPerson(db, world);
  const { personId: noStreet } = await createPerson(db, world, { street: null });
  const made = await db.transaction(async (tx) => {
    const [e] = await tx.insert(enrollments).values({ personId, planId: world.planId, startDate: '2031-01-01', source: 'onboarding' }).returning();
    const [e2] = await tx.insert(enrollments).values({ personId: noStreet, planId: world.planId, startDate: '2031-01-01', source: 'manual' }).returning();
    // As the period's payroll import creates them (an import still to come cannot be referred to yet).
    const madeBy = withImport ? importId : null;
    const confirmed = await createEnrollmentMessages(tx, [e.id], 'enrollment', importActor(importId), '2031-01-01', () => true, madeBy);
    const incomplete = await createEnrollmentMessages(tx, [e2.id], 'enrollment', importActor(importId), '2031-01-01', () => false, madeBy);
    return { confirm: confirmed[0], incomplete: incomplete[0] };
  });
  return { world, period, importId, personId, noStreet, ...made };
}


const start = (employerId: string, period: string): Promise<WorkflowHandle<typeof monthlyCycle>> =>
  env.client.workflow.start<typeof monthlyCycle>('monthlyCycle', {
    workflowId: cycleWorkflowId(employerId, period), taskQueue, args: [{ employerId, period, startedBy: 'user:test' }],
  });

/** What the API does before the Update: store the answer, hand the workflow its id. */
const answer = async (taskId: string, result: TaskResult, by: string) => {
  const [a] = await db.insert(taskAnswers).values({ taskId, result, by }).returning({ id: taskAnswers.id });
  return { taskId, answerId: a.id, by };
};

const cycleTasks = (cycleId: string) => db.select().from(tasks).where(eq(tasks.cycleId, cycleId));

describe('monthlyCycle (time-skipping)', () => {
  it('runs a whole cycle: tasks for what needs confirming or completing, then closes with a summary', async () => {
    const s = await setUp(true);
    expect(s.confirm).toMatchObject({ status: 'incomplete', missingFields: ['confirmation'] });
    const handle = await start(s.world.employerId, s.period);
    const progress = await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'tasks');
    expect(progress).toMatchObject({ importId: s.importId, openTasks: 2, counts: { confirm_enrollment: 1, complete_data: 1 } });
    const list = await cycleTasks(progress.cycleId!);
    const confirm = list.find((t) => t.kind === 'confirm_enrollment')!;
    const data = list.find((t) => t.kind === 'complete_data')!;
    expect(data.subject).toMatchObject({ personId: s.noStreet, field: 'street' });

    const eventsBefore = (await handle.fetchHistory()).events!.length;
    await handle.executeUpdate(completeTask, { args: [await answer(confirm.id, { confirm: true, startDate: '2031-01-02' }, 'user:hr')] });
    expect((await handle.query(getCycleProgress)).openTasks).toBe(1);
    // A completion costs the history one workflow task, the update's two events and a marker, no
    // activity (the first completion also records the patch: a marker and its search attribute).
    // Thousands of tasks a month stay far below the server's limit on events.
    const completion = (await handle.fetchHistory()).events!.slice(eventsBefore);
    expect(completion.length).toBeLessThanOrEqual(8);
    expect(completion.filter((e) => e.activityTaskScheduledEventAttributes)).toEqual([]);
    await handle.executeUpdate(completeTask, { args: [await answer(data.id, { value: 'Kerkstraat' }, 'user:hr')] });
    const done = await handle.result();

    // Answers stay in the database: the history holds ids, never the completed value; it replays.
    const history = await handle.fetchHistory();
    const json = JSON.stringify(history);
    expect(json).not.toContain('Kerkstraat');
    for (const name of PERSON_NAMES) expect(json).not.toContain(name);
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, history, handle.workflowId);
    // A new cycle waits for its update handlers before it ends; the histories recorded before
    // that (test/histories, replayed in recorded-histories.test.ts) hold no such patch and still replay.
    const patches = history.events!.filter((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch')
      .map((e) => (JSON.parse(Buffer.from(e.markerRecordedEventAttributes!.details!['patch-data'].payloads![0].data!).toString()) as { id: string }).id);
    expect(patches).toContain('close-after-handlers');
    if (process.env.RECORD_HISTORIES === '1') {
      await writeFile(join(__dirname, '..', 'histories', 'monthly-cycle-closed.json'), historyToJSON(history));
    }
    expect(done).toMatchObject({ stage: 'closed', openTasks: 0 });

    const [m] = await db.select().from(messages).where(eq(messages.id, s.confirm.id));
    expect(m).toMatchObject({ needsConfirmation: false, factDate: '2031-01-02' });
    const [p] = await db.select().from(persons).where(eq(persons.id, s.noStreet));
    expect((p.data as Record<string, string>).street).toBe('Kerkstraat');
    const [c] = await db.select().from(cycles).where(eq(cycles.id, progress.cycleId!));
    expect(c).toMatchObject({ status: 'closed', stage: 'closed' });
    // Both tasks done: nothing lacks anything any more, though neither message's workflow has run yet.
    expect(done.counts).toMatchObject({ incomplete_messages: 0, suppliers_incomplete: 0, messages: 2 });
    expect((c.summary as { completeness: unknown }).completeness).toEqual({});
    expect((await cycleTasks(c.id)).map((t) => [t.kind, t.status, t.completedBy]).sort()).toEqual([
      ['complete_data', 'completed', 'user:hr'], ['confirm_enrollment', 'completed', 'user:hr'],
    ]);
  });

  it('reviews benefit eligibility in the cycle: a review task per type for HR, the overview recorded; ids only in the history', async () => {
    const s = await setUp(true);
    const [type] = await db.insert(benefitTypes).values({
      employerId: s.world.employerId, name: 'Fuel card', fields: [{ key: 'card', label: 'Card', type: 'text', required: false }], updatedBy: 'test',
    }).returning();
    const handle = await start(s.world.employerId, s.period);
    const progress = await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'tasks');
    // Both persons are in service: both newly qualify on the type's first review.
    expect(progress.counts).toMatchObject({ eligibilityChanges: 2 });
    const [review] = await db.select().from(tasks).where(and(eq(tasks.employerId, s.world.employerId), eq(tasks.kind, 'review_eligibility')));
    expect(review).toMatchObject({ status: 'open', cycleId: null, subject: { benefitTypeId: type.id, period: s.period, newlyEligible: 2, noLongerEligible: 0 } });
    // The review task does not hold the cycle: only its own tasks do.
    expect(progress.openTasks).toBe(2);
    for (const t of await cycleTasks(progress.cycleId!)) {
      await handle.executeUpdate(completeTask, { args: [await answer(t.id, t.kind === 'complete_data' ? { value: 'Kerkstraat' } : { confirm: true }, 'user:hr')] });
    }
    const done = await handle.result();
    // No address configured for the overview: nothing sent, the cycle closes.
    expect(done).toMatchObject({ stage: 'closed', counts: { eligibilityChanges: 2, eligibilityReport: 0 } });
    const history = await handle.fetchHistory();
    const json = JSON.stringify(history);
    for (const name of PERSON_NAMES) expect(json).not.toContain(name);
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, history, handle.workflowId);
    if (process.env.RECORD_HISTORIES === '1') {
      await writeFile(join(__dirname, '..', 'histories', 'monthly-cycle-benefit-eligibility.json'), historyToJSON(history));
    }
  });

  it('reminds when the payroll is late, escalates after the deadline, and goes on when it arrives', async () => {
    const s = await setUp(false);
    const handle = await start(s.world.employerId, s.period);
    const started = await env.currentTimeMs();
    await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'waiting_for_import');
    const events = async () => {
      const [c] = await db.select().from(cycles).where(eq(cycles.employerId, s.world.employerId));
      return ((c.summary as { events?: { kind: string; at: string }[] }).events ?? []);
    };
    await env.sleep(2 * DAY_MS - 60_000);
    expect(await events()).toEqual([]);
    await env.sleep(120_000);
    const [reminder] = await eventually(events, (e) => e.length === 1);
    expect(reminder.kind).toBe('import_late_reminder');
    expect(Math.abs(Date.parse(reminder.at) - (started + 2 * DAY_MS))).toBeLessThan(5 * 60_000);
    await env.sleep(3 * DAY_MS);
    const all = await eventually(events, (e) => e.length === 2);
    expect(all[1].kind).toBe('import_late_escalation');
    expect(Math.abs(Date.parse(all[1].at) - (started + 5 * DAY_MS))).toBeLessThan(5 * 60_000);

    await completedImport(db, s.world.employerId, s.period, s.importId);
    await handle.signal(payrollImported, { importId: s.importId });
    await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'tasks');
    await handle.terminate('test done');
  });

  it('reminds 3 working days before the due date and escalates after it', async () => {
    const s = await setUp(true);
    const handle = await start(s.world.employerId, s.period);
    const progress = await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'tasks');
    const [t] = await cycleTasks(progress.cycleId!);
    const due = t.dueAt.getTime();
    const remindAt = workingDaysBefore(due, 3);
    expect(t.remindAt!.getTime()).toBe(remindAt);
    const read = async () => (await cycleTasks(progress.cycleId!)).find((x) => x.id === t.id)!;

    await env.sleep(remindAt - (await env.currentTimeMs()) - 60_000);
    expect((await read()).remindedAt).toBeNull();
    await env.sleep(120_000);
    const reminded = await eventually(read, (x) => x.remindedAt !== null);
    expect(Math.abs(reminded.remindedAt!.getTime() - remindAt)).toBeLessThan(5 * 60_000);
    expect(reminded.escalatedAt).toBeNull();

    await env.sleep(due - (await env.currentTimeMs()) + 60_000);
    const escalated = await eventually(read, (x) => x.escalatedAt !== null);
    expect(Math.abs(escalated.escalatedAt!.getTime() - due)).toBeLessThan(5 * 60_000);
    await handle.terminate('test done');
  });

  it('a change the supplier wants confirmed waits for a confirm_change task; declined, it is cancelled', async () => {
    const world: World = await createWorld(db, sim);
    const period = `2031-${String(++periodSeq).padStart(2, '0')}`;
    const importId = randomUUID();
    await completedImport(db, world.employerId, period, importId);
    const { personId } = await createPerson(db, world);
    const change = await db.transaction(async (tx) => {
      await tx.insert(enrollments).values({ personId, planId: world.planId, startDate: '2031-01-01' });
      return createMessage(tx, { employerId: world.employerId, supplierId: world.supplierId, personId, enrollmentId: null, kind: 'change', factDate: '2031-01-01', changedFields: ['street'], needsConfirmation: true }, 'system:test', '2031-01-01');
    });
    const handle = await start(world.employerId, period);
    const progress = await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'tasks');
    const [task] = await cycleTasks(progress.cycleId!);
    expect(task).toMatchObject({ kind: 'confirm_change', subject: expect.objectContaining({ messageId: change!.id }) });
    await handle.executeUpdate(completeTask, { args: [await answer(task.id, { confirm: false, reason: 'not for this insurer' }, 'user:hr')] });
    expect(await handle.result()).toMatchObject({ stage: 'closed' });
    const [m] = await db.select().from(messages).where(eq(messages.id, change!.id));
    expect(m).toMatchObject({ status: 'cancelled', cancelReason: 'not for this insurer' });
  });

  it('continues as new in its tasks stage when the history grows long, carrying ids and counts; the next run takes the remaining tasks and closes', async () => {
    const s = await setUp(true);
    const handle = await env.client.workflow.start<typeof monthlyCycle>('monthlyCycle', {
      workflowId: cycleWorkflowId(s.world.employerId, s.period), taskQueue,
      args: [{ employerId: s.world.employerId, period: s.period, startedBy: 'user:test', historyLimit: 1 }],
    });
    const progress = await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'tasks');
    const list = await cycleTasks(progress.cycleId!);
    const confirm = list.find((t) => t.kind === 'confirm_enrollment')!;
    const data = list.find((t) => t.kind === 'complete_data')!;
    // Not before a task is completed in the run: a run that starts long does not loop.
    expect((await handle.describe()).runId).toBe(handle.firstExecutionRunId);

    await handle.executeUpdate(completeTask, { args: [await answer(confirm.id, { confirm: true }, 'user:hr')] });
    await eventually(() => handle.describe(), (d) => d.runId !== handle.firstExecutionRunId);
    expect(await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'tasks')).toMatchObject({
      cycleId: progress.cycleId, importId: s.importId, openTasks: 1, counts: { confirm_enrollment: 1, complete_data: 1 },
    });
    // The one left is open in the new run; the completed one is refused there too.
    await expect(handle.executeUpdate(completeTask, { args: [await answer(confirm.id, { confirm: true }, 'user:hr')] })).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    await handle.executeUpdate(completeTask, { args: [await answer(data.id, { value: 'Kerkstraat' }, 'user:hr')] });
    expect(await handle.result()).toMatchObject({ stage: 'closed', openTasks: 0, counts: { confirm_enrollment: 1, complete_data: 1, messages: 2 } });

    const first = await env.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).fetchHistory();
    const carried = first.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes;
    expect(carried).toBeTruthy();
    const last = await handle.fetchHistory();
    for (const history of [first, last]) {
      const json = JSON.stringify(history);
      expect(json).not.toContain('Kerkstraat');
      for (const name of PERSON_NAMES) expect(json).not.toContain(name);
      await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, history, handle.workflowId);
    }
    const [c] = await db.select().from(cycles).where(eq(cycles.id, progress.cycleId!));
    expect(c).toMatchObject({ status: 'closed', workflowId: handle.workflowId });
  });

  it('two users completing the same task: exactly one wins', async () => {
    const s = await setUp(true);
    const handle = await start(s.world.employerId, s.period);
    const progress = await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'tasks');
    const confirm = (await cycleTasks(progress.cycleId!)).find((t) => t.kind === 'confirm_enrollment')!;
    const attempt = async (by: string) => handle.executeUpdate(completeTask, { args: [await answer(confirm.id, { confirm: true }, by)] });
    const results = await Promise.allSettled([attempt('user:a'), attempt('user:b')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(WorkflowUpdateFailedError);
    const [after] = (await cycleTasks(progress.cycleId!)).filter((t) => t.id === confirm.id);
    expect(['user:a', 'user:b']).toContain(after.completedBy);
    await handle.terminate('test done');
  });
});
