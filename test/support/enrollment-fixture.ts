import { randomUUID } from 'node:crypto';
import type { Harness} from './harness';
import { createEmployer } from './harness';
import { eq } from 'drizzle-orm';
import { enrollments, persons, plans } from '../../db/schema';
import { addDays, employerToday } from '../../domain/shared/calendar';

/** Today for the test employers (all Dutch): the date the API assesses messages for. */
export const todayIso = () => employerToday('NL', Date.now());
export const daysFromToday = (n: number) => addDays(todayIso(), n);

/** Canonical data of a complete person (valid BSN); override or blank fields per test. */
const PERSON_DATA: Record<string, string | null> = {
  nationalId: '123456782', lastName: 'Jansen', firstName: 'Anna', initials: 'A.', birthDate: '1985-04-12', gender: 'F',
  nationality: 'NL', street: 'Kerkstraat', houseNumber: '1', postalCode: '3511CD', city: 'Utrecht', country: 'NL',
  hireDate: '2020-01-01', category: 'white_collar',
};

/** A person written straight into the table (no import, so no worker needed). */
export async function insertPerson(h: Harness, employerId: string, employeeNumber: string, data: Record<string, string | null> = {}): Promise<string> {
  const [row] = await h.db.insert(persons).values({
    employerId, employeeNumber, data: { employeeNumber, ...PERSON_DATA, ...data }, status: 'active', lastImportId: randomUUID(),
  }).returning({ id: persons.id });
  return row.id;
}

export interface Setup {
  employerId: string;
  supplierId: string;
  planId: string;
  planCode: string;
}

/**
 * An employer with a KvK number, a health insurer reached over HTTP (with credentials),
 * linked with `deliverFrom`, and one plan with a code unique to this setup.
 */
export async function createSetup(h: Harness, opts: { deliverFrom?: string; transport?: 'http' | 'none' } = {}): Promise<Setup> {
  const employerId = await createEmployer(h, { companyNumber: '12345678' });
  const channel = opts.transport === 'none' ? { transport: 'none' } : { transport: 'http', baseUrl: 'http://127.0.0.1:9/insurer' };
  const supplier = await h.app.inject({
    method: 'POST', url: '/api/suppliers', headers: h.auth,
    payload: { name: 'Zorgverzekeraar', kind: 'health_insurer', channel, ...(opts.transport === 'none' ? {} : { credentials: { apiKey: 'k-123' } }) },
  });
  if (supplier.statusCode !== 201) throw new Error(`supplier: ${supplier.statusCode} ${supplier.body}`);
  const supplierId = supplier.json().id;
  const planCode = `P-${randomUUID().slice(0, 8)}`;
  const plan = await h.app.inject({ method: 'POST', url: '/api/plans', headers: h.auth, payload: { supplierId, name: 'Basis', code: planCode } });
  if (plan.statusCode !== 201) throw new Error(`plan: ${plan.statusCode} ${plan.body}`);
  const link = await h.app.inject({
    method: 'POST', url: `/api/employers/${employerId}/suppliers`, headers: h.auth,
    payload: { supplierId, collectiveNumber: 'C-1', startDate: '2020-01-01', deliverFrom: opts.deliverFrom ?? '2020-01-01' },
  });
  if (link.statusCode !== 201) throw new Error(`link: ${link.statusCode} ${link.body}`);
  return { employerId, supplierId, planId: plan.json().id, planCode };
}

/**
 * The bordereau tests' employer: its plan billed a fixed 30,00 (employer pays all); A (85010100101,
 * Peeters) and B (85010100202, Claes) enrolled since 2026-01-01, C (85010100303, Maes) too until `cEnds`.
 */
export async function createBordereauSetup(h: Harness, cEnds: string): Promise<Setup & { personA: string }> {
  const s = await createSetup(h);
  await h.db.update(plans).set({ premiumFormula: { kind: 'fixed', amountCents: 3000, employerShareBasisPoints: 10_000 } }).where(eq(plans.id, s.planId));
  const personA = await insertPerson(h, s.employerId, 'E1', { nationalId: '85010100101', lastName: 'Peeters' });
  const personB = await insertPerson(h, s.employerId, 'E2', { nationalId: '85010100202', lastName: 'Claes' });
  const personC = await insertPerson(h, s.employerId, 'E3', { nationalId: '85010100303', lastName: 'Maes' });
  await h.db.insert(enrollments).values([
    { personId: personA, planId: s.planId, startDate: '2026-01-01' },
    { personId: personB, planId: s.planId, startDate: '2026-01-01' },
    { personId: personC, planId: s.planId, startDate: '2026-01-01', endDate: cEnds },
  ]);
  return { ...s, personA };
}
