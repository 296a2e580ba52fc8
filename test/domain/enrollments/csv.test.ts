import { decodeText, readEnrollmentCsv } from '../../../domain/enrollments/csv';

describe('readEnrollmentCsv', () => {
  it('reads both date forms and names a bad date by row and column, without its value', () => {
    const csv = readEnrollmentCsv('employeeNumber;planCode;startDate;End date\nE1;P;01-02-2026;\nE2;P;2026-02-30;\n');
    expect(csv.fatal).toBe(false);
    expect(csv.rows).toEqual([{ row: 2, employeeNumber: 'E1', planId: null, planCode: 'P', startDate: '2026-02-01', endDate: null, familyMemberId: null }]);
    expect(csv.problems).toEqual([{ row: 3, column: 'startDate', code: 'invalid_date', message: 'not a real date as yyyy-mm-dd or dd-mm-yyyy' }]);
    expect(JSON.stringify(csv.problems)).not.toContain('2026-02-30');
    expect(csv.header('endDate')).toBe('End date');
  });

  it('refuses an end before the start, and a file without its required columns as a whole', () => {
    expect(readEnrollmentCsv('employeeNumber,planCode,startDate,endDate\nE1,P,2026-03-01,2026-02-28\n').problems)
      .toEqual([{ row: 2, column: 'endDate', code: 'end_before_start', message: 'the end date lies before the start date' }]);
    const missing = readEnrollmentCsv('employeeNumber,endDate\nE1,\n');
    expect(missing.fatal).toBe(true);
    expect(missing.problems.map((p) => p.code)).toEqual(['missing_required_column', 'missing_required_column']);
  });

  it('decodes UTF-8 (dropping a BOM) and falls back to Windows-1252', () => {
    expect(decodeText(Buffer.from('\ufeffé', 'utf8'))).toBe('é');
    expect(decodeText(Uint8Array.of(0xe9))).toBe('é');
  });
});
