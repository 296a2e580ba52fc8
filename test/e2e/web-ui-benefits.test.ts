/**
 * Internal benefits in a real browser: HR defines a benefit type with custom fields (text,
 * choice, money) and an age condition, then gives a person a record of it on their page; a
 * required field left empty is refused by the form, and the record shows its values.
 */
import type { Browser, Page } from 'playwright-core';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import { expectText, login, openDutchPage } from '../support/browser';
import type { Harness } from '../support/harness';
import { createEmployer, startHarness, uploadForm } from '../support/harness';
import { api } from '../support/message-fixture';

const PASSWORD = 'correct-horse-battery-9';

describe('internal benefits in the web UI', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let employerId: string;
  let personId: string;
  const email = `hr-${Date.now()}@web-ui.test`;

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    employerId = await createEmployer(h, { name: 'Voordeel B.V.' });
    await api(h, 'POST', '/api/users', { email, name: 'Hanna HR', password: PASSWORD, role: 'hr', employerIds: [employerId], language: 'nl' });
    const res = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(canonicalCsv(personRow()), 'p.csv', '2031-05') });
    expect(res.statusCode).toBe(201);
    personId = (await api(h, 'GET', `/api/persons?employerId=${employerId}`)).items[0].id;
    ({ browser, page } = await openDutchPage());
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await h?.close();
  });

  it('defines a type with custom fields and adds a record to a person', async () => {
    await login(page, h.publicUrl, email, PASSWORD);
    await page.selectOption('#employer', employerId);
    await page.getByRole('link', { name: 'Voordelen' }).click();
    await expectText(page.locator('main'), 'Nog geen voordelen gedefinieerd.');

    const form = page.locator('form.benefit-type');
    await form.getByLabel('Naam', { exact: true }).fill('Company phone');
    const row = (i: number) => form.locator('fieldset.field-row').nth(i);
    await row(0).getByLabel('Sleutel').fill('phoneNumber');
    await row(0).getByLabel('Omschrijving').fill('Phone number');
    await row(0).getByLabel('Verplicht').check();
    await form.getByRole('button', { name: 'Veld toevoegen' }).click();
    await row(1).getByLabel('Sleutel').fill('device');
    await row(1).getByLabel('Omschrijving').fill('Device');
    await row(1).getByLabel('Soort').selectOption('choice');
    await row(1).getByLabel('Keuzes').fill('iPhone, Pixel');
    await form.getByRole('button', { name: 'Veld toevoegen' }).click();
    await row(2).getByLabel('Sleutel').fill('allowance');
    await row(2).getByLabel('Omschrijving').fill('Monthly allowance');
    await row(2).getByLabel('Soort').selectOption('money');
    await form.getByLabel('Minimumleeftijd').fill('18');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    const types = page.locator('main table').first();
    await expectText(types, 'Company phone');
    await expectText(types, 'Phone number (Tekst, *), Device (Keuze), Monthly allowance (Bedrag)');
    await expectText(types, 'Leeftijd ≥ 18');

    await page.goto(`${h.publicUrl}/#/persons/${personId}`);
    const records = page.locator('.benefit-records');
    await expectText(records, 'Interne voordelen');
    const add = records.locator('form.benefit-record');
    // Dates are typed the Dutch way whatever the browser's locale (a text field, not Chromium's date input):
    // dd-mm-jjjj, an impossible date refused with the format named, a loose one written out once left.
    const start = add.getByLabel('Ingang');
    expect(await start.getAttribute('type')).toBe('text');
    expect(await start.getAttribute('placeholder')).toBe('dd-mm-jjjj');
    await start.fill('31-02-2031');
    expect(await start.evaluate((el) => (el as unknown as { validationMessage: string }).validationMessage)).toContain('dd-mm-jjjj');
    await start.fill('1-5-2031');
    await start.press('Tab');
    const shown = (el: unknown) => Object.getOwnPropertyDescriptor((globalThis as any).HTMLInputElement.prototype, 'value')!.get!.call(el) as string;
    expect(await start.evaluate(shown)).toBe('01-05-2031');
    await add.getByLabel('Device').selectOption('Pixel');
    await add.getByLabel('Monthly allowance').fill('12.50');
    // The required phone number is still empty: the browser refuses the form, nothing is stored.
    await add.getByRole('button', { name: 'Toevoegen' }).click();
    expect((await api(h, 'GET', `/api/persons/${personId}/benefit-records`)).items).toHaveLength(0);
    await add.getByLabel('Phone number *').fill('+32 470 12 34 56');
    await add.getByRole('button', { name: 'Toevoegen' }).click();
    await expectText(records.locator('table'), 'Phone number: +32 470 12 34 56 · Device: Pixel · Monthly allowance: € 12,50');
    const stored = (await api(h, 'GET', `/api/persons/${personId}/benefit-records`)).items;
    // What was typed as 01-05-2031 reaches the API as an ISO date.
    expect(stored).toEqual([expect.objectContaining({ startDate: '2031-05-01', values: { phoneNumber: '+32 470 12 34 56', device: 'Pixel', allowance: 1250 } })]);
  });
});
