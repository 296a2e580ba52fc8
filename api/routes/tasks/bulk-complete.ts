import { randomUUID } from 'node:crypto';
import { ApplicationFailure, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TASK_STATUSES, cycles, taskAnswers, tasks } from '../../../db/schema';
import { ANSWER_OUTCOMES, answerOutcome } from '../../../domain/cycle/task-answer';
import { COMPLETE_TASKS_MAX, TASK_NOT_OPEN, type TaskResult } from '../../../workflows/shared';
import { actorOf, workflowActorOf } from '../../actor';
import { ApiError, notFound } from '../../errors';
import { recordPersonsRead } from '../../plugins/audit';
import { authorizeTask, checkResult, taskResult } from './task-answers';

const MAX_ITEMS = 500;

const body = z.object({
  items: z.array(z.object({ taskId: z.uuid(), result: taskResult })).min(1).max(MAX_ITEMS),
});
const answer = z.object({
  items: z.array(z.object({
    taskId: z.uuid(),
    status: z.enum(TASK_STATUSES).describe('the task\'s status after the request'),
    outcome: z.enum(ANSWER_OUTCOMES).describe('completed: by this request; unchanged: completed before by the caller with the same answer; '
      + 'closed: closed before or meanwhile by someone else, left as it is; open: left open — the answer no longer fits, or could not be applied (the task asks again)'),
  })),
});

/**
 * `POST /api/tasks/complete`: a month's tasks answered together (HR confirming every enrollment
 * of the month in one go). Every item is checked before anything is done — a task not found, not
 * the caller's, answered in the wrong shape or completed on its own elsewhere refuses the whole
 * request, naming the item; then each open task's cycle completes its tasks in one update.
 */
const bulkCompleteRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/tasks/complete', {
    config: { permission: 'tasks.complete' },
    schema: {
      tags: ['tasks'], summary: `Complete several of the month's tasks at once (at most ${MAX_ITEMS}); each item's outcome`,
      body, response: { 200: answer },
    },
  }, async (request) => {
    const by = actorOf(request);
    const items = request.body.items as { taskId: string; result: TaskResult }[];
    const seen = new Set<string>();
    items.forEach(({ taskId }, i) => {
      if (seen.has(taskId)) throw new ApiError(400, 'validation', `body.items[${i}].taskId: the task is in the list twice`);
      seen.add(taskId);
    });
    const before = new Map((await app.db.select().from(tasks).where(inArray(tasks.id, [...seen]))).map((t) => [t.id, t]));
    items.forEach(({ taskId, result }, i) => {
      const t = before.get(taskId);
      // Not there, or not the caller's: the same answer.
      if (!t) throw notFound(`body.items[${i}].taskId: task`);
      authorizeTask(request, t, true, `body.items[${i}].taskId: task`);
      if (!t.cycleId || t.kind === 'upload_comparison_file') {
        throw new ApiError(400, 'validation', `body.items[${i}].taskId: a ${t.kind} task is completed on its own (POST /api/tasks/${t.id}/complete)`);
      }
      checkResult(request, t.kind, t.subject as Record<string, unknown>, result, `body.items[${i}].result`);
    });
    // The audit record names every person the answers are about (and the employer when there is one).
    const employerIds = new Set([...before.values()].map((t) => t.employerId));
    Object.assign(request.audit, { employerId: employerIds.size === 1 ? [...employerIds][0] : null, personId: null });
    recordPersonsRead(request, [...before.values()].flatMap((t) => {
      const personId = (t.subject as { personId?: unknown }).personId;
      return typeof personId === 'string' ? [personId] : [];
    }));

    const open = items.filter(({ taskId }) => before.get(taskId)!.status === 'open');
    if (open.length) {
      // The answers are stored first; the workflows get their ids only (a completed BSN must not enter a history).
      const answers = open.map(({ taskId, result }) => ({ id: randomUUID(), taskId, result, by }));
      await app.db.insert(taskAnswers).values(answers);
      const cycleIds = [...new Set(open.map(({ taskId }) => before.get(taskId)!.cycleId!))];
      const workflowOf = new Map((await app.db.select({ id: cycles.id, workflowId: cycles.workflowId }).from(cycles).where(inArray(cycles.id, cycleIds)))
        .map((c) => [c.id, c.workflowId]));
      for (const cycleId of cycleIds) {
        const mine = answers.filter((a) => before.get(a.taskId)!.cycleId === cycleId).map((a) => ({ taskId: a.taskId, answerId: a.id }));
        for (let at = 0; at < mine.length; at += COMPLETE_TASKS_MAX) {
          try {
            await app.cycleWorkflows.completeTasks(workflowOf.get(cycleId)!, { tasks: mine.slice(at, at + COMPLETE_TASKS_MAX), by: workflowActorOf(request) });
          } catch (err) {
            // None of them open in the cycle any more (completed meanwhile, or the cycle ended): told per item below.
            // Anything else (the update failing) is a fault, not an outcome.
            const noneOpen = err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure && err.cause.type === TASK_NOT_OPEN;
            if (!(noneOpen || err instanceof WorkflowNotFoundError)) throw err;
          }
        }
      }
    }

    const after = new Map((await app.db.select().from(tasks).where(inArray(tasks.id, [...seen]))).map((t) => [t.id, t]));
    return {
      items: items.map(({ taskId, result }) => {
        const now = after.get(taskId)!;
        return { taskId, status: now.status, outcome: answerOutcome(before.get(taskId)!, now, by, result) };
      }),
    };
  });
};

export default bulkCompleteRoutes;
