import type { ImportError } from '../../../domain/payroll/import-errors';
import type { Cell } from '../../../domain/payroll/row-mapper';

/** Where readers deliver a payroll file, row by row. */
export interface RowSink {
  /** `delimiter` is set for CSV files. */
  header(cells: Cell[], row: number, meta?: { delimiter?: string }): void;
  /**
   * Offered an unquoted CSV line before it is split; returns true when it handled the line
   * (unchanged since last month), false to receive it split through `row`.
   */
  rawRow?(line: string, row: number): boolean;
  /**
   * Offered an unquoted UTF-8 line as bytes (`bytes[start..end)`, no line break) before it is
   * decoded: true when handled (unchanged since last month), false to receive it split through
   * `row`, undefined when the bytes cannot tell (offered to `rawRow` as text then).
   */
  rawLine?(bytes: Buffer, start: number, end: number, row: number): boolean | undefined;
  /** `sourceLine`: the unquoted CSV line the cells were split from, when there is one. */
  row(cells: Cell[], row: number, sourceLine?: string): void;
  rowError(error: ImportError): void;
  progress?(bytesRead: number, rows: number): void;
  /** Awaited by readers between chunks, so that a slow consumer slows the reading. */
  drain?(): Promise<void>;
}

/**
 * A sheet's rows as both XLSX readers hand them to the sink (the streaming reader and the
 * exceljs one the parity test keeps): rows above the profile's header row are skipped; the
 * header is the first row from there on, an empty one past the header row not counting; blank
 * data rows are dropped and short ones padded with nulls to the header's width.
 */
export class SheetRows {
  headerSeen = false;
  /** The last row number offered, 0 when none was: tells an empty sheet from a header-only one. */
  lastRow = 0;
  private expected = 0;

  constructor(private readonly headerRow: number, private readonly sink: RowSink) {}

  /** True when the row reached the sink as a data row. */
  offer(cells: Cell[], number: number): boolean {
    this.lastRow = number;
    if (number < this.headerRow) return false;
    if (!this.headerSeen) {
      if (number > this.headerRow && cells.length === 0) return false;
      this.headerSeen = true;
      this.expected = cells.length;
      this.sink.header(cells, number);
      return false;
    }
    if (cells.every((c) => c === null || c === '')) return false;
    while (cells.length < this.expected) cells.push(null);
    this.sink.row(cells, number);
    return true;
  }
}
