/**
 * Hires enrolled by the onboarding profiles that fit them, many at once as an import does: each
 * plan once per person however many profiles name it (the first profile's start), none where the
 * person is already openly enrolled, the category respected, the ids in hire order.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { onboardHires } from '../../../activities/enrollments/hire';
import { enrollments, onboardingProfiles, persons, plans } from '../../../db/schema';
import type { Harness } from '../../support/harness';
import { startHarness } from '../../support/harness';
import { createSetup } from '../../support/enrollment-fixture';
import { canonicalCsv, personRow } from '../../support/canonical-csv';
import { importPeriod } from '../../support/cycle-fixture';

let h: Harness;
beforeAll(async () => { h = await startHarness({ worker: false }); });
afterAll(async () => { await h.close(); });

test('each plan once per hire, the first fitting profile\'s start, nothing already open, by category', async () => {
  const s = await createSetup(h);
  const [second] = await h.db.insert(plans).values({ supplierId: s.supplierId, name: 'Aanvullend', code: `P2-${randomUUID().slice(0, 8)}` }).returning();
  await importPeriod(h, s.employerId, canonicalCsv(
    personRow({ employeeNumber: 'W1', category: 'white_collar' }),
    personRow({ employeeNumber: 'W2', category: 'white_collar', nationalId: '123456782' }),
    personRow({ employeeNumber: 'B1', category: 'blue_collar', nationalId: '111222333' }),
  ), '2026-08');
  const people = await h.db.select({ id: persons.id, number: persons.employeeNumber }).from(persons).where(eq(persons.employerId, s.employerId));
  const id = (n: string) => people.find((p) => p.number === n)!.id;
  const profiles = await h.db.insert(onboardingProfiles).values([
    { employerId: s.employerId, name: 'Bedienden', category: 'white_collar', plans: [{ planId: s.planId, startOffsetDays: 30 }] },
    { employerId: s.employerId, name: 'Iedereen', plans: [{ planId: s.planId, startOffsetDays: 0 }, { planId: second.id, startOffsetDays: 0, startDate: '2026-10-01' }] },
  ]).returning();
  // W2 is already openly enrolled in the first plan.
  const [already] = await h.db.insert(enrollments).values({ personId: id('W2'), planId: s.planId, startDate: '2026-01-01', source: 'manual' }).returning();

  const ids = await h.db.transaction((tx) => onboardHires(tx, profiles, [
    { personId: id('W1'), hireDate: '2026-09-01', category: 'white_collar' },
    { personId: id('W2'), hireDate: '2026-09-01', category: 'white_collar' },
    { personId: id('B1'), hireDate: '2026-09-10', category: 'blue_collar' },
  ]));
  const made = await h.db.select({ id: enrollments.id, personId: enrollments.personId, planId: enrollments.planId, startDate: enrollments.startDate, source: enrollments.source })
    .from(enrollments).where(inArray(enrollments.id, ids));
  const byId = new Map(made.map((e) => [e.id, e]));
  const plan = (planId: string) => (planId === s.planId ? 'basis' : 'aanvullend');
  expect(ids.map((i) => byId.get(i)!).map((e) => [people.find((p) => p.id === e.personId)!.number, plan(e.planId), e.startDate, e.source])).toEqual([
    ['W1', 'basis', '2026-10-01', 'onboarding'], // "Bedienden" first: hire + 30 days; "Iedereen" names the plan again
    ['W1', 'aanvullend', '2026-10-01', 'onboarding'],
    ['W2', 'aanvullend', '2026-10-01', 'onboarding'], // the basis plan is already open
    ['B1', 'basis', '2026-09-10', 'onboarding'], // not a white-collar: "Iedereen" only
    ['B1', 'aanvullend', '2026-10-01', 'onboarding'],
  ]);
  expect((await h.db.select().from(enrollments).where(eq(enrollments.personId, id('W2')))).map((e) => e.id)).toContain(already.id);
  // The same hires again: everything is open now, nothing is added.
  expect(await h.db.transaction((tx) => onboardHires(tx, profiles, [{ personId: id('W1'), hireDate: '2026-09-01', category: 'white_collar' }]))).toEqual([]);
});
