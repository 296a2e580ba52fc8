/**
 * The day-to-day screens in a real browser (the system's Chromium) against the real app
 * (PostgreSQL, Temporal, a worker), in Dutch: the process owner sets the employer's cycle
 * schedule, starts a cycle, reads a cycle's page (what waits per supplier, on whom, since when;
 * its reports and receipts) and delivers a failed report again; HR sees neither form, reads the
 * count of its open tasks in the menu with the escalated one marked, and gives the task to a user
 * picked from those who may do it; HR downloads an import's original file and filters its
 * changes on the server; the prevention advisor reads the accident report, HR sets the accident
 * settings the advisor may only read. No screen shows a raw code.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { employerSuppliers, payrollChanges, payrollImports, persons, plans, reportDeliveries, reports, supplierReportSettings, suppliers, tasks } from '../../db/schema';
import { CHROMIUM, EXPECT, closeBrowserAndHarness, expectText, login as signIn, watchPage } from '../support/browser';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import { api, completedImport, enrollmentToConfirm, eventually } from '../support/message-fixture';
import type { ScopedWorld } from '../support/scoped-world';
import { createScopedWorld } from '../support/scoped-world';

const PASSWORD = 'correct-horse-battery-9';
/** A snake_case token (e.g. send_failed, complete_data) in what a user reads is an untranslated code. */
const RAW_CODE = /\b[a-z]+(?:_[a-z]+)+\b/g;

