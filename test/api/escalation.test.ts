/**
 * The ways around one's own rights, each tried and refused: granting a role, a permission or an
 * employer one does not hold (to a user, a token or a role), administering accounts beyond one's
 * employers, platform settings from an account limited to some employers, health facts without
 * the health permission, tokens outliving their owner or their term, another employer's objects
 * (404 like unknown ones, audited as denials), and an accident insurer the employer has no
 * policy with. Each of these answered 2xx before the rules in docs/access.md.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import { SESSION_COOKIE } from '../../api/plugins/auth';
import { totpCode } from '../../infra/totp';
import { accidentDocuments, accidentEvents, accidents, apiTokens, auditLog, employerSuppliers, suppliers, tasks, users } from '../../db/schema';
import { DAY_MS } from '../../domain/shared/calendar';
import type { Harness } from '../support/harness';
import { TEST_SECRETS, startHarness } from '../support/harness';
import { DETAILS } from '../support/accident-fixture';
import type { ScopedWorld } from '../support/scoped-world';
import { createScopedWorld, tokenFor } from '../support/scoped-world';

let h: Harness;
let w: ScopedWorld;
const PASSWORD = 'a long enough passphrase';
type Headers = Record<string, string>;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
const call = (headers: Headers, method: Method, url: string, payload?: object) => h.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` });
const unique = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

/** A role of an administrator's own (made with the operator admin token). */
async function role(permissions: string[], allEmployers = false): Promise<string> {
  const name = unique('r');
  const res = await call(h.auth, 'PUT', `/api/roles/${name}`, { permissions, allEmployers });
  expect(res.statusCode).toBe(200);
  return name;
}

async function user(granter: Headers, roleName: string, employerIds: string[]): Promise<{ id: string; email: string }> {
  const email = `${unique('u')}@example.test`;
  const res = await call(granter, 'POST', '/api/users', { email, name: 'Test', password: PASSWORD, role: roleName, employerIds });
  expect(res.statusCode).toBe(201);
  return { id: res.json().id, email };
}

/** Signed in: the cookie and the CSRF header every change sends. An administrator enrols the second factor their role requires first. */
async function session(email: string): Promise<Headers> {
  let res = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: PASSWORD } });
  if (res.statusCode === 401 && res.json().error === 'totp_enrolment_required') {
    const { secret } = (await h.app.inject({ method: 'POST', url: '/api/auth/totp/setup', payload: { email, password: PASSWORD } })).json() as { secret: string };
    res = await h.app.inject({ method: 'POST', url: '/api/auth/totp/confirm', payload: { email, password: PASSWORD, totp: totpCode(secret) } });
  }
  expect(res.statusCode).toBe(200);
  const token = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
  return { cookie: `${SESSION_COOKIE}=${token}`, 'x-csrf-token': res.json().csrfToken };
}

/** The last audit record of a route. */
async function lastAudit(route: string) {
  const [row] = await h.db.select().from(auditLog).where(eq(auditLog.route, route)).orderBy(desc(auditLog.id)).limit(1);
  return row;
}

beforeAll(async () => {
  h = await startHarness({ worker: false });
  w = await createScopedWorld(h);
});

afterAll(async () => {
  await h?.close();
});

