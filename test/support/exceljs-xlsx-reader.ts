/**
 * The XLSX reader payroll imports used until the streaming reader (activities/payroll/file/xlsx-reader.ts)
 * replaced it: exceljs' streaming WorkbookReader. Kept for the parity test only.
 */
import ExcelJS from 'exceljs';
import { PayrollFileError } from '../../domain/payroll/import-errors';
import type { MappingProfile } from '../../domain/payroll/mapping-profile';
import type { Cell } from '../../domain/payroll/row-mapper';
import { type RowSink, SheetRows } from '../../activities/payroll/file/row-sink';
import { type XlsxLimits, guardXlsx } from '../../activities/payroll/file/xlsx-guard';

/** exceljs cell values come in many shapes; we keep the value a user sees. */
function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return plainCell((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in value) return plainCell((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return null;
  }
  return null;
}

/**
 * Streams the chosen sheet of an XLSX workbook (exceljs' streaming reader) to the sink.
 * The sheet is the profile's `sheet` (name or 1-based position), else the first.
 */
export async function readXlsxWithExceljs(path: string, file: string, profile: MappingProfile, sink: RowSink, limits?: XlsxLimits): Promise<void> {
  await guardXlsx(path, file, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  });
  const wanted = profile.sheet;
  let position = 0;
  let found = false;
  const seenNames: string[] = [];
  try {
    for await (const worksheet of reader) {
      position++;
      const ws = worksheet as unknown as { name: string; [Symbol.asyncIterator](): AsyncIterator<ExcelJS.Row> };
      seenNames.push(ws.name);
      const match = wanted === undefined ? position === 1 : typeof wanted === 'number' ? position === wanted : ws.name.trim().toLowerCase() === wanted.trim().toLowerCase();
      if (!match || found) {
        for await (const _ of ws) { /* drain: exceljs needs each sheet consumed */ }
        continue;
      }
      found = true;
      const feed = new SheetRows(profile.headerRow, sink);
      let delivered = 0;
      for await (const row of ws) {
        const number = row.number;
        const values = row.values as ExcelJS.CellValue[];
        // exceljs rows are 1-based arrays: index 0 is empty.
        const cells: Cell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(plainCell(values[i]));
        if (feed.offer(cells, number) && ++delivered % 5000 === 0) {
          sink.progress?.(0, number);
          await sink.drain?.();
        }
      }
      if (!feed.headerSeen) {
        throw new PayrollFileError([{ code: feed.lastRow === 0 ? 'empty_file' : 'header_only', file, message: `sheet "${ws.name}" holds no header row` }]);
      }
    }
  } catch (err) {
    if (err instanceof PayrollFileError) throw err;
    throw new PayrollFileError([{ code: 'damaged_xlsx', file, message: 'the XLSX workbook cannot be read (damaged or not produced by a spreadsheet program)' }]);
  }
  if (!found) {
    throw new PayrollFileError([{
      code: 'sheet_not_found', file,
      message: `no sheet ${typeof wanted === 'number' ? `at position ${wanted}` : `named "${wanted}"`}; the workbook has ${seenNames.map((n) => `"${n}"`).join(', ') || 'no sheets'}`,
    }]);
  }
}
