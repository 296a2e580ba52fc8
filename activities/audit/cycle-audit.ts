/**
 * The monthly cycle's audit stage: the period's import audited (once), a `review_finding` task
 * per open blocking finding, and — once none is left — the held people's messages released.
 * A finding resolves by a corrected import (runAudit closes its task) or by acknowledging it
 * with a reason (the task's answer, applied in completeCycleTask).
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { CYCLE_DEFAULTS } from '../../domain/cycle/settings';
import { DAY_MS, workingDaysBefore } from '../../domain/shared/calendar';
import { payrollImportActor } from '../../domain/shared/actor';
import { auditFindings, cycles, employerSchedules, payrollImports, tasks } from '../../db/schema';
import { releasableMessages, unheldImportMessages } from '../../db/queries/findings';
import { activityLog as log } from '../shared/activity-context';
import { type AuditDeps, runAudit } from './run-audit';

export function createCycleAuditActivities(deps: AuditDeps) {
  const { db, messageWorkflows } = deps;

  const periodImports = async (employerId: string, period: string) => db.select({ id: payrollImports.id, status: payrollImports.status }).from(payrollImports)
    .where(and(eq(payrollImports.employerId, employerId), eq(payrollImports.period, period), inArray(payrollImports.status, ['completed', 'superseded'])))
    .orderBy(desc(payrollImports.completedAt));

  /**
   * Audits the period's current import if nothing did yet, opens a review task per open
   * blocking finding (one per finding, ever, in this cycle), closes those whose finding is
   * resolved, and answers the open ones with when the next reminder falls.
   */
  async function reviewCycleFindings({ cycleId, now }: { cycleId: string; now: number }) {
    const [cycle] = await db.select().from(cycles).where(eq(cycles.id, cycleId));
    const current = (await periodImports(cycle.employerId, cycle.period)).find((i) => i.status === 'completed');
    if (!current) return { taskIds: [] as string[], counts: {}, nextAt: null as number | null };
    const audit = await runAudit(deps, { importId: current.id, trigger: 'cycle', by: payrollImportActor(current.id) });
    return db.transaction(async (tx) => {
      await tx.execute(sql`select id from cycles where id = ${cycleId} for update`);
      const [schedule] = await tx.select().from(employerSchedules).where(eq(employerSchedules.employerId, cycle.employerId));
      const dueAt = now + (schedule?.taskDueDays ?? CYCLE_DEFAULTS.taskDueDays) * DAY_MS;
      const remindAt = workingDaysBefore(dueAt, schedule?.remindWorkingDays ?? CYCLE_DEFAULTS.remindWorkingDays);
      const open = await tx.select({ id: auditFindings.id, personId: auditFindings.personId, ruleId: auditFindings.ruleId, field: auditFindings.field })
        .from(auditFindings).where(and(eq(auditFindings.importId, current.id), eq(auditFindings.status, 'open'), eq(auditFindings.severity, 'blocking')));
      const existing = await tx.select({ id: tasks.id, status: tasks.status, findingId: sql<string>`${tasks.subject}->>'findingId'`, remindAt: tasks.remindAt, dueAt: tasks.dueAt })
        .from(tasks).where(and(eq(tasks.cycleId, cycleId), eq(tasks.kind, 'review_finding')));
      const openIds = new Set(open.map((f) => f.id));
      const known = new Set(existing.map((t) => t.findingId));
      let created = 0;
      for (const f of open) {
        if (known.has(f.id)) continue;
        const [t] = await tx.insert(tasks).values({
          cycleId, employerId: cycle.employerId, importId: current.id, kind: 'review_finding',
          subject: { key: `finding:${f.id}`, findingId: f.id, personId: f.personId, ruleId: f.ruleId, field: f.field },
          dueAt: new Date(dueAt), remindAt: new Date(remindAt),
        }).returning({ id: tasks.id, status: tasks.status, remindAt: tasks.remindAt, dueAt: tasks.dueAt });
        existing.push({ ...t, findingId: f.id });
        created++;
      }
      // A finding resolved some other way (a corrected import, acknowledged outside the cycle) closes its task.
      const stale = existing.filter((t) => t.status === 'open' && !openIds.has(t.findingId));
      if (stale.length) {
        await tx.update(tasks).set({ status: 'completed', completedBy: 'system:audit', completedAt: new Date(now), result: { resolved: true } })
          .where(inArray(tasks.id, stale.map((t) => t.id)));
      }
      const still = existing.filter((t) => t.status === 'open' && openIds.has(t.findingId));
      if (created) log('review tasks', { cycleId, created });
      const upcoming = still.flatMap((t) => [t.remindAt?.getTime() ?? Infinity, t.dueAt.getTime()]).filter((ms) => ms > now);
      return {
        taskIds: still.map((t) => t.id),
        counts: { findings_info: audit?.counts.info ?? 0, findings_warning: audit?.counts.warning ?? 0, findings_blocking: audit?.counts.blocking ?? 0, review_finding: still.length },
        nextAt: upcoming.length ? Math.min(...upcoming) : null,
      };
    });
  }

  /**
   * No blocking finding is open any more: the messages that waited start — the held people's,
   * and those of a corrected import of the period (it came while the cycle ran).
   */
  async function releaseCycleMessages({ cycleId }: { cycleId: string }) {
    const [cycle] = await db.select().from(cycles).where(eq(cycles.id, cycleId));
    const imports = (await periodImports(cycle.employerId, cycle.period)).map((i) => i.id);
    if (!imports.length) return { released: 0 };
    const people = await db.selectDistinct({ personId: auditFindings.personId }).from(auditFindings)
      .where(and(inArray(auditFindings.importId, imports), eq(auditFindings.severity, 'blocking')));
    const byPerson = await releasableMessages(db, people.flatMap((p) => (p.personId ? [p.personId] : [])));
    const byImport = await unheldImportMessages(db, imports);
    const all = new Map([...byImport, ...byPerson].map((m) => [m.messageId, m]));
    await messageWorkflows.resend([...all.values()]);
    // A workflow already running (held at its send date) looks again at once.
    await messageWorkflows.wake(byPerson.map((m) => m.messageId));
    // Counted: the held people's messages (the others were started at the messages stage).
    return { released: byPerson.length };
  }

  return { reviewCycleFindings, releaseCycleMessages };
}
