/**
 * Internal benefits through the API: a type with custom fields, a person's records created,
 * changed and ended with their history, wrong values refused with the field named and nothing
 * stored, other employers' objects answering 404, the review task answered, onboarding profiles
 * with an eligibility filter, and the query statements use.
 */
import { eq } from 'drizzle-orm';
import { benefitRecords, enrollments, plans } from '../../db/schema';
import { recordHire } from '../../activities/enrollments/hire';
import { internalBenefitsOfPerson } from '../../db/queries/benefits';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import type { ScopedWorld } from '../support/scoped-world';
import { createScopedWorld, tokenFor } from '../support/scoped-world';

let h: Harness;
let w: ScopedWorld;
let hrA: Record<string, string>;

beforeAll(async () => {
  h = await startHarness({ worker: false });
  w = await createScopedWorld(h);
  hrA = { authorization: `Bearer ${await tokenFor(h, 'hr', [w.A.employerId])}` };
});
afterAll(async () => {
  await h?.close();
});

const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers = hrA) =>
  h.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

const CARD = {
  name: 'Company credit card',
  fields: [
    { key: 'cardNumber', label: 'Card number', type: 'text', required: true },
    { key: 'limit', label: 'Limit', type: 'money', required: true },
    { key: 'expires', label: 'Expires', type: 'date' },
    { key: 'network', label: 'Network', type: 'choice', options: ['visa', 'mastercard'] },
    { key: 'contactless', label: 'Contactless', type: 'yes_no' },
    { key: 'budget', label: 'Yearly budget', type: 'money' },
    { key: 'spent', label: 'Spent', type: 'money' },
  ],
  eligibility: { field: 'age', range: { min: 18 } },
  calculation: { kind: 'yearly_budget', budgetField: 'budget', spentField: 'spent' },
};

