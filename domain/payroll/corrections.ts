/**
 * HR's corrections of data the payroll also supplies. A correction stays until the payroll
 * brings HR's value; an import bringing yet another value is flagged for HR ("payroll differs
 * from the correction"): keep ours, take the payroll's, or the payroll will be fixed.
 */
export interface CorrectionState {
  /** HR's value. */
  value: string | null;
  /** What the payroll said when HR corrected it, or what HR last chose to keep its value over. */
  payrollValue: string | null;
}

/** `agrees`: the payroll brings HR's value (the correction ends); `kept`: nothing new; `differs`: flag it for HR. */
export type CorrectionOutcome = 'agrees' | 'kept' | 'differs';

export function reconcileCorrection(c: CorrectionState, payroll: string | null): CorrectionOutcome {
  if (payroll === c.value) return 'agrees';
  if (payroll === c.payrollValue) return 'kept';
  return 'differs';
}

/** HR's answers to "payroll differs from the correction". */
export const CORRECTION_RESOLUTIONS = ['keep_ours', 'take_payroll', 'payroll_will_be_fixed'] as const;
export type CorrectionResolution = (typeof CORRECTION_RESOLUTIONS)[number];
