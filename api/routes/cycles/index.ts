import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { exactInstant } from '../../../db/queries/row-json';
import { CYCLE_DEFAULTS } from '../../../domain/cycle/settings';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { cycles, employerSchedules, employers } from '../../../db/schema';
import type { CycleProgress} from '../../../workflows/shared';
import { cycleScheduleId, cycleWorkflowId } from '../../../workflows/shared';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { employerScope } from '../../scope';
import { workflowActorOf } from '../../actor';
import { cursorParam, decodeCursor, pageOf } from '../../keyset-cursor';
import { cycleWaiting } from '../../../db/queries/cycles';
import { WAITING_MESSAGE_STATUSES, messageWaitsOn } from '../../../domain/cycle/waiting';
import type { MessageStatus } from '../../../domain/messages/lifecycle';

const scheduleBody = z.object({
  dayOfMonth: z.number().int().min(1).max(28).describe('day of the month the cycle starts (1–28)'),
  hour: z.number().int().min(0).max(23).default(CYCLE_DEFAULTS.hour),
  enabled: z.boolean().default(true),
  remindAfterDays: z.number().int().min(0).max(60).default(CYCLE_DEFAULTS.remindAfterDays).describe('days without the payroll import before a reminder'),
  escalateAfterDays: z.number().int().min(0).max(90).default(CYCLE_DEFAULTS.escalateAfterDays),
  taskDueDays: z.number().int().min(1).max(60).default(CYCLE_DEFAULTS.taskDueDays).describe('tasks are due this many days after the cycle creates them'),
  remindWorkingDays: z.number().int().min(0).max(20).default(CYCLE_DEFAULTS.remindWorkingDays).describe('tasks are reminded this many working days before they are due'),
  escalationEmail: z.email().max(254).nullable().default(null).describe('the employer\'s escalation contact: e-mailed when a cycle task is overdue (reminders go to the task\'s assignee)'),
}).refine((s) => s.escalateAfterDays >= s.remindAfterDays, { message: 'must not come before the reminder', path: ['escalateAfterDays'] });

const scheduleView = z.object({
  employerId: z.uuid(), dayOfMonth: z.number().int(), hour: z.number().int(), timezone: z.literal('Europe/Amsterdam'), enabled: z.boolean(),
  remindAfterDays: z.number().int(), escalateAfterDays: z.number().int(), taskDueDays: z.number().int(), remindWorkingDays: z.number().int(), escalationEmail: z.string().nullable(), scheduleId: z.string(),
});

const cycleView = z.object({
  id: z.uuid(), employerId: z.uuid(), period: z.string(), status: z.string(), stage: z.string(), workflowId: z.string(),
  importId: z.uuid().nullable(), startedBy: z.string(), createdAt: z.string(), closedAt: z.string().nullable(),
  summary: z.record(z.string(), z.unknown()),
  progress: z.object({
    stage: z.string(), waitingFor: z.string().nullable(), importId: z.string().nullable(), openTasks: z.number().int(), counts: z.record(z.string(), z.number()),
  }).nullable().describe('live, from the running workflow'),
});

const periodParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');

