import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiTokens, roles } from '../../../db/schema';
import type { RoleDefinition } from '../../../domain/access/permissions';
import { isPermission, withinReach } from '../../../domain/access/permissions';
import { DAY_MS } from '../../../domain/shared/calendar';
import { ApiError, notFound } from '../../errors';
import { deny, hashToken, newToken } from '../../plugins/auth';
import { authorizeGrants, authorizeRoleGrant, grantorOf } from '../../scope';

const tokenView = z.object({
  id: z.uuid(), name: z.string(), role: z.string(), employerIds: z.array(z.uuid()).nullable(),
  ownerUserId: z.uuid().nullable().describe('the user who made it; null: an operator token from the configuration'),
  createdBy: z.string().nullable(), expiresAt: z.string().nullable(), lastUsedAt: z.string().nullable(), createdAt: z.string(),
});
const iso = (d: Date | null) => d?.toISOString() ?? null;
const view = (t: typeof apiTokens.$inferSelect) => ({
  id: t.id, name: t.name, role: t.role, employerIds: t.employerIds, ownerUserId: t.ownerUserId, createdBy: t.createdBy,
  expiresAt: iso(t.expiresAt), lastUsedAt: iso(t.lastUsedAt), createdAt: t.createdAt.toISOString(),
});

/**
 * API tokens with a role: for automation, and for people who call the API without logging in.
 * Each has an owner (the user who made it: it acts within their rights and ends with their
 * account) and an expiry. A user administrator sees and revokes only the tokens they could have made.
 */
const tokenRoutes: FastifyPluginAsyncZod = async (app) => {
  const roleMap = async () => new Map((await app.db.select().from(roles)).map((r): [string, RoleDefinition] => [r.name, { permissions: r.permissions.filter(isPermission), allEmployers: r.allEmployers }]));
  /** A token without employers reaches those of its role: every one for a role that sees every employer, else none. */
  const reaches = (request: FastifyRequest, all: Map<string, RoleDefinition>, t: typeof apiTokens.$inferSelect) => {
    const role = all.get(t.role);
    return withinReach(grantorOf(request), role, t.employerIds ?? (role?.allEmployers ? 'all' : []));
  };

  app.get('/api/tokens', {
    config: { permission: 'admin.users' },
    schema: { tags: ['tokens'], summary: 'API tokens (names, roles, owners, expiry and last use; the tokens themselves are kept only as hashes)', response: { 200: z.object({ items: z.array(tokenView) }) } },
  }, async (request) => {
    const all = await roleMap();
    const rows = await app.db.select().from(apiTokens).orderBy(apiTokens.name);
    return { items: rows.filter((t) => reaches(request, all, t)).map(view) };
  });

  app.post('/api/tokens', {
    config: { permission: 'admin.users' },
    schema: {
      tags: ['tokens'], summary: 'Create a token with a role (one you may grant); the token is shown this once',
      body: z.object({
        name: z.string().trim().min(1).max(100), role: z.string().min(1).max(100),
        employerIds: z.array(z.uuid()).max(1000).optional().describe('the employers it may act for; absent: all if its role sees every employer, else none'),
        expiresInDays: z.number().int().min(1).max(366).default(90).describe('refused after this many days'),
      }),
      response: { 201: tokenView.extend({ token: z.string() }) },
    },
  }, async (request, reply) => {
    const b = request.body;
    authorizeGrants(request, b.employerIds);
    await authorizeRoleGrant(app.db, request, b.role);
    const token = newToken();
    const [existing] = await app.db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.name, b.name));
    if (existing) throw new ApiError(409, 'name_taken', `a token named ${b.name} exists already`);
    const principal = request.principal!;
    // A token made by a token belongs to that token's owner (none for an operator token).
    const [maker] = principal.kind === 'token' ? await app.db.select({ owner: apiTokens.ownerUserId }).from(apiTokens).where(eq(apiTokens.id, principal.id)) : [];
    const ownerUserId = principal.kind === 'user' ? principal.id : (maker?.owner ?? null);
    const [row] = await app.db.insert(apiTokens).values({
      name: b.name, role: b.role, employerIds: b.employerIds ?? null, tokenHash: hashToken(token),
      ownerUserId, createdBy: `${principal.kind}:${principal.name}`, expiresAt: new Date(Date.now() + b.expiresInDays * DAY_MS),
    }).returning();
    request.audit.resourceId = row.id;
    return reply.status(201).send({ ...view(row), token });
  });

  app.delete('/api/tokens/:id', {
    config: { permission: 'admin.users' },
    schema: { tags: ['tokens'], summary: 'Revoke a token', params: z.object({ id: z.uuid() }), response: { 204: z.null() } },
  }, async (request, reply) => {
    if (request.params.id === request.principal!.tokenId) throw new ApiError(409, 'own_token', 'a token cannot revoke itself');
    const [current] = await app.db.select().from(apiTokens).where(eq(apiTokens.id, request.params.id));
    if (!current) throw notFound('token');
    if (!reaches(request, await roleMap(), current)) deny(request, { reason: 'token beyond the administrator\'s reach' }, 'token not found', { status: 404, code: 'not_found' });
    await app.db.delete(apiTokens).where(eq(apiTokens.id, current.id));
    return reply.status(204).send(null);
  });
};

export default tokenRoutes;
