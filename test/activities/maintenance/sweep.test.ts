/**
 * The periodic sweep on the dev server: a message whose workflow start was lost gets its
 * workflow; a sent message past its supplier's answer window gets one task for HR and shows
 * overdue in the monitor; the Schedule that runs it is registered once, however often a worker starts.
 */
import { eq } from 'drizzle-orm';
import { messages, tasks } from '../../../db/schema';
import { ensureSweepSchedule } from '../../../infra/workflow-clients/sweep';
import { SWEEP_SCHEDULE_ID, getMessageState, messageWorkflowId } from '../../../workflows/shared';
import type { Harness } from '../../support/harness';
import { startHarness } from '../../support/harness';
import type { Simulator, World } from '../../support/message-fixture';
import { addDays, createPerson, createWorld, enroll, eventually, messageRow, startSimulator, today } from '../../support/message-fixture';

let h: Harness;
let sim: Simulator;
let world: World;

beforeAll(async () => {
  h = await startHarness({ listen: true });
  sim = await startSimulator();
  world = await createWorld(h.db, sim);
});
afterAll(async () => {
  await sim?.app.close();
  await h?.close();
});

const runSweep = async () => h.client.workflow.execute('maintenanceSweep', {
  taskQueue: h.taskQueue, workflowId: `sweep-test-${world.employerId}-${Date.now()}`, args: [{ employerIds: [world.employerId] }],
}) as Promise<{ resumed: number; overdue: number }>;

