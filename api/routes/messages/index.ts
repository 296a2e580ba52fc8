import { and, asc, desc, eq, not, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { STATUS_LABELS_NL, canCancel, canResend, isAnswerOverdue } from '../../../domain/messages/lifecycle';
import type { MessageRow} from '../../../db/queries/messages';
import { bumpVersion, transition } from '../../../db/queries/messages';
import { messageAnswers, messageBodies, messageEvents, messages } from '../../../db/schema';
import { messageWorkflowId } from '../../../workflows/shared';
import { decodeCursor, pageOf } from '../../keyset-cursor';
import { ApiError, notFound } from '../../errors';
import { sendJsonPage, withFields } from '../../json-page';
import { exactInstant, isoInstant, rowJson } from '../../../db/queries/row-json';
import { authorizeEmployer, requirePermission } from '../../plugins/auth';
import { authorizePersonFilter, employerScope, employerScopeFilter, employerScopeFilters } from '../../scope';
import { given, listByShape, slot } from '../../../db/queries/list-by-shape';
import { bodyParams, cancelBody, messageList, messageListQuery, messageParams, messageProof, messageWithEvents } from './schemas';
import { actorOf } from '../../actor';
import { recordPersonsRead } from '../../plugins/audit';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What the view adds to the stored columns: the label, the answer window's verdict, the workflow. */
const computedFields = (m: Pick<MessageRow, 'id' | 'status' | 'answerDueAt'>, nowMs: number) => ({
  statusLabel: STATUS_LABELS_NL[m.status], overdue: isAnswerOverdue(m, nowMs), workflowId: messageWorkflowId(m.id),
});

const messageView = (m: MessageRow) => ({
  id: m.id, employerId: m.employerId, supplierId: m.supplierId, personId: m.personId, enrollmentId: m.enrollmentId,
  kind: m.kind, status: m.status, version: m.version, factDate: m.factDate, sendDate: m.sendDate,
  missingFields: m.missingFields, changedFields: m.changedFields, changedSinceSent: m.changedSinceSent, warnings: m.warnings,
  failure: m.failure ?? null, supplierReference: m.supplierReference, receiptDate: m.receiptDate, errorCode: m.errorCode, errorText: m.errorText,
  cancelReason: m.cancelReason, sentAt: iso(m.sentAt), answeredAt: iso(m.answeredAt), answerDueAt: iso(m.answerDueAt), createdBy: m.createdBy,
  createdAt: m.createdAt.toISOString(), updatedAt: m.updatedAt.toISOString(), ...computedFields(m, Date.now()),
});

/** `messageView`'s stored columns as PostgreSQL writes them, for the list (a test holds the list to the message's own GET). */
const messageJson = rowJson({
  id: messages.id, employerId: messages.employerId, supplierId: messages.supplierId, personId: messages.personId, enrollmentId: messages.enrollmentId,
  kind: messages.kind, status: messages.status, version: messages.version, factDate: messages.factDate, sendDate: messages.sendDate,
  missingFields: messages.missingFields, changedFields: messages.changedFields, changedSinceSent: messages.changedSinceSent, warnings: messages.warnings,
  failure: messages.failure, supplierReference: messages.supplierReference, receiptDate: messages.receiptDate, errorCode: messages.errorCode,
  errorText: messages.errorText, cancelReason: messages.cancelReason, sentAt: isoInstant(messages.sentAt), answeredAt: isoInstant(messages.answeredAt),
  answerDueAt: isoInstant(messages.answerDueAt), createdBy: messages.createdBy, createdAt: isoInstant(messages.createdAt), updatedAt: isoInstant(messages.updatedAt),
});

const answerLate = sql`(${messages.status} in ('queued', 'sent') and ${messages.answerDueAt} is not null and ${messages.answerDueAt} < now())`;
const messageFilters = {
  ...employerScopeFilters(messages.employerId),
  status: eq(messages.status, slot('status')), supplierId: eq(messages.supplierId, slot('supplierId')),
  personId: eq(messages.personId, slot('personId')), kind: eq(messages.kind, slot('kind')),
  overdue: answerLate, notOverdue: not(answerLate),
  cursor: sql`(${messages.createdAt}, ${messages.id}) < (${slot('cursorAt')}::timestamptz, ${slot('cursorId')}::uuid)`,
};
type MessageFilter = keyof typeof messageFilters;

const messageRoutes: FastifyPluginAsyncZod = async (app) => {
  const listMessages = listByShape('messages.list', messageFilters, (where) => app.db
    .select({ id: messages.id, personId: messages.personId, status: messages.status, answerDueAt: messages.answerDueAt, cursorAt: exactInstant(messages.createdAt), json: messageJson })
    .from(messages).where(where).orderBy(desc(messages.createdAt), desc(messages.id)).limit(slot('limit')));
  const load = async (id: string) => {
    const [m] = await app.db.select().from(messages).where(eq(messages.id, id));
    if (!m) throw notFound('message');
    return m;
  };
  /** Loads the message and checks that its employer is granted: before anything is read or changed. */
  const authorized = async (request: FastifyRequest, id: string) => {
    const m = await load(id);
    authorizeEmployer(request, m.employerId, { personId: m.personId }, 'message');
    return m;
  };
  const withEvents = async (m: MessageRow) => {
    const events = await app.db.select().from(messageEvents).where(eq(messageEvents.messageId, m.id)).orderBy(asc(messageEvents.id));
    return {
      ...messageView(m),
      events: events.map((e) => ({ version: e.version, from: e.fromStatus, to: e.toStatus, at: e.at.toISOString(), cause: e.cause, actor: e.actor, detail: e.detail ?? null })),
    };
  };

  app.get('/api/messages', {
    config: { permission: 'messages.view' },
    schema: {
      tags: ['messages'], summary: 'Messages, newest first, filtered by status, supplier, employer, person or kind',
      querystring: messageListQuery, response: { 200: messageList },
    },
  }, async (request, reply) => {
    const { status, supplierId, employerId, personId, kind, overdue, cursor, limit } = request.query;
    const scope = employerScopeFilter(request, employerId);
    await authorizePersonFilter(app.db, request, personId);
    const values: Record<string, unknown> = { ...scope.values, status, supplierId, personId, kind, limit: limit + 1 };
    const on: MessageFilter[] = [...scope.on, ...given({ status, supplierId, personId, kind })];
    if (overdue !== undefined) on.push(overdue ? 'overdue' : 'notOverdue');
    if (cursor) {
      [values.cursorAt, values.cursorId] = decodeCursor(cursor, ['instant', 'uuid']);
      on.push('cursor');
    }
    const rows = await listMessages(on, values);
    const page = pageOf(rows, limit, (m) => [m.cursorAt, m.id]);
    recordPersonsRead(request, page.items.map((m) => m.personId));
    const now = Date.now();
    return sendJsonPage(reply, page.items.map((m) => withFields(m.json, computedFields(m, now))), page.nextCursor);
  });

  app.get('/api/messages/:id', {
    config: { permission: 'messages.view' },
    schema: { tags: ['messages'], summary: 'A message with every transition it went through', params: messageParams, response: { 200: messageWithEvents } },
  }, async (request) => withEvents(await authorized(request, request.params.id)));

  app.get('/api/messages/:id/proof', {
    config: { permission: 'messages.view' },
    schema: {
      tags: ['messages'], summary: 'Proof of what was sent: each version\'s exact body with its hash, every event, the answers and the receipts',
      description: 'The bodies hold the person\'s data: also needs persons.view, and every read is in the audit trail.',
      params: messageParams, response: { 200: messageProof },
    },
  }, async (request) => {
    requirePermission(request, 'persons.view');
    const m = await authorized(request, request.params.id);
    const { events, ...message } = await withEvents(m);
    const bodies = await app.db.select().from(messageBodies).where(eq(messageBodies.messageId, m.id)).orderBy(asc(messageBodies.version));
    const answers = await app.db.select().from(messageAnswers).where(eq(messageAnswers.messageId, m.id)).orderBy(asc(messageAnswers.version));
    const receipts = events.filter((e) => e.cause === 'delivered' || e.cause === 'refused_by_supplier').map((e) => {
      const detail = (e.detail ?? {}) as { httpStatus?: number; reference?: string };
      return { version: e.version, at: e.at, accepted: e.cause === 'delivered', httpStatus: detail.httpStatus ?? null, reference: detail.reference ?? null };
    });
    return {
      message, events, receipts,
      versions: bodies.map((b) => ({ version: b.version, handedOverAt: b.createdAt.toISOString(), sha256: b.sha256, size: b.size, body: app.secrets.open<string>(b.bodySealed) })),
      answers: answers.map((a) => ({
        version: a.version, status: a.status, receiptDate: a.receiptDate, errorCode: a.errorCode, errorText: a.errorText, reference: a.reference,
        via: a.via, receivedAt: a.receivedAt.toISOString(), applied: a.applied,
      })),
    };
  });

  app.get('/api/messages/:id/versions/:version/body', {
    config: { permission: 'messages.view' },
    schema: {
      tags: ['messages'], summary: 'One version\'s body exactly as sent (x-content-sha256)',
      description: 'Also needs persons.view; every read is in the audit trail.', params: bodyParams,
    },
  }, async (request, reply) => {
    requirePermission(request, 'persons.view');
    const m = await authorized(request, request.params.id);
    const [b] = await app.db.select().from(messageBodies).where(and(eq(messageBodies.messageId, m.id), eq(messageBodies.version, request.params.version)));
    if (!b) throw notFound('sent body of this version');
    return reply.header('content-type', 'application/json; charset=utf-8').header('x-content-sha256', b.sha256)
      .send(Buffer.from(app.secrets.open<string>(b.bodySealed), 'utf8'));
  });

  app.post('/api/messages/:id/resend', {
    config: { permission: 'messages.resend' },
    schema: {
      tags: ['messages'], summary: 'Opnieuw verzenden: send a new version (after a failure, a rejection, or any sent message)',
      params: messageParams, response: { 202: messageWithEvents },
    },
  }, async (request, reply) => {
    await authorized(request, request.params.id);
    const actor = actorOf(request);
    const version = await app.db.transaction(async (tx) => {
      const [m] = await tx.select({ status: messages.status }).from(messages).where(eq(messages.id, request.params.id)).for('update');
      if (!m) throw notFound('message');
      if (!canResend(m.status)) {
        throw new ApiError(409, 'not_resendable', `a message that is ${STATUS_LABELS_NL[m.status]} (${m.status}) cannot be resent; only sent, failed or rejected ones can`);
      }
      return bumpVersion(tx, request.params.id, 'resend', actor);
    });
    await app.messageWorkflows.resend([{ messageId: request.params.id, version: version! }]);
    return reply.status(202).send(await withEvents(await load(request.params.id)));
  });

  app.post('/api/messages/:id/cancel', {
    config: { permission: 'messages.resend' },
    schema: {
      tags: ['messages'], summary: 'Cancel a message that has not been sent yet, with a reason',
      params: messageParams, body: cancelBody, response: { 200: messageWithEvents },
    },
  }, async (request) => {
    await authorized(request, request.params.id);
    const actor = actorOf(request);
    await app.db.transaction(async (tx) => {
      const [m] = await tx.select({ status: messages.status, version: messages.version }).from(messages).where(eq(messages.id, request.params.id)).for('update');
      if (!m) throw notFound('message');
      if (!canCancel(m.status)) {
        throw new ApiError(409, 'not_cancellable', `a message that is ${STATUS_LABELS_NL[m.status]} (${m.status}) cannot be cancelled; only unsent ones can`);
      }
      await transition(tx, { messageId: request.params.id, version: m.version, to: 'cancelled', cause: 'cancelled', actor,
        set: { cancelReason: request.body.reason }, detail: { reason: request.body.reason } });
    });
    await app.messageWorkflows.cancelled([request.params.id]);
    return withEvents(await load(request.params.id));
  });

  // Counts per status for dashboards: cheap, and what HR looks at every morning.
  app.get('/api/messages/summary', {
    config: { permission: 'messages.view' },
    schema: { tags: ['messages'], summary: 'How many messages are in each status', querystring: messageListQuery.pick({ employerId: true, supplierId: true }) },
  }, async (request) => {
    const conds = [employerScope(request, messages.employerId, request.query.employerId)];
    if (request.query.supplierId) conds.push(eq(messages.supplierId, request.query.supplierId));
    const rows = await app.db.select({ status: messages.status, n: sql<number>`count(*)::int` }).from(messages)
      .where(and(...conds)).groupBy(messages.status);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  });
};

export default messageRoutes;
