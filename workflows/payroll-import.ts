import { ActivityFailure, ApplicationFailure, deprecatePatch, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ChangeCounts } from '../activities/payroll/import';
import { IMPORT_CONFLICT, INVALID_PAYROLL_FILE, type PayrollImportProgress, getImportProgress } from './shared';
import { IMPORT_STEP, RECORD_FAILURE } from './retry-policies';

const { importPayrollFile } = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: IMPORT_STEP,
});

const { createImportMessages, reviewImportEligibility } = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: IMPORT_STEP,
});

// Rules over a million people read the snapshot once: minutes at most.
const { auditPayrollImport } = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
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
 * snapshot, diff it against the previous period and store it, run the employer's audit rules,
 * then create the messages its changes call for and review who is eligible for internal benefits. Carries ids and counts only; the file's contents stay in the activities
 * and the database.
 */
export async function payrollImport({ importId }: PayrollImportInput): Promise<PayrollImportResult> {
  const progress: PayrollImportProgress = { importId, stage: 'validating', rowCount: null };
  setHandler(getImportProgress, () => progress);
  try {
    // Imports that validated and stored in two activities have drained (docs/architecture.md,
    // "Retired workflow paths"); histories recorded with this patch still replay.
    deprecatePatch('import-in-one-pass');
    // One activity reads, validates and stores: the database works while the file is read.
    const applied = await importPayrollFile(importId);
    if (!applied.ok) throw rejected(progress, importId, applied.errorCount);
    // The employer's audit rules, after the diff and before any message goes out: a person
    // with a blocking finding is held. Imports started before the audit existed skip it.
    if (patched('audit-rules')) {
      progress.stage = 'auditing';
      await auditPayrollImport({ importId });
    }
    // Imports started before messages existed finish as they began (replay-safe).
    if (patched('messages-from-import')) {
      await createImportMessages({ importId, at: Date.now() });
    }
    // Who newly qualifies for an internal benefit and who no longer does: review tasks for HR
    // (imports started before internal benefits existed skip it).
    if (patched('benefit-eligibility')) {
      await reviewImportEligibility({ importId, now: Date.now() });
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
