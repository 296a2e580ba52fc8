import { randomBytes } from 'node:crypto';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { employers, sessions, users } from '../../../db/schema';
import { MAX_PASSWORD_LENGTH, passwordRefusal, requiresSecondFactor } from '../../../domain/access/password-policy';
import { userActor } from '../../../domain/shared/actor';
import { isCommonPassword } from '../../../infra/common-passwords';
import { DUMMY_HASH, hashPassword, needsRehash, verifyPassword } from '../../../infra/password';
import { checkTotp, newTotpSecret, totpUri } from '../../../infra/totp';
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

/** Failed sign-ins in a row that lock an account, and for how long (each further failure locks again). */
export const LOCK_AFTER_FAILURES = 5;
const LOCK_MINUTES = 15;

const credentials = z.object({
  email: z.string().trim().toLowerCase().max(320),
  password: z.string().max(1000),
  totp: z.string().trim().max(10).optional().describe('the 6-digit code of the authenticator app (roles with admin or health permissions)'),
});

/** The TOTP secret is sealed and bound to its user: copied onto another user's row it does not open. */
const totpAad = (userId: string) => `user-totp:${userId}`;

/** Counted per IP and account, once the body is read (preHandler): at onRequest the e-mail is unknown. */
const signInRateLimit = {
  max: 5, timeWindow: '1 minute', hook: 'preHandler',
  keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}`,
} as const;

/** Sign in and out with a password (and a second factor where the role needs it); a session in a cookie. */
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

  const failed = (request: FastifyRequest, status: number, code: string, message: string): never => {
    request.audit.action = 'login_failed';
    request.audit.actor = 'anonymous';
    request.log.warn({ login: code }, 'login failed');
    throw new ApiError(status, code, message);
  };

  /** One more failed attempt, in the database (every API process counts the same); the fifth in a row locks. */
  const countFailure = (userId: string) => app.db.execute(sql`
    update users set failed_logins = failed_logins + 1,
      locked_until = case when failed_logins + 1 >= ${LOCK_AFTER_FAILURES} then now() + make_interval(mins => ${LOCK_MINUTES}) else locked_until end
     where id = ${userId}`);

  /**
   * The password check every sign-in route shares: a locked account is refused (after the same
   * work, so the timing tells nothing), a wrong password counts against the account, an unknown
   * account answers like a wrong password. Returns the user with their sign-in state.
   */
  const checkPassword = async (request: FastifyRequest, email: string, password: string) => {
    const user = await userByEmail(app.db, email);
    const [state] = user ? await app.db.select().from(users).where(eq(users.id, user.principal.id)) : [];
    if (user && state?.lockedUntil && state.lockedUntil.getTime() > Date.now()) {
      await verifyPassword(password, DUMMY_HASH);
      failed(request, 429, 'account_locked', `too many failed sign-ins for this account: try again in ${LOCK_MINUTES} minutes`);
    }
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !state || !ok || user.disabled) {
      if (user) await countFailure(user.principal.id);
      failed(request, 401, 'login_failed', 'wrong e-mail address or password');
    }
    return { user: user!, state: state! };
  };

  /** Opens a session for a user whose password (and code) were right: counters reset, an old hash upgraded. */
  const startSession = async (request: FastifyRequest, reply: import('fastify').FastifyReply, principal: Principal, password: string, storedHash: string, totpStep?: number) => {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    await app.db.insert(sessions).values({ id: hashToken(token), userId: principal.id, csrfToken, expiresAt: new Date(Date.now() + opts.session.maxHours * 3_600_000) });
    await app.db.update(users).set({
      lastLoginAt: new Date(), failedLogins: 0, lockedUntil: null,
      ...(totpStep !== undefined ? { totpLastStep: totpStep } : {}),
      // A scrypt hash from before argon2id is replaced now that the password is at hand.
      ...(needsRehash(storedHash) ? { passwordHash: await hashPassword(password) } : {}),
    }).where(eq(users.id, principal.id));
    await app.db.execute(sql`delete from sessions where expires_at < now()`);
    setSessionCookie(reply, token, opts.session);
    request.audit.action = 'login';
    request.audit.actor = userActor(principal.name);
    return me({ ...principal, csrfToken });
  };

  app.post('/api/auth/login', {
    config: { auth: 'public', rateLimit: signInRateLimit },
    schema: {
      tags: ['auth'], summary: 'Sign in: sets the session cookie and answers the CSRF token',
      description: `5 attempts a minute per address and account; ${LOCK_AFTER_FAILURES} failures in a row lock the account for ${LOCK_MINUTES} minutes (429 account_locked). `
        + 'Roles with admin or health permissions also send `totp`: 401 `totp_required` without it, `totp_invalid` for a wrong or reused one, '
        + '`totp_enrolment_required` when the user has no second factor yet (POST /api/auth/totp/setup).',
      body: credentials, response: { 200: meView },
    },
  }, async (request, reply) => {
    const { user, state } = await checkPassword(request, request.body.email, request.body.password);
    let step: number | undefined;
    if (requiresSecondFactor(user.principal.permissions)) {
      if (!state.totpSecretSealed) failed(request, 401, 'totp_enrolment_required', 'this role needs a second factor: set up an authenticator app first (POST /api/auth/totp/setup)');
      if (!request.body.totp) failed(request, 401, 'totp_required', 'enter the code of your authenticator app');
      const secret = app.secrets.open<string>(state.totpSecretSealed!, totpAad(state.id));
      const good = checkTotp(secret, request.body.totp!, state.totpLastStep);
      if (good === null) {
        await countFailure(state.id);
        failed(request, 401, 'totp_invalid', 'wrong or already used code');
      }
      step = good!;
    }
    return startSession(request, reply, user.principal, request.body.password, user.passwordHash, step);
  });

  app.post('/api/auth/totp/setup', {
    config: { auth: 'public', rateLimit: signInRateLimit },
    schema: {
      tags: ['auth'], summary: 'Set up the second factor: answers a new TOTP secret for an authenticator app',
      description: 'With the password; replacing a second factor that is set up also needs a current code (`totp`). '
        + 'The secret takes effect once POST /api/auth/totp/confirm proves the app has it.',
      body: credentials,
      response: { 200: z.object({ secret: z.string().describe('base32, to type into the app'), uri: z.string().describe('otpauth:// URI (a QR code holds the same)') }) },
    },
  }, async (request) => {
    const { user, state } = await checkPassword(request, request.body.email, request.body.password);
    if (state.totpSecretSealed) {
      if (!request.body.totp) failed(request, 409, 'totp_already_set_up', 'a second factor is set up already: send a current code to replace it, or ask an administrator to reset it');
      const good = checkTotp(app.secrets.open<string>(state.totpSecretSealed, totpAad(state.id)), request.body.totp!, state.totpLastStep);
      if (good === null) {
        await countFailure(state.id);
        failed(request, 401, 'totp_invalid', 'wrong or already used code');
      }
      await app.db.update(users).set({ totpLastStep: good }).where(eq(users.id, state.id));
    }
    const secret = newTotpSecret();
    await app.db.update(users).set({ totpPendingSealed: app.secrets.seal(secret, totpAad(state.id)) }).where(eq(users.id, state.id));
    request.audit.action = 'totp_setup';
    request.audit.actor = userActor(user.principal.name);
    return { secret, uri: totpUri(secret, user.principal.name) };
  });

  app.post('/api/auth/totp/confirm', {
    config: { auth: 'public', rateLimit: signInRateLimit },
    schema: {
      tags: ['auth'], summary: 'Confirm the second factor with a first code from the app; signs in',
      body: credentials.extend({ totp: z.string().trim().max(10) }), response: { 200: meView },
    },
  }, async (request, reply) => {
    const { user, state } = await checkPassword(request, request.body.email, request.body.password);
    if (!state.totpPendingSealed) failed(request, 409, 'totp_not_pending', 'no second factor is being set up: start with POST /api/auth/totp/setup');
    const sealed = state.totpPendingSealed!;
    const step = checkTotp(app.secrets.open<string>(sealed, totpAad(state.id)), request.body.totp, null);
    if (step === null) {
      await countFailure(state.id);
      failed(request, 401, 'totp_invalid', 'wrong code: check the time on the device');
    }
    await app.db.update(users).set({ totpSecretSealed: sealed, totpPendingSealed: null, totpEnabledAt: new Date() }).where(eq(users.id, state.id));
    return startSession(request, reply, user.principal, request.body.password, user.passwordHash, step!);
  });

  app.post('/api/auth/password', {
    config: { permission: 'any', rateLimit: { max: 5, timeWindow: '1 minute', hook: 'preHandler', keyGenerator: (req: FastifyRequest) => `password|${req.principal?.id ?? req.ip}` } },
    schema: {
      tags: ['auth'], summary: 'Change one\'s own password (signed-in users); ends the user\'s other sessions',
      description: `The new password: at least 12 characters, not a common or breached one, not containing the e-mail address. A wrong current password counts as a failed sign-in.`,
      body: z.object({ currentPassword: z.string().max(1000), newPassword: z.string().max(MAX_PASSWORD_LENGTH + 1) }),
      response: { 204: z.null() },
    },
  }, async (request, reply) => {
    const principal = request.principal!;
    if (principal.kind !== 'user') throw new ApiError(400, 'validation', 'only a signed-in user has a password (tokens do not)');
    const [state] = await app.db.select().from(users).where(eq(users.id, principal.id));
    if (!(await verifyPassword(request.body.currentPassword, state.passwordHash))) {
      await countFailure(state.id);
      throw new ApiError(400, 'validation', 'body.currentPassword: wrong password', { field: 'currentPassword', reason: 'wrong_password' });
    }
    const refused = passwordRefusal(request.body.newPassword, { isCommon: isCommonPassword, email: state.email });
    // The reason as a code too: a screen says it in its user's language.
    if (refused) throw new ApiError(400, 'validation', `body.newPassword: ${refused.message}`, { field: 'newPassword', reason: refused.reason });
    await app.db.update(users).set({ passwordHash: await hashPassword(request.body.newPassword), passwordChangedAt: new Date(), failedLogins: 0 }).where(eq(users.id, state.id));
    // Whoever else holds a session of this account (a stolen one) is signed out.
    await app.db.delete(sessions).where(and(eq(sessions.userId, state.id), principal.sessionId ? ne(sessions.id, principal.sessionId) : undefined));
    request.audit.action = 'password_changed';
    return reply.status(204).send(null);
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