const cycleRoutes: FastifyPluginAsyncZod = async (app) => {
  const employerExists = async (id: string) => {
    const [e] = await app.db.select({ id: employers.id }).from(employers).where(eq(employers.id, id));
    if (!e) throw notFound('employer');
  };
  const live = async (workflowId: string): Promise<CycleProgress | null> => app.cycleWorkflows.progress(workflowId).catch(() => null);
  const view = async (c: typeof cycles.$inferSelect) => {
    const p = c.status === 'running' ? await live(c.workflowId) : null;
    return {
      id: c.id, employerId: c.employerId, period: c.period, status: c.status, stage: p?.stage ?? c.stage, workflowId: c.workflowId,
      importId: p?.importId ?? c.importId, startedBy: c.startedBy, createdAt: c.createdAt.toISOString(), closedAt: c.closedAt?.toISOString() ?? null,
      summary: c.summary as Record<string, unknown>,
      progress: p && { stage: p.stage, waitingFor: p.waitingFor, importId: p.importId, openTasks: p.openTasks, counts: p.counts },
    };
  };

  app.get('/api/employers/:id/schedule', {
    config: { permission: 'cycles.view' },
    schema: { tags: ['cycles'], summary: 'When the employer\'s monthly cycle starts', params: z.object({ id: z.uuid() }), response: { 200: scheduleView } },
  }, async (request) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const [s] = await app.db.select().from(employerSchedules).where(eq(employerSchedules.employerId, request.params.id));
    if (!s) throw notFound('schedule');
    return { ...s, timezone: 'Europe/Amsterdam' as const, scheduleId: cycleScheduleId(s.employerId) };
  });

  app.put('/api/employers/:id/schedule', {
    config: { permission: 'cycles.manage' },
    schema: {
      tags: ['cycles'], summary: 'Set when the monthly cycle starts (a Temporal Schedule; catches up after downtime)',
      params: z.object({ id: z.uuid() }), body: scheduleBody, response: { 200: scheduleView },
    },
  }, async (request) => {
    const employerId = request.params.id;
    authorizeEmployer(request, employerId, {}, 'employer');
    await employerExists(employerId);
    const values = { ...request.body, updatedAt: new Date() };
    const [s] = await app.db.insert(employerSchedules).values({ employerId, ...values })
      .onConflictDoUpdate({ target: employerSchedules.employerId, set: values }).returning();
    const scheduleId = await app.cycleWorkflows.schedule(employerId, s);
    return { ...s, timezone: 'Europe/Amsterdam' as const, scheduleId };
  });

  app.post('/api/employers/:id/cycles/:period', {
    config: { permission: 'cycles.manage' },
    schema: {
      tags: ['cycles'], summary: 'Start the monthly cycle of a period now (on demand)',
      params: z.object({ id: z.uuid(), period: periodParam }), response: { 202: z.object({ workflowId: z.string() }) },
    },
  }, async (request, reply) => {
    const { id: employerId, period } = request.params;
    authorizeEmployer(request, employerId, {}, 'employer');
    await employerExists(employerId);
    if (await app.cycleWorkflows.start(employerId, period, workflowActorOf(request)) === 'running') {
      throw new ApiError(409, 'cycle_running', `the cycle of ${period} is running already`);
    }
    return reply.status(202).send({ workflowId: cycleWorkflowId(employerId, period) });
  });

  app.get('/api/cycles', {
    config: { permission: 'cycles.view' },
    schema: {
      tags: ['cycles'], summary: 'Cycles, newest first',
      querystring: z.object({ employerId: z.uuid().optional(), period: periodParam.optional(), cursor: cursorParam, limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ items: z.array(cycleView), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => {
    const { employerId, period, cursor, limit } = request.query;
    const conds = [employerScope(request, cycles.employerId, employerId)];
    if (period) conds.push(eq(cycles.period, period));
    if (cursor) {
      const [at, id] = decodeCursor(cursor, ['instant', 'uuid']);
      conds.push(sql`(${cycles.createdAt}, ${cycles.id}) < (${at}::timestamptz, ${id}::uuid)`);
    }
    const rows = await app.db.select({ ...getTableColumns(cycles), cursorAt: exactInstant(cycles.createdAt) }).from(cycles).where(and(...conds))
      .orderBy(desc(cycles.createdAt), desc(cycles.id)).limit(limit + 1);
    const page = pageOf(rows, limit, (c) => [c.cursorAt, c.id]);
    return { ...page, items: await Promise.all(page.items.map(view)) };
  });

  app.get('/api/cycles/:id', {
    config: { permission: 'cycles.view' },
    schema: { tags: ['cycles'], summary: 'A cycle with its live progress', params: z.object({ id: z.uuid() }), response: { 200: cycleView } },
  }, async (request) => {
    const [c] = await app.db.select().from(cycles).where(eq(cycles.id, request.params.id));
    if (!c) throw notFound('cycle');
    authorizeEmployer(request, c.employerId, {}, 'cycle');
    return view(c);
  });

  app.get('/api/cycles/:id/waiting', {
    config: { permission: 'cycles.view' },
    schema: {
      tags: ['cycles'], summary: 'What the cycle waits for, per supplier: its open tasks (kind, on whom, since when, escalated) and the employer\'s messages still waiting (status, on whom, since when)',
      params: z.object({ id: z.uuid() }),
      response: { 200: z.object({ items: z.array(z.object({
        supplierId: z.uuid().nullable(), what: z.enum(['task', 'message']), code: z.string(), assignee: z.string().nullable(),
        waitsOn: z.string().describe('a task\'s assignee, or employer | supplier | send_date | transport for a message'),
        count: z.number().int(), since: z.string(), escalated: z.number().int(), escalatedSince: z.string().nullable(),
      })) }) },
    },
  }, async (request) => {
    const [c] = await app.db.select().from(cycles).where(eq(cycles.id, request.params.id));
    if (!c) throw notFound('cycle');
    authorizeEmployer(request, c.employerId, {}, 'cycle');
    const groups = await cycleWaiting(app.db, c, WAITING_MESSAGE_STATUSES);
    return { items: groups.map((g) => ({ ...g, waitsOn: g.assignee ?? messageWaitsOn(g.code as MessageStatus) ?? '' })) };
  });
};

export default cycleRoutes;
