import { CANONICAL_FIELDS } from '../../domain/payroll/canonical';
import type { Harness} from '../support/harness';
import { createEmployer, startHarness, uploadForm } from '../support/harness';

const HEADER = CANONICAL_FIELDS.join(',');
const person = (over: Record<string, string> = {}) => {
  const base: Record<string, string> = {
    employeeNumber: '0001', nationalId: '111222333', lastName: 'Jansen', namePrefix: '', firstName: 'Anna', initials: 'A.',
    birthDate: '1985-04-12', gender: 'F', nationality: 'NL', maritalStatus: 'single', street: 'Kerkstraat', houseNumber: '1',
    postalCode: '3511CD', city: 'Utrecht', country: 'NL', partnerLastName: '', partnerNamePrefix: '', category: 'white_collar',
    salaryClass: '5', workSchedulePercent: '100', grossMonthlySalary: '3500.00', hireDate: '2020-01-01', exitDate: '',
  };
  const row = { ...base, ...over };
  return CANONICAL_FIELDS.map((f) => row[f]).join(',');
};
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

describe('payroll import through the API', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h.close(); });

  it('imports a baseline, then detects hires, departures, missing persons and field changes', async () => {
    const employerId = await createEmployer(h);
    const month1 = csv(
      person(),
      person({ employeeNumber: '0002', nationalId: '123456782', lastName: 'Bakker' }),
      person({ employeeNumber: '0003', nationalId: '111222333'.replace('111222333', '100000009'), lastName: 'Smit' }),
    );
    const r1 = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(month1, 'sept.csv', '2026-09') });
    expect(r1.statusCode).toBe(201);
    expect(r1.json()).toMatchObject({ status: 'completed', rowCount: 3, changeCounts: {} });

    const month2 = csv(
      person({ street: 'Markt', grossMonthlySalary: '3600' }),
      person({ employeeNumber: '0002', nationalId: '123456782', lastName: 'Bakker', exitDate: '2026-10-31' }),
      person({ employeeNumber: '0004', nationalId: '100000010'.replace('100000010', '111111110'), lastName: 'Visser' }),
    );
    const r2 = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(month2, 'okt.csv', '2026-10') });
    expect(r2.statusCode).toBe(201);
    const imp = r2.json();
    expect(imp.changeCounts).toEqual({ change: 2, departure: 1, hire: 1, missing: 1 });

    const changes = await h.app.inject({ method: 'GET', url: `/api/payroll-imports/${imp.id}/changes`, headers: h.auth });
    expect(changes.statusCode).toBe(200);
    const items = changes.json().items;
    expect(items).toEqual(expect.arrayContaining([
      expect.objectContaining({ employeeNumber: '0001', kind: 'change', field: 'street', oldValue: 'Kerkstraat', newValue: 'Markt' }),
      expect.objectContaining({ employeeNumber: '0001', kind: 'change', field: 'grossMonthlySalary', oldValue: '3500', newValue: '3600' }),
      expect.objectContaining({ employeeNumber: '0002', kind: 'departure', field: 'exitDate', newValue: '2026-10-31' }),
      expect.objectContaining({ employeeNumber: '0003', kind: 'missing' }),
      expect.objectContaining({ employeeNumber: '0004', kind: 'hire' }),
    ]));
  });
});
