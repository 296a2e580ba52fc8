import { type ImportError, MAX_LISTED_ERRORS, PayrollFileError } from '../../domain/payroll/import-errors';
import type { MappingProfile } from '../../domain/payroll/mapping-profile';
import { type Cell, type RowMapper, cellText, compileRowMapper } from '../../domain/payroll/row-mapper';
import { Baseline } from './baseline';
import { readCsv } from './file/csv-reader';
import { NotPlainCsv, readPlainCsv } from './file/plain-csv-reader';
import type { RowSink } from './file/row-sink';
import { sniffFormat } from '../../domain/payroll/file-format';
import { readHead } from '../../infra/read-head';
import type { XlsxLimits } from './file/xlsx-guard';
import { readXlsxThreaded } from './file/xlsx-thread';
import { fieldAt, rowHash as hashRow } from './row-hash';
import { DELTA_SEPARATOR, type LineSink, LineWriter, lineContent, snapshotHeaderLine, snapshotLine } from './snapshot-file';

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
  /** changedWritten: `changedBaseline` was written (there was a baseline to take last month's lines from). */
  | { ok: true; rowCount: number; deltaCount: number; changedWritten: boolean }
  | { ok: false; errors: ImportError[]; errorCount: number };

export interface BuildOptions {
  sourcePath: string;
  /** The name the user uploaded: errors name it. */
  fileName: string;
  profile: MappingProfile;
  /** Where this period's snapshot goes (next period's baseline). */
  snapshotPath: string;
  /**
   * Where the delta against the baseline goes: a file, or a sink that stores it as it comes
   * (its first line is the snapshot header, as in the file).
   */
  delta: string | LineSink;
  /**
   * Where last month's lines of the people whose line changed go, under last month's header
   * (only with a baseline): the audit's change rules read these instead of the whole baseline.
   */
  changedBaseline?: string;
  /** Awaited before a file that looked plain is read again as text: a delta sink starts over. */
  beforeRestart?: () => Promise<void>;
  /** The previous period's snapshot. */
  baseline?: Baseline;
  /** The baseline's source fingerprint (profile + header): its row hashes count only if equal. */
  baselineSource?: string;
  maxRows?: number;
  xlsxLimits?: XlsxLimits;
  onProgress?: (rows: number) => void;
  /** Read a CSV as text even when it is plain (what the byte reader is compared with in tests). */
  readAsText?: boolean;
}

/**
 * One pass over a payroll file: read, validate every row against the profile, write the
 * canonical snapshot, and write the delta against the baseline (new, changed and absent
 * people only). Strict: any error means no output (partial files are discarded) and the
 * errors (up to MAX_LISTED_ERRORS, with the total count) are returned.
 */
export async function buildSnapshot(opts: BuildOptions): Promise<BuildResult> {
  try {
    return await buildOnce(opts, !opts.readAsText);
  } catch (err) {
    // Read as plain bytes until something showed otherwise: start again, reading it as text.
    if (!(err instanceof NotPlainCsv)) throw err;
    await opts.beforeRestart?.();
    return buildOnce(opts, false);
  }
}

const EMPTY_BASELINE = new Baseline(Buffer.alloc(0), 0);
const isSpace = (b: number) => b === 0x20 || (b >= 0x09 && b <= 0x0d);