describe('rights above one\'s own', () => {
  let userAdminRole: string;
  let clerkRole: string;
  let ua: Headers;
  let globalAdmin: { id: string; email: string };
  let clerkA: { id: string; email: string };
  let clerkB: { id: string; email: string };
  let managerA: { id: string; email: string };

  beforeAll(async () => {
    // A user administrator of employer A only, as a payroll bureau might have.
    userAdminRole = await role(['admin.users', 'employers.view', 'persons.view']);
    clerkRole = await role(['employers.view']);
    const admin = await user(h.auth, userAdminRole, [w.A.employerId]);
    ua = await session(admin.email);
    globalAdmin = await user(h.auth, 'admin', []);
    clerkA = await user(h.auth, clerkRole, [w.A.employerId]);
    clerkB = await user(h.auth, clerkRole, [w.B.employerId]);
    managerA = await user(h.healthAuth, 'accident_manager', [w.A.employerId]);
  });

  it('lists to a user administrator of one employer only the users they could have made', async () => {
    const res = await call(ua, 'GET', '/api/users');
    expect(res.statusCode).toBe(200);
    const ids = (res.json().items as { id: string }[]).map((u) => u.id);
    expect(ids).toContain(clerkA.id);
    expect(ids).not.toContain(globalAdmin.id);
    expect(ids).not.toContain(clerkB.id);
    expect(ids).not.toContain(managerA.id);
  });

  it('does not let them reset the global admin\'s password (404, audited as denied), nor change another employer\'s user or a holder of more rights', async () => {
    const res = await call(ua, 'PATCH', `/api/users/${globalAdmin.id}`, { password: 'taken over at last!' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toBe('not_found');
    expect(await lastAudit('/api/users/:id')).toMatchObject({ action: 'denied', status: 404, resourceId: globalAdmin.id });
    expect((await call(ua, 'PATCH', `/api/users/${clerkB.id}`, { password: 'taken over at last!' })).statusCode).toBe(404);
    expect((await call(ua, 'PATCH', `/api/users/${managerA.id}`, { password: 'taken over at last!' })).statusCode).toBe(404);
    // Within reach: fine.
    expect((await call(ua, 'PATCH', `/api/users/${clerkA.id}`, { name: 'Clerk A' })).statusCode).toBe(200);
  });

  it('refuses granting a role, an employer or every employer above their own', async () => {
    const email = () => `${unique('n')}@example.test`;
    expect((await call(ua, 'POST', '/api/users', { email: email(), name: 'X', password: PASSWORD, role: 'admin', employerIds: [w.A.employerId] })).statusCode).toBe(403);
    expect((await call(ua, 'POST', '/api/users', { email: email(), name: 'X', password: PASSWORD, role: 'hr', employerIds: [w.A.employerId] })).statusCode).toBe(403);
    expect((await call(ua, 'POST', '/api/users', { email: email(), name: 'X', password: PASSWORD, role: clerkRole, employerIds: [w.B.employerId] })).statusCode).toBe(400);
    expect((await call(ua, 'PATCH', `/api/users/${clerkA.id}`, { employerIds: [w.A.employerId, w.B.employerId] })).statusCode).toBe(400);
    expect((await call(ua, 'PATCH', `/api/users/${clerkA.id}`, { role: 'admin' })).statusCode).toBe(403);
    // A token of an all-employers role without employerIds would reach every employer.
    expect((await call(ua, 'POST', '/api/tokens', { name: unique('t'), role: 'admin' })).statusCode).toBe(403);
    expect((await call(ua, 'POST', '/api/tokens', { name: unique('t'), role: clerkRole, employerIds: [w.B.employerId] })).statusCode).toBe(400);
    // Roles are shared by every employer: defined only by one who sees them all.
    expect((await call(ua, 'PUT', `/api/roles/${unique('r')}`, { permissions: ['employers.view'], allEmployers: false })).statusCode).toBe(403);
    expect((await call(ua, 'POST', '/api/users', { email: email(), name: 'X', password: PASSWORD, role: clerkRole, employerIds: [w.A.employerId] })).statusCode).toBe(201);
  });

  it('shows and revokes only the tokens within reach', async () => {
    const listed = (await call(ua, 'GET', '/api/tokens')).json().items as { id: string; role: string }[];
    expect(listed.filter((t) => t.role === 'admin' || t.role === 'health_admin')).toEqual([]);
    const [operator] = await h.db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.role, 'health_admin')).limit(1);
    expect((await call(ua, 'DELETE', `/api/tokens/${operator.id}`)).statusCode).toBe(404);
    expect(await h.db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.id, operator.id))).toHaveLength(1);
  });

  it('keeps accidents.health to the holders of admin.health: not even the global admin grants it', async () => {
    expect((await call(h.auth, 'PUT', `/api/roles/${unique('r')}`, { permissions: ['accidents.view', 'accidents.health'], allEmployers: false })).statusCode).toBe(403);
    expect((await call(h.auth, 'PUT', `/api/roles/${unique('r')}`, { permissions: ['admin.health'], allEmployers: true })).statusCode).toBe(403);
    expect((await call(h.auth, 'POST', '/api/users', { email: `${unique('m')}@example.test`, name: 'M', password: PASSWORD, role: 'accident_manager', employerIds: [w.A.employerId] })).statusCode).toBe(403);
    expect((await call(h.auth, 'POST', '/api/tokens', { name: unique('t'), role: 'accident_manager', employerIds: [w.A.employerId] })).statusCode).toBe(403);
    // Nor takes over an accident manager's account.
    expect((await call(h.auth, 'PATCH', `/api/users/${managerA.id}`, { password: 'taken over at last!' })).statusCode).toBe(404);
    // The health administrator does; and they cannot grant what they lack (payroll uploads).
    expect((await call(h.healthAuth, 'POST', '/api/tokens', { name: unique('t'), role: 'accident_manager', employerIds: [w.A.employerId] })).statusCode).toBe(201);
    expect((await call(h.healthAuth, 'POST', '/api/tokens', { name: unique('t'), role: 'hr', employerIds: [w.A.employerId] })).statusCode).toBe(403);
    expect((await call(h.healthAuth, 'PUT', `/api/roles/${unique('r')}`, { permissions: ['accidents.view', 'accidents.health'], allEmployers: false })).statusCode).toBe(200);
  });

  it('does not let a role change raise its holders above the one changing it', async () => {
    const name = unique('r');
    expect((await call(h.healthAuth, 'PUT', `/api/roles/${name}`, { permissions: ['accidents.view', 'accidents.health'], allEmployers: false })).statusCode).toBe(200);
    // The admin cannot strip or rewrite a role holding what they may not grant.
    expect((await call(h.auth, 'PUT', `/api/roles/${name}`, { permissions: ['accidents.view'], allEmployers: false })).statusCode).toBe(403);
  });
});

