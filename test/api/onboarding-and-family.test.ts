/**
 * Enrollment as the users know it, through the API with a worker and the insurer simulator:
 * onboarding profiles (offset, fixed start, update, delete) as the next payroll photo applies
 * them, a hire reported the day it happens, and family members corrected and ended.
 */
import { addDays } from '../../domain/shared/calendar';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import type { ApiWorld } from '../support/message-fixture';
import { api, createApiWorld, eventually, getMessage, importPayroll, listMessages, nextBsn, personIdsByEmployeeNumber } from '../support/message-fixture';

const monthsAgo = (back: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7);
};
const M1 = monthsAgo(2);
const M2 = monthsAgo(1);
const FINAL = ['processed', 'rejected', 'send_failed', 'cancelled'];

let h: Harness;
let world: ApiWorld;
let planB: string;

beforeAll(async () => {
  h = await startHarness({ listen: true });
  world = await createApiWorld(h, { delayMs: 20 });
  planB = (await api(h, 'POST', '/api/plans', { supplierId: world.supplierId, name: 'Aanvullend', code: `AV-${Date.now()}` })).id;
});
afterAll(async () => {
  await world?.sim.app.close();
  await h?.close();
});

const enrollmentsOf = async (personId: string) =>
  ((await api(h, 'GET', `/api/enrollments?personId=${personId}`)).items as { planId: string; startDate: string; source: string }[])
    .map((e) => ({ planId: e.planId, startDate: e.startDate, source: e.source }))
    .sort((a, b) => a.planId.localeCompare(b.planId));
const sorted = <T extends { planId: string }>(xs: T[]) => [...xs].sort((a, b) => a.planId.localeCompare(b.planId));

describe('onboarding profiles', () => {
  it('are updated and deleted; the next photo enrolls hires as they say: the offset after the hire date, or a fixed start', async () => {
    const { employerId, planId } = world;
    const url = `/api/employers/${employerId}/onboarding-profiles`;
    const white = await api(h, 'POST', url, { name: 'Bedienden', category: 'white_collar', plans: [{ planId, startOffsetDays: 30 }] });
    const blue = await api(h, 'POST', url, { name: 'Arbeiders', category: 'blue_collar', plans: [{ planId }] });
    const gone = await api(h, 'POST', url, { name: 'Weg ermee', plans: [{ planId: planB }] });
    expect(white).toMatchObject({ plans: [{ planId, startOffsetDays: 30, startDate: null }], updatedAt: null });

    // Blue collar: plan A from the hire date, and plan B on a fixed start date (later than any hire of M2).
    const fixed = `${M2.slice(0, 4)}-12-31` > `${M2}-28` ? `${M2.slice(0, 4)}-12-31` : `${Number(M2.slice(0, 4)) + 1}-01-01`;
    const updated = await api(h, 'PUT', `${url}/${blue.id}`, { name: 'Arbeiders', category: 'blue_collar', plans: [{ planId }, { planId: planB, startDate: fixed }] });
    expect(updated).toMatchObject({ plans: [{ planId, startOffsetDays: 0, startDate: null }, { planId: planB, startOffsetDays: 0, startDate: fixed }], updatedAt: expect.any(String) });
    expect((await h.app.inject({ method: 'PUT', url: `${url}/${blue.id}`, headers: h.auth, payload: { name: 'X', plans: [{ planId: '00000000-0000-4000-8000-000000000000' }] } })).statusCode).toBe(400);
    expect((await h.app.inject({ method: 'DELETE', url: `${url}/${gone.id}`, headers: h.auth })).statusCode).toBe(204);
    expect((await h.app.inject({ method: 'DELETE', url: `${url}/${gone.id}`, headers: h.auth })).statusCode).toBe(404);
    expect((await api(h, 'GET', url)).items.map((p: { name: string }) => p.name)).toEqual(['Arbeiders', 'Bedienden']);

    const base = { employeeNumber: 'B001', nationalId: nextBsn(), lastName: 'Basis' };
    await importPayroll(h, employerId, canonicalCsv(personRow(base)), M1);
    const clerk = { employeeNumber: 'B002', nationalId: nextBsn(), lastName: 'Klerk', category: 'white_collar', hireDate: `${M2}-10` };
    const worker = { employeeNumber: 'B003', nationalId: nextBsn(), lastName: 'Werker', category: 'blue_collar', hireDate: `${M2}-12` };
    const m2 = await importPayroll(h, employerId, canonicalCsv(personRow(base), personRow(clerk), personRow(worker)), M2);
    expect(m2.changeCounts.hire).toBe(2);
    const ids = await personIdsByEmployeeNumber(h, employerId);
    // The offset: 30 days after the hire date, not the hire date; the deleted profile's plan B for nobody but via the fixed start.
    expect(await enrollmentsOf(ids.get('B002')!)).toEqual([{ planId, startDate: addDays(`${M2}-10`, 30), source: 'onboarding' }]);
    expect(await enrollmentsOf(ids.get('B003')!)).toEqual(sorted([
      { planId, startDate: `${M2}-12`, source: 'onboarding' }, { planId: planB, startDate: fixed, source: 'onboarding' },
    ]));
  });
});

