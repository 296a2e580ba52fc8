import { HEALTH_TASK_KINDS } from '../accidents/health-facts';
import type { Permission } from '../access/permissions';

/**
 * The permissions a user needs to act on a task (what the task routes check): every task needs
 * `tasks.complete`; an accident's task also `accidents.manage`, one telling a health fact
 * `accidents.health`, and a blocking finding's review `findings.acknowledge`. The list of users
 * a task may be reassigned to holds exactly those who hold all of them for the task's employer.
 */
export function permissionsToAct(task: { kind: string; accidentId: string | null }): Permission[] {
  return [
    'tasks.complete',
    ...(task.accidentId ? ['accidents.manage' as const] : []),
    ...(HEALTH_TASK_KINDS.has(task.kind) ? ['accidents.health' as const] : []),
    ...(task.kind === 'review_finding' ? ['findings.acknowledge' as const] : []),
  ];
}

