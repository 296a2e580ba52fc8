import type { Client } from '@temporalio/client';
import { decodeFromPayloadsAtIndex } from '@temporalio/common/lib/internal-non-workflow';

/** What long-running steps report in their heartbeat: the stage and the rows read so far. */
export interface HeartbeatProgress { stage?: string; rows?: number }

/**
 * The details of the workflow's pending activity's last heartbeat, if any. Decoded through the
 * client's own data converter: heartbeat payloads are encrypted by the payload codec like every
 * other payload, so the plain JSON converter cannot read them.
 */
export async function lastHeartbeat(client: Client, workflowId: string): Promise<HeartbeatProgress | null> {
  const description = await client.workflow.getHandle(workflowId).describe();
  for (const activity of description.raw.pendingActivities ?? []) {
    const payloads = activity.heartbeatDetails?.payloads;
    if (payloads?.length) return decodeFromPayloadsAtIndex<HeartbeatProgress>(client.options.loadedDataConverter, 0, payloads);
  }
  return null;
}
