/**
 * What the cycle page and the menu read: what a cycle waits for per supplier (its open tasks by
 * kind and assignee, escalated ones counted; the employer's messages still waiting, and on whom),
 * the caller's open-task count and "my tasks", and cycles, reports and imports listed in pages.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { cycles, messages, payrollImports, reports, tasks } from '../../db/schema';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import type { ScopedWorld } from '../support/scoped-world';
import { createScopedWorld, tokenFor } from '../support/scoped-world';
import { SESSION_COOKIE } from '../../api/plugins/auth';

describe('cycle detail, open-task count and paged lists', () => {
  let h: Harness;
  let w: ScopedWorld;
  let hrToken: string;
  beforeAll(async () => {
    h = await startHarness({ worker: false });
    w = await createScopedWorld(h);
    hrToken = await tokenFor(h, 'hr', [w.A.employerId]);
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  const get = async (url: string, token?: string) => {
    const res = await h.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : h.auth });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const openTask = async (assignee: string, escalatedAt: Date | null, supplierId: string | null = w.supplierId) => {
    const [t] = await h.db.insert(tasks).values({
      cycleId: w.A.cycleId, employerId: w.A.employerId, kind: 'complete_data', subject: { personId: w.A.personId, ...(supplierId ? { supplierId } : {}), field: 'street' },
      assignee, dueAt: new Date(Date.now() + 3_600_000), escalatedAt,
    }).returning();
    return t;
  };

  it('groups what the cycle waits for per supplier, on whom and since when', async () => {
    const escalatedAt = new Date(Date.now() - 60_000);
    await openTask('hr', escalatedAt);
    await openTask('hr', null);
    await openTask('admin', null, null);
    await h.db.update(messages).set({ status: 'incomplete' }).where(eq(messages.id, w.A.messageId));

    const { items } = await get(`/api/cycles/${w.A.cycleId}/waiting`);
    const find = (supplierId: string | null, code: string, waitsOn: string) => items.find((i: { supplierId: string | null; code: string; waitsOn: string }) => i.supplierId === supplierId && i.code === code && i.waitsOn === waitsOn);
    expect(find(w.supplierId, 'complete_data', 'hr')).toMatchObject({ what: 'task', count: 2, escalated: 1, escalatedSince: escalatedAt.toISOString() });
    expect(find(null, 'complete_data', 'admin')).toMatchObject({ what: 'task', count: 1, escalated: 0, escalatedSince: null });
    expect(find(w.supplierId, 'incomplete', 'employer')).toMatchObject({ what: 'message', count: 1, assignee: null });
    // Employer B's cycle does not exist for A's HR.
    const other = await h.app.inject({ method: 'GET', url: `/api/cycles/${w.B.cycleId}/waiting`, headers: { authorization: `Bearer ${hrToken}` } });
    expect(other.statusCode).toBe(404);
  });

  it('counts the open tasks assigned to the caller\'s role, and lists only those with mine=true', async () => {
    const before = await get('/api/tasks/open-count', hrToken);
    const mine = await openTask('hr', new Date());
    const theirs = await openTask('admin', null);
    const after = await get('/api/tasks/open-count', hrToken);
    expect(after).toEqual({ open: before.open + 1, escalated: before.escalated + 1 });
    const listed = (await get(`/api/tasks?mine=true&status=open&limit=500`, hrToken)).items.map((t: { id: string }) => t.id);
    expect(listed).toContain(mine.id);
    expect(listed).not.toContain(theirs.id);
  });

  it('counts and lists, with mine=true, a user\'s tasks assigned to their e-mail in any case', async () => {
    const email = `hanna-${randomUUID()}@example.test`;
    const created = await h.app.inject({ method: 'POST', url: '/api/users', headers: h.auth, payload: { email, name: 'Hanna HR', password: 'a long enough passphrase', role: 'hr', employerIds: [w.A.employerId] } });
    expect(created.statusCode).toBe(201);
    const login = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'a long enough passphrase' } });
    expect(login.statusCode).toBe(200);
    const cookie = `${SESSION_COOKIE}=${login.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
    const asUser = async (url: string) => {
      const res = await h.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode).toBe(200);
      return res.json();
    };
    const before = await asUser('/api/tasks/open-count');
    const hers = await openTask(email.toUpperCase(), null);
    const role = await openTask('hr', null);
    const other = await openTask('admin', null);
    expect(await asUser('/api/tasks/open-count')).toEqual({ open: before.open + 2, escalated: before.escalated });
    const listed = (await asUser('/api/tasks?mine=true&status=open&limit=500')).items.map((t: { id: string }) => t.id);
    expect(listed).toEqual(expect.arrayContaining([hers.id, role.id]));
    expect(listed).not.toContain(other.id);
  });

  it('shows nothing to a token granted no employer', async () => {
    const none = await tokenFor(h, 'hr', []);
    await openTask('hr', null);
    expect((await get('/api/tasks?status=open', none)).items).toEqual([]);
    expect((await get('/api/tasks?mine=true', none)).items).toEqual([]);
    expect(await get('/api/tasks/open-count', none)).toEqual({ open: 0, escalated: 0 });
    expect((await get('/api/messages', none)).items).toEqual([]);
    // The same lists for a token granted employer A do show its rows.
    expect((await get('/api/tasks?status=open', hrToken)).items.length).toBeGreaterThan(0);
    expect((await get('/api/messages', hrToken)).items.length).toBeGreaterThan(0);
    // An empty filter is no filter.
    expect((await get('/api/tasks?status=open&assignee=', hrToken)).items).toEqual((await get('/api/tasks?status=open', hrToken)).items);
  });

  it('lists cycles and reports in pages of the one cursor format', async () => {
    const [second] = await h.db.insert(cycles).values({ employerId: w.A.employerId, period: '2026-02', status: 'closed', stage: 'closed', workflowId: `cycle-${randomUUID()}`, startedBy: 'test' }).returning();
    const first = await get(`/api/cycles?employerId=${w.A.employerId}&limit=1`);
    expect(first.items.map((c: { id: string }) => c.id)).toEqual([second.id]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const next = await get(`/api/cycles?employerId=${w.A.employerId}&limit=1&cursor=${first.nextCursor}`);
    expect(next.items.map((c: { id: string }) => c.id)).toEqual([w.A.cycleId]);
    expect(next.nextCursor).toBeNull();

    const [r] = await h.db.select().from(reports).where(eq(reports.id, w.A.reportId));
    const [newer] = await h.db.insert(reports).values({ ...r, id: randomUUID(), version: r.version + 1, createdAt: new Date(Date.now() + 1000) }).returning();
    const page1 = await get(`/api/reports?cycleId=${w.A.cycleId}&limit=1`);
    expect(page1.items.map((x: { id: string }) => x.id)).toEqual([newer.id]);
    const page2 = await get(`/api/reports?cycleId=${w.A.cycleId}&limit=1&cursor=${page1.nextCursor}`);
    expect(page2.items.map((x: { id: string }) => x.id)).toEqual([w.A.reportId]);
    expect(page2.nextCursor).toBeNull();
    const forged = await h.app.inject({ method: 'GET', url: '/api/reports?cursor=nonsense', headers: h.auth });
    expect(forged.statusCode).toBe(400);

    const [imp] = await h.db.select().from(payrollImports).where(eq(payrollImports.id, w.A.importId));
    const [later] = await h.db.insert(payrollImports).values({ ...imp, id: randomUUID(), period: '2026-02', workflowId: `payroll-import-${randomUUID()}` }).returning();
    const imports1 = await get(`/api/employers/${w.A.employerId}/payroll-imports?limit=1`);
    expect(imports1.items.map((x: { id: string }) => x.id)).toEqual([later.id]);
    const imports2 = await get(`/api/employers/${w.A.employerId}/payroll-imports?limit=1&cursor=${imports1.nextCursor}`);
    expect(imports2.items.map((x: { id: string }) => x.id)).toEqual([w.A.importId]);
    expect(imports2.nextCursor).toBeNull();
  });
});
