import ExcelJS from 'exceljs';
import type { BordereauDifference, BordereauOutcome } from '../../domain/reconciliation/bordereau';
import { BORDEREAU_LABELS, type ReportLang } from '../../domain/reconciliation/bordereau-labels';

/** A reconciled bordereau as XLSX: a summary per kind, then every difference (left-and-billed first). */
export async function renderBordereauXlsx(
  outcome: BordereauOutcome, resolutions: Map<string, string>, lang: ReportLang,
): Promise<Buffer> {
  const t = BORDEREAU_LABELS[lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mutaflow';
  const summary = wb.addWorksheet(t.summarySheet);
  summary.columns = [{ width: 50 }, { width: 12 }, { width: 12 }];
  summary.addRow([t.period, outcome.period]).font = { bold: true };
  if (outcome.status === 'no_communication') {
    summary.addRow([t.noCommunication]);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  summary.addRow([]);
  summary.addRow(['', t.total, t.open]).font = { bold: true };
  const counts = new Map<string, { total: number; open: number }>();
  for (const d of outcome.differences) {
    const c = counts.get(d.kind) ?? { total: 0, open: 0 };
    c.total++;
    if (d.status === 'open' && !resolutions.has(d.fingerprint)) c.open++;
    counts.set(d.kind, c);
  }
  for (const [kind, c] of counts) summary.addRow([t.kinds[kind as BordereauDifference['kind']], c.total, c.open]);

  const ws = wb.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.columns.map((c) => ({ width: Math.max(12, c.length + 2) }));
  ws.addRow(t.columns).font = { bold: true };
  // Values from the insurer's file are written as strings or numbers, never as formulas.
  for (const d of outcome.differences) {
    ws.addRow([
      d.part, t.kinds[d.kind], d.nationalId, d.memberKey ?? '', d.row ?? '', d.field ?? d.change ?? '',
      d.billed ?? '', d.expected ?? '', d.withinCorrectionWindow === undefined ? '' : d.withinCorrectionWindow ? '✓' : '✗',
      t.status[d.status], resolutions.get(d.fingerprint) ?? '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
