import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { apiTokens } from '../../db/schema';
import type { Permission} from '../../domain/access/permissions';
import { PLATFORM_PERMISSIONS, isPermission } from '../../domain/access/permissions';
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

/**
 * Stores (or rotates) the named operator token (MUTAFLOW_ADMIN_TOKEN, MUTAFLOW_HEALTH_ADMIN_TOKEN);
 * the token itself is kept only as a hash. It has no owner and no expiry: the operator's
 * configuration is its owner, and replacing it there rotates it.
 */
export async function seedAdminToken(db: Db, token: string, name = 'admin', role: 'admin' | 'health_admin' = 'admin'): Promise<void> {
  await db.insert(apiTokens).values({ name, tokenHash: hashToken(token), role, createdBy: 'configuration' })
    .onConflictDoUpdate({ target: apiTokens.name, set: { tokenHash: hashToken(token), role, expiresAt: null, ownerUserId: null } });
}

/** Who, in a log line: kind and id — a user's name is their e-mail address, which logs must not carry. */
const principalRef = (p: Principal | undefined) => (p ? `${p.kind}:${p.id}` : 'anonymous');

/**
 * A denial: logged (who, why, which route — no ids of persons), recorded as `denied` in the
 * audit trail, answered 403 — or, for an object the caller may not see, 404 like an object that
 * does not exist, so that an id of another employer's object tells nothing.
 */
export function deny(request: FastifyRequest, why: Record<string, string>, message: string, answer: { status: 400 | 403 | 404; code: string } = { status: 403, code: 'forbidden' }): never {
  request.log.warn({ denied: { principal: principalRef(request.principal), role: request.principal?.role, route: request.routeOptions.url, ...why } }, 'permission denied');
  request.audit.action = 'denied';
  throw new ApiError(answer.status, answer.code, message);
}

/** Throws 403 unless the role allows it (also for a permission that depends on the object, e.g. the task's kind). */
export function requirePermission(request: FastifyRequest, permission: Permission): void {
  if (!request.principal?.permissions.has(permission)) deny(request, { permission }, `this needs the ${permission} permission`);
}

export const mayUse = (request: FastifyRequest, permission: Permission) => Boolean(request.principal?.permissions.has(permission));

function canSeeEmployer(principal: Principal | undefined, employerId: string): boolean {
  return Boolean(principal) && (principal!.employerIds === 'all' || principal!.employerIds.includes(employerId));
}

/**
 * The object-level check: the employer (and person) a route is about must be granted to the
 * caller — else 404 as for an object that does not exist (`what` names it the same way), logged
 * and audited as a denial. Also what the audit record names.
 */
export function authorizeEmployer(request: FastifyRequest, employerId: string, subject: Omit<AuditSubject, 'employerId'> = {}, what = 'object'): void {
  Object.assign(request.audit, { employerId, ...subject });
  if (!canSeeEmployer(request.principal, employerId)) deny(request, { reason: 'employer not granted' }, `${what} not found`, { status: 404, code: 'not_found' });
}

/** The same check for an object a request body names: refused like a reference to nothing (400 with `message`), audited as a denial. */
export function authorizeReference(request: FastifyRequest, employerId: string, subject: Omit<AuditSubject, 'employerId'>, message: string): void {
  Object.assign(request.audit, { employerId, ...subject });
  if (!canSeeEmployer(request.principal, employerId)) deny(request, { reason: 'employer not granted' }, message, { status: 400, code: 'validation' });
}

/** For list routes: null when every employer is visible, else the granted ones (maybe none). */
export const visibleEmployers = (request: FastifyRequest): readonly string[] | null =>
  request.principal?.employerIds === 'all' ? null : (request.principal?.employerIds ?? []);

const equalText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type PrincipalRow = { id: string; name: string; role: string; permissions: string[] | null; all_employers: boolean | null; employer_ids: string[] | null };

function toPrincipal(kind: 'user' | 'token', row: PrincipalRow, extra: Partial<Principal> = {}): Principal {
  const employerIds = row.all_employers && !(kind === 'token' && row.employer_ids) ? 'all' : (row.employer_ids ?? []);
  // A platform permission counts only with every employer (an admin token granted a few loses it).
  const permissions = (row.permissions ?? []).filter((p) => isPermission(p) && (employerIds === 'all' || !PLATFORM_PERMISSIONS.includes(p)));
  return { kind, id: row.id, name: row.name, role: row.role, permissions: new Set(permissions), employerIds, ...extra };
}

