/**
 * The message rules (docs/architecture.md §5), pure. Dates are ISO `yyyy-mm-dd` calendar
 * dates; "today" is always passed in (workflow time), never read from a clock here.
 */
import type { CanonicalField } from '../payroll/canonical';
import { ADDRESS_FIELDS } from '../payroll/canonical';
import type { SupplierKind } from '../suppliers/supplier-kind';
import { addDays, addWorkingDays, daysBetween } from '../shared/calendar';

export type MessageKind = 'enrollment' | 'termination' | 'change';


/** Send date = fact date + 1 day, never before the link's `deliverFrom`. */
export function sendDateFor(factDate: string, deliverFrom: string): string {
  const next = addDays(factDate, 1);
  return next < deliverFrom ? deliverFrom : next;
}

/** Working days a supplier has to answer a sent message, unless its channel says otherwise. */
export const DEFAULT_ANSWER_WINDOW_WORKING_DAYS = 5;

/**
 * The last day a supplier may answer a message sent on `sentDate` (the employer's date):
 * `windowWorkingDays` working days later. Not answered by the end of that day, the message is
 * overdue — a task for HR and a mark in the monitor.
 */
export function answerDueDate(sentDate: string, windowWorkingDays: number = DEFAULT_ANSWER_WINDOW_WORKING_DAYS): string {
  return addWorkingDays(sentDate, windowWorkingDays);
}

const MAX_START_AGE_DAYS = 120;

/**
 * A message rule the message breaks, explained for HR: what is wrong and how to fix it.
 * `params` carries the figures of the explanation, so the UI can say it in the user's language
 * (`message`/`suggestion` stay English, for the API and older stored breaches).
 */
export interface RuleBreach { code: string; message: string; suggestion?: string; params?: Record<string, string | number> }

/**
 * The codes of the findings Mutaflow itself writes on a message (its warnings and its failure);
 * each has its text in every UI language. A supplier's refusal carries the supplier's own code
 * and words, shown as the supplier wrote them.
 */
export const MESSAGE_FINDING_CODES = ['start_too_old', 'no_channel', 'credentials_refused', 'retries_exhausted', 'redirect_not_followed'] as const;

/**
 * An enrollment starting more than 120 days before it reaches the insurer fails: the insurer
 * would set the policy start to the receipt date instead. 120 days is still accepted.
 */
export function startTooOld(kind: MessageKind, startDate: string | null, sendDate: string): RuleBreach | null {
  if (kind !== 'enrollment' || !startDate) return null;
  const age = daysBetween(startDate, sendDate);
  if (age <= MAX_START_AGE_DAYS) return null;
  const earliestStart = addDays(sendDate, -MAX_START_AGE_DAYS);
  return {
    code: 'start_too_old',
    message: `the enrollment starts ${age} days before the send date ${sendDate}; insurers accept at most ${MAX_START_AGE_DAYS} days and would start the policy on the receipt date instead`,
    suggestion: `correct the enrollment (a start on or after ${earliestStart}, or agree a backdated start with the insurer and record it), which creates a new message`,
    params: { startDate, ageDays: age, sendDate, maxDays: MAX_START_AGE_DAYS, earliestStart },
  };
}

/**
 * The earliest start an enrollment message made on `today` may carry without failing the 120-day
 * rule: it leaves on the later of today and the link's `deliverFrom` (start + 1 lies before both for
 * a start that old). What HR is offered when correcting a start after the failure.
 */
export function earliestAcceptedStart(today: string, deliverFrom: string | null): string {
  return addDays(deliverFrom && deliverFrom > today ? deliverFrom : today, -MAX_START_AGE_DAYS);
}

/** No message leaves without these, whatever its kind. */
const REQUIRED_IN_EVERY_MESSAGE: CanonicalField[] = ['nationalId', 'lastName', 'birthDate'];

/** Fields a message cannot leave without, by message kind and supplier kind. */
export function requiredFields(kind: MessageKind, supplierKind: SupplierKind): CanonicalField[] {
  if (kind !== 'enrollment') return [...REQUIRED_IN_EVERY_MESSAGE];
  const insurer = supplierKind === 'health_insurer' || supplierKind === 'hospitalisation' || supplierKind === 'group_insurance';
  return insurer ? [...REQUIRED_IN_EVERY_MESSAGE, 'gender', ...ADDRESS_FIELDS] : [...REQUIRED_IN_EVERY_MESSAGE];
}

export function missingFields(data: Record<string, unknown>, required: readonly string[]): string[] {
  return required.filter((f) => data[f] === null || data[f] === undefined || data[f] === '');
}

/** A change of these re-sends a sent message by itself (the insurer identifies people by them). */
const AUTO_RESEND_FIELDS: readonly string[] = ['nationalId', 'birthDate', 'startDate', 'endDate'];
/** A change of these after sending only marks the message "changed since sent"; HR resends by hand. */
const MANUAL_RESEND_FIELDS: readonly string[] = [
  'gender', 'nationality', 'initials', 'namePrefix', 'lastName', 'firstName', 'partnerLastName', 'partnerNamePrefix',
  ...ADDRESS_FIELDS,
];

/** What a data change means for a message already sent: resend it, flag it, or nothing. */
export function afterSendEffect(fields: readonly string[]): { resend: boolean; flag: string[] } {
  return {
    resend: fields.some((f) => AUTO_RESEND_FIELDS.includes(f)),
    flag: fields.filter((f) => MANUAL_RESEND_FIELDS.includes(f)),
  };
}
