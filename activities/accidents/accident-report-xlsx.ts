/**
 * The prevention advisor's accident statistics (domain/accidents/stats) as an XLSX workbook: one
 * sheet of figures per group with a total, one sheet saying how they are computed. No database, no
 * files. Numbers stay numbers (the reader's locale shows its own decimal separator).
 */
import ExcelJS from 'exceljs';
import { type AccidentReport, type AccidentReportRow, type StatsGroupBy, UNKNOWN_GROUP } from '../../domain/accidents/stats';
import en from '../../domain/accidents/labels/accident-report.en.json';
import fr from '../../domain/accidents/labels/accident-report.fr.json';
import nl from '../../domain/accidents/labels/accident-report.nl.json';

export type AccidentReportLang = 'nl' | 'fr' | 'en';

// The texts per language are data (domain/accidents/labels/accident-report.<lang>.json); typing
// every language as the Dutch one makes a key missing in French or English a compile error.
const TEXT: Record<AccidentReportLang, typeof nl> = { nl, fr, en };

const RATE_FORMAT = '0.00';

function groupLabel(group: string, groupBy: StatsGroupBy, t: (typeof TEXT)[AccidentReportLang]): string {
  if (group === UNKNOWN_GROUP) return t.unknown;
  return groupBy === 'category' ? (t.categories as Record<string, string>)[group] ?? group : group;
}

const rowValues = (label: string, r: AccidentReportRow) =>
  [label, r.accidents, r.minorAccidents, r.accidentsWithLostDays, r.daysLost, r.hoursWorked, r.frequencyRate, r.severityRate];

export async function renderAccidentReportXlsx(report: AccidentReport, lang: AccidentReportLang): Promise<Buffer> {
  const t = TEXT[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mutaflow';

  const ws = workbook.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = [t.group[report.groupBy], ...t.columns];
  ws.columns = header.map((label, i) => ({
    width: Math.min(28, Math.max(12, label.length + 2)),
    // Hours and rates: numbers shown with two decimals; counts as integers.
    style: i >= 5 ? { numFmt: RATE_FORMAT } : i >= 1 ? { numFmt: '0' } : {},
  }));
  const headerRow = ws.addRow(header);
  headerRow.font = { bold: true };
  headerRow.alignment = { wrapText: true, vertical: 'top' };
  // Group names come from payroll data: exceljs writes them as strings, never as formulas.
  for (const r of report.rows) ws.addRow(rowValues(groupLabel(r.group, report.groupBy, t), r));
  ws.addRow(rowValues(t.total, report.total)).font = { bold: true };

  const defs = workbook.addWorksheet(t.definitionsSheet);
  defs.columns = [{ width: 30 }, { width: 100, style: { alignment: { wrapText: true, vertical: 'top' } } }];
  defs.addRow([t.term, t.meaning]).font = { bold: true };
  for (const [term, meaning] of t.definitions) defs.addRow([term, meaning]);
  defs.addRow([]);
  defs.addRow([t.period, `${report.from} – ${report.to}`]);
  defs.addRow([t.fullTime, report.fullTimeWeeklyHours]);
  defs.addRow([t.groupedBy, t.group[report.groupBy]]);

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
