import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiTokens } from '../../db/schema';
import type { Permission} from '../../domain/access/permissions';
import { isPermission } from '../../domain/access/permissions';
import { ApiError } from '../errors';

/** Who is calling: a user with a browser session, or an API token (automation). */
export interface Principal {
  kind: 'user' | 'token';
  /** The user's or the token's id. */
  id: string;
  /** Set for tokens (a token cannot revoke itself). */
  tokenId?: string;
  /** The user's e-mail or the token's name: what `by` fields and the audit trail show. */
  name: string;
  role: string;
  permissions: ReadonlySet<string>;
  /** Employers this principal may see and act for. */
  employerIds: 'all' | readonly string[];
  sessionId?: string;
  /** The session's CSRF token (sessions only): what /api/auth/me hands the UI. */
  csrfToken?: string;
}

/** What the audit trail records about a request: the employer and person it touched. */
export interface AuditSubject {
  employerId?: string | null;
  personId?: string | null;
  resourceId?: string | null;
  action?: string;
  actor?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    audit: AuditSubject;
  }
  interface FastifyContextConfig {
    /** `supplier`: the route checks a supplier's own token; `public`: no authentication (login). */
    auth?: 'user' | 'supplier' | 'public';
    /** What the principal's role must allow; `any`: any signed-in principal. Every /api route declares one. */
    permission?: Permission | 'any';
  }
}

export const SESSION_COOKIE = 'mf_session';
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newToken = () => `mf_${randomBytes(24).toString('base64url')}`;

export interface SessionOptions {
  /** A session unused this long ends. */
  idleMinutes: number;
  /** A session ends this long after login, however active. */
  maxHours: number;
  /** Secure cookies (https); default: when the public URL is https. */
  secureCookie: boolean;
}

/** Stores (or rotates) the named admin token; the token itself is kept only as a hash. */
export async function seedAdminToken(db: Db, token: string, name = 'admin'): Promise<void> {
  await db.insert(apiTokens).values({ name, tokenHash: hashToken(token), role: 'admin' })
    .onConflictDoUpdate({ target: apiTokens.name, set: { tokenHash: hashToken(token) } });
}

/** Who, in a log line: kind and id — a user's name is their e-mail address, which logs must not carry. */
const principalRef = (p: Principal | undefined) => (p ? `${p.kind}:${p.id}` : 'anonymous');

/** A denial: logged (who, why, which route — no ids of persons), recorded as `denied` in the audit trail, answered 403. */
function deny(request: FastifyRequest, why: Record<string, string>, message: string): never {
  request.log.warn({ denied: { principal: principalRef(request.principal), role: request.principal?.role, route: request.routeOptions.url, ...why } }, 'permission denied');
  request.audit.action = 'denied';
  throw new ApiError(403, 'forbidden', message);
}

/** Throws 403 unless the role allows it (also for a permission that depends on the object, e.g. the task's kind). */
export function requirePermission(request: FastifyRequest, permission: Permission): void {
  if (!request.principal?.permissions.has(permission)) deny(request, { permission }, `this needs the ${permission} permission`);
}

export const mayUse = (request: FastifyRequest, permission: Permission) => Boolean(request.principal?.permissions.has(permission));

export function canSeeEmployer(principal: Principal | undefined, employerId: string): boolean {
  return Boolean(principal) && (principal!.employerIds === 'all' || principal!.employerIds.includes(employerId));
}

/**
 * The object-level check: the employer (and person) a route is about must be granted to the
 * caller — 403 otherwise, logged. Also what the audit record names.
 */
export function authorizeEmployer(request: FastifyRequest, employerId: string, subject: Omit<AuditSubject, 'employerId'> = {}): void {
  Object.assign(request.audit, { employerId, ...subject });
  if (!canSeeEmployer(request.principal, employerId)) deny(request, { reason: 'employer not granted' }, 'this employer is not granted to you');
}

/** For list routes: null when every employer is visible, else the granted ones (maybe none). */
export const visibleEmployers = (request: FastifyRequest): readonly string[] | null =>
  request.principal?.employerIds === 'all' ? null : (request.principal?.employerIds ?? []);

const equalText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type PrincipalRow = { id: string; name: string; role: string; permissions: string[] | null; all_employers: boolean | null; employer_ids: string[] | null };

function toPrincipal(kind: 'user' | 'token', row: PrincipalRow, extra: Partial<Principal> = {}): Principal {
  return {
    kind, id: row.id, name: row.name, role: row.role, permissions: new Set((row.permissions ?? []).filter(isPermission)),
    employerIds: row.all_employers && !(kind === 'token' && row.employer_ids) ? 'all' : (row.employer_ids ?? []), ...extra,
  };
}

