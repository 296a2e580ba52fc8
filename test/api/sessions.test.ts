/**
 * Browser sessions: users created through the API sign in with a password and get a cookie
 * (HttpOnly, SameSite=Strict, Secure over https); wrong passwords and unknown accounts look
 * alike; a sixth attempt in a minute is refused; changes need the CSRF token; sessions end
 * when idle, at their absolute limit, on logout and when the user is disabled.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { SESSION_COOKIE } from '../../api/plugins/auth';
import { sessions } from '../../db/schema';
import { BUILTIN_ROLES } from '../../domain/access/permissions';
import type { Harness} from '../support/harness';
import { TEST_SECRETS } from '../support/harness';
import type { ScopedWorld} from '../support/scoped-world';
import { useScopedWorld } from '../support/scoped-world';

let h: Harness;
let w: ScopedWorld;
const PASSWORD = 'a long enough passphrase';

useScopedWorld((harness, world) => { h = harness; w = world; });

/** A fresh HR user granted employer A: each test its own, so the login rate limit stays per test. */
async function newUser(role = 'hr') {
  const email = `user-${randomUUID()}@example.test`;
  const res = await h.app.inject({ method: 'POST', url: '/api/users', headers: h.auth, payload: { email, name: 'Test User', password: PASSWORD, role, employerIds: [w.A.employerId] } });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id as string, email };
}

interface Session { cookie: string; csrf: string; setCookie: string }
async function login(email: string, app: FastifyInstance = h.app): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
  expect(res.statusCode).toBe(200);
  const setCookie = String(res.headers['set-cookie']);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  return { cookie: `${SESSION_COOKIE}=${token}`, csrf: res.json().csrfToken, setCookie };
}

const me = (s: Session) => h.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } });
const patchPerson = (s: Session, csrf?: string) => h.app.inject({
  method: 'PATCH', url: `/api/persons/${w.A.personId}`, payload: { city: 'Deventer' },
  headers: { cookie: s.cookie, ...(csrf !== undefined ? { 'x-csrf-token': csrf } : {}) },
});

