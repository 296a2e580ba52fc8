import type { Client, WorkflowHandle } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { fileComparison } from '../../workflows/file-comparison';

/** Starting and watching comparison workflows from outside (the API). */
export class ComparisonWorkflows {
  constructor(private readonly client: Client, private readonly taskQueue: string) {}

  start(workflowId: string, runId: string): Promise<WorkflowHandle<typeof fileComparison>> {
    return this.client.workflow.start<typeof fileComparison>('fileComparison', {
      taskQueue: this.taskQueue, workflowId, args: [{ runId }], workflowIdConflictPolicy: 'FAIL',
    });
  }

  handle(workflowId: string): WorkflowHandle<typeof fileComparison> {
    return this.client.workflow.getHandle<typeof fileComparison>(workflowId);
  }

  /** The comparing activity's last heartbeat: which side it reads and the rows read so far. */
  async lastHeartbeat(workflowId: string): Promise<{ stage?: string; rows?: number } | null> {
    const description = await this.client.workflow.getHandle(workflowId).describe();
    for (const activity of description.raw.pendingActivities ?? []) {
      const payload = activity.heartbeatDetails?.payloads?.[0];
      if (payload) return defaultPayloadConverter.fromPayload<{ stage?: string; rows?: number }>(payload);
    }
    return null;
  }
}
