/**
 * What api/ and worker/ may import about workflows: names, task queue, signals, queries and
 * updates. Nothing here runs workflow code.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { DeclarationLang } from '../domain/accidents/declaration';
import type { AccidentCaseStatus } from '../domain/accidents/status';

export {
  ALREADY_DECLARED, CASE_CLOSED, CASE_NOT_SETTLED, IMPORT_CONFLICT, INVALID_COMPARISON_FILE, INVALID_PAYROLL_FILE, NOT_DECLARED, TASK_NOT_OPEN,
} from '../domain/shared/failure-types';


export const payrollImportWorkflowId = (employerId: string, period: string) => `payroll-import-${employerId}-${period}`;

export const PAYROLL_IMPORT_STAGES = ['queued', 'validating', 'applying', 'auditing', 'completed', 'failed'] as const;
export type PayrollImportStage = (typeof PAYROLL_IMPORT_STAGES)[number];

export interface PayrollImportProgress {
  importId: string;
  stage: PayrollImportStage;
  rowCount: number | null;
}

export const getImportProgress = defineQuery<PayrollImportProgress>('getImportProgress');

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

// ── the monthly cycle ───────────────────────────────────────────────────────────────────
export const cycleWorkflowId = (employerId: string, period: string) => `cycle-${employerId}-${period}`;
export const cycleScheduleId = (employerId: string) => `cycle-schedule-${employerId}`;

export interface MonthlyCycleInput {
  employerId: string;
  period: string;
  /**
   * `schedule`, or the caller by id (`user:<id>`, `token:<id>`; api/actor.ts workflowActorOf) for
   * a cycle started on demand — never an e-mail address. Histories from before carry `user:<email>`.
   */
  startedBy: string;
  /**
   * Where a cycle that continued as new in its tasks stage goes on: ids, flags and counts only.
   * Absent when a cycle starts.
   */
  resume?: CycleResume;
  /** Continue as new after this many history events in the tasks stage (tests lower it; default 10,000). */
  historyLimit?: number;
}

/** A cycle's state at its tasks stage, carried into the next run when its history grew long. */
export interface CycleResume {
  cycleId: string;
  importId: string;
  counts: Record<string, number>;
  /** The open tasks of the tasks stage, of blocking findings, and of the monthly comparisons. */
  open: string[];
  review: string[];
  controls: string[];
  nextAt: number | null;
  reviewNextAt: number | null;
  /** What the first run decided by its patches (a resumed run must not decide them again). */
  auditing: boolean;
  benefits: boolean;
  comparing: boolean;
}

export type CycleStage =
  | 'starting'
  | 'waiting_for_import'
  | 'audit'
  | 'classification'
  | 'tasks'
  | 'completeness'
  | 'messages'
  | 'findings'
  | 'reports'
  | 'delivery'
  | 'comparisons'
  | 'contributions'
  | 'closed';

export interface CycleProgress {
  cycleId: string | null;
  employerId: string;
  period: string;
  stage: CycleStage;
  /** What the cycle waits for, in words: the payroll import, open tasks, a delivery. */
  waitingFor: string | null;
  importId: string | null;
  openTasks: number;
  counts: Record<string, number>;
}

export const getCycleProgress = defineQuery<CycleProgress>('getCycleProgress');
/** The period's payroll import completed (sent by the import workflow; the cycle also checks daily). */
export const payrollImported = defineSignal<[{ importId: string }]>('payrollImported');
/** A monthly comparison's file for the cycle's period was uploaded: the cycle looks at its comparisons again. */
export const comparisonFileUploaded = defineSignal<[{ definitionId: string }]>('comparisonFileUploaded');

export type TaskResult =
  | { confirm: true; startDate?: string; endDate?: string }
  | { confirm: false; reason: string }
  | { value: string }
  | { acknowledged: true; reason?: string }
  /** "Payroll differs from the correction": keep ours, take the payroll's, or the payroll will be fixed. */
  | { resolution: 'keep_ours' | 'take_payroll' | 'payroll_will_be_fixed' };

export interface CompleteTaskInput {
  taskId: string;
  /** The answer as stored in task_answers: its content (maybe personal data) never enters the workflow. */
  answerId: string;
  /** Who answered, by id (`user:<id>`, `token:<id>`): no e-mail address in the history. */
  by: string;
}

/** Completes one task; the validator refuses a task that is not open in this cycle (one winner). */
export const completeTask = defineUpdate<{ status: string }, [CompleteTaskInput]>('completeTask');

