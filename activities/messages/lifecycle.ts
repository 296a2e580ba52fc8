import { createHash } from 'node:crypto';
import { heartbeat } from '../shared/activity-context';
import type { AssessmentDay} from '../shared/assessment-day';
import { assessmentDate } from '../shared/assessment-day';
import { ApplicationFailure } from '@temporalio/common';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { ChannelCredentials} from '../../domain/suppliers/channel';
import { sendsMessages } from '../../domain/suppliers/channel';
import type { MessageStatus} from '../../domain/messages/lifecycle';
import { allowedFrom, isUnsent } from '../../domain/messages/lifecycle';
import type { MessageContext } from '../../domain/messages/assessment';
import { assess } from '../../domain/messages/assessment';
import { buildPayload, idempotencyKey } from '../../domain/messages/payload';
import { TIME_ZONES, addDays, employerToday, localInstant } from '../../domain/shared/calendar';
import { DEFAULT_ANSWER_WINDOW_WORKING_DAYS, answerDueDate } from '../../domain/messages/rules';
import { SUPPLIER_ACTOR, SYSTEM_ACTOR as SYSTEM } from '../../domain/shared/actor';
import type { Db } from '../../db/client';
import { type MessageWithContext, type Tx, loadContext, messageRowVersion, queueWithBody, readWithContext, recordEvent, transition } from '../../db/queries/messages';
import { messageAnswers, messageBodies, messageEvents, messages, tasks } from '../../db/schema';
import { slot } from '../../db/queries/list-by-shape';
import { runNamed } from '../../db/queries/named-statement';
import { sendGate } from '../../domain/audit/hold';
import { DeliveryError } from '../../infra/delivery/common';
import type { MessageEndpoint, MessageHttpAnswer} from '../../infra/delivery/message-http';
import { getMessageAnswer, postMessageText } from '../../infra/delivery/message-http';
import { forgetToken, requestAuth } from '../../infra/delivery/channel-auth';
import { type OutboundPolicy, sanitizeExcerpt } from '../../infra/outbound';
import type { SecretBox } from '../../infra/secret-box';
import { MESSAGE_BUSY, SUPPLIER_UNAVAILABLE } from '../../domain/shared/failure-types';

export interface MessageActivityDeps {
  db: Db;
  secrets: SecretBox;
  publicUrl: string;
  outbound?: OutboundPolicy;
}

export interface MessageRef {
  messageId: string;
  version: number;
}

export type PrepareOutcome =
  | { outcome: 'stale' }
  | { outcome: 'incomplete' }
  | { outcome: 'failed' }
  | { outcome: 'already_sent'; answers: 'callback' | 'polling'; pollEveryMinutes: number }
  | { outcome: 'ready'; sendDate: string; answers: 'callback' | 'polling'; pollEveryMinutes: number };

/** Where a message goes, with the channel's credentials opened (kept out of workflow data and logs). */
interface Target { baseUrl: string; timeoutSeconds: number; credentials: ChannelCredentials | undefined }

export type DeliverOutcome = { outcome: 'sent' | 'refused' | 'stale' | 'incomplete' };


/** The supplier's own words on a refusal are kept on the message as a short sanitized excerpt, never as they came. */
const reason = (text: unknown, fallback: string, max = 200, maskDigits = true) => sanitizeExcerpt(text, max, maskDigits) ?? fallback;

/** How often a step reads its message again when the row changed between its read and its move. */
const READS_PER_STEP = 5;

/**
 * Runs a message step until it settles: a step reads its message without a lock and moves it
 * only if the row is as it read it (readWithContext, `rowVersion`); undefined means the row
 * changed meanwhile, and the step reads it again. Still changing after a few reads (a storm of
 * edits), Temporal retries the step later.
 */
