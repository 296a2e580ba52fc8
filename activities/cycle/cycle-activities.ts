import { and, eq, inArray, isNotNull, isNull, lte, ne, not, or, sql } from 'drizzle-orm';
import { actorName } from '../../db/queries/actors';
import { CYCLE_DEFAULTS } from '../../domain/cycle/settings';
import { appendCycleEvents } from '../../db/queries/cycles';
import { activityLog as log } from '../shared/activity-context';
import { createTaskNotices } from './task-notices';
import type { ActivityDeps } from '../deps';
import { ApplicationFailure } from '@temporalio/common';
import { workingDaysBefore, DAY_MS, employerToday, periodBounds } from '../../domain/shared/calendar';
import { checkNationalId } from '../../domain/shared/identifiers';
import type { Db } from '../../db/client';
import { assess } from '../../domain/messages/assessment';
import { type Tx, dataChangeEffects, loadContext, supplierSendsMessages, transition } from '../../db/queries/messages';
import { unheldImportMessages } from '../../db/queries/findings';
import {
  auditFindings, cycles, employerSchedules, employerSuppliers, enrollments, messages, payrollChanges, payrollImports, personCorrections, persons, plans, suppliers, taskAnswers, tasks,
} from '../../db/schema';
import { employerConfirmKinds } from '../../db/queries/confirmations';
import { recordCorrections, resolveCorrection } from '../../db/queries/corrections';
import { DATED_CHANGE_FIELDS } from '../../domain/payroll/canonical';
import { UNSENT_STATUSES } from '../../domain/messages/lifecycle';
import type { MessageWorkflows } from '../../infra/workflow-clients/messages';
import type { TaskResult } from '../../workflows/shared';
import { deleteDeclinedEnrollment } from '../../db/queries/enrollments';

export interface CycleDeps extends Partial<Pick<ActivityDeps, 'mail' | 'publicUrl' | 'outbound'>> {
  db: Db;
  messageWorkflows: MessageWorkflows;
}

