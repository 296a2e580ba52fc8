/**
 * People in a real browser (the system's Chromium) against the real app, PostgreSQL, Temporal, a
 * worker and the insurer simulator: an HR user completes a missing street (seeing the effect on the
 * message before saving) and the message goes on to Verwerkt; corrects a start date after the
 * 120-day failure (the rule explained in Dutch, the suggested date filled in) and the new message is
 * processed; enrolls and deregisters; adds, corrects and ends a family member; runs both enrollment
 * imports, a bad file's problems shown per row and column. A viewer sees none of these actions.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM, EXPECT, expectText, login as signIn } from '../support/browser';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import type { Simulator, World } from '../support/message-fixture';
import { addDays, api, createPerson, createWorld, eventually, startSimulator, today } from '../support/message-fixture';

const PASSWORD = 'correct-horse-battery-9';
// How the Dutch UI writes a date (Intl's nl-NL: 31-12-2026).
const dutch = (iso: string) => `${iso.slice(8, 10)}-${iso.slice(5, 7)}-${iso.slice(0, 4)}`;

/**
 * axe-core on the page as it stands: the serious and critical violations (rule id and the first
 * element), none expected. Evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
async function accessibilityProblems(p: Page): Promise<string[]> {
  await p.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await p.evaluate(async () => {
    const page = globalThis as unknown as { document: unknown; axe: { run: (ctx: unknown, opts: unknown) => Promise<{ passes: unknown[]; violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } };
    const result = await page.axe.run(page.document, { resultTypes: ['violations'] });
    // A run that checked nothing would pass anything.
    if (!result.passes.length) throw new Error('axe checked no rule');
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, target: v.nodes[0]?.target.join(' ') ?? '' }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}) at ${v.target}`);
}

describe('people in the web UI', () => {
  let h: Harness;
  let sim: Simulator;
  let browser: Browser;
  let world: World;
  let hr: BrowserContext;
  let page: Page;
  const hrEmail = `hr-people-${Date.now()}@web-ui.test`;
  const viewerEmail = `viewer-people-${Date.now()}@web-ui.test`;

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    sim = await startSimulator();
    browser = await chromium.launch(CHROMIUM);
    world = await createWorld(h.db, sim);
    await api(h, 'POST', '/api/users', { email: hrEmail, name: 'Hanna HR', password: PASSWORD, role: 'hr', employerIds: [world.employerId], language: 'nl' });
    await api(h, 'POST', '/api/users', { email: viewerEmail, name: 'Vera Viewer', password: PASSWORD, role: 'viewer', employerIds: [world.employerId], language: 'nl' });
    hr = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    page = await hr.newPage();
    page.setDefaultTimeout(EXPECT);
    await signIn(page, h.publicUrl, hrEmail, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await sim?.app.close().catch(() => undefined);
    await h?.close();
  });

  const messagesOf = async (personId: string) => (await api(h, 'GET', `/api/messages?personId=${personId}`)).items as { id: string; status: string; kind: string; enrollmentId: string }[];

  it('says the same figures in Dutch, French and English (the placeholders of every text agree)', () => {
    const dict = (lang: string): Record<string, string> => JSON.parse(readFileSync(join(__dirname, '../../web/i18n', `${lang}.json`), 'utf8'));
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    const [nl, fr, en] = ['nl', 'fr', 'en'].map(dict);
    const differ = Object.keys(nl).filter((k) => placeholders(nl[k]) !== placeholders(fr[k] ?? '') || placeholders(nl[k]) !== placeholders(en[k] ?? ''));
    expect(differ).toEqual([]);
    // The 120-day explanation is there in each language, with its figures.
    for (const d of [nl, fr, en]) expect(placeholders(d['finding.start_too_old'])).toBe('ageDays,maxDays,sendDate');
  });

  it('Incompleet (street missing) → HR completes the street, sees the effect first → the message ends Verwerkt', async () => {
    const { personId } = await createPerson(h.db, world, { lastName: 'Oudshoorn', firstName: 'Bram', street: null });
    const created = await api(h, 'POST', '/api/enrollments', { personId, planId: world.planId, startDate: addDays(today(), -10) });
    const messageId = created.messages[0].id;
    expect(created.messages[0]).toMatchObject({ status: 'incomplete', missingFields: ['street'] });

    await page.goto(`${h.publicUrl}/#/messages/${messageId}`);
    await expectText(page.locator('main dl'), 'Incompleet');
    await expectText(page.locator('main dl'), 'Straat');
    await page.getByRole('link', { name: 'Gegevens aanvullen' }).click();
    await page.waitForURL(new RegExp(`#/persons/${personId}\\?correct=1$`));
    await expectText(page.locator('#incomplete-notice'), 'ontbreekt: Straat');
    // The correction opens by itself, the missing field marked.
    const street = page.getByLabel('Straat', { exact: true });
    await street.waitFor();
    expect(await street.getAttribute('aria-invalid')).toBe('true');
    await street.fill('Kerkstraat');
    await page.getByRole('button', { name: 'Gevolgen bekijken' }).click();
    const effect = page.locator(`#correction-effects li[data-message="${messageId}"]`);
    await expectText(effect, 'wordt compleet en gaat verder');
    await expectText(page.locator('#correction-effects'), 'Gewijzigd: Straat.');
    expect(await accessibilityProblems(page)).toEqual([]);
    // Only shown: nothing stored yet.
    expect((await api(h, 'GET', `/api/persons/${personId}`)).data.street).toBeNull();
    expect((await api(h, 'GET', `/api/messages/${messageId}`)).status).toBe('incomplete');

    // A change after the preview asks for a new one before saving.
    await street.fill('Kerkstraat ');
    expect(await page.locator('#correction-save').isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Gevolgen bekijken' }).click();
    await page.getByRole('button', { name: 'Correctie opslaan' }).click();
    await expectText(page.locator('#status'), 'Gegevens opgeslagen.');
    expect((await api(h, 'GET', `/api/persons/${personId}`)).data.street).toBe('Kerkstraat');

    await eventually(async () => api(h, 'GET', `/api/messages/${messageId}`), (m) => m.status === 'processed', 60_000);
    await page.goto(`${h.publicUrl}/#/messages/${messageId}`);
    await expectText(page.locator('main dl'), 'Verwerkt');
    await expectText(page.locator('main table'), 'Niet verzonden');
  }, 120_000);

  it('Fout bij verzenden (120 days) → HR corrects the start date in the browser → a new message is sent and processed', async () => {
    const { personId } = await createPerson(h.db, world, { lastName: 'Peeters', firstName: 'Chantal' });
    const start = addDays(today(), -130);
    const created = await api(h, 'POST', '/api/enrollments', { personId, planId: world.planId, startDate: start });
    const failedId = created.messages[0].id;
    const enrollmentId = created.enrollment.id;
    await eventually(async () => api(h, 'GET', `/api/messages/${failedId}`), (m) => m.status === 'send_failed', 60_000);

    await page.goto(`${h.publicUrl}/#/messages/${failedId}`);
    await expectText(page.locator('main dl'), 'Fout bij verzenden');
    // The rule explained in Dutch, its dates in the Dutch format.
    await expectText(page.locator('main dl'), `De aansluiting begint 130 dagen vóór de verzenddatum ${dutch(today())}`);
    await expectText(page.locator('main dl'), `een ingangsdatum op of na ${dutch(addDays(today(), -120))}`);
    await page.getByRole('link', { name: 'Ingangsdatum corrigeren' }).click();
    await page.waitForURL(new RegExp(`#/persons/${personId}\\?enrollment=${enrollmentId}$`));
    const form = page.locator(`form[data-enrollment="${enrollmentId}"]`);
    await expectText(form, 'verzekeraars aanvaarden hoogstens 120 dagen');
    // The earliest start the insurer accepts today is suggested and filled in.
    await expectText(form, `Voorgesteld: ${dutch(addDays(today(), -120))}`);
    const input = form.getByLabel('Nieuwe ingangsdatum');
    // Playwright reads the field as the user sees it (dd-mm-jjjj); the API receives ISO (checked below).
    expect(await input.inputValue()).toBe(dutch(addDays(today(), -120)));
    expect(await accessibilityProblems(page)).toEqual([]);
    await form.getByRole('button', { name: 'Ingangsdatum opslaan' }).click();
    await expectText(page.locator('#status'), '1 nieuwe melding(en) aangemaakt.');
    // Back on the person's page as such: the correction does not open again.
    await page.waitForURL(new RegExp(`#/persons/${personId}$`));
    await page.locator(`form[data-enrollment="${enrollmentId}"]`).waitFor({ state: 'detached' });
    // The new start in the start column (the 120-day note is gone: the newest message is not the failed one).
    expect((await page.locator('#enrollments table tbody tr td').nth(3).textContent())?.trim()).toBe(dutch(addDays(today(), -120)));

    const fresh = await eventually(async () => (await messagesOf(personId)).filter((m) => m.id !== failedId), (ms) => ms.length === 1);
    expect(fresh[0]).toMatchObject({ kind: 'enrollment', enrollmentId });
    await eventually(async () => api(h, 'GET', `/api/messages/${fresh[0].id}`), (m) => m.status === 'processed', 60_000);
    expect((await api(h, 'GET', `/api/messages/${failedId}`)).status).toBe('send_failed');
  }, 120_000);

  it('enrolls a person in a plan and deregisters them (end date), each with its message', async () => {
    const { personId } = await createPerson(h.db, world, { lastName: 'Smit', firstName: 'Daan' });
    await page.goto(`${h.publicUrl}/#/persons/${personId}`);
    await expectText(page.locator('h1'), 'Daan Smit');
    await page.getByRole('button', { name: 'Aansluiten bij een polis' }).click();
    await page.getByLabel('Polis').selectOption(world.planId);
    await page.getByLabel('Ingangsdatum', { exact: true }).fill(addDays(today(), -3));
    await page.getByRole('button', { name: 'Aansluiten bij een polis' }).last().click();
    await expectText(page.locator('#status'), 'Aansluiting opgeslagen. 1 nieuwe melding(en) aangemaakt.');
    const [enrollment] = (await api(h, 'GET', `/api/enrollments?personId=${personId}`)).items;
    expect(enrollment).toMatchObject({ planId: world.planId, startDate: addDays(today(), -3), endDate: null, source: 'manual' });

    await page.getByRole('button', { name: 'Afmelden (einddatum)' }).click();
    await page.getByLabel('Einddatum', { exact: true }).fill(addDays(today(), 20));
    await page.locator('#enrollments').getByRole('button', { name: 'Afmelden', exact: true }).click();
    // The page comes back with the end date, and the deregister action gone.
    await expectText(page.locator('#enrollments table tbody'), dutch(addDays(today(), 20)));
    expect(await page.getByRole('button', { name: 'Afmelden (einddatum)' }).count()).toBe(0);
    expect((await api(h, 'GET', `/api/enrollments/${enrollment.id}`)).endDate).toBe(addDays(today(), 20));
    const kinds = (await messagesOf(personId)).map((m) => m.kind).sort();
    expect(kinds).toEqual(['enrollment', 'termination']);
    // The person's message history links to the messages.
    await expectText(page.locator('main table').last(), 'Afmelding');
  }, 90_000);

  it('adds, corrects and ends a family member', async () => {
    const { personId } = await createPerson(h.db, world, { lastName: 'Visser', firstName: 'Eva' });
    await page.goto(`${h.publicUrl}/#/persons/${personId}`);
    await expectText(page.locator('h1'), 'Eva Visser');
    await page.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    const add = page.locator('#family form');
    await add.getByLabel('Relatie').selectOption('child');
    await add.getByLabel('Voornaam').fill('Noor');
    await add.getByLabel('Achternaam').fill('Visser');
    await add.getByLabel('Geboortedatum').fill('2019-05-04');
    expect(await accessibilityProblems(page)).toEqual([]);
    await add.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    await expectText(page.locator('#status'), 'Gezinslid toegevoegd.');
    await expectText(page.locator('#family table'), 'Noor Visser');
    await expectText(page.locator('#family table'), 'Kind');

    await page.locator('#family table').getByRole('button', { name: 'Wijzigen of beëindigen' }).click();
    const edit = page.locator('#family table form');
    await edit.getByLabel('Voornaam').fill('Noortje');
    await edit.getByLabel('Einddatum').fill(addDays(today(), 30));
    await edit.getByRole('button', { name: 'Opslaan' }).click();
    await expectText(page.locator('#status'), 'Gezinslid opgeslagen.');
    const [member] = (await api(h, 'GET', `/api/persons/${personId}/family-members`)).items;
    expect(member).toMatchObject({ relation: 'child', firstName: 'Noortje', lastName: 'Visser', birthDate: '2019-05-04', endDate: addDays(today(), 30) });
    await expectText(page.locator('#family table'), dutch(addDays(today(), 30)));
  }, 60_000);

  it('runs the two enrollment imports: a bad file\'s problems per row and column, then the initial load and a change', async () => {
    const { personId } = await createPerson(h.db, world, { lastName: 'Mulder', firstName: 'Femke' });
    const { employeeNumber } = (await api(h, 'GET', `/api/persons/${personId}`));
    await page.getByRole('link', { name: 'Aansluitingen' }).click();
    await expectText(page.locator('h1'), 'Aansluitingen');
    const upload = async (formId: string, csv: string) => {
      const form = page.locator(`#${formId}`);
      await form.getByLabel('Bestand (CSV)').setInputFiles({ name: 'aansluitingen.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await form.getByRole('button', { name: 'Inlezen' }).click();
      return form;
    };
    const bad = await upload('import-initial', `employeeNumber,planId,startDate,endDate\nNOBODY,${world.planId},2024-01-01,\n${employeeNumber},${world.planId},2024-02-31,\n`);
    await expectText(bad, '2 fout(en) in het bestand: er is niets ingelezen.');
    const rows = bad.locator('#import-initial-problems tbody tr');
    await expectText(rows.nth(0), 'employeeNumber');
    await expectText(rows.nth(0), 'Geen medewerker met dit personeelsnummer bij deze werkgever.');
    await expectText(rows.nth(1), 'startDate');
    await expectText(rows.nth(1), 'Geen echte datum');
    expect((await rows.nth(0).locator('td').first().textContent())?.trim()).toBe('2');
    expect((await rows.nth(1).locator('td').first().textContent())?.trim()).toBe('3');
    expect(await accessibilityProblems(page)).toEqual([]);
    expect((await api(h, 'GET', `/api/enrollments?personId=${personId}`)).items).toEqual([]);

    const initial = await upload('import-initial', `employeeNumber,planId,startDate,endDate\n${employeeNumber},${world.planId},2024-01-01,\n`);
    await expectText(initial, 'Ingelezen: 1 nieuw, 0 beëindigd, 0 bijgewerkt, 0 ongewijzigd; 0 melding(en).');
    expect(await messagesOf(personId)).toEqual([]);

    const change = await upload('import-changes', `employeeNumber,planId,startDate,endDate\n${employeeNumber},${world.planId},2024-01-01,${addDays(today(), 10)}\n`);
    await expectText(change, 'Ingelezen: 0 nieuw, 1 beëindigd, 0 bijgewerkt, 0 ongewijzigd; 1 melding(en).');
    expect((await messagesOf(personId)).map((m) => m.kind)).toEqual(['termination']);
    await page.reload();
    await expectText(page.locator('main table tbody'), 'Femke Mulder');
  }, 90_000);

  it('a viewer sees people, enrollments and family, but none of the actions', async () => {
    const { personId } = await createPerson(h.db, world, { lastName: 'de Vries', firstName: 'Gijs', street: null });
    await api(h, 'POST', '/api/enrollments', { personId, planId: world.planId, startDate: addDays(today(), -5) });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-BE' });
    try {
      const p = await context.newPage();
      p.setDefaultTimeout(EXPECT);
      await signIn(p, h.publicUrl, viewerEmail, PASSWORD);
      await p.goto(`${h.publicUrl}/#/persons/${personId}?correct=1`);
      await expectText(p.locator('h1'), 'Gijs de Vries');
      await expectText(p.locator('#enrollments table'), 'Basis');
      await expectText(p.locator('#family'), 'Gezinsleden');
      for (const name of ['Gegevens corrigeren', 'Gezinslid toevoegen', 'Aansluiten bij een polis', 'Ingangsdatum corrigeren', 'Afmelden (einddatum)']) {
        expect(await p.getByRole('button', { name }).count()).toBe(0);
      }
      expect(await p.locator('#correction-form').count()).toBe(0);
      const [message] = await messagesOf(personId);
      await p.goto(`${h.publicUrl}/#/messages/${message.id}`);
      await expectText(p.locator('main dl'), 'Incompleet');
      expect(await p.getByRole('link', { name: 'Gegevens aanvullen' }).count()).toBe(0);
      await p.getByRole('link', { name: 'Aansluitingen' }).click();
      await expectText(p.locator('h1'), 'Aansluitingen');
      expect(await p.locator('#import-initial, #import-changes').count()).toBe(0);
      // The API refuses the viewer's correction too (with the session's own CSRF token, read from /api/auth/me).
      const refused = await p.evaluate(async (id) => {
        const me = await (await fetch('/api/auth/me')).json() as { csrfToken: string };
        const res = await fetch(`/api/persons/${id}/correction-preview`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken }, body: JSON.stringify({ street: 'X' }),
        });
        return res.status;
      }, personId);
      expect(refused).toBe(403);
    } finally {
      await context.close();
    }
  }, 60_000);
});
