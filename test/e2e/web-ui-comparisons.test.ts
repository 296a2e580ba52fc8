/**
 * The comparisons screen in a real browser (the system's Chromium) against the real app,
 * PostgreSQL, Temporal and a worker: an HR user uploads the fixture's two files, sees the run
 * complete and browses its results by kind.
 */
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM, EXPECT, expectText, login } from '../support/browser';
import { FIXTURE_A, FIXTURE_B, FIXTURE_DEFINITION } from '../support/comparison-fixture';
import type { Harness } from '../support/harness';
import { createEmployer, startHarness } from '../support/harness';
import { api } from '../support/message-fixture';

const PASSWORD = 'correct-horse-battery-9';

describe('comparisons in the web UI', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const email = `hr-compare-${Date.now()}@web-ui.test`;

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    const employerId = await createEmployer(h, { name: 'Vergelijking B.V.' });
    await api(h, 'POST', `/api/employers/${employerId}/comparison-definitions`, FIXTURE_DEFINITION);
    await api(h, 'POST', '/api/users', { email, name: 'Hanna HR', password: PASSWORD, role: 'hr', employerIds: [employerId], language: 'nl' });
    browser = await chromium.launch(CHROMIUM);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' })).newPage();
    page.setDefaultTimeout(EXPECT);
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await h?.close();
  });

  it('uploads two files, shows the run\'s counts and its results by kind, in Dutch', async () => {
    await login(page, h.publicUrl, email, PASSWORD);
    await page.getByRole('link', { name: 'Vergelijkingen' }).click();
    await expectText(page.locator('h2'), 'Payroll vs HR sheet');
    await page.getByLabel('Kant A (Payroll)').setInputFiles({ name: 'payroll.csv', mimeType: 'text/csv', buffer: Buffer.from(FIXTURE_A) });
    await page.getByLabel('Kant B (HR sheet)').setInputFiles({ name: 'hr.csv', mimeType: 'text/csv', buffer: Buffer.from(FIXTURE_B) });
    await page.getByRole('button', { name: 'Vergelijken' }).click();

    await expectText(page.locator('h2'), 'Gevonden');
    await expectText(page.locator('.chips li'), 'Sleutels aan beide kanten: 5');
    const table = page.getByRole('table', { name: 'Verschillen' });
    await expectText(table.locator('tbody tr'), '4100');
    expect(await table.locator('tbody tr').count()).toBe(3);
    await expectText(table.locator('thead'), 'Waarde in B');
    expect(await page.getByRole('link', { name: 'FR' }).getAttribute('href')).toMatch(/\/report\?lang=fr$/);

    await page.getByLabel('Soort').selectOption('only_in_b');
    await page.getByRole('button', { name: 'Filteren' }).click();
    const onlyB = page.getByRole('table', { name: 'Alleen in B' });
    await expectText(onlyB.locator('tbody tr'), '555555555');
    expect(await onlyB.locator('tbody tr').count()).toBe(2);

    // The list shows the run, and the same files again lead back to it.
    await page.getByRole('link', { name: /Terug/ }).click();
    await expectText(page.getByRole('table', { name: 'Uitvoeringen' }).locator('tbody'), 'payroll.csv ↔ hr.csv');
  });
});
