import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiTokens, roles } from '../../../db/schema';
import { ApiError, notFound } from '../../errors';
import { hashToken, newToken } from '../../plugins/auth';
import { authorizeGrants } from '../../scope';

const tokenView = z.object({ id: z.uuid(), name: z.string(), role: z.string(), employerIds: z.array(z.uuid()).nullable(), createdAt: z.string() });

/** API tokens with a role: for automation, and for people who call the API without logging in. */
const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/tokens', {
    config: { permission: 'admin.users' },
    schema: { tags: ['tokens'], summary: 'API tokens (names and roles; the tokens themselves are kept only as hashes)', response: { 200: z.object({ items: z.array(tokenView) }) } },
  }, async () => {
    const rows = await app.db.select().from(apiTokens).orderBy(apiTokens.name);
    return { items: rows.map((t) => ({ id: t.id, name: t.name, role: t.role, employerIds: t.employerIds, createdAt: t.createdAt.toISOString() })) };
  });

  app.post('/api/tokens', {
    config: { permission: 'admin.users' },
    schema: {
      tags: ['tokens'], summary: 'Create a token with a role; the token is shown this once',
      body: z.object({
        name: z.string().trim().min(1).max(100), role: z.string().min(1).max(100),
        employerIds: z.array(z.uuid()).max(1000).optional().describe('the employers it may act for; absent: all if its role sees every employer, else none'),
      }),
      response: { 201: tokenView.extend({ token: z.string() }) },
    },
  }, async (request, reply) => {
    authorizeGrants(request, request.body.employerIds);
    const token = newToken();
    const [existing] = await app.db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.name, request.body.name));
    if (existing) throw new ApiError(409, 'name_taken', `a token named ${request.body.name} exists already`);
    const [role] = await app.db.select({ name: roles.name }).from(roles).where(eq(roles.name, request.body.role));
    if (!role) throw new ApiError(400, 'validation', 'body.role: no such role');
    const [row] = await app.db.insert(apiTokens).values({ name: request.body.name, role: request.body.role, employerIds: request.body.employerIds ?? null, tokenHash: hashToken(token) }).returning();
    return reply.status(201).send({ id: row.id, name: row.name, role: row.role, employerIds: row.employerIds, createdAt: row.createdAt.toISOString(), token });
  });

  app.delete('/api/tokens/:id', {
    config: { permission: 'admin.users' },
    schema: { tags: ['tokens'], summary: 'Revoke a token', params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
  }, async (request, reply) => {
    if (request.params.id === request.principal!.tokenId) throw new ApiError(409, 'own_token', 'a token cannot revoke itself');
    const [row] = await app.db.delete(apiTokens).where(eq(apiTokens.id, request.params.id)).returning({ id: apiTokens.id });
    if (!row) throw notFound('token');
    return reply.status(204).send(null);
  });
};

export default tokenRoutes;
