import { neutraliseCell } from '../reports/format';

/** The audit trail's export columns, in order (ids only, as the trail holds them). */
export const AUDIT_CSV_COLUMNS = ['id', 'at', 'actor', 'action', 'method', 'route', 'resourceId', 'employerId', 'personId', 'personIds', 'status', 'ip', 'hash'] as const;

export type AuditCsvRecord = Record<(typeof AUDIT_CSV_COLUMNS)[number], string | number | readonly string[] | null>;

/** One field: neutralised against formula injection (an actor is a name someone typed), quoted when needed. */
function csvField(value: string | number | readonly string[] | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = neutraliseCell(typeof value === 'string' ? value : value.join(' '));
  return /[",;\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const auditCsvHeader = (): string => `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;

/** One record as a CSV line (comma-separated, CRLF, RFC 4180 quoting). */
export const auditCsvLine = (r: AuditCsvRecord): string => `${AUDIT_CSV_COLUMNS.map((c) => csvField(r[c])).join(',')}\r\n`;
