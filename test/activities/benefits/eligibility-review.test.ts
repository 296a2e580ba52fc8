/**
 * The monthly eligibility review against a real database: the first review of a type, then a
 * month later who newly qualifies and who no longer does with the reason, one review task per
 * type (topped up by a later import's review), and the month's overview e-mailed over SMTP.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { benefitEligibilityChanges, benefitSettings, benefitTypes, cycles, employers, payrollImports, persons, tasks } from '../../../db/schema';
import { createBenefitActivities } from '../../../activities/benefits/eligibility';
import { DEFAULT_PROFILE } from '../../../domain/payroll/mapping-profile';
import { TEST_OUTBOUND } from '../../support/outbound';
import { type TestSmtp, useDbAndSmtp } from '../../support/smtp';

let db: Db;
let smtp: TestSmtp;
useDbAndSmtp((d, s) => { db = d; smtp = s; });

const NOW = Date.UTC(2026, 2, 5, 6);

async function world() {
  const [employer] = await db.insert(employers).values({ name: 'Benefits BV', country: 'NL', companyNumber: String(10_000_000 + Math.floor(Math.random() * 89_999_999)), mappingProfile: DEFAULT_PROFILE }).returning();
  const importId = randomUUID();
  const person = async (employeeNumber: string, data: Record<string, unknown>) => (await db.insert(persons).values({
    employerId: employer.id, employeeNumber, status: 'active', lastImportId: importId,
    data: { employeeNumber, hireDate: '2020-01-01', birthDate: '1980-01-01', category: 'white_collar', exitDate: null, ...data },
  }).returning())[0].id;
  const ids = {
    stays: await person('E1', {}),
    leaves: await person('E2', {}),
    turns25: await person('E3', { birthDate: '2001-03-20' }),
    blue: await person('E4', { category: 'blue_collar' }),
    changesCategory: await person('E5', {}),
    hiredInMarch: await person('E6', { hireDate: '2026-03-15' }),
  };
  const [card] = await db.insert(benefitTypes).values({
    employerId: employer.id, name: 'Credit card', fields: [{ key: 'limit', label: 'Limit', type: 'money', required: true }],
    eligibility: { and: [{ field: 'category', equals: 'white_collar' }, { field: 'age', range: { min: 25 } }] }, updatedBy: 'test',
  }).returning();
  const cycle = async (period: string) => (await db.insert(cycles).values({ employerId: employer.id, period, workflowId: `cycle-${randomUUID()}`, startedBy: 'test' }).returning())[0].id;
  return { employerId: employer.id, ids, typeId: card.id, cycle };
}

it('reports who newly qualifies and who no longer does, with the reason, as a task and a monthly e-mail', async () => {
  const w = await world();
  const acts = createBenefitActivities({ db, mail: { smtpUrl: smtp.url, from: 'mutaflow@test.invalid' }, outbound: TEST_OUTBOUND });

  // February: the type's first review: everyone eligible then is new to it.
  const febCycle = await w.cycle('2026-02');
  const feb = await acts.reviewCycleEligibility({ cycleId: febCycle, now: NOW });
  expect(feb.changes).toBe(3);
  expect(feb.taskIds).toHaveLength(1);
  // The same review again (a retried activity) finds nothing new.
  expect((await acts.reviewCycleEligibility({ cycleId: febCycle, now: NOW })).changes).toBe(0);

  // March: E2 leaves, E3 turns 25 on the 20th, E5 becomes blue collar, E6 starts on the 15th.
  const set = async (id: string, patch: Record<string, unknown>) => {
    const [p] = await db.select().from(persons).where(eq(persons.id, id));
    await db.update(persons).set({ data: { ...(p.data as object), ...patch } }).where(eq(persons.id, id));
  };
  await set(w.ids.leaves, { exitDate: '2026-03-10' });
  await set(w.ids.changesCategory, { category: 'blue_collar' });
  const marchCycle = await w.cycle('2026-03');
  const march = await acts.reviewCycleEligibility({ cycleId: marchCycle, now: NOW });
  expect(march.changes).toBe(4);
  const lines = await db.select().from(benefitEligibilityChanges).where(and(eq(benefitEligibilityChanges.employerId, w.employerId), eq(benefitEligibilityChanges.period, '2026-03')));
  const byPerson = Object.fromEntries(lines.map((l) => [l.personId, { change: l.change, reasons: l.reasons, source: l.source }]));
  expect(byPerson).toEqual({
    [w.ids.leaves]: { change: 'no_longer_eligible', reasons: ['departure'], source: 'cycle' },
    [w.ids.turns25]: { change: 'newly_eligible', reasons: ['age'], source: 'cycle' },
    [w.ids.changesCategory]: { change: 'no_longer_eligible', reasons: ['category'], source: 'cycle' },
    [w.ids.hiredInMarch]: { change: 'newly_eligible', reasons: ['hire'], source: 'cycle' },
  });
  const [task] = await db.select().from(tasks).where(eq(tasks.id, march.taskIds[0]));
  expect(task).toMatchObject({ kind: 'review_eligibility', status: 'open', employerId: w.employerId, subject: { benefitTypeId: w.typeId, period: '2026-03', newlyEligible: 2, noLongerEligible: 2 } });
  expect(lines.every((l) => l.taskId === task.id)).toBe(true);

  // A corrected import of March brings E4 into white collar: the same task is topped up.
  await set(w.ids.blue, { category: 'white_collar' });
  const [imp] = await db.insert(payrollImports).values({
    employerId: w.employerId, period: '2026-03', status: 'completed', stage: 'done', fileName: 'p.csv', fileSha256: 'x', fileSize: 1, uploadedBy: 'test', workflowId: `payroll-import-${randomUUID()}`,
  }).returning();
  const after = await acts.reviewImportEligibility({ importId: imp.id, now: NOW });
  expect(after).toEqual({ changes: 1, taskIds: [task.id] });
  const [topped] = await db.select().from(tasks).where(eq(tasks.id, task.id));
  expect(topped.subject).toMatchObject({ newlyEligible: 3, noLongerEligible: 2 });

  // No address configured: nothing is sent. With one: the month's changes, one line each.
  expect(await acts.sendEligibilityReport({ cycleId: marchCycle })).toEqual({ sent: false, changes: 5, outcome: 'no address' });
  await db.insert(benefitSettings).values({ employerId: w.employerId, reportEmail: 'hr@benefits.test', updatedBy: 'test' });
  expect(await acts.sendEligibilityReport({ cycleId: marchCycle })).toEqual({ sent: true, changes: 5, outcome: 'sent' });
  expect(smtp.messages).toHaveLength(1);
  const mail = smtp.messages[0];
  expect(mail.to).toEqual(['hr@benefits.test']);
  const csv = Buffer.from(mail.raw.split('\r\n\r\n').slice(-1)[0].split('\r\n--')[0].replace(/\s+/g, ''), 'base64').toString('utf8');
  expect(csv.split('\r\n').filter(Boolean)).toEqual([
    'employeeNumber;benefit;change;reasons;date;source',
    'E2;Credit card;no_longer_eligible;departure;2026-03-31;cycle',
    'E3;Credit card;newly_eligible;age;2026-03-31;cycle',
    'E4;Credit card;newly_eligible;category;2026-03-31;import',
    'E5;Credit card;no_longer_eligible;category;2026-03-31;cycle',
    'E6;Credit card;newly_eligible;hire;2026-03-31;cycle',
  ]);
  const reported = await db.select().from(benefitEligibilityChanges).where(and(eq(benefitEligibilityChanges.employerId, w.employerId), eq(benefitEligibilityChanges.period, '2026-03')));
  expect(reported.every((l) => l.reportedAt !== null)).toBe(true);
});
