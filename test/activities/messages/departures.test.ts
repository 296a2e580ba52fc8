/**
 * A departure in a payroll import ends the person's enrollments that run past the exit date, in
 * one statement: each boundary of "runs past" and "started by then", and no one else's enrollment.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { eq, inArray } from 'drizzle-orm';
import type { ImportMessagesOutcome } from '../../../activities/messages/from-import';
import { createImportMessageActivities } from '../../../activities/messages/from-import';
import { enrollments, messages, payrollChanges, persons } from '../../../db/schema';
import { workflowClients } from '../../../infra/workflow-clients';
import type { Harness } from '../../support/harness';
import { startHarness } from '../../support/harness';
import { createSetup } from '../../support/enrollment-fixture';
import { canonicalCsv, personRow } from '../../support/canonical-csv';
import { importPeriod } from '../../support/cycle-fixture';

let h: Harness;
beforeAll(async () => { h = await startHarness({ worker: false }); });
afterAll(async () => { await h.close(); });

test('a departure ends, on the exit date, the enrollments open or ending later, and only those', async () => {
  const s = await createSetup(h);
  const stay = { employeeNumber: 'S1', nationalId: '123456782' };
  const leave = { employeeNumber: 'L1' };
  const august = await importPeriod(h, s.employerId, canonicalCsv(personRow(leave), personRow(stay)), '2026-08');
  const people = await h.db.select({ id: persons.id, number: persons.employeeNumber }).from(persons).where(eq(persons.employerId, s.employerId));
  const id = (n: string) => people.find((p) => p.number === n)!.id;
  const enroll = async (personId: string, startDate: string, endDate: string | null) =>
    (await h.db.insert(enrollments).values({ personId, planId: s.planId, startDate, endDate, source: 'manual' }).returning())[0].id;
  const open = await enroll(id('L1'), '2020-01-01', null);
  const later = await enroll(id('L1'), '2020-01-01', '2030-12-31');
  const onTheDay = await enroll(id('L1'), '2020-01-01', '2026-09-15');
  const before = await enroll(id('L1'), '2020-01-01', '2026-06-30');
  const startsOnExit = await enroll(id('L1'), '2026-09-15', null);
  const startsAfter = await enroll(id('L1'), '2026-10-01', null);
  const someoneElse = await enroll(id('S1'), '2020-01-01', null);

  // S1 stays: a street change (a change row whose value is no date), and departure rows that must not count:
  // one of another import, two without an exit date.
  const importId = await importPeriod(h, s.employerId, canonicalCsv(personRow({ ...leave, exitDate: '2026-09-15' }), personRow({ ...stay, street: 'Nieuwe Gracht 12' })), '2026-09');
  const departureOfS1 = (importOf: string, newValue: string | null) => ({ importId: importOf, employerId: s.employerId, personId: id('S1'), employeeNumber: 'S1', kind: 'departure' as const, field: 'exitDate', newValue });
  await h.db.insert(payrollChanges).values([departureOfS1(august, '2026-09-01'), departureOfS1(importId, null), departureOfS1(importId, '')]);
  const activities = createImportMessageActivities({ db: h.db, ...workflowClients(h.client, h.taskQueue) });
  const outcome = await new MockActivityEnvironment().run(activities.createImportMessages, { importId, today: '2026-09-20' }) as ImportMessagesOutcome;

  const ends = new Map((await h.db.select({ id: enrollments.id, endDate: enrollments.endDate }).from(enrollments)
    .where(inArray(enrollments.id, [open, later, onTheDay, before, startsOnExit, startsAfter, someoneElse]))).map((e) => [e.id, e.endDate]));
  expect(Object.fromEntries(Object.entries({ open, later, onTheDay, before, startsOnExit, startsAfter, someoneElse }).map(([k, v]) => [k, ends.get(v)]))).toEqual({
    open: '2026-09-15', later: '2026-09-15', onTheDay: '2026-09-15', before: '2026-06-30', startsOnExit: '2026-09-15', startsAfter: null, someoneElse: null,
  });
  // A termination message for each enrollment it ended (the supplier takes messages), none for the rest.
  expect(outcome.ended).toBe(3);
  const made = await h.db.select({ kind: messages.kind, enrollmentId: messages.enrollmentId, factDate: messages.factDate }).from(messages).where(eq(messages.importId, importId));
  expect(made.filter((m) => m.kind === 'termination').map((m) => m.enrollmentId).sort()).toEqual([open, later, startsOnExit].sort());
  expect(made.every((m) => m.kind !== 'termination' || m.factDate === '2026-09-15')).toBe(true);
});
