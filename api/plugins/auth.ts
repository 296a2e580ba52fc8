import { createHash, randomBytes } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { Db } from '../../db/client';
import { apiTokens } from '../../db/schema';
import { Permission, can } from '../../domain/permissions';
import { ApiError } from '../errors';

export interface Principal {
  tokenId: string;
  name: string;
  role: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** `supplier`: the route checks a supplier's own token instead of a user's. */
    auth?: 'user' | 'supplier';
    /** What the principal's role must allow (checked after authentication; a denial is logged). */
    permission?: Permission;
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => `mf_${randomBytes(24).toString('base64url')}`;

/** Stores (or rotates) the named admin token; the token itself is kept only as a hash. */
export async function seedAdminToken(db: Db, token: string, name = 'admin'): Promise<void> {
  await db.insert(apiTokens).values({ name, tokenHash: hashToken(token), role: 'admin' })
    .onConflictDoUpdate({ target: apiTokens.name, set: { tokenHash: hashToken(token) } });
}

/** Throws 403 (and logs the denial: who, which permission, which route — no ids of persons) unless the role allows it. */
export function requirePermission(request: FastifyRequest, permission: Permission): void {
  if (request.principal && can(request.principal.role, permission)) return;
  request.log.warn({ denied: { token: request.principal?.name, role: request.principal?.role, permission, route: request.routeOptions.url } }, 'permission denied');
  throw new ApiError(403, 'forbidden', `this needs the ${permission} permission`);
}

/** Every /api route needs `Authorization: Bearer <token>`. */
export default fp(async (app) => {
  app.decorateRequest('principal', undefined);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.auth === 'supplier') return;
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new ApiError(401, 'unauthorized', 'missing bearer token');
    const rows = await app.db.execute<{ id: string; name: string; role: string }>(
      sql`select id, name, role from api_tokens where token_hash = ${hashToken(match[1])}`);
    const row = rows.rows[0];
    if (!row) throw new ApiError(401, 'unauthorized', 'unknown or revoked token');
    request.principal = { tokenId: row.id, name: row.name, role: row.role };
    const permission = request.routeOptions.config?.permission;
    if (permission) requirePermission(request, permission);
  });
}, { name: 'auth', dependencies: ['db'] });
