/**
 * Delivering a contribution file over the employer's channel (here e-mail to a real SMTP server):
 * the attachment is the stored file, byte for byte; a delivered file is not sent again; a refusal
 * is recorded on the file. Settings are set through the API, as an administrator would.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createContributionActivities } from '../../../activities/contributions/contribution-files';
import { contributionFiles, contributionSettings, cycles, employers, enrollments, payrollImports, persons, plans, suppliers } from '../../../db/schema';
import { DEFAULT_PROFILE } from '../../../domain/payroll/mapping-profile';
import type { Harness } from '../../support/harness';
import { TEST_SECRETS, startHarness } from '../../support/harness';
import { TEST_OUTBOUND } from '../../support/outbound';
import { type TestSmtp, attachment, startSmtp } from '../../support/smtp';

let h: Harness;
let smtp: TestSmtp;
beforeAll(async () => { h = await startHarness({ worker: false }); smtp = await startSmtp(); });
afterAll(async () => { await smtp?.stop(); await h?.close(); });

async function employerWithFile() {
  const [employer] = await h.db.insert(employers).values({ name: `Mail ${randomUUID().slice(0, 6)}`, country: 'NL', mappingProfile: DEFAULT_PROFILE }).returning();
  const [supplier] = await h.db.insert(suppliers).values({ name: `Fund ${randomUUID().slice(0, 6)}`, kind: 'group_insurance' }).returning();
  const [plan] = await h.db.insert(plans).values({ supplierId: supplier.id, name: 'Pension', premiumFormula: { kind: 'fixed', amountCents: 2500, employeeFixedCents: 1000 } }).returning();
  const [imp] = await h.db.insert(payrollImports).values({
    employerId: employer.id, period: '2026-04', status: 'completed', stage: 'done', fileName: 'p.csv', fileSha256: randomUUID(), fileSize: 1, uploadedBy: 'test', workflowId: `test-${randomUUID()}`, completedAt: new Date(),
  }).returning();
  const [p] = await h.db.insert(persons).values({ employerId: employer.id, employeeNumber: 'M-1', data: { employeeNumber: 'M-1' }, status: 'active', lastImportId: imp.id }).returning();
  await h.db.insert(enrollments).values({ personId: p.id, planId: plan.id, startDate: '2026-04-01' });
  const put = await h.app.inject({
    method: 'PUT', url: `/api/employers/${employer.id}/contribution-settings`, headers: h.auth,
    payload: { layout: { payCodes: { [plan.id]: '8800' } }, delivery: { transport: 'email', to: ['payroll@example.test'] } },
  });
  expect(put.statusCode).toBe(200);
  const made = await h.app.inject({ method: 'POST', url: `/api/employers/${employer.id}/contribution-files`, headers: h.auth, payload: { period: '2026-04' } });
  return made.json().file as { id: string; fileName: string; downloadUrl: string };
}

describe('contribution file delivery', () => {
  const activities = () => createContributionActivities({ db: h.db, files: h.files, secrets: TEST_SECRETS, mail: { smtpUrl: smtp.url, from: 'mutaflow@example.test' }, outbound: TEST_OUTBOUND });

  it('e-mails the stored file once; a second delivery answers from the record', async () => {
    const file = await employerWithFile();
    const sentBefore = smtp.messages.length;
    expect(await activities().deliverContributionFile({ fileId: file.id })).toEqual({ delivered: true });
    expect(smtp.messages.length).toBe(sentBefore + 1);
    const mail = smtp.messages[smtp.messages.length - 1];
    expect(mail.to).toEqual(['payroll@example.test']);
    const stored = (await h.app.inject({ method: 'GET', url: file.downloadUrl, headers: h.auth })).rawPayload;
    expect(attachment(mail.raw, file.fileName)).toEqual(stored);
    expect(stored.toString('utf8')).toBe('EmployeeNumber;PayCode;Amount;Period;ForPeriod;Reason\r\nM-1;8800;10.00;2026-04;2026-04;Maandelijkse bijdrage\r\n');
    expect(await activities().deliverContributionFile({ fileId: file.id })).toEqual({ delivered: true });
    expect(smtp.messages.length).toBe(sentBefore + 1);
    const [row] = await h.db.select().from(contributionFiles).where(eq(contributionFiles.id, file.id));
    expect(row).toMatchObject({ status: 'delivered', transport: 'email' });
  });

  it('a refusal by the mail server is recorded on the file, not retried', async () => {
    const file = await employerWithFile();
    smtp.failWith({ code: 550, message: 'mailbox unavailable' });
    try {
      expect(await activities().deliverContributionFile({ fileId: file.id })).toEqual({ delivered: false });
    } finally { smtp.failWith(null); }
    const [row] = await h.db.select().from(contributionFiles).where(eq(contributionFiles.id, file.id));
    expect(row).toMatchObject({ status: 'failed', transport: 'email', deliveryReceipt: expect.objectContaining({ code: 'smtp-550' }) });
  });
});

describe('the cycle step with settings that cannot work', () => {
  it('records a cycle event and lets the cycle go on', async () => {
    const [employer] = await h.db.insert(employers).values({ name: `Broken ${randomUUID().slice(0, 6)}`, country: 'NL', mappingProfile: DEFAULT_PROFILE }).returning();
    await h.db.insert(contributionSettings).values({ employerId: employer.id, layout: { fileType: 'pdf' }, updatedBy: 'test' });
    const [cycle] = await h.db.insert(cycles).values({ employerId: employer.id, period: '2026-04', status: 'running', stage: 'delivery', workflowId: `cycle-${randomUUID()}`, startedBy: 'test' }).returning();
    const activities = createContributionActivities({ db: h.db, files: h.files, secrets: TEST_SECRETS, outbound: TEST_OUTBOUND });
    expect(await activities.produceCycleContributionFile({ cycleId: cycle.id })).toEqual({ fileId: null, version: 0, created: false, lineCount: 0, findingCount: 0 });
    const [after] = await h.db.select().from(cycles).where(eq(cycles.id, cycle.id));
    expect((after.summary as { events: unknown[] }).events).toEqual([expect.objectContaining({ kind: 'contribution_file_failed', reason: 'InvalidContributionLayout' })]);
  });
});
