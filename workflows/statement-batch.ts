import { ActivityFailure, ApplicationFailure, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { type StatementBatchProgress, getStatementBatchProgress } from './shared';
import { DATABASE_STEP, IMPORT_STEP, OUTWARD_CALL, RECORD_FAILURE } from './retry-policies';

const { prepareStatementBatch, completeStatementBatch } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: DATABASE_STEP });
const { generateStatementBatch } = proxyActivities<Activities>({ startToCloseTimeout: '1 hour', heartbeatTimeout: '2 minutes', retry: IMPORT_STEP });
const { deliverStatementBatch } = proxyActivities<Activities>(OUTWARD_CALL);
const { markStatementBatchFailed } = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: RECORD_FAILURE });

export interface StatementBatchInput {
  batchId: string;
}

/** Counts only: the statements themselves stay in the activity and the file store. */
export interface StatementBatchResult {
  batchId: string;
  personCount: number;
  delivered: boolean;
}

/**
 * All statements of an employer's persons into one ZIP (statement_batches row `batchId`):
 * count, generate (one activity, heartbeating, the batch row counting the persons done),
 * deliver by e-mail where asked. Carries the batch id and counts only.
 */
export async function statementBatch({ batchId }: StatementBatchInput): Promise<StatementBatchResult> {
  const progress: StatementBatchProgress = { batchId, stage: 'counting', personCount: null };
  setHandler(getStatementBatchProgress, () => progress);
  try {
    progress.personCount = (await prepareStatementBatch(batchId)).personCount;
    progress.stage = 'generating';
    const generated = await generateStatementBatch(batchId);
    progress.personCount = generated.personCount;
    progress.stage = 'delivering';
    const { delivered } = await deliverStatementBatch(batchId);
    await completeStatementBatch(batchId);
    progress.stage = 'completed';
    return { batchId, personCount: generated.personCount, delivered };
  } catch (err) {
    progress.stage = 'failed';
    const cause = err instanceof ActivityFailure && err.cause instanceof ApplicationFailure ? err.cause : null;
    await markStatementBatchFailed(batchId, cause?.nonRetryable ? cause.message : 'the statements failed on an internal error; start them again');
    throw ApplicationFailure.create({ type: cause?.type ?? 'StatementBatchFailed', nonRetryable: true, message: 'statement batch failed' });
  }
}
