import type { StatementInput } from '../../domain/statements/statement';

const PLAN_FAMILY = { kind: 'per_family_member', insuredCents: 4000, partnerCents: 3000, childCents: 1500, employerShareBasisPoints: 5000 };
const PLAN_SALARY = { kind: 'percent_of_salary', rateBasisPoints: 150, ceilingCents: 500000, employerShareBasisPoints: 10000 };

/** A Belgian employee with a partner and a child, three suppliers, and an address a supplier was told otherwise. */
export function statementInput(over: Partial<StatementInput> = {}): StatementInput {
  return {
    lang: 'nl',
    issuedOn: '2026-11-15',
    employer: { name: 'Brouwerij Van Steenberge', country: 'BE', companyNumber: '0123456749' },
    person: {
      employeeNumber: 'E-001', status: 'active',
      data: {
        employeeNumber: 'E-001', nationalId: '85073003328', firstName: 'Anaïs', lastName: 'Lefèvre', birthDate: '1985-07-30', gender: 'F',
        street: 'Kerkstraat', houseNumber: '12', postalCode: '9000', city: 'Gent', country: 'BE',
        category: 'white_collar', workSchedulePercent: '80', grossMonthlySalary: '4250.50', hireDate: '2019-03-01',
      },
    },
    familyMembers: [
      { id: 'fm-partner', relation: 'partner', data: { firstName: 'Jan', lastName: 'Peeters', birthDate: '1983-01-02' }, endDate: null },
      { id: 'fm-child', relation: 'child', data: { firstName: 'Lotte', lastName: 'Peeters', birthDate: '2015-05-05' }, endDate: null },
    ],
    enrollments: [
      { familyMemberId: null, supplierName: 'DKV', planId: 'hosp', planName: 'Hospitalisatie', planCode: 'H1', startDate: '2020-01-01', endDate: null, premiumFormula: PLAN_FAMILY },
      { familyMemberId: 'fm-partner', supplierName: 'DKV', planId: 'hosp', planName: 'Hospitalisatie', planCode: 'H1', startDate: '2020-01-01', endDate: null, premiumFormula: PLAN_FAMILY },
      { familyMemberId: 'fm-child', supplierName: 'DKV', planId: 'hosp', planName: 'Hospitalisatie', planCode: 'H1', startDate: '2021-06-01', endDate: null, premiumFormula: PLAN_FAMILY },
      { familyMemberId: null, supplierName: 'AG Insurance', planId: 'pension', planName: 'Groepsverzekering', planCode: null, startDate: '2019-03-01', endDate: null, premiumFormula: PLAN_SALARY },
      { familyMemberId: null, supplierName: 'Leasing NV', planId: 'car', planName: 'Leasewagen', planCode: null, startDate: '2019-03-01', endDate: '2024-02-29', premiumFormula: null },
    ],
    communications: [
      { supplierName: 'DKV', sentOn: '2026-10-03', person: { employeeNumber: 'E-001', nationalId: '85.07.30-033.28', firstName: 'Anaïs', lastName: 'Lefèvre', street: 'Veldstraat', houseNumber: '4' } },
      { supplierName: 'AG Insurance', sentOn: '2026-09-20', person: { employeeNumber: 'E-001', nationalId: '85073003328', firstName: 'Anaïs', lastName: 'Lefèvre', street: 'Kerkstraat' } },
    ],
    ...over,
  };
}