describe('the sweep', () => {
  it('starts the workflow of a message whose start was lost between its commit and Temporal', async () => {
    const { personId } = await createPerson(h.db, world);
    // Committed, and no workflow started: the API crashed right after its transaction.
    const m = await enroll(h.db, world, personId, addDays(today(), -3));
    await expect(h.client.workflow.getHandle(messageWorkflowId(m.id)).describe()).rejects.toThrow();
    expect(await runSweep()).toEqual({ resumed: 1, overdue: 0 });
    expect(await eventually(() => messageRow(h.db, m.id).then((r) => r.status), (s) => s === 'processed')).toBe('processed');
    // Ended normally: a later sweep starts nothing again.
    expect(await runSweep()).toEqual({ resumed: 0, overdue: 0 });
  });

  it('makes one task for HR per unanswered sent message past its answer window, shown overdue in the monitor; the answer closes it', async () => {
    const { personId } = await createPerson(h.db, world);
    const m = await enroll(h.db, world, personId, addDays(today(), -3));
    // Sent six working days ago and never answered (the supplier's callback and our polls got nothing).
    await h.db.update(messages).set({ status: 'sent', sentAt: new Date(Date.now() - 9 * 86_400_000), answerDueAt: new Date(Date.now() - 60_000) }).where(eq(messages.id, m.id));
    const { personId: otherId } = await createPerson(h.db, world);
    const inTime = await enroll(h.db, world, otherId, addDays(today(), -3));
    await h.db.update(messages).set({ status: 'sent', sentAt: new Date(), answerDueAt: new Date(Date.now() + 86_400_000) }).where(eq(messages.id, inTime.id));

    expect(await runSweep()).toEqual({ resumed: 0, overdue: 1 });
    expect(await runSweep()).toEqual({ resumed: 0, overdue: 0 });
    const open = await h.db.select().from(tasks).where(eq(tasks.employerId, world.employerId));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'answer_overdue', status: 'open', assignee: 'hr', subject: { messageId: m.id, version: 1, personId, supplierId: world.supplierId } });

    const monitor = await h.app.inject({ method: 'GET', url: `/api/messages?employerId=${world.employerId}&overdue=true`, headers: h.auth });
    expect(monitor.json().items.map((x: { id: string; overdue: boolean }) => [x.id, x.overdue])).toEqual([[m.id, true]]);
    const notOverdue = await h.app.inject({ method: 'GET', url: `/api/messages?employerId=${world.employerId}&overdue=false`, headers: h.auth });
    expect(notOverdue.json().items.map((x: { id: string }) => x.id)).toContain(inTime.id);
    expect(notOverdue.json().items.map((x: { id: string }) => x.id)).not.toContain(m.id);
    const one = await h.app.inject({ method: 'GET', url: `/api/messages/${m.id}`, headers: h.auth });
    expect(one.json()).toMatchObject({ overdue: true, answerDueAt: expect.any(String) });

    // The supplier answers after all, by callback, to the message's workflow (awaiting its answer).
    const handle = await h.client.workflow.start('insurerMessage', { taskQueue: h.taskQueue, workflowId: messageWorkflowId(m.id), args: [{ messageId: m.id, version: 1 }] });
    await eventually(() => handle.query(getMessageState), (st) => st.stage === 'awaiting_answer');
    const cb = await h.app.inject({
      method: 'POST', url: `/api/supplier-callbacks/${world.supplierId}`, headers: { authorization: `Bearer ${sim.callbackToken}` },
      payload: { idempotencyKey: `${m.id}:1`, reference: 'SIM-LATE', status: 'processed', receiptDate: today() },
    });
    expect(cb.statusCode).toBe(202);
    await handle.result();
    expect((await messageRow(h.db, m.id)).status).toBe('processed');
    const [closed] = await h.db.select().from(tasks).where(eq(tasks.id, open[0].id));
    expect(closed).toMatchObject({ status: 'completed', completedBy: 'supplier' });
  });

  it('finds an overdue answer\'s task by its message through an index, not by filtering every open task', async () => {
    const client = await h.db.$client.connect();
    try {
      await client.query('begin');
      // A table this small is read whole; the question is which index serves the lookup.
      await client.query('set local enable_seqscan = off');
      const plan = async (sql: string) => (await client.query(`explain ${sql}`, ['00000000-0000-4000-8000-000000000000'])).rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      // The close when the answer comes (activities/messages/lifecycle.ts) and the sweep's check.
      expect(await plan(`update tasks set status = 'completed' where kind = 'answer_overdue' and status = 'open' and subject->>'messageId' = $1`)).toMatch(/tasks_answer_overdue_message_idx/);
      expect(await plan(`select 1 from tasks t where t.kind = 'answer_overdue' and t.subject->>'messageId' = $1`)).toMatch(/tasks_answer_overdue_message_idx/);
    } finally {
      await client.query('rollback');
      client.release();
    }
  });

  it('HR acknowledges an overdue task through the API', async () => {
    const { personId } = await createPerson(h.db, world);
    const m = await enroll(h.db, world, personId, addDays(today(), -3));
    await h.db.update(messages).set({ status: 'sent', sentAt: new Date(Date.now() - 9 * 86_400_000), answerDueAt: new Date(Date.now() - 60_000) }).where(eq(messages.id, m.id));
    expect((await runSweep()).overdue).toBe(1);
    const [t] = await h.db.select().from(tasks).where(eq(tasks.kind, 'answer_overdue')).then((ts) => ts.filter((x) => (x.subject as { messageId: string }).messageId === m.id));
    const wrong = await h.app.inject({ method: 'POST', url: `/api/tasks/${t.id}/complete`, headers: h.auth, payload: { result: { confirm: true } } });
    expect(wrong.statusCode).toBe(400);
    const res = await h.app.inject({ method: 'POST', url: `/api/tasks/${t.id}/complete`, headers: h.auth, payload: { result: { acknowledged: true } } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'completed', result: { acknowledged: true } });
    await h.db.update(messages).set({ status: 'cancelled' }).where(eq(messages.id, m.id));
  });

  it('registers its Schedule once, however often a worker starts', async () => {
    await h.client.schedule.getHandle(SWEEP_SCHEDULE_ID).delete().catch(() => undefined);
    try {
      expect(await ensureSweepSchedule(h.client, h.taskQueue)).toBe(SWEEP_SCHEDULE_ID);
      expect(await ensureSweepSchedule(h.client, h.taskQueue)).toBe(SWEEP_SCHEDULE_ID);
      const d = await h.client.schedule.getHandle(SWEEP_SCHEDULE_ID).describe();
      expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'maintenanceSweep', taskQueue: h.taskQueue });
      expect(d.spec.intervals?.[0].every).toBe(15 * 60_000);
      expect(d.policies.overlap).toBe('SKIP');
    } finally {
      await h.client.schedule.getHandle(SWEEP_SCHEDULE_ID).delete().catch(() => undefined);
    }
  });
});
