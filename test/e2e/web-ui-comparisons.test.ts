/**
 * The comparisons screen in a real browser (the system's Chromium) against the real app,
 * PostgreSQL, Temporal and a worker: an HR user uploads the fixture's two files, sees the run
 * complete and browses its results by kind; marks a comparison monthly and uploads its file for a
 * period; sees the cycle's two comparison task kinds in the inbox.
 */
import type { Browser, Page } from 'playwright-core';
import { closeBrowserAndHarness, expectText, login, openForDutchHr } from '../support/browser';
import { FIXTURE_A, FIXTURE_B, FIXTURE_DEFINITION } from '../support/comparison-fixture';
import type { Harness } from '../support/harness';
import { createEmployer, startHarness } from '../support/harness';
import { api } from '../support/message-fixture';
import { tasks } from '../../db/schema';
import { DAY_MS } from '../../domain/shared/calendar';

const PASSWORD = 'correct-horse-battery-9';

describe('comparisons in the web UI', () => {
  let h: Harness;
  let browser: Browser;
  let page: Page;
  let employerId: string;
  const email = `hr-compare-${Date.now()}@web-ui.test`;

  beforeAll(async () => {
    h = await startHarness({ listen: true });
    employerId = await createEmployer(h, { name: 'Vergelijking B.V.' });
    await api(h, 'POST', `/api/employers/${employerId}/comparison-definitions`, FIXTURE_DEFINITION);
    ({ browser, page } = await openForDutchHr(h, employerId, email, PASSWORD));
  }, 120_000);

  afterAll(() => closeBrowserAndHarness(browser, h));

  it('uploads two files, shows the run\'s counts and its results by kind, in Dutch', async () => {
    await login(page, h.publicUrl, email, PASSWORD);
    await page.getByRole('link', { name: 'Vergelijkingen' }).click();
    await expectText(page.locator('h2'), 'Payroll vs HR sheet');
    await page.getByLabel('Kant A (Payroll)').setInputFiles({ name: 'payroll.csv', mimeType: 'text/csv', buffer: Buffer.from(FIXTURE_A) });
    await page.getByLabel('Kant B (HR sheet)').setInputFiles({ name: 'hr.csv', mimeType: 'text/csv', buffer: Buffer.from(FIXTURE_B) });
    await page.getByRole('button', { name: 'Vergelijken' }).click();

    await expectText(page.locator('h2'), 'Gevonden');
    await expectText(page.locator('.chips li'), 'Sleutels aan beide kanten: 5');
    const table = page.getByRole('table', { name: 'Verschillen' });
    await expectText(table.locator('tbody tr'), '4100');
    expect(await table.locator('tbody tr').count()).toBe(3);
    await expectText(table.locator('thead'), 'Waarde in B');
    expect(await page.getByRole('link', { name: 'FR' }).getAttribute('href')).toMatch(/\/report\?lang=fr$/);

    await page.getByLabel('Soort').selectOption('only_in_b');
    await page.getByRole('button', { name: 'Filteren' }).click();
    const onlyB = page.getByRole('table', { name: 'Alleen in B' });
    await expectText(onlyB.locator('tbody tr'), '555555555');
    expect(await onlyB.locator('tbody tr').count()).toBe(2);

    // The list shows the run, and the same files again lead back to it.
    await page.getByRole('link', { name: /Terug/ }).click();
    await expectText(page.getByRole('table', { name: 'Uitvoeringen' }).locator('tbody'), 'payroll.csv ↔ hr.csv');
  });

  it('marks a comparison monthly, uploads its file for a period, and shows the cycle\'s comparison tasks', async () => {
    const definition = await api(h, 'POST', `/api/employers/${employerId}/comparison-definitions`, {
      name: 'Maandelijks: loon vs HR', sideA: { source: 'payroll' }, sideB: { source: 'file', label: 'HR-lijst', profile: { delimiter: ',' } },
      key: [{ a: 'nationalId', b: 'National ID' }], fields: [{ type: 'amount', a: 'grossMonthlySalary', b: 'Salary', name: 'salary' }],
    });
    await page.getByRole('link', { name: 'Vergelijkingen' }).click();
    await page.reload();
    const card = page.locator('section.card', { has: page.getByRole('heading', { name: 'Maandelijks: loon vs HR' }) });
    await expectText(card.locator('dd'), 'Nee, alleen op aanvraag');
    await card.getByRole('button', { name: 'Maandelijks in de cyclus uitvoeren' }).click();
    await expectText(card.locator('dd'), 'Ja: de maandcyclus vraagt');
    await card.getByLabel('Periode', { exact: true }).fill('2026-11');
    await card.getByLabel('Kant B (HR-lijst) — bestand van de periode').setInputFiles({ name: 'hr-november.csv', mimeType: 'text/csv', buffer: Buffer.from(FIXTURE_B) });
    await card.getByRole('button', { name: 'Bestand opladen' }).click();
    await expectText(card.locator('[role=status]'), 'Alle bestanden van 2026-11 zijn er');
    const period = await api(h, 'GET', `/api/comparison-definitions/${definition.id}/periods/2026-11`);
    expect(period).toMatchObject({ monthly: true, missing: [], files: [{ side: 'b', name: 'hr-november.csv', uploadedBy: email }] });

    // The cycle's tasks for it, as the inbox shows them.
    const due = new Date(Date.now() + 5 * DAY_MS);
    await h.db.insert(tasks).values([
      { employerId, kind: 'upload_comparison_file', subject: { key: 'u', definitionId: definition.id, period: '2026-12', sides: ['b'] }, dueAt: due },
      { employerId, kind: 'review_comparison', subject: { key: 'r', definitionId: definition.id, period: '2026-11', runId: definition.id, findings: 3 }, dueAt: due },
    ]);
    await page.getByRole('link', { name: 'Taken' }).click();
    await expectText(page.locator('article.task h2'), 'Bestand voor een maandelijkse vergelijking opladen');
    await expectText(page.locator('article.task a'), 'Bestand van 2026-12 opladen');
    const review = page.locator('article.task[data-kind=review_comparison]');
    await expectText(review.locator('a'), '3 verschil(len) bekijken');
    await expectText(review.locator('button'), 'Nagekeken');
  });
});
