/**
 * What the API's log (pino, at trace) shows of a user's day: created, signed in, a person
 * corrected, a look at another employer refused, a wrong password. None of it may carry the
 * password, the e-mail address, the session or CSRF token, a bearer token, or the person's data.
 */
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { appLoggerOptions, buildApp } from '../../api/app';
import { SESSION_COOKIE } from '../../api/plugins/auth';
import type { Harness} from '../support/harness';
import { TEST_SECRETS, startHarness } from '../support/harness';
import { nextBsn } from '../support/message-fixture';
import type { ScopedWorld} from '../support/scoped-world';
import { createScopedWorld } from '../support/scoped-world';

let h: Harness;
let w: ScopedWorld;
let app: FastifyInstance;
const lines: string[] = [];

beforeAll(async () => {
  h = await startHarness({ worker: false });
  w = await createScopedWorld(h);
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  app = await buildApp({
    db: h.db, temporal: h.client, taskQueue: h.taskQueue, files: h.files, secrets: TEST_SECRETS, publicUrl: 'http://127.0.0.1:9', maxUploadBytes: 1024 * 1024,
    logger: { ...appLoggerOptions('trace'), stream },
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await h?.close();
});

it('logs no password, e-mail, token or personal value', async () => {
  const email = `logged-${randomUUID()}@example.test`;
  const password = `pw-${randomUUID()}`;
  const created = await app.inject({ method: 'POST', url: '/api/users', headers: h.auth, payload: { email, name: 'Logged User', password, role: 'hr', employerIds: [w.A.employerId] } });
  expect(created.statusCode).toBe(201);
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
  expect(login.statusCode).toBe(200);
  const session = login.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  const csrf = login.json().csrfToken as string;
  const headers = { cookie: `${SESSION_COOKIE}=${session}`, 'x-csrf-token': csrf };

  const lastName = `Brinkgreve-${randomUUID().slice(0, 8)}`;
  const nationalId = nextBsn();
  const patched = await app.inject({ method: 'PATCH', url: `/api/persons/${w.A.personId}`, headers, payload: { lastName, nationalId } });
  expect(patched.statusCode).toBe(200);
  expect((await app.inject({ method: 'GET', url: `/api/persons/${w.B.personId}`, headers })).statusCode).toBe(404);
  expect((await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'wrong password' } })).statusCode).toBe(401);
  // Headers and bodies as a hand-written log line might carry them.
  app.log.info({
    incoming: { headers: { authorization: h.auth.authorization, cookie: headers.cookie, 'x-csrf-token': csrf } },
    outgoing: { headers: { 'set-cookie': String(login.headers['set-cookie']) } },
    body: { email, password }, password, email,
  }, 'redaction check');

  const log = lines.join('');
  expect(log).toContain('permission denied');
  expect(log).toContain('login failed');
  expect(log).toContain('[redacted]');
  for (const secret of [password, email, session, csrf, h.token, lastName, nationalId, w.A.person.lastName, w.B.person.lastName]) {
    expect(log).not.toContain(secret);
  }
});

it('logs request paths without their query strings (a search may name a person)', async () => {
  lines.length = 0;
  const lastName = `Zoekmans-${randomUUID().slice(0, 8)}`;
  const res = await app.inject({ method: 'GET', url: `/api/persons?employerId=${w.A.employerId}&search=${lastName}&token=${h.token}`, headers: h.auth });
  expect(res.statusCode).toBeLessThan(500);
  const log = lines.join('');
  expect(log).toContain('"url":"/api/persons"');
  expect(log).toContain('"route":"/api/persons"');
  expect(log).not.toContain(lastName);
  expect(log).not.toContain(h.token);
  expect(log).not.toContain('search=');
});