export function createCycleActivities({ db, messageWorkflows, mail, publicUrl, outbound }: CycleDeps) {
  const sendTaskNotices = createTaskNotices({ db, mail, publicUrl: publicUrl ?? '', outbound });
  async function openCycle(i: { employerId: string; period: string; startedBy: string; workflowId: string }) {
    const [row] = await db.insert(cycles).values({ employerId: i.employerId, period: i.period, workflowId: i.workflowId, startedBy: await actorName(db, i.startedBy) })
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
   * Tasks for what the employer must decide: confirm (or decline) each enrollment, termination
   * and change awaiting confirmation — as a message, or as a line of the monthly report for
   * suppliers that hear only through it —, complete each missing person field, give the
   * effective date of a change the payroll does not date, look into each person missing from
   * the payroll, and answer each "payroll differs from the correction". Idempotent: a task per
   * subject key and cycle.
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
      wanted.push(...await reportConfirmations(tx, cycle.employerId, cycle.period, importId));
      const changes = await tx.select({ id: payrollChanges.id, personId: payrollChanges.personId, kind: payrollChanges.kind, field: payrollChanges.field })
        .from(payrollChanges).where(and(eq(payrollChanges.importId, importId), or(eq(payrollChanges.kind, 'missing'),
          and(eq(payrollChanges.kind, 'change'), inArray(payrollChanges.field, [...DATED_CHANGE_FIELDS]), isNull(payrollChanges.effectiveDate), sql`cardinality(${payrollChanges.supplierIds}) > 0`))))
        .orderBy(payrollChanges.id);
      for (const c of changes) {
        // In last month's photo, absent now, no exit date: HR finds out whether they left (or the export dropped them).
        if (c.kind === 'missing') wanted.push({ key: `missing:${c.personId}`, kind: 'review_missing', subject: { personId: c.personId, changeId: c.id } });
        else wanted.push({ key: `effective:${c.id}`, kind: 'complete_effective_date', subject: { personId: c.personId, field: c.field, changeId: c.id } });
      }
      const differing = await tx.select({ personId: personCorrections.personId, field: personCorrections.field }).from(personCorrections)
        .innerJoin(persons, eq(persons.id, personCorrections.personId))
        .where(and(eq(persons.employerId, cycle.employerId), eq(personCorrections.payrollDiffers, true)));
      for (const d of differing) wanted.push({ key: `correction:${d.personId}:${d.field}`, kind: 'resolve_correction', subject: { personId: d.personId, field: d.field } });

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
    // By e-mail too: read back by `at`, so a retry after a failed send finds the same tasks.
    await sendTaskNotices(cycleId, at);
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
  async function completeCycleTask({ taskId, answerId, by: ref }: { taskId: string; answerId: string; by: string }) {
    const by = await actorName(db, ref);
    const outcome = await db.transaction(async (tx) => {
      const [answer] = await tx.select().from(taskAnswers).where(and(eq(taskAnswers.id, answerId), eq(taskAnswers.taskId, taskId)));
      if (!answer) throw ApplicationFailure.create({ type: 'InvalidTaskResult', nonRetryable: true, message: 'no such answer for this task' });
      const result = answer.result as TaskResult;
      const [t] = await tx.select().from(tasks).where(eq(tasks.id, taskId)).for('update');
      if (!t) return { status: 'missing', wake: [] as string[], resend: [] as { messageId: string; version: number }[] };
      if (t.status !== 'open') return { status: t.status, wake: [], resend: [] };
      const subject = t.subject as { messageId?: string; enrollmentId?: string; personId?: string; field?: string; changeId?: number; report?: boolean };
      const wake: string[] = [];
      let resend: { messageId: string; version: number }[] = [];
      let status: 'completed' | 'declined' = 'completed';
      if (subject.report && (t.kind === 'confirm_enrollment' || t.kind === 'confirm_termination' || t.kind === 'confirm_change')) {
        // A line of the monthly report: confirmed, it goes (with a corrected date); declined, it stays out and the task keeps the reason.
        if ('confirm' in result && result.confirm) {
          const date = t.kind === 'confirm_enrollment' ? result.startDate : t.kind === 'confirm_termination' ? result.endDate : undefined;
          if (date && subject.enrollmentId) {
            await tx.update(enrollments).set(t.kind === 'confirm_enrollment' ? { startDate: date, updatedAt: new Date() } : { endDate: date, updatedAt: new Date() })
              .where(eq(enrollments.id, subject.enrollmentId));
          }
        } else if ('confirm' in result) {
          status = 'declined';
        }
      } else if (t.kind === 'review_missing') {
        // Looked into: what HR found (an exit date, a corrected export) comes with the next import.
      } else if (t.kind === 'complete_effective_date' && 'value' in result) {
        wake.push(...await applyEffectiveDate(tx, t.importId!, subject.changeId!, result.value));
      } else if (t.kind === 'resolve_correction' && 'resolution' in result) {
        const changed = await resolveCorrection(tx, subject.personId!, subject.field!, result.resolution);
        if (changed.length) {
          const effects = await dataChangeEffects(tx, { personId: subject.personId! }, changed, by);
          wake.push(...effects.wake);
          resend = effects.resend;
        }
      } else if (t.kind === 'confirm_enrollment' || t.kind === 'confirm_termination' || t.kind === 'confirm_change') {
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
              await deleteDeclinedEnrollment(tx, m.enrollmentId);
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
        // HR's value for a field the payroll supplies: the next imports keep it.
        await recordCorrections(tx, p.id, p.data as Record<string, unknown>, { [subject.field!]: value }, [subject.field!], by);
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
   * Several tasks' answers (a bulk completion), each applied as `completeCycleTask` applies it, in
   * its own transaction. A task that cannot be completed (an answer no longer valid, or a fault
   * that a second try does not cure) stays open and asks again; the others are done regardless,
   * so that the workflow learns of every task that was. Each task's status after it, by id. Only
   * when every task failed on a fault (the database away) does the activity fail and retry.
   */
  async function completeCycleTasks({ tasks: list, by }: { tasks: { taskId: string; answerId: string }[]; by: string }) {
    const statuses: Record<string, string> = {};
    let faults = 0;
    let lastFault: unknown;
    const invalid = (err: unknown) => err instanceof ApplicationFailure && err.type === 'InvalidTaskResult';
    for (const { taskId, answerId } of list) {
      const complete = () => completeCycleTask({ taskId, answerId, by });
      try {
        // A fault is tried once more (each try is its own transaction); an invalid answer is not.
        statuses[taskId] = (await complete().catch((err: unknown) => (invalid(err) ? Promise.reject(err) : complete()))).status;
      } catch (err) {
        statuses[taskId] = 'open';
        if (!invalid(err)) {
          faults++;
          lastFault = err;
        }
      }
    }
    if (list.length && faults === list.length) throw lastFault;
    return { statuses };
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

  /**
   * The effective date HR gave for a change the payroll does not date: on the change (the
   * report's effective date) and as the fact date of the import's unsent change messages for it
   * — the earliest of their changes' dates, undated ones counting from the period's first day.
   * Returns the messages to re-assess (their send date follows the fact date).
   */
  async function applyEffectiveDate(tx: Tx, importId: string, changeId: number, date: string): Promise<string[]> {
    const [change] = await tx.update(payrollChanges).set({ effectiveDate: date }).where(eq(payrollChanges.id, changeId))
      .returning({ personId: payrollChanges.personId, field: payrollChanges.field });
    if (!change) return [];
    const [imp] = await tx.select({ period: payrollImports.period }).from(payrollImports).where(eq(payrollImports.id, importId));
    const { from } = periodBounds(imp.period);
    const affected = await tx.select({ id: messages.id, version: messages.version, fields: messages.changedFields }).from(messages)
      .where(and(eq(messages.importId, importId), eq(messages.personId, change.personId), eq(messages.kind, 'change'),
        inArray(messages.status, [...UNSENT_STATUSES]), sql`${change.field} = any(${messages.changedFields})`));
    if (!affected.length) return [];
    const dated = await tx.select({ field: payrollChanges.field, effectiveDate: payrollChanges.effectiveDate }).from(payrollChanges)
      .where(and(eq(payrollChanges.importId, importId), eq(payrollChanges.personId, change.personId), eq(payrollChanges.kind, 'change')));
    for (const m of affected) {
      const dates = dated.filter((d) => m.fields.includes(d.field!)).map((d) => d.effectiveDate ?? from);
      const factDate = dates.sort()[0] ?? date;
      await tx.update(messages).set({ factDate, updatedAt: new Date() }).where(eq(messages.id, m.id));
    }
    return affected.map((m) => m.id);
  }

  return { openCycle, findCycleImport, recordCycleEvent, auditCycle, classifyCycle, remindCycleTasks, completeCycleTask, completeCycleTasks, checkCycleCompleteness, startCycleMessages, closeCycle };
}


type WantedTask = { key: string; kind: (typeof tasks.$inferInsert)['kind']; subject: Record<string, unknown> };

/**
 * Confirmations for suppliers that hear only through the monthly report, as their messages
 * have them elsewhere: each enrollment starting and ending in the period, and each person's
 * changes of the import that concern the supplier, for the kinds this employer confirms.
 */
async function reportConfirmations(tx: Tx, employerId: string, period: string, importId: string): Promise<WantedTask[]> {
  const confirmKinds = await employerConfirmKinds(tx, employerId);
  const reportOnly = (await tx.select({ supplierId: employerSuppliers.supplierId }).from(employerSuppliers)
    .innerJoin(suppliers, eq(suppliers.id, employerSuppliers.supplierId))
    .where(and(eq(employerSuppliers.employerId, employerId), not(supplierSendsMessages()))))
    .map((r) => ({ supplierId: r.supplierId, kinds: confirmKinds(r.supplierId) })).filter((r) => r.kinds.length);
  if (!reportOnly.length) return [];
  const { from, to } = periodBounds(period);
  const wanted: WantedTask[] = [];
  for (const { supplierId, kinds } of reportOnly) {
    if (kinds.includes('enrollment') || kinds.includes('termination')) {
      const rows = await tx.select({ id: enrollments.id, personId: enrollments.personId, startDate: enrollments.startDate, endDate: enrollments.endDate })
        .from(enrollments).innerJoin(plans, eq(plans.id, enrollments.planId)).innerJoin(persons, eq(persons.id, enrollments.personId))
        .where(and(eq(plans.supplierId, supplierId), eq(persons.employerId, employerId),
          sql`(${enrollments.startDate} between ${from} and ${to} or ${enrollments.endDate} between ${from} and ${to})`))
        .orderBy(enrollments.id);
      for (const e of rows) {
        const subject = { supplierId, enrollmentId: e.id, personId: e.personId, report: true };
        if (kinds.includes('enrollment') && e.startDate >= from && e.startDate <= to) {
          wanted.push({ key: `confirm-report:enrollment:${e.id}`, kind: 'confirm_enrollment', subject });
        }
        if (kinds.includes('termination') && e.endDate && e.endDate >= from && e.endDate <= to) {
          wanted.push({ key: `confirm-report:termination:${e.id}`, kind: 'confirm_termination', subject });
        }
      }
    }
    if (kinds.includes('change')) {
      const rows = await tx.select({ id: payrollChanges.id, personId: payrollChanges.personId, field: payrollChanges.field }).from(payrollChanges)
        .where(and(eq(payrollChanges.importId, importId), eq(payrollChanges.kind, 'change'), sql`${supplierId}::uuid = any(${payrollChanges.supplierIds})`))
        .orderBy(payrollChanges.id);
      const byPerson = new Map<string, { changeIds: number[]; fields: string[] }>();
      for (const c of rows) {
        const entry = byPerson.get(c.personId) ?? { changeIds: [], fields: [] };
        entry.changeIds.push(c.id);
        entry.fields.push(c.field!);
        byPerson.set(c.personId, entry);
      }
      for (const [personId, entry] of byPerson) {
        wanted.push({ key: `confirm-report:change:${supplierId}:${personId}`, kind: 'confirm_change', subject: { supplierId, personId, ...entry, report: true } });
      }
    }
  }
  return wanted;
}
