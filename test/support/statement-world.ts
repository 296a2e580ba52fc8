import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { employers, enrollments, familyMembers, messageBodies, messages, persons, plans, suppliers } from '../../db/schema';
import { PROFILE_PRESETS } from '../../domain/payroll/mapping-profile';
import { TEST_SECRETS } from './harness';

export interface StatementWorld { employerId: string; personIds: string[]; departedId: string }

/**
 * An employer with `count` persons in service (E-0001…) and one who left: the first has a
 * partner and a child in a hospitalisation plan with a premium formula, and an enrollment message
 * sent to the insurer with another street than the payroll's (its body kept sealed, as sent).
 */
export async function createStatementWorld(db: Db, opts: { count: number; country?: 'NL' | 'BE'; language?: 'nl' | 'fr' | 'en'; name?: string }): Promise<StatementWorld> {
  const [employer] = await db.insert(employers).values({
    name: opts.name ?? 'Brouwerij Statement', country: opts.country ?? 'BE', language: opts.language ?? 'nl', mappingProfile: PROFILE_PRESETS.canonical,
  }).returning();
  const tag = randomUUID().slice(0, 6);
  const [supplier] = await db.insert(suppliers).values({ name: `Zorgverzekeraar ${tag}`, kind: 'hospitalisation' }).returning();
  const [plan] = await db.insert(plans).values({
    supplierId: supplier.id, name: 'Hospitalisatie Plus', code: 'HP',
    premiumFormula: { kind: 'per_family_member', insuredCents: 4000, partnerCents: 3000, childCents: 1500, employerShareBasisPoints: 5000 },
  }).returning();
  const importId = randomUUID();
  const rows = Array.from({ length: opts.count }, (_, i) => {
    const n = String(i + 1).padStart(4, '0');
    return {
      employerId: employer.id, employeeNumber: `E-${n}`, status: 'active' as const, lastImportId: importId,
      data: {
        employeeNumber: `E-${n}`, firstName: i === 0 ? 'Anaïs' : `Voornaam${n}`, lastName: i === 0 ? 'Lefèvre' : `Achternaam${n}`, birthDate: '1985-07-30',
        street: 'Kerkstraat', houseNumber: String(i + 1), postalCode: '9000', city: 'Gent', country: 'BE', grossMonthlySalary: '3500.00', workSchedulePercent: '100',
        ...(i === 1 ? { language: 'en' } : {}),
      },
    };
  });
  const inserted: { id: string }[] = [];
  for (let i = 0; i < rows.length; i += 1000) inserted.push(...await db.insert(persons).values(rows.slice(i, i + 1000)).returning({ id: persons.id }));
  const [departed] = await db.insert(persons).values({
    employerId: employer.id, employeeNumber: 'X-9999', status: 'departed', lastImportId: importId, data: { employeeNumber: 'X-9999', lastName: 'Vertrokken' },
  }).returning();

  const first = inserted[0].id;
  const [partner] = await db.insert(familyMembers).values({ personId: first, relation: 'partner', data: { firstName: 'Jan', lastName: 'Peeters', birthDate: '1983-01-02' } }).returning();
  const [child] = await db.insert(familyMembers).values({ personId: first, relation: 'child', data: { firstName: 'Lotte', lastName: 'Peeters', birthDate: '2015-05-05' } }).returning();
  const enrollmentRows = inserted.map((p) => ({ personId: p.id, planId: plan.id, startDate: '2024-01-01', source: 'manual' as const }));
  const ids: { id: string }[] = [];
  for (let i = 0; i < enrollmentRows.length; i += 1000) ids.push(...await db.insert(enrollments).values(enrollmentRows.slice(i, i + 1000)).returning({ id: enrollments.id }));
  await db.insert(enrollments).values([
    { personId: first, familyMemberId: partner.id, planId: plan.id, startDate: '2024-01-01', source: 'manual' },
    { personId: first, familyMemberId: child.id, planId: plan.id, startDate: '2024-01-01', source: 'manual' },
  ]);
  const [message] = await db.insert(messages).values({
    employerId: employer.id, supplierId: supplier.id, personId: first, enrollmentId: ids[0].id, kind: 'enrollment', status: 'processed',
    factDate: '2024-01-01', sendDate: '2024-01-02', createdBy: 'test', sentAt: new Date('2024-01-02T09:00:00Z'),
  }).returning();
  const body = JSON.stringify({ messageId: message.id, version: 1, kind: 'enrollment', person: { ...rows[0].data, street: 'Oudestraat' } });
  await db.insert(messageBodies).values({ messageId: message.id, version: 1, sha256: 'x'.repeat(64), size: body.length, bodySealed: TEST_SECRETS.seal(body) });
  return { employerId: employer.id, personIds: inserted.map((p) => p.id), departedId: departed.id };
}
