/**
 * Which parts of an accident case are health facts (art. 9 GDPR), shown only with the
 * `accidents.health` permission. Without it a case shows what following it up needs (status,
 * deadline, insurer, claim, declaration, the insurer's allowance payments) and none of these:
 * no incapacity, return to work or death, no medical document's kind or validity, no detail of
 * history entries, nothing derived from a sick note (its reminder, its task), nor the close
 * blocker saying work has not resumed.
 */
import { WORK_NOT_RESUMED } from './plan';

/** History entries that are health facts themselves. */
export const HEALTH_EVENTS: ReadonlySet<string> = new Set(['incapacity_started', 'work_resumed']);
/** History entries whose detail names no health fact: shown to every case reader. */
export const PLAIN_EVENT_DETAIL: ReadonlySet<string> = new Set(['case_opened', 'declared', 'claim_number', 'portal_reference']);
/** Document kinds that are medical (a declaration is the case's own paper). */
export const HEALTH_DOCUMENTS: ReadonlySet<string> = new Set(['medical_certificate', 'sick_note', 'other']);
/** Task kinds that tell a health fact (a sick note ends). */
export const HEALTH_TASK_KINDS: ReadonlySet<string> = new Set(['accident_sick_note_ending']);
/** Close blockers that tell a health fact (the victim is still off work). */
export const HEALTH_BLOCKERS: ReadonlySet<string> = new Set([WORK_NOT_RESUMED]);
/** A planned step about a sick note (its end). */
export const isSickNoteStep = (kind: string) => kind.startsWith('sick_note');
