import type { ActivityOptions, RetryPolicy } from '@temporalio/workflow';

/**
 * How the workflows retry their activities, by kind of step. Each proxyActivities /
 * proxyLocalActivities picks one of these; the timeouts stay with the step.
 */

/** Short database steps of the cycle and the accident case: a database restart or a lock wait passes within minutes. */
export const DATABASE_STEP: RetryPolicy = { initialInterval: '2s', maximumInterval: '1 minute', maximumAttempts: 20 };

/**
 * A message's own database steps (local activities): idempotent, and the message cannot move on
 * without them, so they retry until they succeed.
 */
export const MESSAGE_DATABASE_STEP: RetryPolicy = { initialInterval: '1s', maximumInterval: '1 minute' };

/** Calls to other people's servers (mail, report and declaration delivery): backoff for about a day. */
const OTHER_PEOPLES_SERVERS: RetryPolicy = { initialInterval: '30s', backoffCoefficient: 2, maximumInterval: '2 hours', maximumAttempts: 15 };
/** The activity options of such a call: one attempt may take a slow server's full time. */
export const OUTWARD_CALL: ActivityOptions = { startToCloseTimeout: '5 minutes', retry: OTHER_PEOPLES_SERVERS };

/**
 * Message delivery: 5xx and timeouts retry with backoff (10 s … 30 min, about 4 hours in all);
 * after the last attempt the message is Fout bij verzenden. A refusal (4xx) is a result, not a retry.
 */
export const DELIVERY_RETRY = { initialInterval: '10s', backoffCoefficient: 2, maximumInterval: '30m', maximumAttempts: 12 } as const satisfies RetryPolicy;

/** Asking a supplier for its answer: a few tries; the workflow asks again later anyway. */
export const SUPPLIER_POLL: RetryPolicy = { initialInterval: '5s', maximumInterval: '1 minute', maximumAttempts: 3 };

/** The payroll import's steps (read, validate, apply, create its messages): a bounded number of tries. */
export const IMPORT_STEP: RetryPolicy = { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 10 };

/** Recording that an import failed: must land, so it tries longer than the step that failed. */
export const RECORD_FAILURE: RetryPolicy = { maximumInterval: '30s', maximumAttempts: 20 };

/** A report delivered again because a user asked: a few quick tries, so the user sees the outcome. */
export const DELIVERY_ON_REQUEST: ActivityOptions = { startToCloseTimeout: '2 minutes', retry: { initialInterval: '3s', backoffCoefficient: 2, maximumAttempts: 3 } };
