/**
 * The accidentCase workflow's steps. Each is idempotent: a step is done when its event is on
 * record (detail.step = 'kind:key'), so a retry, a replay or a second worker changes nothing.
 * Mails go out after the step's transaction, at most once per step (the event says so).
 */
import { ApplicationFailure } from '@temporalio/common';
import { actorName } from '../../db/queries/actors';
import { and, eq, sql } from 'drizzle-orm';
import type { AccidentRow} from '../../db/queries/accidents';
import { accidentSettingsFor, caseFacts, loadAccident, reconcileCase, recordAccidentEvent } from '../../db/queries/accidents';
import { accidentDocuments, accidentEvents, accidentPayments, accidents, taskAnswers, tasks } from '../../db/schema';
import { accidentReference } from '../../domain/accidents/case';
import type { CasePlan, CaseStep} from '../../domain/accidents/plan';
import { planCase } from '../../domain/accidents/plan';
import { DAY_MS } from '../../domain/shared/calendar';
import { SYSTEM_ACTOR } from '../../domain/shared/actor';
import { DeliveryError, sendNotice } from '../../infra/delivery';
import { CASE_CLOSED, CASE_NOT_SETTLED, NOT_DECLARED, TASK_NOT_OPEN } from '../../domain/shared/failure-types';
import type { CompleteTaskInput } from '../../workflows/shared';
import { activityLog } from '../shared/activity-context';
import type { ActivityDeps } from '../deps';
import { stepNotice } from './case-notices';

