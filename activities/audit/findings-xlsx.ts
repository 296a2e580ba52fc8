/**
 * An import's findings as an XLSX workbook, labelled in NL/FR/EN: one sheet of findings, one
 * summary sheet per rule. Values appear only when the reader may see the person (the caller
 * decides and passes them or not). Cells from payroll data are written as text, never formulas.
 */
import ExcelJS from 'exceljs';
import type { ReportLanguage } from '../../domain/reports/format';
import { RULE_KIND_LABELS, SEVERITY_LABELS, type RuleKind, type Severity } from '../../domain/audit/rules';
import { fieldLabel } from '../../domain/eligibility/filter';

export interface FindingLine {
  severity: Severity;
  kind: RuleKind;
  ruleName: string;
  ruleVersion: number;
  ruleText: string;
  employeeNumber: string;
  field: string;
  value?: string | null;
  previousValue?: string | null;
  status: string;
  reason: string | null;
}

const T: Record<ReportLanguage, { sheet: string; summary: string; columns: string[]; summaryColumns: string[]; status: Record<string, string> }> = {
  nl: {
    sheet: 'Bevindingen', summary: 'Per regel',
    columns: ['Ernst', 'Soort', 'Regel', 'Versie', 'Controle', 'Personeelsnummer', 'Gegeven', 'Waarde', 'Vorige waarde', 'Status', 'Reden'],
    summaryColumns: ['Regel', 'Versie', 'Ernst', 'Bevindingen'],
    status: { open: 'Open', acknowledged: 'Geaccepteerd', resolved: 'Opgelost' },
  },
  fr: {
    sheet: 'Constats', summary: 'Par règle',
    columns: ['Gravité', 'Type', 'Règle', 'Version', 'Contrôle', 'Matricule', 'Donnée', 'Valeur', 'Valeur précédente', 'Statut', 'Motif'],
    summaryColumns: ['Règle', 'Version', 'Gravité', 'Constats'],
    status: { open: 'Ouvert', acknowledged: 'Accepté', resolved: 'Résolu' },
  },
  en: {
    sheet: 'Findings', summary: 'Per rule',
    columns: ['Severity', 'Kind', 'Rule', 'Version', 'Check', 'Employee number', 'Field', 'Value', 'Previous value', 'Status', 'Reason'],
    summaryColumns: ['Rule', 'Version', 'Severity', 'Findings'],
    status: { open: 'Open', acknowledged: 'Acknowledged', resolved: 'Resolved' },
  },
};

export async function renderFindingsXlsx(lines: FindingLine[], lang: ReportLanguage): Promise<Buffer> {
  const t = T[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mutaflow';
  const ws = workbook.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = t.columns.map((label, i) => ({ width: i === 4 ? 50 : Math.max(12, label.length + 2), style: i === 5 || i === 7 || i === 8 ? { numFmt: '@' } : {} }));
  ws.addRow(t.columns).font = { bold: true };
  for (const l of lines) {
    ws.addRow([
      SEVERITY_LABELS[l.severity][lang], RULE_KIND_LABELS[l.kind][lang], l.ruleName, l.ruleVersion, l.ruleText, l.employeeNumber,
      fieldLabel(l.field, lang), l.value ?? '', l.previousValue ?? '', t.status[l.status] ?? l.status, l.reason ?? '',
    ]);
  }
  const summary = workbook.addWorksheet(t.summary);
  summary.columns = t.summaryColumns.map((label, i) => ({ width: i === 0 ? 40 : Math.max(12, label.length + 2) }));
  summary.addRow(t.summaryColumns).font = { bold: true };
  const perRule = new Map<string, { name: string; version: number; severity: Severity; count: number }>();
  for (const l of lines) {
    const key = `${l.ruleName}\u0000${l.ruleVersion}`;
    const entry = perRule.get(key) ?? { name: l.ruleName, version: l.ruleVersion, severity: l.severity, count: 0 };
    entry.count++;
    perRule.set(key, entry);
  }
  for (const r of perRule.values()) summary.addRow([r.name, r.version, SEVERITY_LABELS[r.severity][lang], r.count]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
