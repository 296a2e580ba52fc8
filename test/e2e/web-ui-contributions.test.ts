/**
 * Contribution files in the web UI (the system's Chromium against the real app): an HR user sees
 * the employer's files under Reports — each version, the total deducted, the findings — and the
 * download link is the file as produced.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { enrollments, payrollImports, persons, plans, suppliers } from '../../db/schema';
import { closeBrowserAndHarness, expectText, login, openForDutchHr } from '../support/browser';
import type { Harness } from '../support/harness';
import { createEmployer, startHarness } from '../support/harness';
import { api } from '../support/message-fixture';

const PASSWORD = 'correct-horse-battery-9';

describe('contribution files in the web UI', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let fileId: string;
  const email = `hr-contrib-${Date.now()}@web-ui.test`;

  beforeAll(async () => {
    h = await startHarness({ listen: true, worker: false });
    const employerId = await createEmployer(h, { name: 'Bijdragen B.V.' });
    const [supplier] = await h.db.insert(suppliers).values({ name: `Fund ${randomUUID().slice(0, 6)}`, kind: 'group_insurance' }).returning();
    const [plan] = await h.db.insert(plans).values({ supplierId: supplier.id, name: 'Pension', premiumFormula: { kind: 'fixed', amountCents: 2500, employeeFixedCents: 1234 } }).returning();
    const [imp] = await h.db.insert(payrollImports).values({
      employerId, period: '2026-02', status: 'completed', stage: 'done', fileName: 'p.csv', fileSha256: randomUUID(), fileSize: 1, uploadedBy: 'test', workflowId: `test-${randomUUID()}`, completedAt: new Date(),
    }).returning();
    const [p] = await h.db.insert(persons).values({ employerId, employeeNumber: 'W-1', data: { employeeNumber: 'W-1' }, status: 'active', lastImportId: imp.id }).returning();
    const [q] = await h.db.insert(persons).values({ employerId, employeeNumber: 'W-2', data: { employeeNumber: 'W-2' }, status: 'active', lastImportId: imp.id }).returning();
    await h.db.insert(enrollments).values([{ personId: p.id, planId: plan.id, startDate: '2026-02-01' }, { personId: q.id, planId: plan.id, startDate: '2026-02-01' }]);
    await api(h, 'PUT', `/api/employers/${employerId}/contribution-settings`, { layout: { payCodes: { [plan.id]: '8800' } } });
    fileId = (await api(h, 'POST', `/api/employers/${employerId}/contribution-files`, { period: '2026-02' })).file.id;
    ({ browser, page } = await openForDutchHr(h, employerId, email, PASSWORD));
  }, 120_000);

  afterAll(() => closeBrowserAndHarness(browser, h));

  it('lists the file with its total, in Dutch, and links to the file as produced', async () => {
    await login(page, h.publicUrl, email, PASSWORD);
    await page.getByRole('link', { name: 'Rapporten' }).click();
    await expectText(page.locator('h2'), 'Bijdragebestanden (loonverwerking)');
    const row = page.getByRole('table', { name: 'Bijdragebestanden (loonverwerking)' }).locator('tbody tr');
    await expectText(row, 'contributions_2026-02.csv');
    await expectText(row, '24,68');
    expect(await row.count()).toBe(1);
    expect(await row.getByRole('link', { name: 'contributions_2026-02.csv' }).getAttribute('href')).toBe(`/api/contribution-files/${fileId}/file`);
  });
});
