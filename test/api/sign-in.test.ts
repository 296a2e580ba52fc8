/**
 * Sign-in to ASVS level 2: a failed-attempt counter per account in the database (the same for
 * every API process and every address), common passwords refused, one's own password changed,
 * TOTP for roles with admin or health permissions, argon2id for new hashes and scrypt hashes
 * upgraded at the next good sign-in.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { buildApp } from '../../api/app';
import { SESSION_COOKIE } from '../../api/plugins/auth';
import { LOCK_AFTER_FAILURES } from '../../api/routes/auth';
import { users } from '../../db/schema';
import { legacyScryptHash } from '../../infra/password';
import { totpCode } from '../../infra/totp';
import type { Harness } from '../support/harness';
import { TEST_SECRETS } from '../support/harness';
import type { ScopedWorld } from '../support/scoped-world';
import { useScopedWorld } from '../support/scoped-world';

let h: Harness;
let w: ScopedWorld;
const PASSWORD = 'zeven blauwe fietsen';

useScopedWorld((harness, world) => { h = harness; w = world; });

async function newUser(role = 'hr') {
  const email = `signin-${randomUUID()}@example.test`;
  const res = await h.app.inject({ method: 'POST', url: '/api/users', headers: role === 'accident_manager' || role === 'health_admin' ? h.healthAuth : h.auth, payload: { email, name: 'Sign In', password: PASSWORD, role, employerIds: [w.A.employerId] } });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id as string, email };
}

/** Each attempt from its own address: the per-address rate limit must not be what stops them. */
let address = 1;
const login = (payload: Record<string, unknown>, app = h.app) =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload, remoteAddress: `10.9.${Math.floor(address / 250)}.${(address++ % 250) + 1}` });
const state = async (id: string) => (await h.db.select().from(users).where(eq(users.id, id)))[0];

describe('failed sign-ins', () => {
  it('are counted per account in the database, across API processes and addresses, and lock the account', async () => {
    const other = await buildApp({ db: h.db, temporal: h.client, taskQueue: h.taskQueue, files: h.files, secrets: TEST_SECRETS, publicUrl: 'http://127.0.0.1:9', maxUploadBytes: 1024 });
    try {
      const { id, email } = await newUser();
      for (let i = 0; i < LOCK_AFTER_FAILURES; i++) {
        // Alternating between two app instances (two processes' worth of state) and a new address each time.
        const res = await login({ email, password: `wrong password ${i}` }, i % 2 ? other : h.app);
        expect(res.statusCode).toBe(401);
      }
      expect((await state(id)).failedLogins).toBe(LOCK_AFTER_FAILURES);
      const locked = await login({ email, password: PASSWORD }, other);
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ error: 'account_locked' });
      // An administrator setting a new password lifts the lock.
      expect((await h.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: h.auth, payload: { password: 'acht rode tulpen' } })).statusCode).toBe(200);
      expect((await login({ email, password: 'acht rode tulpen' })).statusCode).toBe(200);
      expect((await state(id)).failedLogins).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('are reset by a good sign-in', async () => {
    const { id, email } = await newUser();
    await login({ email, password: 'not it at all' });
    expect((await state(id)).failedLogins).toBe(1);
    expect((await login({ email, password: PASSWORD })).statusCode).toBe(200);
    expect((await state(id)).failedLogins).toBe(0);
  });
});

