/**
 * What is wrong with an uploaded payroll file. Names the file, row, column and the kind of
 * problem — never the value itself, which may be a BSN, a name or a salary.
 */
export type ImportErrorCode =
  | 'empty_file'
  | 'header_only'
  | 'unsupported_format'
  | 'unsupported_encoding'
  | 'invalid_encoding'
  | 'not_xlsx'
  | 'damaged_xlsx'
  | 'xlsx_too_large'
  | 'sheet_not_found'
  | 'malformed_csv'
  | 'missing_required_column'
  | 'duplicate_column'
  | 'field_count'
  | 'missing_value'
  | 'invalid_national_id'
  | 'invalid_date'
  | 'invalid_number'
  | 'out_of_range'
  | 'invalid_value'
  | 'invalid_country'
  | 'formula_like_value'
  | 'duplicate_employee_number'
  | 'exit_before_hire'
  | 'too_many_rows'
  | 'file_too_large';

export interface ImportError {
  code: ImportErrorCode;
  file: string;
  /** 1-based row in the file (the header row included), when the problem sits on a row. */
  row?: number;
  /** The column's header as it stands in the file. */
  column?: string;
  /** The canonical field the column maps to. */
  field?: string;
  message: string;
}

/** Thrown by readers for problems that make the whole file unreadable. */
export class PayrollFileError extends Error {
  constructor(readonly errors: ImportError[]) {
    super(errors.map(describeImportError).join('; '));
    this.name = 'PayrollFileError';
  }
}

export function describeImportError(e: ImportError): string {
  const where = [
    e.file,
    e.row !== undefined ? `row ${e.row}` : undefined,
    e.column !== undefined ? `column "${e.column}"${e.field && e.field !== e.column ? ` (${e.field})` : ''}` : undefined,
  ].filter(Boolean);
  return `${where.join(', ')}: ${e.message}`;
}

/** Errors beyond this many are counted, not listed: a user fixes the first hundred, then uploads again. */
export const MAX_LISTED_ERRORS = 100;
