import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { inArray } from 'drizzle-orm';
import { Db } from '../db/client';
import { accidents } from '../db/schema';
import { LIVE_CASE_STATUSES } from '../domain/accidents/status';
import type { accidentCase } from '../workflows/accident-case';
import { accidentWorkflowId } from '../workflows/shared';

/**
 * Starts a case's workflow, or finds it running. A case that ended by closing is never started
 * again; one that failed or was terminated may be.
 */
export async function ensureAccidentWorkflow(client: Client, taskQueue: string, accidentId: string): Promise<'started' | 'running'> {
  try {
    await client.workflow.start<typeof accidentCase>('accidentCase', {
      workflowId: accidentWorkflowId(accidentId), taskQueue, args: [{ accidentId }], workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
    return 'started';
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return 'running';
    throw err;
  }
}

/**
 * Every open or declared case has its workflow: a start lost between the registration's commit
 * and Temporal (a crash, Temporal briefly away) is made good when a worker starts.
 */
export async function resumeAccidentCases(db: Db, client: Client, taskQueue: string): Promise<{ started: number; running: number }> {
  const rows = await db.select({ id: accidents.id }).from(accidents).where(inArray(accidents.status, [...LIVE_CASE_STATUSES]));
  const counts = { started: 0, running: 0 };
  for (const { id } of rows) counts[await ensureAccidentWorkflow(client, taskQueue, id)]++;
  return counts;
}