describe('sessions', () => {
  it('sets an HttpOnly, SameSite=Strict cookie, not Secure over http', async () => {
    const { email } = await newUser();
    const s = await login(email);
    expect(s.setCookie).toMatch(/HttpOnly/i);
    expect(s.setCookie).toMatch(/SameSite=Strict/i);
    expect(s.setCookie).not.toMatch(/Secure/i);
    expect(s.csrf).toEqual(expect.any(String));
  });

  it('sets a Secure cookie when the public URL is https', async () => {
    const app = await buildApp({
      db: h.db, temporal: h.client, taskQueue: h.taskQueue, files: h.files, secrets: TEST_SECRETS, publicUrl: 'https://mutaflow.example', maxUploadBytes: 1024 * 1024,
    });
    try {
      const { email } = await newUser();
      const s = await login(email, app);
      expect(s.setCookie).toMatch(/;\s*Secure/i);
      expect(s.setCookie).toMatch(/HttpOnly/i);
    } finally {
      await app.close();
    }
  });

  it('answers a wrong password as an unknown account, and refuses a sixth attempt in a minute', async () => {
    const { email } = await newUser();
    const wrong = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'not the password' } });
    const unknown = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `nobody-${randomUUID()}@example.test`, password: PASSWORD } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    for (let i = 2; i <= 5; i++) expect((await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'not the password' } })).statusCode).toBe(401);
    const sixth = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
    expect(sixth.statusCode).toBe(429);
    // The limit is per account and address: another account from the same address still signs in.
    await login((await newUser()).email);
  });

  it('needs the CSRF token for a change through the cookie, not for a read', async () => {
    const { email } = await newUser();
    const s = await login(email);
    expect((await me(s)).statusCode).toBe(200);
    expect((await patchPerson(s)).statusCode).toBe(403);
    expect((await patchPerson(s, 'wrong-token')).statusCode).toBe(403);
    expect((await patchPerson(s, s.csrf)).statusCode).toBe(200);
  });

  it('ends a session left idle too long', async () => {
    const { email } = await newUser();
    const s = await login(email);
    await h.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = (select id from users where email = ${email})`);
    const res = await me(s);
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('session_expired');
  });

  it('ends a session at its absolute limit, however active', async () => {
    const { email } = await newUser();
    const s = await login(email);
    await h.db.execute(sql`update sessions set expires_at = now() - interval '1 second', last_seen_at = now() where user_id = (select id from users where email = ${email})`);
    expect((await me(s)).statusCode).toBe(401);
  });

  it('ends the session on logout', async () => {
    const { id, email } = await newUser();
    const s = await login(email);
    const out = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf } });
    expect(out.statusCode).toBe(204);
    expect(await h.db.select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);
    expect((await me(s)).statusCode).toBe(401);
  });

  it('ends the sessions of a disabled user, and refuses their login', async () => {
    const { id, email } = await newUser();
    const s = await login(email);
    const res = await h.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: h.auth, payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect((await me(s)).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } })).statusCode).toBe(401);
  });

  it('says who is signed in: permissions and the employers granted', async () => {
    const { id, email } = await newUser();
    const s = await login(email);
    const res = await me(s);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ id, email, role: 'hr' });
    expect(body.permissions).toEqual([...BUILTIN_ROLES.hr.permissions].sort());
    expect(body.employers).toEqual([{ id: w.A.employerId, name: 'Employer A', country: 'NL' }]);
    expect(body.csrfToken).toBe(s.csrf);
  });
});

describe('employers created by someone who sees only granted employers', () => {
  const onboardingRole = async () => {
    const name = `onboarding_${randomUUID().slice(0, 8)}`;
    const res = await h.app.inject({ method: 'PUT', url: `/api/roles/${name}`, headers: h.auth, payload: { permissions: ['employers.manage', 'employers.view'], allEmployers: false } });
    expect(res.statusCode).toBe(200);
    return name;
  };
  const newEmployer = { name: 'Bakkerij Nieuw', country: 'NL', companyNumber: '12345678' };

  it('grants the new employer to the token that created it, and nothing more', async () => {
    const role = await onboardingRole();
    const created = await h.app.inject({ method: 'POST', url: '/api/tokens', headers: h.auth, payload: { name: `t-${randomUUID()}`, role, employerIds: [w.A.employerId] } });
    const auth = { authorization: `Bearer ${created.json().token}` };
    const employer = await h.app.inject({ method: 'POST', url: '/api/employers', headers: auth, payload: newEmployer });
    expect(employer.statusCode).toBe(201);
    expect((await h.app.inject({ method: 'GET', url: `/api/employers/${employer.json().id}`, headers: auth })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: `/api/employers/${w.A.employerId}`, headers: auth })).statusCode).toBe(200);
    // Another employer is answered like an unknown one.
    expect((await h.app.inject({ method: 'GET', url: `/api/employers/${w.B.employerId}`, headers: auth })).statusCode).toBe(404);
  });

  it('grants it to the signed-in user who created it', async () => {
    const { email } = await newUser(await onboardingRole());
    const s = await login(email);
    const employer = await h.app.inject({ method: 'POST', url: '/api/employers', headers: { cookie: s.cookie, 'x-csrf-token': s.csrf }, payload: newEmployer });
    expect(employer.statusCode).toBe(201);
    expect((await h.app.inject({ method: 'GET', url: `/api/employers/${employer.json().id}`, headers: { cookie: s.cookie } })).statusCode).toBe(200);
    const mine = await h.db.$client.query('select employer_ids from users where email = $1', [email]);
    expect(mine.rows[0].employer_ids).toEqual([w.A.employerId, employer.json().id]);
  });

  it('leaves the grants of an all-employers principal alone', async () => {
    const employer = await h.app.inject({ method: 'POST', url: '/api/employers', headers: h.auth, payload: newEmployer });
    expect(employer.statusCode).toBe(201);
    const { rows } = await h.db.$client.query(`select count(*)::int as n from api_tokens where $1 = any(employer_ids)`, [employer.json().id]);
    expect(rows[0].n).toBe(0);
  });
});
