/**
 * A comparison run as an XLSX workbook: a summary sheet, then one sheet per kind of result, in
 * Dutch, French or English. Written as a stream (exceljs' streaming writer) from the stored
 * result lines, page by page: a run with a million lines never sits in memory.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client';
import type { comparisonRuns } from '../../db/schema';
import { type ComparisonDefinition, comparisonDefinitionSchema } from '../../domain/reconciliation/comparison-definition';
import { type ComparisonCounts, RESULT_KINDS, type ResultKind } from '../../domain/reconciliation/comparison-matcher';
import en from '../../domain/reconciliation/labels/comparison-report.en.json';
import fr from '../../domain/reconciliation/labels/comparison-report.fr.json';
import nl from '../../domain/reconciliation/labels/comparison-report.nl.json';

export type ComparisonReportLang = 'nl' | 'fr' | 'en';

// Every language typed as the English one: a key missing in Dutch or French is a compile error.
const TEXT: Record<ComparisonReportLang, typeof en> = { nl, fr, en };

/** Below Excel's 1,048,576 rows per sheet. */
const MAX_SHEET_ROWS = 1_000_000;
const PAGE = 5_000;

interface ResultRow {
  id: number; side: string | null; key: string | null; field: string | null; column_name: string | null; reason: string | null;
  a_value: string | null; b_value: string | null; a_row: number | null; b_row: number | null; first_row: number | null;
}

type Column = { header: keyof (typeof en)['columns']; width: number; value: (r: ResultRow, t: typeof en, sides: Record<string, string>) => string | number | null };

const sideName = (r: ResultRow, _t: typeof en, sides: Record<string, string>) => (r.side ? sides[r.side] : null);
const rowOf = (r: ResultRow) => r.a_row ?? r.b_row;

const COLUMNS: Record<ResultKind, Column[]> = {
  only_in_a: [{ header: 'key', width: 24, value: (r) => r.key }, { header: 'rowA', width: 10, value: (r) => r.a_row }],
  only_in_b: [{ header: 'key', width: 24, value: (r) => r.key }, { header: 'rowB', width: 10, value: (r) => r.b_row }],
  duplicate_key: [
    { header: 'side', width: 24, value: sideName }, { header: 'key', width: 24, value: (r) => r.key },
    { header: 'row', width: 10, value: rowOf }, { header: 'firstRow', width: 12, value: (r) => r.first_row },
  ],
  unparseable: [
    { header: 'side', width: 24, value: sideName }, { header: 'key', width: 24, value: (r) => r.key },
    { header: 'field', width: 24, value: (r) => r.field }, { header: 'column', width: 24, value: (r) => r.column_name },
    { header: 'row', width: 10, value: rowOf }, { header: 'value', width: 24, value: (r) => r.a_value ?? r.b_value },
    { header: 'reason', width: 24, value: (r, t) => (r.reason ? (t.reasons as Record<string, string>)[r.reason] ?? r.reason : null) },
  ],
  difference: [
    { header: 'key', width: 24, value: (r) => r.key }, { header: 'field', width: 24, value: (r) => r.field },
    { header: 'valueA', width: 24, value: (r) => r.a_value }, { header: 'valueB', width: 24, value: (r) => r.b_value },
    { header: 'rowA', width: 10, value: (r) => r.a_row }, { header: 'rowB', width: 10, value: (r) => r.b_row },
  ],
};

type RunRow = typeof comparisonRuns.$inferSelect;

const sideLabel = (definition: ComparisonDefinition, side: 'a' | 'b', t: typeof en) => {
  const spec = side === 'a' ? definition.sideA : definition.sideB;
  return `${side === 'a' ? t.sideA : t.sideB} (${spec.label})`;
};

export async function writeComparisonReport(db: Db, run: RunRow, lang: ComparisonReportLang, out: Writable): Promise<void> {
  const t = TEXT[lang];
  const definition = comparisonDefinitionSchema.parse(run.definition);
  const counts = run.counts as ComparisonCounts;
  const sides = { a: sideLabel(definition, 'a', t), b: sideLabel(definition, 'b', t) };
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Mutaflow';

  const summary = workbook.addWorksheet(t.summarySheet);
  summary.columns = [{ width: 36 }, { width: 48 }];
  summary.addRow([t.item, t.value]).font = { bold: true };
  const fileOf = (name: string | null) => name ?? t.payrollPhoto;
  const lines: [string, string | number][] = [
    [t.definition, definition.name],
    [t.startedAt, run.createdAt.toISOString().slice(0, 16).replace('T', ' ')],
    [t.startedBy, run.startedBy],
    [sides.a, definition.sideA.source === 'payroll' ? t.payrollPhoto : fileOf(run.aFileName)],
    [sides.b, run.bFileName],
    [t.rowsA, counts.rowsA ?? 0],
    [t.rowsB, counts.rowsB ?? 0],
    [t.matched, counts.matched ?? 0],
    ...RESULT_KINDS.map((k): [string, number] => [t.kinds[k], counts[k] ?? 0]),
  ];
  for (const line of lines) summary.addRow(line).commit();
  summary.commit();

  for (const kind of RESULT_KINDS) {
    const columns = COLUMNS[kind];
    const ws = workbook.addWorksheet(t.kinds[kind].slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = columns.map((c) => ({ width: c.width }));
    const header = ws.addRow(columns.map((c) => t.columns[c.header]));
    header.font = { bold: true };
    header.commit();
    let after = 0;
    let written = 0;
    for (;;) {
      const { rows } = await db.$client.query<ResultRow>(
        `select id, side, key, field, column_name, reason, a_value, b_value, a_row, b_row, first_row from comparison_results
         where run_id = $1 and kind = $2 and id > $3 order by id limit $4`, [run.id, kind, after, PAGE]);
      for (const r of rows) {
        if (written === MAX_SHEET_ROWS) break;
        ws.addRow(columns.map((c) => c.value(r, t, sides))).commit();
        written++;
      }
      if (written === MAX_SHEET_ROWS && rows.length) {
        ws.addRow([t.truncated]).commit();
        break;
      }
      if (rows.length < PAGE) break;
      after = Number(rows[rows.length - 1].id);
    }
    ws.commit();
  }
  await workbook.commit();
}
