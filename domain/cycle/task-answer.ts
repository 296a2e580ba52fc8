/**
 * What becomes of a task's answer, decided from the task before and after it: one home for the
 * single completion (the same answer twice is harmless) and the bulk one (an outcome per item).
 */

/** The parts of a task the rule reads. */
export interface AnsweredTask {
  status: string;
  completedBy: string | null;
  result: unknown;
}

/** The task is closed already with this very answer of this very actor: answering again is harmless. */
export const answeredAlready = (t: AnsweredTask, by: string, result: unknown): boolean =>
  t.status !== 'open' && t.completedBy === by && JSON.stringify(t.result) === JSON.stringify(result);

export const ANSWER_OUTCOMES = ['completed', 'unchanged', 'closed', 'open'] as const;
export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

/**
 * completed: by this answer; unchanged: the actor's same answer before; closed: closed before or
 * meanwhile by someone else (or by the actor with another answer), left as it is; open: left open.
 */
export function answerOutcome(was: AnsweredTask, now: AnsweredTask, by: string, result: unknown): AnswerOutcome {
  if (now.status === 'open') return 'open';
  if (was.status === 'open' && now.completedBy === by) return 'completed';
  return answeredAlready(was, by, result) ? 'unchanged' : 'closed';
}
