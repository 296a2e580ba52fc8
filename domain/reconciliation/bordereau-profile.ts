import { z } from 'zod';
import { DATE_FORMATS, parseDateText, parseDecimalText } from '../shared/values';
import type { BordereauLine, MemberRole } from './bordereau';
import { BELGIAN_MOVEMENT_CODES, movementCodeTableSchema } from './movement-codes';
import { compactNationalId } from '../shared/identifiers';

/** The fields a bordereau line maps onto. */
export const BORDEREAU_FIELDS = [
  'nationalId', 'role', 'memberKey', 'firstName', 'lastName', 'birthDate', 'salary', 'workSchedulePercent',
  'category', 'premium', 'movementCode',
] as const;
export type BordereauField = (typeof BORDEREAU_FIELDS)[number];

/**
 * How one insurer's bordereau maps onto our lines: stored per supplier, like the payroll mapping
 * profile, with the supplier's own movement code table (editable; Belgian codes by default).
 */
export const bordereauProfileSchema = z.object({
  format: z.enum(['auto', 'csv', 'xlsx']).default('auto'),
  delimiter: z.enum(['auto', ',', ';', '\t', '|']).default('auto'),
  /** Source header → field. A header equal to a field name maps to it without an entry. */
  columns: z.record(z.string().min(1), z.enum(BORDEREAU_FIELDS)).default({}),
  dateFormats: z.array(z.enum(DATE_FORMATS)).min(1).default(['yyyy-mm-dd', 'dd/mm/yyyy']),
  decimalSeparator: z.enum(['.', ',']).default('.'),
  thousandsSeparator: z.enum(['', '.', ',', ' ']).default(''),
  /** The insurer's word for insured / partner / child → ours (matched ignoring case). */
  roles: z.record(z.string(), z.enum(['insured', 'partner', 'child'])).default({ insured: 'insured', partner: 'partner', child: 'child', T: 'insured', P: 'partner', K: 'child', E: 'child' }),
  movementCodes: movementCodeTableSchema.default(BELGIAN_MOVEMENT_CODES),
  /** Days after an exit in which the insurer corrects a billing without discussion. */
  correctionWindowDays: z.number().int().min(0).max(366).default(30),
});
export type BordereauProfile = z.output<typeof bordereauProfileSchema>;

export interface BordereauProblem {
  row: number;
  column: string;
  code: 'missing_column' | 'required' | 'invalid_date' | 'invalid_number' | 'invalid_role' | 'duplicate_line' | 'empty_file' | 'unreadable_file';
}

export type MappedBordereau = { ok: true; lines: BordereauLine[] } | { ok: false; problems: BordereauProblem[] };

const REQUIRED: readonly BordereauField[] = ['nationalId', 'premium'];
const MAX_PROBLEMS = 100;

/** Euros as text ("1.234,56" with the profile's separators) to integer cents, half up. */
function toCents(text: string, p: BordereauProfile): number | null {
  const d = parseDecimalText(text, p.decimalSeparator, p.thousandsSeparator);
  if (d === null) return null;
  const n = Number(d);
  if (!Number.isFinite(n)) return null;
  return Math.sign(n) * Math.floor(Math.abs(n) * 100 + 0.5 + 1e-9);
}

/**
 * Maps a bordereau's rows (header first; row numbers 1-based as in the file). All or nothing:
 * any problem refuses the whole file, each problem naming row and column (never the value).
 */
export function mapBordereau(rows: readonly (readonly string[])[], profile: BordereauProfile, rowNumbers?: readonly number[]): MappedBordereau {
  if (rows.length < 2) return { ok: false, problems: [{ row: 1, column: '', code: 'empty_file' }] };
  const header = rows[0].map((h) => h.trim());
  const index = new Map<BordereauField, number>();
  header.forEach((h, i) => {
    const f = profile.columns[h] ?? (BORDEREAU_FIELDS as readonly string[]).find((x) => x === h) as BordereauField | undefined;
    if (f) index.set(f, i);
  });
  const columnName = (f: BordereauField) => header[index.get(f) ?? -1] ?? f;
  const missing = REQUIRED.filter((f) => !index.has(f));
  if (missing.length) return { ok: false, problems: missing.map((f) => ({ row: rowNumbers?.[0] ?? 1, column: f, code: 'missing_column' as const })) };

  const roles = new Map(Object.entries(profile.roles).map(([k, v]) => [k.trim().toLowerCase(), v]));
  const problems: BordereauProblem[] = [];
  const lines: BordereauLine[] = [];
  const seen = new Set<string>();
  for (let r = 1; r < rows.length && problems.length < MAX_PROBLEMS; r++) {
    const cells = rows[r];
    if (cells.every((c) => c.trim() === '')) continue;
    const row = rowNumbers?.[r] ?? r + 1;
    const get = (f: BordereauField) => {
      const i = index.get(f);
      const v = i === undefined ? '' : (cells[i] ?? '').trim();
      return v === '' ? null : v;
    };
    const bad = (f: BordereauField, code: BordereauProblem['code']) => problems.push({ row, column: columnName(f), code });
    const rawId = get('nationalId');
    const nationalId = rawId ? compactNationalId(rawId) : null;
    if (!nationalId) bad('nationalId', 'required');
    const roleText = get('role');
    let role: MemberRole = 'insured';
    let roleKnown = true;
    if (roleText !== null) {
      const r2 = roles.get(roleText.toLowerCase());
      roleKnown = r2 !== undefined;
      if (!r2) bad('role', 'invalid_role');
      else role = r2;
    }
    const date = (f: BordereauField) => {
      const t = get(f);
      if (t === null) return null;
      const d = parseDateText(t, profile.dateFormats);
      if (d === null) bad(f, 'invalid_date');
      return d;
    };
    const money = (f: BordereauField) => {
      const t = get(f);
      if (t === null) return null;
      const c = toCents(t, profile);
      if (c === null) bad(f, 'invalid_number');
      return c;
    };
    const birthDate = date('birthDate');
    const premiumCents = money('premium');
    if (get('premium') === null) bad('premium', 'required');
    const salaryCents = money('salary');
    const wsText = get('workSchedulePercent');
    let workSchedulePercent: number | null = null;
    if (wsText !== null) {
      const d = parseDecimalText(wsText, profile.decimalSeparator, profile.thousandsSeparator);
      if (d === null || Number(d) < 0 || Number(d) > 100) bad('workSchedulePercent', 'invalid_number');
      else workSchedulePercent = Number(d);
    }
    const firstName = get('firstName');
    const memberKey = role === 'insured' ? null : get('memberKey') ?? (birthDate && firstName ? `${birthDate}/${firstName.toLowerCase()}` : null);
    if (role !== 'insured' && !memberKey) bad('memberKey', 'required');
    const key = `${nationalId}|${role}|${memberKey ?? ''}`;
    if (nationalId && roleKnown && seen.has(key)) bad('nationalId', 'duplicate_line');
    seen.add(key);
    if (nationalId) {
      lines.push({
        row, nationalId, role, memberKey, firstName, lastName: get('lastName'), birthDate, salaryCents,
        workSchedulePercent, category: get('category'), premiumCents, movementCode: get('movementCode'),
      });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, lines };
}
