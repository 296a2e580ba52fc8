/**
 * The controls screen in a real browser: a process owner adds an audit rule from a template,
 * an import raises a blocking finding, the findings list shows it (with its values, the user
 * may see the person) and the finding is acknowledged with a reason; the XLSX link is offered.
 */
import type { Browser, Page } from 'playwright-core';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import { expectText, login, openDutchPage } from '../support/browser';
import type { Harness } from '../support/harness';
import { createEmployer, startHarness, uploadForm } from '../support/harness';
import { api } from '../support/message-fixture';

const PASSWORD = 'correct-horse-battery-9';

describe('controls in the web UI', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let employerId: string;
  const email = `owner-${Date.now()}@web-ui.test`;

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    employerId = await createEmployer(h, { name: 'Controle B.V.' });
    await api(h, 'POST', '/api/users', { email, name: 'Pieter Proces', password: PASSWORD, role: 'process_owner', employerIds: [employerId], language: 'nl' });
    ({ browser, page } = await openDutchPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await h?.close();
  });

  it('adds a rule from a template, lists the finding of an import and acknowledges it', async () => {
    await login(page, h.publicUrl, email, PASSWORD);
    await page.selectOption('#employer', employerId);
    await page.getByRole('link', { name: 'Controles' }).click();
    await expectText(page.locator('main'), 'Nog geen auditregels');
    await page.getByLabel('Regel uit sjabloon').selectOption('salary-present');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await expectText(page.locator('main table'), 'Salaris ingevuld voor actieve medewerkers');
    await expectText(page.locator('main table'), 'Bruto maandsalaris is ingevuld voor Status = in dienst');

    const res = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(canonicalCsv(personRow({ grossMonthlySalary: '' })), 'p.csv', '2031-05') });
    expect(res.statusCode).toBe(201);
    await page.reload();
    const findings = page.locator('main table').nth(1);
    await expectText(findings, '0001');
    await expectText(findings, 'Blokkerend');
    await expectText(findings, 'Open');
    expect(await page.getByRole('link', { name: 'Download als XLSX' }).getAttribute('href')).toMatch(/^\/api\/findings\/export\?importId=[0-9a-f-]{36}&lang=nl$/);
    await findings.getByLabel('Reden').fill('salaris volgt via correctie');
    await findings.getByRole('button', { name: 'Gezien' }).click();
    await expectText(page.locator('main table').nth(1), 'Geaccepteerd — salaris volgt via correctie');
  });
});
