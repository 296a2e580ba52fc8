import { ActivityFailure, ApplicationFailure, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ChangeCounts } from '../activities/payroll/import';
import { BASELINE_MOVED, IMPORT_CONFLICT, INVALID_PAYROLL_FILE, PayrollImportProgress, getImportProgress } from './shared';
import { IMPORT_STEP, RECORD_FAILURE } from './retry-policies';

const { importPayrollFile, validatePayrollFile, applyPayrollSnapshot } = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: IMPORT_STEP,
});

const { createImportMessages } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: IMPORT_STEP,
});

const { markImportFailed } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: RECORD_FAILURE,
});

export interface PayrollImportInput {
  importId: string;
}

export interface PayrollImportResult {
  importId: string;
  rowCount: number;
  changeCounts: ChangeCounts;
}

/**
 * One payroll snapshot of one employer and period: validate the file into a canonical
 * snapshot, diff it against the previous period and store it, then create the messages its
 * changes call for. Carries ids and counts only; the file's contents stay in the activities
 * and the database.
 */
export async function payrollImport({ importId }: PayrollImportInput): Promise<PayrollImportResult> {
  const progress: PayrollImportProgress = { importId, stage: 'validating', rowCount: null };
  setHandler(getImportProgress, () => progress);
  try {
    let applied: { rowCount: number; changeCounts: ChangeCounts };
    if (patched('import-in-one-pass')) {
      // One activity reads, validates and stores: the database works while the file is read.
      const imported = await importPayrollFile(importId);
      if (!imported.ok) throw rejected(progress, importId, imported.errorCount);
      applied = imported;
    } else {
      applied = await validateThenApply(importId, progress);
    }
    // Imports started before messages existed finish as they began (replay-safe).
    if (patched('messages-from-import')) {
      await createImportMessages({ importId, today: new Date(Date.now()).toISOString().slice(0, 10) });
    }
    progress.rowCount = applied.rowCount;
    progress.stage = 'completed';
    return { importId, rowCount: applied.rowCount, changeCounts: applied.changeCounts };
  } catch (err) {
    progress.stage = 'failed';
    if (err instanceof ApplicationFailure) throw err;
    if (isFailureOfType(err, IMPORT_CONFLICT)) {
      throw ApplicationFailure.create({ type: IMPORT_CONFLICT, nonRetryable: true, message: (err as ActivityFailure).cause!.message });
    }
    await markImportFailed(importId, 'the import failed on an internal error; it can be uploaded again');
    throw ApplicationFailure.create({ type: 'ImportFailed', nonRetryable: true, message: 'payroll import failed', cause: err as Error });
  }
}

/** The path of imports started before importPayrollFile: validate into files, then store them. */
async function validateThenApply(importId: string, progress: PayrollImportProgress) {
  const validated = await validatePayrollFile(importId);
  if (!validated.ok) throw rejected(progress, importId, validated.errorCount);
  progress.rowCount = validated.rowCount;
  progress.stage = 'applying';
  try {
    return await applyPayrollSnapshot(importId);
  } catch (err) {
    // Another import of this employer completed between validation and storing: the
    // delta was computed against an outdated baseline. Validate again, once.
    if (!isFailureOfType(err, BASELINE_MOVED)) throw err;
    progress.stage = 'validating';
    const again = await validatePayrollFile(importId);
    if (!again.ok) throw err;
    progress.stage = 'applying';
    return applyPayrollSnapshot(importId);
  }
}

function rejected(progress: PayrollImportProgress, importId: string, errorCount: number): ApplicationFailure {
  progress.stage = 'failed';
  return ApplicationFailure.create({
    type: INVALID_PAYROLL_FILE, nonRetryable: true,
    message: `payroll file rejected with ${errorCount} error(s); see the import's errors`,
    details: [{ importId, errorCount }],
  });
}

function isFailureOfType(err: unknown, type: string): boolean {
  return err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.type === type;
}
