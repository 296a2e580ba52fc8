import type { Client, WorkflowHandle } from '@temporalio/client';
import type { fileComparison } from '../../workflows/file-comparison';
import { lastHeartbeat, type HeartbeatProgress } from './heartbeat';

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
  lastHeartbeat(workflowId: string): Promise<HeartbeatProgress | null> {
    return lastHeartbeat(this.client, workflowId);
  }
}
