/** The product's workflows plus the benchmark's comparison: one activity, nothing else. */
import { proxyActivities } from '@temporalio/workflow';

export * from '../workflows';

const { benchNoop } = proxyActivities<{ benchNoop(id: string): Promise<void> }>({ startToCloseTimeout: '20 seconds' });

export async function minimalWorkflow(id: string): Promise<void> {
  await benchNoop(id);
}