/** A user with their role's permissions, by e-mail (login): the password hash and whether they are disabled come along. */
export async function userByEmail(db: Db, email: string): Promise<{ principal: Principal; passwordHash: string; disabled: boolean } | undefined> {
  const rows = await db.execute<PrincipalRow & { password_hash: string; disabled: boolean }>(sql`
    select u.id, u.email as name, u.role, r.permissions, r.all_employers, u.employer_ids, u.password_hash, u.disabled
      from users u left join roles r on r.name = u.role where u.email = ${email}`);
  const row = rows.rows[0];
  return row && { principal: toPrincipal('user', row), passwordHash: row.password_hash, disabled: row.disabled };
}

/**
 * Every /api route needs a principal: `Authorization: Bearer <token>` (automation), or the
 * session cookie of a signed-in user — whose changes also carry the session's `x-csrf-token`.
 * Then the route's permission. A route that declares none fails at start-up.
 */
export default fp<{ session: SessionOptions }>(async (app, opts) => {
  await app.register(cookie);
  app.decorateRequest('principal', undefined);
  app.decorateRequest('audit', null as unknown as AuditSubject);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const config = route.config as { auth?: string; permission?: string } | undefined;
    if (config?.auth === 'supplier' || config?.auth === 'public') return;
    if (!config?.permission) throw new Error(`route ${route.method} ${route.url} declares no permission`);
  });
  app.addHook('onRequest', async (request) => {
    request.audit = {};
    if (!request.url.startsWith('/api/')) return;
    const auth = request.routeOptions.config?.auth;
    if (auth === 'supplier' || auth === 'public') return;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new ApiError(401, 'unauthorized', 'malformed Authorization header (Bearer <token>)');
      const rows = await app.db.execute<PrincipalRow>(sql`
        select t.id, t.name, t.role, r.permissions, r.all_employers, t.employer_ids
          from api_tokens t left join roles r on r.name = t.role where t.token_hash = ${hashToken(match[1])}`);
      const row = rows.rows[0];
      if (!row) throw new ApiError(401, 'unauthorized', 'unknown or revoked token');
      request.principal = toPrincipal('token', row, { tokenId: row.id });
    } else {
      const raw = request.cookies[SESSION_COOKIE];
      if (!raw) throw new ApiError(401, 'unauthorized', 'sign in, or send Authorization: Bearer <token>');
      const rows = await app.db.execute<PrincipalRow & { session_id: string; csrf_token: string; last_seen_at: Date; expires_at: Date; disabled: boolean }>(sql`
        select u.id, u.email as name, u.role, r.permissions, r.all_employers, u.employer_ids, u.disabled,
               s.id as session_id, s.csrf_token, s.last_seen_at, s.expires_at
          from sessions s join users u on u.id = s.user_id left join roles r on r.name = u.role
         where s.id = ${hashToken(raw)}`);
      const row = rows.rows[0];
      const now = Date.now();
      if (!row || row.disabled || new Date(row.expires_at).getTime() <= now || new Date(row.last_seen_at).getTime() + opts.session.idleMinutes * 60_000 <= now) {
        if (row) await app.db.execute(sql`delete from sessions where id = ${row.session_id}`);
        throw new ApiError(401, 'session_expired', 'the session has ended: sign in again');
      }
      if (UNSAFE.has(request.method)) {
        const sent = request.headers['x-csrf-token'];
        if (typeof sent !== 'string' || !equalText(sent, row.csrf_token)) throw new ApiError(403, 'csrf', 'missing or wrong x-csrf-token');
      }
      // Touching the session at most once a minute keeps reads cheap.
      if (now - new Date(row.last_seen_at).getTime() > 60_000) await app.db.execute(sql`update sessions set last_seen_at = now() where id = ${row.session_id}`);
      request.principal = toPrincipal('user', row, { sessionId: row.session_id, csrfToken: row.csrf_token });
    }
    const permission = request.routeOptions.config?.permission;
    if (permission && permission !== 'any') requirePermission(request, permission);
  });
}, { name: 'auth', dependencies: ['db'] });

/** Sets the session cookie: HttpOnly, SameSite=Strict, Secure over https. */
export function setSessionCookie(reply: FastifyReply, token: string, opts: SessionOptions): void {
  reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'strict', secure: opts.secureCookie, maxAge: opts.maxHours * 3600 });
}
