import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Harness} from '../support/harness';
import { createEmployer, startHarness, uploadForm } from '../support/harness';

const fixture = (name: string) => readFile(join(__dirname, '..', 'fixtures', name));

/** The export shapes of ../shared/samples, read by the shipped mapping profiles. */
describe('payroll exports as payroll systems write them', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h.close(); });

  const personOf = async (employerId: string, employeeNumber: string) => {
    const { rows } = await h.db.$client.query('select data, status from persons where employer_id = $1 and employee_number = $2', [employerId, employeeNumber]);
    return rows[0];
  };

  it('reads the Dutch CSV (Windows-1252, ";", dd-mm-yyyy, decimal comma, codes) with the nl-payroll-csv preset', async () => {
    const employerId = await createEmployer(h, { mappingProfile: { preset: 'nl-payroll-csv' } });
    const res = await h.app.inject({
      method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth,
      payload: uploadForm(await fixture('nl-payroll-export-2026-09.csv'), 'nl-payroll-export-2026-09.csv', '2026-09'),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'completed', rowCount: 36, errorCount: 0 });
    const first = await personOf(employerId, '00001');
    expect(first.data).toMatchObject({
      employeeNumber: '00001', lastName: 'Çelik', firstName: 'Inge', birthDate: '1986-03-01', maritalStatus: 'cohabiting',
      category: 'blue_collar', workSchedulePercent: '80', grossMonthlySalary: '3578.66', hireDate: '2013-03-01', exitDate: null,
      custom: { Kostenplaats: '100 Productie' },
    });
    // V(rouw) maps to F; the prefix column stays separate.
    expect((await personOf(employerId, '00027')).data).toMatchObject({ gender: 'F', namePrefix: 'van den', lastName: 'Berg' });
  });

  it('reads the Belgian XLSX (second sheet, French headers, Excel dates, words for codes) with the be-payroll-xlsx preset', async () => {
    const employerId = await createEmployer(h, { country: 'BE', mappingProfile: { preset: 'be-payroll-xlsx' } });
    const res = await h.app.inject({
      method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth,
      payload: uploadForm(await fixture('be-payroll-export-2026-09.xlsx'), 'be-payroll-export-2026-09.xlsx', '2026-09'),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'completed', rowCount: 25 });
    const first = await personOf(employerId, 'E00001');
    expect(first.data).toMatchObject({
      nationalId: '86030165080', lastName: 'Çelik', birthDate: '1986-03-01', maritalStatus: 'cohabiting', category: 'blue_collar',
      workSchedulePercent: '80', grossMonthlySalary: '3578.66', hireDate: '2013-03-01', country: 'BE',
    });
    // "van den Berg" in one column: split into prefix and last name, as Dutch-speaking insurers expect.
    expect((await personOf(employerId, 'E00016')).data).toMatchObject({ namePrefix: 'van den', lastName: 'Berg' });
    expect((await personOf(employerId, 'E00008')).data).toMatchObject({ namePrefix: 'de', lastName: 'Vries' });
  });

  it('keeps the uploaded file retrievable, byte for byte', async () => {
    const employerId = await createEmployer(h, { mappingProfile: { preset: 'nl-payroll-csv' } });
    const bytes = await fixture('nl-payroll-export-2026-09.csv');
    const up = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(bytes, 'export.csv', '2026-09') });
    const file = await h.app.inject({ method: 'GET', url: `/api/payroll-imports/${up.json().id}/file`, headers: h.auth });
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(bytes)).toBe(true);
    expect(file.headers['content-disposition']).toContain('export.csv');
  });
});
