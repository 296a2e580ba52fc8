/**
 * The bordereaux screen in a real browser (the system's Chromium) against the real app and
 * PostgreSQL: an HR user uploads an insurer's bordereau for a period, sees its three parts with
 * the person who left and is still billed first, resolves a difference with a reason, is told
 * plainly when the same period comes again without "replace", and finds the report in NL/FR/EN.
 */
import type { Browser, Page } from 'playwright-core';
import { messages } from '../../db/schema';
import { expectText, login, openDutchPage } from '../support/browser';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import { createBordereauSetup } from '../support/enrollment-fixture';
import { api } from '../support/message-fixture';

const PASSWORD = 'correct-horse-battery-9';
const BORDEREAU = 'INSZ;Naam;Premie;Code\n85010100101;Peeters;31,00;05\n85010100303;Maes;30,00;\n85010100999;Onbekend;30,00;05\n';

describe('bordereaux in the web UI', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  const email = `hr-bordereau-${Date.now()}@web-ui.test`;

  beforeAll(async () => {
    h = await startHarness({ listen: true, worker: false });
    const s = await createBordereauSetup(h, '2026-10-20');
    const a = s.personA;
    await h.db.insert(messages).values({ employerId: s.employerId, supplierId: s.supplierId, personId: a, kind: 'enrollment', status: 'processed', factDate: '2026-01-01', sendDate: '2026-01-02', sentAt: new Date('2026-01-02T10:00:00Z'), createdBy: 'test' });
    await api(h, 'PUT', `/api/suppliers/${s.supplierId}/bordereau-profile`, {
      columns: { INSZ: 'nationalId', Naam: 'lastName', Premie: 'premium', Code: 'movementCode' }, decimalSeparator: ',', correctionWindowDays: 60,
    });
    await api(h, 'POST', '/api/users', { email, name: 'Hanna HR', password: PASSWORD, role: 'hr', employerIds: [s.employerId], language: 'nl' });
    ({ browser, page } = await openDutchPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await h?.close();
  });

  it('uploads a bordereau, shows the three parts left-and-billed first, and resolves a difference, in Dutch', async () => {
    await login(page, h.publicUrl, email, PASSWORD);
    await page.getByRole('link', { name: 'Premieborderellen' }).click();
    await expectText(page.locator('h2'), 'Zorgverzekeraar');
    await page.getByLabel('Periode', { exact: true }).fill('2026-11');
    await page.getByLabel('Bestand (CSV of XLSX)').setInputFiles({ name: 'bordereau.csv', mimeType: 'text/csv', buffer: Buffer.from(BORDEREAU) });
    await page.getByRole('button', { name: 'Opladen en afstemmen' }).click();

    await expectText(page.locator('h1'), 'Borderel 2026-11');
    await expectText(page.locator('dl'), '60 dagen');
    const persons = page.getByRole('table', { name: '1. Personen' });
    const first = persons.locator('tbody tr').first();
    await expectText(first, 'Uit dienst, nog gefactureerd');
    await expectText(first, 'binnen correctietermijn');
    await expectText(first, '85010100303');
    await expectText(persons, 'Gefactureerd, niet aangesloten');
    await expectText(persons, 'Aangesloten, niet gefactureerd');
    const data = page.getByRole('table', { name: '2. Gegevens per persoon' });
    await expectText(data, 'Premie verschilt');
    await expectText(data, '€ 31');
    expect(await page.getByRole('link', { name: 'FR' }).getAttribute('href')).toMatch(/\/report\?lang=fr$/);

    // Resolve the person who left and is still billed: the insurer will correct it.
    await first.getByLabel('Reden').selectOption('insurer_will_correct');
    await first.getByLabel('Toelichting').fill('Gemeld per mail');
    await first.getByRole('button', { name: 'Oplossen' }).click();
    await expectText(page.getByRole('table', { name: '1. Personen' }).locator('tbody tr').first(), 'Verzekeraar corrigeert');
    await expectText(page.locator('.chips'), 'Open: 3');

    // The same period again without "replace": said plainly, with the way to the existing one.
    await page.getByRole('link', { name: /Terug/ }).click();
    await expectText(page.getByRole('table', { name: 'Afgestemde borderellen' }).locator('tbody'), '2026-11');
    await page.getByLabel('Periode', { exact: true }).fill('2026-11');
    await page.getByLabel('Bestand (CSV of XLSX)').setInputFiles({ name: 'bordereau.csv', mimeType: 'text/csv', buffer: Buffer.from(BORDEREAU) });
    await page.getByRole('button', { name: 'Opladen en afstemmen' }).click();
    await expectText(page.locator('.form-error'), 'al een borderel afgestemd');
    await expectText(page.locator('.form-error'), 'Het bestaande borderel openen');
  });
});
