/**
 * The busiest lists (persons, messages, tasks) have PostgreSQL write their items' JSON
 * (db/queries/row-json.ts) instead of reading rows and writing them again. Each item must be what
 * the object's own GET answers (the JavaScript view, validated by the route's schema), for values
 * of every shape: nulls, arrays, nested and non-ASCII JSON, decimals, instants with microseconds,
 * an overdue message; and paging by cursor must walk the same order without gaps.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { enrollments, messages, persons, plans, suppliers, tasks } from '../../db/schema';
import type { Harness } from '../support/harness';
import { createEmployer, startHarness } from '../support/harness';

let h: Harness;
let employerId: string;
const get = async (url: string) => {
  const res = await h.app.inject({ method: 'GET', url, headers: h.auth });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  return res.json();
};

/** Every item of a list, page by page (`limit` a page). */
async function walk(path: string, limit: number): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: Record<string, unknown>[]; nextCursor: string | null } = await get(`${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

beforeAll(async () => {
  h = await startHarness({ worker: false });
  employerId = await createEmployer(h, { name: `Lists ${randomUUID().slice(0, 8)}` });
  const people = await h.db.insert(persons).values([
    { employerId, employeeNumber: 'E1', status: 'active', lastImportId: randomUUID(), data: { employeeNumber: 'E1', lastName: 'Çelik-Ō\'Brien "Jr"', salary: 3450.5, ratio: 0.8, nested: { a: [1, 'two', null] }, empty: null } },
    { employerId, employeeNumber: 'E2', status: 'departed', lastImportId: randomUUID(), data: { employeeNumber: 'E2', big: 12345678901234, tiny: 1e-7, text: 'tab\there\nline', emoji: '🙂' } },
    { employerId, employeeNumber: 'E3', status: 'missing', lastImportId: randomUUID(), data: {} },
    { employerId, employeeNumber: 'E10', status: 'active', lastImportId: randomUUID(), data: { employeeNumber: 'E10', decimal: 1.5e3 } },
  ]).returning();
  // An instant with microseconds: the list must cut it to milliseconds as node-postgres does.
  await h.db.update(persons).set({ updatedAt: sql`'2026-03-04 05:06:07.891999+00'::timestamptz` }).where(eq(persons.id, people[0].id));

  const [supplier] = await h.db.insert(suppliers).values({ name: `List insurer ${randomUUID().slice(0, 8)}`, kind: 'group_insurance', channel: { transport: 'none' } }).returning();
  const [plan] = await h.db.insert(plans).values({ supplierId: supplier.id, name: 'Basis' }).returning();
  const [enrollment] = await h.db.insert(enrollments).values({ personId: people[0].id, planId: plan.id, startDate: '2026-01-01' }).returning();
  const base = { employerId, supplierId: supplier.id, personId: people[0].id, factDate: '2026-01-01', sendDate: '2026-01-02', createdBy: 'test' };
  await h.db.insert(messages).values([
    { ...base, enrollmentId: enrollment.id, kind: 'enrollment', status: 'not_sent', warnings: [{ code: 'start_too_old', message: 'Te oud', params: { ageDays: 130, startDate: '2026-01-01' } }] },
    {
      ...base, kind: 'change', status: 'sent', version: 3, changedFields: ['salary', 'lastName'], changedSinceSent: ['city'], missingFields: [],
      sentAt: sql`'2026-02-01 10:00:00.123456+00'::timestamptz` as unknown as Date, answerDueAt: new Date(Date.now() - 60_000), supplierReference: 'REF-1',
    },
    {
      ...base, kind: 'termination', status: 'send_failed', failure: { code: 'http_500', message: 'Serverfout "x"', suggestion: 'Opnieuw' },
      missingFields: ['endDate'], errorCode: 'E1', errorText: 'fout ü', receiptDate: '2026-02-03', answeredAt: new Date('2026-02-03T12:00:00Z'),
    },
    { ...base, kind: 'change', status: 'cancelled', cancelReason: 'dubbel', answerDueAt: new Date(Date.now() + 86_400_000) },
  ]);
  await h.db.insert(tasks).values([
    { employerId, kind: 'confirm_enrollment', subject: { personId: people[0].id, planId: plan.id }, dueAt: new Date('2026-05-01T00:00:00Z') },
    {
      employerId, kind: 'complete_data', status: 'completed', subject: { personId: people[1].id, field: 'nationalId' }, dueAt: new Date('2026-05-01T00:00:00Z'),
      remindAt: new Date('2026-04-28T08:00:00Z'), remindedAt: new Date('2026-04-28T08:00:01.5Z'), escalatedAt: new Date('2026-04-30T08:00:00Z'),
      result: { value: '123456782' }, completedBy: 'hr@example.test', completedAt: new Date('2026-04-29T09:10:11.012Z'),
      comments: [{ by: 'hr', at: '2026-04-28T09:00:00.000Z', text: 'gebeld — “morgen”' }],
    },
    { employerId, kind: 'review_missing', assignee: 'payroll', subject: { personId: people[2].id }, dueAt: new Date('2026-06-01T00:00:00Z') },
  ]);
});

afterAll(async () => {
  await h?.close();
});

test('persons: each item is the person\'s own GET, in employee-number order, across pages', async () => {
  const items = await walk(`/api/persons?employerId=${employerId}`, 3);
  expect(items.map((p) => p.employeeNumber)).toEqual(['E1', 'E10', 'E2', 'E3']);
  for (const item of items) {
    const { corrections: _corrections, ...own } = await get(`/api/persons/${item.id}`);
    expect(item).toEqual(own);
  }
  expect(items[0].updatedAt).toBe('2026-03-04T05:06:07.891Z');
  expect((items[0].data as Record<string, unknown>).lastName).toBe('Çelik-Ō\'Brien "Jr"');
  expect(await walk(`/api/persons?employerId=${employerId}&status=active`, 100)).toHaveLength(2);
});

test('messages: each item is the message\'s own GET (label, overdue and workflow id included), newest first, across pages', async () => {
  const items = await walk(`/api/messages?employerId=${employerId}`, 3);
  expect(items).toHaveLength(4);
  for (const item of items) {
    const { events: _events, ...own } = await get(`/api/messages/${item.id}`);
    expect(item).toEqual(own);
  }
  const sent = items.find((m) => m.status === 'sent')!;
  expect(sent).toMatchObject({ overdue: true, statusLabel: expect.any(String), workflowId: `message-${sent.id}`, sentAt: '2026-02-01T10:00:00.123Z', version: 3 });
  expect(items.find((m) => m.status === 'cancelled')!.overdue).toBe(false);
  const ids = items.map((m) => m.id as string);
  expect(await walk(`/api/messages?employerId=${employerId}`, 100)).toEqual(expect.arrayContaining(items));
  expect(new Set(ids).size).toBe(4);
  expect(await walk(`/api/messages?employerId=${employerId}&overdue=true`, 100)).toEqual([sent]);
});

test('tasks: each item is the task\'s own GET, by due date, across pages', async () => {
  const items = await walk(`/api/tasks?employerId=${employerId}`, 2);
  expect(items.map((t) => t.kind)).toEqual(expect.arrayContaining(['confirm_enrollment', 'complete_data', 'review_missing']));
  expect(items).toHaveLength(3);
  expect(items.map((t) => t.dueAt)).toEqual([...items.map((t) => t.dueAt as string)].sort());
  for (const item of items) expect(item).toEqual(await get(`/api/tasks/${item.id}`));
  expect(items.find((t) => t.kind === 'complete_data')).toMatchObject({ remindedAt: '2026-04-28T08:00:01.500Z', result: { value: '123456782' }, completedAt: '2026-04-29T09:10:11.012Z' });
});