describe('passwords', () => {
  it('refuses a common or breached password for a new user or a reset', async () => {
    const res = await h.app.inject({ method: 'POST', url: '/api/users', headers: h.auth, payload: { email: `c-${randomUUID()}@example.test`, name: 'C', password: 'password1234', role: 'hr', employerIds: [w.A.employerId] } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/password: a common or breached password/);
    expect(res.body).not.toContain('password1234');
  });

  it('hashes new passwords with argon2id, and upgrades a scrypt hash at the next good sign-in', async () => {
    const { id, email } = await newUser();
    expect((await state(id)).passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    await h.db.update(users).set({ passwordHash: await legacyScryptHash(PASSWORD) }).where(eq(users.id, id));
    expect((await state(id)).passwordHash).toMatch(/^scrypt\$/);
    expect((await login({ email, password: PASSWORD })).statusCode).toBe(200);
    expect((await state(id)).passwordHash).toMatch(/^\$argon2id\$/);
    expect((await login({ email, password: PASSWORD })).statusCode).toBe(200);
  });

  it('lets a signed-in user change their own password, which ends their other sessions', async () => {
    const { email } = await newUser();
    const session = async () => {
      const res = await login({ email, password: PASSWORD });
      expect(res.statusCode).toBe(200);
      return { cookie: `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`, 'x-csrf-token': res.json().csrfToken as string };
    };
    const mine = await session();
    const elsewhere = await session();
    const change = (payload: object) => h.app.inject({ method: 'POST', url: '/api/auth/password', headers: mine, payload });
    // In words and as codes (a screen says the reason in its user's language).
    expect((await change({ currentPassword: 'not my password', newPassword: 'acht rode tulpen' })).json()).toMatchObject({ message: expect.stringMatching(/currentPassword: wrong password/), field: 'currentPassword', reason: 'wrong_password' });
    expect((await change({ currentPassword: PASSWORD, newPassword: 'iloveyou2026' })).json()).toMatchObject({ message: expect.stringMatching(/newPassword: a common or breached password/), field: 'newPassword', reason: 'common' });
    expect((await change({ currentPassword: PASSWORD, newPassword: 'acht rode tulpen' })).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: elsewhere.cookie } })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: mine.cookie } })).statusCode).toBe(200);
    expect((await login({ email, password: PASSWORD })).statusCode).toBe(401);
    expect((await login({ email, password: 'acht rode tulpen' })).statusCode).toBe(200);
    // Tokens have no password.
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/password', headers: h.auth, payload: { currentPassword: 'x', newPassword: 'acht rode tulpen' } })).statusCode).toBe(400);
  });
});

describe('second factor (TOTP)', () => {
  it('is not asked of a role without admin or health permissions', async () => {
    const { email } = await newUser('hr');
    expect((await login({ email, password: PASSWORD })).statusCode).toBe(200);
  });

  it.each(['admin', 'accident_manager'])('is required for %s: set up, confirmed, then asked at every sign-in; a code works once', async (role) => {
    const { id, email } = await newUser(role);
    const first = await login({ email, password: PASSWORD });
    expect(first.statusCode).toBe(401);
    expect(first.json()).toMatchObject({ error: 'totp_enrolment_required' });
    expect(first.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();

    const setup = await h.app.inject({ method: 'POST', url: '/api/auth/totp/setup', payload: { email, password: PASSWORD }, remoteAddress: '10.8.0.1' });
    expect(setup.statusCode).toBe(200);
    const { secret, uri } = setup.json() as { secret: string; uri: string };
    expect(uri).toMatch(/^otpauth:\/\/totp\/Mutaflow:/);
    // Sealed at rest, bound to the user.
    const stored = await state(id);
    expect(stored.totpPendingSealed).not.toContain(secret);
    expect(() => TEST_SECRETS.open(stored.totpPendingSealed!, `user-totp:${randomUUID()}`)).toThrow();

    const now = Date.now();
    const wrong = await h.app.inject({ method: 'POST', url: '/api/auth/totp/confirm', payload: { email, password: PASSWORD, totp: '000000' === totpCode(secret, now) ? '111111' : '000000' }, remoteAddress: '10.8.0.2' });
    expect(wrong.statusCode).toBe(401);
    const confirmed = await h.app.inject({ method: 'POST', url: '/api/auth/totp/confirm', payload: { email, password: PASSWORD, totp: totpCode(secret, now) }, remoteAddress: '10.8.0.3' });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.cookies.find((c) => c.name === SESSION_COOKIE)).toBeDefined();

    expect((await login({ email, password: PASSWORD })).json()).toMatchObject({ error: 'totp_required' });
    expect((await login({ email, password: PASSWORD, totp: totpCode(secret, now) })).json()).toMatchObject({ error: 'totp_invalid' });
    // The next step's code (a device a little ahead is accepted): good once.
    const next = totpCode(secret, now + 30_000);
    expect((await login({ email, password: PASSWORD, totp: next })).statusCode).toBe(200);
    expect((await login({ email, password: PASSWORD, totp: next })).json()).toMatchObject({ error: 'totp_invalid' });

    // Replacing it needs a current code; an administrator can reset a lost one.
    const again = await h.app.inject({ method: 'POST', url: '/api/auth/totp/setup', payload: { email, password: PASSWORD }, remoteAddress: '10.8.0.4' });
    expect(again.statusCode).toBe(409);
    expect((await h.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: role === 'accident_manager' ? h.healthAuth : h.auth, payload: { resetSecondFactor: true } })).statusCode).toBe(200);
    expect((await login({ email, password: PASSWORD })).json()).toMatchObject({ error: 'totp_enrolment_required' });
  });
});
