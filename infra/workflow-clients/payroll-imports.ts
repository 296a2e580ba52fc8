import { hostname } from 'node:os';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { payrollImports } from '../../db/schema';
import type { payrollImport } from '../../workflows/payroll-import';
import { lastHeartbeat, type HeartbeatProgress } from './heartbeat';

/** Starting and watching payroll-import workflows from outside (the API). */
export class PayrollImportWorkflows {
  constructor(private readonly client: Client, private readonly taskQueue: string) {}

  /**
   * Starts the import under its period's workflow id; throws WorkflowExecutionAlreadyStartedError
   * while an import of that period runs. A finished one may run again (a corrected file).
   */
  start(workflowId: string, importId: string): Promise<WorkflowHandle<typeof payrollImport>> {
    return this.client.workflow.start<typeof payrollImport>('payrollImport', {
      taskQueue: this.taskQueue, workflowId, args: [{ importId }],
      workflowIdConflictPolicy: 'FAIL', workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
  }

  /** The details of the running activity's last heartbeat (its stage and rows read), if any. */
  lastHeartbeat(workflowId: string): Promise<HeartbeatProgress | null> {
    return lastHeartbeat(this.client, workflowId);
  }

  /**
   * Import steps whose worker died with them (kill -9, a crash, a restart of the whole system)
   * stay assigned to it until their heartbeat timeout (minutes). A step last run by a worker
   * on this host whose process is gone is failed now, so that Temporal retries it at once
   * (the step is one transaction: nothing of the dead attempt was kept). Workers on other
   * hosts are left to the timeout: we cannot see whether they live.
   */
  async retryStepsOfDeadWorkers(db: Db): Promise<number> {
    const running = await db.select({ workflowId: payrollImports.workflowId }).from(payrollImports).where(eq(payrollImports.status, 'running'));
    let retried = 0;
    for (const { workflowId } of running) {
      const description = await this.client.workflow.getHandle(workflowId).describe().catch(() => null);
      for (const activity of description?.raw.pendingActivities ?? []) {
        const [pid, host] = (activity.lastWorkerIdentity ?? '').split('@');
        if (!activity.activityId || host !== hostname() || !/^\d+$/.test(pid)) continue;
        // Our own pid: a container restarted gives the same number; ours only if started since we run.
        const startedAt = Number(activity.lastStartedTime?.seconds ?? 0) * 1000;
        const gone = Number(pid) === process.pid ? startedAt > 0 && startedAt < Date.now() - process.uptime() * 1000 : !processAlive(Number(pid));
        if (!gone) continue;
        await this.client.activity.fail(
          { workflowId, runId: description!.runId, activityId: activity.activityId },
          ApplicationFailure.retryable(`the worker running this step (${activity.lastWorkerIdentity}) is gone`, 'WorkerGone'),
        ).then(() => { retried++; }, () => undefined);
      }
    }
    return retried;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
