/**
 * The bordereau is reconciled with what the insurer was told: the values in the message bodies
 * and the monthly report lines delivered to it (kept sealed), current payroll data only where
 * nothing was sent. "Our data was wrong" sends a correction message, linked from the resolution.
 */
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { and, eq } from 'drizzle-orm';
import { createCycleReportActivities } from '../../activities/reports/cycle-reports';
import {
  bordereauResolutions, cycles, enrollments, messageBodies, messages, payrollImports, persons, reportLines, supplierReportSettings,
} from '../../db/schema';
import { defaultReportFormat } from '../../domain/reports/format';
import type { Harness } from '../support/harness';
import { TEST_SECRETS, startHarness, uploadForm } from '../support/harness';
import { createSetup, insertPerson, type Setup } from '../support/enrollment-fixture';
import { TEST_OUTBOUND } from '../support/outbound';

const HEADER = 'INSZ;Naam;Loon;Premie\n';

describe('bordereau against what was communicated', () => {
  let h: Harness;
  let s: Setup;
  let personA: string;
  let personB: string;
  beforeAll(async () => {
    h = await startHarness({ worker: false });
    s = await createSetup(h);
    // The insurer's monthly report carries salaries (the group insurance default columns).
    await h.db.insert(supplierReportSettings).values({ supplierId: s.supplierId, format: defaultReportFormat('group_insurance') });
    personA = await insertPerson(h, s.employerId, 'E1', { nationalId: '85010100101', lastName: 'Peeters', grossMonthlySalary: '3000.00' });
    personB = await insertPerson(h, s.employerId, 'E2', { nationalId: '85010100202', lastName: 'Claes', grossMonthlySalary: '2500.00' });
    await h.db.insert(enrollments).values([
      { personId: personA, planId: s.planId, startDate: '2026-10-05' },
      { personId: personB, planId: s.planId, startDate: '2020-01-01' },
    ]);
    const put = await h.app.inject({ method: 'PUT', url: `/api/suppliers/${s.supplierId}/bordereau-profile`, headers: h.auth, payload: {
      columns: { INSZ: 'nationalId', Naam: 'lastName', Loon: 'salary', Premie: 'premium' }, decimalSeparator: ',',
    } });
    expect(put.statusCode).toBe(200);
  });
  afterAll(async () => { await h.close(); });

  const upload = (content: string, period: string, replace = false) => h.app.inject({
    method: 'POST', url: `/api/employers/${s.employerId}/suppliers/${s.supplierId}/bordereaux?period=${period}${replace ? '&replace=true' : ''}`,
    headers: h.auth, payload: uploadForm(content, 'bordereau.csv'),
  });
  type Diff = { kind: string; nationalId: string; field?: string; billed?: unknown; expected?: unknown; fingerprint: string; correctionMessageId: string | null };

  it('compares a person on the salary and name sent, not on what payroll says since', async () => {
    // October's report, rendered and delivered the way the cycle does: A's enrollment line at 3000.00.
    const importId = randomUUID();
    await h.db.insert(payrollImports).values({ id: importId, employerId: s.employerId, period: '2026-10', fileName: 'p.csv', fileSha256: 'x', fileSize: 1, uploadedBy: 't', workflowId: `w-${importId}`, status: 'completed' });
    const [cycle] = await h.db.insert(cycles).values({ employerId: s.employerId, period: '2026-10', workflowId: `cycle-${importId}`, importId, startedBy: 't' }).returning();
    const activities = createCycleReportActivities({ db: h.db, files: h.files, secrets: TEST_SECRETS, outbound: TEST_OUTBOUND });
    const { reportIds } = await new MockActivityEnvironment().run(activities.renderCycleReports, { cycleId: cycle.id, importId }) as { reportIds: string[] };
    expect(await new MockActivityEnvironment().run(activities.deliverCycleReport, { reportId: reportIds[0] })).toEqual({ delivered: true });
    const kept = await h.db.select().from(reportLines).where(eq(reportLines.reportId, reportIds[0]));
    expect(kept.map((l) => [l.personId, l.kind])).toEqual([[personA, 'enrollment']]);
    expect(kept[0].valuesSealed).not.toContain('3000');
    expect(TEST_SECRETS.open<{ person: Record<string, string> }>(kept[0].valuesSealed).person).toMatchObject({ grossMonthlySalary: '3000.00', lastName: 'Peeters' });

    // A message body handed over later in October told the insurer A's name as "Peeters" too.
    const [m] = await h.db.insert(messages).values({
      employerId: s.employerId, supplierId: s.supplierId, personId: personA, kind: 'change', status: 'processed', factDate: '2026-10-20',
      sendDate: '2026-10-21', sentAt: new Date('2026-10-21T09:00:00Z'), changedFields: ['lastName'], createdBy: 'test',
    }).returning();
    await h.db.insert(messageBodies).values({ messageId: m.id, version: 1, sha256: 'x', size: 1, bodySealed: TEST_SECRETS.seal(JSON.stringify({ insured: 'employee', person: { lastName: 'Peeters' } })) });

    // Payroll moves on after it was sent: a raise and a new name.
    await h.db.update(persons).set({ data: { employeeNumber: 'E1', nationalId: '85010100101', lastName: 'Peeters-Maes', grossMonthlySalary: '3500.00' }, updatedAt: new Date() }).where(eq(persons.id, personA));

    const res = await upload(`${HEADER}85010100101;Peeters;3000,00;30,00\n85010100202;Claes;2000,00;30,00\n85010100999;Onbekend;1000,00;30,00\n`, '2026-10');
    expect(res.statusCode).toBe(201);
    const diffs = res.json().differences as Diff[];
    // A: as sent (3000.00, Peeters) — no difference although payroll now says 3500.00 and Peeters-Maes.
    expect(diffs.filter((d) => d.nationalId === '85010100101' && d.kind === 'data_mismatch')).toEqual([]);
    // B: nothing sent about B's salary — compared with payroll's 2500.00.
    expect(diffs.find((d) => d.nationalId === '85010100202' && d.field === 'salaryCents')).toMatchObject({ kind: 'data_mismatch', billed: 200000, expected: 250000 });
  });

  it('"our data was wrong" sends a correction message, linked from the resolution and made once', async () => {
    const list = await h.app.inject({ method: 'GET', url: `/api/employers/${s.employerId}/suppliers/${s.supplierId}/bordereaux`, headers: h.auth });
    const runId = list.json().items[0].id;
    const run = (await h.app.inject({ method: 'GET', url: `/api/bordereaux/${runId}`, headers: h.auth })).json();
    // Showing the differences reads these people's data: the audit record names them (ids only).
    const [read] = (await h.db.$client.query("select person_ids from audit_log where route = '/api/bordereaux/:id' order by id desc limit 1")).rows;
    expect(read.person_ids).toEqual([personB]); // A has no difference, so A's data is not shown
    const salary = (run.differences as Diff[]).find((d) => d.nationalId === '85010100202' && d.field === 'salaryCents')!;
    const resolve = (fingerprint: string, reason: string) => h.app.inject({ method: 'POST', url: `/api/bordereaux/${runId}/resolutions`, headers: h.auth, payload: { fingerprint, reason } });

    const res = await resolve(salary.fingerprint, 'our_data_wrong');
    expect(res.statusCode).toBe(200);
    const after = (res.json().differences as (Diff & { resolution: string })[]).find((d) => d.fingerprint === salary.fingerprint)!;
    expect(after).toMatchObject({ resolution: 'our_data_wrong', correctionMessageId: expect.any(String) });
    const [message] = await h.db.select().from(messages).where(eq(messages.id, after.correctionMessageId!));
    expect(message).toMatchObject({ personId: personB, supplierId: s.supplierId, kind: 'change', changedFields: ['grossMonthlySalary'], status: 'not_sent' });
    const [stored] = await h.db.select().from(bordereauResolutions).where(and(eq(bordereauResolutions.runId, runId), eq(bordereauResolutions.fingerprint, salary.fingerprint)));
    expect(stored.messageId).toBe(message.id);

    // Resolved again: the same message stays linked, no second one.
    expect((await resolve(salary.fingerprint, 'our_data_wrong')).statusCode).toBe(200);
    expect(await h.db.select({ id: messages.id }).from(messages).where(and(eq(messages.personId, personB), eq(messages.kind, 'change')))).toHaveLength(1);

    // Billed but never ours: no message can correct it; answered plainly, nothing stored.
    const stranger = (run.differences as Diff[]).find((d) => d.kind === 'billed_not_enrolled')!;
    const refused = await resolve(stranger.fingerprint, 'our_data_wrong');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'no_correction_message', message: expect.stringContaining('enrol them') });
    expect(refused.body).not.toContain('85010100999');
    expect(await h.db.select().from(bordereauResolutions).where(and(eq(bordereauResolutions.runId, runId), eq(bordereauResolutions.fingerprint, stranger.fingerprint)))).toEqual([]);
  });
});
