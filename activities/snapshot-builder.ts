import { ImportError, MAX_LISTED_ERRORS, PayrollFileError } from '../domain/import-errors';
import { MappingProfile } from '../domain/mapping-profile';
import { Cell, RowMapper, cellText, compileRowMapper } from '../domain/row-mapper';
import { readCsv } from './payroll-file/csv-reader';
import { RowSink } from './payroll-file/row-sink';
import { sniffFormat } from '../domain/payroll-file-format';
import { readHead } from '../infra/read-head';
import { XlsxLimits } from './payroll-file/xlsx-guard';
import { readXlsx } from './payroll-file/xlsx-reader';
import { fieldAt, rowHash as hashRow } from './row-hash';
import { LineWriter, hasSourceHash, lineContent, snapshotHeaderLine, snapshotLine } from './snapshot-file';

/** Separates the two sides of a delta line; snapshot lines never hold this control character. */
export const DELTA_SEPARATOR = '\u0001';

/** The text a row's cells are hashed by when there is no source line (XLSX, quoted CSV). */
function cellsText(cells: Cell[]): string {
  let text = '';
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    text += `${c === null || c === undefined ? '' : c instanceof Date ? `@${c.getTime()}` : typeof c === 'string' ? c : `#${String(c)}`}\u001f`;
  }
  return text;
}

export type BuildResult =
  | { ok: true; rowCount: number; deltaCount: number }
  | { ok: false; errors: ImportError[]; errorCount: number };

export interface BuildOptions {
  sourcePath: string;
  /** The name the user uploaded: errors name it. */
  fileName: string;
  profile: MappingProfile;
  /** Where this period's snapshot goes (next period's baseline). */
  snapshotPath: string;
  /** Where the delta against the baseline goes. */
  deltaPath: string;
  /** The previous period's snapshot lines by employee number; consumed. */
  baseline?: Map<string, string>;
  /** The baseline's source fingerprint (profile + header): its row hashes count only if equal. */
  baselineSource?: string;
  maxRows?: number;
  xlsxLimits?: XlsxLimits;
  onProgress?: (rows: number) => void;
}

/**
 * One pass over a payroll file: read, validate every row against the profile, write the
 * canonical snapshot, and write the delta against the baseline (new, changed and absent
 * people only). Strict: any error means no output (partial files are discarded) and the
 * errors (up to MAX_LISTED_ERRORS, with the total count) are returned.
 */
