/**
 * Renders a monthly report (domain/reports/format.ts) to the bytes a supplier receives:
 * CSV (UTF-8 with BOM, CRLF, RFC 4180 quoting) or XLSX (exceljs). No database, no files.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import {
  REPORT_COLUMNS, type ReportFormat, type ReportLine, type ReportMeta, type ReportTable, groupBySheet, reportFileName, reportRows,
} from '../../domain/reports/format';

export interface RenderedReport {
  fileName: string;
  contentType: string;
  bytes: Buffer;
  lineCount: number;
}

export const REPORT_CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const BOM = '\uFEFF';

/** The CSV text of one table: header first, every record ended by CRLF, quoted only where needed. */
function csvText(format: ReportFormat, table: ReportTable): string {
  const records = [table.header, ...table.rows.map((r) => r.map((c) => (c === null ? '' : String(c))))];
  // Cells are neutralised by reportRows already; papaparse's own escapeFormulae would double-quote them.
  return Papa.unparse(records, { delimiter: format.csvDelimiter, newline: '\r\n', quotes: false, escapeFormulae: false }) + '\r\n';
}

function csvBytes(format: ReportFormat, lines: readonly ReportLine[]): Buffer {
  return Buffer.from(BOM + csvText(format, reportRows(format, lines)), 'utf8');
}

/** Excel's sheet-name rules: at most 31 characters, none of : \ / ? * [ ], unique. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)} ${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

async function xlsxBytes(format: ReportFormat, lines: readonly ReportLine[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mutaflow';
  const taken = new Set<string>();
  const specs = format.columns.map((c) => REPORT_COLUMNS[c]);
  for (const sheet of groupBySheet(format, lines)) {
    const ws = workbook.addWorksheet(sheetName(sheet.name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.header.map((label, i) => {
      const spec = specs[i];
      const width = Math.min(40, Math.max(10, label.length + 2));
      if (spec.type !== 'decimal') return { width };
      // Numbers stay numbers; the reader's locale shows its own decimal separator.
      return { width, style: { numFmt: spec.decimals === undefined ? 'General' : `0.${'0'.repeat(spec.decimals)}` } };
    });
    const header = ws.addRow(sheet.header);
    header.font = { bold: true };
    // Strings go in as plain strings (a date in the chosen format, neutralised text): never as a formula.
    for (const row of sheet.rows) ws.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The report file for one supplier and period. An empty report still carries the header.
 * CSV bytes are reproducible; XLSX bytes are not (the zip stamps the time), so render once and keep.
 */
export async function renderReport(format: ReportFormat, lines: readonly ReportLine[], meta: ReportMeta): Promise<RenderedReport> {
  const bytes = format.fileType === 'csv' ? csvBytes(format, lines) : await xlsxBytes(format, lines);
  return { fileName: reportFileName(format, meta), contentType: REPORT_CONTENT_TYPES[format.fileType], bytes, lineCount: lines.length };
}
