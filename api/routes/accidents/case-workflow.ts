/** The API's side of the accidentCase workflow's Updates (app.accidentWorkflows runs them). */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { ApiError } from '../../errors';

/** Awaits an Update on the case; a refusal (validator or business failure) becomes 409 with its reason. */
export async function updateCase<R>(update: Promise<R>): Promise<R> {
  try {
    return await update;
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      const cause = err.cause instanceof ApplicationFailure ? err.cause : undefined;
      throw new ApiError(409, cause?.type ? cause.type.replace(/[A-Z]/g, (c, i) => (i ? '_' : '') + c.toLowerCase()) : 'refused', cause?.message ?? 'the case refused this');
    }
    throw err;
  }
}
