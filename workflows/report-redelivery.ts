import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { DELIVERY_ON_REQUEST } from './retry-policies';

const { deliverCycleReport } = proxyActivities<Activities>(DELIVERY_ON_REQUEST);

/**
 * Delivers a monthly report again after its delivery failed (a user asked, from the cycle's
 * page): the same stored file over the supplier's current delivery settings, recorded on the
 * report as the cycle records it. A server still down after the quick tries is an outcome
 * (not delivered), not a failed workflow. Ids only in and out.
 */
export async function reportRedelivery({ reportId }: { reportId: string }): Promise<{ delivered: boolean }> {
  try {
    return await deliverCycleReport({ reportId });
  } catch (err) {
    if (err instanceof ActivityFailure) return { delivered: false };
    throw err;
  }
}