describe('global settings', () => {
  it('need platform.settings, which counts only with every employer', async () => {
    const scopedAdmin = bearer(await tokenFor(h, 'admin', [w.A.employerId]));
    const hr = bearer(await tokenFor(h, 'hr', [w.A.employerId]));
    const rule = { country: 'BE', supplierId: w.supplierId, days: 9, reminderDays: [3], reminderHour: 9 }; // one insurer's term, not every Belgian employer's: other test files share the database
    const settings = { confirmKinds: ['enrollment'] };
    const channel = { channel: { transport: 'none' } };
    for (const who of [scopedAdmin, hr]) {
      expect((await call(who, 'PUT', '/api/accident-rules', rule)).statusCode).toBe(403);
      expect((await call(who, 'PUT', `/api/suppliers/${w.supplierId}/report-settings`, settings)).statusCode).toBe(403);
      expect((await call(who, 'PUT', `/api/suppliers/${w.supplierId}/channel`, channel)).statusCode).toBe(403);
    }
    expect((await call(h.auth, 'PUT', '/api/accident-rules', rule)).statusCode).toBe(200);
    expect((await call(h.auth, 'PUT', `/api/suppliers/${w.supplierId}/report-settings`, settings)).statusCode).toBe(200);
    expect((await call(h.auth, 'PUT', `/api/suppliers/${w.supplierId}/channel`, channel)).statusCode).toBe(200);
    // A role holding it must see every employer.
    expect((await call(h.auth, 'PUT', `/api/roles/${unique('r')}`, { permissions: ['platform.settings'], allEmployers: false })).statusCode).toBe(400);
  });
});

