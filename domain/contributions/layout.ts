/**
 * An employer's payroll upload file for contributions: which columns, in which order, how
 * amounts and periods are written, and the pay code of each plan. One line per contribution
 * line (contributions.ts). Plans without a pay code here are not on the file: the employer
 * chooses which plans payroll deducts.
 */
import { z } from 'zod';
import { neutraliseCell } from '../reports/format';
import { type ContributionLanguage, type ContributionLine, REASON_LABELS } from './contributions';

const CONTRIBUTION_COLUMN_VALUES = [
  'employeeNumber', 'payCode', 'amount', 'employerAmount', 'period', 'month', 'reason', 'reasonLabel', 'version', 'fixed',
] as const;

const column = z.object({
  header: z.string().min(1).max(60),
  /** `amount`: the employee's deduction; `period`: the file's; `month`: the one the line is for; `fixed`: `text` on every line. */
  value: z.enum(CONTRIBUTION_COLUMN_VALUES),
  text: z.string().max(100).optional(),
}).refine((c) => c.value !== 'fixed' || c.text !== undefined, { message: 'a fixed column needs its text', path: ['text'] });

const DEFAULT_COLUMNS = [
  { header: 'EmployeeNumber', value: 'employeeNumber' as const },
  { header: 'PayCode', value: 'payCode' as const },
  { header: 'Amount', value: 'amount' as const },
  { header: 'Period', value: 'period' as const },
  { header: 'ForPeriod', value: 'month' as const },
  { header: 'Reason', value: 'reasonLabel' as const },
];

export const contributionLayoutSchema = z.object({
  fileType: z.enum(['csv', 'xlsx']).default('csv'),
  csvDelimiter: z.enum([';', ',', '\t', '|']).default(';'),
  decimalSeparator: z.enum(['.', ',']).default('.'),
  periodFormat: z.enum(['yyyy-mm', 'yyyymm', 'mm-yyyy']).default('yyyy-mm'),
  language: z.enum(['nl', 'fr', 'en']).default('nl'),
  columns: z.array(column).min(1).max(40).default(DEFAULT_COLUMNS),
  /** Plan id → the payroll system's pay code (looncomponent, code salarial). */
  payCodes: z.record(z.uuid(), z.string().min(1).max(40)).default({}),
});
export type ContributionLayout = z.output<typeof contributionLayoutSchema>;

export const DEFAULT_CONTRIBUTION_LAYOUT: ContributionLayout = contributionLayoutSchema.parse({});

function periodText(period: string, format: ContributionLayout['periodFormat']): string {
  const [y, m] = period.split('-');
  if (format === 'yyyymm') return `${y}${m}`;
  if (format === 'mm-yyyy') return `${m}-${y}`;
  return period;
}

/** Cents as a decimal with two places ("-12.50"); exact, no floating point. */
function centsText(cents: number, separator: '.' | ','): string {
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}${separator}${String(abs % 100).padStart(2, '0')}`;
}

export interface ContributionTable {
  header: string[];
  /** Amounts as numbers (XLSX keeps them numbers), everything else as text. */
  rows: (string | number)[][];
}

/** The file's rows: for CSV every cell is text (amounts with the layout's separator); for XLSX amounts are numbers in euros. */
export function contributionRows(layout: ContributionLayout, lines: readonly ContributionLine[], meta: { period: string; version: number }): ContributionTable {
  const language: ContributionLanguage = layout.language;
  const money = (cents: number) => (layout.fileType === 'xlsx' ? cents / 100 : centsText(cents, layout.decimalSeparator));
  const rows = lines.map((l) => layout.columns.map((c): string | number => {
    switch (c.value) {
      case 'employeeNumber': return neutraliseCell(l.employeeNumber);
      case 'payCode': return neutraliseCell(l.payCode);
      case 'amount': return money(l.employeeCents);
      case 'employerAmount': return money(l.employerCents);
      case 'period': return periodText(meta.period, layout.periodFormat);
      case 'month': return periodText(l.month, layout.periodFormat);
      case 'reason': return l.reason;
      case 'reasonLabel': return REASON_LABELS[l.reason][language];
      case 'version': return String(meta.version);
      case 'fixed': return neutraliseCell(c.text ?? '');
    }
  }));
  return { header: layout.columns.map((c) => c.header), rows };
}

/** The file name: employer-neutral (no names in it), with the version when it is a new version. */
export function contributionFileName(layout: ContributionLayout, period: string, version: number): string {
  return `contributions_${period}${version > 1 ? `_v${version}` : ''}.${layout.fileType}`;
}
