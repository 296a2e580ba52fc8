import { and, asc, desc, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { periodBounds } from '../../domain/shared/calendar';
import { onboardHires } from '../enrollments/hire';
import type { Db } from '../../db/client';
import type {
  DataChangeEffects, MessageRow, Tx} from '../../db/queries/messages';
import { createEnrollmentMessages, createMessage, dataChangeEffects, importActor, supplierSendsMessages,
} from '../../db/queries/messages';
import { employerConfirmKinds } from '../../db/queries/confirmations';
import type { ConfirmKind } from '../../domain/suppliers/confirmation';
import { employers, enrollments, messages, onboardingProfiles, payrollChanges, payrollImports, persons, plans, suppliers, cycles } from '../../db/schema';
import { heldPersons, unheldImportMessages } from '../../db/queries/findings';
import type { CycleWorkflows } from '../../infra/workflow-clients/cycles';
import type { MessageWorkflows } from '../../infra/workflow-clients/messages';
import { type AssessmentDay, assessmentDate } from '../shared/assessment-day';

export interface ImportMessageDeps {
  db: Db;
  messageWorkflows: MessageWorkflows;
  cycleWorkflows: CycleWorkflows;
}

export interface ImportMessagesOutcome {
  enrolled: number;
  ended: number;
  created: number;
  resent: number;
}


/**
 * What an import's changes mean for suppliers: hires are enrolled by the employer's onboarding
 * profiles (enrollment messages), departures end open enrollments (termination messages), and
 * relevant data changes reach the suppliers that need them (change messages, or re-assessment,
 * resend or "changed since sent" for the person's existing messages). One transaction; the
 * workflows are started after it committed, and starting them again is harmless.
 */
export function createImportMessageActivities({ db, messageWorkflows, cycleWorkflows }: ImportMessageDeps) {
  async function createImportMessages({ importId, ...day }: { importId: string } & AssessmentDay): Promise<ImportMessagesOutcome> {
    const [imp] = await db.select({ employerId: payrollImports.employerId, period: payrollImports.period, country: employers.country })
      .from(payrollImports).innerJoin(employers, eq(employers.id, payrollImports.employerId)).where(eq(payrollImports.id, importId));
    if (!imp) return { enrolled: 0, ended: 0, created: 0, resent: 0 };
    const today = assessmentDate(day, imp.country);
    const result = await db.transaction(async (tx) => {
      // Done before (an activity retried after its commit): nothing twice — not even a resend.
      const [state] = await tx.select({ status: payrollImports.status, done: payrollImports.messagesCreatedAt })
        .from(payrollImports).where(eq(payrollImports.id, importId)).for('update');
      if (state.status !== 'completed' || state.done) return null;
      const actor = importActor(importId);
      const period = periodBounds(imp.period);
      const periodStart = period.from;
      const created: MessageRow[] = [];
      const effects: DataChangeEffects = { wake: [], resend: [] };

      // Suppliers that hear of a kind of change only after the employer confirms it (the link's choice, else the supplier's).
      const confirmKinds = await employerConfirmKinds(tx, imp.employerId);
      const confirm = (kind: ConfirmKind) => (supplierId: string) => confirmKinds(supplierId).includes(kind);
      created.push(...await onboard(tx, imp.employerId, importId, periodStart, actor, today, confirm('enrollment')));
      const ended = await endEnrollments(tx, importId, actor, today, confirm('termination'));
      created.push(...ended.messages);

      // Data changes that concern suppliers (relevance was decided when the changes were stored).
      const rows = await tx.select({ personId: payrollChanges.personId, field: payrollChanges.field, supplierIds: payrollChanges.supplierIds })
        .from(payrollChanges)
        .where(and(eq(payrollChanges.importId, importId), eq(payrollChanges.kind, 'change'), sql`cardinality(${payrollChanges.supplierIds}) > 0`));
      // Only suppliers reached by messages: the others hear of it in the monthly report.
      const messaging = new Set((await tx.select({ id: suppliers.id }).from(suppliers).where(supplierSendsMessages())).map((r) => r.id));
      const bySupplierPerson = new Map<string, { personId: string; supplierId: string; fields: string[] }>();
      for (const r of rows) {
        for (const s of r.supplierIds) {
          if (!messaging.has(s)) continue;
          const key = `${r.personId}:${s}`;
          const entry = bySupplierPerson.get(key) ?? { personId: r.personId, supplierId: s, fields: [] };
          entry.fields.push(r.field!);
          bySupplierPerson.set(key, entry);
        }
      }
      for (const { personId, supplierId, fields } of bySupplierPerson.values()) {
        const e = await dataChangeEffects(tx, { personId, supplierIds: [supplierId] }, fields, actor);
        effects.wake.push(...e.wake);
        effects.resend.push(...e.resend);
        // An unsent message (woken) or a re-sent one carries the new data anyway; otherwise the supplier hears of it by a change message.
        if (e.wake.length || e.resend.length) continue;
        // The coverage the change concerns goes along (the channel requires coverage.startDate on every message).
        const enrollmentId = await coveringEnrollment(tx, personId, supplierId, period);
        const m = await createMessage(tx, { employerId: imp.employerId, supplierId, personId, enrollmentId, kind: 'change', factDate: periodStart, changedFields: fields, needsConfirmation: confirm('change')(supplierId), importId }, actor, today);
        if (m) created.push(m);
      }
      await tx.update(payrollImports).set({ messagesCreatedAt: new Date() }).where(eq(payrollImports.id, importId));
      return { created, effects, enrolled: created.filter((m) => m.kind === 'enrollment').length, ended: ended.count };
    });
    await cycleWorkflows.announceImport(imp.employerId, imp.period, importId);
    // A running monthly cycle starts them at its messages stage, after the employer confirmed what
    // needs confirming. Otherwise they start now — on a retry too, should the first try have died
    // between its commit and the starts (starting a running workflow again is a no-op).
    const [cycle] = await db.select({ id: cycles.id }).from(cycles)
      .where(and(eq(cycles.employerId, imp.employerId), eq(cycles.period, imp.period), eq(cycles.status, 'running')));
    // People held by an open blocking audit finding wait (db/queries/findings.ts): their messages
    // start, wake or resend when the finding is corrected or acknowledged.
    if (!cycle) await messageWorkflows.start(result ? await unheld(result.created.map((m) => ({ messageId: m.id, version: m.version }))) : await unheldImportMessages(db, [importId]));
    if (!result) return { enrolled: 0, ended: 0, created: 0, resent: 0 };
    await messageWorkflows.wake((await unheld(result.effects.wake.map((id) => ({ messageId: id, version: 0 })))).map((m) => m.messageId));
    await messageWorkflows.resend(await unheld(result.effects.resend));
    return { enrolled: result.enrolled, ended: result.ended, created: result.created.length, resent: result.effects.resend.length };
  }

  async function unheld<M extends { messageId: string }>(list: M[]): Promise<M[]> {
    if (list.length === 0) return list;
    const owners = await db.select({ id: messages.id, personId: messages.personId }).from(messages).where(inArray(messages.id, list.map((m) => m.messageId)));
    const held = await heldPersons(db, owners.map((o) => o.personId));
    if (held.size === 0) return list;
    const heldMessages = new Set(owners.filter((o) => held.has(o.personId)).map((o) => o.id));
    return list.filter((m) => !heldMessages.has(m.messageId));
  }

  return { createImportMessages };
}

/**
 * The person's enrollment with the supplier that covers the period (what made the change relevant):
 * their own before a family member's, the latest start first.
 */
async function coveringEnrollment(tx: Tx, personId: string, supplierId: string, period: { from: string; to: string }): Promise<string | null> {
  const [e] = await tx.select({ id: enrollments.id }).from(enrollments).innerJoin(plans, eq(plans.id, enrollments.planId))
    .where(and(eq(enrollments.personId, personId), eq(plans.supplierId, supplierId), lte(enrollments.startDate, period.to),
      or(isNull(enrollments.endDate), gte(enrollments.endDate, period.from))))
    .orderBy(sql`${enrollments.familyMemberId} is not null`, desc(enrollments.startDate), asc(enrollments.id)).limit(1);
  return e?.id ?? null;
}

/** Hires (and rehires) of the import, enrolled in the plans of the onboarding profiles that fit them. */
async function onboard(tx: Tx, employerId: string, importId: string, periodStart: string, actor: string, today: string, confirm: (supplierId: string) => boolean): Promise<MessageRow[]> {
  const profiles = await tx.select().from(onboardingProfiles).where(eq(onboardingProfiles.employerId, employerId));
  if (!profiles.length) return [];
  const hires = await tx.select({ personId: payrollChanges.personId, data: persons.data })
    .from(payrollChanges).innerJoin(persons, eq(persons.id, payrollChanges.personId))
    .where(and(eq(payrollChanges.importId, importId), inArray(payrollChanges.kind, ['hire', 'rehire'])));
  const ids = await onboardHires(tx, profiles, hires.map((h) => {
    const data = h.data as Record<string, string | null>;
    return { personId: h.personId, hireDate: data.hireDate ?? periodStart, category: data.category, data };
  }));
  return createEnrollmentMessages(tx, ids, 'enrollment', actor, today, confirm, importId);
}

/**
 * Departures end the person's enrollments that run past the exit date: one statement, not one
 * per departure (15,000 round trips took ~8 s of a 1M-person import: bench:real-files). One
 * departure per person per import (a file repeating an employee number is refused); `min` only
 * keeps the statement deterministic should that ever change. A departure without an exit date ends nothing.
 */
async function endEnrollments(tx: Tx, importId: string, actor: string, today: string, confirm: (supplierId: string) => boolean): Promise<{ count: number; messages: MessageRow[] }> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    with departure as (
      select ${payrollChanges.personId} as person_id, min(${payrollChanges.newValue}::date) as exit_date from ${payrollChanges}
       where ${payrollChanges.importId} = ${importId} and ${payrollChanges.kind} = 'departure' and coalesce(${payrollChanges.newValue}, '') <> ''
       group by ${payrollChanges.personId}
    )
    update ${enrollments} set end_date = d.exit_date, updated_at = now() from departure d
     where ${enrollments.personId} = d.person_id and (${enrollments.endDate} is null or ${enrollments.endDate} > d.exit_date) and ${enrollments.startDate} <= d.exit_date
    returning ${enrollments.id} as id`);
  const ids = rows.map((r) => r.id);
  return { count: ids.length, messages: await createEnrollmentMessages(tx, ids, 'termination', actor, today, confirm, importId) };
}
