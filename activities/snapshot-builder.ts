import { ImportError, MAX_LISTED_ERRORS, PayrollFileError } from '../domain/import-errors';
import { MappingProfile } from '../domain/mapping-profile';
import { Cell, RowMapper, compileRowMapper } from '../domain/row-mapper';
import { readCsv } from './payroll-file/csv-reader';
import { RowSink } from './payroll-file/row-sink';
import { readHead, sniffFormat } from './payroll-file/sniff';
import { XlsxLimits } from './payroll-file/xlsx-guard';
import { readXlsx } from './payroll-file/xlsx-reader';
import { SnapshotWriter } from './snapshot-file';

export type BuildResult =
  | { ok: true; rowCount: number; customColumns: string[] }
  | { ok: false; errors: ImportError[]; errorCount: number };

export interface BuildOptions {
  sourcePath: string;
  /** The name the user uploaded: errors name it. */
  fileName: string;
  profile: MappingProfile;
  outPath: string;
  maxRows?: number;
  xlsxLimits?: XlsxLimits;
  onProgress?: (rows: number) => void;
}

/**
 * Reads a payroll file, validates every row against the profile and writes the canonical
 * snapshot. Strict: any error means no snapshot (the partial output is discarded) and the
 * errors (up to MAX_LISTED_ERRORS, with the total count) are returned.
 */
export async function buildSnapshot(opts: BuildOptions): Promise<BuildResult> {
  const { fileName: file, profile } = opts;
  const errors: ImportError[] = [];
  let errorCount = 0;
  const addError = (e: ImportError) => {
    errorCount++;
    if (errors.length < MAX_LISTED_ERRORS) errors.push(e);
  };

  const head = await readHead(opts.sourcePath);
  const format = sniffFormat(head, file, profile);
  if (typeof format !== 'string') return { ok: false, errors: [format], errorCount: 1 };

  let mapper: RowMapper | undefined;
  let writer: SnapshotWriter | undefined;
  let rowCount = 0;
  const firstRowOf = new Map<string, number>();
  const maxRows = opts.maxRows ?? 5_000_000;
  const rowErrors: ImportError[] = [];

  const sink: RowSink = {
    header(cells: Cell[], row: number) {
      const compiled = compileRowMapper(cells, profile, file, row);
      if ('errors' in compiled) throw new PayrollFileError(compiled.errors);
      mapper = compiled.mapper;
      writer = new SnapshotWriter(opts.outPath, mapper.customColumns);
    },
    row(cells: Cell[], row: number) {
      rowCount++;
      if (rowCount > maxRows) throw new PayrollFileError([{ code: 'too_many_rows', file, row, message: `more than ${maxRows} rows` }]);
      rowErrors.length = 0;
      const mapped = mapper!.map(cells, row, rowErrors);
      if (!mapped) {
        rowErrors.forEach(addError);
        return;
      }
      const key = mapped.canonical[0]!;
      const earlier = firstRowOf.get(key);
      if (earlier !== undefined) {
        addError({ code: 'duplicate_employee_number', file, row, column: undefined, field: 'employeeNumber', message: `the employee number of this row already appears on row ${earlier}` });
        return;
      }
      firstRowOf.set(key, row);
      if (errorCount === 0) writer!.add(JSON.stringify(mapped.canonical), mapped.custom);
      if ((rowCount & 0x3fff) === 0) opts.onProgress?.(rowCount);
    },
    rowError: addError,
    drain: () => (writer && errorCount === 0 ? writer.flush() : Promise.resolve()),
  };

  try {
    if (format === 'csv') await readCsv(opts.sourcePath, file, profile, sink);
    else await readXlsx(opts.sourcePath, file, profile, sink, opts.xlsxLimits);
  } catch (err) {
    writer?.abort();
    if (err instanceof PayrollFileError) return { ok: false, errors: [...err.errors, ...errors].slice(0, MAX_LISTED_ERRORS), errorCount: errorCount + err.errors.length };
    throw err;
  }
  if (!writer || !mapper) {
    return { ok: false, errors: [{ code: 'empty_file', file, message: 'the file holds no header row' }], errorCount: 1 };
  }
  if (rowCount === 0 && errorCount === 0) {
    writer.abort();
    return { ok: false, errors: [{ code: 'header_only', file, message: 'the file holds a header but no employees' }], errorCount: 1 };
  }
  if (errorCount > 0) {
    writer.abort();
    return { ok: false, errors, errorCount };
  }
  await writer.close();
  return { ok: true, rowCount, customColumns: mapper.customColumns };
}
