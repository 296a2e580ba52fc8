/**
 * Payroll imports drive insurer messages, end to end through the API: a hire is enrolled by the
 * onboarding profile, a departure ends the enrollment, relevant data changes reach the insurer
 * (a change message, or an automatic resend for a new BSN), irrelevant ones do not — and the
 * simulator processes what it should and rightly rejects the rest.
 */
import { createImportMessageActivities } from '../../activities/messages/from-import';
import { utcDate } from '../../domain/shared/calendar';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import type { Harness} from '../support/harness';
import { uploadForm } from '../support/harness';
import type {
  ApiMessage, ApiWorld} from '../support/message-fixture';
import { api, eventually, getMessage, importPayroll, listMessages, nextBsn, personIdsByEmployeeNumber, simRecords, monthsAgo, useApiWorld } from '../support/message-fixture';

// Month 2 is last month, so every fact date (and send date) already lies in the past.
const M1 = monthsAgo(2);
const M2 = monthsAgo(1);
const ENROLLED_FROM = `${M1}-01`;
const HIRED_ON = `${M2}-10`;
const LEFT_ON = `${M2}-15`;

const FINAL = ['processed', 'rejected', 'send_failed', 'cancelled'];

describe('payroll imports drive insurer messages (API + worker + simulator)', () => {
  let h: Harness;
  let world: ApiWorld;
  useApiWorld((harness, w) => { h = harness; world = w; });

  it('hire, departure, address change and BSN change become the right messages', async () => {
    const { employerId, planId } = world;
    await api(h, 'POST', `/api/employers/${employerId}/onboarding-profiles`, { name: 'Iedereen', plans: [{ planId }] });

    // Month 1 — the employer's first import is the baseline: everybody is already employed, nobody is "hired".
    const bsn = { leaver: nextBsn(), mover: nextBsn(), renumbered: nextBsn(), unknownThere: nextBsn(), bystander: nextBsn(), hire: nextBsn(), corrected: nextBsn() };
    const base = {
      leaver: { employeeNumber: 'E001', nationalId: bsn.leaver, lastName: 'Leaver' },
      mover: { employeeNumber: 'E002', nationalId: bsn.mover, lastName: 'Mover' },
      renumbered: { employeeNumber: 'E003', nationalId: bsn.renumbered, lastName: 'Renumbered' },
      unknownThere: { employeeNumber: 'E004', nationalId: bsn.unknownThere, lastName: 'Loaded' },
      bystander: { employeeNumber: 'E006', nationalId: bsn.bystander, lastName: 'Bystander' },
    };
    const month1 = await importPayroll(h, employerId, canonicalCsv(...Object.values(base).map((p) => personRow(p))), M1);
    expect(month1.changeCounts.hire ?? 0).toBe(0);
    expect(await listMessages(h, employerId)).toEqual([]);
    let ids = await personIdsByEmployeeNumber(h, employerId);
    expect(ids.size).toBe(5);
    const person = (key: keyof typeof base | 'hire') => ids.get(key === 'hire' ? 'E005' : base[key].employeeNumber)!;

    // Three persons enrolled by hand: the insurer processes their enrollments and insures them.
    const enrollmentMessages = new Map<string, string>();
    const enrollmentIds = new Map<string, string>();
    for (const key of ['leaver', 'mover', 'renumbered'] as const) {
      const created = await api(h, 'POST', '/api/enrollments', { personId: person(key), planId, startDate: ENROLLED_FROM });
      expect(created.messages).toEqual([expect.objectContaining({ kind: 'enrollment', status: 'not_sent', warnings: [] })]);
      enrollmentMessages.set(key, created.messages[0].id);
      enrollmentIds.set(key, created.enrollment.id);
    }
    await eventually(() => listMessages(h, employerId), (ms) => ms.length === 3 && ms.every((m) => m.status === 'processed'), 30_000);
    // One more enrolled by the initial enrollment load: no message, so the insurer never heard of them.
    const initial = await h.app.inject({
      method: 'POST', url: `/api/employers/${employerId}/enrollments/import`, headers: h.auth,
      payload: uploadForm(`employeeNumber,planCode,startDate,endDate\n${base.unknownThere.employeeNumber},${world.planCode},${ENROLLED_FROM},\n`, 'enrollments.csv'),
    });
    expect(initial.statusCode).toBe(200);
    expect(initial.json()).toEqual({ created: 1, ended: 0, updated: 0, unchanged: 0, messages: 0 });
    expect(await listMessages(h, employerId)).toHaveLength(3);

    // Month 2: one hire, one departure, an address change, a BSN change, a city change, and changes the insurer does not need.
    const month2 = await importPayroll(h, employerId, canonicalCsv(
      personRow({ ...base.leaver, exitDate: LEFT_ON }),
      personRow({ ...base.mover, street: 'Oudegracht', grossMonthlySalary: '3900.00' }),
      personRow({ ...base.renumbered, nationalId: bsn.corrected }),
      personRow({ ...base.unknownThere, city: 'Amersfoort' }),
      personRow({ employeeNumber: 'E005', nationalId: bsn.hire, lastName: 'Newcomer', hireDate: HIRED_ON }),
      personRow({ ...base.bystander, street: 'Markt' }),
    ), M2);
    expect(month2.changeCounts).toEqual({ hire: 1, departure: 1, change: 5 });
    ids = await personIdsByEmployeeNumber(h, employerId);

    const settled = (ms: ApiMessage[]) => ms.length === 7 && ms.every((m) => FINAL.includes(m.status))
      && ms.some((m) => m.id === enrollmentMessages.get('renumbered') && m.version === 2);
    const all = await eventually(() => listMessages(h, employerId), settled, 45_000);
    const of = (key: keyof typeof base | 'hire', kind: ApiMessage['kind']) => all.filter((m) => m.personId === person(key) && m.kind === kind);
    const importActor = `system:payroll-import:${month2.id}`;

    // The hire: enrolled by the onboarding profile from the hire date; the enrollment message is processed.
    const [hired] = of('hire', 'enrollment');
    expect(hired).toMatchObject({ status: 'processed', version: 1, factDate: HIRED_ON, createdBy: importActor, errorCode: null });
    const hiredEnrollment = await api(h, 'GET', `/api/enrollments/${hired.enrollmentId}`);
    expect(hiredEnrollment).toMatchObject({ personId: person('hire'), planId, startDate: HIRED_ON, endDate: null, source: 'onboarding' });

    // The departure: the enrollment ends on the exit date; the termination is processed (the insurer knew them).
    const [termination] = of('leaver', 'termination');
    expect(termination).toMatchObject({ status: 'processed', factDate: LEFT_ON, createdBy: importActor });
    expect(await api(h, 'GET', `/api/enrollments/${termination.enrollmentId}`)).toMatchObject({ startDate: ENROLLED_FROM, endDate: LEFT_ON });
    expect(of('leaver', 'enrollment')).toEqual([expect.objectContaining({ status: 'processed', version: 1 })]);

    // The new street: a change message naming only the street (not the salary a health insurer does not need);
    // the sent enrollment message is marked "changed since sent", not re-sent.
    // It carries the coverage it concerns (the channel wants coverage.startDate on every message).
    expect(of('mover', 'change')).toEqual([expect.objectContaining({
      status: 'processed', changedFields: ['street'], factDate: `${M2}-01`, createdBy: importActor, enrollmentId: enrollmentIds.get('mover'),
    })]);
    expect(of('mover', 'enrollment')).toEqual([expect.objectContaining({ status: 'processed', version: 1, changedSinceSent: ['street'] })]);

    // The corrected BSN: the enrollment message is re-sent by itself as version 2 (no change message).
    expect(of('renumbered', 'change')).toEqual([]);
    const renumbered = await getMessage(h, enrollmentMessages.get('renumbered')!);
    expect(renumbered).toMatchObject({ status: 'processed', version: 2 });
    expect(renumbered.events).toContainEqual(expect.objectContaining({ version: 2, from: 'processed', to: 'not_sent', cause: 'auto_resend', actor: importActor }));
    expect(renumbered.events.filter((e) => e.version === 2).map((e) => e.to)).toEqual(['not_sent', 'queued', 'sent', 'processed']);

    // Enrolled without a message: the insurer rightly refuses a change for someone it does not insure.
    expect(of('unknownThere', 'change')).toEqual([expect.objectContaining({ status: 'rejected', changedFields: ['city'], errorCode: 'NOT_INSURED' })]);

    // Not enrolled anywhere: their change concerns no supplier.
    expect(all.filter((m) => m.personId === person('bystander'))).toEqual([]);

    // At the insurer: the three first enrollments, and one record for each message (version) of month 2.
    const received = await simRecords(world.sim);
    const summary = received.map((r) => `${r.kind}:${r.version}:${r.status}${r.errorCode ? `:${r.errorCode}` : ''}`).sort();
    expect(summary).toEqual([
      'change:1:processed', 'change:1:rejected:NOT_INSURED',
      'enrollment:1:processed', 'enrollment:1:processed', 'enrollment:1:processed', 'enrollment:1:processed', 'enrollment:2:processed',
      'termination:1:processed',
    ]);
    expect(received.find((r) => r.idempotencyKey === `${renumbered.id}:2`)).toMatchObject({ kind: 'enrollment', status: 'processed' });
    expect(new Set(received.map((r) => r.idempotencyKey)).size).toBe(received.length);

    // The activity retried after its commit (a worker lost before reporting): nothing twice, no second resend.
    const versionsBefore = (await listMessages(h, employerId)).map((m) => `${m.id}:${m.version}`).sort();
    const again = await createImportMessageActivities({ db: h.db, messageWorkflows: h.app.messageWorkflows, cycleWorkflows: h.app.cycleWorkflows })
      // In the `{ today }` shape that workflows started before `{ at }` still pass.
      .createImportMessages({ importId: month2.id, today: utcDate(Date.now()) });
    expect(again).toEqual({ enrolled: 0, ended: 0, created: 0, resent: 0 });
    expect((await listMessages(h, employerId)).map((m) => `${m.id}:${m.version}`).sort()).toEqual(versionsBefore);
  }, 90_000);
});
