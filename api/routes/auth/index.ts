import { randomBytes } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { employers, sessions, users } from '../../../db/schema';
import { userActor } from '../../../domain/shared/actor';
import { DUMMY_HASH, verifyPassword } from '../../../infra/password';
import { ApiError } from '../../errors';
import type { Principal, SessionOptions} from '../../plugins/auth';
import { SESSION_COOKIE, hashToken, setSessionCookie, userByEmail } from '../../plugins/auth';

const meView = z.object({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string(), role: z.string(), language: z.enum(['nl', 'fr', 'en']) }).nullable(),
  principal: z.object({ kind: z.enum(['user', 'token']), name: z.string(), role: z.string() }),
  permissions: z.array(z.string()),
  employers: z.array(z.object({ id: z.uuid(), name: z.string(), country: z.string() })),
  csrfToken: z.string().nullable().describe('send it as x-csrf-token with every change made through the session cookie'),
});

/** Sign in and out with a password; a session in a cookie (HttpOnly, SameSite=Strict), with idle and absolute timeouts. */
const authRoutes: FastifyPluginAsyncZod<{ session: SessionOptions }> = async (app, opts) => {
  const me = async (principal: Principal) => {
    const [user] = principal.kind === 'user' ? await app.db.select().from(users).where(eq(users.id, principal.id)) : [];
    const visible = principal.employerIds === 'all'
      ? await app.db.select({ id: employers.id, name: employers.name, country: employers.country }).from(employers).orderBy(employers.name)
      : principal.employerIds.length
        ? await app.db.select({ id: employers.id, name: employers.name, country: employers.country }).from(employers).where(inArray(employers.id, [...principal.employerIds])).orderBy(employers.name)
        : [];
    return {
      user: user ? { id: user.id, email: user.email, name: user.name, role: user.role, language: user.language } : null,
      principal: { kind: principal.kind, name: principal.name, role: principal.role },
      permissions: [...principal.permissions].sort(), employers: visible, csrfToken: principal.csrfToken ?? null,
    };
  };

  app.post('/api/auth/login', {
    // Counted once the body is read (preHandler): at onRequest the e-mail is unknown and every account behind one address would share a limit.
    config: { auth: 'public', rateLimit: { max: 5, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (req: import('fastify').FastifyRequest) => `${req.ip}|${String((req.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}` } },
    schema: {
      tags: ['auth'], summary: 'Sign in: sets the session cookie and answers the CSRF token (5 attempts a minute per address and account)',
      body: z.object({ email: z.string().trim().toLowerCase().max(320), password: z.string().max(1000) }), response: { 200: meView },
    },
  }, async (request, reply) => {
    const user = await userByEmail(app.db, request.body.email);
    // The hash is checked even for an unknown account: the answer takes as long either way.
    const ok = await verifyPassword(request.body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) {
      request.audit.action = 'login_failed';
      request.audit.actor = 'anonymous';
      request.log.warn({ login: 'failed' }, 'login failed');
      throw new ApiError(401, 'login_failed', 'wrong e-mail address or password');
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const { principal } = user;
    await app.db.insert(sessions).values({ id: hashToken(token), userId: principal.id, csrfToken, expiresAt: new Date(Date.now() + opts.session.maxHours * 3_600_000) });
    await app.db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, principal.id));
    await app.db.execute(sql`delete from sessions where expires_at < now()`);
    setSessionCookie(reply, token, opts.session);
    request.audit.action = 'login';
    request.audit.actor = userActor(principal.name);
    return me({ ...principal, csrfToken });
  });

  app.post('/api/auth/logout', {
    config: { permission: 'any' },
    schema: { tags: ['auth'], summary: 'Sign out: ends the session', response: { 204: z.null() } },
  }, async (request, reply) => {
    if (request.principal?.sessionId) await app.db.delete(sessions).where(eq(sessions.id, request.principal.sessionId));
    request.audit.action = 'logout';
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send(null);
  });

  app.get('/api/auth/me', {
    config: { permission: 'any' },
    schema: { tags: ['auth'], summary: 'Who is signed in: permissions, employers granted, the CSRF token', response: { 200: meView } },
  }, async (request) => me(request.principal!));
};

export default authRoutes;
