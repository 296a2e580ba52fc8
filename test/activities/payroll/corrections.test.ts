/**
 * HR's corrections survive payroll imports: the correction stays in the person's data, an
 * import bringing another value flags "payroll differs from the correction" (a task for HR),
 * the flag goes by itself when the payroll agrees, and no change of a corrected field reaches
 * a supplier.
 */
import { and, eq } from 'drizzle-orm';
import { payrollChanges, persons, personCorrections, tasks } from '../../../db/schema';
import type { Harness } from '../../support/harness';
import { createEmployer, startHarness } from '../../support/harness';
import { canonicalCsv, personRow } from '../../support/canonical-csv';
import { cycleSteps, importPeriod } from '../../support/cycle-fixture';

describe('HR corrections across payroll imports', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ worker: false }); });
  afterAll(async () => { await h.close(); });

  const photo = (over: Record<string, string>) => canonicalCsv(personRow({ employeeNumber: 'C1', ...over }), personRow({ employeeNumber: 'C2', nationalId: '123456782' }));
  const personOf = async (employerId: string) => (await h.db.select().from(persons).where(and(eq(persons.employerId, employerId), eq(persons.employeeNumber, 'C1'))))[0];
  const changesOf = async (importId: string) => (await h.db.select({ kind: payrollChanges.kind, field: payrollChanges.field }).from(payrollChanges)
    .where(eq(payrollChanges.importId, importId))).map((c) => `${c.kind}:${c.field}`).sort();
  const get = async (personId: string) => {
    const res = await h.app.inject({ method: 'GET', url: `/api/persons/${personId}`, headers: h.auth });
    expect(res.statusCode).toBe(200);
    return res.json() as { data: Record<string, string>; corrections: { field: string; value: string; payrollDiffers: boolean; payrollValue: string | null }[] };
  };

  it('keeps the correction, flags a differing payroll for HR, and lets the flag go when the payroll agrees', async () => {
    const employerId = await createEmployer(h);
    await importPeriod(h, employerId, photo({}), '2026-08');
    const { id: personId } = await personOf(employerId);
    const patched = await h.app.inject({ method: 'PATCH', url: `/api/persons/${personId}`, headers: h.auth, payload: { street: 'Domplein' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().corrections).toEqual([expect.objectContaining({ field: 'street', value: 'Domplein', payrollDiffers: false })]);

    // September: the payroll still has the old street, and a new salary: the row is rewritten, the correction stays.
    const sep = await importPeriod(h, employerId, photo({ grossMonthlySalary: '3600.00' }), '2026-09');
    expect((await get(personId)).data).toMatchObject({ street: 'Domplein', grossMonthlySalary: '3600' });
    expect(await changesOf(sep)).toEqual(['change:grossMonthlySalary']);

    // October: the payroll brings yet another street: ours stays, the difference is flagged, nothing of it is a change.
    const oct = await importPeriod(h, employerId, photo({ grossMonthlySalary: '3600.00', street: 'Stationsweg' }), '2026-10');
    const flagged = await get(personId);
    expect(flagged.data.street).toBe('Domplein');
    expect(flagged.corrections).toEqual([expect.objectContaining({ field: 'street', value: 'Domplein', payrollDiffers: true, payrollValue: 'Stationsweg' })]);
    expect(await changesOf(oct)).toEqual([]);

    // The cycle asks HR; "keep ours" acknowledges the payroll's value, which then no longer flags.
    const steps = cycleSteps(h);
    const classified = await steps.classify(employerId, '2026-10', oct);
    const [task] = await h.db.select().from(tasks).where(and(eq(tasks.cycleId, classified.cycleId), eq(tasks.kind, 'resolve_correction')));
    expect(task.subject).toMatchObject({ personId, field: 'street' });
    expect(JSON.stringify(task.subject)).not.toContain('Stationsweg');
    await steps.complete(task.id, { resolution: 'keep_ours' });
    expect((await get(personId)).corrections[0]).toMatchObject({ payrollDiffers: false });
    await importPeriod(h, employerId, photo({ grossMonthlySalary: '3700.00', street: 'Stationsweg' }), '2026-11');
    expect((await get(personId)).corrections[0]).toMatchObject({ value: 'Domplein', payrollDiffers: false });
    expect((await get(personId)).data.street).toBe('Domplein');

    // December: the payroll brings another street again (flagged), then January agrees with HR: the correction ends, its open task with it.
    const dec = await importPeriod(h, employerId, photo({ grossMonthlySalary: '3700.00', street: 'Markt' }), '2026-12');
    expect((await get(personId)).corrections[0]).toMatchObject({ payrollDiffers: true, payrollValue: 'Markt' });
    const decCycle = await steps.classify(employerId, '2026-12', dec);
    const [open] = await h.db.select().from(tasks).where(and(eq(tasks.cycleId, decCycle.cycleId), eq(tasks.kind, 'resolve_correction')));
    expect(open.status).toBe('open');
    const jan = await importPeriod(h, employerId, photo({ grossMonthlySalary: '3700.00', street: 'Domplein' }), '2027-01');
    expect((await get(personId)).corrections).toEqual([]);
    expect((await get(personId)).data.street).toBe('Domplein');
    expect(await changesOf(jan)).toEqual([]);
    const [closed] = await h.db.select().from(tasks).where(eq(tasks.id, open.id));
    expect(closed.status).toBe('cancelled');
  });

  it('takes the payroll\'s value when HR says so', async () => {
    const employerId = await createEmployer(h);
    await importPeriod(h, employerId, photo({}), '2026-08');
    const { id: personId } = await personOf(employerId);
    await h.app.inject({ method: 'PATCH', url: `/api/persons/${personId}`, headers: h.auth, payload: { city: 'Amersfoort' } });
    const sep = await importPeriod(h, employerId, photo({ city: 'Zeist' }), '2026-09');
    const steps = cycleSteps(h);
    const { cycleId } = await steps.classify(employerId, '2026-09', sep);
    const [task] = await h.db.select().from(tasks).where(and(eq(tasks.cycleId, cycleId), eq(tasks.kind, 'resolve_correction')));
    await steps.complete(task.id, { resolution: 'take_payroll' });
    const after = await get(personId);
    expect(after.data.city).toBe('Zeist');
    expect(after.corrections).toEqual([]);
    expect(await h.db.select().from(personCorrections).where(eq(personCorrections.personId, personId))).toEqual([]);
  });
});