describe('tokens', () => {
  let owner: { id: string; email: string };
  let ownerSession: Headers;
  let clerkRole: string;

  beforeAll(async () => {
    const adminRole = await role(['admin.users', 'employers.view']);
    clerkRole = await role(['employers.view']);
    owner = await user(h.auth, adminRole, [w.A.employerId]);
    ownerSession = await session(owner.email);
  });

  const mint = async (over: object = {}) => {
    const res = await call(ownerSession, 'POST', '/api/tokens', { name: unique('t'), role: clerkRole, employerIds: [w.A.employerId], ...over });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; token: string; ownerUserId: string; createdBy: string; expiresAt: string; lastUsedAt: string | null };
  };
  const employerA = (token: string) => call(bearer(token), 'GET', `/api/employers/${w.A.employerId}`);

  it('have an owner, an expiry and a last use', async () => {
    const t = await mint({ expiresInDays: 30 });
    expect(t.ownerUserId).toBe(owner.id);
    expect(t.createdBy).toBe(`user:${owner.email}`);
    expect(Math.abs(Date.parse(t.expiresAt) - (Date.now() + 30 * DAY_MS))).toBeLessThan(60_000);
    expect(t.lastUsedAt).toBeNull();
    expect((await employerA(t.token)).statusCode).toBe(200);
    const [row] = await h.db.select().from(apiTokens).where(eq(apiTokens.id, t.id));
    expect(row.lastUsedAt).not.toBeNull();
  });

  it('are refused once expired', async () => {
    const t = await mint();
    await h.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, t.id));
    const res = await employerA(t.token);
    expect(res.statusCode).toBe(401);
  });

  it('act within their owner\'s current employers', async () => {
    const t = await mint();
    expect((await employerA(t.token)).statusCode).toBe(200);
    await h.db.update(users).set({ employerIds: [w.B.employerId] }).where(eq(users.id, owner.id));
    expect((await employerA(t.token)).statusCode).toBe(404);
    await h.db.update(users).set({ employerIds: [w.A.employerId] }).where(eq(users.id, owner.id));
  });

  it('are revoked with their owner', async () => {
    const t = await mint();
    const t2 = await mint();
    // Disabled behind the API's back: refused all the same.
    await h.db.update(users).set({ disabled: true }).where(eq(users.id, owner.id));
    expect((await employerA(t.token)).statusCode).toBe(401);
    await h.db.update(users).set({ disabled: false }).where(eq(users.id, owner.id));
    expect((await employerA(t.token)).statusCode).toBe(200);
    // Disabled by an administrator: the tokens are gone.
    expect((await call(h.auth, 'PATCH', `/api/users/${owner.id}`, { disabled: true })).statusCode).toBe(200);
    expect((await employerA(t2.token)).statusCode).toBe(401);
    expect(await h.db.select().from(apiTokens).where(eq(apiTokens.ownerUserId, owner.id))).toEqual([]);
  });
});

