/**
 * Contribution settings and files through the API (app.inject, real PostgreSQL): the payroll
 * upload file produced, downloaded and read back by Mutaflow's own payroll readers (CSV and
 * XLSX); produced again unchanged → the same file; after a retroactive change → a new version
 * naming its differences; a missing salary → a finding, not a zero line; other employers' files 404.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { readCsv } from '../../activities/payroll/file/csv-reader';
import { readXlsx } from '../../activities/payroll/file/xlsx-reader';
import type { RowSink } from '../../activities/payroll/file/row-sink';
import { employers, enrollments, payrollChanges, payrollImports, persons, plans, suppliers } from '../../db/schema';
import { DEFAULT_PROFILE } from '../../domain/payroll/mapping-profile';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import { tokenFor } from '../support/scoped-world';

let h: Harness;
beforeAll(async () => { h = await startHarness({ worker: false }); });
afterAll(async () => { await h?.close(); });

/** An employer with a hospitalisation plan (fixed 30.00, employee pays all) and a pension plan (3 % of salary, half each). */
async function world() {
  const [employer] = await h.db.insert(employers).values({ name: `Contrib ${randomUUID().slice(0, 6)}`, country: 'BE', mappingProfile: DEFAULT_PROFILE }).returning();
  const [supplier] = await h.db.insert(suppliers).values({ name: `Insurer ${randomUUID().slice(0, 6)}`, kind: 'hospitalisation' }).returning();
  const [hosp] = await h.db.insert(plans).values({ supplierId: supplier.id, name: 'Hospi', premiumFormula: { kind: 'fixed', amountCents: 3000, employerShareBasisPoints: 0 } }).returning();
  const [pension] = await h.db.insert(plans).values({ supplierId: supplier.id, name: 'Pension', premiumFormula: { kind: 'percent_of_salary', rateBasisPoints: 300, employerShareBasisPoints: 5000 } }).returning();
  const [imp] = await h.db.insert(payrollImports).values({
    employerId: employer.id, period: '2026-02', status: 'completed', stage: 'done', fileName: 'p.csv', fileSha256: randomUUID(), fileSize: 1, uploadedBy: 'test', workflowId: `test-${randomUUID()}`, completedAt: new Date(),
  }).returning();
  const person = async (employeeNumber: string, data: Record<string, string>) => (await h.db.insert(persons).values({
    employerId: employer.id, employeeNumber, data: { employeeNumber, birthDate: '1980-01-01', ...data }, status: 'active', lastImportId: imp.id,
  }).returning())[0].id;
  const anna = await person('A-100', { grossMonthlySalary: '4000.00', workSchedulePercent: '100' });
  const bert = await person('B-200', { workSchedulePercent: '100' }); // no salary
  await h.db.insert(enrollments).values([
    { personId: anna, planId: hosp.id, startDate: '2026-01-01' },
    { personId: anna, planId: pension.id, startDate: '2026-01-01' },
    { personId: bert, planId: pension.id, startDate: '2026-01-01' },
  ]);
  return { employerId: employer.id, importId: imp.id, hosp: hosp.id, pension: pension.id, anna, bert };
}

const settings = (w: Awaited<ReturnType<typeof world>>, fileType: 'csv' | 'xlsx' = 'csv') => ({
  layout: {
    fileType, csvDelimiter: ';', decimalSeparator: ',',
    columns: [
      { header: 'Personeelsnummer', value: 'employeeNumber' }, { header: 'Looncode', value: 'payCode' }, { header: 'Bedrag', value: 'amount' },
      { header: 'Periode', value: 'period' }, { header: 'Voor', value: 'month' }, { header: 'Reden', value: 'reasonLabel' }, { header: 'Bron', value: 'fixed', text: 'MUTAFLOW' },
    ],
    payCodes: { [w.hosp]: '7001', [w.pension]: '7002' },
    language: 'nl',
  },
  firstPeriod: '2026-01',
});

/** The file as the payroll import reads it: header and rows through the project's own readers. */
async function readBack(bytes: Buffer, fileName: string): Promise<string[][]> {
  const dir = await mkdtemp(join(tmpdir(), 'contrib-'));
  const path = join(dir, fileName);
  await writeFile(path, bytes);
  const rows: string[][] = [];
  const errors: unknown[] = [];
  const sink: RowSink = { header: (cells) => rows.push(cells.map(String)), row: (cells) => rows.push(cells.map((c) => (c === null ? '' : String(c)))), rowError: (e) => errors.push(e) };
  if (fileName.endsWith('.xlsx')) await readXlsx(path, fileName, DEFAULT_PROFILE, sink);
  else await readCsv(path, fileName, { ...DEFAULT_PROFILE, delimiter: ';' }, sink);
  expect(errors).toEqual([]);
  return rows;
}

