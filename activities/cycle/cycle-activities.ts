import { and, eq, isNotNull, isNull, lte, ne, sql } from 'drizzle-orm';
import { CYCLE_DEFAULTS } from '../../domain/cycle/settings';
import { appendCycleEvents } from '../../db/queries/cycles';
import { activityLog as log } from '../shared/activity-context';
import { ApplicationFailure } from '@temporalio/common';
import { workingDaysBefore, DAY_MS, employerToday } from '../../domain/shared/calendar';
import { checkNationalId } from '../../domain/shared/identifiers';
import type { Db } from '../../db/client';
import { assess } from '../../domain/messages/assessment';
import { dataChangeEffects, loadContext, transition } from '../../db/queries/messages';
import { unheldImportMessages } from '../../db/queries/findings';
import { auditFindings, cycles, employerSchedules, enrollments, messages, payrollImports, persons, taskAnswers, tasks } from '../../db/schema';
import type { MessageWorkflows } from '../../infra/workflow-clients/messages';
import type { TaskResult } from '../../workflows/shared';

export interface CycleDeps {
  db: Db;
  messageWorkflows: MessageWorkflows;
}

export function createCycleActivities({ db, messageWorkflows }: CycleDeps) {
  async function openCycle(i: { employerId: string; period: string; startedBy: string; workflowId: string }) {
    const [row] = await db.insert(cycles).values({ employerId: i.employerId, period: i.period, workflowId: i.workflowId, startedBy: i.startedBy })
      .onConflictDoUpdate({ target: [cycles.employerId, cycles.period], set: { workflowId: i.workflowId, status: 'running' } }).returning();
    const [schedule] = await db.select().from(employerSchedules).where(eq(employerSchedules.employerId, i.employerId));
    const { importId } = await findCycleImport(i);
    return {
      cycleId: row.id, importId,
      settings: schedule ? { remindAfterDays: schedule.remindAfterDays, escalateAfterDays: schedule.escalateAfterDays, taskDueDays: schedule.taskDueDays } : { remindAfterDays: CYCLE_DEFAULTS.remindAfterDays, escalateAfterDays: CYCLE_DEFAULTS.escalateAfterDays, taskDueDays: CYCLE_DEFAULTS.taskDueDays },
    };
  }

  async function findCycleImport({ employerId, period }: { employerId: string; period: string }): Promise<{ importId: string | null }> {
    const [imp] = await db.select({ id: payrollImports.id }).from(payrollImports)
      // Completed, and its enrollments and messages recorded: what the cycle classifies must be there.
      .where(and(eq(payrollImports.employerId, employerId), eq(payrollImports.period, period), eq(payrollImports.status, 'completed'), isNotNull(payrollImports.messagesCreatedAt)));
    return { importId: imp?.id ?? null };
  }

  /** Reminders, escalations and failures land in the cycle's summary with the workflow's time. */
  async function recordCycleEvent({ cycleId, kind, at, reportId }: { cycleId: string; kind: string; at: number; reportId?: string }) {
    const event = { kind, at: new Date(at).toISOString(), ...(reportId ? { reportId } : {}) };
    await appendCycleEvents(db, cycleId, [event]);
    log('cycle event', { cycleId, kind });
  }

  /** The audit hook: the audit issue fills it; today nothing blocks. */
  async function auditCycle({ cycleId }: { cycleId: string; importId: string }) {
    await db.update(cycles).set({ stage: 'audit' }).where(eq(cycles.id, cycleId));
    return { blocking: 0 };
  }

  /**
   * Tasks for what the employer must decide: confirm (or decline) each enrollment and
   * termination awaiting confirmation, and complete each missing person field. Idempotent: a
   * task per subject key and cycle.
   */
  async function classifyCycle({ cycleId, importId, now }: { cycleId: string; importId: string; now: number }) {
    return db.transaction(async (tx) => {
      const [cycle] = await tx.select().from(cycles).where(eq(cycles.id, cycleId));
      const [schedule] = await tx.select().from(employerSchedules).where(eq(employerSchedules.employerId, cycle.employerId));
      const dueAt = now + (schedule?.taskDueDays ?? CYCLE_DEFAULTS.taskDueDays) * DAY_MS;
      const remindAt = workingDaysBefore(dueAt, schedule?.remindWorkingDays ?? CYCLE_DEFAULTS.remindWorkingDays);
      const waiting = await tx.select({ id: messages.id, kind: messages.kind, personId: messages.personId, enrollmentId: messages.enrollmentId, supplierId: messages.supplierId, needsConfirmation: messages.needsConfirmation, missingFields: messages.missingFields })
        .from(messages).where(and(eq(messages.employerId, cycle.employerId), eq(messages.status, 'incomplete')));
      const wanted: { key: string; kind: (typeof tasks.$inferInsert)['kind']; subject: Record<string, unknown> }[] = [];
      const seen = new Set<string>();
      for (const m of waiting) {
        if (m.needsConfirmation) {
          const kind = m.kind === 'enrollment' ? 'confirm_enrollment' : m.kind === 'termination' ? 'confirm_termination' : 'confirm_change';
          wanted.push({ key: `confirm:${m.id}`, kind, subject: { messageId: m.id, enrollmentId: m.enrollmentId, personId: m.personId, supplierId: m.supplierId } });
        }
        for (const field of m.missingFields) {
          if (field.includes('.') || field === 'confirmation') continue; // employer- or link-level: not a person's data
          const key = `data:${m.personId}:${field}`;
          if (seen.has(key)) continue;
          seen.add(key);
          wanted.push({ key, kind: 'complete_data', subject: { personId: m.personId, field } });
        }
      }
      // Review tasks of audit findings are the findings stage's, not this one's.
      const existing = await tx.select({ id: tasks.id, key: sql<string>`${tasks.subject}->>'key'`, status: tasks.status }).from(tasks)
        .where(and(eq(tasks.cycleId, cycleId), ne(tasks.kind, 'review_finding')));
      const byKey = new Map(existing.map((t) => [t.key, t]));
      for (const w of wanted) {
        if (byKey.has(w.key)) continue;
        const [t] = await tx.insert(tasks).values({
          cycleId, employerId: cycle.employerId, importId, kind: w.kind, subject: { key: w.key, ...w.subject },
          dueAt: new Date(dueAt), remindAt: new Date(remindAt),
        }).returning({ id: tasks.id, status: tasks.status });
        byKey.set(w.key, { id: t.id, key: w.key, status: t.status });
      }
      await tx.update(cycles).set({ stage: 'tasks' }).where(eq(cycles.id, cycleId));
      const openTasks = [...byKey.values()].filter((t) => t.status === 'open');
      const counts: Record<string, number> = { tasks: openTasks.length };
      for (const w of wanted) counts[w.kind] = (counts[w.kind] ?? 0) + 1;
      return { taskIds: openTasks.map((t) => t.id), counts, nextAt: openTasks.length ? remindAt : null };
    });
  }

  /** Marks due reminders and escalations (at the workflow's `now`) and says when the next one falls. */
  async function remindCycleTasks({ cycleId, now }: { cycleId: string; now: number }) {
    const at = new Date(now);
    const reminded = await db.update(tasks).set({ remindedAt: at })
      .where(and(eq(tasks.cycleId, cycleId), eq(tasks.status, 'open'), isNull(tasks.remindedAt), lte(tasks.remindAt, at))).returning({ id: tasks.id });
    const escalated = await db.update(tasks).set({ escalatedAt: at })
      .where(and(eq(tasks.cycleId, cycleId), eq(tasks.status, 'open'), isNull(tasks.escalatedAt), lte(tasks.dueAt, at))).returning({ id: tasks.id });
    if (reminded.length || escalated.length) log('task reminders', { cycleId, reminded: reminded.length, escalated: escalated.length });
    const open = await db.select({ id: tasks.id, remindAt: tasks.remindAt, remindedAt: tasks.remindedAt, dueAt: tasks.dueAt, escalatedAt: tasks.escalatedAt })
      .from(tasks).where(and(eq(tasks.cycleId, cycleId), eq(tasks.status, 'open')));
    const upcoming = open.flatMap((t) => [
      ...(t.remindAt && !t.remindedAt ? [t.remindAt.getTime()] : []),
      ...(!t.escalatedAt ? [t.dueAt.getTime()] : []),
    ]).filter((ms) => ms > now);
    return { openTaskIds: open.map((t) => t.id), nextAt: upcoming.length ? Math.min(...upcoming) : null, reminded: reminded.length, escalated: escalated.length };
  }

  /**
   * Applies a task's answer: a confirmed enrollment or termination may leave (with a corrected
   * date), a declined one is cancelled; completed data goes into the person's record and the
   * person's messages re-check themselves. A task already closed is answered as it is.
   */
  async function completeCycleTask({ taskId, answerId, by }: { taskId: string; answerId: string; by: string }) {
    const outcome = await db.transaction(async (tx) => {
      const [answer] = await tx.select().from(taskAnswers).where(and(eq(taskAnswers.id, answerId), eq(taskAnswers.taskId, taskId)));
      if (!answer) throw ApplicationFailure.create({ type: 'InvalidTaskResult', nonRetryable: true, message: 'no such answer for this task' });
      const result = answer.result as TaskResult;
      const [t] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
      if (!t) return { status: 'missing', wake: [] as string[], resend: [] as { messageId: string; version: number }[] };
      if (t.status !== 'open') return { status: t.status, wake: [], resend: [] };
      const subject = t.subject as { messageId?: string; enrollmentId?: string; personId?: string; field?: string };
      const wake: string[] = [];
      let resend: { messageId: string; version: number }[] = [];
      let status: 'completed' | 'declined' = 'completed';
      if (t.kind === 'confirm_enrollment' || t.kind === 'confirm_termination' || t.kind === 'confirm_change') {
        const [m] = await tx.select().from(messages).where(eq(messages.id, subject.messageId!));
        if ('confirm' in result && result.confirm) {
          const date = t.kind === 'confirm_enrollment' ? result.startDate : result.endDate;
          if (date && m?.enrollmentId && t.kind !== 'confirm_change') {
            await tx.update(enrollments).set(t.kind === 'confirm_enrollment' ? { startDate: date, updatedAt: new Date() } : { endDate: date, updatedAt: new Date() })
              .where(eq(enrollments.id, m.enrollmentId));
            await tx.update(messages).set({ factDate: date }).where(eq(messages.id, m.id));
          }
          await tx.update(messages).set({ needsConfirmation: false, updatedAt: new Date() }).where(eq(messages.id, subject.messageId!));
          wake.push(subject.messageId!);
        } else if ('confirm' in result) {
          status = 'declined';
          if (m) {
            await transition(tx, { messageId: m.id, version: m.version, to: 'cancelled', cause: 'declined_by_employer', actor: by, set: { cancelReason: result.reason } });
            if (m.enrollmentId && t.kind === 'confirm_termination') {
              await tx.update(enrollments).set({ endDate: null, updatedAt: new Date() }).where(eq(enrollments.id, m.enrollmentId));
            } else if (m.enrollmentId && t.kind === 'confirm_enrollment') {
              await tx.update(messages).set({ enrollmentId: null }).where(eq(messages.enrollmentId, m.enrollmentId));
              await tx.delete(enrollments).where(eq(enrollments.id, m.enrollmentId));
            }
            wake.push(m.id);
          }
        }
      } else if (t.kind === 'review_finding' && 'acknowledged' in result) {
        // Acknowledged with a reason by a role allowed to (the API checks findings.acknowledge).
        await tx.update(auditFindings).set({ status: 'acknowledged', resolution: 'acknowledged', reason: result.reason ?? null, resolvedBy: by, resolvedAt: new Date() })
          .where(and(eq(auditFindings.id, String((t.subject as { findingId?: string }).findingId)), eq(auditFindings.status, 'open')));
      } else if (t.kind === 'complete_data' && 'value' in result) {
        const [p] = await tx.select().from(persons).where(eq(persons.id, subject.personId!)).for('update');
        let value = result.value.trim();
        if (subject.field === 'nationalId') {
          const id = checkNationalId(value);
          if (!id.ok) throw ApplicationFailure.create({ type: 'InvalidTaskResult', nonRetryable: true, message: `value: ${id.reason}` });
          value = id.value;
        }
        await tx.update(persons).set({ data: { ...(p.data as object), [subject.field!]: value }, updatedAt: new Date() }).where(eq(persons.id, p.id));
        const effects = await dataChangeEffects(tx, { personId: p.id }, [subject.field!], by);
        wake.push(...effects.wake);
        resend = effects.resend;
      }
      await tx.update(tasks).set({ status, result, completedBy: by, completedAt: new Date() }).where(eq(tasks.id, taskId));
      return { status, wake, resend };
    });
    await messageWorkflows.wake(outcome.wake);
    await messageWorkflows.resend(outcome.resend);
    return { status: outcome.status };
  }

  /**
   * What each supplier would still lack from this import: its incomplete messages assessed
   * against today's data (a completed task may have filled them in since; their workflows start
   * only at the messages stage), with the fields still missing. Kept per supplier in the cycle's
   * summary; the totals go to its progress.
   */
  async function checkCycleCompleteness({ cycleId, importId }: { cycleId: string; importId: string }) {
    const waiting = await db.select({ id: messages.id }).from(messages)
      .where(and(eq(messages.importId, importId), eq(messages.status, 'incomplete')));
    const now = Date.now();
    const bySupplier: Record<string, { incomplete: number; missingFields: string[] }> = {};
    for (const { id } of waiting) {
      const [m] = await db.select().from(messages).where(eq(messages.id, id));
      const ctx = await loadContext(db, m);
      const missing = assess(m.kind, m.factDate, ctx, employerToday(ctx.employer.country, now), m.needsConfirmation).missing;
      if (!missing.length) continue;
      const entry = (bySupplier[m.supplierId] ??= { incomplete: 0, missingFields: [] });
      entry.incomplete++;
      entry.missingFields = [...new Set([...entry.missingFields, ...missing])];
    }
    await db.execute(sql`update cycles set summary = jsonb_set(summary, '{completeness}', ${JSON.stringify(bySupplier)}::jsonb) where id = ${cycleId}`);
    const entries = Object.values(bySupplier);
    return { counts: { incomplete_messages: entries.reduce((n, e) => n + e.incomplete, 0), suppliers_incomplete: entries.length } };
  }

  /** The messages stage: the import's messages start (those already running are left alone), but for held people. */
  async function startCycleMessages({ importId }: { cycleId: string; importId: string }) {
    // People held by an open blocking finding wait for the findings stage.
    const unsent = await unheldImportMessages(db, [importId]);
    await messageWorkflows.start(unsent);
    return { started: unsent.length };
  }

  async function closeCycle({ cycleId, counts }: { cycleId: string; counts: Record<string, number> }) {
    await db.execute(sql`update cycles set status = 'closed', stage = 'closed', closed_at = now(),
      summary = jsonb_set(summary, '{counts}', ${JSON.stringify(counts)}::jsonb) where id = ${cycleId}`);
  }

  return { openCycle, findCycleImport, recordCycleEvent, auditCycle, classifyCycle, remindCycleTasks, completeCycleTask, checkCycleCompleteness, startCycleMessages, closeCycle };
}

