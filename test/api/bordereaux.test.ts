import ExcelJS from 'exceljs';
import { messages } from '../../db/schema';
import type { Harness } from '../support/harness';
import { startHarness, uploadForm } from '../support/harness';
import { createBordereauSetup, type Setup } from '../support/enrollment-fixture';

/**
 * A real upload on real PostgreSQL: A (85010100101) enrolled and billed right; B (85010100202)
 * enrolled, not billed; C left in September and still billed; X billed, never enrolled; A's
 * premium billed 31,00 against a fixed 30,00.
 */
const HEADER = 'INSZ;Type;Naam;Premie;Code\n';
const NOVEMBER = `${HEADER}85.01.01-001.01;T;Peeters;31,00;05\n85010100303;T;Maes;30,00;\n85010100999;T;Onbekend;30,00;05\n`;

describe('bordereaux API', () => {
  let h: Harness;
  let s: Setup;
  let personA: string;
  beforeAll(async () => {
    h = await startHarness({ worker: false });
    const setup = await createBordereauSetup(h, '2026-09-15');
    s = setup;
    personA = setup.personA;
    const put = await h.app.inject({ method: 'PUT', url: `/api/suppliers/${s.supplierId}/bordereau-profile`, headers: h.auth, payload: {
      columns: { INSZ: 'nationalId', Type: 'role', Naam: 'lastName', Premie: 'premium', Code: 'movementCode' }, decimalSeparator: ',',
    } });
    expect(put.statusCode).toBe(200);
  });
  afterAll(async () => { await h.close(); });

  const upload = (content: string | Buffer, period: string, replace = false) => {
    const form = uploadForm(content, 'bordereau.csv');
    return h.app.inject({ method: 'POST', url: `/api/employers/${s.employerId}/suppliers/${s.supplierId}/bordereaux?period=${period}${replace ? '&replace=true' : ''}`, headers: h.auth, payload: form });
  };
  const runCount = async () => Number((await h.db.$client.query('select count(*) from bordereau_runs where employer_id = $1', [s.employerId])).rows[0].count);

  it('answers a period with no communication yet plainly', async () => {
    const res = await upload(NOVEMBER, '2026-11');
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ result: 'no_communication', differences: [], lines: 3, message: expect.stringContaining('Nothing has been communicated') });
  });

  it('reconciles against what was sent; the same file again is 409, replace keeps the old run', async () => {
    await h.db.insert(messages).values({ employerId: s.employerId, supplierId: s.supplierId, personId: personA, kind: 'enrollment', status: 'processed', factDate: '2026-01-01', sendDate: '2026-01-01', sentAt: new Date('2026-01-02T10:00:00Z'), createdBy: 'test' });
    const again = await upload(NOVEMBER, '2026-11');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'bordereau_exists', message: expect.stringContaining('already uploaded') });
    expect(again.body).not.toContain('Peeters');

    const res = await upload(NOVEMBER, '2026-11', true);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.result).toBe('reconciled');
    expect(body.replacedRunId).toEqual(expect.any(String));
    const kinds = body.differences.map((d: { kind: string; nationalId: string }) => `${d.kind}:${d.nationalId}`);
    expect(kinds[0]).toBe('left_still_billed:85010100303');
    expect(kinds).toEqual(expect.arrayContaining(['billed_not_enrolled:85010100999', 'enrolled_not_billed:85010100202', 'premium_mismatch:85010100101']));
    expect(body.differences.find((d: { kind: string }) => d.kind === 'premium_mismatch')).toMatchObject({ billed: 3100, expected: 3000, status: 'open', resolution: null });
    const task = await h.db.$client.query("select status, subject from tasks where kind = 'review_bordereau' and employer_id = $1 order by created_at", [s.employerId]);
    expect(task.rows.map((r) => r.status)).toEqual(['open']);
    expect(task.rows[0].subject).toEqual({ supplierId: s.supplierId, bordereauRunId: body.id, period: '2026-11', openDifferences: body.differences.length });
    expect(JSON.stringify(task.rows[0].subject)).not.toContain('850101');
    expect((await h.db.$client.query('select status from bordereau_runs where employer_id = $1 order by created_at', [s.employerId])).rows.map((r) => r.status)).toEqual(['replaced', 'current']);
  });

  it('refuses a file that does not map whole, naming row and column, storing nothing', async () => {
    const before = await runCount();
    const res = await upload(`${HEADER}85010100101;T;Peeters;abc;05\n85010100202;Z;Claes;30,00;\n`, '2026-12');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'invalid_file', problems: [{ row: 2, column: 'Premie', code: 'invalid_number' }, { row: 3, column: 'Type', code: 'invalid_role' }] });
    expect(res.body).not.toContain('Peeters');
    const missing = await upload('INSZ;Naam\n85010100101;Peeters\n', '2026-12');
    expect(missing.json()).toMatchObject({ error: 'invalid_file', problems: [{ row: 1, column: 'premium', code: 'missing_column' }] });
    expect(await runCount()).toBe(before);
  });

  it('reads an XLSX bordereau, numbers and dates as cells, naming the real row of a problem', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Bordereau');
    ws.addRow(['INSZ', 'Type', 'Naam', 'Premie', 'Code']);
    ws.addRow(['85010100101', 'T', 'Peeters', 30, '05']);
    ws.addRow([]);
    ws.addRow(['85010100202', 'T', 'Claes', 'dertig', '']);
    const bad = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '2027-01');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().problems).toEqual([{ row: 4, column: 'Premie', code: 'invalid_number' }]);
    ws.getRow(4).getCell(4).value = 30;
    const ok = await upload(Buffer.from(await wb.xlsx.writeBuffer()), '2027-01');
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ result: 'reconciled', lines: 2 });
    expect(ok.json().differences.some((d: { kind: string }) => d.kind === 'premium_mismatch')).toBe(false);
    expect(ok.json().differences.some((d: { kind: string; nationalId: string }) => d.kind === 'left_still_billed')).toBe(false);
  });

  it('an accepted difference that recurs unchanged next month is recurring and accepted, not raised again', async () => {
    const list = await h.app.inject({ method: 'GET', url: `/api/employers/${s.employerId}/suppliers/${s.supplierId}/bordereaux`, headers: h.auth });
    const novemberId = list.json().items.find((r: { period: string; status: string }) => r.period === '2026-11' && r.status === 'current').id;
    const nov = (await h.app.inject({ method: 'GET', url: `/api/bordereaux/${novemberId}`, headers: h.auth })).json();
    const premium = nov.differences.find((d: { kind: string }) => d.kind === 'premium_mismatch');
    const resolved = await h.app.inject({ method: 'POST', url: `/api/bordereaux/${novemberId}/resolutions`, headers: h.auth, payload: { fingerprint: premium.fingerprint, reason: 'accepted' } });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json().differences.find((d: { kind: string }) => d.kind === 'premium_mismatch').resolution).toBe('accepted');

    // November's very file sent again as December's: recognised, nothing stored.
    const before = await runCount();
    const resent = await upload(NOVEMBER, '2026-12');
    expect(resent.statusCode).toBe(409);
    expect(resent.json()).toMatchObject({ error: 'bordereau_of_other_period', period: '2026-11', message: expect.stringContaining('reconciled for 2026-11') });
    expect(await runCount()).toBe(before);

    // December's own file, with the same lines (an empty last line makes it another file).
    const dec = await upload(`${NOVEMBER}\n`, '2026-12');
    expect(dec.statusCode).toBe(201);
    const diffs = dec.json().differences;
    expect(diffs.find((d: { kind: string }) => d.kind === 'premium_mismatch')).toMatchObject({ status: 'recurring_accepted', resolution: 'accepted' });
    expect(diffs.find((d: { kind: string }) => d.kind === 'billed_not_enrolled')).toMatchObject({ status: 'open', resolution: null });

    // Resolving every open difference completes the bordereau's task.
    for (const d of diffs.filter((x: { status: string }) => x.status === 'open')) {
      const r = await h.app.inject({ method: 'POST', url: `/api/bordereaux/${dec.json().id}/resolutions`, headers: h.auth, payload: { fingerprint: d.fingerprint, reason: 'insurer_will_correct' } });
      expect(r.statusCode).toBe(200);
    }
    const decTask = await h.db.$client.query("select status from tasks where kind = 'review_bordereau' and subject->>'bordereauRunId' = $1", [dec.json().id]);
    expect(decTask.rows).toEqual([{ status: 'completed' }]);

    const report = await h.app.inject({ method: 'GET', url: `/api/bordereaux/${dec.json().id}/report?lang=nl`, headers: h.auth });
    expect(report.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Verschillen')!;
    expect(sheet.getRow(2).getCell(2).value).toBe('Uit dienst, nog gefactureerd');
    const statuses = sheet.getColumn(10).values.slice(2);
    expect(statuses).toContain('Terugkerend, aanvaard');
  });
});
