import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/common';
import { SCHEDULE_ACTOR } from '../domain/shared/actor';
import { cyclePeriodFor } from '../domain/shared/calendar';
import { monthlyCycle } from './monthly-cycle';
import { cycleWorkflowId } from './shared';

/**
 * What an employer's Temporal Schedule starts each month: the cycle of the month before, under
 * its business id. A schedule firing twice (catch-up after downtime) starts it once.
 */
export async function scheduledCycle({ employerId }: { employerId: string }): Promise<{ period: string; started: boolean }> {
  const period = cyclePeriodFor(Date.now());
  try {
    await startChild(monthlyCycle, {
      workflowId: cycleWorkflowId(employerId, period),
      args: [{ employerId, period, startedBy: SCHEDULE_ACTOR }],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
    return { period, started: true };
  } catch (err) {
    if (err instanceof WorkflowExecutionAlreadyStartedError) return { period, started: false };
    throw err;
  }
}
