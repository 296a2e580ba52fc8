import { and, arrayContains, eq, or, sql } from 'drizzle-orm';
import { employerSchedules, employers, roles, tasks, users } from '../../db/schema';
import { type NoticeLanguage, type TaskNoticeKind, taskNotice } from '../../domain/cycle/task-notice';
import { utcDate } from '../../domain/shared/calendar';
import { DeliveryError, sendNotice } from '../../infra/delivery';
import { activityLog as log } from '../shared/activity-context';
import type { ActivityDeps } from '../deps';

/** Who reads an escalation in which language, when the contact is an address and not a user: the employer's country's. */
const COUNTRY_LANGUAGE: Record<string, NoticeLanguage> = { NL: 'nl', BE: 'nl' };

/**
 * The e-mails of a cycle's task reminders and escalations. The cycle marks tasks reminded or
 * escalated at the workflow's own time `at`; this reads the tasks marked at exactly that time, so
 * a retried call sends the same notices again, under the same Message-ID (which the recipient's
 * mail system recognises as the same message) — none is lost, none differs.
 */
export function createTaskNotices({ db, mail, publicUrl, outbound }: Pick<ActivityDeps, 'db' | 'mail' | 'publicUrl' | 'outbound'>) {
  /** A task's assignee is a role (everyone holding it for that employer) or one user's e-mail address. */
  async function recipientsOf(employerId: string, assignee: string): Promise<{ email: string; language: NoticeLanguage }[]> {
    return db.select({ email: users.email, language: users.language }).from(users).innerJoin(roles, eq(roles.name, users.role))
      .where(and(eq(users.disabled, false), or(
        eq(users.email, assignee.toLowerCase()),
        and(eq(users.role, assignee), or(eq(roles.allEmployers, true), arrayContains(users.employerIds, [employerId]))),
      )));
  }

  async function send(to: string[], kind: TaskNoticeKind, lang: NoticeLanguage, task: { id: string; kind: string; dueAt: Date }, employerName: string) {
    const notice = taskNotice(kind, lang, { kind: task.kind, employerName, dueDate: utcDate(task.dueAt), link: `${publicUrl}/#/tasks/${task.id}` });
    try {
      await sendNotice({ to, ...notice, idempotencyKey: `task-${task.id}:${kind}:${lang}` }, { smtpUrl: mail!.smtpUrl, mailFrom: mail!.from, outbound });
      return 1;
    } catch (err) {
      // A full mailbox or a server that is down: the activity retries. An address refused for good: the task still shows it.
      if (err instanceof DeliveryError && err.retryable) throw err;
      log('task notice not sent', { taskId: task.id, kind, code: err instanceof DeliveryError ? err.code : 'error' });
      return 0;
    }
  }

  return async function sendTaskNotices(cycleId: string, at: Date): Promise<{ sent: number; skipped?: string }> {
    const due = await db.select({
      id: tasks.id, kind: tasks.kind, employerId: tasks.employerId, assignee: tasks.assignee, dueAt: tasks.dueAt,
      reminded: sql<boolean>`${tasks.remindedAt} = ${at}`, escalated: sql<boolean>`${tasks.escalatedAt} = ${at}`,
      employerName: employers.name, country: employers.country, escalationEmail: employerSchedules.escalationEmail,
    }).from(tasks).innerJoin(employers, eq(employers.id, tasks.employerId)).leftJoin(employerSchedules, eq(employerSchedules.employerId, tasks.employerId))
      .where(and(eq(tasks.cycleId, cycleId), eq(tasks.status, 'open'), or(eq(tasks.remindedAt, at), eq(tasks.escalatedAt, at))));
    if (!due.length) return { sent: 0 };
    if (!mail?.smtpUrl) {
      log('task notices not sent: no SMTP server configured', { cycleId, tasks: due.length });
      return { sent: 0, skipped: 'no SMTP server' };
    }
    let sent = 0;
    for (const task of due) {
      if (task.reminded) {
        const byLanguage = new Map<NoticeLanguage, string[]>();
        for (const r of await recipientsOf(task.employerId, task.assignee)) byLanguage.set(r.language, [...(byLanguage.get(r.language) ?? []), r.email]);
        for (const [lang, to] of byLanguage) sent += await send(to, 'reminder', lang, task, task.employerName);
      }
      if (task.escalated && task.escalationEmail) {
        sent += await send([task.escalationEmail], 'escalation', COUNTRY_LANGUAGE[task.country] ?? 'en', task, task.employerName);
      }
    }
    return { sent };
  };
}
