/**
 * What creating or changing an enrollment means for its messages, inside the caller's
 * transaction. The caller starts, wakes and resends the workflows after the commit.
 */
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { MessageStatus } from '../../domain/messages/lifecycle';
import { sendDateFor } from '../../domain/messages/rules';
import {
  type DataChangeEffects, type MessageRow, type Tx, createEnrollmentMessages, dataChangeEffects, lockPersonForMessages,
} from '../../db/queries/messages';
import { employerSuppliers, enrollments, messages, persons, plans } from '../../db/schema';

export type EnrollmentRow = typeof enrollments.$inferSelect;

/** Messages that are history: a new fact date no longer concerns them. */
const FINISHED: MessageStatus[] = ['send_failed', 'cancelled'];

export const noEffects = (): DataChangeEffects => ({ wake: [], resend: [] });

export const mergeEffects = (into: DataChangeEffects, more: DataChangeEffects) => {
  into.wake.push(...more.wake);
  into.resend.push(...more.resend);
  return into;
};

/** Enrollments as the API shows them: with plan, supplier and the person's employer. */
export async function loadEnrollmentViews(tx: Tx, where: ReturnType<typeof and>, limit?: number) {
  const q = tx.select({
    id: enrollments.id, personId: enrollments.personId, employerId: persons.employerId, employeeNumber: persons.employeeNumber,
    familyMemberId: enrollments.familyMemberId, planId: enrollments.planId, planName: plans.name, supplierId: plans.supplierId,
    startDate: enrollments.startDate, endDate: enrollments.endDate, source: enrollments.source,
    createdAt: enrollments.createdAt, updatedAt: enrollments.updatedAt,
  }).from(enrollments).innerJoin(plans, eq(plans.id, enrollments.planId)).innerJoin(persons, eq(persons.id, enrollments.personId))
    .where(where).orderBy(enrollments.id);
  const rows = limit === undefined ? await q : await q.limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }));
}

export interface EnrollmentChange {
  enrollment: EnrollmentRow;
  /** A termination (end date set), or a new enrollment message when the corrected start replaces a failed one. */
  created: MessageRow[];
  effects: DataChangeEffects;
}

/**
 * Applies new dates to an enrollment and to its messages:
 * - the live messages carry the new fact date (enrollment: start, termination: end) and its send date;
 * - a changed start or (existing) end date re-assesses unsent messages and re-sends sent ones
 *   (start and end dates re-send by themselves: domain/messages/rules.ts);
 * - a first end date creates the termination message;
 * - a corrected start of an enrollment whose enrollment messages all failed (e.g. the 120-day rule)
 *   or were cancelled creates a new enrollment message.
 */
export async function applyEnrollmentChange(
  tx: Tx, current: EnrollmentRow, next: { startDate: string; endDate: string | null }, actor: string, today: string,
): Promise<EnrollmentChange> {
  const startChanged = next.startDate !== current.startDate;
  const ended = current.endDate === null && next.endDate !== null;
  const endChanged = current.endDate !== null && next.endDate !== current.endDate;
  if (!startChanged && !ended && !endChanged) return { enrollment: current, created: [], effects: noEffects() };

  // Before the messages below: the order every writer of a person's messages keeps (db/queries/messages.ts).
  await lockPersonForMessages(tx, current.personId);
  const [enrollment] = await tx.update(enrollments).set({ startDate: next.startDate, endDate: next.endDate, updatedAt: new Date() })
    .where(eq(enrollments.id, current.id)).returning();

  const live = await tx.select({ id: messages.id, kind: messages.kind, deliverFrom: employerSuppliers.deliverFrom })
    .from(messages)
    .leftJoin(employerSuppliers, and(eq(employerSuppliers.employerId, messages.employerId), eq(employerSuppliers.supplierId, messages.supplierId)))
    .where(and(eq(messages.enrollmentId, current.id), notInArray(messages.status, FINISHED)));
  for (const m of live) {
    const factDate = m.kind === 'enrollment' && startChanged ? next.startDate
      : m.kind === 'termination' && endChanged ? next.endDate : null;
    if (!factDate) continue;
    await tx.update(messages).set({ factDate, sendDate: sendDateFor(factDate, m.deliverFrom ?? factDate), updatedAt: new Date() })
      .where(eq(messages.id, m.id));
  }

  const fields = [...(startChanged ? ['startDate'] : []), ...(endChanged ? ['endDate'] : [])];
  const effects = fields.length ? await dataChangeEffects(tx, { personId: current.personId, enrollmentId: current.id }, fields, actor) : noEffects();

  const created: MessageRow[] = [];
  if (startChanged) {
    const [counts] = await tx.select({
      all: sql<number>`count(*)::int`, finished: sql<number>`count(*) filter (where ${inArray(messages.status, FINISHED)})::int`,
    }).from(messages).where(and(eq(messages.enrollmentId, current.id), eq(messages.kind, 'enrollment')));
    if (counts.all > 0 && counts.all === counts.finished) created.push(...await createEnrollmentMessages(tx, [current.id], 'enrollment', actor, today));
  }
  if (ended) created.push(...await createEnrollmentMessages(tx, [current.id], 'termination', actor, today));
  return { enrollment, created, effects };
}