async function buildOnce(opts: BuildOptions, plainBytes: boolean): Promise<BuildResult> {
  const { fileName: file, profile } = opts;
  const baseline = opts.baseline ?? EMPTY_BASELINE;
  // Per baseline line: the row this file holds that person on (0: not seen). Whoever is still
  // 0 at the end is absent from this period.
  const seenOnRow = new Int32Array(baseline.size + 1);
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
  let delta: LineSink | undefined;
  let changed: LineWriter | undefined;
  let rowCount = 0;
  let deltaCount = 0;
  // Unchanged-row recognition: the key's position, the CSV delimiter, whether hashes compare.
  let keyIndex = -1;
  let delimiter = '';
  let delimiterByte = -1;
  let reuseBaseline = false;
  // Rows of employee numbers the baseline does not hold (with seenOnRow: duplicates).
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
      delimiterByte = delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 ? delimiter.charCodeAt(0) : -1;
      reuseBaseline = opts.baselineSource === source;
      const header = snapshotHeaderLine(mapper.customColumns, source);
      snapshot = new LineWriter(opts.snapshotPath, header);
      if (typeof opts.delta === 'string') delta = new LineWriter(opts.delta, header);
      else {
        delta = opts.delta;
        delta.add(header);
      }
      if (opts.changedBaseline && baseline.size > 0) changed = new LineWriter(opts.changedBaseline, baseline.headerLine());
    },
    rawRow(line: string, row: number): boolean {
      return reuse(baseline.findKey(fieldAt(line, delimiter, keyIndex).trim()), hashRow(line), row);
    },
    rawLine(bytes: Buffer, start: number, end: number, row: number): boolean | undefined {
      if (!reuseBaseline || errorCount > 0) return false;
      if (delimiterByte < 0) return undefined;
      // The key field, trimmed of ASCII white space; other white space only text can trim.
      let from = start;
      for (let i = 0; i < keyIndex; i++) {
        const at = bytes.indexOf(delimiterByte, from);
        if (at < 0 || at >= end) return reuse(0, '', row);
        from = at + 1;
      }
      let to = bytes.indexOf(delimiterByte, from);
      if (to < 0 || to > end) to = end;
      while (from < to && isSpace(bytes[from])) from++;
      while (to > from && isSpace(bytes[to - 1])) to--;
      if (to > from && (bytes[from] >= 0x80 || bytes[to - 1] >= 0x80)) return undefined;
      const at = baseline.find(bytes, from, to);
      if (at === 0 || seenOnRow[at] !== 0) return false;
      return reuse(at, hashRow(bytes.subarray(start, end)), row);
    },
    row(cells: Cell[], row: number, sourceLine?: string) {
      // A line offered to rawRow already missed the baseline; without one, the cells stand in for it.
      const sourceHash = hashRow(sourceLine ?? cellsText(cells));
      if (sourceLine === undefined) {
        const key = cellText(cells[keyIndex]);
        if (key !== null && reuse(baseline.findKey(key), sourceHash, row)) return;
      }
      countRow(row);
      rowErrors.length = 0;
      const mapped = mapper!.map(cells, row, rowErrors);
      if (!mapped) {
        rowErrors.forEach(addError);
        return;
      }
      const key = mapped.canonical[0]!;
      const at = baseline.findKey(key);
      const earlier = at === 0 ? firstRowOf.get(key) : seenOnRow[at] || undefined;
      if (earlier !== undefined) {
        addError({ code: 'duplicate_employee_number', file, row, column: mapper!.keyColumn, field: 'employeeNumber', message: `the employee number of this row already appears on row ${earlier}` });
        return;
      }
      if (at === 0) firstRowOf.set(key, row);
      else seenOnRow[at] = row;
      if (errorCount > 0) return;
      const line = snapshotLine(sourceHash, mapped.canonical, mapped.custom);
      snapshot!.add(line);
      const prev = at === 0 ? undefined : baseline.line(at);
      if (prev === undefined || lineContent(prev) !== lineContent(line)) {
        delta!.add(prev === undefined ? line : `${line}${DELTA_SEPARATOR}${prev}`);
        deltaCount++;
        if (prev !== undefined && changed) baseline.copyLine(at, changed);
      }
    },
    rowError: addError,
    progress: () => opts.onProgress?.(rowCount),
    async drain() {
      if (errorCount > 0 || !snapshot || !delta) return;
      await snapshot.drain();
      await delta.drain();
      await changed?.drain();
    },
  };

  /**
   * Same source under the same profile and header as last month: last month's validated
   * values hold, and the row is neither split nor mapped again.
   */
  function reuse(at: number, hash: string, row: number): boolean {
    if (!reuseBaseline || errorCount > 0) return false;
    if (at === 0 || seenOnRow[at] !== 0 || !baseline.hasSourceHash(at, hash)) return false;
    countRow(row);
    seenOnRow[at] = row;
    baseline.copyLine(at, snapshot!);
    return true;
  }

  function countRow(row: number): void {
    rowCount++;
    if (rowCount > maxRows) throw new PayrollFileError([{ code: 'too_many_rows', file, row, message: `more than ${maxRows} rows` }]);
  }

  const abort = async () => {
    await Promise.all([snapshot?.abort(), delta?.abort(), changed?.abort()]);
  };
  try {
    if (format === 'csv') {
      if (!plainBytes || !(await readPlainCsv(opts.sourcePath, file, profile, sink))) await readCsv(opts.sourcePath, file, profile, sink);
    }
    else await readXlsxThreaded(opts.sourcePath, file, profile, sink, opts.xlsxLimits);
  } catch (err) {
    await abort();
    if (err instanceof PayrollFileError) return { ok: false, errors: [...err.errors, ...errors].slice(0, MAX_LISTED_ERRORS), errorCount: errorCount + err.errors.length };
    throw err;
  }
  if (!snapshot || !delta || !mapper) {
    return { ok: false, errors: [{ code: 'empty_file', file, message: 'the file holds no header row' }], errorCount: 1 };
  }
  if (rowCount === 0 && errorCount === 0) {
    await abort();
    return { ok: false, errors: [{ code: 'header_only', file, message: 'the file holds a header but no employees' }], errorCount: 1 };
  }
  if (errorCount > 0) {
    await abort();
    return { ok: false, errors, errorCount };
  }
  // Whoever is left in the baseline is absent from this period.
  for (let at = 1; at <= baseline.size; at++) {
    if (seenOnRow[at] !== 0) continue;
    baseline.copyLine(at, delta, DELTA_SEPARATOR);
    deltaCount++;
    if ((deltaCount & 0x3ff) === 0) await delta.drain();
  }
  await snapshot.close();
  await delta.close();
  await changed?.close();
  return { ok: true, rowCount, deltaCount, changedWritten: changed !== undefined };
}
