import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createMessage, type MessageRow } from '../../db/queries/messages';
import type { BORDEREAU_RESOLUTIONS } from '../../db/schema';
import { bordereauResolutions, bordereauRuns, employers, enrollments, familyMembers, persons, plans, tasks } from '../../db/schema';
import { correctionFor, type BordereauDifference, type BordereauOutcome } from '../../domain/reconciliation/bordereau';
import { employerToday } from '../../domain/shared/calendar';
import { compactNationalId } from '../../domain/shared/identifiers';

export type ResolutionReason = (typeof BORDEREAU_RESOLUTIONS)[number];

export type ResolveResult =
  | { kind: 'not_found' }
  | { kind: 'no_correction'; why: 'nothing_of_ours' | 'person_unknown' | 'no_enrollment' | 'no_message_channel' }
  | { kind: 'resolved'; message: MessageRow | null };

const normId = (v: unknown) => (typeof v === 'string' ? compactNationalId(v) : null);

/**
 * Resolves one difference of a bordereau with a reason. "Our data was wrong" sends the insurer a
 * correction message through the message machinery (created here, in the same transaction as the
 * resolution that links it; the caller starts its workflow), carrying our data as it now stands —
 * resolved again, the message made the first time stays the one linked. When every open difference
 * is resolved, the bordereau's review task is done.
 */
export async function resolveBordereauDifference(db: Db, input: {
  runId: string; fingerprint: string; reason: ResolutionReason; note: string | null; actor: string;
}): Promise<ResolveResult> {
  return db.transaction(async (tx) => {
    const [run] = await tx.select().from(bordereauRuns).where(eq(bordereauRuns.id, input.runId));
    const outcome = run?.outcome as BordereauOutcome | undefined;
    const diff = outcome?.status === 'reconciled' ? outcome.differences.find((d) => d.fingerprint === input.fingerprint) : undefined;
    if (!run || !diff) return { kind: 'not_found' } as const;
    const [earlier] = await tx.select({ messageId: bordereauResolutions.messageId }).from(bordereauResolutions)
      .where(and(eq(bordereauResolutions.runId, run.id), eq(bordereauResolutions.fingerprint, diff.fingerprint))).for('update');

    let message: MessageRow | null = null;
    let messageId = earlier?.messageId ?? null;
    if (input.reason === 'our_data_wrong' && !messageId) {
      const made = await correctionMessage(tx as unknown as Db, run.employerId, run.supplierId, diff, input.actor);
      if ('why' in made) return { kind: 'no_correction', why: made.why } as const;
      message = made.message;
      messageId = message.id;
    }
    const values = { reason: input.reason, note: input.note, resolvedBy: input.actor, resolvedAt: new Date(), messageId };
    await tx.insert(bordereauResolutions).values({ runId: run.id, fingerprint: diff.fingerprint, ...values })
      .onConflictDoUpdate({ target: [bordereauResolutions.runId, bordereauResolutions.fingerprint], set: values });

    const resolved = new Set((await tx.select({ fp: bordereauResolutions.fingerprint }).from(bordereauResolutions)
      .where(eq(bordereauResolutions.runId, run.id))).map((r) => r.fp));
    if (outcome!.status === 'reconciled' && outcome!.differences.every((d) => d.status !== 'open' || resolved.has(d.fingerprint))) {
      await tx.update(tasks).set({ status: 'completed', result: { acknowledged: true }, completedBy: input.actor, completedAt: new Date() })
        .where(and(eq(tasks.kind, 'review_bordereau'), eq(tasks.status, 'open'), sql`${tasks.subject}->>'bordereauRunId' = ${run.id}`));
    }
    return { kind: 'resolved', message } as const;
  });
}

/** The message that tells the insurer our corrected data for this difference. */
async function correctionMessage(
  tx: Db, employerId: string, supplierId: string, d: BordereauDifference, actor: string,
): Promise<{ message: MessageRow } | { why: 'nothing_of_ours' | 'person_unknown' | 'no_enrollment' | 'no_message_channel' }> {
  const what = correctionFor(d);
  if (!what) return { why: d.kind === 'billed_not_enrolled' ? 'no_enrollment' : 'nothing_of_ours' };
  const [employer] = await tx.select({ country: employers.country }).from(employers).where(eq(employers.id, employerId));
  const today = employerToday(employer.country, Date.now());
  // The national id is on the insurer's line; ours may be written with dots and dashes.
  const [person] = await tx.select({ id: persons.id }).from(persons)
    .where(and(eq(persons.employerId, employerId), isNull(persons.erasedAt),
      sql`regexp_replace(coalesce(${persons.data}->>'nationalId', ''), '[-. ]', '', 'g') = ${d.nationalId}`)).limit(1);
  if (!person) return { why: 'person_unknown' };
  const covering = await tx.select({
    id: enrollments.id, startDate: enrollments.startDate, endDate: enrollments.endDate, member: familyMembers.data,
  }).from(enrollments).innerJoin(plans, eq(plans.id, enrollments.planId)).leftJoin(familyMembers, eq(familyMembers.id, enrollments.familyMemberId))
    .where(and(eq(enrollments.personId, person.id), eq(plans.supplierId, supplierId),
      what.member ? sql`${enrollments.familyMemberId} is not null` : isNull(enrollments.familyMemberId)))
    .orderBy(desc(enrollments.startDate));
  const enrollment = what.member
    ? covering.find((e) => {
      const m = (e.member ?? {}) as Record<string, unknown>;
      const key = normId(m.nationalId) || `${m.birthDate as string}/${String(m.firstName ?? '').toLowerCase()}`;
      return key === d.memberKey;
    })
    : covering[0];
  if (!enrollment) return { why: 'no_enrollment' };
  const spec = what.kind === 'change'
    ? { kind: 'change' as const, factDate: today, changedFields: what.fields }
    : enrollment.endDate
      ? { kind: 'termination' as const, factDate: enrollment.endDate }
      : { kind: 'enrollment' as const, factDate: enrollment.startDate };
  const message = await createMessage(tx, { employerId, supplierId, personId: person.id, enrollmentId: enrollment.id, ...spec }, actor, today);
  return message ? { message } : { why: 'no_message_channel' };
}
