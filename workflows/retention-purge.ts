import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { DATABASE_STEP } from './retry-policies';

const { purgeExpired } = proxyActivities<Activities>({ startToCloseTimeout: '1 hour', retry: DATABASE_STEP });

/**
 * What the daily `retention-purge` Schedule starts: removes what is past its retention term
 * (docs/access.md). Carries no personal data: the result holds counts only.
 */
export async function retentionPurge(): Promise<Awaited<ReturnType<Activities['purgeExpired']>>> {
  return purgeExpired({ now: new Date(Date.now()).toISOString() });
}