export function createAccidentCaseActivities({ db, mail, publicUrl, outbound }: Pick<ActivityDeps, 'db' | 'mail' | 'publicUrl' | 'outbound'>) {
  const load = async (accidentId: string, tx: Parameters<typeof loadAccident>[0] = db, lock = false): Promise<AccidentRow> => {
    const row = await loadAccident(tx, accidentId, { lock });
    if (!row) throw ApplicationFailure.create({ type: 'AccidentNotFound', nonRetryable: true, message: `no accident ${accidentId}` });
    return row;
  };

  /** Stores the deadline, opens the declaration task (once) and returns the plan. */
  async function openAccidentCase({ accidentId }: { accidentId: string }): Promise<CasePlan> {
    return db.transaction(async (tx) => {
      const accident = await load(accidentId, tx, true);
      const facts = await caseFacts(tx, accident);
      const plan = planCase(facts);
      if (!accident.deadlineDate) {
        await tx.update(accidents).set({ deadlineDate: plan.deadlineDate, deadlineAt: new Date(plan.deadlineAt) }).where(eq(accidents.id, accidentId));
      }
      if (accident.status === 'open') {
        const [existing] = await tx.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.accidentId, accidentId), eq(tasks.kind, 'declare_accident')));
        if (!existing) {
          const firstReminder = plan.steps.find((s) => s.kind === 'declaration_reminder');
          await tx.insert(tasks).values({
            employerId: accident.employerId, accidentId, kind: 'declare_accident', subject: { accidentId, personId: accident.personId, supplierId: accident.supplierId },
            dueAt: new Date(plan.deadlineAt), remindAt: firstReminder ? new Date(firstReminder.at) : null,
          });
          await recordAccidentEvent(tx, accidentId, 'case_opened', SYSTEM_ACTOR, { deadlineDate: plan.deadlineDate });
          return planCase({ ...facts, openTasks: facts.openTasks + 1 });
        }
      }
      return plan;
    });
  }

  /** Closes tasks nothing waits for any more, then plans again from the database. */
  async function reconcileAccidentCase({ accidentId }: { accidentId: string }): Promise<CasePlan> {
    return db.transaction(async (tx) => {
      return (await reconcileCase(tx, await load(accidentId, tx, true))).plan;
    });
  }

  /** Runs one due step (a reminder, the escalation, a sick note ending, a missing payment) once. */
  async function runAccidentStep({ accidentId, step }: { accidentId: string; step: CaseStep }): Promise<CasePlan> {
    const key = `${step.kind}:${step.key}`;
    const stepEventId = await db.transaction(async (tx) => {
      const accident = await load(accidentId, tx, true);
      const [done] = await tx.select({ id: accidentEvents.id }).from(accidentEvents)
        .where(and(eq(accidentEvents.accidentId, accidentId), sql`${accidentEvents.detail}->>'step' = ${key}`));
      if (done) return done.id;
      const plan = planCase(await caseFacts(tx, accident));
      // Declared or resumed in the meantime: the step is moot.
      if (!plan.steps.some((s) => s.kind === step.kind && s.key === step.key)) return null;
      const detail: Record<string, unknown> = { step: key, dueAt: new Date(step.at).toISOString(), mail: 'pending' };
      if (step.kind === 'declaration_reminder' || step.kind === 'declaration_overdue') {
        const set = step.kind === 'declaration_reminder' ? { remindedAt: new Date() } : { escalatedAt: new Date() };
        await tx.update(tasks).set(set).where(and(eq(tasks.accidentId, accidentId), eq(tasks.kind, 'declare_accident'), eq(tasks.status, 'open')));
      } else if (step.kind === 'sick_note_ending') {
        const [note] = await tx.select({ validUntil: accidentDocuments.validUntil }).from(accidentDocuments).where(eq(accidentDocuments.id, step.key));
        await tx.insert(tasks).values({
          employerId: accident.employerId, accidentId, kind: 'accident_sick_note_ending', subject: { accidentId, personId: accident.personId, documentId: step.key },
          dueAt: new Date(Date.parse(`${note.validUntil}T00:00:00Z`) + DAY_MS),
        });
      } else {
        await tx.insert(tasks).values({
          employerId: accident.employerId, accidentId, kind: 'accident_payment_check', subject: { accidentId, personId: accident.personId, supplierId: accident.supplierId, period: step.key },
          dueAt: new Date(step.at + 7 * DAY_MS),
        });
      }
      const [row] = await tx.insert(accidentEvents).values({ accidentId, kind: step.kind, by: SYSTEM_ACTOR, detail }).returning({ id: accidentEvents.id });
      return row.id;
    });
    if (stepEventId) await mailStep(accidentId, stepEventId, step);
    return reconcileAccidentCase({ accidentId });
  }

  /** Sends the step's notice if the event still says `pending`; records sent / why not. */
  async function mailStep(accidentId: string, eventId: string, step: CaseStep) {
    const [event] = await db.select({ detail: accidentEvents.detail }).from(accidentEvents).where(eq(accidentEvents.id, eventId));
    if ((event.detail as { mail?: string }).mail !== 'pending') return;
    const accident = await load(accidentId);
    const { notifyEmails } = await accidentSettingsFor(db, accident.employerId);
    let outcome: string;
    if (!notifyEmails.length) outcome = 'no recipients';
    else if (!mail?.smtpUrl) outcome = 'no SMTP server';
    else {
      const notice = stepNotice(step, { reference: accidentReference(accident.number), deadlineDate: accident.deadlineDate, link: `${publicUrl}/api/accidents/${accidentId}` });
      try {
        await sendNotice({ to: notifyEmails, ...notice, idempotencyKey: `accident-${accidentId}:${step.kind}:${step.key}` }, { smtpUrl: mail.smtpUrl, mailFrom: mail.from, outbound });
        outcome = 'sent';
      } catch (err) {
        if (err instanceof DeliveryError && err.retryable) throw err;
        outcome = `failed: ${err instanceof DeliveryError ? err.code : 'error'}`;
        activityLog('accident notice not sent', { accidentId, step: step.kind, outcome });
      }
    }
    await db.update(accidentEvents).set({ detail: sql`${accidentEvents.detail} || ${JSON.stringify({ mail: outcome })}::jsonb` }).where(eq(accidentEvents.id, eventId));
  }

  /** Applies an event the API stored (applied = false): payment, return to work, references. */
  async function applyAccidentEvent({ accidentId, eventId }: { accidentId: string; eventId: string }): Promise<CasePlan> {
    return db.transaction(async (tx) => {
      const accident = await load(accidentId, tx, true);
      const [event] = await tx.select().from(accidentEvents).where(and(eq(accidentEvents.id, eventId), eq(accidentEvents.accidentId, accidentId)));
      if (!event) throw ApplicationFailure.create({ type: 'EventNotFound', nonRetryable: true, message: `no event ${eventId} on this case` });
      if (!event.applied) {
        if (accident.status === 'closed') throw ApplicationFailure.create({ type: CASE_CLOSED, nonRetryable: true, message: 'the case is closed' });
        const d = event.detail as { period?: string; receivedOn?: string; amountCents?: number | null; date?: string; claimNumber?: string; reference?: string };
        switch (event.kind) {
          case 'payment_received': {
            if (accident.status !== 'declared') throw ApplicationFailure.create({ type: NOT_DECLARED, nonRetryable: true, message: 'a payment is recorded once the accident is declared' });
            // The amount lives in accident_payments only; the event keeps the period.
            await tx.insert(accidentPayments).values({ accidentId, period: d.period!, receivedOn: d.receivedOn!, amountCents: d.amountCents ?? null, recordedBy: event.by })
              .onConflictDoUpdate({ target: [accidentPayments.accidentId, accidentPayments.period], set: { receivedOn: d.receivedOn!, amountCents: d.amountCents ?? null, recordedBy: event.by } });
            break;
          }
          case 'work_resumed': await tx.update(accidents).set({ workResumedOn: d.date! }).where(eq(accidents.id, accidentId)); break;
          case 'incapacity_started': await tx.update(accidents).set({ incapacityFrom: d.date! }).where(eq(accidents.id, accidentId)); break;
          case 'claim_number': await tx.update(accidents).set({ claimNumber: d.claimNumber! }).where(eq(accidents.id, accidentId)); break;
          case 'portal_reference': await tx.update(accidents).set({ portalReference: d.reference! }).where(eq(accidents.id, accidentId)); break;
          default: throw ApplicationFailure.create({ type: 'UnknownEvent', nonRetryable: true, message: `unknown event kind ${event.kind}` });
        }
        const { amountCents: _amount, ...kept } = d;
        await tx.update(accidentEvents).set({ applied: true, at: sql`clock_timestamp()`, detail: kept }).where(eq(accidentEvents.id, eventId));
      }
      return (await reconcileCase(tx, await load(accidentId, tx))).plan;
    });
  }

  /** A payment check or sick-note task answered from the inbox; one winner. */
  async function completeAccidentTask({ accidentId, taskId, answerId, by: ref }: { accidentId: string } & CompleteTaskInput): Promise<{ status: string; plan: CasePlan }> {
    const by = await actorName(db, ref);
    return db.transaction(async (tx) => {
      const accident = await load(accidentId, tx, true);
      const [answer] = await tx.select().from(taskAnswers).where(and(eq(taskAnswers.id, answerId), eq(taskAnswers.taskId, taskId)));
      const [task] = await tx.update(tasks).set({ status: 'completed', completedBy: by, completedAt: new Date(), result: answer?.result ?? { acknowledged: true } })
        .where(and(eq(tasks.id, taskId), eq(tasks.accidentId, accidentId), eq(tasks.status, 'open'))).returning();
      if (!task) throw ApplicationFailure.create({ type: TASK_NOT_OPEN, nonRetryable: true, message: 'the task is not open in this case' });
      const subject = task.subject as { period?: string; documentId?: string };
      if (task.kind === 'accident_payment_check') await recordAccidentEvent(tx, accidentId, 'payment_settled', by, { step: `payment_settled:${subject.period}`, taskId });
      else await recordAccidentEvent(tx, accidentId, 'task_completed', by, { taskId, kind: task.kind });
      return { status: task.status, plan: planCase(await caseFacts(tx, accident)) };
    });
  }

  /** Closes a settled case (checked again here: the workflow's plan may be a moment old). */
  async function closeAccidentCase({ accidentId, by: ref }: { accidentId: string; by: string }): Promise<CasePlan> {
    const by = await actorName(db, ref);
    return db.transaction(async (tx) => {
      const accident = await load(accidentId, tx, true);
      const { facts, plan } = await reconcileCase(tx, accident);
      if (accident.status === 'closed') return plan;
      if (plan.closeBlockers.length) throw ApplicationFailure.create({ type: CASE_NOT_SETTLED, nonRetryable: true, message: `the case is not settled: ${plan.closeBlockers.join('; ')}` });
      await tx.update(accidents).set({ status: 'closed', closedAt: new Date(), closedBy: by }).where(eq(accidents.id, accidentId));
      await tx.update(tasks).set({ status: 'cancelled' }).where(and(eq(tasks.accidentId, accidentId), eq(tasks.status, 'open')));
      await recordAccidentEvent(tx, accidentId, 'closed', by);
      return planCase({ ...facts, status: 'closed', openTasks: 0 });
    });
  }

  return { openAccidentCase, reconcileAccidentCase, runAccidentStep, applyAccidentEvent, completeAccidentTask, closeAccidentCase };
}