/** At most this many tasks in one `completeTasks` update (the API sends larger batches in parts). */
export const COMPLETE_TASKS_MAX = 100;
export interface CompleteTasksInput {
  /** Each task with its stored answer (ids only, as for completeTask). */
  tasks: { taskId: string; answerId: string }[];
  by: string;
}
/**
 * Completes several of the cycle's tasks at once (HR confirming a month's enrollments together):
 * one update and one local activity instead of one of each per task. Each task's status after
 * it, by id; a task not open in this cycle (completed meanwhile, or someone else's update is
 * completing it) is `not_open` and left as it is. The validator refuses the update when none is open.
 */
export const completeTasks = defineUpdate<{ statuses: Record<string, string> }, [CompleteTasksInput]>('completeTasks');
export const NOT_OPEN_STATUS = 'not_open';

// ── work-accident cases ─────────────────────────────────────────────────────────────────
export const accidentWorkflowId = (accidentId: string) => `accident-${accidentId}`;

export interface AccidentCaseInput {
  accidentId: string;
}

/** What the case workflow waits for: its next step and instant, and what keeps it open. */
export interface AccidentProgress {
  accidentId: string;
  status: AccidentCaseStatus;
  deadlineDate: string;
  deadlineAt: string;
  nextStep: { kind: string; key: string; at: string } | null;
  closeBlockers: string[];
}

export const getAccidentProgress = defineQuery<AccidentProgress>('getAccidentProgress');
/** A document was added or the case's data changed in the database: plan again. */
export const accidentChanged = defineSignal('accidentChanged');

export interface DeclareAccidentInput {
  /** Who declares, by id (`user:<id>`, `token:<id>`): no e-mail address in the history. */
  by: string;
  /** `channel`: over the insurer's delivery; `download`: kept for the social security portal. */
  via: 'channel' | 'download';
  lang: DeclarationLang;
}
export interface DeclareAccidentResult {
  documentId: string;
  via: 'channel' | 'download';
  delivered: boolean;
}
/** Renders the declaration PDF, stores it, sends it where asked; once (a second declaration is refused). */
export const declareAccident = defineUpdate<DeclareAccidentResult, [DeclareAccidentInput]>('declareAccident');

/** Events a user records on a case through the API (stored first, not applied, then applied by the workflow). */
export type AccidentEventKind = 
  | 'payment_received'
  | 'work_resumed'
  | 'incapacity_started'
  | 'claim_number'
  | 'portal_reference';
export interface AccidentEventInput {
  /** The accident_events row holding the event's details; only its id enters the workflow. */
  eventId: string;
  kind: AccidentEventKind;
}
export const recordAccidentEvent = defineUpdate<{ applied: true }, [AccidentEventInput]>('recordAccidentEvent');
/** A payment check or sick-note task answered from the shared inbox ({ acknowledged: true }). */
export const completeAccidentTask = defineUpdate<{ status: string }, [CompleteTaskInput]>('completeAccidentTask');
/** Closes a settled case; the validator names what is not settled yet. */
export const closeAccident = defineUpdate<{ status: 'closed' }, [{ by: string }]>('closeAccident');

// ── the periodic sweep ─────────────────────────────────────────────────────────────────
export const SWEEP_SCHEDULE_ID = 'mutaflow-sweep';
export const SWEEP_WORKFLOW_ID = 'mutaflow-sweep';

// ── comparisons of two systems' files ───────────────────────────────────────────────────
export const comparisonWorkflowId = (runId: string) => `comparison-${runId}`;

export const COMPARISON_STAGES = ['queued', 'comparing', 'completed', 'failed'] as const;
export type ComparisonStage = (typeof COMPARISON_STAGES)[number];

export interface ComparisonProgress {
  runId: string;
  stage: ComparisonStage;
}

/** The run's stage; rows read so far come from the comparing activity's heartbeat. */
export const getComparisonProgress = defineQuery<ComparisonProgress>('getComparisonProgress');

/** A report delivered again on request: one at a time per report (a second request while it runs is refused). */
export const reportRedeliveryWorkflowId = (reportId: string) => `report-redelivery-${reportId}`;

// ── statements in bulk ──────────────────────────────────────────────────────────────────
export const statementBatchWorkflowId = (batchId: string) => `statement-batch-${batchId}`;

export type StatementBatchStage = 'counting' | 'generating' | 'delivering' | 'completed' | 'failed';

export interface StatementBatchProgress {
  batchId: string;
  stage: StatementBatchStage;
  /** Persons the batch covers (known after counting); the statements done so far are on the batch row. */
  personCount: number | null;
}

export const getStatementBatchProgress = defineQuery<StatementBatchProgress>('getStatementBatchProgress');
