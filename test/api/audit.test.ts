/**
 * The audit trail: one record per read or change of a person's data, naming who, what (route
 * pattern and action), which employer and person — ids only, never a name or a BSN; denials
 * recorded as such; the table refuses every change; GET /api/audit filters and is admin-only.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, getTableColumns, gt, sql } from 'drizzle-orm';
import { createDb } from '../../db/client';
import { appendAuditRecords } from '../../db/queries/audit';
import { auditLog } from '../../db/schema';
import type { Harness} from '../support/harness';
import { startHarness } from '../support/harness';
import type { ScopedWorld} from '../support/scoped-world';
import { createScopedWorld } from '../support/scoped-world';

let h: Harness;
let w: ScopedWorld;
const hrName = `audit-hr-${randomUUID()}`;
let hr: { authorization: string };

beforeAll(async () => {
  h = await startHarness({ worker: false });
  w = await createScopedWorld(h);
  const res = await h.app.inject({ method: 'POST', url: '/api/tokens', headers: h.auth, payload: { name: hrName, role: 'hr', employerIds: [w.A.employerId] } });
  hr = { authorization: `Bearer ${res.json().token}` };
});

afterAll(async () => {
  await h?.close();
});

/** The records a request left: everything after the last id seen, for one actor. */
async function recordsOf(actor: string, run: () => Promise<{ statusCode: number }>) {
  const [last] = await h.db.select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::bigint` }).from(auditLog);
  const res = await run();
  const rows = await h.db.select().from(auditLog).where(and(eq(auditLog.actor, actor), gt(auditLog.id, Number(last.id)))).orderBy(asc(auditLog.id));
  return { res, rows };
}

const call = (headers: object, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  h.app.inject({ method, url, headers: headers as Record<string, string>, ...(payload ? { payload } : {}) });

describe('audit trail', () => {
  const actor = `token:${hrName}`;

  it.each([
    ['reading a person', 'GET', () => `/api/persons/${w.A.personId}`, undefined, 'read', '/api/persons/:id', true],
    ['changing a person', 'PATCH', () => `/api/persons/${w.A.personId}`, { city: 'Zwolle' }, 'update', '/api/persons/:id', true],
    ['listing an employer\'s persons', 'GET', () => `/api/persons?employerId=${w.A.employerId}`, undefined, 'read', '/api/persons', false],
    ['reading family members', 'GET', () => `/api/persons/${w.A.personId}/family-members`, undefined, 'read', '/api/persons/:id/family-members', true],
    ['adding a family member', 'POST', () => `/api/persons/${w.A.personId}/family-members`, { relation: 'partner', lastName: 'Oosterhuis', birthDate: '1981-01-01' }, 'create', '/api/persons/:id/family-members', true],
    ['reading an enrollment', 'GET', () => `/api/enrollments/${w.A.enrollmentId}`, undefined, 'read', '/api/enrollments/:id', true],
    ['reading an accident', 'GET', () => `/api/accidents/${w.A.accidentId}`, undefined, 'read', '/api/accidents/:id', true],
  ] as const)('%s leaves one record', async (_what, method, url, payload, action, route, aboutPerson) => {
    const { res, rows } = await recordsOf(actor, () => call(hr, method, url(), payload));
    expect(res.statusCode).toBeLessThan(300);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor, action, method, route, status: res.statusCode, employerId: w.A.employerId, personId: aboutPerson ? w.A.personId : null,
    });
  });

  it('keeps personal values out of the records', async () => {
    const rows = await h.db.select().from(auditLog).where(eq(auditLog.actor, actor));
    expect(rows.length).toBeGreaterThanOrEqual(7);
    const text = JSON.stringify(rows);
    for (const value of [w.A.person.lastName, w.A.person.firstName, w.A.person.nationalId, 'Zwolle', 'Oosterhuis']) expect(text).not.toContain(value);
  });

  it('records a denied access to another employer\'s person (answered 404, like an unknown person)', async () => {
    const { res, rows } = await recordsOf(actor, () => call(hr, 'GET', `/api/persons/${w.B.personId}`));
    expect(res.statusCode).toBe(404);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'denied', route: '/api/persons/:id', status: 404, employerId: w.B.employerId, personId: w.B.personId });
  });

  it('records a denial for a missing permission', async () => {
    const name = `audit-advisor-${randomUUID()}`;
    const token = (await call(h.auth, 'POST', '/api/tokens', { name, role: 'prevention_advisor', employerIds: [w.A.employerId] })).json().token;
    const { res, rows } = await recordsOf(`token:${name}`, () => call({ authorization: `Bearer ${token}` }, 'GET', `/api/persons/${w.A.personId}`));
    expect(res.statusCode).toBe(403);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'denied', route: '/api/persons/:id', status: 403, resourceId: w.A.personId });
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the trail to the application role, and dropping its triggers', async () => {
    const [row] = await h.db.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.actor, actor)).limit(1);
    // drizzle wraps the database's error; the database's message is its cause.
    const refusal = (q: Promise<unknown>) => q.then(() => 'accepted', (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    expect(await refusal(h.db.execute(sql`update audit_log set action = 'read' where id = ${row.id}`))).toMatch(/permission denied for table audit_log/);
    expect(await refusal(h.db.execute(sql`delete from audit_log where id = ${row.id}`))).toMatch(/permission denied for table audit_log/);
    expect(await refusal(h.db.execute(sql`truncate audit_log`))).toMatch(/permission denied for table audit_log/);
    expect(await refusal(h.db.execute(sql`drop trigger audit_log_no_update on audit_log`))).toMatch(/must be owner of (table|relation) audit_log/);
    expect(await refusal(h.db.execute(sql`alter table audit_log disable trigger audit_log_chain`))).toMatch(/must be owner of (table|relation) audit_log/);
    expect(await refusal(h.db.execute(sql`update audit_chain_head set last_hash = 'x'`))).toMatch(/permission denied for table audit_chain_head/);
    const [still] = await h.db.select().from(auditLog).where(eq(auditLog.id, row.id));
    expect(still.actor).toBe(actor);
    // The owner (migrations) meets the trigger: append-only for anyone short of dropping it.
    const owner = createDb(process.env.MUTAFLOW_TEST_MIGRATION_DATABASE_URL!, 1);
    try {
      expect(await refusal(owner.execute(sql`update audit_log set action = 'read' where id = ${row.id}`))).toMatch(/append-only \(UPDATE refused\)/);
      expect(await refusal(owner.execute(sql`truncate audit_log`))).toMatch(/append-only \(TRUNCATE refused\)/);
    } finally {
      await owner.$client.end();
    }
  });

  it('lists the records about a person, for admin.audit only', async () => {
    const res = await call(h.auth, 'GET', `/api/audit?personId=${w.A.personId}&limit=1000`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { personId: string; personIds: string[] | null; actor: string; route: string }[];
    expect(items.every((i) => i.personId === w.A.personId || i.personIds?.includes(w.A.personId))).toBe(true);
    expect(items.filter((i) => i.actor === actor).map((i) => i.route)).toEqual(expect.arrayContaining(['/api/persons/:id', '/api/accidents/:id', '/api/enrollments/:id']));
    expect((await call(hr, 'GET', `/api/audit?personId=${w.A.personId}`)).statusCode).toBe(403);
  });

  it('pages with the cursor every list uses; a forged cursor, or one of a list sorted otherwise, is refused', async () => {
    for (let i = 0; i < 3; i++) await call(h.auth, 'GET', `/api/persons/${w.A.personId}`);
    const list = async (query: string) => call(h.auth, 'GET', `/api/audit?personId=${w.A.personId}&limit=2${query}`);
    const first = (await list('')).json() as { items: { id: number }[]; nextCursor: string };
    expect(first.items).toHaveLength(2);
    const second = (await list(`&cursor=${first.nextCursor}`)).json() as { items: { id: number }[] };
    const older = await h.db.select({ id: auditLog.id }).from(auditLog)
      .where(and(sql`(${auditLog.personId} = ${w.A.personId} or ${auditLog.personIds} @> array[${w.A.personId}]::uuid[])`, sql`${auditLog.id} < ${first.items[1].id}`)).orderBy(sql`${auditLog.id} desc`).limit(2);
    expect(second.items.map((i) => i.id)).toEqual(older.map((r) => r.id));
    const forged = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    for (const cursor of ['nope', forged([-1]), forged([1, 2]), forged(['2026-01-01T00:00:00.000Z', randomUUID()])]) {
      const res = await list(`&cursor=${cursor}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'validation', message: 'querystring.cursor: not a cursor from this API' });
    }
  });

  it.each([
    ['the persons list', () => `/api/persons?employerId=${w.A.employerId}`, '/api/persons'],
    ['the payroll file download', () => `/api/payroll-imports/${w.A.importId}/file`, '/api/payroll-imports/:id/file'],
    ['the report file download', () => `/api/reports/${w.A.reportId}/file`, '/api/reports/:id/file'],
    ['the messages list', () => `/api/messages?employerId=${w.A.employerId}`, '/api/messages'],
    ['the enrollments list', () => `/api/enrollments?employerId=${w.A.employerId}`, '/api/enrollments'],
    ['the accidents list', () => `/api/accidents?employerId=${w.A.employerId}`, '/api/accidents'],
  ] as const)('%s records which persons it showed, and "who saw this person" finds it', async (_what, url, route) => {
    const { res, rows } = await recordsOf(actor, () => call(hr, 'GET', url()));
    expect(res.statusCode).toBe(200);
    expect(rows).toHaveLength(1);
    expect(rows[0].personIds).toEqual([w.A.personId]);
    const seen = (await call(h.auth, 'GET', `/api/audit?personId=${w.A.personId}&actor=${encodeURIComponent(actor)}&limit=1000`)).json().items as { id: number; route: string }[];
    expect(seen.map((i) => i.id)).toContain(rows[0].id);
    expect(seen.find((i) => i.id === rows[0].id)!.route).toBe(route);
  });

  it('an answer whose record cannot be written is withheld: a 500 in the error handler\'s words, never the failed query or its values', async () => {
    const name = `audit-fail-${randomUUID()}`;
    const token = (await call(h.auth, 'POST', '/api/tokens', { name, role: 'hr', employerIds: [w.A.employerId] })).json().token as string;
    // The trail refuses this one actor's records (shared database: nobody else's).
    const owner = createDb(process.env.MUTAFLOW_TEST_MIGRATION_DATABASE_URL!, 1);
    const constraint = `audit_fail_${name.slice(-12).replace(/-/g, '')}`;
    try {
      await owner.execute(sql.raw(`alter table audit_log add constraint ${constraint} check (actor <> 'token:${name}') not valid`));
      const res = await call({ authorization: `Bearer ${token}` }, 'GET', `/api/persons/${w.A.personId}`);
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: 'internal', message: 'internal error' });
      expect(res.body).not.toContain('insert into');
      expect(res.body).not.toContain(w.A.personId);
    } finally {
      await owner.execute(sql.raw(`alter table audit_log drop constraint if exists ${constraint}`));
      await owner.$client.end();
    }
  });

  it('a refused list records no persons as seen', async () => {
    const { res, rows } = await recordsOf(actor, () => call(hr, 'GET', `/api/persons?employerId=${w.B.employerId}`));
    expect(res.statusCode).toBe(404);
    expect(rows[0].personIds).toBeNull();
  });
});

