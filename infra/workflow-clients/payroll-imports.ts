import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { payrollImport } from '../../workflows/payroll-import';

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
  async lastHeartbeat(workflowId: string): Promise<{ stage?: string; rows?: number } | null> {
    const description = await this.client.workflow.getHandle(workflowId).describe();
    for (const activity of description.raw.pendingActivities ?? []) {
      const payload = activity.heartbeatDetails?.payloads?.[0];
      if (payload) return defaultPayloadConverter.fromPayload<{ stage?: string; rows?: number }>(payload);
    }
    return null;
  }
}
