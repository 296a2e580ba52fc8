import type { Harness} from '../support/harness';
import { createEmployer, startHarness, uploadForm } from '../support/harness';
import { BSNS, canonicalCsv, personRow } from '../support/canonical-csv';
import { eventually } from '../support/message-fixture';

const p = (n: number, over: Record<string, string> = {}) =>
  personRow({ employeeNumber: `000${n}`, nationalId: BSNS[n], lastName: `Person${n}`, ...over });

describe('import lifecycle', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h.close(); });

  const upload = (employerId: string, csv: string, period: string, wait = true) => h.app.inject({
    method: 'POST', url: `/api/employers/${employerId}/payroll-imports${wait ? '?wait=true' : ''}`, headers: h.auth,
    payload: uploadForm(csv, `payroll-${period}.csv`, period),
  });
  const changesOf = async (importId: string, query = '') =>
    (await h.app.inject({ method: 'GET', url: `/api/payroll-imports/${importId}/changes${query}`, headers: h.auth })).json();
  const count = async (sql: string, params: unknown[]) => (await h.db.$client.query(sql, params)).rows[0].n as number;

  it('recognises the same file uploaded twice for the same period', async () => {
    const employerId = await createEmployer(h);
    const csv = canonicalCsv(p(1), p(2));
    const first = await upload(employerId, csv, '2026-09');
    expect(first.statusCode).toBe(201);
    const again = await upload(employerId, csv, '2026-09');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ importId: first.json().id, duplicate: true, status: 'completed' });
    expect(await count('select count(*)::int as n from payroll_imports where employer_id = $1', [employerId])).toBe(1);
  });

  it('answers 202 at once and exposes status and progress while running', async () => {
    const employerId = await createEmployer(h);
    const res = await upload(employerId, canonicalCsv(p(1)), '2026-09', false);
    expect(res.statusCode).toBe(202);
    const { importId, workflowId } = res.json();
    expect(workflowId).toBe(`payroll-import-${employerId}-2026-09`);
    await h.client.workflow.getHandle(workflowId).result();
    const view = await h.app.inject({ method: 'GET', url: `/api/payroll-imports/${importId}`, headers: h.auth });
    expect(view.json()).toMatchObject({ status: 'completed', stage: 'completed', rowCount: 1, progress: null, uploadedBy: expect.stringMatching(/^test-/) });
  });

  it('shows live progress from the running activity\'s heartbeat', async () => {
    const employerId = await createEmployer(h);
    const many = canonicalCsv(...Array.from({ length: 60_000 }, (_, i) => personRow({ employeeNumber: `P${i}`, nationalId: BSNS[i % BSNS.length] })));
    const res = await upload(employerId, many, '2026-09', false);
    expect(res.statusCode).toBe(202);
    const { importId } = res.json();
    const seen: { status: string; progress: { stage: string; rows: number } | null }[] = [];
    for (;;) {
      const view = (await h.app.inject({ method: 'GET', url: `/api/payroll-imports/${importId}`, headers: h.auth })).json();
      seen.push({ status: view.status, progress: view.progress });
      if (view.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen.at(-1)).toEqual({ status: 'completed', progress: null });
    expect(seen).toContainEqual({ status: 'running', progress: { stage: 'validating', rows: expect.any(Number) } });
    expect(seen.some((v) => v.progress && v.progress.rows > 0)).toBe(true);
  });

  it('replaces a period\'s changes cleanly when the period is imported again', async () => {
    const employerId = await createEmployer(h);
    expect((await upload(employerId, canonicalCsv(p(1), p(2), p(3)), '2026-09')).statusCode).toBe(201);
    const wrong = await upload(employerId, canonicalCsv(p(1, { street: 'Markt' }), p(2), p(4)), '2026-10');
    expect(wrong.json().changeCounts).toEqual({ change: 1, hire: 1, missing: 1 });

    // The corrected October export: person 3 is there after all, person 2 has a new salary.
    const fixed = await upload(employerId, canonicalCsv(p(1), p(2, { grossMonthlySalary: '3900' }), p(3)), '2026-10');
    expect(fixed.statusCode).toBe(201);
    expect(fixed.json()).toMatchObject({ changeCounts: { change: 1 }, baselineImportId: expect.any(String) });
    const old = await h.app.inject({ method: 'GET', url: `/api/payroll-imports/${wrong.json().id}`, headers: h.auth });
    expect(old.json()).toMatchObject({ status: 'superseded', supersededBy: fixed.json().id });

    expect(await count('select count(*)::int as n from payroll_changes where employer_id = $1', [employerId])).toBe(1);
    const [change] = (await changesOf(fixed.json().id)).items;
    expect(change).toMatchObject({ employeeNumber: '0002', field: 'grossMonthlySalary', oldValue: '3500', newValue: '3900' });
    // Person 4 existed only in the replaced import; person 1's street is back to the September value.
    expect(await count('select count(*)::int as n from persons where employer_id = $1 and employee_number = $2', [employerId, '0004'])).toBe(0);
    const { rows } = await h.db.$client.query(`select data->>'street' as street, status from persons where employer_id = $1 and employee_number = '0001'`, [employerId]);
    expect(rows[0]).toEqual({ street: 'Kerkstraat', status: 'active' });
  });

  it('keeps a hire of the replaced import whom a finding or HR\'s data names, as missing; one nothing names is gone', async () => {
    const employerId = await createEmployer(h);
    const rule = await h.app.inject({
      method: 'POST', url: `/api/employers/${employerId}/audit-rules`, headers: h.auth,
      payload: { name: 'Salary class filled', severity: 'blocking', definition: { kind: 'presence', fields: ['salaryClass'] } },
    });
    expect(rule.statusCode).toBe(201);
    expect((await upload(employerId, canonicalCsv(p(1), p(2)), '2026-09')).statusCode).toBe(201);
    const wrong = await upload(employerId, canonicalCsv(p(1), p(2), p(4, { salaryClass: '' }), p(5), p(6)), '2026-10');
    expect(wrong.json().changeCounts).toMatchObject({ hire: 3 });
    const idOf = async (n: number) => (await h.db.$client.query<{ id: string }>(
      'select id from persons where employer_id = $1 and employee_number = $2', [employerId, `000${n}`])).rows[0]?.id;
    // The import's audit holds hire 4 with a blocking finding; HR completes a field of hire 5.
    const hire4 = await idOf(4);
    await eventually(() => count('select count(*)::int as n from audit_findings where person_id = $1', [hire4]), (n) => n > 0);
    await h.db.$client.query(`insert into person_corrections (person_id, field, value, corrected_by) values ($1, 'iban', 'NL91ABNA0417164300', 'test')`, [await idOf(5)]);

    // The corrected October export has none of the three.
    const fixed = await upload(employerId, canonicalCsv(p(1), p(2)), '2026-10');
    expect(fixed.statusCode).toBe(201);
    expect(fixed.json()).toMatchObject({ status: 'completed' });
    const { rows } = await h.db.$client.query(`select employee_number, status from persons where employer_id = $1 order by employee_number`, [employerId]);
    expect(rows).toEqual([
      { employee_number: '0001', status: 'active' }, { employee_number: '0002', status: 'active' },
      { employee_number: '0004', status: 'missing' }, { employee_number: '0005', status: 'missing' },
    ]);
  });

  it('refuses a period before one already imported', async () => {
    const employerId = await createEmployer(h);
    await upload(employerId, canonicalCsv(p(1)), '2026-10');
    const res = await upload(employerId, canonicalCsv(p(1), p(2)), '2026-09');
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'period_order' });
  });

  it('pages changes with a cursor and filters them by kind, field and supplier', async () => {
    const employerId = await createEmployer(h);
    const sept = await upload(employerId, canonicalCsv(p(1), p(2), p(3), p(4)), '2026-09');
    expect(sept.statusCode).toBe(201);
    // Person 1 is enrolled with a health insurer (needs the address, not the salary).
    const { rows: [supplier] } = await h.db.$client.query(`insert into suppliers (name, kind) values ('Zorgverzekeraar', 'health_insurer') returning id`);
    const { rows: [plan] } = await h.db.$client.query(`insert into plans (supplier_id, name) values ($1, 'Basis') returning id`, [supplier.id]);
    await h.db.$client.query(`insert into enrollments (person_id, plan_id, start_date)
      select id, $2, '2025-01-01' from persons where employer_id = $1 and employee_number = '0001'`, [employerId, plan.id]);

    const oct = await upload(employerId, canonicalCsv(
      p(1, { street: 'Markt', grossMonthlySalary: '4000', maritalStatus: 'married' }),
      p(2, { street: 'Dam' }), p(3, { exitDate: '2026-10-31' }), p(4), p(5)), '2026-10');
    const importId = oct.json().id;
    expect(oct.json().changeCounts).toEqual({ change: 4, departure: 1, hire: 1 });

    const page1 = await changesOf(importId, '?limit=2');
    expect(page1.items).toHaveLength(2);
    const page2 = await changesOf(importId, `?limit=2&cursor=${page1.nextCursor}`);
    const page3 = await changesOf(importId, `?limit=2&cursor=${page2.nextCursor}`);
    expect(page3.nextCursor).toBeNull();
    const all = [...page1.items, ...page2.items, ...page3.items];
    expect(new Set(all.map((c) => c.id)).size).toBe(6);

    expect((await changesOf(importId, '?kind=departure')).items).toEqual([expect.objectContaining({ employeeNumber: '0003', newValue: '2026-10-31' })]);
    expect((await changesOf(importId, '?field=street')).items.map((c: { employeeNumber: string }) => c.employeeNumber).sort()).toEqual(['0001', '0002']);
    const forInsurer = (await changesOf(importId, `?supplierId=${supplier.id}`)).items;
    expect(forInsurer).toEqual([expect.objectContaining({ employeeNumber: '0001', field: 'street', supplierIds: [supplier.id] })]);

    const bad = await h.app.inject({ method: 'GET', url: `/api/payroll-imports/${importId}/changes?kind=promotion`, headers: h.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('kind');
  });
});

