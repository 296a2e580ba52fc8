import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { hasZodFastifySchemaValidationErrors, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { employerToday } from '../domain/shared/calendar';
import { deliverCallback } from './callbacks';
import { checkMessage, decide } from './rules';
import type { ReceivedMessage} from './state';
import { SimulatorState, summarise } from './state';
import { Timers } from './timers';

export interface SimulatorOptions {
  /** The Bearer token Mutaflow must send on /messages. */
  apiKey: string;
  /** The Bearer token sent on callbacks (the one Mutaflow issued for this supplier); none: no header. */
  callbackToken?: string;
  /** Time between receipt and the decision. */
  processingDelayMs?: number;
  /** The receipt date, yyyy-mm-dd; the real UTC date by default. */
  today?: () => string;
  logger?: FastifyServerOptions['logger'];
  callbackAttempts?: number;
  /** Wait before the 2nd callback attempt; doubles after each failure. */
  callbackBackoffMs?: number;
  callbackTimeoutMs?: number;
  /** Keep what was received in this JSON file across restarts (the demo: under its data folder); none: memory only. */
  statePath?: string;
}

type Answer = { statusCode: number; body: Record<string, unknown> };

// A Dutch insurer stamps the day of receipt as it is in the Netherlands (after midnight there, it is already the next day).
const dutchToday = () => employerToday('NL', Date.now());
const DEFAULT_HOLD_MS = 30_000;
const MAX_KEY_LENGTH = 200;

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time check of `Authorization: Bearer <expected>`. */
function bearerMatches(header: string | undefined, expected: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), digest(expected));
}

const adminCollective = z.object({ collectiveNumber: z.string().trim().min(1), companyNumber: z.string().trim().min(1) });
const adminInsured = z.object({ nationalId: z.string().trim().min(1), collectiveNumber: z.string().trim().min(1) });
const adminFault = z.object({
  mode: z.enum(['http500', 'timeout', 'drop-after-accept']),
  count: z.number().int().positive().optional(),
  durationMs: z.number().int().positive().optional(),
  delayMs: z.number().int().nonnegative().optional(),
}).refine((f) => f.count === undefined || f.durationMs === undefined, { message: 'give count or durationMs, not both', path: ['durationMs'] });

/**
 * A Dutch health insurer's digital intake: the supplier side of docs/http-message-channel.md,
 * with admin endpoints to seed its registries and inject faults.
 */
