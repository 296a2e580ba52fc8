import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SweepResult } from '../activities/maintenance/sweep';
import { DATABASE_STEP } from './retry-policies';

const { sweep } = proxyActivities<Activities>({ startToCloseTimeout: '10 minutes', retry: DATABASE_STEP });

/**
 * What the sweep Schedule starts: one pass over what should be running and is not (message
 * workflows whose start was lost after their commit) and what should have ended and did not
 * (sent messages past their supplier's answer window). Counts only in its result; the Schedule
 * passes nothing (every employer), a test narrows it to its own.
 */
export async function maintenanceSweep(input: { employerIds?: string[] } = {}): Promise<SweepResult> {
  return sweep(input.employerIds ? { employerIds: input.employerIds } : {});
}