describe('API basics', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ worker: false }); });
  afterAll(async () => { await h.close(); });

  it('reports health of the database and Temporal without a token', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: 'ok', temporal: 'ok' });
  });

  it('needs a valid bearer token on every /api route', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/employers/00000000-0000-0000-0000-000000000000' })).statusCode).toBe(401);
    const wrong = await h.app.inject({ method: 'GET', url: '/api/employers/00000000-0000-0000-0000-000000000000', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    expect((await h.app.inject({ method: 'GET', url: '/api/employers/00000000-0000-0000-0000-000000000000', headers: h.auth })).statusCode).toBe(404);
  });

  it('validates company numbers by country and names the field', async () => {
    const kvk = await h.app.inject({ method: 'POST', url: '/api/employers', headers: h.auth, payload: { name: 'X', country: 'NL', companyNumber: '1234' } });
    expect(kvk.statusCode).toBe(400);
    expect(kvk.json().message).toContain('companyNumber');
    const kbo = await h.app.inject({ method: 'POST', url: '/api/employers', headers: h.auth, payload: { name: 'X', country: 'BE', companyNumber: '0403.170.702' } });
    expect(kbo.statusCode).toBe(400);
    const ok = await h.app.inject({ method: 'POST', url: '/api/employers', headers: h.auth, payload: { name: 'X', country: 'BE', companyNumber: 'BE 0403.170.701' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().companyNumber).toBe('0403170701');
    const country = await h.app.inject({ method: 'POST', url: '/api/employers', headers: h.auth, payload: { name: 'X', country: 'DE' } });
    expect(country.statusCode).toBe(400);
    expect(country.json().message).toContain('country');
  });

  it('sets a mapping profile from a preset or in full, and refuses unknown settings', async () => {
    const employerId = await createEmployer(h);
    const preset = await h.app.inject({ method: 'PUT', url: `/api/employers/${employerId}/mapping-profile`, headers: h.auth, payload: { preset: 'nl-payroll-csv' } });
    expect(preset.statusCode).toBe(200);
    expect(preset.json().mappingProfile).toMatchObject({ name: 'nl-payroll-csv', delimiter: ';', decimalSeparator: ',' });
    const full = await h.app.inject({ method: 'PUT', url: `/api/employers/${employerId}/mapping-profile`, headers: h.auth, payload: { name: 'own', columns: { Pnr: 'employeeNumber' }, dateFormats: ['dd/mm/yyyy'] } });
    expect(full.statusCode).toBe(200);
    expect(full.json().mappingProfile).toMatchObject({ name: 'own', columns: { Pnr: 'employeeNumber' } });
    const bad = await h.app.inject({ method: 'PUT', url: `/api/employers/${employerId}/mapping-profile`, headers: h.auth, payload: { columns: { Pnr: 'salary' } } });
    expect(bad.statusCode).toBe(400);
  });

  it('serves the OpenAPI description at /docs', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toEqual(expect.arrayContaining(['/api/employers/{id}/payroll-imports', '/api/payroll-imports/{id}/changes', '/health']));
  });
});