type TokenRow = PrincipalRow & {
  expires_at: Date | null; last_used_at: Date | null; owner_user_id: string | null; owner_disabled: boolean | null;
  owner_permissions: string[] | null; owner_all_employers: boolean | null; owner_employer_ids: string[] | null;
};

/**
 * A token acts within its owner's current rights: never more permissions or employers than the
 * user who made it holds today, and nothing once that user is disabled (or gone).
 */
function tokenPrincipal(row: TokenRow): Principal | string {
  if (row.expires_at && new Date(row.expires_at).getTime() <= Date.now()) return 'the token has expired';
  const own = toPrincipal('token', row, { tokenId: row.id });
  if (!row.owner_user_id) return own;
  if (row.owner_disabled !== false) return 'the token\'s owner is disabled: the token is revoked';
  const owner = toPrincipal('user', { ...row, permissions: row.owner_permissions, all_employers: row.owner_all_employers, employer_ids: row.owner_employer_ids });
  const ownerSees = (id: string) => owner.employerIds === 'all' || owner.employerIds.includes(id);
  return {
    ...own,
    permissions: new Set([...own.permissions].filter((p) => owner.permissions.has(p))),
    employerIds: own.employerIds === 'all' ? owner.employerIds : own.employerIds.filter(ownerSees),
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

type SessionRow = PrincipalRow & { session_id: string; csrf_token: string; last_seen_at: Date; expires_at: Date; disabled: boolean };

// Every request runs one of these two. As named statements each connection plans them once: planning
// the four-table join cost five times its run (0.22 against 0.04 ms, bench/load.bench.ts). Named
// statements need a session per connection: behind PgBouncer, session mode (or 1.21+ with
// max_prepared_statements), never plain transaction mode.
const TOKEN_LOOKUP = {
  name: 'auth.token',
  text: `select t.id, t.name, t.role, r.permissions, r.all_employers, t.employer_ids, t.expires_at, t.last_used_at, t.owner_user_id,
                o.disabled as owner_disabled, orole.permissions as owner_permissions, orole.all_employers as owner_all_employers, o.employer_ids as owner_employer_ids
           from api_tokens t left join roles r on r.name = t.role
           left join users o on o.id = t.owner_user_id left join roles orole on orole.name = o.role
          where t.token_hash = $1`,
};
const SESSION_LOOKUP = {
  name: 'auth.session',
  text: `select u.id, u.email as name, u.role, r.permissions, r.all_employers, u.employer_ids, u.disabled,
                s.id as session_id, s.csrf_token, s.last_seen_at, s.expires_at
           from sessions s join users u on u.id = s.user_id left join roles r on r.name = u.role
          where s.id = $1`,
};

/**
 * Every /api route needs a principal: `Authorization: Bearer <token>` (automation), or the
 * session cookie of a signed-in user — whose changes also carry the session's `x-csrf-token`.
 * Then the route's permission. A route that declares none fails at start-up.
 */
export default fp<{ session: SessionOptions; protectDocs?: boolean }>(async (app, opts) => {
  // /docs (the OpenAPI page and its JSON) needs a signed-in principal too when protected (production).
  const guarded = (url: string) => url.startsWith('/api/') || (opts.protectDocs === true && (url === '/docs' || url.startsWith('/docs/') || url.startsWith('/docs?')));
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
    if (!guarded(request.url)) return;
    const auth = request.routeOptions.config?.auth;
    if (auth === 'supplier' || auth === 'public') return;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      if (!match) throw new ApiError(401, 'unauthorized', 'malformed Authorization header (Bearer <token>)');
      const rows = await app.db.$client.query<TokenRow>({ ...TOKEN_LOOKUP, values: [hashToken(match[1])] });
      const row = rows.rows[0];
      if (!row) throw new ApiError(401, 'unauthorized', 'unknown or revoked token');
      const principal = tokenPrincipal(row);
      if (typeof principal === 'string') throw new ApiError(401, 'unauthorized', principal);
      // Last use, at most once a minute: cheap reads, and still enough to find unused tokens.
      if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) await app.db.execute(sql`update api_tokens set last_used_at = now() where id = ${row.id}`);
      request.principal = principal;
    } else {
      const raw = request.cookies[SESSION_COOKIE];
      if (!raw) throw new ApiError(401, 'unauthorized', 'sign in, or send Authorization: Bearer <token>');
      const rows = await app.db.$client.query<SessionRow>({ ...SESSION_LOOKUP, values: [hashToken(raw)] });
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
