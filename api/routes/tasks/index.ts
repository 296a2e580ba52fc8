import { and, asc, eq, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import { TASK_KINDS, TASK_STATUSES, cycles, taskAnswers, tasks } from '../../../db/schema';
import type { CompleteTaskInput, TaskResult } from '../../../workflows/shared';
import { ApiError, notFound } from '../../errors';
import { authorizeTask, checkResult, taskResult } from './task-answers';
import { answeredAlready } from '../../../domain/cycle/task-answer';
import { sendJsonPage } from '../../json-page';
import { exactInstant, isoInstant, rowJson } from '../../../db/queries/row-json';
import { mayUse } from '../../plugins/auth';
import { HEALTH_TASK_KINDS } from '../../../domain/accidents/health-facts';
import { employerScopeFilter, employerScopeFilters } from '../../scope';
import { given, listByShape, slot } from '../../../db/queries/list-by-shape';
import { cursorParam, decodeCursor, pageOf } from '../../keyset-cursor';
import { actorOf, workflowActorOf } from '../../actor';
import { permissionsToAct } from '../../../domain/cycle/task-actors';
import { taskActors } from '../../../db/queries/task-actors';

const taskView = z.object({
  id: z.uuid(), cycleId: z.uuid().nullable(), accidentId: z.uuid().nullable(), employerId: z.uuid(), kind: z.enum(TASK_KINDS), status: z.enum(TASK_STATUSES),
  subject: z.record(z.string(), z.unknown()).describe('ids and field names: what the task is about'),
  assignee: z.string(), dueAt: z.string(), remindAt: z.string().nullable(), remindedAt: z.string().nullable(), escalatedAt: z.string().nullable(),
  result: z.unknown().nullable(), completedBy: z.string().nullable(), completedAt: z.string().nullable(),
  comments: z.array(z.object({ by: z.string(), at: z.string(), text: z.string() })), createdAt: z.string(),
});

const iso = (d: Date | null) => d?.toISOString() ?? null;
const view = (t: typeof tasks.$inferSelect) => ({
  id: t.id, cycleId: t.cycleId, accidentId: t.accidentId, employerId: t.employerId, kind: t.kind, status: t.status, subject: t.subject as Record<string, unknown>,
  assignee: t.assignee, dueAt: t.dueAt.toISOString(), remindAt: iso(t.remindAt), remindedAt: iso(t.remindedAt), escalatedAt: iso(t.escalatedAt),
  result: t.result ?? null, completedBy: t.completedBy, completedAt: iso(t.completedAt), comments: t.comments, createdAt: t.createdAt.toISOString(),
});

/** `view` as PostgreSQL writes it, for the list (a test holds the list to the task's own GET). */
const taskJson = rowJson({
  id: tasks.id, cycleId: tasks.cycleId, accidentId: tasks.accidentId, employerId: tasks.employerId, kind: tasks.kind, status: tasks.status, subject: tasks.subject,
  assignee: tasks.assignee, dueAt: isoInstant(tasks.dueAt), remindAt: isoInstant(tasks.remindAt), remindedAt: isoInstant(tasks.remindedAt), escalatedAt: isoInstant(tasks.escalatedAt),
  result: tasks.result, completedBy: tasks.completedBy, completedAt: isoInstant(tasks.completedAt), comments: tasks.comments, createdAt: isoInstant(tasks.createdAt),
});

const completeBody = z.object({ result: taskResult });

/** The tasks lists' filters (db/queries/list-by-shape.ts). */
const taskFilters = {
  ...employerScopeFilters(tasks.employerId),
  // What a list may not show the caller (see `authorizeTask`): accident tasks, and of those the health ones.
  noAccidents: isNull(tasks.accidentId),
  noHealth: notInArray(tasks.kind, [...HEALTH_TASK_KINDS] as (typeof TASK_KINDS)[number][]),
  // Assigned to the caller: to their role, or (a user) to their e-mail address.
  mineAsUser: or(eq(tasks.assignee, slot('role')), sql`lower(${tasks.assignee}) = ${slot('email')}`)!,
  mineAsToken: eq(tasks.assignee, slot('role')),
  status: eq(tasks.status, slot('status')), kind: eq(tasks.kind, slot('kind')), assignee: eq(tasks.assignee, slot('assignee')),
  cycleId: eq(tasks.cycleId, slot('cycleId')), accidentId: eq(tasks.accidentId, slot('accidentId')),
  cursor: sql`(${tasks.dueAt}, ${tasks.id}) > (${slot('cursorAt')}::timestamptz, ${slot('cursorId')}::uuid)`,
};
type TaskFilter = keyof typeof taskFilters;

const hiddenKinds = (request: FastifyRequest): TaskFilter[] => [
  ...(mayUse(request, 'accidents.view') ? [] : ['noAccidents' as const]),
  ...(mayUse(request, 'accidents.health') ? [] : ['noHealth' as const]),
];

const assignedToCaller = (request: FastifyRequest): { on: TaskFilter; values: Record<string, string> } => {
  const p = request.principal!;
  return p.kind === 'user' ? { on: 'mineAsUser', values: { role: p.role, email: p.name.toLowerCase() } } : { on: 'mineAsToken', values: { role: p.role } };
};

const taskRoutes: FastifyPluginAsyncZod = async (app) => {
  const load = async (id: string) => {
    const [t] = await app.db.select().from(tasks).where(eq(tasks.id, id));
    if (!t) throw notFound('task');
    return t;
  };
  const authorized = async (request: FastifyRequest, id: string, acting = false) => authorizeTask(request, await load(id), acting);
  const listTasks = listByShape('tasks.list', taskFilters, (where) => app.db.select({ id: tasks.id, cursorAt: exactInstant(tasks.dueAt), json: taskJson })
    .from(tasks).where(where).orderBy(asc(tasks.dueAt), asc(tasks.id)).limit(slot('limit')));
  const countOpenTasks = listByShape('tasks.open-count', taskFilters, (where) => app.db
    .select({ open: sql<number>`count(*)::int`, escalated: sql<number>`count(${tasks.escalatedAt})::int` }).from(tasks).where(and(eq(tasks.status, 'open'), where)));

  app.get('/api/tasks/open-count', {
    config: { permission: 'tasks.view' },
    schema: {
      tags: ['tasks'], summary: 'How many open tasks wait for the caller (assigned to their role or to them), and how many of those are escalated',
      response: { 200: z.object({ open: z.number().int(), escalated: z.number().int() }) },
    },
  }, async (request) => {
    const scope = employerScopeFilter(request);
    const mine = assignedToCaller(request);
    const [row] = await countOpenTasks([...scope.on, ...hiddenKinds(request), mine.on], { ...scope.values, ...mine.values });
    return row;
  });

  app.get('/api/tasks', {
    config: { permission: 'tasks.view' },
    schema: {
      tags: ['tasks'], summary: 'Tasks, by due date',
      querystring: z.object({
        status: z.enum(TASK_STATUSES).optional(), kind: z.enum(TASK_KINDS).optional(), assignee: z.string().max(200).optional(),
        employerId: z.uuid().optional(), cycleId: z.uuid().optional(), accidentId: z.uuid().optional(),
        mine: z.enum(['true', 'false']).optional().describe('true: only the tasks assigned to the caller (their role or themselves)'), cursor: cursorParam, limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ items: z.array(taskView), nextCursor: z.string().nullable() }) },
    },
  }, async (request, reply) => {
    const { status, kind, assignee, employerId, cycleId, accidentId, mine, cursor, limit } = request.query;
    const scope = employerScopeFilter(request, employerId);
    const values: Record<string, unknown> = { ...scope.values, status, kind, assignee, cycleId, accidentId, limit: limit + 1 };
    const on: TaskFilter[] = [...scope.on, ...hiddenKinds(request), ...given({ status, kind, assignee, cycleId, accidentId })];
    if (mine === 'true') {
      const caller = assignedToCaller(request);
      on.push(caller.on);
      Object.assign(values, caller.values);
    }
    if (cursor) {
      [values.cursorAt, values.cursorId] = decodeCursor(cursor, ['instant', 'uuid']);
      on.push('cursor');
    }
    const rows = await listTasks(on, values);
    const page = pageOf(rows, limit, (t) => [t.cursorAt, t.id]);
    return sendJsonPage(reply, page.items.map((t) => t.json), page.nextCursor);
  });

  app.get('/api/tasks/:id', {
    config: { permission: 'tasks.view' },
    schema: { tags: ['tasks'], summary: 'A task', params: z.object({ id: z.uuid() }), response: { 200: taskView } },
  }, async (request) => view(await authorized(request, request.params.id)));

  app.post('/api/tasks/:id/complete', {
    config: { permission: 'tasks.complete' },
    schema: {
      tags: ['tasks'], summary: 'Complete a task (once: a second user gets 409; the same answer twice is harmless)',
      params: z.object({ id: z.uuid() }), body: completeBody, response: { 200: taskView },
    },
  }, async (request) => {
    const by = actorOf(request);
    const t = await authorized(request, request.params.id, true);
    const result = request.body.result as TaskResult;
    if (t.kind === 'declare_accident') throw new ApiError(409, 'declare_instead', `this task is completed by declaring the accident: POST /api/accidents/${t.accidentId}/declare`);
    if (t.kind === 'upload_comparison_file') {
      const { definitionId, period } = t.subject as { definitionId: string; period: string };
      throw new ApiError(409, 'upload_instead', `this task is completed by uploading the file: PUT /api/comparison-definitions/${definitionId}/periods/${period}/file`);
    }
    checkResult(request, t.kind, t.subject as Record<string, unknown>, result);
    if (t.status !== 'open') {
      if (answeredAlready(t, by, result)) return view(t);
      throw new ApiError(409, 'task_closed', `the task is ${t.status} already${t.completedBy ? ` (by ${t.completedBy})` : ''}`);
    }
    if (t.kind === 'answer_overdue' || t.kind === 'review_eligibility') {
      // No workflow waits on it: HR acknowledges that it looked into the missing answer (the message keeps polling),
      // or into who newly qualifies for a benefit and who no longer does (the records are HR's to give or end).
      const [row] = await app.db.update(tasks).set({ status: 'completed', result, completedBy: by, completedAt: new Date() })
        .where(and(eq(tasks.id, t.id), eq(tasks.status, 'open'))).returning();
      if (!row) throw new ApiError(409, 'task_closed', 'the task was closed meanwhile');
      return view(row);
    }
    let complete: (input: CompleteTaskInput) => Promise<unknown>;
    if (t.accidentId) complete = (input) => app.accidentWorkflows.completeTask(t.accidentId!, input);
    else if (t.cycleId) {
      const [{ workflowId }] = await app.db.select({ workflowId: cycles.workflowId }).from(cycles).where(eq(cycles.id, t.cycleId));
      complete = (input) => app.cycleWorkflows.completeTask(workflowId, input);
    } else throw new ApiError(409, 'no_cycle', 'the task belongs to no running cycle');
    try {
      // The answer is stored first; the workflow gets its id only (a completed BSN must not enter its history).
      const [answer] = await app.db.insert(taskAnswers).values({ taskId: t.id, result, by }).returning({ id: taskAnswers.id });
      await complete({ taskId: t.id, answerId: answer.id, by: workflowActorOf(request) });
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) {
        const now = await load(t.id);
        if (now.status !== 'open' && now.completedBy === by) return view(now);
        throw new ApiError(409, 'task_closed', now.status === 'open' ? 'the task is being completed by someone else' : `the task is ${now.status} already (by ${now.completedBy})`);
      }
      throw err;
    }
    return view(await load(t.id));
  });

  app.get('/api/tasks/:id/assignees', {
    config: { permission: 'tasks.complete' },
    schema: {
      tags: ['tasks'], summary: 'Who the task may be given to: the roles and the employer\'s users holding what acting on it needs',
      params: z.object({ id: z.uuid() }),
      response: { 200: z.object({ roles: z.array(z.string()), users: z.array(z.object({ email: z.string(), name: z.string(), role: z.string() })) }) },
    },
  }, async (request) => {
    const t = await authorized(request, request.params.id, true);
    return taskActors(app.db, t.employerId, permissionsToAct(t));
  });

  app.post('/api/tasks/:id/reassign', {
    config: { permission: 'tasks.complete' },
    schema: { tags: ['tasks'], summary: 'Give an open task to a role or user who may do it (GET …/assignees lists them)', params: z.object({ id: z.uuid() }), body: z.object({ assignee: z.string().trim().min(1).max(200), comment: z.string().trim().max(2000).optional() }), response: { 200: taskView } },
  }, async (request) => {
    const t = await authorized(request, request.params.id, true);
    if (t.status !== 'open') throw new ApiError(409, 'task_closed', `the task is ${t.status}`);
    // Only to someone who can act on it (and whom its reminders reach): a role holding what it needs, or such a user of the employer.
    const actors = await taskActors(app.db, t.employerId, permissionsToAct(t));
    const to = request.body.assignee;
    const known = actors.roles.includes(to) || actors.users.some((u) => u.email === to.toLowerCase());
    if (!known) throw new ApiError(400, 'assignee_unknown', 'body.assignee: not a role or a user of this employer who may do this task');
    const comments = request.body.comment ? [...t.comments, { by: actorOf(request), at: new Date().toISOString(), text: request.body.comment }] : t.comments;
    const [row] = await app.db.update(tasks).set({ assignee: actors.roles.includes(to) ? to : to.toLowerCase(), comments }).where(eq(tasks.id, t.id)).returning();
    return view(row);
  });

  app.post('/api/tasks/:id/comments', {
    config: { permission: 'tasks.complete' },
    schema: { tags: ['tasks'], summary: 'Comment on a task', params: z.object({ id: z.uuid() }), body: z.object({ text: z.string().trim().min(1).max(2000) }), response: { 200: taskView } },
  }, async (request) => {
    await authorized(request, request.params.id, true);
    const comment = { by: actorOf(request), at: new Date().toISOString(), text: request.body.text };
    const [row] = await app.db.update(tasks).set({ comments: sql`${tasks.comments} || ${JSON.stringify([comment])}::jsonb` }).where(eq(tasks.id, request.params.id)).returning();
    if (!row) throw notFound('task');
    return view(row);
  });
};

export default taskRoutes;

