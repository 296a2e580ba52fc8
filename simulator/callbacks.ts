import type { FastifyBaseLogger } from 'fastify';
import type { ReceivedMessage } from './state';
import type { Timers } from './timers';

export interface CallbackOptions {
  token?: string;
  attempts: number;
  backoffMs: number;
  timeoutMs: number;
}

function callbackBody(record: ReceivedMessage) {
  return {
    idempotencyKey: record.idempotencyKey,
    reference: record.reference,
    status: record.status,
    receiptDate: record.receiptDate,
    ...(record.errorCode ? { errorCode: record.errorCode, errorText: record.errorText } : {}),
  };
}

/**
 * POSTs the answer to the message's callbackUrl, retrying anything but a 2xx with a doubling
 * backoff. `stop` aborts an attempt in flight (app closed or state reset).
 */
export async function deliverCallback(
  record: ReceivedMessage, url: string, opts: CallbackOptions, timers: Timers, stop: AbortSignal, log: FastifyBaseLogger,
): Promise<void> {
  record.callback = 'pending';
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  const body = JSON.stringify(callbackBody(record));
  for (let attempt = 1; attempt <= opts.attempts; attempt++) {
    if (stop.aborted) return;
    record.callbackAttempts = attempt;
    let outcome: string;
    try {
      const res = await fetch(url, {
        method: 'POST', headers, body, redirect: 'manual',
        signal: AbortSignal.any([stop, AbortSignal.timeout(opts.timeoutMs)]),
      });
      // Drain the body so the connection can be reused or closed.
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        record.callback = 'delivered';
        log.info({ reference: record.reference, attempt }, 'callback delivered');
        return;
      }
      outcome = `http ${res.status}`;
    } catch (err) {
      if (stop.aborted) return;
      outcome = err instanceof Error ? err.name : 'error';
    }
    log.warn({ reference: record.reference, attempt, outcome }, 'callback failed');
    if (attempt < opts.attempts && !(await timers.sleep(opts.backoffMs * 2 ** (attempt - 1)))) return;
  }
  record.callback = 'failed';
}
