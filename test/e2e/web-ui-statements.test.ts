/**
 * Statements in a real browser (the system's Chromium) against the real app, PostgreSQL, Temporal
 * and a worker: an HR user opens a person's statement as a page (the employer's language, then
 * another), finds the PDF link, and makes the statements of everyone into one ZIP, watching it finish.
 */
import type { Browser, Page } from 'playwright-core';
import { expectText, login, openDutchPage } from '../support/browser';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import { api } from '../support/message-fixture';
import { type StatementWorld, createStatementWorld } from '../support/statement-world';

const PASSWORD = 'correct-horse-battery-9';

describe('statements in the web UI', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let w: StatementWorld;
  const email = `hr-statements-${Date.now()}@web-ui.test`;

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    w = await createStatementWorld(h.db, { count: 3, language: 'fr', name: 'Brasserie Fiche' });
    await api(h, 'POST', '/api/users', { email, name: 'Hanna HR', password: PASSWORD, role: 'hr', employerIds: [w.employerId], language: 'nl' });
    ({ browser, page } = await openDutchPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await h?.close();
  });

  it("shows a person's statement as a page in the employer's language, switches language, and links its PDF", async () => {
    await login(page, h.publicUrl, email, PASSWORD);
    await page.getByRole('link', { name: 'Medewerkers' }).click();
    await page.getByRole('link', { name: 'E-0001' }).click();
    await expectText(page.locator('h1'), 'Anaïs Lefèvre');
    await page.getByRole('link', { name: 'Infofiche', exact: true }).click();

    // The statement is in the employer's language (French) whatever the UI's.
    await expectText(page.locator('h1'), "Fiche d'information");
    await expectText(page.locator('h2'), 'Données personnelles et contractuelles');
    const personal = page.locator('[data-section="personal-data"] table');
    await expectText(personal.locator('tbody tr', { hasText: 'Rue' }), 'Oudestraat');
    const enrollments = page.locator('[data-section="enrollments"] table');
    await expectText(enrollments.locator('tbody'), '42,50 € part personnelle / 85,00 € total');
    expect(await page.locator('#statement-pdf').getAttribute('href')).toBe(`/api/persons/${w.personIds[0]}/statement/pdf?lang=fr`);

    await page.getByLabel('Taal van de fiche').selectOption('nl');
    await expectText(page.locator('h1'), 'Infofiche');
    await expectText(page.locator('[data-section="enrollments"] table tbody'), '€ 42,50 eigen bijdrage / € 85,00 totaal');
    expect(await page.locator('#statement-pdf').getAttribute('href')).toBe(`/api/persons/${w.personIds[0]}/statement/pdf?lang=nl`);

    // The PDF link answers a PDF through the session.
    const pdf = await page.request.get(`${h.publicUrl}/api/persons/${w.personIds[0]}/statement/pdf?lang=nl`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
  });

  it('makes the statements of everyone in one ZIP and shows it complete', async () => {
    await page.getByRole('link', { name: 'Infofiches', exact: true }).click();
    await expectText(page.locator('h1'), 'Infofiches — Brasserie Fiche');
    await page.getByRole('button', { name: 'Aanmaken' }).click();
    const batches = page.getByRole('table', { name: 'Aangemaakte reeksen' });
    await expectText(batches.locator('tbody tr').first(), 'Klaar');
    await expectText(batches.locator('tbody tr').first(), '3 van 3');
    const link = batches.locator('a.batch-download').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/api\/statement-batches\/[0-9a-f-]{36}\/download$/);
    const zip = await page.request.get(`${h.publicUrl}${href}`);
    expect(zip.status()).toBe(200);
    expect((await zip.body()).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
