/** Rules of one enrollment: its dates, its overlaps and what a new end date means. */
import type { EnrollmentRefusal } from './problems';

export interface Span {
  startDate: string;
  endDate: string | null;
}

/** Whether [a] and [b] share a day (an open end runs forever). */
export const overlaps = (a: Span, b: Span) =>
  a.startDate <= (b.endDate ?? '9999-12-31') && b.startDate <= (a.endDate ?? '9999-12-31');

/** A person's (or family member's) enrollments in one plan: they may not overlap. */
export const enrollmentGroupKey = (personId: string, familyMemberId: string | null, planId: string) =>
  `${personId}|${familyMemberId ?? ''}|${planId}`;

/**
 * An end date before the start date: named by the date the caller gave (`endDateGiven`), else by
 * the start date that moved past the end.
 */
export function dateOrderRefusal(next: Span, endDateGiven: boolean): EnrollmentRefusal | null {
  if (!next.endDate || next.endDate >= next.startDate) return null;
  return endDateGiven
    ? { kind: 'invalid', field: 'endDate', message: 'must be on or after startDate' }
    : { kind: 'invalid', field: 'startDate', message: 'must be on or before the enrollment\'s end date' };
}

/** What an end date given for an existing enrollment does to it. A missing one never removes an end. */
export function endDateEffect(current: string | null, given: string | null): 'unchanged' | 'ended' | 'updated' {
  if (!given || given === current) return 'unchanged';
  return current === null ? 'ended' : 'updated';
}

/** A code names one plan; when suppliers share a code, the one linked to the employer. */
export function resolvePlanCode<P extends { supplierId: string }>(candidates: P[], linkedSuppliers: ReadonlySet<string>): P | 'unknown' | 'ambiguous' {
  if (candidates.length === 1) return candidates[0];
  if (!candidates.length) return 'unknown';
  const ofLinked = candidates.filter((p) => linkedSuppliers.has(p.supplierId));
  return ofLinked.length === 1 ? ofLinked[0] : 'ambiguous';
}
