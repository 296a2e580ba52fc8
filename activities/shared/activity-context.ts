import { Context } from '@temporalio/activity';

/**
 * The running activity's context, or nothing: activities are also called directly by
 * benchmarks and scripts, where there is no Temporal to report to.
 */
function current(): Context | null {
  try {
    return Context.current();
  } catch {
    return null;
  }
}

export const heartbeat = (details?: unknown) => current()?.heartbeat(details);
export const activityLog = (msg: string, attrs: Record<string, unknown>) => current()?.log.info(msg, attrs);
export const activityAttempt = () => current()?.info.attempt ?? 1;
