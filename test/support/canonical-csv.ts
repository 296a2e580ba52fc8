import { CANONICAL_FIELDS } from '../../domain/payroll/canonical';

/** A canonical payroll CSV built from small overrides of one valid person. */
export const BASE_PERSON: Record<string, string> = {
  employeeNumber: '0001', nationalId: '111222333', lastName: 'Jansen', namePrefix: '', firstName: 'Anna', initials: 'A.',
  birthDate: '1985-04-12', gender: 'F', nationality: 'NL', maritalStatus: 'single', street: 'Kerkstraat', houseNumber: '1',
  postalCode: '3511CD', city: 'Utrecht', country: 'NL', partnerLastName: '', partnerNamePrefix: '', category: 'white_collar',
  salaryClass: '5', workSchedulePercent: '100', grossMonthlySalary: '3500.00', hireDate: '2020-01-01', exitDate: '',
};

/** Valid BSNs (11-check) for test persons. */
export const BSNS = ['111222333', '123456782', '100000009', '111111110', '222222220', '333333330', '444444440'];

export const personRow = (over: Record<string, string> = {}) => {
  const row = { ...BASE_PERSON, ...over };
  return CANONICAL_FIELDS.map((f) => row[f]).join(',');
};

export const canonicalCsv = (...rows: string[]) => `${[CANONICAL_FIELDS.join(','), ...rows].join('\n')}\n`;
