import { ApplicationFailure } from '@temporalio/common';
import { type DeliveryCredentials, type DeliveryOptions, DeliveryError, type Receipt, type ReportFile, deliverReport } from '../../infra/delivery';

/**
 * Delivers a file over its channel and records the outcome — one rule for every file Mutaflow
 * hands over (monthly reports, contribution files): delivered → `record('delivered', receipt)`;
 * a transient failure (server down, timeout) → a retryable failure, so the activity tries again;
 * a refusal for good (bad credentials, unknown recipient) → `record('failed', …)`, not retried.
 */
export async function deliverRecorded(
  target: unknown, credentials: DeliveryCredentials | null | undefined, file: ReportFile, opts: DeliveryOptions,
  record: (status: 'delivered' | 'failed', detail: Receipt | { code: string | null; message: string }) => Promise<unknown>,
): Promise<{ delivered: boolean }> {
  try {
    await record('delivered', await deliverReport(target, credentials, file, opts));
    return { delivered: true };
  } catch (err) {
    if (!(err instanceof DeliveryError)) throw err;
    if (err.retryable) throw ApplicationFailure.retryable(err.message, 'DeliveryUnavailable');
    await record('failed', { code: err.code ?? null, message: err.message });
    return { delivered: false };
  }
}