async function settled<T>(step: () => Promise<T | undefined>): Promise<T> {
  for (let read = 0; read < READS_PER_STEP; read++) {
    const outcome = await step();
    if (outcome !== undefined) return outcome;
  }
  throw ApplicationFailure.retryable('the message changed each time this step read it', MESSAGE_BUSY);
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function createMessageActivities({ db, secrets, publicUrl, outbound }: MessageActivityDeps) {
  /**
   * Whether the message's person is held by an open blocking audit finding (domain/audit/hold.ts).
   * Held, the message stays unsent, with an event the first time so the user sees why; the
   * release (a corrected import, an acknowledgement) wakes its workflow.
   */
  async function heldByFinding(tx: Tx, { message: m, openFindings }: MessageWithContext): Promise<boolean> {
    if (sendGate(openFindings) === 'go') return false;
    const [last] = await tx.select({ cause: messageEvents.cause }).from(messageEvents)
      .where(and(eq(messageEvents.messageId, m.id), eq(messageEvents.version, m.version))).orderBy(desc(messageEvents.id)).limit(1);
    if (last?.cause !== 'held_by_finding') {
      await recordEvent(tx, { messageId: m.id, version: m.version, from: 'not_sent', to: 'not_sent', cause: 'held_by_finding', actor: SYSTEM });
    }
    return true;
  }

  /** The supplier's HTTP channel; its credentials are opened only where a request is made. */
  function httpChannel(ctx: MessageContext) {
    const c = ctx.supplier.channel;
    return sendsMessages(c) ? { ...c, baseUrl: c.baseUrl.replace(/\/+$/, '') } : null;
  }

  function endpoint(ctx: MessageContext, channel: NonNullable<ReturnType<typeof httpChannel>>): Target {
    const credentials = ctx.supplier.credentialsEncrypted ? secrets.open<ChannelCredentials>(ctx.supplier.credentialsEncrypted) : undefined;
    return { baseUrl: channel.baseUrl, timeoutSeconds: channel.timeoutSeconds, credentials };
  }

  /** The target with its authentication: an OAuth2 token is fetched (or taken from the cache) here, outside any transaction. */
  async function connect({ credentials, ...base }: Target): Promise<MessageEndpoint> {
    return { ...base, outbound, ...await requestAuth(credentials, { timeoutMs: base.timeoutSeconds * 1000, outbound }) };
  }

  /**
   * The body of this version as it goes on the wire, kept sealed with its SHA-256 (the proof of
   * what was sent). Once per version: a retry or a re-delivery sends the text kept the first time,
   * byte for byte, so that one idempotency key never carries two bodies.
   */
  async function keepBody(tx: Tx, messageId: string, version: number, text: string): Promise<string> {
    // The first delivery (most calls) stores it in one statement; a repeat finds the kept one.
    const bytes = Buffer.from(text, 'utf8');
    const stored = await tx.insert(messageBodies).values({
      messageId, version, sha256: sha256(bytes), size: bytes.length, bodySealed: secrets.seal(text),
    }).onConflictDoNothing().returning({ version: messageBodies.version });
    return stored.length ? text : keptBody(tx, messageId, version);
  }

  async function keptBody(tx: Tx, messageId: string, version: number): Promise<string> {
    const [kept] = await tx.select({ bodySealed: messageBodies.bodySealed }).from(messageBodies)
      .where(and(eq(messageBodies.messageId, messageId), eq(messageBodies.version, version)));
    return secrets.open<string>(kept.bodySealed);
  }

  /**
   * Moves a message that is not sent yet to `queued` (handed to the transport: sent, for the
   * user), keeping this version's body in the same statement; a delivery that finds it queued
   * already (an earlier attempt handed it over) sends the body kept then. Undefined when the
   * message changed since it was read.
   */
  async function handOver(read: MessageWithContext, text: string): Promise<string | undefined> {
    const { id: messageId, version, status } = read.message;
    if (status === 'queued') return keepBody(db, messageId, version, text);
    const bytes = Buffer.from(text, 'utf8');
    const sha = sha256(bytes);
    const queued = await queueWithBody(db, { messageId, version, actor: SYSTEM, rowVersion: read.rowVersion },
      { sha256: sha, size: bytes.length, sealed: secrets.seal(text) });
    if (!queued) return undefined;
    return queued.keptSha256 === sha ? text : keptBody(db, messageId, version);
  }

  /** What goes on the wire for one version: the same body for a first delivery and a re-delivery. */
  function payloadOf(m: typeof messages.$inferSelect, ctx: MessageContext, channel: NonNullable<ReturnType<typeof httpChannel>>) {
    const { id: messageId, version } = m;
    return buildPayload({
      messageId, version, kind: m.kind, collectiveNumber: ctx.link!.collectiveNumber,
      employer: { country: ctx.employer.country, companyNumber: ctx.employer.companyNumber! },
      person: ctx.person.data, familyMember: ctx.familyMember,
      coverage: ctx.enrollment && {
        planId: ctx.enrollment.planId, planName: ctx.enrollment.planName, planCode: ctx.enrollment.planCode,
        startDate: ctx.enrollment.startDate, endDate: ctx.enrollment.endDate,
      },
      changedFields: m.changedFields,
      callbackUrl: channel.answers === 'callback' && ctx.supplier.id ? `${publicUrl}/api/supplier-callbacks/${ctx.supplier.id}` : null,
    });
  }

  /** The end of the supplier's answer window for a message sent now: the day after its last working day, in the employer's time zone. */
  function answerDueAt(ctx: MessageContext, channel: NonNullable<ReturnType<typeof httpChannel>>): Date {
    const due = answerDueDate(employerToday(ctx.employer.country, Date.now()), channel.answerWindowWorkingDays ?? DEFAULT_ANSWER_WINDOW_WORKING_DAYS);
    return new Date(localInstant(addDays(due, 1), 0, 0, TIME_ZONES[ctx.employer.country]));
  }

  /**
   * Assesses the message for the employer's date at workflow time and records where it stands:
   * incomplete with its missing fields, failed on the 120-day rule, or ready with its send date.
   */
  async function prepareMessage({ messageId, version, ...day }: MessageRef & AssessmentDay): Promise<PrepareOutcome> {
    return settled(async (): Promise<PrepareOutcome | undefined> => {
      const read = await readWithContext(db, messageId);
      if (!read || read.message.version !== version) return { outcome: 'stale' };
      const { message: m, context: ctx, rowVersion } = read;
      const channel = httpChannel(ctx);
      const answers = channel?.answers ?? 'callback';
      const pollEveryMinutes = channel?.pollEveryMinutes ?? 60;
      if (m.status === 'queued' || m.status === 'sent') return { outcome: 'already_sent', answers, pollEveryMinutes };
      if (!isUnsent(m.status)) return { outcome: 'stale' };
      // Each move below is refused (null) if the row changed since it was read: then read again.
      const move = async (t: Omit<Parameters<typeof transition>[1], 'messageId' | 'version' | 'actor' | 'rowVersion'>) =>
        (await transition(db, { messageId, version, actor: SYSTEM, rowVersion, ...t })) !== null;
      if (!channel) {
        const moved = await move({ to: 'send_failed', cause: 'no_channel',
          set: { failure: { code: 'no_channel', message: 'the supplier has no message channel', suggestion: 'set the supplier\'s channel, then resend' } } });
        return moved ? { outcome: 'failed' } : undefined;
      }
      const a = assess(m.kind, m.factDate, ctx, assessmentDate(day, ctx.employer.country), m.needsConfirmation);
      if (a.missing.length) {
        const moved = await move({ to: 'incomplete', cause: 'data_missing', set: { missingFields: a.missing, sendDate: a.sendDate }, detail: { missing: a.missing } });
        return moved ? { outcome: 'incomplete' } : undefined;
      }
      if (a.tooOld) {
        const moved = await move({ to: 'send_failed', cause: 'start_too_old', set: { failure: a.tooOld, missingFields: [], sendDate: a.sendDate } });
        return moved ? { outcome: 'failed' } : undefined;
      }
      // Assessed as it stands (most messages: an import creates them complete), nothing to write.
      const unchanged = m.status === 'not_sent' && m.missingFields.length === 0 && m.sendDate === a.sendDate;
      if (!unchanged && !await move({ to: 'not_sent', cause: m.status === 'incomplete' ? 'data_complete' : 'assessed', set: { missingFields: [], sendDate: a.sendDate } })) return undefined;
      // Held: the workflow waits as for missing data, until the release wakes it (or its daily look).
      if (await heldByFinding(db, read)) return { outcome: 'incomplete' };
      return { outcome: 'ready', sendDate: a.sendDate, answers, pollEveryMinutes };
    });
  }

  /**
   * Hands the message to the supplier's channel with the idempotency key `id:version`: a retry
   * after the supplier already accepted finds the same record there, never a second one.
   * 5xx and timeouts throw (Temporal retries with backoff); a 4xx is the supplier's refusal.
   */
  async function deliverMessage(ref: MessageRef): Promise<DeliverOutcome> {
    // Alive from the start: the hand-over may wait for a payroll import's message stage that holds
    // the message's row, and the answer for the supplier's timeout.
    const beat = setInterval(heartbeat, 5_000);
    try {
      return await deliver(ref);
    } finally {
      clearInterval(beat);
    }
  }

  async function deliver({ messageId, version }: MessageRef): Promise<DeliverOutcome> {
    const prepared = await settled(async () => {
      const read = await readWithContext(db, messageId);
      if (!read || read.message.version !== version) return { outcome: 'stale' } as const;
      const { message: m, context: ctx, rowVersion } = read;
      if (m.status === 'sent' || m.status === 'processed' || m.status === 'rejected') return { outcome: 'sent' } as const;
      if (m.status !== 'not_sent' && m.status !== 'queued') return { outcome: 'stale' } as const;
      const channel = httpChannel(ctx);
      const a = assess(m.kind, m.factDate, ctx, employerToday(ctx.employer.country, Date.now()), m.needsConfirmation);
      if (!channel || a.missing.length) {
        const moved = await transition(db, { messageId, version, to: 'incomplete', cause: 'data_missing', actor: SYSTEM, rowVersion,
          set: { missingFields: a.missing } });
        return moved === null ? undefined : { outcome: 'incomplete' } as const;
      }
      // A finding raised while it waited for its send date holds it still: back to the workflow's wait.
      if (m.status === 'not_sent' && await heldByFinding(db, read)) return { outcome: 'incomplete' } as const;
      const bodyText = await handOver(read, JSON.stringify(payloadOf(m, ctx, channel)));
      if (bodyText === undefined) return undefined;
      return { outcome: 'send', to: endpoint(ctx, channel), bodyText, answerDueAt: answerDueAt(ctx, channel) } as const;
    });
    if (prepared.outcome !== 'send') return { outcome: prepared.outcome };

    let res: MessageHttpAnswer;
    try {
      res = await postMessageText(await connect(prepared.to), idempotencyKey(messageId, version), prepared.bodyText);
    } catch (err) {
      if (err instanceof DeliveryError && !err.retryable) {
        // Our own credentials or certificate were refused (token endpoint, TLS): another attempt would be refused too.
        await transition(db, { messageId, version, to: 'send_failed', cause: 'refused_by_supplier', actor: SYSTEM,
          set: { failure: { code: err.code ?? 'credentials_refused', message: err.message, suggestion: 'check the supplier\'s channel credentials, then resend' } } });
        return { outcome: 'refused' };
      }
      // Whatever kept the answer away, another attempt may get one.
      const timeout = err instanceof DeliveryError && err.code === 'timeout';
      throw ApplicationFailure.retryable(timeout ? 'the supplier did not answer in time' : 'the supplier could not be reached', SUPPLIER_UNAVAILABLE);
    }
    const answer = res.answer as { reference?: unknown; code?: unknown; message?: unknown };
    if (res.status >= 500 || res.status === 429 || res.status === 408) {
      throw ApplicationFailure.retryable(`the supplier answered HTTP ${res.status}`, SUPPLIER_UNAVAILABLE);
    }
    if (res.status === 401 && prepared.to.credentials?.type === 'oauth2_client_credentials') {
      // The token may have been revoked before its time: the next attempt fetches a new one.
      forgetToken(prepared.to.credentials);
      throw ApplicationFailure.retryable('the supplier refused our OAuth2 token', SUPPLIER_UNAVAILABLE);
    }
    // One statement each (transition): no transaction around it.
    if (res.ok) {
      await transition(db, { messageId, version, to: 'sent', cause: 'delivered', actor: SYSTEM,
        set: { supplierReference: sanitizeExcerpt(answer.reference, 200, false) ?? null, sentAt: new Date(), answerDueAt: prepared.answerDueAt },
        detail: { httpStatus: res.status, ...(typeof answer.reference === 'string' ? { reference: sanitizeExcerpt(answer.reference, 200, false) } : {}) } });
    } else {
      await transition(db, { messageId, version, to: 'send_failed', cause: 'refused_by_supplier', actor: SUPPLIER_ACTOR,
        set: { failure: res.status < 400
          ? { code: 'redirect_not_followed', params: { status: res.status }, message: `the supplier's channel redirects (HTTP ${res.status}); redirects are not followed`, suggestion: 'set the final URL as the channel\'s baseUrl, then resend' }
          : { code: reason(answer.code, `http_${res.status}`, 100, false), message: reason(answer.message, `the supplier refused the message (HTTP ${res.status})`), suggestion: 'correct what the supplier names, then resend' } },
        detail: { httpStatus: res.status } });
    }
    return { outcome: res.ok ? 'sent' : 'refused' };
  }

  /** Every delivery attempt failed (5xx, timeouts): Fout bij verzenden. */
  async function recordSendFailed({ messageId, version }: MessageRef): Promise<void> {
    await transition(db, { messageId, version, to: 'send_failed', cause: 'retries_exhausted', actor: SYSTEM,
      set: { failure: { code: 'retries_exhausted', message: 'the supplier could not be reached: every delivery attempt failed', suggestion: 'check the supplier\'s channel, then resend' } } });
  }

  /** Asks the supplier for its answer (polling channels, and the fallback when no callback came). */
  async function pollSupplierAnswer({ messageId, version }: MessageRef): Promise<{ answered: boolean }> {
    const [m] = await db.select().from(messages).where(eq(messages.id, messageId));
    if (!m || m.version !== version) return { answered: true };
    const [stored] = await db.select({ v: messageAnswers.version }).from(messageAnswers)
      .where(and(eq(messageAnswers.messageId, messageId), eq(messageAnswers.version, version)));
    if (stored) return { answered: true };
    const ctx = await loadContext(db, m);
    const channel = httpChannel(ctx);
    if (!channel) return { answered: false };
    const key = idempotencyKey(messageId, version);
    try {
      const to = await connect(endpoint(ctx, channel));
      const res = await getMessageAnswer(to, key);
      if (res.status === 404 && m.status === 'sent') {
        // The supplier lost the message (a restore, a reset): the same version again under the
        // same key — a supplier that does know it answers with its first record, nothing doubles.
        const text = await db.transaction((tx) => keepBody(tx, messageId, version, JSON.stringify(payloadOf(m, ctx, channel))));
        const again = await postMessageText(to, key, text);
        if (again.ok) {
          await recordEvent(db, { messageId, version, from: m.status, to: m.status, cause: 'redelivered', actor: SYSTEM,
            detail: { reason: 'unknown_key', httpStatus: again.status } });
        }
        return { answered: false };
      }
      if (!res.ok) return { answered: false };
      const a = res.answer as { status?: string; reference?: string; receiptDate?: string; errorCode?: string; errorText?: string };
      if (a.status !== 'processed' && a.status !== 'rejected') return { answered: false };
      await storeAnswer(db, { messageId, version, status: a.status, receiptDate: a.receiptDate, errorCode: a.errorCode, errorText: a.errorText, reference: a.reference, via: 'polling' });
      return { answered: true };
    } catch {
      return { answered: false };
    }
  }

  /** Applies the stored answer: Verwerkt, or Afgekeurd with receipt date, error code and text. */
  async function applySupplierAnswer({ messageId, version }: MessageRef): Promise<{ status: MessageStatus | 'stale' }> {
    return settled(async (): Promise<{ status: MessageStatus | 'stale' } | undefined> => {
      // The message with the answer to this version, and the row's version, in one statement.
      const [row] = await db.select({ m: messages, a: messageAnswers, rowVersion: messageRowVersion }).from(messages)
        .leftJoin(messageAnswers, and(eq(messageAnswers.messageId, messages.id), eq(messageAnswers.version, version)))
        .where(eq(messages.id, messageId));
      const { m, a, rowVersion } = row ?? {};
      if (!a || !m || m.version !== version) return { status: 'stale' };
      // The answer marked applied and, as it came after all, HR's task about its absence closed:
      // in the statement of the move, if it moves (or alone, when an earlier run moved it already).
      const afterMove = (onlyIfMoved: boolean) => {
        const moved = onlyIfMoved ? sql`exists (select 1 from moved)` : undefined;
        const applied = db.update(messageAnswers).set({ applied: true })
          .where(and(eq(messageAnswers.messageId, slot('messageId')), eq(messageAnswers.version, slot('version')), moved));
        const closed = { status: 'completed', completedBy: SUPPLIER_ACTOR, completedAt: slot('now'), result: slot('taskResult') } as unknown as Partial<typeof tasks.$inferInsert>;
        const overdueClosed = db.update(tasks).set(closed)
          .where(and(eq(tasks.kind, 'answer_overdue'), eq(tasks.status, 'open'), sql`${tasks.subject}->>'messageId' = ${slot('messageId')}::text`, moved));
        return sql`applied as (${applied.getSQL()}), overdue_closed as (${overdueClosed.getSQL()})`;
      };
      // `now` comes with the move's own slots.
      const afterMoveValues = { messageId, version, taskResult: { answered: a.status } };
      if (!allowedFrom('supplier_answer', a.status).includes(m.status)) {
        await runNamed(db, 'answer-applied-alone', () => sql`with ${afterMove(false)} select 1`, { ...afterMoveValues, now: new Date() });
        return { status: m.status };
      }
      const previous = await transition(db, { messageId, version, to: a.status, cause: 'supplier_answer', actor: SUPPLIER_ACTOR, rowVersion,
        also: { shape: 'answer-applied', ctes: () => afterMove(true), values: afterMoveValues },
        set: {
          receiptDate: a.receiptDate, errorCode: a.errorCode, errorText: a.errorText, answeredAt: new Date(),
          ...(a.reference && !m.supplierReference ? { supplierReference: a.reference } : {}),
        },
        detail: { via: a.via, ...(a.errorCode ? { errorCode: a.errorCode } : {}) } });
      return previous === null ? undefined : { status: a.status };
    });
  }

  return { prepareMessage, deliverMessage, recordSendFailed, pollSupplierAnswer, applySupplierAnswer };
}

export interface StoredAnswer {
  messageId: string;
  version: number;
  status: 'processed' | 'rejected';
  receiptDate?: string | null;
  errorCode?: string | null;
  errorText?: string | null;
  reference?: string | null;
  via: 'callback' | 'polling';
}

const isoDate = (v: string | null | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/** Keeps the first answer per version: a repeated callback changes nothing. */
export async function storeAnswer(q: Pick<Db, 'insert'>, a: StoredAnswer): Promise<void> {
  await q.insert(messageAnswers).values({
    messageId: a.messageId, version: a.version, status: a.status, receiptDate: isoDate(a.receiptDate),
    // The supplier's own words: a short sanitized excerpt, not whatever it sent.
    errorCode: sanitizeExcerpt(a.errorCode, 100, false) ?? null, errorText: sanitizeExcerpt(a.errorText, 300) ?? null,
    reference: sanitizeExcerpt(a.reference, 200, false) ?? null, via: a.via,
  }).onConflictDoNothing();
}