describe('benefit types and records', () => {
  let typeId: string;
  let recordId: string;

  it('defines a type with custom fields; a calculation over missing fields is refused', async () => {
    const bad = await call('POST', `/api/employers/${w.A.employerId}/benefit-types`, { ...CARD, calculation: { ...CARD.calculation, spentField: 'cardNumber' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('"cardNumber" is not a money field');
    const res = await call('POST', `/api/employers/${w.A.employerId}/benefit-types`, CARD);
    expect(res.statusCode).toBe(201);
    typeId = res.json().id;
    expect(res.json()).toMatchObject({ name: CARD.name, eligibilityVersion: 1, active: true, eligibilityDescription: { en: 'Age ≥ 18' } });
    const list = await call('GET', `/api/employers/${w.A.employerId}/benefit-types`);
    expect(list.json().items.map((t: { id: string }) => t.id)).toContain(typeId);
  });

  it('refuses a value of the wrong type naming the field, and stores nothing', async () => {
    const url = `/api/persons/${w.A.personId}/benefit-records`;
    const res = await call('POST', url, { typeId, startDate: '2026-01-01', values: { cardNumber: '4111', limit: '2500.00', network: 'amex' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('values.limit: "Limit" must be an amount in cents');
    expect(res.json().message).toContain('values.network: "Network" must be one of the options');
    expect(res.json().message).not.toContain('2500.00');
    expect(await h.db.select().from(benefitRecords).where(eq(benefitRecords.typeId, typeId))).toHaveLength(0);
  });

  it('creates, changes and ends a record, keeping every version', async () => {
    const created = await call('POST', `/api/persons/${w.A.personId}/benefit-records`, {
      typeId, startDate: '2026-01-01', values: { cardNumber: '4111-0000', limit: 250_000, expires: '2029-12-31', network: 'visa', contactless: true, budget: 120_000, spent: 20_000 },
    });
    expect(created.statusCode).toBe(201);
    recordId = created.json().id;
    expect(created.json()).toMatchObject({ version: 1, values: { limit: 250_000, contactless: true }, calculation: { kind: 'yearly_budget', spentCents: 20_000 } });
    const changed = await call('PUT', `/api/benefit-records/${recordId}`, { values: { ...created.json().values, limit: 300_000 } });
    expect(changed.json()).toMatchObject({ version: 2, values: { limit: 300_000 } });
    const wrong = await call('PUT', `/api/benefit-records/${recordId}`, { values: { ...created.json().values, contactless: 'yes' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toContain('values.contactless: "Contactless"');
    const ended = await call('POST', `/api/benefit-records/${recordId}/end`, { endDate: '2026-06-30' });
    expect(ended.json()).toMatchObject({ version: 3, endDate: '2026-06-30' });
    const early = await call('POST', `/api/benefit-records/${recordId}/end`, { endDate: '2025-06-30' });
    expect(early.statusCode).toBe(400);
    const detail = await call('GET', `/api/benefit-records/${recordId}`);
    expect(detail.json().history.map((v: { version: number; action: string; values: { limit: number } }) => [v.version, v.action, v.values.limit]))
      .toEqual([[1, 'created', 250_000], [2, 'updated', 300_000], [3, 'ended', 300_000]]);
    const list = await call('GET', `/api/persons/${w.A.personId}/benefit-records`);
    expect(list.json().items).toHaveLength(1);
  });

  it('answers 404 for another employer\'s type, record and person; refuses B\'s type for A\'s person', async () => {
    const bType = await call('POST', `/api/employers/${w.B.employerId}/benefit-types`, CARD, h.auth);
    expect(bType.statusCode).toBe(201);
    expect((await call('GET', `/api/benefit-types/${bType.json().id}`)).statusCode).toBe(404);
    expect((await call('GET', `/api/employers/${w.B.employerId}/benefit-types`)).statusCode).toBe(404);
    expect((await call('GET', `/api/persons/${w.B.personId}/benefit-records`)).statusCode).toBe(404);
    const bRecord = await call('POST', `/api/persons/${w.B.personId}/benefit-records`, { typeId: bType.json().id, startDate: '2026-01-01', values: { cardNumber: 'x', limit: 1 } }, h.auth);
    expect(bRecord.statusCode).toBe(201);
    expect((await call('GET', `/api/benefit-records/${bRecord.json().id}`)).statusCode).toBe(404);
    expect((await call('POST', `/api/benefit-records/${bRecord.json().id}/end`, { endDate: '2026-02-01' })).statusCode).toBe(404);
    const cross = await call('POST', `/api/persons/${w.A.personId}/benefit-records`, { typeId: bType.json().id, startDate: '2026-01-01', values: { cardNumber: 'x', limit: 1 } });
    expect(cross.statusCode).toBe(400);
  });

  it('keeps a field\'s type while records hold values of it; a changed rule raises its version', async () => {
    const retyped = await call('PUT', `/api/benefit-types/${typeId}`, { ...CARD, fields: CARD.fields.map((f) => (f.key === 'limit' ? { ...f, type: 'number' } : f)) });
    expect(retyped.statusCode).toBe(409);
    expect(retyped.json().message).toContain('"Limit" (limit)');
    const ruled = await call('PUT', `/api/benefit-types/${typeId}`, { ...CARD, eligibility: { field: 'age', range: { min: 21 } } });
    expect(ruled.json().eligibilityVersion).toBe(2);
  });

  it('gives statements the person\'s running benefits with labelled fields and the calculation', async () => {
    const on = await internalBenefitsOfPerson(h.db, w.A.personId, '2026-03-01');
    expect(on).toHaveLength(1);
    expect(on[0]).toMatchObject({ recordId, typeName: CARD.name, startDate: '2026-01-01', endDate: '2026-06-30', calculation: { budgetCents: 60_000, remainingCents: 40_000 } });
    expect(on[0].fields.find((f) => f.key === 'limit')).toEqual({ key: 'limit', label: 'Limit', type: 'money', value: 300_000 });
    expect(await internalBenefitsOfPerson(h.db, w.A.personId, '2026-07-01')).toEqual([]);
  });

  it('lists the eligibility changes of a review and lets HR acknowledge its task', async () => {
    const url = `/api/employers/${w.A.employerId}/benefit-eligibility-reviews`;
    expect((await call('POST', url, { period: '2999-01' })).statusCode).toBe(400);
    const res = await call('POST', url, { period: '2026-03' });
    expect(res.statusCode).toBe(200);
    const review = res.json();
    expect(review.changes).toBe(1);
    const changes = await call('GET', `/api/employers/${w.A.employerId}/benefit-eligibility-changes?period=2026-03`);
    expect(changes.json().items).toEqual([expect.objectContaining({ personId: w.A.personId, employeeNumber: 'E1', change: 'newly_eligible', reasons: ['first_review'], taskId: review.taskIds[0] })]);
    const task = await call('GET', `/api/tasks/${review.taskIds[0]}`);
    expect(task.json()).toMatchObject({ kind: 'review_eligibility', status: 'open' });
    const done = await call('POST', `/api/tasks/${review.taskIds[0]}/complete`, { result: { acknowledged: true } });
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('completed');
  });

  it('keeps the address of the monthly overview', async () => {
    const url = `/api/employers/${w.A.employerId}/benefit-settings`;
    expect((await call('PUT', url, { reportEmail: 'not an address' })).statusCode).toBe(400);
    expect((await call('PUT', url, { reportEmail: 'hr@a.test' })).json()).toEqual({ employerId: w.A.employerId, reportEmail: 'hr@a.test' });
    expect((await call('GET', url)).json().reportEmail).toBe('hr@a.test');
  });
});

describe('onboarding profiles with an eligibility filter', () => {
  it('store the filter, refuse a bad one, and list the old ones without', async () => {
    const url = `/api/employers/${w.A.employerId}/onboarding-profiles`;
    const bad = await call('POST', url, { name: 'Bad', eligibility: { field: 'nope', equals: 'x' }, plans: [{ planId: w.planId }] }, h.auth);
    expect(bad.statusCode).toBe(400);
    const ok = await call('POST', url, { name: 'Seniors', eligibility: { field: 'age', range: { min: 50 } }, plans: [{ planId: w.planId }] }, h.auth);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().eligibility).toEqual({ field: 'age', range: { min: 50 } });
    const plain = await call('POST', url, { name: 'All', plans: [{ planId: w.planId }] }, h.auth);
    expect(plain.json().eligibility).toBeNull();
  });

  it('enroll a hire only in the profiles whose filter fits them on the hire date (the category rule still holds)', async () => {
    const [senior] = await h.db.insert(plans).values({ supplierId: w.supplierId, name: 'Senior plan', code: `S-${Date.now()}` }).returning();
    const [blue] = await h.db.insert(plans).values({ supplierId: w.supplierId, name: 'Blue plan', code: `BL-${Date.now()}` }).returning();
    const url = `/api/employers/${w.B.employerId}/onboarding-profiles`;
    expect((await call('POST', url, { name: 'Seniors', eligibility: { and: [{ field: 'age', range: { min: 50 } }, { field: 'workSchedulePercent', range: { min: 50 } }] }, plans: [{ planId: senior.id }] }, h.auth)).statusCode).toBe(201);
    expect((await call('POST', url, { name: 'Blue', category: 'blue_collar', plans: [{ planId: blue.id }] }, h.auth)).statusCode).toBe(201);
    const hire = async (employeeNumber: string, birthDate: string, workSchedulePercent: string, category: string) => {
      const { personId } = await recordHire(h.db, { employerId: w.B.employerId, employeeNumber, hireDate: '2026-04-01', category, data: { birthDate, workSchedulePercent } }, 'user:test', Date.now());
      return (await h.db.select({ planId: enrollments.planId }).from(enrollments).where(eq(enrollments.personId, personId))).map((e) => e.planId).sort();
    };
    // 50 on the hire date itself, full time, white collar: the seniors' plan only.
    expect(await hire('H1', '1976-04-01', '100', 'white_collar')).toEqual([senior.id]);
    // 49 on the hire date: not yet.
    expect(await hire('H2', '1976-04-02', '100', 'blue_collar')).toEqual([blue.id]);
    // Old enough but part-time below 50 %.
    expect(await hire('H3', '1960-01-01', '40', 'white_collar')).toEqual([]);
  });
});
