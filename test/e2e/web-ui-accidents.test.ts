/**
 * Work accidents in the web UI, in a real browser (the system's Chromium) against the real app
 * (PostgreSQL, Temporal, a worker): an HR user registers an accident and sees its deadline,
 * reassigns the declaration task with a comment, uploads a sick note (a renamed file refused with
 * the API's message), declares, records a payment and the return to work, and closes the case;
 * HR never gets a document's content, the accident manager opens the declaration PDF.
 */
import type { Browser, BrowserContext, Page} from 'playwright-core';
import { chromium } from 'playwright-core';
import type { AccidentWorld} from '../support/accident-fixture';
import { BRUSSELS, VICTIM, addDays, createAccidentWorld, localDate } from '../support/accident-fixture';
import type { Authenticator } from '../support/browser';
import { CHROMIUM, EXPECT, closeBrowserAndHarness, expectText, login as signIn, watchPage } from '../support/browser';
import type { Harness} from '../support/harness';
import { startHarness } from '../support/harness';
import { api } from '../support/message-fixture';

const PASSWORD = 'correct-horse-battery-9';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

describe('work accidents in the web UI', () => {
  let h: Harness;
  let browser: Browser;
  let world: AccidentWorld;
  let hrContext: BrowserContext;
  let page: Page;
  let base: string;
  let accidentId: string;
  const stamp = Date.now();
  const pageErrors: string[] = [];
  const hrEmail = `hr-${stamp}@web-ui-accidents.test`;
  const managerEmail = `manager-${stamp}@web-ui-accidents.test`;
  const managerApp: Authenticator = {};
  // An hour ago, on the wall clock of Brussels (the employer is Belgian; the browser runs there too).
  const occurred = Date.now() - 3_600_000;
  const occurredDay = localDate(occurred, BRUSSELS);
  const occurredTime = new Intl.DateTimeFormat('en-GB', { timeZone: BRUSSELS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(occurred);
  const newContext = () => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-BE', timezoneId: BRUSSELS, acceptDownloads: true });

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    base = h.publicUrl;
    browser = await chromium.launch(CHROMIUM);
    world = await createAccidentWorld(h.db);
    await api(h, 'POST', '/api/users', { email: hrEmail, name: 'Hilde HR', password: PASSWORD, role: 'hr', employerIds: [world.employerId], language: 'nl' });
    // Health access is granted by the health administrator, not the admin.
    const manager = await h.app.inject({ method: 'POST', url: '/api/users', headers: h.healthAuth, payload: { email: managerEmail, name: 'Marc Manager', password: PASSWORD, role: 'accident_manager', employerIds: [world.employerId], language: 'nl' } });
    expect(manager.statusCode).toBe(201);
    hrContext = await newContext();
    page = watchPage(await hrContext.newPage(), pageErrors);
  }, 120_000);

  afterAll(() => closeBrowserAndHarness(browser, h));

  const login = (p: Page, email: string) => signIn(p, base, email, PASSWORD);
  /** A case as the health administrator reads it: with the health facts the admin does not see. */
  const healthRead = async (url: string) => {
    const res = await h.app.inject({ method: 'GET', url, headers: h.healthAuth });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('registers an accident from the accident list and shows its deadline', async () => {
    await login(page, hrEmail);
    await page.getByRole('navigation').getByRole('link', { name: 'Arbeidsongevallen' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Arbeidsongevallen');
    const open = page.getByRole('button', { name: 'Ongeval registreren', exact: true });
    await open.click();
    expect(await open.getAttribute('aria-expanded')).toBe('true');
    const form = page.getByRole('form', { name: 'Arbeidsongeval registreren' });
    await form.getByLabel('Werknemer zoeken').fill('vandevoorde');
    // The one match is chosen; its option names the employee.
    await waitFor(async () => (await form.getByLabel('Slachtoffer').inputValue()) === world.personId);
    expect(await form.getByLabel('Slachtoffer').locator('option:checked').textContent()).toContain(VICTIM.lastName);
    await form.getByLabel('Datum en uur van het ongeval').fill(`${occurredDay}T${occurredTime}`);
    await form.getByLabel('Plaats').fill('Magazijn, gang 4');
    await form.getByLabel('Wat is er gebeurd').fill('Van de trapladder gevallen bij het aanvullen van het bovenste rek.');
    await form.getByLabel('Naam getuige').fill('Jef Peeters');
    await form.getByLabel('Lichaamsdeel').fill('linkerpols');
    await form.getByLabel('Aard van het letsel').fill('breuk');
    await form.getByRole('button', { name: 'Letsel toevoegen' }).click();
    await expectText(form, 'Letsel 2');
    await form.getByLabel('Lichaamsdeel').nth(1).fill('rug');
    await form.getByLabel('Aard van het letsel').nth(1).fill('kneuzing');
    await form.getByLabel('Medische zorg').fill('Spoed AZ Sint-Jan');
    await form.getByLabel('Arbeidsongeschikt vanaf').fill(occurredDay);
    await form.getByRole('button', { name: 'Ongeval opslaan' }).click();

    await page.waitForURL(new RegExp(`#/accidents/${UUID}$`));
    accidentId = new URL(page.url()).hash.split('/')[2];
    const a = await healthRead(`/api/accidents/${accidentId}`);
    expect(a).toMatchObject({ personId: world.personId, status: 'open', place: 'Magazijn, gang 4', incapacityFrom: occurredDay });
    expect(a.deadline).not.toBeNull();
    // The Dutch UI writes dates as dd-mm-jjjj (web/src/i18n.ts).
    const deadline = new Intl.DateTimeFormat('nl-NL', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${a.deadline.date}T00:00:00Z`));
    await expectText(page.locator('#status'), `Ongeval ${a.reference} geregistreerd. Aangeven vóór ${deadline}.`);
    await expectText(page.locator('main dl'), deadline);
    // No name, no medical detail in the address; HR does not see the details.
    expect(new URL(page.url()).hash).toBe(`#/accidents/${accidentId}`);
    await expectText(page.locator('main'), 'De medische gegevens zijn alleen zichtbaar voor de ongevallenbeheerder.');
    expect((await api(h, 'GET', `/api/accidents/${accidentId}`)).history.map((e: { kind: string }) => e.kind)).toContain('registered');
  });

  it('reassigns the declaration task with a comment in the inbox', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Taken' }).click();
    const card = page.locator('article.task[data-kind="declare_accident"]');
    await card.waitFor();
    await card.getByText('Toewijzen of opmerking toevoegen').click();
    // Picked from who may do it (the roles and users holding tasks.complete and accidents.manage).
    await expectText(card.getByLabel('Toewijzen aan (rol of gebruiker)'), 'Ongevallenbeheerder');
    await card.getByLabel('Toewijzen aan (rol of gebruiker)').selectOption('accident_manager');
    await card.getByLabel('Opmerking (optioneel)').fill('Graag overnemen, attest volgt.');
    await card.getByRole('button', { name: 'Toewijzen', exact: true }).click();
    await expectText(page.locator('#status'), 'Taak toegewezen aan Ongevallenbeheerder.');
    await expectText(page.locator('article.task[data-kind="declare_accident"] .comments'), 'Graag overnemen, attest volgt.');
    const [task] = (await api(h, 'GET', `/api/tasks?accidentId=${accidentId}`)).items;
    expect(task).toMatchObject({ assignee: 'accident_manager', comments: [{ by: `user:${hrEmail}`, text: 'Graag overnemen, attest volgt.' }] });
  });

  it('uploads a sick note; a renamed file is refused with the API\'s message; HR gets no content link', async () => {
    await page.goto(`${base}/#/accidents/${accidentId}`);
    const form = page.getByRole('form', { name: 'Document toevoegen' });
    await form.getByLabel('Soort document').selectOption('sick_note');
    await form.getByLabel('Geldig vanaf').fill(occurredDay);
    await form.getByLabel('Geldig tot').fill(addDays(occurredDay, 12));
    await form.getByLabel('Bestand').setInputFiles({ name: 'ziektebriefje.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just text, renamed to .pdf') });
    await form.getByRole('button', { name: 'Uploaden' }).click();
    await expectText(page.locator('#alert'), 'not a PDF, JPEG or PNG');
    expect((await api(h, 'GET', `/api/accidents/${accidentId}`)).documents).toEqual([]);

    await form.getByLabel('Bestand').setInputFiles({ name: 'ziektebriefje.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.getByRole('button', { name: 'Uploaden' }).click();
    await expectText(page.locator('#status'), 'Document toegevoegd.');
    const documents = page.locator('#documents');
    // HR uploaded it, but reads back neither its kind nor its dates: health data.
    await expectText(documents, 'Medisch document');
    await expectText(documents, 'inhoud alleen voor de ongevallenbeheerder');
    expect(await documents.locator('a').count()).toBe(0);
    expect((await healthRead(`/api/accidents/${accidentId}`)).documents).toMatchObject([{ kind: 'sick_note', validUntil: addDays(occurredDay, 12) }]);
  });

  it('closing too early shows what is not settled; declares for download', async () => {
    await page.getByRole('button', { name: 'Afsluiten' }).click();
    await expectText(page.locator('#alert'), 'the accident is not declared yet');

    const form = page.getByRole('form', { name: 'Ongeval aangeven' });
    await form.getByLabel('Downloaden (voor het portaal van de sociale zekerheid)').check();
    await form.getByLabel('Taal van de aangifte').selectOption('fr');
    await form.getByRole('button', { name: 'Aangeven' }).click();
    await expectText(page.locator('#status'), 'Ongeval aangegeven');
    await expectText(page.locator('main dl'), 'Aangegeven');
    expect(await page.getByRole('form', { name: 'Ongeval aangeven' }).count()).toBe(0);
    // HR sees that a declaration exists, not its content.
    await expectText(page.locator('#documents'), 'Aangifte');
    expect(await page.locator('#declaration-link, #documents a').count()).toBe(0);
    expect(await api(h, 'GET', `/api/accidents/${accidentId}`)).toMatchObject({ status: 'declared', declaredVia: 'download' });
  });

  it('the accident manager opens the declaration PDF', async () => {
    const context = await newContext();
    try {
      const p = await context.newPage();
      p.setDefaultTimeout(EXPECT);
      // The accident manager holds accidents.health: the first sign-in sets up the second factor.
      await signIn(p, base, managerEmail, PASSWORD, managerApp);
      await p.goto(`${base}/#/accidents/${accidentId}`);
      await expectText(p.locator('main'), 'linkerpols: breuk');
      const link = p.getByRole('link', { name: 'Aangifte openen (PDF)' });
      const [download] = await Promise.all([p.waitForEvent('download'), link.click()]);
      const chunks: Buffer[] = [];
      for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
      expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
      await expectText(p.locator('main'), 'ziektebriefje.pdf');
    } finally {
      await context.close();
    }
  });

  it('records an allowance in euros and the return to work, then closes the case', async () => {
    await page.reload();
    const form = page.getByRole('form', { name: 'Gebeurtenis registreren' });
    await form.getByLabel('Gebeurtenis').selectOption('payment_received');
    const payment = form.locator('fieldset[data-kind="payment_received"]');
    await payment.getByLabel('Maand van de uitkering').fill(occurredDay.slice(0, 7));
    await payment.getByLabel('Ontvangen op').fill(occurredDay);
    await payment.getByLabel('Bedrag in euro').fill('1234,5');
    await form.getByRole('button', { name: 'Registreren' }).click();
    await expectText(page.locator('#status'), 'Geregistreerd: Uitkering ontvangen.');
    expect((await api(h, 'GET', `/api/accidents/${accidentId}`)).payments).toEqual([{ period: occurredDay.slice(0, 7), receivedOn: occurredDay, amountCents: 123450 }]);

    await page.getByRole('form', { name: 'Gebeurtenis registreren' }).getByLabel('Gebeurtenis').selectOption('work_resumed');
    await page.locator('fieldset[data-kind="work_resumed"]').getByLabel('Datum').fill(occurredDay);
    await page.getByRole('form', { name: 'Gebeurtenis registreren' }).getByRole('button', { name: 'Registreren' }).click();
    await expectText(page.locator('#status'), 'Geregistreerd: Werkhervatting.');
    // The return to work is a health fact: recorded by HR, shown to the accident manager.
    expect(await page.locator('main dl').textContent()).not.toContain('Werk hervat op');

    await page.getByRole('button', { name: 'Afsluiten' }).click();
    await expectText(page.locator('#status'), 'Dossier afgesloten.');
    await expectText(page.locator('main dl'), 'Afgesloten');
    expect(await page.getByRole('heading', { name: 'Acties' }).count()).toBe(0);
    expect(await healthRead(`/api/accidents/${accidentId}`)).toMatchObject({ status: 'closed', workResumedOn: occurredDay, closedBy: `user:${hrEmail}` });
    expect(pageErrors).toEqual([]);
  });
});


async function waitFor(check: () => Promise<boolean>) {
  const until = Date.now() + EXPECT;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 100));
  }
}
