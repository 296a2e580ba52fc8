import { type Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { retentionPurge } from '../../workflows/retention-purge';

const RETENTION_SCHEDULE_ID = 'retention-purge';

/**
 * The daily Schedule that runs the retention purge (03:30 Europe/Amsterdam), created by the
 * worker on start when it is missing; an existing one is left as an operator may have paused it.
 */
export async function ensureRetentionSchedule(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: RETENTION_SCHEDULE_ID,
      spec: { calendars: [{ hour: 3, minute: 30 }], timezone: 'Europe/Amsterdam' },
      action: { type: 'startWorkflow', workflowType: 'retentionPurge', taskQueue, args: [] as Parameters<typeof retentionPurge>, workflowId: 'retention-purge-run' },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