describe('a hire reported the day it happens', () => {
  it('creates the person and their onboarding enrollments with messages; again, or in the next photo, nothing doubles', async () => {
    const { employerId, planId } = world;
    const hireDate = addDays(new Date().toISOString().slice(0, 10), -2);
    const bsn = nextBsn();
    const body = {
      employeeNumber: 'H001', hireDate, category: 'white_collar', nationalId: bsn, lastName: 'Nieuw', firstName: 'Noor', initials: 'N.',
      birthDate: '1995-05-05', gender: 'F', nationality: 'NL', street: 'Dorpsstraat', houseNumber: '1', postalCode: '1234AB', city: 'Ede', country: 'NL',
    };
    const bad = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/hires`, headers: h.auth, payload: { ...body, nationalId: '123456789' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('body.nationalId');
    expect(bad.body).not.toContain('123456789');

    const first = await api(h, 'POST', `/api/employers/${employerId}/hires`, body, 201);
    expect(first.person).toMatchObject({ employeeNumber: 'H001', status: 'active', data: { hireDate, category: 'white_collar', lastName: 'Nieuw' } });
    expect(first.messages).toHaveLength(1);
    const personId = first.person.id;
    expect(await enrollmentsOf(personId)).toEqual([{ planId, startDate: addDays(hireDate, 30), source: 'onboarding' }]);
    const again = await api(h, 'POST', `/api/employers/${employerId}/hires`, body, 200);
    expect(again.messages).toEqual([]);
    expect(await enrollmentsOf(personId)).toHaveLength(1);
    const message = await getMessage(h, first.messages[0].id);
    expect(message).toMatchObject({ kind: 'enrollment', personId, factDate: addDays(hireDate, 30) });

    // The next photo shows the same person: enrolled once.
    const m3 = monthsAgo(0);
    const rows = ['B001', 'B002', 'B003'].map((n) => ({ employeeNumber: n }));
    const ids = await personIdsByEmployeeNumber(h, employerId);
    const current = await Promise.all(rows.map(async (r) => (await api(h, 'GET', `/api/persons/${ids.get(r.employeeNumber)}`)).data));
    const csv = canonicalCsv(...current.map((d: Record<string, string>) => personRow(Object.fromEntries(Object.entries(d).filter(([, v]) => v !== null)) as Record<string, string>)),
      personRow({ employeeNumber: 'H001', nationalId: bsn, lastName: 'Nieuw', category: 'white_collar', hireDate }));
    const imported = await importPayroll(h, employerId, csv, m3);
    // Known since the hire event: no hire in the photo (the payroll's data now replaces what HR gave), no second enrollment.
    expect(imported.changeCounts.hire ?? 0).toBe(0);
    expect((await personIdsByEmployeeNumber(h, employerId)).get('H001')).toBe(personId);
    expect(await enrollmentsOf(personId)).toHaveLength(1);
    expect((await listMessages(h, employerId)).filter((m) => m.personId === personId && m.kind === 'enrollment')).toHaveLength(1);
  });
});

describe('family members', () => {
  it('a covered partner\'s correction reaches the insurer like the person\'s own; ending them ends their cover', async () => {
    const { employerId, planId } = world;
    const ids = await personIdsByEmployeeNumber(h, employerId);
    const personId = ids.get('B001')!;
    const partner = await api(h, 'POST', `/api/persons/${personId}/family-members`, { relation: 'partner', lastName: 'Partner', firstName: 'Pim', birthDate: '1986-02-02', gender: 'M', nationalId: nextBsn() });
    expect(partner).toMatchObject({ endDate: null });
    const start = addDays(new Date().toISOString().slice(0, 10), -5);
    const created = await api(h, 'POST', '/api/enrollments', { personId, planId, startDate: start, familyMemberId: partner.id });
    const enrollmentMessage = created.messages[0].id;
    await eventually(() => getMessage(h, enrollmentMessage), (m) => FINAL.includes(m.status), 30_000);

    // A new last name: the sent enrollment is marked, and the insurer gets a change message for the partner's cover.
    const renamed = await api(h, 'PATCH', `/api/family-members/${partner.id}`, { lastName: 'Anders' });
    expect(renamed).toMatchObject({ lastName: 'Anders', resent: 0, messages: [{ kind: 'change' }] });
    const change = await getMessage(h, renamed.messages[0].id);
    expect(change).toMatchObject({ kind: 'change', changedFields: ['lastName'], enrollmentId: created.enrollment.id, personId });
    expect((await getMessage(h, enrollmentMessage)).changedSinceSent).toEqual(['lastName']);

    // A corrected national id re-sends the enrollment as a new version by itself.
    const fixedId = await api(h, 'PATCH', `/api/family-members/${partner.id}`, { nationalId: nextBsn() });
    expect(fixedId).toMatchObject({ resent: 1, messages: [] });
    expect((await getMessage(h, enrollmentMessage)).version).toBe(2);
    // The same data again changes nothing.
    expect(await api(h, 'PATCH', `/api/family-members/${partner.id}`, { lastName: 'Anders' })).toMatchObject({ resent: 0, messages: [] });

    // Ended (a divorce): the partner's cover ends on that day, with a termination message.
    const endDate = addDays(start, 3);
    expect((await h.app.inject({ method: 'PATCH', url: `/api/family-members/${partner.id}`, headers: h.auth, payload: { endDate: addDays(start, -1) } })).statusCode).toBe(409);
    const ended = await api(h, 'PATCH', `/api/family-members/${partner.id}`, { endDate });
    expect(ended).toMatchObject({ endDate, messages: [{ kind: 'termination' }] });
    expect(await api(h, 'GET', `/api/enrollments/${created.enrollment.id}`)).toMatchObject({ endDate });
    expect((await api(h, 'GET', `/api/persons/${personId}/family-members`)).items[0]).toMatchObject({ id: partner.id, endDate, lastName: 'Anders' });
    expect((await h.app.inject({ method: 'PATCH', url: '/api/family-members/00000000-0000-4000-8000-000000000000', headers: h.auth, payload: { lastName: 'X' } })).statusCode).toBe(404);
  });
});
