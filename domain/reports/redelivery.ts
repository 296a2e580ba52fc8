/**
 * A report is delivered again on request only once its delivery failed (a refusal, a PGP key
 * missing, a server down beyond its retries): a delivered report is on record at the supplier,
 * and a rendered one is still on its way with the cycle. The answer names why not, or null.
 */
export function redeliveryRefusal(status: 'rendered' | 'delivered' | 'failed'): { code: string; message: string } | null {
  if (status === 'failed') return null;
  return status === 'delivered'
    ? { code: 'report_delivered', message: 'the report was delivered already' }
    : { code: 'report_not_delivered_yet', message: 'the report is still being delivered by its cycle' };
}
