/**
 * What the monthly cycle asks HR beyond messages: confirmations for suppliers that hear only
 * through the monthly report (per employer × supplier), a task per missing person, and the
 * effective date of a change the payroll does not date.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { reportLines } from '../../../activities/reports/cycle-reports';
import { enrollments, messages, payrollChanges, payrollImports, tasks } from '../../../db/schema';
import type { Harness } from '../../support/harness';
import { createEmployer, startHarness } from '../../support/harness';
import { insertPerson } from '../../support/enrollment-fixture';
import { cycleSteps } from '../../support/cycle-fixture';

describe('cycle classification', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ worker: false }); });
  afterAll(async () => { await h.close(); });

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await h.app.inject({ method, url, headers: h.auth, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  /** A supplier reached only through the monthly report, linked to the employer, with one plan. */
  const reportOnly = async (employerId: string, name: string, link: Record<string, unknown> = {}) => {
    const supplier = await call('POST', '/api/suppliers', { name, kind: 'external', channel: { transport: 'none' } });
    const plan = await call('POST', '/api/plans', { supplierId: supplier.id, name: 'Lease', code: `L-${randomUUID().slice(0, 6)}` });
    const linked = await call('POST', `/api/employers/${employerId}/suppliers`, { supplierId: supplier.id, collectiveNumber: 'L-1', startDate: '2020-01-01', ...link });
    return { supplierId: supplier.id as string, planId: plan.id as string, link: linked };
  };
  const newImport = async (employerId: string, period: string) => {
    const id = randomUUID();
    await h.db.insert(payrollImports).values({ id, employerId, period, fileName: 'p.csv', fileSha256: id, fileSize: 1, uploadedBy: 't', workflowId: `w-${id}`, status: 'completed', completedAt: new Date(), messagesCreatedAt: new Date() });
    return id;
  };
  const change = async (importId: string, employerId: string, personId: string, c: { kind: 'change' | 'missing'; field?: string; supplierIds?: string[] }) => {
    const [row] = await h.db.insert(payrollChanges).values({
      importId, employerId, personId, employeeNumber: 'x', kind: c.kind, field: c.field ?? null, oldValue: c.kind === 'change' ? '100' : null, newValue: c.kind === 'change' ? '80' : null, supplierIds: c.supplierIds ?? [],
    }).returning({ id: payrollChanges.id });
    return row.id;
  };
  const lineKeys = async (employerId: string, supplierId: string, importId: string) =>
    (await reportLines(h.db, employerId, supplierId, importId, '2026-10', 'L-1')).map((l) => `${l.kind}:${(l.person as Record<string, string>).employeeNumber}:${l.effectiveDate}`).sort();

  it('GET and the first PUT of report settings agree on the default confirmation kinds', async () => {
    const supplier = await call('POST', '/api/suppliers', { name: 'Nieuw', kind: 'external', channel: { transport: 'none' } });
    const before = await call('GET', `/api/suppliers/${supplier.id}/report-settings`);
    const put = await call('PUT', `/api/suppliers/${supplier.id}/report-settings`, { delivery: { transport: 'download' } });
    expect(put.confirmKinds).toEqual(before.confirmKinds);
    expect((await call('GET', `/api/suppliers/${supplier.id}/report-settings`)).confirmKinds).toEqual(before.confirmKinds);
  });

  it('asks the employer to confirm report lines, per employer × supplier, and leaves a declined one out with its reason', async () => {
    const employerId = await createEmployer(h, { companyNumber: '12345678' });
    const lease = await reportOnly(employerId, 'Leasemaatschappij');
    await call('PUT', `/api/suppliers/${lease.supplierId}/report-settings`, { confirmKinds: ['enrollment', 'change'] });
    // This employer confirms terminations with the fuel card issuer, whatever the issuer's own setting (none).
    const fuel = await reportOnly(employerId, 'Tankpas', { confirmKinds: ['termination'] });
    expect(fuel.link).toMatchObject({ confirmKinds: ['termination'], effectiveConfirmKinds: ['termination'] });
    const links = await call('GET', `/api/employers/${employerId}/suppliers`);
    expect(links.items.find((l: { supplierId: string }) => l.supplierId === lease.supplierId)).toMatchObject({ confirmKinds: null, effectiveConfirmKinds: ['enrollment', 'change'] });

    const kept = await insertPerson(h, employerId, 'K1');
    const declined = await insertPerson(h, employerId, 'D1');
    const [keptEnrollment] = await h.db.insert(enrollments).values({ personId: kept, planId: lease.planId, startDate: '2026-10-01' }).returning();
    const [declinedEnrollment] = await h.db.insert(enrollments).values({ personId: declined, planId: lease.planId, startDate: '2026-10-10' }).returning();
    const [ending] = await h.db.insert(enrollments).values({ personId: kept, planId: fuel.planId, startDate: '2025-01-01', endDate: '2026-10-31' }).returning();
    const importId = await newImport(employerId, '2026-10');
    await change(importId, employerId, kept, { kind: 'change', field: 'street', supplierIds: [lease.supplierId] });

    const steps = cycleSteps(h);
    const { cycleId, counts } = await steps.classify(employerId, '2026-10', importId);
    const made = await h.db.select().from(tasks).where(eq(tasks.cycleId, cycleId));
    const subjects = made.map((t) => [t.kind, (t.subject as { enrollmentId?: string; personId?: string; supplierId?: string }).enrollmentId ?? (t.subject as { personId: string }).personId]).sort();
    expect(subjects).toEqual([
      ['confirm_change', kept], ['confirm_enrollment', declinedEnrollment.id], ['confirm_enrollment', keptEnrollment.id], ['confirm_termination', ending.id],
    ].sort());
    expect(counts).toMatchObject({ confirm_enrollment: 2, confirm_change: 1, confirm_termination: 1 });
    // Not confirmed yet: not in the report.
    expect(await lineKeys(employerId, lease.supplierId, importId)).toEqual([]);

    const task = (kind: string, id: string) => made.find((t) => t.kind === kind && Object.values(t.subject as object).includes(id))!;
    await steps.complete(task('confirm_enrollment', keptEnrollment.id).id, { confirm: true, startDate: '2026-10-02' });
    await steps.complete(task('confirm_enrollment', declinedEnrollment.id).id, { confirm: false, reason: 'no lease car after all' });
    await steps.complete(task('confirm_change', kept).id, { confirm: false, reason: 'the move is next month' });
    await steps.complete(task('confirm_termination', ending.id).id, { confirm: true });
    expect(await lineKeys(employerId, lease.supplierId, importId)).toEqual(['enrollment:K1:2026-10-02']);
    expect(await lineKeys(employerId, fuel.supplierId, importId)).toEqual(['termination:K1:2026-10-31']);
    const [declinedTask] = await h.db.select().from(tasks).where(eq(tasks.id, task('confirm_enrollment', declinedEnrollment.id).id));
    expect(declinedTask).toMatchObject({ status: 'declined', result: { confirm: false, reason: 'no lease car after all' } });
  });

  it('makes a missing person a task for HR and asks the effective date of a change the payroll does not date', async () => {
    const employerId = await createEmployer(h, { companyNumber: '12345678' });
    const lease = await reportOnly(employerId, 'Leasemaatschappij');
    const working = await insertPerson(h, employerId, 'W1');
    const gone = await insertPerson(h, employerId, 'M1');
    const importId = await newImport(employerId, '2026-10');
    const scheduleChange = await change(importId, employerId, working, { kind: 'change', field: 'workSchedulePercent', supplierIds: [lease.supplierId] });
    await change(importId, employerId, working, { kind: 'change', field: 'street', supplierIds: [lease.supplierId] });
    await change(importId, employerId, gone, { kind: 'missing' });
    // A change message of the import for the schedule, still waiting for the cycle (not started before its tasks are done).
    const [m] = await h.db.insert(messages).values({
      employerId, supplierId: lease.supplierId, personId: working, kind: 'change', status: 'not_sent', factDate: '2026-10-01', sendDate: '2026-10-02',
      changedFields: ['workSchedulePercent'], createdBy: 'test', importId,
    }).returning();

    const steps = cycleSteps(h);
    const { cycleId, counts } = await steps.classify(employerId, '2026-10', importId);
    expect(counts).toMatchObject({ review_missing: 1, complete_effective_date: 1 });
    const made = await h.db.select().from(tasks).where(eq(tasks.cycleId, cycleId));
    const missing = made.find((t) => t.kind === 'review_missing')!;
    const dated = made.find((t) => t.kind === 'complete_effective_date')!;
    expect(missing.subject).toMatchObject({ personId: gone });
    expect(dated.subject).toMatchObject({ personId: working, field: 'workSchedulePercent', changeId: scheduleChange });

    // Before HR answers, the report would take the period's first day; the answer replaces it.
    await steps.complete(dated.id, { value: '2026-10-15' });
    expect(await lineKeys(employerId, lease.supplierId, importId)).toEqual(['change:W1:2026-10-01', 'change:W1:2026-10-15']);
    const [after] = await h.db.select().from(messages).where(eq(messages.id, m.id));
    expect(after.factDate).toBe('2026-10-15');
    await steps.complete(missing.id, { acknowledged: true });
    const open = await h.db.select().from(tasks).where(and(eq(tasks.cycleId, cycleId), eq(tasks.status, 'open')));
    expect(open).toEqual([]);
  });

  it('refuses an effective date that is not a date, through the API', async () => {
    const employerId = await createEmployer(h, { companyNumber: '12345678' });
    const working = await insertPerson(h, employerId, 'W2');
    const importId = await newImport(employerId, '2026-10');
    await change(importId, employerId, working, { kind: 'change', field: 'salaryClass', supplierIds: [randomUUID()] });
    const { cycleId } = await cycleSteps(h).classify(employerId, '2026-10', importId);
    const [t] = await h.db.select().from(tasks).where(eq(tasks.cycleId, cycleId));
    const res = await h.app.inject({ method: 'POST', url: `/api/tasks/${t.id}/complete`, headers: h.auth, payload: { result: { value: 'next week' } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('yyyy-mm-dd');
  });

  it('completes several tasks at once, each on its own: one that cannot be done stays open, the others are done', async () => {
    const employerId = await createEmployer(h, { companyNumber: '12345678' });
    const working = await insertPerson(h, employerId, 'W3');
    const gone = await insertPerson(h, employerId, 'M3');
    const importId = await newImport(employerId, '2026-10');
    await change(importId, employerId, working, { kind: 'change', field: 'workSchedulePercent', supplierIds: [randomUUID()] });
    await change(importId, employerId, gone, { kind: 'missing' });
    const steps = cycleSteps(h);
    const { cycleId } = await steps.classify(employerId, '2026-10', importId);
    const made = await h.db.select().from(tasks).where(eq(tasks.cycleId, cycleId));
    const missing = made.find((t) => t.kind === 'review_missing')!;
    const dated = made.find((t) => t.kind === 'complete_effective_date')!;
    // A data task about a person who is not there: applying it fails (a fault, tried twice), and it stays open.
    const [broken] = await h.db.insert(tasks).values({
      cycleId, employerId, kind: 'complete_data', subject: { personId: randomUUID(), field: 'street' }, dueAt: new Date(Date.now() + 86_400_000),
    }).returning();

    const { statuses } = await steps.completeAll([
      { taskId: broken.id, result: { value: 'Kerkstraat' } },
      { taskId: dated.id, result: { value: '2026-10-15' }, answerId: randomUUID() },
      { taskId: missing.id, result: { acknowledged: true } },
    ]);
    // The dated task's answer is not its own (InvalidTaskResult): open, like the broken one; the missing person's is done.
    expect(statuses).toEqual({ [broken.id]: 'open', [dated.id]: 'open', [missing.id]: 'completed' });
    const after = new Map((await h.db.select().from(tasks).where(eq(tasks.cycleId, cycleId))).map((t) => [t.id, t.status]));
    expect([after.get(broken.id), after.get(dated.id), after.get(missing.id)]).toEqual(['open', 'open', 'completed']);
    // Every one failing on a fault: the activity fails (and its retry tries them again).
    await expect(steps.completeAll([{ taskId: broken.id, result: { value: 'Kerkstraat' } }])).rejects.toThrow();
  });
});
