/**
 * A Belgian employer with an accident insurer, a person enrolled with it, and accidents written
 * straight into the database (for workflow tests) — the API tests register them through the API.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { accidentSettings, accidents, employerSuppliers, employers, enrollments, persons, plans, suppliers } from '../../db/schema';
import type { AccidentDetails } from '../../domain/accidents/case';
import { TIME_ZONES, addDays, localDate, localInstant } from '../../domain/shared/calendar';
import { DEFAULT_PROFILE } from '../../domain/payroll/mapping-profile';
import { TEST_SECRETS } from './harness';

/** Names with accents and a particle: they must survive the PDF and never reach a log or a mail. */
export const VICTIM = { firstName: 'Anaïs', lastName: 'Vandevoorde-Leclercq', namePrefix: null };
export const DETAILS: AccidentDetails = {
  description: 'Fell from a stepladder while restocking the top shelf in the warehouse.',
  witnesses: [{ name: 'Jef Peeters', contact: 'warehouse team lead' }],
  injuries: [{ bodyPart: 'left wrist', nature: 'fracture' }],
  firstAid: 'Ice and a sling by the first-aider on duty',
  medicalCare: 'Emergency department, AZ Sint-Jan; cast for six weeks',
  prevention: 'Stepladders replaced by a platform ladder with a handrail',
};

export interface AccidentWorld {
  employerId: string;
  supplierId: string;
  planId: string;
  personId: string;
  policyNumber: string;
}

export async function createAccidentWorld(db: Db, opts: { notifyEmails?: string[] } = {}): Promise<AccidentWorld> {
  const [employer] = await db.insert(employers).values({ name: 'Brouwerij Het Anker', country: 'BE', companyNumber: '0403199702', mappingProfile: DEFAULT_PROFILE }).returning();
  const [supplier] = await db.insert(suppliers).values({ name: 'Ethias Arbeidsongevallen', kind: 'accident' }).returning();
  const [plan] = await db.insert(plans).values({ supplierId: supplier.id, name: 'Arbeidsongevallen', code: 'AO' }).returning();
  const policyNumber = `AO-${randomUUID().slice(0, 8)}`;
  await db.insert(employerSuppliers).values({ employerId: employer.id, supplierId: supplier.id, collectiveNumber: policyNumber, startDate: '2020-01-01', deliverFrom: '2020-01-01' });
  const data = {
    employeeNumber: `B-${randomUUID().slice(0, 8)}`, nationalId: '85073003328', ...VICTIM, birthDate: '1985-07-30', gender: 'F', nationality: 'BE',
    street: 'Guido Gezellelaan', houseNumber: '49', postalCode: '2800', city: 'Mechelen', country: 'BE', category: 'blue_collar', department: 'warehouse',
    workSchedulePercent: '80', hireDate: '2019-09-01', exitDate: null,
  };
  const [person] = await db.insert(persons).values({ employerId: employer.id, employeeNumber: data.employeeNumber, data, status: 'active', lastImportId: randomUUID() }).returning();
  await db.insert(enrollments).values({ personId: person.id, planId: plan.id, startDate: '2019-09-01', source: 'manual' });
  if (opts.notifyEmails) await db.insert(accidentSettings).values({ employerId: employer.id, notifyEmails: opts.notifyEmails });
  return { employerId: employer.id, supplierId: supplier.id, planId: plan.id, personId: person.id, policyNumber };
}

export async function insertAccident(db: Db, world: AccidentWorld, over: Partial<typeof accidents.$inferInsert> & { occurredAt: Date }): Promise<string> {
  const id = randomUUID();
  await db.insert(accidents).values({
    id, employerId: world.employerId, personId: world.personId, status: 'open', country: 'BE', place: 'Warehouse, aisle 4',
    detailsSealed: TEST_SECRETS.seal(DETAILS), supplierId: world.supplierId, policyNumber: world.policyNumber, workflowId: `accident-${id}`, createdBy: 'test', ...over,
  });
  return id;
}

const BRUSSELS = TIME_ZONES.BE;

/** The first Friday after `fromMs` (Brussels calendar), at hh:mm local. */
export function nextFridayAt(fromMs: number, hour: number, minute: number): number {
  let day = addDays(localDate(fromMs, BRUSSELS), 1);
  while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 5) day = addDays(day, 1);
  return localInstant(day, hour, minute, BRUSSELS);
}

export const brussels = (date: string, hour: number, minute = 0) => localInstant(date, hour, minute, BRUSSELS);
export { addDays, localDate, BRUSSELS };
