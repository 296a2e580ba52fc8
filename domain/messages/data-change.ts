/**
 * What HR's correction of a person's data does to each of the person's messages — the one rule
 * behind both the correction itself (db/queries/messages.ts `dataChangeEffects`) and its preview
 * before saving (activities/messages/correction-preview.ts), so the two cannot disagree.
 */
import type { MessageStatus } from './lifecycle';
import { countsAsSent, isUnsent } from './lifecycle';
import type { MessageKind, RuleBreach } from './rules';
import { afterSendEffect } from './rules';

/** The fields a patch really changes: given, and different from what is stored (absent and empty count as null). */
export function changedFields(data: Record<string, unknown>, patch: Record<string, unknown>): string[] {
  return Object.keys(patch).filter((k) => (data[k] ?? null) !== (patch[k] ?? null));
}

/**
 * `recheck`: unsent, re-assessed with the new data; `resend`: sent, a new version goes out by itself
 * (national id, birth date, start, end); `flag`: sent, marked "changed since sent" for these fields
 * (HR resends by hand); `none`: untouched (a change message once sent, a failed, cancelled one, or
 * fields no message carries).
 */
export type DataChangeEffect = { effect: 'recheck' } | { effect: 'resend' } | { effect: 'flag'; fields: string[] } | { effect: 'none' };

export function dataChangeEffect(message: { status: MessageStatus; kind: MessageKind }, fields: readonly string[]): DataChangeEffect {
  if (isUnsent(message.status)) return { effect: 'recheck' };
  // A change message says what changed then; a later correction is a message of its own.
  if (!countsAsSent(message.status) || message.kind === 'change') return { effect: 'none' };
  const { resend, flag } = afterSendEffect(fields);
  if (resend) return { effect: 'resend' };
  return flag.length ? { effect: 'flag', fields: flag } : { effect: 'none' };
}

/** What HR is shown before saving, per message. */
export const CORRECTION_OUTCOMES = [
  'completes', 'stays_incomplete', 'becomes_incomplete', 'rechecked', 'will_fail', 'resent', 'changed_since_sent', 'unaffected',
] as const;
export type CorrectionOutcome = (typeof CORRECTION_OUTCOMES)[number];

export interface CorrectionPreview {
  outcome: CorrectionOutcome;
  /** What the message would still lack after the correction (unsent messages). */
  missing: string[];
  /** The fields that would mark a sent message "changed since sent". */
  flagged: string[];
}

/**
 * One message's outcome of a correction. `after` is the message assessed with the corrected data
 * (unsent messages only; see domain/messages/assessment.ts `assess`): what it would lack, and the
 * 120-day breach it would fail on once complete.
 */
export function correctionPreview(
  message: { status: MessageStatus; kind: MessageKind }, fields: readonly string[], after: { missing: string[]; tooOld: RuleBreach | null } | null,
): CorrectionPreview {
  const effect = dataChangeEffect(message, fields);
  if (effect.effect === 'resend') return { outcome: 'resent', missing: [], flagged: [] };
  if (effect.effect === 'flag') return { outcome: 'changed_since_sent', missing: [], flagged: effect.fields };
  if (effect.effect === 'none' || !after) return { outcome: 'unaffected', missing: [], flagged: [] };
  const wasIncomplete = message.status === 'incomplete';
  if (after.missing.length) return { outcome: wasIncomplete ? 'stays_incomplete' : 'becomes_incomplete', missing: after.missing, flagged: [] };
  if (after.tooOld) return { outcome: 'will_fail', missing: [], flagged: [] };
  return { outcome: wasIncomplete ? 'completes' : 'rechecked', missing: [], flagged: [] };
}
