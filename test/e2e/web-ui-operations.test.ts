/**
 * The operations of issue #17 that had an API but no screen, in a real browser: each done by a role
 * that may (and the outcome read in words, then checked through the API), and absent for a role
 * that may not: message proof and sent versions (HR; not a role that sees messages but not persons),
 * a hire reported before the next payroll photo, the eligibility review, the audit of an import run
 * again (an administrator; not HR), and a benefit record changed and ended (HR; not a viewer).
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { Authenticator } from '../support/browser';
import { CHROMIUM, closeBrowserAndHarness, expectText, login, untilDrawn, watchPage } from '../support/browser';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import type { ApiWorld } from '../support/message-fixture';
import { addDays, api, createApiWorld, eventually, getMessage, importPayroll, nextBsn, personIdsByEmployeeNumber, today } from '../support/message-fixture';

const PASSWORD = 'correct-horse-battery-9';
/** A role of our own that sees messages but not persons: the bodies hold the person's data. */
const MESSAGES_ONLY = 'ops_messages_only';

describe('operations screens in the web UI', () => {
  let h: Harness;
  let world: ApiWorld;
  let browser: Browser;
  let admin: Page;
  let hr: Page;
  let viewer: Page;
  let reader: Page;
  let personId: string;
  let messageId: string;
  let recordId: string;
  const stamp = Date.now();
  const email = (who: string) => `${who}-${stamp}@web-ui-operations.test`;
  const adminApp: Authenticator = {};
  const pageErrors: string[] = [];

  /** Goes to an address and waits until the new screen is drawn (the one before may hold a field of the same label). */
  const open = (p: Page, hash: string) => untilDrawn(p, () => p.goto(`${h.publicUrl}/${hash}`));

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    world = await createApiWorld(h, { delayMs: 20 });
    const { employerId } = world;
    await importPayroll(h, employerId, canonicalCsv(
      personRow({ employeeNumber: 'OPS1', nationalId: nextBsn(), lastName: 'Bewijs' }),
      // No salary: no rule says so yet; the one added later finds it when the import is audited again.
      personRow({ employeeNumber: 'OPS9', nationalId: nextBsn(), lastName: 'Zondersalaris', grossMonthlySalary: '' })), today().slice(0, 7));
    personId = (await personIdsByEmployeeNumber(h, employerId)).get('OPS1')!;
    const created = await api(h, 'POST', '/api/enrollments', { personId, planId: world.planId, startDate: addDays(today(), -3) });
    messageId = created.messages[0].id;
    await eventually(() => getMessage(h, messageId), (m) => m.status === 'processed', 30_000);

    await api(h, 'POST', `/api/employers/${employerId}/onboarding-profiles`, { name: 'Bedienden', category: 'white_collar', plans: [{ planId: world.planId }] });
    const type = await api(h, 'POST', `/api/employers/${employerId}/benefit-types`, {
      name: 'Telefoon van de zaak', eligibility: { field: 'category', equals: 'white_collar' },
      fields: [{ key: 'phoneNumber', label: 'Nummer', type: 'text', required: true }, { key: 'device', label: 'Toestel', type: 'choice', options: ['iPhone', 'Pixel'] }],
    });
    recordId = (await api(h, 'POST', `/api/persons/${personId}/benefit-records`, { typeId: type.id, startDate: '2026-01-01', values: { phoneNumber: '0612345678', device: 'iPhone' } })).id;
    await api(h, 'PUT', `/api/roles/${MESSAGES_ONLY}`, { permissions: ['employers.view', 'messages.view'], allEmployers: false }, 200);
    await api(h, 'POST', '/api/users', { email: email('admin'), name: 'Anne Admin', password: PASSWORD, role: 'admin', language: 'nl' });
    await api(h, 'POST', '/api/users', { email: email('hr'), name: 'Hilde HR', password: PASSWORD, role: 'hr', employerIds: [employerId], language: 'nl' });
    await api(h, 'POST', '/api/users', { email: email('viewer'), name: 'Vera Viewer', password: PASSWORD, role: 'viewer', employerIds: [employerId], language: 'nl' });
    await api(h, 'POST', '/api/users', { email: email('reader'), name: 'Ruud Reader', password: PASSWORD, role: MESSAGES_ONLY, employerIds: [employerId], language: 'nl' });
    browser = await chromium.launch(CHROMIUM);
    const options = { viewport: { width: 1280, height: 900 }, locale: 'nl-NL', acceptDownloads: true };
    const contexts: BrowserContext[] = [];
    for (let i = 0; i < 4; i++) contexts.push(await browser.newContext(options));
    [admin, hr, viewer, reader] = await Promise.all(contexts.map(async (c) => watchPage(await c.newPage(), pageErrors)));
    await login(admin, h.publicUrl, email('admin'), PASSWORD, adminApp);
    await login(hr, h.publicUrl, email('hr'), PASSWORD);
    await login(viewer, h.publicUrl, email('viewer'), PASSWORD);
    await login(reader, h.publicUrl, email('reader'), PASSWORD);
    for (const p of [admin, hr, viewer, reader]) await p.selectOption('#employer', employerId);
  }, 180_000);

  afterAll(async () => {
    await world?.sim.app.close();
    await closeBrowserAndHarness(browser, h);
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  it('message proof: HR downloads the proof and the body of each sent version; one who may not see persons has no such links', async () => {
    await open(hr, `#/messages/${messageId}`);
    const proof = hr.locator('section.proof');
    await expectText(proof, 'Bewijs van verzending');
    await expectText(proof, 'Versie 1 zoals verzonden downloaden');
    expect(await proof.locator('[data-action="download-body"]').count()).toBe(1);

    const [body] = await Promise.all([hr.waitForEvent('download'), proof.locator('[data-action="download-body"]').click()]);
    const sent = await h.app.inject({ method: 'GET', url: `/api/messages/${messageId}/versions/1/body`, headers: h.auth });
    expect(sent.statusCode).toBe(200);
    expect(await readFile((await body.path())!, 'utf8')).toBe(sent.body);
    expect(body.suggestedFilename()).toBe(`message-${messageId}-v1.json`);

    const [whole] = await Promise.all([hr.waitForEvent('download'), proof.locator('[data-action="download-proof"]').click()]);
    const downloaded = JSON.parse(await readFile((await whole.path())!, 'utf8'));
    const expected = await api(h, 'GET', `/api/messages/${messageId}/proof`);
    expect(downloaded.message).toMatchObject({ id: messageId, status: 'processed' });
    expect(downloaded.versions).toEqual(expected.versions);

    await open(reader, `#/messages/${messageId}`);
    await expectText(reader.locator('main h1'), 'Melding');
    expect(await reader.locator('section.proof').count()).toBe(0);
    expect(await reader.locator('[data-action="download-proof"], [data-action="download-body"]').count()).toBe(0);
  }, 120_000);

  it('hire: HR reports a new hire from the persons screen and reads what was done; the person and the onboarding enrollment exist; a viewer has no such form', async () => {
    const hireDate = addDays(today(), -1);
    const nationalId = nextBsn();
    await open(hr, '#/persons');
    await hr.locator('#hire-person').click();
    const form = hr.locator('form.hire');
    await form.getByLabel('Personeelsnummer').fill('OPS2');
    await form.getByLabel('Datum in dienst').fill(hireDate.split('-').reverse().join('-'));
    await form.getByLabel('Categorie').selectOption('white_collar');
    await form.getByLabel('BSN / rijksregisternummer').fill(nationalId);
    await form.getByLabel('Voorletters').fill('N.');
    await form.getByLabel('Achternaam').fill('Nieuwkomer');
    await form.getByRole('button', { name: 'In dienst melden' }).click();
    await expectText(hr.locator('#status'), 'Medewerker OPS2 in dienst gemeld; aanmeldberichten: 1.');
    await expectText(hr.locator('main h1'), 'Nieuwkomer');

    const hiredId = (await personIdsByEmployeeNumber(h, world.employerId)).get('OPS2')!;
    expect(hr.url()).toBe(`${h.publicUrl}/#/persons/${hiredId}`);
    const person = await api(h, 'GET', `/api/persons/${hiredId}`);
    expect(person).toMatchObject({ status: 'active', data: { hireDate, category: 'white_collar', nationalId, lastName: 'Nieuwkomer', initials: 'N.' } });
    const enrollments = await api(h, 'GET', `/api/enrollments?personId=${hiredId}`);
    expect(enrollments.items).toEqual([expect.objectContaining({ planId: world.planId, startDate: hireDate, source: 'onboarding' })]);

    await open(viewer, '#/persons');
    await expectText(viewer.locator('main h1'), 'Medewerkers');
    expect(await viewer.locator('#hire-person, form.hire').count()).toBe(0);
  }, 120_000);

  it('eligibility review: HR reviews a period on the benefits screen and reads how many changes and tasks it made; a viewer has no such button', async () => {
    await open(hr, '#/benefits');
    const form = hr.locator('form.eligibility-review');
    const period = await form.getByLabel('Periode').inputValue();
    expect(period).toMatch(/^\d{4}-\d{2}$/);
    await form.getByRole('button', { name: 'Herbeoordelen' }).click();
    const outcome = form.locator('.review-result p');
    await expectText(outcome, `Periode ${period} herbeoordeeld`);

    const changes = (await api(h, 'GET', `/api/employers/${world.employerId}/benefit-eligibility-changes?period=${period}`)).items
      .filter((c: { source: string }) => c.source === 'on_demand');
    expect(changes.length).toBeGreaterThan(0);
    expect(changes).toContainEqual(expect.objectContaining({ personId, change: 'newly_eligible' }));
    expect(await outcome.getAttribute('data-changes')).toBe(String(changes.length));
    const tasks = new Set(changes.map((c: { taskId: string }) => c.taskId));
    await expectText(outcome, `${changes.length} wijziging(en) in wie in aanmerking komt; ${tasks.size} taak/taken aangemaakt`);
    // The list below is drawn again with the review's changes.
    await expectText(hr.locator('main table').last(), 'OPS1');

    await open(viewer, '#/benefits');
    await expectText(viewer.locator('main h1'), 'Voordelen');
    expect(await viewer.locator('form.eligibility-review, [data-action="review-eligibility"]').count()).toBe(0);
  }, 120_000);

  it('audit again: an administrator re-runs the audit of the import on the controls screen and reads what it found; HR has no such button', async () => {
    await api(h, 'POST', `/api/employers/${world.employerId}/audit-rules`, { templateId: 'salary-present', name: 'Salaris ingevuld' });
    const imp = (await api(h, 'GET', `/api/employers/${world.employerId}/payroll-imports`)).items.find((i: { status: string }) => i.status === 'completed');
    expect((await api(h, 'GET', `/api/findings?importId=${imp.id}`)).items).toEqual([]);

    await open(admin, '#/controls');
    await admin.locator('[data-action="audit-again"]').click();
    const outcome = admin.locator('.audit-result');
    await expectText(outcome, `Import ${imp.period} opnieuw gecontroleerd voor`);
    await expectText(outcome, '1 blokkerend, 0 waarschuwing(en), 0 ter informatie. Nog open blokkerende bevindingen: 1.');
    await expectText(admin.locator('main table').last(), 'OPS9');

    const findings = (await api(h, 'GET', `/api/findings?importId=${imp.id}`)).items;
    expect(findings).toEqual([expect.objectContaining({ employeeNumber: 'OPS9', severity: 'blocking', status: 'open', field: 'grossMonthlySalary' })]);

    await open(hr, '#/controls');
    await expectText(hr.locator('main'), 'Bevindingen');
    expect(await hr.locator('[data-action="audit-again"], form.audit-again').count()).toBe(0);
  }, 120_000);

  it('benefit record: HR changes a record\'s value and then ends it on the person\'s page, reading each outcome; the history says so; a viewer has no such buttons', async () => {
    await open(hr, `#/persons/${personId}`);
    const records = hr.locator('.benefit-records');
    await records.locator('[data-action="edit-record"]').click();
    const editor = records.locator('.benefit-record-edit');
    await expectText(editor, 'Telefoon van de zaak: wijzigen of beëindigen');
    expect(await editor.getByLabel('Nummer *').inputValue()).toBe('0612345678');
    await editor.getByLabel('Nummer *').fill('0698765432');
    await editor.getByLabel('Toestel').selectOption('Pixel');
    await editor.locator('[data-action="save-record"]').click();
    await expectText(hr.locator('#status'), 'Telefoon van de zaak gewijzigd');
    await expectText(records.locator('table').first(), 'Nummer: 0698765432 · Toestel: Pixel');
    expect(await api(h, 'GET', `/api/benefit-records/${recordId}`)).toMatchObject({ values: { phoneNumber: '0698765432', device: 'Pixel' }, endDate: null, version: 2 });

    await records.locator('[data-action="edit-record"]').click();
    await editor.getByLabel('Einddatum').fill('31-12-2026');
    await editor.locator('[data-action="end-record"]').click();
    await expectText(hr.locator('#status'), 'Telefoon van de zaak beëindigd per 31-12-2026.');
    await expectText(records.locator('table').first(), '31-12-2026');
    const ended = await api(h, 'GET', `/api/benefit-records/${recordId}`);
    expect(ended).toMatchObject({ endDate: '2026-12-31', version: 3 });
    expect(ended.history.map((v: { action: string }) => v.action)).toEqual(['created', 'updated', 'ended']);
    await records.locator('[data-action="edit-record"]').click();
    await expectText(editor.locator('table'), 'Beëindigd');

    await open(viewer, `#/persons/${personId}`);
    await expectText(viewer.locator('.benefit-records'), 'Telefoon van de zaak');
    expect(await viewer.locator('[data-action="edit-record"], [data-action="end-record"], [data-action="save-record"]').count()).toBe(0);
  }, 120_000);
});