describe('the hash chain', () => {
  const actor = `token:${hrName}`;
  /** The owner (migrations) can get past the triggers: what an attacker with the owner's rights could do, and what verify shows. */
  const asOwner = async <T>(run: (tx: ReturnType<typeof createDb>) => Promise<T>) => {
    const owner = createDb(process.env.MUTAFLOW_TEST_MIGRATION_DATABASE_URL!, 1);
    try {
      return await owner.transaction(async (tx) => run(tx as unknown as ReturnType<typeof createDb>));
    } finally {
      await owner.$client.end();
    }
  };
  const verify = async () => {
    const res = await call(h.auth, 'GET', '/api/audit/verify');
    expect(res.statusCode).toBe(200);
    return res.json() as { ok: boolean; checked: number; breaks: { id: number; reason: string }[] };
  };

  it('chains every entry to the one before', async () => {
    await call(hr, 'GET', `/api/persons/${w.A.personId}`);
    const last = await h.db.select().from(auditLog).orderBy(sql`${auditLog.id} desc`).limit(2);
    expect(last[0].prevHash).toBe(last[1].hash);
    expect(last[0].hash).toMatch(/^[0-9a-f]{64}$/);
    const report = await verify();
    expect(report).toMatchObject({ ok: true, breaks: [] });
    expect(report.checked).toBeGreaterThan(5);
    expect((await call(hr, 'GET', '/api/audit/verify')).statusCode).toBe(403);
  });

  it('writes records that arrive together in one statement, in order, each with its persons, and chains them', async () => {
    const others = Array.from({ length: 3 }, () => randomUUID());
    const records = [
      { actor, action: 'read', method: 'GET', route: '/api/persons', status: 200, ip: '127.0.0.1', employerId: w.A.employerId, personIds: [w.A.personId, ...others] },
      { actor, action: 'denied', method: 'GET', route: '/api/persons/:id', status: 403, resourceId: 'x,"y"', personId: w.A.personId },
      { actor, action: 'read', method: 'GET', route: '/api/tasks', status: 200, personIds: [] },
    ];
    const [last] = await h.db.select({ id: sql<number>`coalesce(max(${auditLog.id}), 0)::bigint` }).from(auditLog);
    await appendAuditRecords(h.db, records);
    const rows = await h.db.select().from(auditLog).where(and(eq(auditLog.actor, actor), gt(auditLog.id, Number(last.id)))).orderBy(asc(auditLog.id));
    expect(rows.map((r) => [r.route, r.status, r.resourceId, r.employerId, r.personId, r.personIds, r.ip])).toEqual([
      ['/api/persons', 200, null, w.A.employerId, null, [w.A.personId, ...others], '127.0.0.1'],
      ['/api/persons/:id', 403, 'x,"y"', null, w.A.personId, null, null],
      ['/api/tasks', 200, null, null, null, null, null],
    ]);
    expect(rows[1].prevHash).toBe(rows[0].hash);
    expect(rows[2].prevHash).toBe(rows[1].hash);
    expect(await verify()).toMatchObject({ ok: true, breaks: [] });
  });

  it('shows where an entry was altered, and where one was removed', async () => {
    await call(hr, 'GET', `/api/persons/${w.A.personId}`);
    await call(hr, 'GET', `/api/persons/${w.A.personId}`);
    const [victim, next] = await h.db.select().from(auditLog).where(eq(auditLog.actor, actor)).orderBy(sql`${auditLog.id} desc`).limit(2).then((r) => r.reverse());
    const original = victim.action;
    const tamper = (guc: string, statement: ReturnType<typeof sql>) => asOwner(async (tx) => {
      await tx.execute(sql`select set_config(${guc}, 'on', true)`);
      await tx.execute(statement);
    });
    await tamper('mutaflow.audit_backfill', sql`update audit_log set action = 'create' where id = ${victim.id}`);
    expect((await verify()).breaks).toContainEqual({ id: victim.id, reason: 'altered' });
    await tamper('mutaflow.audit_backfill', sql`update audit_log set action = ${original} where id = ${victim.id}`);
    expect((await verify()).ok).toBe(true);

    // Removed: the entry after it no longer follows (then put back, trigger off, in one transaction).
    // `at` as text: a JS Date would lose the microseconds the hash covers.
    const [row] = await h.db.select({ ...getTableColumns(auditLog), at: sql<string>`${auditLog.at}::text` }).from(auditLog).where(eq(auditLog.id, victim.id));
    await tamper('mutaflow.audit_purge', sql`delete from audit_log where id = ${victim.id}`);
    const broken = await verify();
    expect(broken.ok).toBe(false);
    const [after] = await h.db.select({ id: auditLog.id }).from(auditLog).where(sql`${auditLog.id} > ${victim.id}`).orderBy(auditLog.id).limit(1);
    expect(after.id).toBeLessThanOrEqual(next.id);
    expect(broken.breaks).toContainEqual({ id: after.id, reason: 'gap' });
    await asOwner(async (tx) => {
      await tx.execute(sql`alter table audit_log disable trigger audit_log_chain`);
      await tx.insert(auditLog).values({ ...row, at: sql`${row.at}::timestamptz` });
      await tx.execute(sql`alter table audit_log enable trigger audit_log_chain`);
    });
    expect((await verify()).ok).toBe(true);
  });
});
