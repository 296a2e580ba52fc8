/** Schedules, cycles and tasks through the API on the dev server (Temporal Schedules need it). */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { newToken, seedAdminToken } from '../../api/plugins/auth';
import { eq, sql } from 'drizzle-orm';
import { accidents, enrollments, messages as messagesTable, tasks } from '../../db/schema';
import { cyclePeriodFor } from '../../domain/shared/calendar';
import type { monthlyCycle } from '../../workflows/monthly-cycle';
import { cycleScheduleId, cycleWorkflowId } from '../../workflows/shared';
import type { Harness} from '../support/harness';
import { TEST_SECRETS, sharedBundle, startHarness } from '../support/harness';
import { HISTORIES, exportHistory, recordHistories as record } from '../support/histories';
import { TEST_DATA_CONVERTER } from '../support/outbound';
import type { Simulator, World } from '../support/message-fixture';
import { completedImport, createPerson, createWorld, enrollmentToConfirm, eventually, startSimulator, today } from '../support/message-fixture';

describe('cycles and tasks API', () => {
  let h: Harness;
  let sim: Simulator;
  beforeAll(async () => {
    h = await startHarness({ listen: true });
    sim = await startSimulator();
  });
  afterAll(async () => {
    await sim?.app.close();
    await h?.close();
  });

  const api = (method: string, url: string, payload?: unknown, headers = h.auth) =>
    h.app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

  /** A period's payroll import in, and `n` new enrollments whose messages wait for the employer's confirmation. */
  const monthToConfirm = async (world: World, period: string, n: number) => {
    await completedImport(h.db, world.employerId, period);
    for (let i = 0; i < n; i++) await enrollmentToConfirm(h.db, (await createPerson(h.db, world)).personId, world.planId, today());
  };

  it('a schedule per employer is a Temporal Schedule; triggering it starts last month\'s cycle once', async () => {
    const world = await createWorld(h.db, sim);
    const bad = await api('PUT', `/api/employers/${world.employerId}/schedule`, { dayOfMonth: 31 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('dayOfMonth');
    const res = await api('PUT', `/api/employers/${world.employerId}/schedule`, { dayOfMonth: 5, hour: 7 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dayOfMonth: 5, hour: 7, timezone: 'Europe/Amsterdam', enabled: true });
    const schedule = h.client.schedule.getHandle(cycleScheduleId(world.employerId));
    const described = await schedule.describe();
    expect(described.spec.calendars?.[0]).toMatchObject({ dayOfMonth: [{ start: 5, end: 5, step: 1 }], hour: [{ start: 7, end: 7, step: 1 }] });
    expect((await api('PUT', `/api/employers/${world.employerId}/schedule`, { dayOfMonth: 6, hour: 7 })).statusCode).toBe(200);
    expect((await schedule.describe()).spec.calendars?.[0].dayOfMonth).toEqual([{ start: 6, end: 6, step: 1 }]);
    expect((await api('GET', `/api/employers/${world.employerId}/schedule`)).json().dayOfMonth).toBe(6);
    // The escalation contact: an address, or refused naming the field.
    const noAddress = await api('PUT', `/api/employers/${world.employerId}/schedule`, { dayOfMonth: 6, escalationEmail: 'not an address' });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.body).toContain('escalationEmail');
    expect((await api('PUT', `/api/employers/${world.employerId}/schedule`, { dayOfMonth: 6, hour: 7, escalationEmail: 'payroll-lead@employer.test' })).json().escalationEmail).toBe('payroll-lead@employer.test');

    await schedule.trigger();
    const period = cyclePeriodFor(Date.now());
    const cycle = await eventually(async () => (await api('GET', `/api/cycles?employerId=${world.employerId}`)).json().items, (items) => items.length === 1);
    expect(cycle[0]).toMatchObject({ period, workflowId: cycleWorkflowId(world.employerId, period), startedBy: 'schedule', status: 'running' });
    await eventually(async () => (await api('GET', `/api/cycles/${cycle[0].id}`)).json(), (c) => c.progress?.stage === 'waiting_for_import');
    await schedule.trigger();
    await new Promise((r) => setTimeout(r, 1000));
    expect((await api('GET', `/api/cycles?employerId=${world.employerId}`)).json().items).toHaveLength(1);
    await schedule.delete();
    await h.client.workflow.getHandle(cycleWorkflowId(world.employerId, period)).terminate('test done');
  });

  it('starts a cycle on demand, shows its progress, and completes tasks once', async () => {
    const world = await createWorld(h.db, sim);
    const period = '2032-03';
    await monthToConfirm(world, period, 1);
    const started = await api('POST', `/api/employers/${world.employerId}/cycles/${period}`);
    expect(started.statusCode).toBe(202);
    expect((await api('POST', `/api/employers/${world.employerId}/cycles/${period}`)).statusCode).toBe(409);
    expect((await api('POST', `/api/employers/${world.employerId}/cycles/2032-13`)).statusCode).toBe(400);

    const [cycle] = await eventually(async () => (await api('GET', `/api/cycles?employerId=${world.employerId}&period=${period}`)).json().items, (items) => items.length === 1);
    const progress = await eventually(async () => (await api('GET', `/api/cycles/${cycle.id}`)).json(), (c) => c.progress?.stage === 'tasks');
    expect(progress.progress).toMatchObject({ openTasks: 1, waitingFor: '1 open task(s)' });

    const tasks = (await api('GET', `/api/tasks?cycleId=${cycle.id}&status=open`)).json().items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ kind: 'confirm_enrollment', assignee: 'hr' });
    expect(JSON.stringify(tasks[0])).not.toContain('Verhoeven');

    const wrongShape = await api('POST', `/api/tasks/${tasks[0].id}/complete`, { result: { value: 'x' } });
    expect(wrongShape.statusCode).toBe(400);
    // Only to someone who may do it: a free text nobody holds, or a role without tasks.complete, is refused.
    for (const nobody of ['payroll-bureau', 'process_owner']) {
      const refused = await api('POST', `/api/tasks/${tasks[0].id}/reassign`, { assignee: nobody });
      expect([refused.statusCode, refused.json().error]).toEqual([400, 'assignee_unknown']);
    }
    const actors = (await api('GET', `/api/tasks/${tasks[0].id}/assignees`)).json();
    expect(actors.roles).toEqual(expect.arrayContaining(['admin', 'hr']));
    expect(actors.roles).not.toContain('process_owner');
    expect((await api('POST', `/api/tasks/${tasks[0].id}/reassign`, { assignee: 'admin', comment: 'please check the plan' })).json()).toMatchObject({ assignee: 'admin', comments: [{ text: 'please check the plan' }] });

    const other = newToken();
    await seedAdminToken(h.db, other, `other-${randomUUID()}`);
    const [first, second] = await Promise.all([
      api('POST', `/api/tasks/${tasks[0].id}/complete`, { result: { confirm: true } }),
      api('POST', `/api/tasks/${tasks[0].id}/complete`, { result: { confirm: true } }, { authorization: `Bearer ${other}` }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const winner = first.statusCode === 200 ? h.auth : { authorization: `Bearer ${other}` };
    // The winner sending the same answer again: harmless.
    expect((await api('POST', `/api/tasks/${tasks[0].id}/complete`, { result: { confirm: true } }, winner)).statusCode).toBe(200);

    const closed = await eventually(async () => (await api('GET', `/api/cycles/${cycle.id}`)).json(), (c) => c.status === 'closed');
    expect(closed.summary.counts).toMatchObject({ confirm_enrollment: 1 });
  });

  it('tasks completed at once while the cycle continues as new (its history long): each completed once, none refused, the cycle closes', async () => {
    const world = await createWorld(h.db, sim);
    const period = '2032-04';
    await monthToConfirm(world, period, 6);
    // As the API starts it, but continuing as new after every completion: the real server holds
    // the updates that arrive meanwhile and hands them to the next run.
    const workflowId = cycleWorkflowId(world.employerId, period);
    const handle = await h.client.workflow.start<typeof monthlyCycle>('monthlyCycle', {
      workflowId, taskQueue: h.taskQueue, args: [{ employerId: world.employerId, period, startedBy: 'user:test', historyLimit: 1 }],
    });
    const [cycle] = await eventually(async () => (await api('GET', `/api/cycles?employerId=${world.employerId}&period=${period}`)).json().items, (items) => items.length === 1);
    await eventually(async () => (await api('GET', `/api/cycles/${cycle.id}`)).json(), (c) => c.progress?.stage === 'tasks');
    const open = (await api('GET', `/api/tasks?cycleId=${cycle.id}&status=open`)).json().items as { id: string }[];
    expect(open).toHaveLength(6);

    const answers = await Promise.all(open.map((t) => api('POST', `/api/tasks/${t.id}/complete`, { result: { confirm: true } })));
    expect(answers.map((a) => a.statusCode)).toEqual(open.map(() => 200));
    const closed = await eventually(async () => (await api('GET', `/api/cycles/${cycle.id}`)).json(), (c) => c.status === 'closed');
    expect(closed.summary.counts).toMatchObject({ confirm_enrollment: 6 });
    expect((await api('GET', `/api/tasks?cycleId=${cycle.id}&status=completed`)).json().items).toHaveLength(6);
    expect((await handle.describe()).runId).not.toBe(handle.firstExecutionRunId);
  });

  it('completes a month\'s tasks at once: checked whole before anything is done, then each item\'s outcome; the cycle closes', async () => {
    const world = await createWorld(h.db, sim);
    const period = '2032-05';
    await monthToConfirm(world, period, 5);
    expect((await api('POST', `/api/employers/${world.employerId}/cycles/${period}`)).statusCode).toBe(202);
    const [cycle] = await eventually(async () => (await api('GET', `/api/cycles?employerId=${world.employerId}&period=${period}`)).json().items, (items) => items.length === 1);
    await eventually(async () => (await api('GET', `/api/cycles/${cycle.id}`)).json(), (c) => c.progress?.stage === 'tasks');
    const ids = ((await api('GET', `/api/tasks?cycleId=${cycle.id}&status=open`)).json().items as { id: string }[]).map((t) => t.id);
    expect(ids).toHaveLength(5);
    const stillOpen = async () => (await api('GET', `/api/tasks?cycleId=${cycle.id}&status=open`)).json().items.length;

    // Refused whole, naming the item; nothing done.
    const wrongShape = await api('POST', '/api/tasks/complete', { items: [{ taskId: ids[0], result: { confirm: true } }, { taskId: ids[1], result: { value: 'x' } }] });
    expect([wrongShape.statusCode, wrongShape.json().message]).toEqual([400, expect.stringContaining('body.items[1].result')]);
    const twice = await api('POST', '/api/tasks/complete', { items: [{ taskId: ids[0], result: { confirm: true } }, { taskId: ids[0], result: { confirm: true } }] });
    expect([twice.statusCode, twice.json().message]).toEqual([400, expect.stringContaining('body.items[1].taskId')]);
    const unknown = await api('POST', '/api/tasks/complete', { items: [{ taskId: ids[0], result: { confirm: true } }, { taskId: randomUUID(), result: { confirm: true } }] });
    expect([unknown.statusCode, unknown.json().message]).toEqual([404, expect.stringContaining('body.items[1].taskId')]);
    expect(await stillOpen()).toBe(5);

    // One answered before by the caller, one by someone else.
    expect((await api('POST', `/api/tasks/${ids[0]}/complete`, { result: { confirm: true } })).statusCode).toBe(200);
    const other = newToken();
    await seedAdminToken(h.db, other, `other-${randomUUID()}`);
    expect((await api('POST', `/api/tasks/${ids[4]}/complete`, { result: { confirm: true } }, { authorization: `Bearer ${other}` })).statusCode).toBe(200);

    // An accident case declared meanwhile names the enrollment about to be declined: it stays, without the link.
    const [toDecline] = await h.db.select({ personId: messagesTable.personId, enrollmentId: messagesTable.enrollmentId }).from(tasks)
      .innerJoin(messagesTable, sql`${messagesTable.id}::text = ${tasks.subject}->>'messageId'`).where(eq(tasks.id, ids[2]));
    const [accident] = await h.db.insert(accidents).values({
      employerId: world.employerId, personId: toDecline.personId, status: 'open', country: 'NL', occurredAt: new Date(), place: 'werkplaats',
      detailsSealed: TEST_SECRETS.seal({}), createdBy: 'test', enrollmentId: toDecline.enrollmentId,
    }).returning({ id: accidents.id });

    const done = await api('POST', '/api/tasks/complete', { items: [
      { taskId: ids[0], result: { confirm: true } },
      { taskId: ids[1], result: { confirm: true } },
      { taskId: ids[2], result: { confirm: false, reason: 'geen contract getekend' } },
      { taskId: ids[3], result: { confirm: true } },
      { taskId: ids[4], result: { confirm: true } },
    ] });
    expect(done.statusCode).toBe(200);
    expect(done.json().items).toEqual([
      { taskId: ids[0], status: 'completed', outcome: 'unchanged' },
      { taskId: ids[1], status: 'completed', outcome: 'completed' },
      { taskId: ids[2], status: 'declined', outcome: 'completed' },
      { taskId: ids[3], status: 'completed', outcome: 'completed' },
      { taskId: ids[4], status: 'completed', outcome: 'closed' },
    ]);
    const closed = await eventually(async () => (await api('GET', `/api/cycles/${cycle.id}`)).json(), (c) => c.status === 'closed');
    expect(closed.summary.counts).toMatchObject({ confirm_enrollment: 5 });
    // The declined enrollment's message is cancelled; the confirmed ones go out.
    const declined = (await api('GET', `/api/tasks/${ids[2]}`)).json();
    expect(declined).toMatchObject({ status: 'declined', result: { confirm: false, reason: 'geen contract getekend' } });
    const messages = (await api('GET', `/api/messages?employerId=${world.employerId}`)).json().items as { status: string }[];
    expect(messages.filter((m) => m.status === 'cancelled')).toHaveLength(1);
    expect(await h.db.select().from(enrollments).where(eq(enrollments.id, toDecline.enrollmentId!))).toEqual([]);
    expect((await h.db.select({ enrollmentId: accidents.enrollmentId }).from(accidents).where(eq(accidents.id, accident.id)))).toEqual([{ enrollmentId: null }]);
    // The update carried answer ids only, and the history replays (recorded for the replay test).
    const json = await exportHistory(cycleWorkflowId(world.employerId, period));
    expect(json).toContain('completeTasks');
    expect(json).not.toContain('geen contract');
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, JSON.parse(json), 'cycle-bulk-tasks');
    if (record) await writeFile(join(HISTORIES, 'monthly-cycle-bulk-tasks.json'), json);
  });
});
