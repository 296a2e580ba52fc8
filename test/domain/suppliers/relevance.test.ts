import type { CanonicalField } from '../../../domain/payroll/canonical';
import { CANONICAL_FIELDS } from '../../../domain/payroll/canonical';
import type {
  ActiveEnrollment, SupplierNeeds} from '../../../domain/suppliers/relevance';
import { DEFAULT_FIELDS_BY_KIND, coversPeriod, relevantSuppliers,
} from '../../../domain/suppliers/relevance';
import { SUPPLIER_KINDS } from '../../../domain/suppliers/supplier-kind';
import type { DetectedChange } from '../../../domain/payroll/snapshot-diff';

const FEB = { from: '2026-02-01', to: '2026-02-28' };

const suppliers = new Map<string, SupplierNeeds>([
  ['health', { supplierId: 'health', kind: 'health_insurer', fields: null }],
  ['pension', { supplierId: 'pension', kind: 'group_insurance', fields: null }],
  ['lease', { supplierId: 'lease', kind: 'external', fields: null }],
  ['accident-own', { supplierId: 'accident-own', kind: 'accident', fields: ['street'] }],
  ['accident', { supplierId: 'accident', kind: 'accident', fields: null }],
  ['hospital', { supplierId: 'hospital', kind: 'hospitalisation', fields: null }],
]);

const open = (supplierId: string, startDate = '2020-01-01'): ActiveEnrollment => ({ supplierId, startDate, endDate: null });

const allEnrolled: ActiveEnrollment[] = [
  open('pension'), open('health'), open('lease'), open('accident-own'), open('accident'), open('hospital'),
];

const change = (field: CanonicalField | null): DetectedChange => ({ kind: 'change', field, oldValue: 'a', newValue: 'b' });
const departure: DetectedChange = { kind: 'departure', field: 'exitDate', oldValue: null, newValue: '2026-02-28' };
const rehire: DetectedChange = { kind: 'rehire', field: 'hireDate', oldValue: '2020-01-01', newValue: '2026-02-01' };
const hire: DetectedChange = { kind: 'hire', field: 'hireDate', oldValue: null, newValue: '2026-02-01' };
const missing: DetectedChange = { kind: 'missing', field: null, oldValue: null, newValue: null };

describe('coversPeriod', () => {
  it.each([
    ['open-ended, started before', '2020-01-01', null, true],
    ['started on the last day', '2026-02-28', null, true],
    ['ended on the first day', '2020-01-01', '2026-02-01', true],
    ['inside the period', '2026-02-10', '2026-02-20', true],
    ['spanning the period', '2025-01-01', '2027-01-01', true],
    ['started after the period', '2026-03-01', null, false],
    ['ended before the period', '2020-01-01', '2026-01-31', false],
  ] as const)('%s → %p', (_why, startDate, endDate, expected) => {
    expect(coversPeriod({ supplierId: 's', startDate, endDate }, FEB.from, FEB.to)).toBe(expected);
  });
});

