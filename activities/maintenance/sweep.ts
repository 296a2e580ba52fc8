import type { Db } from '../../db/client';
import { addWorkingDays, dayStartMs, utcDate } from '../../domain/shared/calendar';
import type { MessageWorkflows } from '../../infra/workflow-clients/messages';
import { resumeMessages } from '../../infra/workflow-clients/messages';

export interface SweepDeps {
  db: Db;
  messageWorkflows: MessageWorkflows;
}

/** What one sweep did: counts only. */
export interface SweepResult {
  /** Unsent messages whose workflow was missing and is started now. */
  resumed: number;
  /** Sent messages past their supplier's answer window that got a task for HR now. */
  overdue: number;
}

/** HR has this many working days to look into a message the supplier did not answer. */
const OVERDUE_TASK_WORKING_DAYS = 2;

/**
 * The periodic sweep (a Temporal Schedule runs it): what should be running and is not, and
 * what should have ended and did not. `employerIds` narrows it (tests share a database).
 */
export function createSweepActivities({ db, messageWorkflows }: SweepDeps) {
  /**
   * A message committed whose workflow start was lost (a crash or Temporal away between the
   * commit and the start) gets its workflow; one a running cycle holds is left to the cycle.
   */
  async function resumeLostMessages(opts: { employerIds?: string[] } = {}): Promise<number> {
    return (await resumeMessages(db, messageWorkflows, opts)).started;
  }

  /**
   * A sent message without the supplier's answer after its answer window: one task for HR per
   * version (`answer_overdue`), which closes by itself when the answer comes.
   */
  async function flagOverdueAnswers(opts: { employerIds?: string[]; now?: number } = {}): Promise<number> {
    const now = opts.now ?? Date.now();
    const due = new Date(dayStartMs(addWorkingDays(utcDate(now), OVERDUE_TASK_WORKING_DAYS)) + 86_399_000);
    const created = await db.$client.query<{ id: string }>(
      `insert into tasks (employer_id, kind, subject, assignee, due_at)
       select m.employer_id, 'answer_overdue',
              jsonb_build_object('messageId', m.id, 'version', m.version, 'personId', m.person_id, 'supplierId', m.supplier_id, 'enrollmentId', m.enrollment_id),
              'hr', $1
       from messages m
       where m.status in ('queued', 'sent') and m.answer_due_at < $2
         and ($3::uuid[] is null or m.employer_id = any($3::uuid[]))
         and not exists (select 1 from tasks t where t.kind = 'answer_overdue'
                         and t.subject->>'messageId' = m.id::text and (t.subject->>'version')::int = m.version)
       returning id`,
      [due, new Date(now), opts.employerIds ?? null]);
    return created.rowCount ?? 0;
  }

  async function sweep(opts: { employerIds?: string[] } = {}): Promise<SweepResult> {
    return { resumed: await resumeLostMessages(opts), overdue: await flagOverdueAnswers(opts) };
  }

  return { sweep };
}
