/**
 * Reads an enrollment CSV: `employeeNumber`, `planCode` or `planId`, `startDate`, `endDate`,
 * optionally `familyMemberId`; delimiter `,` or `;` (detected). Pure. Problems name the row
 * and column, never the value.
 */
import Papa from 'papaparse';
import { parseDateText } from '../shared/values';
import type { FileProblem } from './problems';
import { isUuid } from '../shared/uuid';

export type { FileProblem } from './problems';

export type EnrollmentColumn = 'employeeNumber' | 'planCode' | 'planId' | 'startDate' | 'endDate' | 'familyMemberId';

export interface EnrollmentCsvRow {
  row: number;
  employeeNumber: string;
  planId: string | null;
  planCode: string | null;
  startDate: string;
  endDate: string | null;
  familyMemberId: string | null;
}

const MAX_ENROLLMENT_ROWS = 100_000;
const DATE_FORMATS = ['yyyy-mm-dd', 'dd-mm-yyyy'] as const;

const COLUMNS: Record<string, EnrollmentColumn> = {
  employeenumber: 'employeeNumber', plancode: 'planCode', planid: 'planId',
  startdate: 'startDate', enddate: 'endDate', familymemberid: 'familyMemberId',
};
const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/[\s_-]/g, '');

/** UTF-8 (a BOM dropped), or Windows-1252 when the bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array): string {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return new TextDecoder('windows-1252').decode(body);
  }
}

export interface EnrollmentCsv {
  rows: EnrollmentCsvRow[];
  problems: FileProblem[];
  /** The file cannot be read as enrollments at all (header, CSV syntax): its rows are not worth checking further. */
  fatal: boolean;
  /** The file's own header for a column (the column's name when the file lacks it). */
  header: (column: string) => string;
}

export function readEnrollmentCsv(text: string): EnrollmentCsv {
  const problems: FileProblem[] = [];
  const headers = new Map<string, string>();
  const header = (column: string) => headers.get(column) ?? column;
  if (!text.trim()) return { rows: [], problems: [{ code: 'empty_file', message: 'the file is empty' }], fatal: true, header };
  const parsed = Papa.parse<string[]>(text, { header: false, delimiter: '', delimitersToGuess: [',', ';'], skipEmptyLines: false });
  for (const e of parsed.errors) {
    if (e.type === 'Delimiter') continue; // one column: the header check below says what is missing
    problems.push({ row: e.row !== undefined ? e.row + 1 : undefined, code: 'malformed_csv', message: `the CSV cannot be read here (${e.code})` });
  }
  if (problems.length) return { rows: [], problems, fatal: true, header };

  const records = parsed.data;
  const cols = records[0].map((h) => h.trim());
  const index = new Map<EnrollmentColumn, number>();
  cols.forEach((h, i) => {
    const column = COLUMNS[normaliseHeader(h)];
    if (!column) {
      if (h) problems.push({ row: 1, column: h, code: 'unknown_column', message: `unknown column; expected ${Object.values(COLUMNS).join(', ')}` });
      else problems.push({ row: 1, code: 'unknown_column', message: `column ${i + 1} has no header` });
    } else if (index.has(column)) problems.push({ row: 1, column: h, code: 'duplicate_column', message: 'the column appears twice' });
    else {
      index.set(column, i);
      headers.set(column, h);
    }
  });
  for (const required of ['employeeNumber', 'startDate'] as const) {
    if (!index.has(required)) problems.push({ row: 1, column: required, code: 'missing_required_column', message: 'required column is missing' });
  }
  if (!index.has('planCode') && !index.has('planId')) {
    problems.push({ row: 1, column: 'planCode', code: 'missing_required_column', message: 'a planCode or planId column is required' });
  }
  if (problems.length) return { rows: [], problems, fatal: true, header };

  const rows: EnrollmentCsvRow[] = [];
  const name = (c: EnrollmentColumn) => cols[index.get(c)!];
  for (let r = 1; r < records.length; r++) {
    const cells = records[r];
    const rowNumber = r + 1;
    if (cells.every((c) => !c.trim())) continue;
    if (rows.length >= MAX_ENROLLMENT_ROWS) {
      problems.push({ row: rowNumber, code: 'too_many_rows', message: `a file holds at most ${MAX_ENROLLMENT_ROWS} enrollments; split it` });
      break;
    }
    if (cells.length !== cols.length) {
      problems.push({ row: rowNumber, code: 'field_count', message: `the row has ${cells.length} fields, the header ${cols.length}` });
      continue;
    }
    const cell = (c: EnrollmentColumn) => (index.has(c) ? cells[index.get(c)!].trim() : '');
    const before = problems.length;
    const problem = (c: EnrollmentColumn, code: string, message: string) => problems.push({ row: rowNumber, column: name(c), code, message });

    const employeeNumber = cell('employeeNumber');
    if (!employeeNumber) problem('employeeNumber', 'missing_value', 'the employee number is empty');
    const planId = cell('planId') || null;
    const planCode = cell('planCode') || null;
    if (planId && !isUuid(planId)) problem('planId', 'invalid_value', 'not a plan id (a UUID)');
    if (!planId && !planCode) {
      problems.push({ row: rowNumber, column: index.has('planCode') ? name('planCode') : name('planId'), code: 'missing_value', message: 'no plan given' });
    }
    const date = (c: 'startDate' | 'endDate', required: boolean): string | null => {
      const raw = cell(c);
      if (!raw) {
        if (required) problem(c, 'missing_value', 'the date is empty');
        return null;
      }
      const iso = parseDateText(raw, DATE_FORMATS);
      if (!iso) problem(c, 'invalid_date', 'not a real date as yyyy-mm-dd or dd-mm-yyyy');
      return iso;
    };
    const startDate = date('startDate', true);
    const endDate = date('endDate', false);
    if (startDate && endDate && endDate < startDate) problem('endDate', 'end_before_start', 'the end date lies before the start date');
    const familyMemberId = cell('familyMemberId') || null;
    if (familyMemberId && !isUuid(familyMemberId)) problem('familyMemberId', 'invalid_value', 'not a family member id (a UUID)');
    if (problems.length === before) {
      rows.push({ row: rowNumber, employeeNumber, planId: planId?.toLowerCase() ?? null, planCode, startDate: startDate!, endDate, familyMemberId: familyMemberId?.toLowerCase() ?? null });
    }
  }
  if (!rows.length && !problems.length) return { rows, problems: [{ code: 'header_only', message: 'the file has a header but no enrollments' }], fatal: true, header };
  return { rows, problems, fatal: problems.some((p) => p.code === 'too_many_rows'), header };
}
