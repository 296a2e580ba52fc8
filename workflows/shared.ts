/**
 * What api/ and worker/ may import about workflows: names, task queue, signals, queries and
 * updates. Nothing here runs workflow code.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';

export const DEFAULT_TASK_QUEUE = 'mutaflow';

export const payrollImportWorkflowId = (employerId: string, period: string) => `payroll-import-${employerId}-${period}`;

export type PayrollImportStage = 'queued' | 'validating' | 'applying' | 'completed' | 'failed';

export interface PayrollImportProgress {
  importId: string;
  stage: PayrollImportStage;
  rowCount: number | null;
}

export const getProgress = defineQuery<PayrollImportProgress>('getProgress');

/** Failure types a payroll import ends with; the API maps them to answers. */
export const INVALID_PAYROLL_FILE = 'InvalidPayrollFile';
export const IMPORT_CONFLICT = 'ImportConflict';
export const BASELINE_MOVED = 'BaselineMoved';

// ── insurer messages ────────────────────────────────────────────────────────────────────
export const messageWorkflowId = (messageId: string) => `message-${messageId}`;

export interface InsurerMessageInput {
  messageId: string;
  version: number;
}

export type MessageStage = 'preparing' | 'incomplete' | 'waiting_for_send_date' | 'sending' | 'awaiting_answer' | 'done';

export interface MessageState {
  messageId: string;
  version: number;
  stage: MessageStage;
}

/** The person's or enrollment's data changed: an unsent message re-assesses itself. */
export const messageDataChanged = defineSignal('messageDataChanged');
/** The supplier's answer for this version is stored (message_answers): apply it. */
export const supplierAnswered = defineSignal<[{ version: number }]>('supplierAnswered');
/** A newer version was recorded (manual or automatic resend): continue as that version. */
export const resendRequested = defineSignal<[{ version: number }]>('resendRequested');
/** The message was cancelled in the database: stop. */
export const messageCancelled = defineSignal('messageCancelled');
export const getMessageState = defineQuery<MessageState>('getMessageState');

/** Failure types of message activities. */
export const SUPPLIER_UNAVAILABLE = 'SupplierUnavailable';
