/**
 * Who newly qualifies for a benefit and who no longer does, and why: a person's eligibility now
 * against the one stored at the last review. The reasons come from the fields whose conditions
 * changed (`compileExplainer`), so a departure, a birthday or a category change is named as such.
 * Pure; states hold field names, never values.
 */

export const ELIGIBILITY_REASONS = [
  'hire', 'departure', 'age', 'seniority', 'category', 'salary_class', 'work_time', 'country', 'custom_field', 'data_change', 'rule_change', 'first_review',
] as const;
export type EligibilityReason = (typeof ELIGIBILITY_REASONS)[number];
export type EligibilityChangeKind = 'newly_eligible' | 'no_longer_eligible';

/** What a review stores per person × benefit type. */
export interface EligibilityState {
  eligible: boolean;
  /** The fields whose conditions keep the person out (empty when eligible). */
  failing: string[];
  /** The version of the type's rule the state was computed with. */
  ruleVersion: number;
}

const FIELD_REASONS: Record<string, EligibilityReason> = {
  age: 'age', birthDate: 'age', seniority: 'seniority', category: 'category', salaryClass: 'salary_class',
  workSchedulePercent: 'work_time', country: 'country',
};

/** The reason a field's condition gives: employment fields say hire when gained, departure when lost. */
function reasonOf(field: string, gained: boolean): EligibilityReason {
  if (field === 'status' || field === 'exitDate' || field === 'hireDate') return gained ? 'hire' : 'departure';
  if (field.startsWith('custom.')) return 'custom_field';
  return FIELD_REASONS[field] ?? 'data_change';
}

/**
 * The change between the stored state and the one now, or null. A person without a stored state
 * is new to the review: eligible, they newly qualify (`hire`, or `first_review` when the type
 * was never reviewed); not eligible, nothing to report. A changed rule adds `rule_change`.
 */
export function eligibilityChange(before: EligibilityState | undefined, now: EligibilityState, typeReviewedBefore: boolean):
  { change: EligibilityChangeKind; reasons: EligibilityReason[] } | null {
  if (!before) return now.eligible ? { change: 'newly_eligible', reasons: [typeReviewedBefore ? 'hire' : 'first_review'] } : null;
  if (before.eligible === now.eligible) return null;
  const gained = now.eligible;
  // Gained: what kept them out before; lost: what keeps them out now.
  const fields = gained ? before.failing : now.failing;
  const reasons = new Set<EligibilityReason>(fields.map((f) => reasonOf(f, gained)));
  if (before.ruleVersion !== now.ruleVersion) reasons.add('rule_change');
  // A departure explains a loss on its own: the other conditions only failed because of it.
  if (!gained && reasons.has('departure')) return { change: 'no_longer_eligible', reasons: ['departure'] };
  return { change: gained ? 'newly_eligible' : 'no_longer_eligible', reasons: [...reasons].sort() };
}
