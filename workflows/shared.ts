/**
 * What api/ and worker/ may import about workflows: names, task queue, signals, queries and
 * updates. Nothing here runs workflow code.
 */
import { defineQuery } from '@temporalio/workflow';

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
