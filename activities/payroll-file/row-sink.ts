import { ImportError } from '../../domain/import-errors';
import { Cell } from '../../domain/row-mapper';

/** Where readers deliver a payroll file, row by row. */
export interface RowSink {
  /** `delimiter` is set for CSV files. */
  header(cells: Cell[], row: number, meta?: { delimiter?: string }): void;
  /**
   * Offered an unquoted CSV line before it is split; returns true when it handled the line
   * (unchanged since last month), false to receive it split through `row`.
   */
  rawRow?(line: string, row: number): boolean;
  /** `sourceLine`: the unquoted CSV line the cells were split from, when there is one. */
  row(cells: Cell[], row: number, sourceLine?: string): void;
  rowError(error: ImportError): void;
  progress?(bytesRead: number, rows: number): void;
  /** Awaited by readers between chunks, so that a slow consumer slows the reading. */
  drain?(): Promise<void>;
}