describe('relevantSuppliers', () => {
  it('a hire concerns nobody yet', () => {
    expect(relevantSuppliers(hire, allEnrolled, suppliers, FEB)).toEqual([]);
  });

  it('a missing person concerns nobody (HR handles it)', () => {
    expect(relevantSuppliers(missing, allEnrolled, suppliers, FEB)).toEqual([]);
  });

  it('a departure concerns every supplier with an enrollment covering the period, sorted', () => {
    expect(relevantSuppliers(departure, allEnrolled, suppliers, FEB)).toEqual(
      ['accident', 'accident-own', 'health', 'hospital', 'lease', 'pension']);
  });

  it('a rehire, like a departure, is not filtered by field', () => {
    expect(relevantSuppliers(rehire, [open('lease'), open('accident-own')], suppliers, FEB)).toEqual(['accident-own', 'lease']);
  });

  it('lists a supplier once even with several enrollments (family members, several plans)', () => {
    const enrollments = [open('health'), open('health', '2024-01-01'), open('pension'), open('pension')];
    expect(relevantSuppliers(departure, enrollments, suppliers, FEB)).toEqual(['health', 'pension']);
  });

  it('ignores enrollments outside the period', () => {
    const enrollments: ActiveEnrollment[] = [
      { supplierId: 'health', startDate: '2020-01-01', endDate: '2026-01-31' },
      { supplierId: 'pension', startDate: '2026-03-01', endDate: null },
      { supplierId: 'lease', startDate: '2026-02-28', endDate: null },
    ];
    expect(relevantSuppliers(departure, enrollments, suppliers, FEB)).toEqual(['lease']);
    expect(relevantSuppliers(change('lastName'), enrollments, suppliers, FEB)).toEqual(['lease']);
  });

  it('ignores enrollments with a supplier it does not know', () => {
    expect(relevantSuppliers(departure, [open('unknown'), open('health')], suppliers, FEB)).toEqual(['health']);
  });

  it('concerns nobody without enrollments', () => {
    expect(relevantSuppliers(departure, [], suppliers, FEB)).toEqual([]);
    expect(relevantSuppliers(change('lastName'), [], suppliers, FEB)).toEqual([]);
  });

  it('a salary change concerns the suppliers whose kind needs the salary', () => {
    expect(relevantSuppliers(change('grossMonthlySalary'), allEnrolled, suppliers, FEB)).toEqual(['accident', 'pension']);
  });

  it('a nationality change concerns the health insurer only', () => {
    expect(relevantSuppliers(change('nationality'), allEnrolled, suppliers, FEB)).toEqual(['health']);
  });

  it('a street change concerns every kind with the address, and a supplier that lists it itself', () => {
    expect(relevantSuppliers(change('street'), allEnrolled, suppliers, FEB)).toEqual(
      ['accident-own', 'health', 'hospital', 'lease', 'pension']);
  });

  it("a supplier's own field list replaces its kind's default", () => {
    // accident's default includes the salary; 'accident-own' only wants the street
    expect(DEFAULT_FIELDS_BY_KIND.accident).toContain('grossMonthlySalary');
    expect(relevantSuppliers(change('grossMonthlySalary'), [open('accident-own')], suppliers, FEB)).toEqual([]);
    expect(relevantSuppliers(change('street'), [open('accident-own')], suppliers, FEB)).toEqual(['accident-own']);
  });

  it('an empty own field list hears about no field change, but still about a departure', () => {
    const own = new Map<string, SupplierNeeds>([['x', { supplierId: 'x', kind: 'internal', fields: [] }]]);
    expect(relevantSuppliers(change('lastName'), [open('x')], own, FEB)).toEqual([]);
    expect(relevantSuppliers(departure, [open('x')], own, FEB)).toEqual(['x']);
  });

  it('a change without a field concerns nobody', () => {
    expect(relevantSuppliers(change(null), allEnrolled, suppliers, FEB)).toEqual([]);
  });

  it('a marital status change concerns group insurance and hospitalisation, not the health insurer', () => {
    expect(relevantSuppliers(change('maritalStatus'), allEnrolled, suppliers, FEB)).toEqual(['hospital', 'pension']);
  });

  it('follows the kind default for every canonical field', () => {
    for (const field of CANONICAL_FIELDS) {
      const expected = [...suppliers.values()]
        .filter((s) => (s.fields ?? DEFAULT_FIELDS_BY_KIND[s.kind]).includes(field))
        .map((s) => s.supplierId).sort();
      expect(relevantSuppliers(change(field), allEnrolled, suppliers, FEB)).toEqual(expected);
    }
  });
});

describe('DEFAULT_FIELDS_BY_KIND', () => {
  it('has a list for every supplier kind, naming only canonical fields, never the employee number', () => {
    expect(Object.keys(DEFAULT_FIELDS_BY_KIND).sort()).toEqual([...SUPPLIER_KINDS].sort());
    for (const kind of SUPPLIER_KINDS) {
      const fields = DEFAULT_FIELDS_BY_KIND[kind];
      expect(fields.length).toBeGreaterThan(0);
      for (const f of fields) expect(CANONICAL_FIELDS).toContain(f);
      expect(fields).not.toContain('employeeNumber');
      expect(new Set(fields).size).toBe(fields.length);
    }
  });

  it('lets every kind hear about hire and exit date corrections', () => {
    for (const kind of SUPPLIER_KINDS) {
      expect(DEFAULT_FIELDS_BY_KIND[kind]).toEqual(expect.arrayContaining(['hireDate', 'exitDate']));
    }
  });
});
