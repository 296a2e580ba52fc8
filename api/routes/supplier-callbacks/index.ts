import { timingSafeEqual } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { storeAnswer } from '../../../activities/messages/lifecycle';
import { messages, suppliers } from '../../../db/schema';
import { UUID_TEXT } from '../../../domain/shared/uuid';
import { hashToken } from '../../plugins/auth';
import { ApiError } from '../../errors';

const answerBody = z.object({
  // The message id in a UUID's shape: 36 hex digits and dashes in any order reached PostgreSQL as a uuid and failed there (500).
  idempotencyKey: z.string().regex(new RegExp(`^${UUID_TEXT}:\\d{1,6}$`), 'messageId:version'),
  reference: z.string().max(200).optional(),
  status: z.enum(['processed', 'rejected']),
  receiptDate: z.iso.date().optional(),
  errorCode: z.string().max(100).optional(),
  errorText: z.string().max(2000).optional(),
});

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A supplier's answer to a message (docs/http-message-channel.md). Authenticated by the
 * supplier's own callback token, not by a user token. Stored first, then the message's
 * workflow is told: a repeated callback is answered 202 and changes nothing.
 */
const supplierCallbackRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/supplier-callbacks/:supplierId', {
    config: { auth: 'supplier' },
    schema: {
      tags: ['messages'], summary: 'A supplier answers a message (processed or rejected)',
      description: 'Authorization: Bearer <the callback token issued when the supplier\'s channel was set>.',
      security: [{ bearer: [] }],
      params: z.object({ supplierId: z.uuid() }), body: answerBody,
      response: { 202: z.object({ accepted: z.literal(true) }) },
    },
  }, async (request, reply) => {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const [messageId, versionText] = request.body.idempotencyKey.split(':');
    const version = Number(versionText);
    // The supplier's token and its message, in one statement (each message's answer comes this way).
    const [found] = await app.db.select({ hash: suppliers.callbackTokenHash, messageVersion: messages.version }).from(suppliers)
      .leftJoin(messages, and(eq(messages.id, messageId), eq(messages.supplierId, suppliers.id)))
      .where(eq(suppliers.id, request.params.supplierId));
    if (!match || !found?.hash || !sameHash(found.hash, hashToken(match[1]))) {
      throw new ApiError(401, 'unauthorized', 'missing or wrong callback token for this supplier');
    }
    if (found.messageVersion === null || version > found.messageVersion) throw new ApiError(404, 'not_found', 'no such message for this supplier');
    await storeAnswer(app.db, { messageId, version, ...request.body, via: 'callback' });
    if (version === found.messageVersion) await app.messageWorkflows.answered(messageId, version);
    return reply.status(202).send({ accepted: true });
  });
};

export default supplierCallbackRoutes;
