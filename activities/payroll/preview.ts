import { CANONICAL_FIELDS, type CanonicalField, REQUIRED_FIELDS } from '../../domain/payroll/canonical';
import { sniffFormat } from '../../domain/payroll/file-format';
import { type ImportError, PayrollFileError } from '../../domain/payroll/import-errors';
import type { MappingProfile } from '../../domain/payroll/mapping-profile';
import { type Cell, type RowMapper, compileRowMapper } from '../../domain/payroll/row-mapper';
import { readHead } from '../../infra/read-head';
import { readCsv } from './file/csv-reader';
import type { RowSink } from './file/row-sink';
import { DEFAULT_XLSX_LIMITS } from './file/xlsx-guard';
import { readXlsx } from './file/xlsx-reader';

export interface PreviewRow {
  /** 1-based row in the file, as the import's errors name it. */
  row: number;
  /** Canonical field → value, as the import would store it; null when the row has errors. */
  values: Partial<Record<CanonicalField, string | null>> | null;
  /** Extra columns (kept as custom fields). */
  custom: Record<string, string | null> | null;
  errors: ImportError[];
}

export interface MappingPreview {
  format: 'csv' | 'xlsx' | null;
  /** Each header of the file and the canonical field it maps to (null: kept as a custom field). */
  columns: { header: string; field: CanonicalField | null }[];
  /** Required canonical fields no column maps to (what `missing_required_column` is about), once a header was read. */
  missingRequired: CanonicalField[];
  rows: PreviewRow[];
  /** Problems with the file as a whole (format, header): a real import would stop on these. */
  fileErrors: ImportError[];
}

/** Thrown by the preview's sink once it has seen enough rows: stops the reader (nothing else). */
const ENOUGH = new PayrollFileError([]);

/**
 * The first `maxRows` rows of a sample payroll file read, validated and mapped exactly as the
 * import reads them (the same readers, `compileRowMapper` and row checks, and the duplicate
 * employee-number check within the rows read), under a profile that need not be saved yet.
 * Stores nothing; the caller removes the file.
 */
export async function previewPayrollFile(path: string, fileName: string, profile: MappingProfile, maxRows: number): Promise<MappingPreview> {
  const format = sniffFormat(await readHead(path), fileName, profile);
  if (typeof format !== 'string') return { format: null, columns: [], missingRequired: [], rows: [], fileErrors: [format] };
  let mapper: RowMapper | undefined;
  let columns: MappingPreview['columns'] = [];
  const rows: PreviewRow[] = [];
  const fileErrors: ImportError[] = [];
  const firstRowOf = new Map<string, number>();
  let stopped = false;
  const rowFor = (row: number) => {
    let r = rows.find((x) => x.row === row);
    if (!r) {
      if (rows.length >= maxRows) {
        stopped = true;
        throw ENOUGH;
      }
      r = { row, values: null, custom: null, errors: [] };
      rows.push(r);
    }
    return r;
  };
  const sink: RowSink = {
    header(cells: Cell[], row: number) {
      const compiled = compileRowMapper(cells, profile, fileName, row);
      columns = headerFields(cells, profile);
      if ('errors' in compiled) throw new PayrollFileError(compiled.errors);
      mapper = compiled.mapper;
    },
    // The text reader offers plain lines first: the preview always wants them split.
    rawRow: () => false,
    row(cells: Cell[], row: number) {
      const r = rowFor(row);
      const mapped = mapper!.map(cells, row, r.errors);
      if (!mapped) return;
      const key = mapped.canonical[0]!;
      const earlier = firstRowOf.get(key);
      if (earlier !== undefined) {
        r.errors.push({ code: 'duplicate_employee_number', file: fileName, row, column: mapper!.keyColumn, field: 'employeeNumber', message: `the employee number of this row already appears on row ${earlier}` });
        return;
      }
      firstRowOf.set(key, row);
      r.values = Object.fromEntries(CANONICAL_FIELDS.map((f, i) => [f, mapped.canonical[i]]));
      r.custom = Object.fromEntries(mapper!.customColumns.map((c, i) => [c, mapped.custom[i]]));
    },
    rowError(error: ImportError) {
      if (error.row === undefined) fileErrors.push(error);
      else rowFor(error.row).errors.push(error);
    },
  };
  try {
    // The text reader is the reference the import's byte reader is held to: the same rows, errors and values.
    if (format === 'csv') await readCsv(path, fileName, profile, sink);
    else await readXlsx(path, fileName, profile, sink, DEFAULT_XLSX_LIMITS);
  } catch (err) {
    if (!(err instanceof PayrollFileError)) throw err;
    if (!stopped) fileErrors.push(...err.errors);
  }
  if (!mapper && !fileErrors.length) fileErrors.push({ code: 'empty_file', file: fileName, message: 'the file holds no header row' });
  const mapped = new Set(columns.map((c) => c.field));
  const missingRequired = columns.length ? REQUIRED_FIELDS.filter((f) => !mapped.has(f)) : [];
  return { format, columns, missingRequired, rows, fileErrors };
}

/** Which canonical field each header maps to, as `compileRowMapper` decides it (first column wins). */
function headerFields(cells: Cell[], profile: MappingProfile): MappingPreview['columns'] {
  const norm = (s: string) => s.replace(/^\uFEFF/, '').normalize('NFC').trim().toLowerCase();
  const explicit = new Map(Object.entries(profile.columns).map(([k, v]) => [norm(k), v]));
  const taken = new Set<CanonicalField>();
  return cells.map((c) => String(c ?? '').replace(/^\uFEFF/, '').trim()).filter(Boolean).map((header) => {
    const key = norm(header);
    const field = explicit.get(key) ?? CANONICAL_FIELDS.find((f) => f.toLowerCase() === key) ?? null;
    if (!field || taken.has(field)) return { header, field: null };
    taken.add(field);
    return { header, field };
  });
}
