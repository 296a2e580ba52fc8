/**
 * The settings screens of issue #17 in a real browser, each done by the role that may and absent
 * for one that may not. So far: the audit trail's chain verified by an administrator, in words.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { Authenticator } from '../support/browser';
import { CHROMIUM, closeBrowserAndHarness, expectText, login, watchPage } from '../support/browser';
import type { Harness } from '../support/harness';
import { createEmployer, startHarness } from '../support/harness';
import { api } from '../support/message-fixture';

const PASSWORD = 'correct-horse-battery-9';

describe('settings screens in the web UI', () => {
  let h: Harness;
  let browser: Browser;
  let admin: Page;
  let hr: Page;
  const stamp = Date.now();
  const adminEmail = `admin-${stamp}@web-ui-settings.test`;
  const hrEmail = `hr-${stamp}@web-ui-settings.test`;
  const adminApp: Authenticator = {};
  const pageErrors: string[] = [];
  let employerId: string;
  let supplierId: string;

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    employerId = await createEmployer(h, { name: `Instellingen B.V. ${stamp}` });
    // Before the sign-ins: the UI reads the list of suppliers once per session.
    supplierId = (await api(h, 'POST', '/api/suppliers', { name: `Ongevallenverzekeraar ${stamp}`, kind: 'accident' })).id;
    await api(h, 'POST', '/api/users', { email: adminEmail, name: 'Anne Admin', password: PASSWORD, role: 'admin', language: 'nl' });
    await api(h, 'POST', '/api/users', { email: hrEmail, name: 'Hilde HR', password: PASSWORD, role: 'hr', employerIds: [employerId], language: 'nl' });
    browser = await chromium.launch(CHROMIUM);
    const options = { viewport: { width: 1280, height: 900 }, locale: 'nl-NL' };
    const contexts: BrowserContext[] = [await browser.newContext(options), await browser.newContext(options)];
    admin = watchPage(await contexts[0].newPage(), pageErrors);
    hr = watchPage(await contexts[1].newPage(), pageErrors);
    await login(admin, h.publicUrl, adminEmail, PASSWORD, adminApp);
    await login(hr, h.publicUrl, hrEmail, PASSWORD);
  }, 180_000);

  afterAll(() => closeBrowserAndHarness(browser, h));

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  /** Opens a screen by a link and waits until it is drawn: the previous screen may hold a field of the same label. */
  const open = async (p: Page, link: ReturnType<Page['locator']>) => {
    // Strings, not functions: this project's Node typings have no DOM (the code runs in the page).
    await p.evaluate("document.querySelector('main')?.firstElementChild?.setAttribute('data-left', '')");
    await link.click();
    // Locators, not waitForFunction: the page's CSP refuses a predicate sent as a string.
    await p.locator('main > :first-child:not([data-left])').waitFor();
    await p.locator('main[aria-busy]').waitFor({ state: 'detached' });
  };
  const menu = (p: Page, name: string) => p.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true });
  /** Shows a screen by its address; the same address again is reloaded (a hash the page already has draws nothing new). */
  const show = async (p: Page, hash: string) => {
    const url = `${h.publicUrl}/${hash}`;
    if (p.url() === url) await p.reload();
    else await p.goto(url);
  };
  /** A password sign-in through the API (no browser): its status code. */
  const signIn = async (email: string, password: string) => (await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })).statusCode;

  it('audit trail: an administrator verifies the chain and reads the outcome in words; HR has no such screen', async () => {
    await show(admin, '#/audit');
    await admin.locator('[data-action="verify-chain"]').click();
    const outcome = admin.locator('.verify-result p');
    await expectText(outcome, 'gecontroleerd');
    const verified = await api(h, 'GET', '/api/audit/verify');
    expect(await outcome.getAttribute('data-ok')).toBe(String(verified.ok));
    if (verified.ok) await expectText(outcome, 'De audittrail is ongeschonden');

    await show(hr, '#/audit');
    await expectText(hr.locator('main'), 'U hebt geen toegang tot deze gegevens.');
    expect(await hr.locator('[data-action="verify-chain"]').count()).toBe(0);
  }, 120_000);

  it('own password: a user changes it from the top bar, reads why a wrong current or weak new one is refused, and signs in with the new one', async () => {
    await show(hr, '#/tasks');
    await open(hr, hr.locator('#account-link'));
    await expectText(hr.getByRole('heading', { level: 1 }), 'Mijn account');
    const fill = async (current: string, next: string) => {
      await hr.getByLabel('Huidig wachtwoord').fill(current);
      await hr.getByLabel('Nieuw wachtwoord', { exact: true }).fill(next);
      await hr.getByLabel('Herhaal het nieuwe wachtwoord').fill(next);
      await hr.locator('[data-action="change-password"]').click();
    };
    const NEW_PASSWORD = 'paarse-olifant-zingt-17';
    await fill('not-my-password-at-all', NEW_PASSWORD);
    await expectText(hr.locator('#alert'), 'Het huidige wachtwoord is niet juist.');
    await fill(PASSWORD, 'password1234');
    await expectText(hr.locator('#alert'), 'Het nieuwe wachtwoord werd geweigerd: het is een veelgebruikt of uitgelekt wachtwoord');
    await fill(PASSWORD, NEW_PASSWORD);
    await expectText(hr.locator('#status'), 'Uw wachtwoord is gewijzigd.');
    expect(await hr.getByLabel('Huidig wachtwoord').inputValue()).toBe('');
    expect(await signIn(hrEmail, PASSWORD)).toBe(401);
    expect(await signIn(hrEmail, NEW_PASSWORD)).toBe(200);
    // This session stays open.
    await hr.reload();
    await expectText(hr.getByRole('heading', { level: 1 }), 'Mijn account');
  }, 120_000);

  it('accident rules: an administrator sets an insurer\'s own declaration term and reads it back in words; HR reads the terms but may not set them', async () => {
    await show(admin, '#/tasks');
    await open(admin, menu(admin, 'Arbeidsongevallen'));
    await open(admin, admin.getByRole('link', { name: 'Instellingen', exact: true }));
    await expectText(admin.locator('#accident-rules'), 'Aangiftetermijnen');
    await expectText(admin.locator('#accident-rules table'), 'Standaard');
    await admin.getByLabel('Land', { exact: true }).selectOption('BE');
    await admin.getByLabel('Verzekeraar', { exact: true }).selectOption({ label: `Ongevallenverzekeraar ${stamp}` });
    await admin.getByLabel('Termijn voor de aangifte (dagen)').fill('20');
    await admin.getByLabel('Herinneringen op dag').fill('5, 12');
    await admin.getByLabel('Uur van de herinnering').fill('9');
    await admin.locator('[data-action="save-accident-rule"]').click();
    await expectText(admin.locator('#status'), 'Aangiftetermijn opgeslagen.');
    await expectText(admin.locator('#accident-rules tr', { hasText: `Ongevallenverzekeraar ${stamp}` }), 'Ingesteld');
    const rules = await api(h, 'GET', '/api/accident-rules');
    expect(rules.configured).toContainEqual({ country: 'BE', supplierId, days: 20, reminderDays: [5, 12], reminderHour: 9 });

    // A reminder on the last day of the term or after it is refused, in words.
    await admin.getByLabel('Verzekeraar', { exact: true }).selectOption({ label: `Ongevallenverzekeraar ${stamp}` });
    await admin.getByLabel('Herinneringen op dag').fill('5, 20');
    await admin.locator('[data-action="save-accident-rule"]').click();
    await expectText(admin.locator('#alert'), 'De invoer werd niet aanvaard');

    await show(hr, '#/accidents?view=settings');
    await expectText(hr.locator('#accident-rules tr', { hasText: `Ongevallenverzekeraar ${stamp}` }), 'Ingesteld');
    expect(await hr.locator('[data-action="save-accident-rule"]').count()).toBe(0);
  }, 120_000);

  it('supplier kind, fields and own column headers: an administrator corrects them on the supplier\'s page; HR sees them but no form', async () => {
    await show(admin, `#/suppliers/${supplierId}`);
    await expectText(admin.getByRole('heading', { level: 1 }), `Ongevallenverzekeraar ${stamp}`);
    const edit = admin.locator('form[aria-labelledby="edit-supplier-title"]');
    await edit.getByLabel('Soort').selectOption('group_insurance');
    await edit.getByLabel('Eigen keuze van gegevens').check();
    const needed = edit.getByRole('group', { name: 'Benodigde gegevens' });
    for (const name of ['Personeelsnummer', 'BSN / rijksregisternummer', 'Achternaam']) await needed.getByLabel(name, { exact: true }).check();
    await admin.locator('[data-action="save-supplier"]').click();
    await expectText(admin.locator('#status'), 'Instantie opgeslagen.');
    await expectText(admin.locator('main dl').first(), 'Groepsverzekering');
    expect(await api(h, 'GET', `/api/suppliers/${supplierId}`)).toMatchObject({ kind: 'group_insurance', fields: ['employeeNumber', 'nationalId', 'lastName'] });

    const headers = admin.getByRole('group', { name: 'Eigen kolomkoppen' });
    await headers.getByLabel('Eigen kop voor Personeelsnummer').fill('NUM_TRAV');
    await admin.locator('[data-action="save-report-settings"]').click();
    await expectText(admin.locator('#status'), 'Rapportinstellingen opgeslagen.');
    await expectText(admin.locator('main dl'), 'Personeelsnummer → NUM_TRAV');
    const settings = await api(h, 'GET', `/api/suppliers/${supplierId}/report-settings`);
    expect(settings.format.headerLabels).toEqual({ employeeNumber: 'NUM_TRAV' });

    // Back to the kind's fields.
    await admin.locator('form[aria-labelledby="edit-supplier-title"]').getByLabel('Eigen keuze van gegevens').uncheck();
    await admin.locator('[data-action="save-supplier"]').click();
    await expectText(admin.locator('main dl').first(), 'die van de soort');
    expect((await api(h, 'GET', `/api/suppliers/${supplierId}`)).fields).toBeNull();

    await show(hr, `#/suppliers/${supplierId}`);
    await expectText(hr.locator('main dl').first(), 'Groepsverzekering');
    await expectText(hr.locator('main dl'), 'Personeelsnummer → NUM_TRAV');
    expect(await hr.locator('[data-action="save-supplier"]').count()).toBe(0);
    expect(await hr.locator('[data-action="save-report-settings"]').count()).toBe(0);
  }, 120_000);

  it('bordereau profile: an administrator maps the insurer\'s columns and a movement code of its own; HR reads the profile, no form', async () => {
    await show(admin, `#/suppliers/${supplierId}`);
    await expectText(admin.locator('#bordereau-profile'), 'Premieborderel');
    const addPair = async (name: string, key: string, value: string) => {
      const box = admin.locator(`[data-pairs="${name}"]`);
      await box.locator(`[data-action="add-${name}"]`).click();
      const row = box.locator('fieldset.row').last();
      await row.locator('input').fill(key);
      await row.locator('select').selectOption(value);
    };
    await addPair('bordColumn', 'INSZ', 'nationalId');
    await addPair('bordColumn', 'PREMIE', 'premium');
    await addPair('bordCode', '99', 'death');
    await admin.getByLabel('Correctietermijn van de verzekeraar').fill('45');
    await admin.locator('[data-action="save-bordereau-profile"]').click();
    await expectText(admin.locator('#status'), 'Borderelprofiel opgeslagen.');
    await expectText(admin.locator('#bordereau-profile dl'), 'INSZ → Rijksregisternummer / BSN');
    await expectText(admin.locator('#bordereau-profile dl'), '99 → Overlijden');
    const profile = await api(h, 'GET', `/api/suppliers/${supplierId}/bordereau-profile`);
    expect(profile).toMatchObject({ columns: { INSZ: 'nationalId', PREMIE: 'premium' }, correctionWindowDays: 45 });
    expect(profile.movementCodes).toMatchObject({ '05': 'affiliation', '99': 'death' });

    await show(hr, `#/suppliers/${supplierId}`);
    await expectText(hr.locator('#bordereau-profile dl'), '45 dagen');
    expect(await hr.locator('[data-action="save-bordereau-profile"]').count()).toBe(0);
  }, 120_000);

  it('contribution settings: an administrator sets the payroll file (a pay code, a fixed column, e-mail delivery) on the employer\'s page; HR reads them, no form', async () => {
    await api(h, 'POST', `/api/employers/${employerId}/suppliers`, { supplierId, collectiveNumber: `COL-${stamp}`, startDate: '2026-01-01' });
    const plan = await api(h, 'POST', '/api/plans', { supplierId, name: `Groepsplan ${stamp}`, premiumFormula: { kind: 'fixed', amountCents: 2500 } });

    await show(admin, `#/employers/${employerId}`);
    const part = admin.locator('#contribution-settings');
    await expectText(part.locator('dl'), 'standaardinstellingen');
    await part.getByLabel(`Looncomponent voor Groepsplan ${stamp}`).fill('LC-4711');
    await part.locator('[data-action="add-contribution-column"]').click();
    const added = part.locator('.field-rows fieldset.row').last();
    await added.getByLabel('Kolomkop').fill('Bedrijf');
    await added.getByLabel('Inhoud').selectOption('fixed');
    await added.getByLabel('Vaste tekst').fill('ACME');
    await part.getByLabel('Kanaal').selectOption('email');
    await part.getByLabel('Ontvangers').fill('loon@werkgever.example');
    await part.getByLabel('Correcties tot (maanden terug)').fill('6');
    await part.locator('[data-action="save-contribution-settings"]').click();
    await expectText(admin.locator('#status'), 'Instellingen van het bijdragebestand opgeslagen.');
    await expectText(admin.locator('#contribution-settings dl'), `Groepsplan ${stamp} (Ongevallenverzekeraar ${stamp}) → LC-4711`);
    const settings = await api(h, 'GET', `/api/employers/${employerId}/contribution-settings`);
    expect(settings).toMatchObject({ configured: true, retroMonths: 6, delivery: { transport: 'email', to: ['loon@werkgever.example'] }, layout: { payCodes: { [plan.id]: 'LC-4711' } } });
    expect(settings.layout.columns.at(-1)).toEqual({ header: 'Bedrijf', value: 'fixed', text: 'ACME' });

    await show(hr, `#/employers/${employerId}`);
    await expectText(hr.locator('#contribution-settings dl'), 'LC-4711');
    expect(await hr.locator('[data-action="save-contribution-settings"]').count()).toBe(0);
  }, 120_000);
});
