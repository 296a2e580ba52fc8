/**
 * Creating one enrollment and correcting its dates, each in one transaction. The caller checks
 * access through `authorize` (called once the owning employer is known, inside the transaction)
 * and starts, wakes and resends the workflows after the commit.
 */
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type MessageRow, createEnrollmentMessages } from '../../db/queries/messages';
import { employerSuppliers, enrollments, familyMembers, persons, plans } from '../../db/schema';
import { type EnrollmentRefusal, notAFamilyMember, overlapRefusal } from '../../domain/enrollments/problems';
import { type Span, dateOrderRefusal, overlaps } from '../../domain/enrollments/rules';
import { type EnrollmentChange, applyEnrollmentChange, loadEnrollmentViews } from './changes';
import { employerTodayAt } from '../../db/queries/employers';
import { earliestAcceptedStart } from '../../domain/messages/rules';

export type EnrollmentView = Awaited<ReturnType<typeof loadEnrollmentViews>>[number];
type Refused = { refused: EnrollmentRefusal };
/** Checks the caller may act for the employer (and person); throws when not. */
export type Authorize = (employerId: string, personId: string) => void;

export interface NewEnrollment {
  personId: string;
  planId: string;
  startDate: string;
  endDate?: string;
  familyMemberId?: string;
}

export async function createEnrollment(
  db: Db, input: NewEnrollment, authorize: Authorize, actor: string, at: number,
): Promise<Refused | { view: EnrollmentView; created: MessageRow[] }> {
  const { personId, planId, startDate, endDate, familyMemberId } = input;
  const badDates = dateOrderRefusal({ startDate, endDate: endDate ?? null }, true);
  if (badDates) return { refused: badDates };
  return db.transaction(async (tx) => {
    // The person's row lock keeps two requests from creating overlapping enrollments.
    const [person] = await tx.select({ id: persons.id, employerId: persons.employerId }).from(persons).where(eq(persons.id, personId)).for('update');
    if (!person) return { refused: { kind: 'not_found', what: 'person' } };
    authorize(person.employerId, personId);
    const [plan] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
    if (!plan) return { refused: { kind: 'not_found', what: 'plan' } };
    if (familyMemberId) {
      const [fm] = await tx.select({ id: familyMembers.id }).from(familyMembers)
        .where(and(eq(familyMembers.id, familyMemberId), eq(familyMembers.personId, personId)));
      if (!fm) return { refused: notAFamilyMember() };
    }
    const siblings = await tx.select({ id: enrollments.id, startDate: enrollments.startDate, endDate: enrollments.endDate }).from(enrollments)
      .where(and(eq(enrollments.personId, personId), eq(enrollments.planId, planId),
        familyMemberId ? eq(enrollments.familyMemberId, familyMemberId) : isNull(enrollments.familyMemberId)));
    const clash = siblings.find((s) => overlaps(s, { startDate, endDate: endDate ?? null }));
    if (clash) return { refused: overlapRefusal(clash.id, false) };
    const [row] = await tx.insert(enrollments).values({
      personId, planId, familyMemberId: familyMemberId ?? null, startDate, endDate: endDate ?? null, source: 'manual',
    }).returning({ id: enrollments.id });
    const created = await createEnrollmentMessages(tx, [row.id], 'enrollment', actor, await employerTodayAt(tx, person.employerId, at));
    const [view] = await loadEnrollmentViews(tx, eq(enrollments.id, row.id));
    return { view, created };
  });
}

/** New dates for an enrollment; a date not given stays. */
export async function changeEnrollmentDates(
  db: Db, id: string, given: { startDate?: string; endDate?: string }, authorize: Authorize, actor: string, at: number,
): Promise<Refused | { view: EnrollmentView; change: EnrollmentChange }> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(enrollments).where(eq(enrollments.id, id)).for('update');
    if (!current) return { refused: { kind: 'not_found', what: 'enrollment' } };
    const [owner] = await tx.select({ employerId: persons.employerId }).from(persons).where(eq(persons.id, current.personId));
    authorize(owner.employerId, current.personId);
    const next: Span = { startDate: given.startDate ?? current.startDate, endDate: given.endDate ?? current.endDate };
    const badDates = dateOrderRefusal(next, given.endDate !== undefined);
    if (badDates) return { refused: badDates };
    const siblings = await tx.select({ id: enrollments.id, startDate: enrollments.startDate, endDate: enrollments.endDate }).from(enrollments)
      .where(and(eq(enrollments.personId, current.personId), eq(enrollments.planId, current.planId), ne(enrollments.id, current.id),
        current.familyMemberId ? eq(enrollments.familyMemberId, current.familyMemberId) : isNull(enrollments.familyMemberId)));
    const clash = siblings.find((s) => overlaps(s, next));
    if (clash) return { refused: overlapRefusal(clash.id, true) };
    const change = await applyEnrollmentChange(tx, current, next, actor, await employerTodayAt(tx, owner.employerId, at));
    const [view] = await loadEnrollmentViews(tx, eq(enrollments.id, current.id));
    return { view, change };
  });
}

/**
 * The earliest start date the enrollment's insurer accepts for a message made today (the 120-day
 * rule, from the employer's date and the link's deliverFrom); null when the enrollment does not exist.
 */
export async function startAdvice(db: Db, id: string, authorize: Authorize, at: number): Promise<{ earliestStart: string; today: string } | null> {
  const [row] = await db.select({ personId: enrollments.personId, employerId: persons.employerId, supplierId: plans.supplierId }).from(enrollments)
    .innerJoin(persons, eq(persons.id, enrollments.personId)).innerJoin(plans, eq(plans.id, enrollments.planId)).where(eq(enrollments.id, id));
  if (!row) return null;
  authorize(row.employerId, row.personId);
  const [link] = await db.select({ deliverFrom: employerSuppliers.deliverFrom }).from(employerSuppliers)
    .where(and(eq(employerSuppliers.employerId, row.employerId), eq(employerSuppliers.supplierId, row.supplierId)));
  const today = await employerTodayAt(db, row.employerId, at);
  return { earliestStart: earliestAcceptedStart(today, link?.deliverFrom ?? null), today };
}

export const isRefused = <T extends object>(o: Refused | T): o is Refused => 'refused' in o;
