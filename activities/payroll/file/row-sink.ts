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