describe('health facts and accident tasks', () => {
  let accidentId: string;
  let declareTaskId: string;
  let sickNoteTaskId: string;

  beforeAll(async () => {
    accidentId = randomUUID();
    const [sickNoteDay, resumed] = ['2026-01-10', '2026-02-01'];
    await h.db.insert(accidents).values({
      id: accidentId, employerId: w.A.employerId, personId: w.A.personId, status: 'declared', country: 'NL', occurredAt: new Date(Date.now() - 40 * DAY_MS), place: 'Dock',
      detailsSealed: TEST_SECRETS.seal(DETAILS), incapacityFrom: sickNoteDay, workResumedOn: resumed, fatal: false, workflowId: `accident-${accidentId}`, createdBy: 'test',
    });
    const [doc] = await h.db.insert(accidentDocuments).values({
      accidentId, kind: 'sick_note', mediaType: 'application/pdf', size: 10, fileNameSealed: TEST_SECRETS.seal('sick-note.pdf'), validFrom: sickNoteDay, validUntil: '2026-01-31', uploadedBy: 'test',
    }).returning();
    await h.db.insert(accidentEvents).values([
      { accidentId, kind: 'incapacity_started', by: 'test', detail: { date: sickNoteDay }, applied: true },
      { accidentId, kind: 'document_added', by: 'test', detail: { documentId: doc.id, kind: 'sick_note', validUntil: '2026-01-31' }, applied: true },
      { accidentId, kind: 'claim_number', by: 'test', detail: { claimNumber: 'CL-9' }, applied: true },
    ]);
    const due = new Date(Date.now() + DAY_MS);
    const [declare] = await h.db.insert(tasks).values({ employerId: w.A.employerId, accidentId, kind: 'declare_accident', status: 'open', subject: { accidentId, personId: w.A.personId }, dueAt: due }).returning();
    const [sick] = await h.db.insert(tasks).values({ employerId: w.A.employerId, accidentId, kind: 'accident_sick_note_ending', status: 'open', subject: { accidentId, personId: w.A.personId, documentId: doc.id }, dueAt: due }).returning();
    declareTaskId = declare.id;
    sickNoteTaskId = sick.id;
  });

  it('keeps incapacity, return to work, death, medical document kinds and dates and history details from accidents.view without accidents.health', async () => {
    const hr = bearer(await tokenFor(h, 'hr', [w.A.employerId]));
    const one = (await call(hr, 'GET', `/api/accidents/${accidentId}`)).json();
    expect(one).toMatchObject({ incapacityFrom: null, workResumedOn: null, fatal: null, healthRestricted: true, details: null });
    expect(one.documents).toEqual([expect.objectContaining({ kind: null, validFrom: null, validUntil: null, fileName: null })]);
    expect(one.history.map((e: { kind: string }) => e.kind)).not.toContain('incapacity_started');
    expect(one.history.find((e: { kind: string }) => e.kind === 'document_added').detail).toEqual({});
    expect(one.history.find((e: { kind: string }) => e.kind === 'claim_number').detail).toEqual({ claimNumber: 'CL-9' });
    expect(one.tasks.map((t: { kind: string }) => t.kind)).toEqual(['declare_accident']);
    const listed = (await call(hr, 'GET', `/api/accidents?employerId=${w.A.employerId}`)).json().items.find((a: { id: string }) => a.id === accidentId);
    expect(listed).toMatchObject({ incapacityFrom: null, workResumedOn: null, fatal: null });
    expect(JSON.stringify(one)).not.toMatch(/sick_note|2026-01-31|2026-02-01|2026-01-10/);

    const manager = bearer(await tokenFor(h, 'accident_manager', [w.A.employerId]));
    const full = (await call(manager, 'GET', `/api/accidents/${accidentId}`)).json();
    expect(full).toMatchObject({ incapacityFrom: '2026-01-10', workResumedOn: '2026-02-01', fatal: false, healthRestricted: false });
    expect(full.documents[0]).toMatchObject({ kind: 'sick_note', validUntil: '2026-01-31' });
    expect(full.history.map((e: { kind: string }) => e.kind)).toContain('incapacity_started');
    expect(full.tasks.map((t: { kind: string }) => t.kind).sort()).toEqual(['accident_sick_note_ending', 'declare_accident']);
  });

  it('shows accident tasks only to accidents.view, and sick-note tasks only to accidents.health', async () => {
    const ids = async (headers: Headers) => ((await call(headers, 'GET', `/api/tasks?employerId=${w.A.employerId}`)).json().items as { id: string }[]).map((t) => t.id);
    const processOwner = bearer(await tokenFor(h, 'process_owner', [w.A.employerId]));
    const hr = bearer(await tokenFor(h, 'hr', [w.A.employerId]));
    const manager = bearer(await tokenFor(h, 'accident_manager', [w.A.employerId]));
    expect(await ids(processOwner)).toEqual([w.A.taskId]);
    expect((await call(processOwner, 'GET', `/api/tasks/${declareTaskId}`)).statusCode).toBe(404);
    expect(await lastAudit('/api/tasks/:id')).toMatchObject({ action: 'denied', status: 404 });
    expect((await ids(hr)).sort()).toEqual([w.A.taskId, declareTaskId].sort());
    expect((await call(hr, 'GET', `/api/tasks/${sickNoteTaskId}`)).statusCode).toBe(404);
    expect((await call(hr, 'POST', `/api/tasks/${sickNoteTaskId}/comments`, { text: 'hi' })).statusCode).toBe(404);
    expect((await call(hr, 'GET', `/api/tasks/${declareTaskId}`)).statusCode).toBe(200);
    expect(await ids(manager)).toEqual(expect.arrayContaining([declareTaskId, sickNoteTaskId]));
    // Acting on an accident's task needs accidents.manage: a viewer of accidents only reads it.
    const viewer = bearer(await tokenFor(h, 'viewer', [w.A.employerId]));
    expect((await call(viewer, 'GET', `/api/tasks/${declareTaskId}`)).statusCode).toBe(200);
  });
});

