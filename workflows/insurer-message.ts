import { ActivityFailure, condition, continueAsNew, isCancellation, proxyActivities, proxyLocalActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { PrepareOutcome } from '../activities/messages/lifecycle';
import { dayStartMs } from '../domain/shared/calendar';
import {
  type InsurerMessageInput, type MessageStage, getMessageState, messageCancelled, messageDataChanged, resendRequested, supplierAnswered,
} from './shared';
import { DELIVERY_RETRY, MESSAGE_DATABASE_STEP, SUPPLIER_POLL } from './retry-policies';

// Short database steps run as local activities: one marker event each instead of three events
// and a round trip through the server (a message costs 24 → 17 events). Idempotent, so the
// re-run after a lost worker is harmless.
const { prepareMessage, applySupplierAnswer, recordSendFailed } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: MESSAGE_DATABASE_STEP,
});
const { pollSupplierAnswer } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: SUPPLIER_POLL,
});

// The delivery heartbeats while it waits for the supplier, so a lost worker costs 15 s, not the request timeout.
const { deliverMessage } = proxyActivities<Activities>({ startToCloseTimeout: '6 minutes', heartbeatTimeout: '15 seconds', retry: DELIVERY_RETRY });

/** An incomplete message looks at its data again at least this often. */
const RECHECK_INCOMPLETE = '1 day';
/** With callbacks, ask the supplier ourselves when no answer came within this time. */
const CALLBACK_FALLBACK_POLL = '1 day';

export interface InsurerMessageResult {
  messageId: string;
  version: number;
  outcome: 'processed' | 'rejected' | 'send_failed' | 'refused' | 'cancelled' | 'stale';
}

/**
 * One message to one supplier, one version: assess → wait for the send date (or for missing
 * data) → deliver → await the supplier's answer. Carries ids, dates and statuses only; the
 * activities load the data and record every transition in the database.
 */
export async function insurerMessage({ messageId, version }: InsurerMessageInput): Promise<InsurerMessageResult> {
  let stage: MessageStage = 'preparing';
  let dataChanged = false;
  let answered = false;
  let cancelled = false;
  let newerVersion = 0;
  setHandler(messageDataChanged, () => { dataChanged = true; });
  setHandler(supplierAnswered, (a) => { if (a.version === version) answered = true; });
  setHandler(resendRequested, (r) => { if (r.version > version) newerVersion = r.version; });
  setHandler(messageCancelled, () => { cancelled = true; });
  setHandler(getMessageState, () => ({ messageId, version, stage }));

  const interrupted = () => dataChanged || cancelled || newerVersion > 0;
  const done = (outcome: InsurerMessageResult['outcome']): InsurerMessageResult => {
    stage = 'done';
    return { messageId, version, outcome };
  };

  let prepared: PrepareOutcome;
  for (;;) {
    if (newerVersion) return continueAsNew<typeof insurerMessage>({ messageId, version: newerVersion });
    if (cancelled) return done('cancelled');
    dataChanged = false;
    stage = 'preparing';
    // The activity turns workflow time into the employer's date (its time zone, not UTC).
    prepared = await prepareMessage({ messageId, version, at: Date.now() });
    if (prepared.outcome === 'stale') return done('stale');
    if (prepared.outcome === 'failed') return done('send_failed');
    if (prepared.outcome === 'already_sent') break;
    if (prepared.outcome === 'incomplete') {
      stage = 'incomplete';
      await condition(interrupted, RECHECK_INCOMPLETE);
      continue;
    }
    const wait = dayStartMs(prepared.sendDate) - Date.now();
    if (wait > 0) {
      stage = 'waiting_for_send_date';
      if (await condition(interrupted, wait)) continue;
    }
    stage = 'sending';
    let delivered;
    try {
      delivered = await deliverMessage({ messageId, version });
    } catch (err) {
      if (isCancellation(err) || !(err instanceof ActivityFailure)) throw err;
      await recordSendFailed({ messageId, version });
      return done('send_failed');
    }
    if (delivered.outcome === 'incomplete') continue;
    if (delivered.outcome === 'stale') return done('stale');
    if (delivered.outcome === 'refused') return done('refused');
    break;
  }

  stage = 'awaiting_answer';
  const pollEvery = prepared.answers === 'polling' ? prepared.pollEveryMinutes * 60_000 : CALLBACK_FALLBACK_POLL;
  while (!answered) {
    await condition(() => answered || newerVersion > 0, pollEvery);
    if (newerVersion) return continueAsNew<typeof insurerMessage>({ messageId, version: newerVersion });
    if (!answered) answered = (await pollSupplierAnswer({ messageId, version })).answered;
  }
  const applied = await applySupplierAnswer({ messageId, version });
  if (applied.status === 'processed' || applied.status === 'rejected') return done(applied.status);
  return done('stale');
}