describe('cycles, tasks, imports and accident reports in the web UI', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let base: string;
  let w: ScopedWorld;
  let openTaskId: string;
  const stamp = Date.now();
  const owner = `owner-${stamp}@web-ui-cycles.test`;
  const hr = `hr-${stamp}@web-ui-cycles.test`;
  const advisor = `advisor-${stamp}@web-ui-cycles.test`;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    base = h.publicUrl;
    w = await createScopedWorld(h);
    const A = w.A;
    for (const [email, name, role] of [[owner, 'Olga Owner', 'process_owner'], [hr, 'Hanna HR', 'hr'], [advisor, 'Arne Advisor', 'prevention_advisor']]) {
      await api(h, 'POST', '/api/users', { email, name, password: PASSWORD, role, employerIds: [A.employerId], language: 'nl' });
    }
    // A report whose delivery failed, and an open, escalated task of the cycle about the supplier.
    await h.db.update(reports).set({ status: 'failed' }).where(eq(reports.id, A.reportId));
    await h.db.insert(reportDeliveries).values({ reportId: A.reportId, transport: 'download', status: 'failed', receipt: { code: 'test', message: 'server down' }, attempts: 15 });
    const [task] = await h.db.insert(tasks).values({
      cycleId: A.cycleId, employerId: A.employerId, kind: 'complete_data', subject: { personId: A.personId, supplierId: w.supplierId, field: 'street' }, assignee: 'hr',
      dueAt: new Date(Date.now() - 3_600_000), remindedAt: new Date(Date.now() - 7_200_000), escalatedAt: new Date(Date.now() - 1_800_000),
    }).returning();
    openTaskId = task.id;
    // Two changes of the import, to filter on.
    await h.db.insert(payrollChanges).values([
      { importId: A.importId, employerId: A.employerId, personId: A.personId, employeeNumber: 'E1', kind: 'change', field: 'street', oldValue: 'Oud', newValue: 'Nieuw', supplierIds: [w.supplierId] },
      { importId: A.importId, employerId: A.employerId, personId: A.personId, employeeNumber: 'E1', kind: 'change', field: 'city', oldValue: 'Delft', newValue: 'Leiden', supplierIds: [] },
    ]);
    await h.db.update(payrollImports).set({ changeCounts: { change: 2 } }).where(eq(payrollImports.id, A.importId));
    browser = await chromium.launch(CHROMIUM);
    page = watchPage(await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL', acceptDownloads: true })).newPage(), pageErrors);
  }, 120_000);

  afterAll(() => closeBrowserAndHarness(browser, h));

  const login = (email: string) => signIn(page, base, email, PASSWORD);
  const logout = async () => {
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.getByLabel('E-mailadres').waitFor();
  };
  // The choices of a list are data (suppliers named by other suites in the shared database), not labels: left out.
  const rawCodes = async () => (await page.locator('main').evaluate((main) => {
    const m = main as unknown as { innerText: string; querySelectorAll(s: string): ArrayLike<{ text: string }> };
    return Array.from(m.querySelectorAll('option')).reduce((text, option) => text.replace(option.text, ''), m.innerText);
  })).match(RAW_CODE) ?? [];

  it('the process owner sets the schedule and starts a cycle now', async () => {
    await login(owner);
    await page.getByRole('navigation').getByRole('link', { name: 'Maandcyclus' }).click();
    await expectText(page.getByRole('heading', { level: 1 }), 'Maandcyclus');
    await page.getByLabel('Dag van de maand (1–28)').fill('12');
    await page.getByLabel('Escalatiecontact (e-mail)').fill('escalatie@web-ui-cycles.test');
    await page.getByRole('button', { name: 'Planning opslaan' }).click();
    await expectText(page.locator('#status'), 'Planning opgeslagen.');
    expect(await api(h, 'GET', `/api/employers/${w.A.employerId}/schedule`)).toMatchObject({ dayOfMonth: 12, escalationEmail: 'escalatie@web-ui-cycles.test', enabled: true });
    await expectText(page.locator('main dl'), 'dag 12 van de maand');

    await page.getByLabel('Periode', { exact: true }).fill('2026-03');
    await page.getByRole('button', { name: 'Cyclus starten' }).click();
    await expectText(page.locator('#status'), 'Cyclus van 2026-03 gestart.');
    // The workflow writes the cycle's row as its first step.
    const [started] = await eventually(async () => (await api(h, 'GET', `/api/cycles?employerId=${w.A.employerId}&period=2026-03`)).items, (items: unknown[]) => items.length === 1);
    expect(started).toMatchObject({ period: '2026-03', status: 'running' });
    await page.getByRole('button', { name: 'Cyclus starten' }).waitFor();
    await expectText(page.getByRole('table', { name: 'Maandcyclus' }), '2026-03');
    expect(await rawCodes()).toEqual([]);
  });

  it('the cycle page says what waits per supplier, on whom, since when, and delivers a failed report again', async () => {
    await page.goto(`${base}/#/cycles/${w.A.cycleId}`);
    const supplier = page.locator(`section.supplier[data-supplier="${w.supplierId}"]`);
    await expectText(supplier.getByRole('table', { name: 'Wat wacht' }), 'Gegevens aanvullen');
    await expectText(supplier.getByRole('table', { name: 'Wat wacht' }), 'HR');
    await expectText(supplier.getByRole('table', { name: 'Wat wacht' }), 'geëscaleerd sinds');
    const reportsTable = supplier.getByRole('table', { name: 'Rapporten' });
    await expectText(reportsTable, 'Aflevering mislukt');
    await expectText(reportsTable, 'server down');
    expect(await rawCodes()).toEqual([]);

    // Delivered again to a server that refuses it again: the report stays failed, the refusal is on
    // its receipt, and it can be tried once more.
    const refusing = createServer((req, res) => { req.resume(); req.on('end', () => { res.statusCode = 400; res.end('bestand geweigerd'); }); });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const delivery = { transport: 'http', url: `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/upload` };
      await h.db.insert(supplierReportSettings).values({ supplierId: w.supplierId, format: {}, delivery })
        .onConflictDoUpdate({ target: supplierReportSettings.supplierId, set: { delivery } });
      await reportsTable.getByRole('button', { name: 'Opnieuw afleveren' }).click();
      await expectText(page.locator('#alert'), 'Het rapport kon opnieuw niet worden afgeleverd');
      expect(await api(h, 'GET', `/api/reports/${w.A.reportId}`)).toMatchObject({ status: 'failed', deliveries: expect.arrayContaining([expect.objectContaining({ transport: 'http', status: 'failed' })]) });
      await expectText(reportsTable, '400');
    } finally {
      await new Promise((resolve) => refusing.close(resolve));
    }
    await h.db.update(supplierReportSettings).set({ delivery: { transport: 'download' } }).where(eq(supplierReportSettings.supplierId, w.supplierId));

    await reportsTable.getByRole('button', { name: 'Opnieuw afleveren' }).click();
    await expectText(page.locator('#status'), 'Rapport afgeleverd.');
    expect(await api(h, 'GET', `/api/reports/${w.A.reportId}`)).toMatchObject({ status: 'delivered', deliveries: expect.arrayContaining([expect.objectContaining({ transport: 'download', status: 'delivered' })]) });
    await expectText(reportsTable, 'Afgeleverd');
    // Delivered: nothing to deliver again, and the API refuses it too.
    expect(await reportsTable.getByRole('button', { name: 'Opnieuw afleveren' }).count()).toBe(0);
    const again = await h.app.inject({ method: 'POST', url: `/api/reports/${w.A.reportId}/redeliver`, headers: h.auth });
    expect([again.statusCode, again.json().error]).toEqual([409, 'report_delivered']);
    await logout();
  });

  it('HR may not change the schedule or deliver again; sees its open tasks counted, the escalated one marked, and gives it to a user from the list', async () => {
    await login(hr);
    const count = page.locator('#open-task-count');
    await expectText(count, '1');
    expect(await count.getAttribute('class')).toContain('escalated');
    await page.getByRole('navigation').getByRole('link', { name: 'Maandcyclus' }).click();
    await expectText(page.locator('main dl'), 'dag 12 van de maand');
    expect(await page.getByRole('button', { name: 'Planning opslaan' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Cyclus starten' }).count()).toBe(0);
    await page.goto(`${base}/#/cycles/${w.A.cycleId}`);
    await expectText(page.locator('main'), 'Gegevens aanvullen');
    // What the screen does not offer, the API refuses: HR holds no cycles.manage.
    const refused = await page.evaluate(async (id) => (await fetch(`/api/reports/${id}/redeliver`, { method: 'POST' })).status, w.A.reportId);
    expect(refused).toBe(403);

    await page.getByRole('navigation').getByRole('link', { name: 'Taken' }).click();
    const card = page.locator(`article.task[data-task-id="${openTaskId}"]`);
    await expectText(card.getByRole('heading'), 'geëscaleerd sinds');
    await card.getByText('Toewijzen of opmerking toevoegen').click();
    const select = card.getByLabel('Toewijzen aan (rol of gebruiker)');
    await expectText(select, 'Hanna HR');
    // Only those who may do it: the process owner holds no tasks.complete.
    expect(await select.innerText()).not.toContain('Olga Owner');
    await select.selectOption(hr);
    await card.getByRole('button', { name: 'Toewijzen', exact: true }).click();
    await expectText(page.locator('#status'), `Taak toegewezen aan Hanna HR (${hr}).`);
    expect(await api(h, 'GET', `/api/tasks/${openTaskId}`)).toMatchObject({ assignee: hr });
    // Still hers (now by name): the count stays.
    await expectText(count, '1');
    await page.getByLabel('Alleen mijn taken').check();
    await expectText(page.locator('main'), 'Gegevens aanvullen');
    expect(await rawCodes()).toEqual([]);
  });

  it('no main screen shows a raw code', async () => {
    const screens: [string, string][] = [
      ['#/messages', 'Meldingenmonitor'], [`#/messages/${w.A.messageId}`, 'Statusgeschiedenis'], ['#/reports', 'Rapporten'],
      ['#/imports', 'Payroll-import'], [`#/imports/${w.A.importId}`, 'Wijzigingen'], ['#/cycles', 'Maandcyclus'], ['#/tasks?status=completed', 'Takenlijst'],
      ['#/accidents', 'Arbeidsongevallen'], ['#/accidents?view=settings', 'Instellingen'],
    ];
    for (const [hash, text] of screens) {
      await page.goto(`${base}/${hash}`);
      await expectText(page.locator('main'), text);
      await page.locator('main[aria-busy]').waitFor({ state: 'detached' }).catch(() => undefined);
      expect([hash, await rawCodes()]).toEqual([hash, []]);
    }
  });

  it('HR downloads the import\'s original file and filters its changes on the server', async () => {
    await page.goto(`${base}/#/imports/${w.A.importId}`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Origineel bestand downloaden' }).click()]);
    expect(download.suggestedFilename()).toBe('payroll.csv');
    const bytes = await new Promise<string>((resolve, reject) => {
      download.createReadStream().then((stream) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString())).on('error', reject);
      }, reject);
    });
    expect(bytes.startsWith('employeeNumber\n')).toBe(true);
    const changes = page.locator('main table').last();
    await expectText(changes, 'Leiden');
    await page.getByLabel('Veld', { exact: true }).selectOption('street');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL(/field=street/);
    // The page re-renders with the server's filtered page: the other change goes.
    await eventually(async () => page.locator('main').innerText(), (text) => !text.includes('Leiden'), EXPECT);
    await expectText(changes, 'Nieuw');
    await logout();
  });

  it('the prevention advisor reads the accident report and the settings, which HR changes', async () => {
    await login(advisor);
    await page.getByRole('navigation').getByRole('link', { name: 'Arbeidsongevallen' }).click();
    await page.getByRole('link', { name: 'Rapport preventieadviseur' }).click();
    await expectText(page.locator('main table'), 'Totaal');
    expect(await page.getByRole('link', { name: 'Rapport downloaden (XLSX)' }).getAttribute('href')).toContain('format=xlsx');
    await page.getByRole('link', { name: 'Instellingen' }).click();
    await expectText(page.locator('main dl'), 'Uitkering verwacht tegen dag');
    expect(await page.getByRole('button', { name: 'Opslaan' }).count()).toBe(0);
    expect(await rawCodes()).toEqual([]);
    await logout();

    await login(hr);
    await page.goto(`${base}/#/accidents?view=settings`);
    await page.getByLabel('Uitkering verwacht tegen dag').fill('15');
    await page.getByLabel('Wie krijgt herinneringen (e-mail)').fill(`preventie-${randomUUID().slice(0, 6)}@web-ui-cycles.test`);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expectText(page.locator('#status'), 'Instellingen opgeslagen.');
    expect(await api(h, 'GET', `/api/employers/${w.A.employerId}/accident-settings`)).toMatchObject({ paymentDueDay: 15 });
    // HR holds no accidents.report: no report page.
    expect(await page.getByRole('link', { name: 'Rapport preventieadviseur' }).count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('HR confirms the month\'s confirmations of a running cycle at once', async () => {
    // A running cycle of employer A with three enrollments to confirm (as the API cycle test sets one up).
    const period = '2033-02';
    await completedImport(h.db, w.A.employerId, period);
    // An insurer told by messages (a report-only supplier confirms report lines instead); never reached here.
    const [insurer] = await h.db.insert(suppliers).values({ name: `Bulk insurer ${stamp}`, kind: 'health_insurer', channel: { transport: 'http', baseUrl: 'http://127.0.0.1:9', answers: 'callback', pollEveryMinutes: 60, timeoutSeconds: 30 } }).returning();
    const [plan] = await h.db.insert(plans).values({ supplierId: insurer.id, name: 'Basis' }).returning();
    await h.db.insert(employerSuppliers).values({ employerId: w.A.employerId, supplierId: insurer.id, collectiveNumber: `BULK-${stamp}`, startDate: '2020-01-01', deliverFrom: '2020-01-01' });
    for (let i = 0; i < 3; i++) {
      const [p] = await h.db.insert(persons).values({
        employerId: w.A.employerId, employeeNumber: `BULK-${stamp}-${i}`, status: 'active', lastImportId: randomUUID(),
        data: { employeeNumber: `BULK-${stamp}-${i}`, lastName: 'Bakker', firstName: 'Bo', birthDate: '1990-01-01', hireDate: '2033-02-01' },
      }).returning();
      await enrollmentToConfirm(h.db, p.id, plan.id, '2033-02-01', '2033-02-01');
    }
    await api(h, 'POST', `/api/employers/${w.A.employerId}/cycles/${period}`, undefined, 202);
    const cycle = await eventually(async () => (await api(h, 'GET', `/api/cycles?employerId=${w.A.employerId}&period=${period}`)).items[0], (c) => Boolean(c));
    await eventually(async () => api(h, 'GET', `/api/cycles/${cycle.id}`), (c) => c.progress?.stage === 'tasks');

    // HR in a browser of its own (whoever the tests before left signed in).
    const hrPage = watchPage(await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage(), pageErrors);
    await signIn(hrPage, base, hr, PASSWORD);
    await hrPage.goto(`${base}/#/tasks?cycle=${cycle.id}`);
    const button = hrPage.getByRole('button', { name: /Geselecteerde bevestigen/ });
    await expectText(button, 'Geselecteerde bevestigen (0)');
    expect(await button.isDisabled()).toBe(true);
    await hrPage.getByLabel('Alle bevestigingen op deze pagina selecteren').check();
    await expectText(button, 'Geselecteerde bevestigen (3)');
    await button.click();
    await expectText(hrPage.locator('#status'), '3 taak/taken bevestigd; 0 intussen door iemand anders afgesloten.');
    // The list again, without the confirmations (the data the persons lack is still asked for, one by one).
    await hrPage.locator('article.task[data-kind="confirm_enrollment"]').first().waitFor({ state: 'detached', timeout: EXPECT });
    expect(await hrPage.locator('[data-action="select-task"]').count()).toBe(0);
    const done = await api(h, 'GET', `/api/tasks?cycleId=${cycle.id}&status=completed`);
    expect(done.items.map((t: { kind: string; completedBy: string }) => [t.kind, t.completedBy])).toEqual(Array(3).fill(['confirm_enrollment', `user:${hr}`]));
    expect(pageErrors).toEqual([]);
    await hrPage.context().close();
  });
});