describe('another employer\'s objects', () => {
  it('answer 404 like unknown ones, and the denial is audited', async () => {
    const hr = bearer(await tokenFor(h, 'hr', [w.A.employerId]));
    const other = await call(hr, 'GET', `/api/persons/${w.B.personId}`);
    const unknown = await call(hr, 'GET', `/api/persons/${randomUUID()}`);
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual(unknown.json());
    const [denied] = await h.db.select().from(auditLog).where(and(eq(auditLog.route, '/api/persons/:id'), eq(auditLog.action, 'denied'))).orderBy(desc(auditLog.id)).limit(1);
    expect(denied).toMatchObject({ employerId: w.B.employerId, personId: w.B.personId, status: 404 });
    const filtered = await call(hr, 'GET', `/api/messages?personId=${w.B.personId}`);
    expect(filtered.statusCode).toBe(404);
    expect(filtered.json()).toEqual((await call(hr, 'GET', `/api/messages?personId=${randomUUID()}`)).json());
    expect((await call(hr, 'GET', `/api/messages?employerId=${w.B.employerId}`)).statusCode).toBe(404);
    // Named in a body: the same answer as an unknown person.
    const registration = (personId: string) => ({ personId, occurredAt: new Date(Date.now() - DAY_MS).toISOString(), place: 'Hall', description: 'Slipped' });
    const otherPerson = await call(hr, 'POST', '/api/accidents', registration(w.B.personId));
    expect(otherPerson.statusCode).toBe(400);
    expect(otherPerson.json()).toEqual((await call(hr, 'POST', '/api/accidents', registration(randomUUID()))).json());
  });
});

describe('the accident\'s insurer', () => {
  it('must be an accident insurer linked to the employer', async () => {
    const [linked] = await h.db.insert(suppliers).values({ name: unique('Linked insurer'), kind: 'accident' }).returning();
    const [stranger] = await h.db.insert(suppliers).values({ name: unique('Other insurer'), kind: 'accident' }).returning();
    await h.db.insert(employerSuppliers).values({ employerId: w.A.employerId, supplierId: linked.id, collectiveNumber: 'AO-1', startDate: '2020-01-01', deliverFrom: '2020-01-01' });
    const hr = bearer(await tokenFor(h, 'hr', [w.A.employerId]));
    // A first-aid entry (nothing more than first aid): no workflow to start.
    const body = (supplierId: string) => ({ personId: w.A.personId, occurredAt: new Date(Date.now() - DAY_MS).toISOString(), place: 'Hall', description: 'Cut finger', supplierId });
    const refused = await call(hr, 'POST', '/api/accidents', body(stranger.id));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toMatch(/body\.supplierId/);
    // The scoped world's insurer is linked, but a health insurer.
    expect((await call(hr, 'POST', '/api/accidents', body(w.supplierId))).statusCode).toBe(400);
    const ok = await call(hr, 'POST', '/api/accidents', body(linked.id));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ supplierId: linked.id, status: 'first_aid' });
    const [{ n }] = await h.db.select({ n: sql<number>`count(*)::int` }).from(accidents).where(eq(accidents.supplierId, stranger.id));
    expect(n).toBe(0);
  });
});
