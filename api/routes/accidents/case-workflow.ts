/** The API's side of the accidentCase workflow: run its Updates (starting a lost one first), signal it. */
import type { WorkflowHandle} from '@temporalio/client';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyInstance } from 'fastify';
import { ensureAccidentWorkflow } from '../../../infra/accident-workflows';
import { accidentChanged, accidentWorkflowId } from '../../../workflows/shared';
import { ApiError } from '../../errors';

/** Runs an Update on the case; a refusal (validator or business failure) becomes 409 with its reason. */
export async function updateCase<R>(app: FastifyInstance, accidentId: string, run: (handle: WorkflowHandle) => Promise<R>): Promise<R> {
  const attempt = () => run(app.temporal.workflow.getHandle(accidentWorkflowId(accidentId)));
  try {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await ensureAccidentWorkflow(app.temporal, app.taskQueue, accidentId);
      return await attempt();
    }
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause instanceof ApplicationFailure ? err.cause : undefined;
      throw new ApiError(409, cause?.type ? cause.type.replace(/[A-Z]/g, (c, i) => (i ? '_' : '') + c.toLowerCase()) : 'refused', cause?.message ?? 'the case refused this');
    }
    throw err;
  }
}

/** Tells a running case that its documents changed (e.g. a sick note with a new end date). */
export async function signalAccidentChanged(app: FastifyInstance, accidentId: string): Promise<void> {
  try {
    await app.temporal.workflow.getHandle(accidentWorkflowId(accidentId)).signal(accidentChanged);
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
}

