import { ImportError } from '../../domain/import-errors';
import { Cell } from '../../domain/row-mapper';

/** Where readers deliver a payroll file, row by row. */
export interface RowSink {
  header(cells: Cell[], row: number): void;
  row(cells: Cell[], row: number): void;
  rowError(error: ImportError): void;
  progress?(bytesRead: number, rows: number): void;
  /** Awaited by readers between chunks, so that a slow consumer slows the reading. */
  drain?(): Promise<void>;
}