const produce = (employerId: string, period: string) => h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/contribution-files`, headers: h.auth, payload: { period } });

describe('contribution files API', () => {
  it('produces the file in the employer\'s layout, with catch-ups and a finding; the payroll reader reads it back', async () => {
    const w = await world();
    expect((await produce(w.employerId, '2026-02')).statusCode).toBe(409); // no settings yet
    const put = await h.app.inject({ method: 'PUT', url: `/api/employers/${w.employerId}/contribution-settings`, headers: h.auth, payload: settings(w) });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ configured: true, firstPeriod: '2026-01', retroMonths: 12 });

    const res = await produce(w.employerId, '2026-02');
    expect(res.statusCode).toBe(201);
    const { file } = res.json();
    expect(file).toMatchObject({ period: '2026-02', version: 1, lineCount: 4, findingCount: 1, status: 'produced', fileName: 'contributions_2026-02.csv' });
    expect(file.findings).toEqual([{ personId: w.bert, employeeNumber: 'B-200', planId: w.pension, field: 'salary', months: ['2026-01', '2026-02'] }]);

    const download = await h.app.inject({ method: 'GET', url: file.downloadUrl, headers: h.auth });
    expect(download.statusCode).toBe(200);
    const rows = await readBack(download.rawPayload, file.fileName);
    expect(rows).toEqual([
      ['Personeelsnummer', 'Looncode', 'Bedrag', 'Periode', 'Voor', 'Reden', 'Bron'],
      ['A-100', '7001', '30,00', '2026-02', '2026-01', 'Inhaalbijdrage: aansluiting met terugwerkende kracht', 'MUTAFLOW'],
      ['A-100', '7001', '30,00', '2026-02', '2026-02', 'Maandelijkse bijdrage', 'MUTAFLOW'],
      ['A-100', '7002', '60,00', '2026-02', '2026-01', 'Inhaalbijdrage: aansluiting met terugwerkende kracht', 'MUTAFLOW'],
      ['A-100', '7002', '60,00', '2026-02', '2026-02', 'Maandelijkse bijdrage', 'MUTAFLOW'],
    ]);
    // Bert has no salary: no zero line for him.
    expect(rows.some((r) => r[0] === 'B-200')).toBe(false);

    // Listed; produced again with nothing changed: the same file, no second one.
    const again = await produce(w.employerId, '2026-02');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, file: { id: file.id, version: 1 } });
    const list = await h.app.inject({ method: 'GET', url: `/api/employers/${w.employerId}/contribution-files?period=2026-02`, headers: h.auth });
    expect(list.json().items).toHaveLength(1);
  });

  it('a retroactive end after the file was produced: a new version, marked as such, naming its differences', async () => {
    const w = await world();
    await h.app.inject({ method: 'PUT', url: `/api/employers/${w.employerId}/contribution-settings`, headers: h.auth, payload: settings(w, 'xlsx') });
    const first = (await produce(w.employerId, '2026-02')).json().file;
    await h.db.update(enrollments).set({ startDate: '2026-02-01' }).where(eq(enrollments.planId, w.hosp));
    const res = await produce(w.employerId, '2026-02');
    expect(res.statusCode).toBe(201);
    const second = res.json().file;
    expect(second).toMatchObject({ version: 2, replacesId: first.id, fileName: 'contributions_2026-02_v2.xlsx', lineCount: 3 });
    expect(second.differences).toEqual([{ employeeNumber: 'A-100', payCode: '7001', month: '2026-01', reason: 'catch_up', oldCents: 3000, newCents: null }]);

    const download = await h.app.inject({ method: 'GET', url: second.downloadUrl, headers: h.auth });
    const rows = await readBack(download.rawPayload, second.fileName);
    expect(rows[0]).toEqual(['Personeelsnummer', 'Looncode', 'Bedrag', 'Periode', 'Voor', 'Reden', 'Bron']);
    expect(rows.slice(1).map((r) => [r[0], r[1], Number(r[2]), r[4]])).toEqual([
      ['A-100', '7001', 30, '2026-02'], ['A-100', '7002', 60, '2026-01'], ['A-100', '7002', 60, '2026-02'],
    ]);
    // The next month sees what the latest version deducted: nothing to correct, the month itself only.
    const march = (await produce(w.employerId, '2026-03')).json().file;
    expect(march).toMatchObject({ version: 1, lineCount: 2 });
  });

  it('a salary change from the payroll applies from its month: the months before keep the old salary', async () => {
    const w = await world();
    await h.app.inject({ method: 'PUT', url: `/api/employers/${w.employerId}/contribution-settings`, headers: h.auth, payload: settings(w) });
    // HR dated the raise 10 February: January was paid on 3 000.00, February on 4 000.00 (its whole month).
    await h.db.insert(payrollChanges).values({
      importId: w.importId, employerId: w.employerId, personId: w.anna, employeeNumber: 'A-100', kind: 'change', field: 'grossMonthlySalary', oldValue: '3000.00', newValue: '4000.00', effectiveDate: '2026-02-10',
    });
    const file = (await produce(w.employerId, '2026-02')).json().file;
    const rows = await readBack((await h.app.inject({ method: 'GET', url: file.downloadUrl, headers: h.auth })).rawPayload, file.fileName);
    expect(rows.filter((r) => r[1] === '7002').map((r) => [r[2], r[4]])).toEqual([['45,00', '2026-01'], ['60,00', '2026-02']]);
  });

  it('refuses a pay code for an unknown plan, naming it; another employer\'s files answer 404', async () => {
    const w = await world();
    const other = await world();
    const unknown = randomUUID();
    const bad = await h.app.inject({ method: 'PUT', url: `/api/employers/${w.employerId}/contribution-settings`, headers: h.auth, payload: { layout: { payCodes: { [unknown]: 'X' } } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain(`body.layout.payCodes.${unknown}`);
    await h.app.inject({ method: 'PUT', url: `/api/employers/${other.employerId}/contribution-settings`, headers: h.auth, payload: settings(other) });
    const file = (await produce(other.employerId, '2026-02')).json().file;
    const token = await tokenFor(h, 'hr', [w.employerId]);
    const headers = { authorization: `Bearer ${token}` };
    expect((await h.app.inject({ method: 'GET', url: `/api/contribution-files/${file.id}`, headers })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/api/contribution-files/${file.id}/file`, headers })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/api/employers/${other.employerId}/contribution-files`, headers })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'GET', url: `/api/employers/${w.employerId}/contribution-files`, headers })).json().items).toEqual([]);
  });
});
