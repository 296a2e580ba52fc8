/**
 * The web UI in a real browser (the system's Chromium, headless, nothing downloaded) against the
 * real app: PostgreSQL, Temporal, a worker and the insurer simulator. Signs in as an HR user,
 * uploads payroll files, answers cycle tasks, resends a message and switches language; a viewer
 * does not get the resend button.
 * `RECORD_SCREENSHOTS=1` also saves docs/screenshots/task-inbox.png.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page} from 'playwright-core';
import { chromium } from 'playwright-core';
import { WEB_CSP } from '../../api/plugins/web';
import { BSNS, canonicalCsv, personRow } from '../support/canonical-csv';
import { CHROMIUM, EXPECT, expectText, login as signIn } from '../support/browser';
import type { Harness} from '../support/harness';
import { createEmployer, startHarness } from '../support/harness';
import type { Simulator, World} from '../support/message-fixture';
import { addDays, api, completedImport, createPerson, createWorld, enrollmentToConfirm, eventually, startSimulator, today } from '../support/message-fixture';

const PASSWORD = 'correct-horse-battery-9';

describe('web UI in a browser', () => {
  let h: Harness;
  let sim: Simulator;
  let browser: Browser;
  let world: World;
  let payrollEmployerId: string;
  let hrContext: BrowserContext;
  let page: Page;
  const hrEmail = `hr-${Date.now()}@web-ui.test`;
  const viewerEmail = `viewer-${Date.now()}@web-ui.test`;
  let base: string;

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    base = h.publicUrl;
    sim = await startSimulator();
    browser = await chromium.launch(CHROMIUM);
    world = await createWorld(h.db, sim);
    payrollEmployerId = await createEmployer(h, { name: 'Bakkerij Web B.V.' });
    await api(h, 'POST', '/api/users', { email: hrEmail, name: 'Hanna HR', password: PASSWORD, role: 'hr', employerIds: [world.employerId, payrollEmployerId], language: 'nl' });
    await api(h, 'POST', '/api/users', { email: viewerEmail, name: 'Vera Viewer', password: PASSWORD, role: 'viewer', employerIds: [world.employerId], language: 'nl' });
    hrContext = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL' });
    page = await hrContext.newPage();
    page.setDefaultTimeout(EXPECT);
  }, 120_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await sim?.app.close().catch(() => undefined);
    await h?.close();
  });

  const login = (p: Page, email: string) => signIn(p, base, email, PASSWORD);

  it('serves the UI with a strict CSP beside /api, /docs and /health', async () => {
    const index = await fetch(`${base}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/text\/html/);
    expect(index.headers.get('content-security-policy')).toBe(WEB_CSP);
    expect(WEB_CSP).toContain("script-src 'self'");
    expect(WEB_CSP).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect(index.headers.get('referrer-policy')).toBe('no-referrer');
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(`${base}/dist/app.js`)).headers.get('content-type')).toMatch(/javascript/);
    // The bundle is served, not its sources.
    expect((await fetch(`${base}/src/app.ts`)).status).toBe(404);
    expect((await fetch(`${base}/tsconfig.json`)).status).toBe(404);
    expect((await fetch(`${base}/health`)).headers.get('content-type')).toMatch(/json/);
    expect((await fetch(`${base}/api/auth/me`)).status).toBe(401);
    expect((await fetch(`${base}/docs`, { redirect: 'manual' })).status).toBeLessThan(400);
    expect((await fetch(`${base}/no-such-page`)).status).toBe(404);
    const config = await api(h, 'GET', '/api/ui-config');
    expect(config).toEqual({ temporalUiUrl: null, temporalNamespace: 'default' });
  });

  it('has the same keys in Dutch, French and English', () => {
    const keys = (lang: string) => Object.keys(JSON.parse(readFileSync(join(__dirname, '../../web/i18n', `${lang}.json`), 'utf8'))).sort();
    expect(keys('fr')).toEqual(keys('nl'));
    expect(keys('en')).toEqual(keys('nl'));
    expect(keys('nl').length).toBeGreaterThan(100);
  });

  it('signs in (wrong password refused), in the user\'s language', async () => {
    await page.goto(`${base}/`);
    await page.getByLabel('E-mailadres').fill(hrEmail);
    await page.getByLabel('Wachtwoord').fill('not-the-password');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await expectText(page.locator('#login-error'), 'Onjuist e-mailadres of wachtwoord.');
    await login(page, hrEmail);
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await expectText(page.getByRole('heading', { level: 1 }), 'Takenlijst');
    expect(await page.locator('#employer option').count()).toBe(3); // all + the two granted
  });

  it('uploads payroll files: errors in a table, then the changes', async () => {
    await page.selectOption('#employer', payrollEmployerId);
    await page.getByRole('link', { name: 'Payroll-import' }).click();
    const upload = async (csv: string, period: string) => {
      await page.getByLabel('Bestand (CSV of XLSX)').setInputFiles({ name: `loon-${period}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByLabel('Periode (maand)').fill(period);
      await page.getByRole('button', { name: 'Uploaden' }).click();
      await page.waitForURL(/#\/imports\/[0-9a-f-]{36}$/);
      await page.locator('section.import:not([data-status="running"])').waitFor({ timeout: 60_000 });
      // Personal data never travels in the URL: ids only.
      const url = new URL(page.url());
      expect(url.pathname + url.search).toBe('/');
      expect(url.hash).toMatch(/^#\/imports\/[0-9a-f-]{36}$/);
    };
    await upload(canonicalCsv(personRow(), personRow({ employeeNumber: '0002', nationalId: BSNS[1], lastName: 'Bakker' })), '2031-01');
    await expectText(page.locator('main'), 'Geen wijzigingen');

    await page.getByRole('link', { name: /Terug/ }).click();
    await upload(canonicalCsv(personRow(), personRow({ employeeNumber: '0002', nationalId: '123456789', lastName: 'Bakker' })), '2031-02');
    await expectText(page.locator('main'), '1 fout(en): er is niets geïmporteerd.');
    const errors = page.locator('main table');
    await expectText(errors.locator('thead'), 'Rij');
    await expectText(errors.locator('tbody'), 'nationalId');

    await page.getByRole('link', { name: /Terug/ }).click();
    await upload(canonicalCsv(personRow({ street: 'Markt' }), personRow({ employeeNumber: '0002', nationalId: BSNS[1], lastName: 'Bakker', exitDate: '2031-02-28' })), '2031-02');
    await expectText(page.locator('main'), 'Voltooid');
    const changes = page.locator('main table tbody');
    await expectText(changes, 'Markt');
    await expectText(changes, 'Uitdiensttreding');
    expect(await changes.locator('tr').count()).toBe(2);
  });

  let processedMessageId: string;
  it('answers the cycle\'s tasks in the inbox', async () => {
    const period = '2032-03';
    await completedImport(h.db, world.employerId, period);
    const complete = await createPerson(h.db, world, { lastName: 'Verhoeven', firstName: 'Anouk' });
    const noStreet = await createPerson(h.db, world, { lastName: 'Oudshoorn', firstName: 'Bram', street: null });
    const start = addDays(today(), -10);
    for (const { personId } of [complete, noStreet]) await enrollmentToConfirm(h.db, personId, world.planId, start);
    await api(h, 'POST', `/api/employers/${world.employerId}/cycles/${period}`, undefined, 202);
    const [cycle] = await eventually(async () => (await api(h, 'GET', `/api/cycles?employerId=${world.employerId}&period=${period}`)).items, (items: any[]) => items.length === 1);
    await eventually(async () => api(h, 'GET', `/api/cycles/${cycle.id}`), (c) => c.progress?.stage === 'tasks' && c.progress.openTasks === 3, 30_000);

    await page.selectOption('#employer', world.employerId);
    await page.getByRole('link', { name: 'Taken' }).click();
    const cards = page.locator('article.task');
    await cards.nth(2).waitFor();
    expect(await cards.count()).toBe(3);
    await expectText(page.locator('main'), 'Anouk Verhoeven');
    if (process.env.RECORD_SCREENSHOTS === '1') {
      const dir = join(__dirname, '../../docs/screenshots');
      await mkdir(dir, { recursive: true });
      await page.screenshot({ path: join(dir, 'task-inbox.png'), fullPage: false });
    }

    const card = (kind: string, name: string) => page.locator(`article.task[data-kind="${kind}"]`).filter({ hasText: name });
    await card('confirm_enrollment', 'Anouk Verhoeven').getByRole('button', { name: 'Bevestigen' }).click();
    await expectText(page.locator('#status'), 'Taak afgehandeld.');
    await waitCount(page.locator('article.task'), 2);

    const data = card('complete_data', 'Bram Oudshoorn');
    await data.getByLabel('Nieuwe waarde: Straat').fill('Kerkstraat');
    await data.getByRole('button', { name: 'Opslaan' }).click();
    await waitCount(page.locator('article.task'), 1);

    const decline = card('confirm_enrollment', 'Bram Oudshoorn');
    await decline.getByLabel('Reden van afwijzing').fill('Niet in dienst bij deze vestiging');
    await decline.getByRole('button', { name: 'Afwijzen' }).click();
    await expectText(page.locator('main'), 'Geen taken.');

    const answered = (await api(h, 'GET', `/api/tasks?cycleId=${cycle.id}`)).items;
    expect(answered.map((t: { status: string }) => t.status).sort()).toEqual(['completed', 'completed', 'declined']);
    expect(answered.find((t: { kind: string }) => t.kind === 'complete_data').completedBy).toBe(`user:${hrEmail}`);
    await eventually(async () => api(h, 'GET', `/api/cycles/${cycle.id}`), (c) => c.status === 'closed', 60_000);

    // What went wrong for one supplier without stopping the cycle shows on the dashboard.
    await h.db.$client.query(`update cycles set summary = jsonb_set(summary, '{events}', $2::jsonb) where id = $1`,
      [cycle.id, JSON.stringify([{ kind: 'report_render_failed', at: new Date().toISOString(), supplierId: world.supplierId, reason: 'NoSigningKey' }])]);
    await page.getByRole('link', { name: 'Maandcyclus' }).click();
    const attention = page.locator('main table');
    await expectText(attention, 'Rapport niet gemaakt');
    await expectText(attention, 'versleuteling gevraagd, geen ondertekeningssleutel ingesteld');
  }, 120_000);

  it('shows a message with its history and resends it', async () => {
    // An enrollment made through the API: its message goes to the simulator and comes back processed.
    const { personId } = await createPerson(h.db, world, { lastName: 'Peeters', firstName: 'Chantal' });
    const created = await api(h, 'POST', '/api/enrollments', { personId, planId: world.planId, startDate: addDays(today(), -10) });
    processedMessageId = created.messages[0].id;
    await eventually(async () => api(h, 'GET', `/api/messages/${processedMessageId}`), (m) => m.status === 'processed', 60_000);
    await page.getByRole('link', { name: 'Meldingen' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Meldingenmonitor');
    await page.getByRole('search').getByLabel('Status').selectOption('processed');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/status=processed/);
    const row = page.locator(`main tr[data-id="${processedMessageId}"]`);
    await expectText(row, 'Verwerkt');
    await row.getByRole('link').first().click();
    await page.waitForURL(new RegExp(`#/messages/${processedMessageId}$`));
    const history = page.getByRole('table', { name: 'Statusgeschiedenis' });
    await expectText(history, 'Verwerkt');
    await page.getByRole('button', { name: 'Opnieuw verzenden' }).click();
    await expectText(page.locator('#status'), 'Opnieuw verzonden als versie 2.');
    expect((await api(h, 'GET', `/api/messages/${processedMessageId}`)).version).toBe(2);
    // The event's cause in words (messageCause.resend), never the code.
    await expectText(history, 'Opnieuw verzonden');
    expect((await history.innerText()).match(/\b[a-z]+(?:_[a-z]+)+\b/g)).toBeNull();
  }, 90_000);

  it('switches language: the text and <html lang> follow, and the choice is remembered', async () => {
    await page.getByLabel('Taal').selectOption('fr');
    await expectText(page.getByRole('navigation'), 'Tâches');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await expectText(page.getByRole('heading', { level: 2 }), 'Historique des statuts');
    await page.reload();
    await expectText(page.getByRole('navigation'), 'Accidents du travail');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByLabel('Langue').selectOption('en');
    await expectText(page.getByRole('navigation'), 'Monthly cycle');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect((await hrContext.cookies()).find((c) => c.name === 'mf_session')).toBeUndefined();
  });

  it('a user without messages.resend does not see the resend button (nor the upload form)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-BE' });
    try {
      const p = await context.newPage();
      p.setDefaultTimeout(EXPECT);
      await login(p, viewerEmail);
      await p.goto(`${base}/#/messages/${processedMessageId}`);
      await expectText(p.locator('main table'), 'Verwerkt');
      expect(await p.getByRole('button', { name: 'Opnieuw verzenden' }).count()).toBe(0);
      await expectText(p.getByRole('navigation'), 'Meldingen');
      await p.getByRole('link', { name: 'Payroll-import' }).click();
      await expectText(p.locator('main'), 'Eerdere imports');
      expect(await p.getByLabel('Bestand (CSV of XLSX)').count()).toBe(0);
      // A change without the CSRF token is refused even with the session cookie.
      const refused = await p.evaluate(async (id) => {
        const res = await fetch(`/api/messages/${id}/resend`, { method: 'POST' });
        return { status: res.status, error: ((await res.json()) as { error?: string }).error };
      }, processedMessageId);
      expect(refused).toEqual({ status: 403, error: 'csrf' });
    } finally {
      await context.close();
    }
  });
});


async function waitCount(locator: import('playwright-core').Locator, n: number) {
  const until = Date.now() + EXPECT;
  while ((await locator.count()) !== n) {
    if (Date.now() > until) throw new Error(`expected ${n} of ${locator}, found ${await locator.count()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
