import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SupplierChannel} from '../../../domain/suppliers/channel';
import { sendsMessages } from '../../../domain/suppliers/channel';
import { suppliers } from '../../../db/schema';
import { notFound } from '../../errors';
import { checkSupplierUrl } from '../../outbound-check';
import { hashToken, newToken } from '../../plugins/auth';
import { idParams } from '../employers/schemas';
import { channelUpdate, supplierCreate, supplierList, supplierPatch, supplierView, supplierWithToken } from './schemas';

type Supplier = typeof suppliers.$inferSelect;

/** What the API shows of a supplier: never its credentials nor its token hash, only whether they exist. */
const supplierViewOf = (s: Supplier) => ({
  id: s.id, name: s.name, kind: s.kind, fields: s.fields, channel: s.channel as SupplierChannel,
  hasCredentials: s.credentialsEncrypted !== null, hasCallbackToken: s.callbackTokenHash !== null, createdAt: s.createdAt.toISOString(),
});

/** A fresh callback token, stored as its hash; the token itself leaves once, in this answer. */
const issueToken = () => {
  const token = newToken();
  return { token, hash: hashToken(token) };
};

const callbackUrlOf = (app: FastifyInstance, supplierId: string) => `${app.publicUrl}/api/supplier-callbacks/${supplierId}`;

const supplierRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/suppliers', {
    config: { permission: 'suppliers.manage' },
    schema: {
      tags: ['suppliers'], summary: 'Create a supplier (insurer or benefit supplier)',
      description: 'Credentials are sealed at rest and never returned. With an `http` channel the answer carries '
        + '`callbackToken` and `callbackUrl` — the token is shown this once.',
      body: supplierCreate, response: { 201: supplierWithToken },
    },
  }, async (request, reply) => {
    const { name, kind, fields, channel, credentials } = request.body;
    if (channel && sendsMessages(channel)) await checkSupplierUrl(app.outbound, 'body.channel.baseUrl', channel.baseUrl);
    const issued = channel && sendsMessages(channel) ? issueToken() : null;
    const [row] = await app.db.insert(suppliers).values({
      name, kind, fields: fields ?? null, channel: channel ?? { transport: 'none' },
      credentialsEncrypted: credentials ? app.secrets.seal(credentials) : null,
      callbackTokenHash: issued?.hash ?? null,
    }).returning();
    return reply.status(201).send({
      ...supplierViewOf(row), ...(issued ? { callbackToken: issued.token, callbackUrl: callbackUrlOf(app, row.id) } : {}),
    });
  });

  app.get('/api/suppliers', {
    config: { permission: 'suppliers.view' },
    schema: { tags: ['suppliers'], summary: 'All suppliers, by name', response: { 200: supplierList } },
  }, async () => {
    const rows = await app.db.select().from(suppliers).orderBy(asc(suppliers.name), asc(suppliers.id)).limit(5000);
    return { items: rows.map(supplierViewOf) };
  });

  app.get('/api/suppliers/:id', {
    config: { permission: 'suppliers.view' },
    schema: { tags: ['suppliers'], summary: 'A supplier (without its secrets)', params: idParams, response: { 200: supplierView } },
  }, async (request) => {
    const [row] = await app.db.select().from(suppliers).where(eq(suppliers.id, request.params.id));
    if (!row) throw notFound('supplier');
    return supplierViewOf(row);
  });

  app.patch('/api/suppliers/:id', {
    config: { permission: 'suppliers.manage' },
    schema: {
      tags: ['suppliers'], summary: 'Rename a supplier, or correct its kind or the fields it needs (how it is reached: PUT …/channel)',
      description: 'Kind and fields decide which payroll changes concern the supplier: a correction applies to the changes detected from the next import on; messages already made stay as they are.',
      params: idParams, body: supplierPatch, response: { 200: supplierView },
    },
  }, async (request) => {
    const { name, kind, fields } = request.body;
    const [row] = await app.db.update(suppliers).set({
      ...(name !== undefined ? { name } : {}), ...(kind !== undefined ? { kind } : {}), ...(fields !== undefined ? { fields } : {}),
    }).where(eq(suppliers.id, request.params.id)).returning();
    if (!row) throw notFound('supplier');
    return supplierViewOf(row);
  });

  app.put('/api/suppliers/:id/channel', {
    // Every employer's cases, reports or messages follow this setting: a platform permission.
    config: { permission: 'platform.settings' },
    schema: {
      tags: ['suppliers'], summary: 'Set how the supplier is reached, and its credentials',
      description: '`credentials` omitted keeps the current ones, `null` removes them. Setting an `http` channel on a supplier '
        + 'without a callback token, or `rotateCallbackToken: true`, issues a new token: returned this once as `callbackToken`.',
      params: idParams, body: channelUpdate, response: { 200: supplierWithToken },
    },
  }, async (request) => {
    const { channel, credentials, rotateCallbackToken } = request.body;
    if (sendsMessages(channel)) await checkSupplierUrl(app.outbound, 'body.channel.baseUrl', channel.baseUrl);
    return app.db.transaction(async (tx) => {
      const [current] = await tx.select().from(suppliers).where(eq(suppliers.id, request.params.id)).for('update');
      if (!current) throw notFound('supplier');
      const issued = rotateCallbackToken || (sendsMessages(channel) && current.callbackTokenHash === null) ? issueToken() : null;
      const [row] = await tx.update(suppliers).set({
        channel,
        ...(credentials !== undefined ? { credentialsEncrypted: credentials === null ? null : app.secrets.seal(credentials) } : {}),
        ...(issued ? { callbackTokenHash: issued.hash } : {}),
      }).where(eq(suppliers.id, current.id)).returning();
      return { ...supplierViewOf(row), ...(issued ? { callbackToken: issued.token, callbackUrl: callbackUrlOf(app, row.id) } : {}) };
    });
  });
};

export default supplierRoutes;