export function buildSimulator(opts: SimulatorOptions): FastifyInstance {
  const processingDelayMs = opts.processingDelayMs ?? 200;
  const today = opts.today ?? dutchToday;
  const callbackOptions = {
    token: opts.callbackToken,
    attempts: opts.callbackAttempts ?? 5,
    backoffMs: opts.callbackBackoffMs ?? 200,
    timeoutMs: opts.callbackTimeoutMs ?? 5_000,
  };
  const state = opts.statePath ? SimulatorState.open(opts.statePath) : new SimulatorState();
  const timers = new Timers();
  const deliveries = new Set<Promise<void>>();
  // Aborted on reset and close: callbacks of forgotten messages must not go out.
  let epoch = new AbortController();

  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024 }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => `${String(v.instancePath).split('/').filter(Boolean).join('.') || '(body)'}: ${v.message}`);
      return reply.status(400).send({ code: 'BODY_INVALID', message: fields.join('; ') });
    }
    const status = err.statusCode ?? 500;
    // Fixed texts: JSON parse errors quote the body they choked on.
    if (status === 413) return reply.status(413).send({ code: 'BODY_TOO_LARGE', message: 'the body is too large' });
    if (status === 415) return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'send application/json' });
    if (status >= 400 && status < 500) return reply.status(status).send({ code: 'BODY_INVALID', message: 'the request could not be read' });
    request.log.error({ err: { type: err.name, code: err.code } }, 'request failed');
    return reply.status(500).send({ code: 'INTERNAL', message: 'internal error' });
  });
  app.setNotFoundHandler((_request, reply) => reply.status(404).send({ code: 'NOT_FOUND', message: 'no such route' }));

  app.addHook('preClose', async () => {
    epoch.abort();
    timers.close();
  });
  app.addHook('onClose', async () => {
    await Promise.allSettled([...deliveries]);
    state.save();
  });

  const requireApiKey = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!bearerMatches(request.headers.authorization, opts.apiKey)) {
      return reply.status(401).send({ code: 'UNAUTHORIZED', message: 'missing or wrong bearer token' });
    }
  };

  function processMessage(record: ReceivedMessage): void {
    const decision = decide(record.message, record.receiptDate, state);
    state.apply(record, decision);
    state.changed();
    app.log.info({ reference: record.reference, kind: record.message.kind, status: record.status, errorCode: record.errorCode }, 'message decided');
    sendCallback(record);
  }

  function sendCallback(record: ReceivedMessage): void {
    const url = record.message.callbackUrl;
    if (!url) return;
    const delivery = deliverCallback(record, url, callbackOptions, timers, epoch.signal, app.log)
      .catch((err: unknown) => app.log.error({ err: { type: err instanceof Error ? err.name : 'error' } }, 'callback crashed'))
      .finally(() => { deliveries.delete(delivery); state.changed(); });
    deliveries.add(delivery);
  }

  function decideLater(record: ReceivedMessage): void {
    timers.after(processingDelayMs, () => {
      if (state.messages.get(record.idempotencyKey) === record) processMessage(record);
    });
  }

  // Back from a restart: what was received and not decided yet is decided now, and a callback
  // cut off by the stop goes out again.
  for (const record of state.messages.values()) {
    if (record.status === 'received') decideLater(record);
    else if (record.callback === 'pending') timers.after(processingDelayMs, () => sendCallback(record));
  }

  function receive(idempotencyKey: string, body: unknown): Answer {
    const existing = state.messages.get(idempotencyKey);
    if (existing) return { statusCode: 200, body: { status: 'received', reference: existing.reference } };
    const check = checkMessage(body);
    if (!check.ok) return { statusCode: check.status, body: { code: check.code, message: check.message } };
    const record: ReceivedMessage = {
      idempotencyKey, reference: state.nextReference(), receiptDate: today(), message: check.message,
      status: 'received', errorCode: null, errorText: null, callback: 'none', callbackAttempts: 0,
    };
    state.messages.set(idempotencyKey, record);
    state.changed();
    app.log.info({ reference: record.reference, kind: record.message.kind }, 'message received');
    decideLater(record);
    return { statusCode: 202, body: { status: 'received', reference: record.reference } };
  }

  /** No answer at all: the client sees a connection reset. */
  const drop = (reply: FastifyReply) => {
    reply.hijack();
    reply.raw.destroy();
    return reply;
  };

  app.post('/messages', { onRequest: requireApiKey }, async (request, reply) => {
    const raw = request.headers['idempotency-key'];
    const idempotencyKey = typeof raw === 'string' ? raw.trim() : '';
    if (!idempotencyKey) return reply.status(400).send({ code: 'IDEMPOTENCY_KEY_MISSING', message: 'the Idempotency-Key header is required' });
    if (idempotencyKey.length > MAX_KEY_LENGTH) {
      return reply.status(400).send({ code: 'IDEMPOTENCY_KEY_INVALID', message: `the Idempotency-Key header is longer than ${MAX_KEY_LENGTH} characters` });
    }
    const fault = state.takeFault(Date.now());
    if (fault?.mode === 'http500') return reply.status(503).send({ code: 'UNAVAILABLE', message: 'simulated outage' });
    // A timeout is a slow answer, not a lost request: the work is done (a retry finds it).
    const answer = receive(idempotencyKey, request.body);
    if (fault?.mode === 'drop-after-accept') return drop(reply);
    if (fault?.mode === 'timeout' && !(await timers.sleep(fault.delayMs))) return drop(reply);
    return reply.status(answer.statusCode).send(answer.body);
  });

  app.get('/messages/:idempotencyKey', {
    onRequest: requireApiKey,
    schema: { params: z.object({ idempotencyKey: z.string().min(1) }) },
  }, async (request, reply) => {
    const record = state.messages.get(request.params.idempotencyKey);
    if (!record) return reply.status(404).send({ code: 'NOT_FOUND', message: 'no message with this idempotency key' });
    return {
      status: record.status, reference: record.reference, receiptDate: record.receiptDate,
      errorCode: record.errorCode, errorText: record.errorText,
    };
  });

  app.get('/health', async () => ({ status: 'ok' }));

  // Admin: a loopback test tool, hence no auth.
  app.post('/admin/collectives', { schema: { body: adminCollective } }, async (request, reply) => {
    const { collectiveNumber, companyNumber } = request.body;
    state.collectives.set(collectiveNumber, { companyNumber });
    state.changed();
    return reply.status(201).send({ collectiveNumber, companyNumber });
  });

  app.post('/admin/insured', { schema: { body: adminInsured } }, async (request, reply) => {
    const { nationalId, collectiveNumber } = request.body;
    state.insured.set(nationalId, { collectiveNumber, open: true });
    state.changed();
    return reply.status(201).send({ collectiveNumber, open: true });
  });

  app.get('/admin/messages', async () => {
    const messages = [...state.messages.values()].map(summarise);
    return { count: messages.length, messages };
  });

  // Forgets one message, as a supplier that lost it (a restore from backup) would.
  app.delete('/admin/messages/:idempotencyKey', { schema: { params: z.object({ idempotencyKey: z.string().min(1) }) } }, async (request, reply) => {
    const gone = state.messages.delete(request.params.idempotencyKey);
    state.changed();
    return reply.status(gone ? 200 : 404).send({ forgotten: gone });
  });

  app.get('/admin/faults', async () => ({ fault: describeFault() }));

  app.post('/admin/faults', { schema: { body: adminFault } }, async (request, reply) => {
    const { mode, count, durationMs, delayMs } = request.body;
    state.fault = {
      mode,
      remaining: durationMs === undefined ? (count ?? 1) : null,
      until: durationMs === undefined ? null : Date.now() + durationMs,
      delayMs: delayMs ?? DEFAULT_HOLD_MS,
    };
    return reply.status(201).send({ fault: describeFault() });
  });

  app.delete('/admin/faults', async () => {
    state.fault = null;
    return { fault: null };
  });

  app.post('/admin/reset', async () => {
    epoch.abort();
    epoch = new AbortController();
    timers.cancelAll();
    state.reset();
    return { status: 'reset' };
  });

  function describeFault() {
    const f = state.fault;
    if (!f) return null;
    return { mode: f.mode, remaining: f.remaining, until: f.until === null ? null : new Date(f.until).toISOString(), delayMs: f.delayMs };
  }

  return app;
}
