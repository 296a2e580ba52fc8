/**
 * What the task routes share: how each kind of task is answered (the body's shape and its
 * checks), and who may see and act on a task. One home for both the single and the bulk completion.
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { checkNationalId } from '../../../domain/shared/identifiers';
import { CORRECTION_RESOLUTIONS } from '../../../domain/payroll/corrections';
import { HEALTH_TASK_KINDS } from '../../../domain/accidents/health-facts';
import type { TASK_KINDS, tasks } from '../../../db/schema';
import type { Permission } from '../../../domain/access/permissions';
import type { TaskResult } from '../../../workflows/shared';
import { ApiError } from '../../errors';
import { authorizeEmployer, deny, mayUse, requirePermission } from '../../plugins/auth';

const date = z.iso.date();
export const taskResult = z.union([
  z.object({ confirm: z.literal(true), startDate: date.optional(), endDate: date.optional() }),
  z.object({ confirm: z.literal(false), reason: z.string().trim().min(3).max(500) }),
  z.object({ value: z.string().trim().min(1).max(200) }),
  z.object({ acknowledged: z.literal(true), reason: z.string().trim().min(3).max(500).optional().describe('required for a review_finding task') }),
  z.object({ resolution: z.enum(CORRECTION_RESOLUTIONS) }).describe('resolve_correction: keep ours, take the payroll\'s, or the payroll will be fixed'),
]);

/**
 * How each kind of task is answered, and the permission answering it needs beyond acting on
 * tasks: acknowledging a blocking finding lets the person's data go out.
 */
interface AnswerShape { key: 'confirm' | 'value' | 'acknowledged' | 'resolution'; says: string; permission?: Permission }
const CONFIRMATION: AnswerShape = { key: 'confirm', says: '{ confirm: true } or { confirm: false, reason }' };
const ANSWER_SHAPE: Partial<Record<(typeof TASK_KINDS)[number], AnswerShape>> = {
  complete_data: { key: 'value', says: '{ value }' },
  complete_effective_date: { key: 'value', says: '{ value: yyyy-mm-dd }' },
  review_finding: { key: 'acknowledged', says: '{ acknowledged: true }', permission: 'findings.acknowledge' },
  review_missing: { key: 'acknowledged', says: '{ acknowledged: true }' },
  review_bordereau: { key: 'acknowledged', says: '{ acknowledged: true }' },
  review_comparison: { key: 'acknowledged', says: '{ acknowledged: true }' },
  review_eligibility: { key: 'acknowledged', says: '{ acknowledged: true }' },
  accident_payment_check: { key: 'acknowledged', says: '{ acknowledged: true }' },
  accident_sick_note_ending: { key: 'acknowledged', says: '{ acknowledged: true }' },
  answer_overdue: { key: 'acknowledged', says: '{ acknowledged: true }' },
  resolve_correction: { key: 'resolution', says: '{ resolution: keep_ours | take_payroll | payroll_will_be_fixed }' },
};

/**
 * The answer must fit the task: confirm/decline for confirmations, a value for data, a resolution
 * for a correction; and the caller hold the permission its kind needs (ANSWER_SHAPE). `at` names
 * the answer in the body (`body.result`, `body.items[2].result`).
 */
export function checkResult(request: FastifyRequest, kind: (typeof TASK_KINDS)[number], subject: Record<string, unknown>, result: TaskResult, at = 'body.result') {
  const shape = ANSWER_SHAPE[kind] ?? CONFIRMATION;
  if (!(shape.key in result)) throw new ApiError(400, 'validation', `${at}: a ${kind} task is answered with ${shape.says}`);
  if (kind === 'review_finding' && !('reason' in result && result.reason)) throw new ApiError(400, 'validation', `${at}.reason: a finding is acknowledged with a reason`);
  if ('value' in result) {
    if (subject.field === 'nationalId') {
      const id = checkNationalId(result.value);
      if (!id.ok) throw new ApiError(400, 'validation', `${at}.value: ${id.reason}`);
    }
    const wantsDate = kind === 'complete_effective_date' || /Date$/.test(String(subject.field));
    if (wantsDate && !date.safeParse(result.value).success) throw new ApiError(400, 'validation', `${at}.value: a date yyyy-mm-dd`);
  }
  if (shape.permission) requirePermission(request, shape.permission);
}

/**
 * The task's employer must be granted, and the task be one the caller may see: an accident's
 * task needs accidents.view (acting on it accidents.manage), one that tells a health fact
 * accidents.health — else it does not exist for them (404, audited as a denial; `what` names
 * it as for a task that does not exist). The audit record names the person the task is about.
 */
export function authorizeTask(request: FastifyRequest, t: typeof tasks.$inferSelect, acting = false, what = 'task'): typeof tasks.$inferSelect {
  const personId = (t.subject as { personId?: unknown }).personId;
  authorizeEmployer(request, t.employerId, { personId: typeof personId === 'string' ? personId : null }, what);
  const hidden = (t.accidentId && !mayUse(request, 'accidents.view')) || (HEALTH_TASK_KINDS.has(t.kind) && !mayUse(request, 'accidents.health'));
  if (hidden) deny(request, { reason: 'task beyond the caller\'s view' }, `${what} not found`, { status: 404, code: 'not_found' });
  if (acting && t.accidentId) requirePermission(request, 'accidents.manage');
  return t;
}