export async function buildSnapshot(opts: BuildOptions): Promise<BuildResult> {
  const { fileName: file, profile } = opts;
  const baseline = opts.baseline ?? new Map<string, string>();
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
  let snapshot: LineWriter | undefined;
  let delta: LineWriter | undefined;
  let rowCount = 0;
  let deltaCount = 0;
  // Unchanged-row recognition: the key's position, the CSV delimiter, whether hashes compare.
  let keyIndex = -1;
  let delimiter = '';
  let reuseBaseline = false;
  const firstRowOf = new Map<string, number>();
  const maxRows = opts.maxRows ?? 5_000_000;
  const rowErrors: ImportError[] = [];

  const sink: RowSink = {
    header(cells: Cell[], row: number, meta?: { delimiter?: string }) {
      const compiled = compileRowMapper(cells, profile, file, row);
      if ('errors' in compiled) throw new PayrollFileError(compiled.errors);
      mapper = compiled.mapper;
      const source = hashRow(`${JSON.stringify(profile)}\u0000${cells.map((c) => String(c ?? '')).join('\u001f')}`);
      keyIndex = mapper.keyIndex;
      delimiter = meta?.delimiter ?? '';
      reuseBaseline = opts.baselineSource === source;
      const header = snapshotHeaderLine(mapper.customColumns, source);
      snapshot = new LineWriter(opts.snapshotPath, header);
      delta = new LineWriter(opts.deltaPath, header);
    },
    rawRow(line: string, row: number): boolean {
      return reuse(fieldAt(line, delimiter, keyIndex).trim(), hashRow(line), row);
    },
    row(cells: Cell[], row: number, sourceLine?: string) {
      // A line offered to rawRow already missed the baseline; without one, the cells stand in for it.
      const sourceHash = hashRow(sourceLine ?? cellsText(cells));
      if (sourceLine === undefined) {
        const key = cellText(cells[keyIndex]);
        if (key !== null && reuse(key, sourceHash, row)) return;
      }
      countRow(row);
      rowErrors.length = 0;
      const mapped = mapper!.map(cells, row, rowErrors);
      if (!mapped) {
        rowErrors.forEach(addError);
        return;
      }
      const key = mapped.canonical[0]!;
      const earlier = firstRowOf.get(key);
      if (earlier !== undefined) {
        addError({ code: 'duplicate_employee_number', file, row, column: mapper!.keyColumn, field: 'employeeNumber', message: `the employee number of this row already appears on row ${earlier}` });
        return;
      }
      firstRowOf.set(key, row);
      if (errorCount > 0) return;
      const line = snapshotLine(sourceHash, mapped.canonical, mapped.custom);
      snapshot!.add(line);
      const prev = baseline.get(key);
      if (prev !== undefined) baseline.delete(key);
      if (prev === undefined || lineContent(prev) !== lineContent(line)) {
        delta!.add(prev === undefined ? line : `${line}${DELTA_SEPARATOR}${prev}`);
        deltaCount++;
      }
    },
    rowError: addError,
    progress: () => opts.onProgress?.(rowCount),
    async drain() {
      if (errorCount > 0 || !snapshot || !delta) return;
      if (snapshot.pending > 1 << 20) await snapshot.flush();
      if (delta.pending > 1 << 20) await delta.flush();
    },
  };

  /**
   * Same source under the same profile and header as last month: last month's validated
   * values hold, and the row is neither split nor mapped again.
   */
  function reuse(key: string, hash: string, row: number): boolean {
    if (!reuseBaseline || errorCount > 0) return false;
    const prev = baseline.get(key);
    if (prev === undefined || !hasSourceHash(prev, hash) || firstRowOf.has(key)) return false;
    countRow(row);
    firstRowOf.set(key, row);
    baseline.delete(key);
    snapshot!.add(prev);
    return true;
  }

  function countRow(row: number): void {
    rowCount++;
    if (rowCount > maxRows) throw new PayrollFileError([{ code: 'too_many_rows', file, row, message: `more than ${maxRows} rows` }]);
  }

  const abort = () => {
    snapshot?.abort();
    delta?.abort();
  };
  try {
    if (format === 'csv') await readCsv(opts.sourcePath, file, profile, sink);
    else await readXlsx(opts.sourcePath, file, profile, sink, opts.xlsxLimits);
  } catch (err) {
    abort();
    if (err instanceof PayrollFileError) return { ok: false, errors: [...err.errors, ...errors].slice(0, MAX_LISTED_ERRORS), errorCount: errorCount + err.errors.length };
    throw err;
  }
  if (!snapshot || !delta || !mapper) {
    return { ok: false, errors: [{ code: 'empty_file', file, message: 'the file holds no header row' }], errorCount: 1 };
  }
  if (rowCount === 0 && errorCount === 0) {
    abort();
    return { ok: false, errors: [{ code: 'header_only', file, message: 'the file holds a header but no employees' }], errorCount: 1 };
  }
  if (errorCount > 0) {
    abort();
    return { ok: false, errors, errorCount };
  }
  // Whoever is left in the baseline is absent from this period.
  for (const prev of baseline.values()) {
    delta.add(`${DELTA_SEPARATOR}${prev}`);
    deltaCount++;
    if (delta.pending > 1 << 20) await delta.flush();
  }
  baseline.clear();
  await snapshot.close();
  await delta.close();
  return { ok: true, rowCount, deltaCount };
}
