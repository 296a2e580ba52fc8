import type { EnrollmentCsvRow } from '../../../domain/enrollments/csv';
import { type ExistingEnrollment, checkImportRows } from '../../../domain/enrollments/import-check';

const PLAN = 'plan-1';
const row = (n: number, over: Partial<EnrollmentCsvRow> = {}): EnrollmentCsvRow => ({
  row: n, employeeNumber: 'E1', planId: null, planCode: 'P', startDate: '2026-01-01', endDate: null, familyMemberId: null, ...over,
});
const check = (rows: EnrollmentCsvRow[], existing: ExistingEnrollment[] = []) => checkImportRows(
  { rows, problems: [], header: (c) => c },
  {
    personByNumber: new Map([['E1', 'person-1']]), knownPlanIds: new Set(), plansByCode: new Map([['P', [{ id: PLAN, supplierId: 's' }]]]),
    linkedSuppliers: new Set(), familyMemberOwner: new Map(), existing,
  },
);

describe('checkImportRows', () => {
  it('refuses a row that repeats an enrollment of an earlier row', () => {
    const { problems, resolved } = check([row(2), row(3, { endDate: '2026-06-30' })]);
    expect(problems).toEqual([{
      row: 3, column: 'startDate', code: 'duplicate_row', message: 'the same enrollment (employee, plan, start date) is already on row 2',
    }]);
    expect(resolved).toHaveLength(1);
  });

  it('matches a row to the open enrollment with its start date, which it may end', () => {
    const open = { id: 'e-1', personId: 'person-1', familyMemberId: null, planId: PLAN, startDate: '2026-01-01', endDate: null };
    const { problems, resolved } = check([row(2, { endDate: '2026-06-30' })], [open]);
    expect(problems).toEqual([]);
    expect(resolved).toEqual([expect.objectContaining({ personId: 'person-1', planId: PLAN, match: open })]);
  });

  it('refuses a new enrollment that would overlap an open one, and names unknown people and plans', () => {
    const open = { id: 'e-1', personId: 'person-1', familyMemberId: null, planId: PLAN, startDate: '2025-01-01', endDate: null };
    const { problems } = check([row(2), row(3, { employeeNumber: 'E9' }), row(4, { planCode: 'Q', startDate: '2027-01-01' })], [open]);
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [2, 'startDate', 'overlapping_enrollment'], [3, 'employeeNumber', 'unknown_employee'], [4, 'planCode', 'unknown_plan'],
    ]);
    expect(problems[0].message).toBe('the enrollment would overlap an existing enrollment of the same employee in the same plan');
  });
});
