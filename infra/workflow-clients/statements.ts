import type { Client, WorkflowHandle } from '@temporalio/client';
import type { statementBatch } from '../../workflows/statement-batch';
import { getStatementBatchProgress, statementBatchWorkflowId, type StatementBatchProgress } from '../../workflows/shared';

/** Starting and watching statement batches from outside (the API). */
export class StatementWorkflows {
  constructor(private readonly client: Client, private readonly taskQueue: string) {}

  start(batchId: string): Promise<WorkflowHandle<typeof statementBatch>> {
    return this.client.workflow.start<typeof statementBatch>('statementBatch', {
      taskQueue: this.taskQueue, workflowId: statementBatchWorkflowId(batchId), args: [{ batchId }], workflowIdConflictPolicy: 'FAIL',
    });
  }

  handle(batchId: string): WorkflowHandle<typeof statementBatch> {
    return this.client.workflow.getHandle<typeof statementBatch>(statementBatchWorkflowId(batchId));
  }

  progress(batchId: string): Promise<StatementBatchProgress> {
    return this.handle(batchId).query(getStatementBatchProgress);
  }
}
