import type { Client } from '@temporalio/client';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { SWEEP_SCHEDULE_ID, SWEEP_WORKFLOW_ID } from '../../workflows/shared';

/** How often the sweep runs: a lost start is made good, and an overdue answer flagged, within this time. */
const SWEEP_EVERY = '15 minutes';

/**
 * Registers (or updates) the Temporal Schedule that runs `maintenanceSweep` every
 * SWEEP_EVERY; overlaps are skipped and a missed run is not caught up (the next one does the
 * same work). Safe to call on every worker start.
 */
export async function ensureSweepSchedule(client: Client, taskQueue: string): Promise<string> {
  const spec = { intervals: [{ every: SWEEP_EVERY }] };
  const action = { type: 'startWorkflow' as const, workflowType: 'maintenanceSweep', taskQueue, args: [], workflowId: SWEEP_WORKFLOW_ID };
  const policies = { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' };
  const handle = client.schedule.getHandle(SWEEP_SCHEDULE_ID);
  const exists = await handle.describe().then(() => true, () => false);
  if (exists) await handle.update((prev) => ({ ...prev, spec, action, policies }));
  else {
    await client.schedule.create({ scheduleId: SWEEP_SCHEDULE_ID, spec, action, policies }).catch(async (err: Error) => {
      // Another worker registered it at the same moment.
      if (err.name !== 'ScheduleAlreadyRunning') throw err;
    });
  }
  return SWEEP_SCHEDULE_ID;
}
