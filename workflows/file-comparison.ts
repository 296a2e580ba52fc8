import { ActivityFailure, ApplicationFailure, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { ComparisonCounts } from '../domain/reconciliation/comparison-matcher';
import { type ComparisonProgress, INVALID_COMPARISON_FILE, getComparisonProgress } from './shared';
import { IMPORT_STEP, RECORD_FAILURE } from './retry-policies';

const { runComparison } = proxyActivities<Activities>({
  startToCloseTimeout: '1 hour',
  heartbeatTimeout: '2 minutes',
  retry: IMPORT_STEP,
});

const { markComparisonFailed } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: RECORD_FAILURE,
});

export interface FileComparisonInput {
  runId: string;
}

/** Counts only: the values compared stay in the activity and the database. */
export interface FileComparisonResult {
  runId: string;
  counts: ComparisonCounts;
}

/**
 * One comparison of two systems' files (or the payroll photo and a file): the activity reads both
 * sides, matches them by key and stores the result lines. Carries the run id and counts only.
 */
export async function fileComparison({ runId }: FileComparisonInput): Promise<FileComparisonResult> {
  const progress: ComparisonProgress = { runId, stage: 'comparing' };
  setHandler(getComparisonProgress, () => progress);
  let outcome;
  try {
    outcome = await runComparison(runId);
  } catch (err) {
    progress.stage = 'failed';
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure && err.cause.nonRetryable) throw err.cause;
    await markComparisonFailed(runId, 'the comparison failed on an internal error; it can be run again');
    throw ApplicationFailure.create({ type: 'ComparisonFailed', nonRetryable: true, message: 'comparison failed' });
  }
  if (!outcome.ok) {
    progress.stage = 'failed';
    throw ApplicationFailure.create({
      type: INVALID_COMPARISON_FILE, nonRetryable: true,
      message: `comparison file refused with ${outcome.errorCount} error(s); see the run's errors`,
      details: [{ runId, errorCount: outcome.errorCount }],
    });
  }
  progress.stage = 'completed';
  return { runId, counts: outcome.counts };
}
