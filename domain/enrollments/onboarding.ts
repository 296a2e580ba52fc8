/**
 * Onboarding profiles (indienstprofielen): the plans a new hire is enrolled in, and when each
 * enrollment starts. Pure.
 */
import { addDays } from '../shared/calendar';

export interface OnboardingPlan {
  planId: string;
  /** Days after the hire date the enrollment starts (0: on the hire date). */
  startOffsetDays: number;
  /** A fixed deviating start (e.g. the plan's next renewal date) instead of the offset. */
  startDate?: string | null;
}

/**
 * The start of a hire's enrollment in one plan of a profile: the fixed start date when the
 * profile sets one — but never before the hire date (no cover before employment) — else the
 * hire date plus the offset.
 */
export function onboardingStart(hireDate: string, plan: OnboardingPlan): string {
  if (plan.startDate) return plan.startDate < hireDate ? hireDate : plan.startDate;
  return addDays(hireDate, plan.startOffsetDays ?? 0);
}
