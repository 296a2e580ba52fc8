/**
 * Comparison of two systems' files through the API: a real upload, the fileComparison workflow on
 * a real worker, results from PostgreSQL in pages, the XLSX report, and bad input refused whole.
 */
import ExcelJS from 'exceljs';
import { eq, sql } from 'drizzle-orm';
import { comparisonResults, tasks } from '../../db/schema';
import { comparisonWorkflowId } from '../../workflows/shared';
import type { Harness } from '../support/harness';
import { createEmployer, startHarness } from '../support/harness';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import { FIXTURE_A, FIXTURE_B, FIXTURE_DEFINITION, FIXTURE_EXPECTED } from '../support/comparison-fixture';
import { tokenFor } from '../support/scoped-world';

function filesForm(files: { fileA?: [string, string | Buffer]; fileB?: [string, string | Buffer] }): FormData {
  const form = new FormData();
  for (const [field, file] of Object.entries(files)) {
    if (file) form.set(field, new Blob([typeof file[1] === 'string' ? Buffer.from(file[1]) : file[1]]), file[0]);
  }
  return form;
}

const sortKey = (r: object) => JSON.stringify(r);

describe('comparisons through the API', () => {
  let h: Harness;
  let employerId: string;
  let definitionId: string;
  beforeAll(async () => {
    h = await startHarness();
    employerId = await createEmployer(h);
    const res = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/comparison-definitions`, headers: h.auth, payload: FIXTURE_DEFINITION });
    expect(res.statusCode).toBe(201);
    definitionId = res.json().id;
  });
  afterAll(async () => { await h.close(); });

  const run = (files: Parameters<typeof filesForm>[0], query = 'wait=true', id = definitionId) =>
    h.app.inject({ method: 'POST', url: `/api/comparison-definitions/${id}/runs?${query}`, headers: h.auth, payload: filesForm(files) });

  let runId: string;

  it('compares two uploaded files in a workflow and lists every kind of difference, in pages', async () => {
    const res = await run({ fileA: ['payroll.csv', FIXTURE_A], fileB: ['hr.csv', FIXTURE_B] });
    expect(res.statusCode).toBe(201);
    const view = res.json();
    runId = view.id;
    expect(view).toMatchObject({
      status: 'completed', definitionVersion: 1,
      counts: { rowsA: 7, rowsB: 8, matched: 5, only_in_a: 1, only_in_b: 2, duplicate_key: 2, unparseable: 4, difference: 3 },
      sideA: { source: 'file', label: 'Payroll', file: { name: 'payroll.csv' } }, sideB: { label: 'HR sheet', file: { name: 'hr.csv' } },
    });

    const items: Record<string, unknown>[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { statusCode: number; json(): { items: Record<string, unknown>[]; nextCursor: string | null } } = await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${runId}/results?limit=5${cursor ? `&cursor=${cursor}` : ''}`, headers: h.auth });
      expect(page.statusCode).toBe(200);
      items.push(...page.json().items);
      cursor = page.json().nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    const asFixture = items.map((r) => {
      switch (r.kind) {
        case 'only_in_a': return { kind: r.kind, key: r.key, aRow: r.aRow };
        case 'only_in_b': return { kind: r.kind, key: r.key, bRow: r.bRow };
        case 'duplicate_key': return { kind: r.kind, side: r.side, key: r.key, row: r.aRow ?? r.bRow, firstRow: r.firstRow };
        case 'unparseable': return { kind: r.kind, side: r.side, key: r.key, row: r.aRow ?? r.bRow, column: r.column, field: r.field, value: r.aValue ?? r.bValue, reason: r.reason };
        default: return { kind: r.kind, key: r.key, field: r.field, aValue: r.aValue, bValue: r.bValue, aRow: r.aRow, bRow: r.bRow };
      }
    });
    expect(asFixture.map(sortKey).sort()).toEqual(FIXTURE_EXPECTED.map(sortKey).sort());

    const differences = await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${runId}/results?kind=difference`, headers: h.auth });
    expect(differences.json().items.map((r: { field: string }) => r.field).sort()).toEqual(['department', 'hire date', 'salary']);
  });

  it('starts over reading as text a file that turns out partway not to be plain CSV, and finds the same', async () => {
    // Read as bytes first: the fifth line's CRLF among LF line breaks is what only the text reader reads as it should.
    const lines = FIXTURE_B.trim().split('\n');
    const mixed = `${lines.slice(0, 5).join('\n')}\r\n${lines.slice(5).join('\n')}\n`;
    const res = await run({ fileA: ['payroll.csv', FIXTURE_A], fileB: ['hr-mixed.csv', mixed] }, 'wait=true&replace=true');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'completed', counts: { rowsA: 7, rowsB: 8, matched: 5, only_in_a: 1, only_in_b: 2, duplicate_key: 2, unparseable: 4, difference: 3 } });
    const stored = await h.db.select({ n: sql<number>`count(*)::int` }).from(comparisonResults).where(eq(comparisonResults.runId, res.json().id));
    expect(stored[0].n).toBe(FIXTURE_EXPECTED.length);
  });

  it('keeps values out of the workflow history', async () => {
    const history = await h.client.workflow.getHandle(comparisonWorkflowId(runId)).fetchHistory();
    const text = JSON.stringify(history);
    for (const value of ['Bakker', '123456782', 'Marketing', '4100', 'onbekend']) expect(text).not.toContain(value);
  });

  it('writes the XLSX report: a summary sheet and a sheet per kind, in the language asked', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${runId}/report?lang=nl`, headers: h.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Samenvatting', 'Alleen in A', 'Alleen in B', 'Dubbele sleutels', 'Onleesbare waarden', 'Verschillen']);
    const summary = workbook.getWorksheet('Samenvatting')!;
    const summaryRows = summary.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(summaryRows).toEqual(expect.arrayContaining([['Verschillen', 3], ['Alleen in B', 2], ['Kant A (Payroll)', 'payroll.csv']]));
    const differences = workbook.getWorksheet('Verschillen')!;
    expect(differences.getRow(1).values).toEqual([undefined, 'Sleutel', 'Veld', 'Waarde in A', 'Waarde in B', 'Rij in A', 'Rij in B']);
    expect(differences.rowCount).toBe(4);
    const unparseable = workbook.getWorksheet('Onleesbare waarden')!;
    expect(unparseable.getSheetValues().flat()).toEqual(expect.arrayContaining(['geen datum', 'de sleutel is leeg']));
    const fr = await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${runId}/report?lang=fr`, headers: h.auth });
    const frBook = new ExcelJS.Workbook();
    await frBook.xlsx.load(fr.rawPayload as unknown as ArrayBuffer);
    expect(frBook.worksheets[0].name).toBe('Résumé');
  });

  it('recognises the same files uploaded again: 409 naming the run, or a new run with replace (the old one stays)', async () => {
    const again = await run({ fileA: ['payroll.csv', FIXTURE_A], fileB: ['hr-copy.csv', FIXTURE_B] });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'duplicate_comparison', runId });
    const replaced = await run({ fileA: ['payroll.csv', FIXTURE_A], fileB: ['hr.csv', FIXTURE_B] }, 'wait=true&replace=true');
    expect(replaced.statusCode).toBe(201);
    expect(replaced.json().id).not.toBe(runId);
    const runs = await h.app.inject({ method: 'GET', url: `/api/comparison-definitions/${definitionId}/runs`, headers: h.auth });
    expect(runs.json().items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([runId, replaced.json().id]));
    const same = await run({ fileA: ['hr.csv', FIXTURE_B], fileB: ['hr.csv', FIXTURE_B] });
    expect(same.statusCode).toBe(409);
    expect(same.json().error).toBe('same_file');
  });

  it('refuses a file that does not map, whole: 422 naming file, row and column, nothing stored', async () => {
    const noColumn = FIXTURE_B.replace('Start date', 'Begin');
    const res = await run({ fileA: ['payroll.csv', FIXTURE_A], fileB: ['hr-begin.csv', noColumn] });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      error: 'invalid_comparison_file',
      errors: [expect.objectContaining({ code: 'missing_required_column', file: 'hr-begin.csv', row: 1, column: 'Start date', field: 'field hire date' })],
    });
    const failedId = res.json().runId;
    const stored = await h.db.select({ n: sql<number>`count(*)::int` }).from(comparisonResults).where(eq(comparisonResults.runId, failedId));
    expect(stored[0].n).toBe(0);
    const status = await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${failedId}`, headers: h.auth });
    expect(status.json()).toMatchObject({ status: 'failed', errorCount: 1 });

    // A row cut short on its last line, after results of earlier rows were found: still nothing stored.
    const cutShort = `${FIXTURE_B}11,777777777,Kort\n`;
    const short = await run({ fileA: ['payroll.csv', FIXTURE_A], fileB: ['hr-short.csv', cutShort] });
    expect(short.statusCode).toBe(422);
    expect(short.json().errors).toEqual([expect.objectContaining({ code: 'field_count', file: 'hr-short.csv', row: 10 })]);
    const storedShort = await h.db.select({ n: sql<number>`count(*)::int` }).from(comparisonResults).where(eq(comparisonResults.runId, short.json().runId));
    expect(storedShort[0].n).toBe(0);
    // Messages name the place, never a value of the file.
    expect(short.body).not.toContain('777777777');

    const legacy = await run({ fileA: ['payroll.csv', FIXTURE_A], fileB: ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])] });
    expect(legacy.statusCode).toBe(415);
    expect(legacy.json()).toMatchObject({ error: 'unsupported_format', errors: [expect.objectContaining({ file: 'old.xls' })] });
    const missingB = await run({ fileA: ['payroll.csv', FIXTURE_A] });
    expect(missingB.statusCode).toBe(400);
  });

  it('compares Mutaflow\'s payroll photo with a file', async () => {
    const payroll = canonicalCsv(
      personRow({ employeeNumber: '0001', nationalId: '111222333', grossMonthlySalary: '3500.00' }),
      personRow({ employeeNumber: '0002', nationalId: '123456782', lastName: 'Bakker', grossMonthlySalary: '4000' }),
    );
    const form = new FormData();
    form.set('period', '2026-09');
    form.set('file', new Blob([Buffer.from(payroll)]), 'sept.csv');
    const imp = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: form });
    expect(imp.statusCode).toBe(201);
    const def = await h.app.inject({
      method: 'POST', url: `/api/employers/${employerId}/comparison-definitions`, headers: h.auth,
      payload: {
        name: 'Photo vs pension fund', sideA: { source: 'payroll' }, sideB: { source: 'file', label: 'Pension fund', profile: { delimiter: ';', decimalSeparator: ',' } },
        key: [{ a: 'nationalId', b: 'INSZ' }], fields: [{ type: 'amount', a: 'grossMonthlySalary', b: 'Loon', name: 'salary' }],
      },
    });
    expect(def.statusCode).toBe(201);
    const noA = await run({ fileA: ['x.csv', 'a'], fileB: ['fund.csv', 'INSZ;Loon\n'] }, 'wait=true', def.json().id);
    expect(noA.statusCode).toBe(400);
    const res = await run({ fileB: ['fund.csv', 'INSZ;Loon\n111.222.333;3500,00\n123456782;3900,00\n'] }, 'wait=true', def.json().id);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ sideA: { source: 'payroll', importId: imp.json().id, file: null }, counts: { matched: 2, difference: 1 } });
    const results = await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${res.json().id}/results`, headers: h.auth });
    expect(results.json().items).toEqual([expect.objectContaining({ kind: 'difference', key: '123456782', field: 'salary', aValue: '4000', bValue: '3900' })]);
  });

  it('reads side B from an XLSX workbook (Excel dates and numbers) with the same readers, finding the same', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('HR');
    FIXTURE_B.trim().split('\n').forEach((line, i) => {
      const cells: unknown[] = line.split(',');
      if (i > 0) {
        // Numbers as numbers, real dates as Excel dates; what is no date stays text.
        cells[3] = Number(cells[3]);
        if (/^\d{4}-\d{2}-\d{2}$/.test(String(cells[4])) && !String(cells[4]).includes('-31-')) cells[4] = new Date(`${cells[4]}T00:00:00Z`);
        if (cells[1] === '12345672') cells[1] = 12345672;
      }
      ws.addRow(cells);
    });
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const def = await h.app.inject({
      method: 'POST', url: `/api/employers/${employerId}/comparison-definitions`, headers: h.auth,
      payload: { ...FIXTURE_DEFINITION, name: 'Payroll vs HR workbook', sideB: { source: 'file', label: 'HR sheet', profile: { format: 'xlsx', sheet: 'HR' } } },
    });
    expect(def.statusCode).toBe(201);
    const res = await run({ fileA: ['payroll.csv', FIXTURE_A], fileB: ['hr.xlsx', xlsx] }, 'wait=true', def.json().id);
    expect(res.statusCode).toBe(201);
    expect(res.json().counts).toEqual({ rowsA: 7, rowsB: 8, matched: 5, only_in_a: 1, only_in_b: 2, duplicate_key: 2, unparseable: 4, difference: 3 });
    const items = (await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${res.json().id}/results?kind=difference`, headers: h.auth })).json().items;
    expect(items.map((r: { field: string; aValue: string; bValue: string }) => [r.field, r.aValue, r.bValue]).sort()).toEqual([
      ['department', 'Sales', 'Marketing'], ['hire date', '2020-01-01', '2020-02-01'], ['salary', '4000', '4100'],
    ]);
  });

  it('serves result lines only to roles that may see the employer\'s persons', async () => {
    const advisor = await tokenFor(h, 'prevention_advisor', [employerId]);
    const denied = await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${runId}/results`, headers: { authorization: `Bearer ${advisor}` } });
    expect(denied.statusCode).toBe(403);
    const otherEmployer = await createEmployer(h);
    const viewer = await tokenFor(h, 'viewer', [otherEmployer]);
    const elsewhere = await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${runId}/results`, headers: { authorization: `Bearer ${viewer}` } });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('versions an edited definition; its runs keep the version they ran with', async () => {
    const put = await h.app.inject({ method: 'PUT', url: `/api/comparison-definitions/${definitionId}`, headers: h.auth, payload: { ...FIXTURE_DEFINITION, name: 'Payroll vs HR sheet (v2)' } });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ version: 2, name: 'Payroll vs HR sheet (v2)' });
    const old = await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${runId}`, headers: h.auth });
    expect(old.json().definitionVersion).toBe(1);
    const bad = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/comparison-definitions`, headers: h.auth, payload: { ...FIXTURE_DEFINITION, key: [] } });
    expect(bad.statusCode).toBe(400);
    const docs = await h.app.inject({ method: 'GET', url: '/docs/json' });
    expect(docs.statusCode).toBe(200);
    expect(Object.keys(docs.json().paths)).toEqual(expect.arrayContaining(['/api/comparison-runs/{id}/results']));
  });

  it('takes a monthly comparison\'s file per period and side: sealed, replaced by a new upload, refused where it does not belong', async () => {
    const def = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/comparison-definitions`, headers: h.auth, payload: { ...FIXTURE_DEFINITION, name: 'Monthly payroll vs HR', monthly: true } });
    expect(def.statusCode).toBe(201);
    expect(def.json().definition).toMatchObject({ monthly: true });
    const id = def.json().id;
    const put = (side: string, file: [string, string], defId = id, period = '2026-10') => {
      const form = new FormData();
      form.set('file', new Blob([Buffer.from(file[1])]), file[0]);
      return h.app.inject({ method: 'PUT', url: `/api/comparison-definitions/${defId}/periods/${period}/file?side=${side}`, headers: h.auth, payload: form });
    };
    const empty = await h.app.inject({ method: 'GET', url: `/api/comparison-definitions/${id}/periods/2026-10`, headers: h.auth });
    expect(empty.json()).toMatchObject({ monthly: true, files: [], missing: ['a', 'b'], runs: [] });

    const b = await put('b', ['hr.csv', FIXTURE_B]);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({ period: '2026-10', missing: ['a'], files: [{ side: 'b', name: 'hr.csv', uploadedBy: expect.any(String) }] });
    const sha = b.json().files[0].sha256;
    // Sealed at rest: the national ids are not on disk as uploaded.
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(h.files.uploadPath(sha))).toString('latin1')).not.toContain('555555555');
    const a = await put('a', ['payroll.csv', FIXTURE_A]);
    expect(a.json()).toMatchObject({ missing: [], files: [{ side: 'a' }, { side: 'b' }] });

    // A new upload replaces the period's file of that side.
    const again = await put('b', ['hr-v2.csv', FIXTURE_B.replace('Nieuw', 'Nieuwe')]);
    expect(again.json().files.find((f: { side: string }) => f.side === 'b')).toMatchObject({ name: 'hr-v2.csv' });
    expect(again.json().files.find((f: { side: string }) => f.side === 'b').sha256).not.toBe(sha);

    expect((await put('b', ['empty.csv', ''])).statusCode).toBe(400);
    expect((await put('b', ['hr.csv', FIXTURE_B], id, '2026-13')).statusCode).toBe(400);
    const notMonthly = await put('b', ['hr.csv', FIXTURE_B], definitionId);
    expect(notMonthly.statusCode).toBe(409);
    expect(notMonthly.json().error).toBe('not_monthly');
    const photo = await h.app.inject({
      method: 'POST', url: `/api/employers/${employerId}/comparison-definitions`, headers: h.auth,
      payload: { name: 'Monthly photo vs fund', monthly: true, sideA: { source: 'payroll' }, sideB: { source: 'file' }, key: [{ a: 'nationalId', b: 'nationalId' }] },
    });
    const toPhoto = await put('a', ['x.csv', FIXTURE_A], photo.json().id);
    expect(toPhoto.statusCode).toBe(400);
    expect(toPhoto.json().message).toMatch(/^side: side A is Mutaflow's payroll photo/);
    const otherEmployer = await createEmployer(h);
    const viewer = await tokenFor(h, 'viewer', [otherEmployer]);
    const elsewhere = await h.app.inject({ method: 'GET', url: `/api/comparison-definitions/${id}/periods/2026-10`, headers: { authorization: `Bearer ${viewer}` } });
    expect(elsewhere.statusCode).toBe(404);

    // The cycle's upload task is completed by the upload itself, not through the task inbox.
    const [task] = await h.db.insert(tasks).values({ employerId, kind: 'upload_comparison_file', subject: { key: 'u', definitionId: id, period: '2026-11', sides: ['b'] }, dueAt: new Date() }).returning();
    const answer = await h.app.inject({ method: 'POST', url: `/api/tasks/${task.id}/complete`, headers: h.auth, payload: { result: { acknowledged: true } } });
    expect(answer.statusCode).toBe(409);
    expect(answer.json()).toMatchObject({ error: 'upload_instead', message: expect.stringContaining(`/api/comparison-definitions/${id}/periods/2026-11/file`) });
  });
});
