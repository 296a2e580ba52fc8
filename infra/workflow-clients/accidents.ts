import type { Client, WorkflowHandle} from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { accidents } from '../../db/schema';
import { LIVE_CASE_STATUSES } from '../../domain/accidents/status';
import type { accidentCase } from '../../workflows/accident-case';
import type {
  AccidentEventInput, CompleteTaskInput, DeclareAccidentInput} from '../../workflows/shared';
import { accidentChanged, accidentWorkflowId, closeAccident, completeAccidentTask,
  declareAccident, recordAccidentEvent,
} from '../../workflows/shared';

/**
 * Starting and talking to accident-case workflows from outside (API, worker start). Updates are
 * the workflow's answers (they throw WorkflowUpdateFailedError when the case refuses).
 */
export class AccidentWorkflows {
  constructor(private readonly client: Client, private readonly taskQueue: string) {}

  /**
   * Starts a case's workflow, or finds it running. A case that ended by closing is never started
   * again; one that failed or was terminated may be.
   */
  async ensure(accidentId: string): Promise<'started' | 'running'> {
    try {
      await this.client.workflow.start<typeof accidentCase>('accidentCase', {
        workflowId: accidentWorkflowId(accidentId), taskQueue: this.taskQueue, args: [{ accidentId }], workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      });
      return 'started';
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) return 'running';
      throw err;
    }
  }

  declare(accidentId: string, input: DeclareAccidentInput) {
    return this.updateStartingLost(accidentId, (h) => h.executeUpdate(declareAccident, { args: [input] }));
  }

  recordEvent(accidentId: string, input: AccidentEventInput) {
    return this.updateStartingLost(accidentId, (h) => h.executeUpdate(recordAccidentEvent, { args: [input] }));
  }

  close(accidentId: string, input: { by: string }) {
    return this.updateStartingLost(accidentId, (h) => h.executeUpdate(closeAccident, { args: [input] }));
  }

  /** Completes one of the case's tasks; a case without a running workflow throws WorkflowNotFoundError. */
  completeTask(accidentId: string, input: CompleteTaskInput) {
    return this.handle(accidentId).executeUpdate(completeAccidentTask, { args: [input] });
  }

  /** Tells a running case that its documents changed (e.g. a sick note with a new end date). */
  async changed(accidentId: string): Promise<void> {
    try {
      await this.handle(accidentId).signal(accidentChanged);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
  }

  handle(accidentId: string): WorkflowHandle<typeof accidentCase> {
    return this.client.workflow.getHandle(accidentWorkflowId(accidentId));
  }

  /** An Update on the case; one whose workflow start was lost is started first. */
  private async updateStartingLost<R>(accidentId: string, run: (handle: WorkflowHandle<typeof accidentCase>) => Promise<R>): Promise<R> {
    try {
      return await run(this.handle(accidentId));
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await this.ensure(accidentId);
      return await run(this.handle(accidentId));
    }
  }
}

/**
 * Every open or declared case has its workflow: a start lost between the registration's commit
 * and Temporal (a crash, Temporal briefly away) is made good when a worker starts.
 */
export async function resumeAccidentCases(db: Db, workflows: AccidentWorkflows): Promise<{ started: number; running: number }> {
  const rows = await db.select({ id: accidents.id }).from(accidents).where(inArray(accidents.status, [...LIVE_CASE_STATUSES]));
  const counts = { started: 0, running: 0 };
  for (const { id } of rows) counts[await workflows.ensure(id)]++;
  return counts;
}
