/**
 * Editing and ending a family member, with what it means for the suppliers covering them
 * (hospitalisation plans and the like): the same as a change of the person's own data.
 * One transaction; the caller starts, wakes and resends the workflows after the commit.
 */
import { and, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { DataChangeEffects, MessageRow, Tx } from '../../db/queries/messages';
import { createMessage, dataChangeEffects } from '../../db/queries/messages';
import { employerTodayAt } from '../../db/queries/employers';
import { enrollments, familyMembers, persons, plans } from '../../db/schema';
import { applyEnrollmentChange, mergeEffects, noEffects } from './changes';
import type { Authorize } from './edit';

export type FamilyMemberRow = typeof familyMembers.$inferSelect;

/** The family member's own data, as stored and sent (`member` in the message body). */
export const FAMILY_MEMBER_FIELDS = ['firstName', 'lastName', 'namePrefix', 'birthDate', 'gender', 'nationalId'] as const;
export type FamilyMemberData = Partial<Record<(typeof FAMILY_MEMBER_FIELDS)[number], string | null>>;

export type FamilyMemberRefusal = { refused: 'not_found' } | { refused: 'end_before_start'; enrollmentId: string };

/**
 * New data and/or an end date for a family member.
 * - Changed data reaches every supplier covering them (an enrollment open on the employer's
 *   today): their unsent messages re-assess, sent ones re-send for a national id or birth date
 *   and are flagged "changed since sent" otherwise; where neither applies, a change message
 *   names the fields.
 * - An end date ends each of their enrollments running past it: a termination message each.
 */
export async function changeFamilyMember(
  db: Db, id: string, patch: FamilyMemberData & { endDate?: string | null }, authorize: Authorize, actor: string, at: number,
): Promise<FamilyMemberRefusal | { row: FamilyMemberRow; created: MessageRow[]; effects: DataChangeEffects }> {
  return db.transaction(async (tx) => {
    const [fm] = await tx.select().from(familyMembers).where(eq(familyMembers.id, id)).for('update');
    if (!fm) return { refused: 'not_found' } as const;
    const [person] = await tx.select({ id: persons.id, employerId: persons.employerId }).from(persons).where(eq(persons.id, fm.personId));
    authorize(person.employerId, person.id);
    const today = await employerTodayAt(tx, person.employerId, at);
    const data = fm.data as Record<string, string | null>;
    const { endDate, ...given } = patch;
    const changed = FAMILY_MEMBER_FIELDS.filter((f) => given[f] !== undefined && (data[f] ?? null) !== (given[f] ?? null));
    const created: MessageRow[] = [];
    const effects = noEffects();

    if (endDate !== undefined && endDate !== null && endDate !== fm.endDate) {
      const running = await tx.select().from(enrollments)
        .where(and(eq(enrollments.familyMemberId, fm.id), or(isNull(enrollments.endDate), gte(enrollments.endDate, endDate))));
      // Checked before anything changes: a refusal leaves everything as it was.
      const early = running.find((e) => e.startDate > endDate);
      if (early) return { refused: 'end_before_start', enrollmentId: early.id } as const;
      for (const e of running) {
        if (e.endDate === endDate) continue;
        const change = await applyEnrollmentChange(tx, e, { startDate: e.startDate, endDate }, actor, today);
        created.push(...change.created);
        mergeEffects(effects, change.effects);
      }
    }

    const [row] = await tx.update(familyMembers).set({
      data: changed.length ? { ...data, ...Object.fromEntries(changed.map((f) => [f, given[f] ?? null])) } : data,
      ...(endDate !== undefined ? { endDate } : {}), updatedAt: new Date(),
    }).where(eq(familyMembers.id, fm.id)).returning();

    if (changed.length) {
      const covering = await tx.select({ id: enrollments.id }).from(enrollments)
        .where(and(eq(enrollments.familyMemberId, fm.id), lte(enrollments.startDate, today), or(isNull(enrollments.endDate), gte(enrollments.endDate, today))));
      for (const e of covering) {
        const more = await dataChangeEffects(tx, { personId: person.id, enrollmentId: e.id }, [...changed], actor);
        mergeEffects(effects, more);
        // An unsent message (woken) or a re-sent one carries the new data anyway.
        if (more.wake.length || more.resend.length) continue;
        const m = await changeMessage(tx, person, e.id, [...changed], actor, today);
        if (m) created.push(m);
      }
    }
    return { row, created, effects };
  });
}

/** A change message for the supplier of a family member's enrollment (none when it hears of it by report only). */
async function changeMessage(tx: Tx, person: { id: string; employerId: string }, enrollmentId: string, fields: string[], actor: string, today: string) {
  const [e] = await tx.select({ supplierId: plans.supplierId }).from(enrollments).innerJoin(plans, eq(plans.id, enrollments.planId)).where(eq(enrollments.id, enrollmentId));
  return createMessage(tx, { employerId: person.employerId, supplierId: e.supplierId, personId: person.id, enrollmentId, kind: 'change', factDate: today, changedFields: fields }, actor, today);
}
