import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, desc, eq, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  bordereauProfiles, bordereauResolutions, bordereauRuns, enrollments, familyMembers, messages, persons, plans, tasks,
} from '../../db/schema';
import { premiumFormulaSchema, type PremiumFormula } from '../../domain/contributions/premium-formula';
import { decodeText } from '../../domain/enrollments/csv';
import {
  reconcileBordereau, type BordereauLine, type BordereauOutcome, type CommunicatedChange, type ExpectedInsured,
} from '../../domain/reconciliation/bordereau';
import { bordereauProfileSchema, mapBordereau, type BordereauProblem, type BordereauProfile } from '../../domain/reconciliation/bordereau-profile';
import { periodBounds } from '../../domain/shared/calendar';
import { detectDelimiter } from '../payroll/file/csv-reader';
import { readXlsx } from '../payroll/file/xlsx-reader';
import { DEFAULT_PROFILE } from '../../domain/payroll/mapping-profile';
import { PayrollFileError } from '../../domain/payroll/import-errors';
import { cellText, type Cell } from '../../domain/payroll/row-mapper';
import { jsDateToIso } from '../../domain/shared/values';

const isXlsx = (bytes: Buffer) => bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * An XLSX bordereau through the payroll import's reader (its zip-bomb guard included): number
 * cells become text with the profile's decimal separator, date cells yyyy-mm-dd.
 */
async function readXlsxRows(bytes: Buffer, decimalSeparator: '.' | ','): Promise<{ rows: string[][]; rowNumbers: number[] } | BordereauProblem[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bordereau-'));
  const path = join(dir, 'bordereau.xlsx');
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  const text = (c: Cell) => {
    if (typeof c === 'number') { const t = cellText(c) ?? ''; return decimalSeparator === ',' ? t.replace('.', ',') : t; }
    if (c instanceof Date) return jsDateToIso(c) ?? '';
    return cellText(c) ?? '';
  };
  try {
    await writeFile(path, bytes);
    await readXlsx(path, 'bordereau.xlsx', { ...DEFAULT_PROFILE, format: 'xlsx' }, {
      header: (cells, row) => { rows.push(cells.map(text)); rowNumbers.push(row); },
      row: (cells, row) => { rows.push(cells.map(text)); rowNumbers.push(row); },
      rowError: () => undefined,
    });
    return { rows, rowNumbers };
  } catch (err) {
    if (err instanceof PayrollFileError) return [{ row: 1, column: '', code: 'unreadable_file' }];
    throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Splits delimited text into rows of cells (quotes and doubled quotes respected). */
function splitDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) { row.push(cell); cell = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

export type UploadResult =
  | { kind: 'invalid'; problems: BordereauProblem[] }
  | { kind: 'duplicate'; runId: string; sameFile: boolean }
  | { kind: 'stored'; runId: string; replacedRunId: string | null; outcome: BordereauOutcome };

export async function supplierBordereauProfile(db: Db, supplierId: string): Promise<BordereauProfile> {
  const [row] = await db.select().from(bordereauProfiles).where(eq(bordereauProfiles.supplierId, supplierId));
  return bordereauProfileSchema.parse(row?.profile ?? {});
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const cents = (v: unknown) => {
  const t = text(v);
  return t === null || !Number.isFinite(Number(t)) ? null : Math.round(Number(t) * 100);
};

/** What we hold for the supplier's insured as of the period: enrollments in its plans, person data. */
async function loadExpected(db: Db, employerId: string, supplierId: string, period: string): Promise<ExpectedInsured[]> {
  const { from, to } = periodBounds(period);
  const rows = await db.select({
    personId: persons.id, data: persons.data, familyMemberId: enrollments.familyMemberId, endDate: enrollments.endDate,
    formula: plans.premiumFormula, relation: familyMembers.relation, memberData: familyMembers.data,
  }).from(enrollments)
    .innerJoin(plans, eq(plans.id, enrollments.planId))
    .innerJoin(persons, eq(persons.id, enrollments.personId))
    .leftJoin(familyMembers, eq(familyMembers.id, enrollments.familyMemberId))
    .where(and(eq(persons.employerId, employerId), eq(plans.supplierId, supplierId), sql`${enrollments.startDate} <= ${to}`));
  const byPerson = new Map<string, ExpectedInsured>();
  for (const r of rows) {
    const d = r.data as Record<string, unknown>;
    const nationalId = text(d.nationalId)?.replace(/[.\-\s]/g, '');
    if (!nationalId) continue;
    let e = byPerson.get(r.personId);
    if (!e) {
      const parsed = r.formula ? premiumFormulaSchema.safeParse(r.formula) : null;
      e = {
        nationalId, source: 'payroll', firstName: text(d.firstName), lastName: text(d.lastName), birthDate: text(d.birthDate),
        salaryCents: cents(d.grossMonthlySalary), workSchedulePercent: text(d.workSchedulePercent) === null ? null : Number(d.workSchedulePercent),
        category: text(d.category), endDate: null, familyMembers: [], formula: parsed?.success ? (parsed.data as PremiumFormula) : null,
      };
      byPerson.set(r.personId, e);
    }
    if (r.familyMemberId && r.relation) {
      if (r.endDate && r.endDate < from) continue;
      const m = r.memberData as Record<string, unknown>;
      const key = text(m.nationalId)?.replace(/[.\-\s]/g, '') ?? `${text(m.birthDate)}/${(text(m.firstName) ?? '').toLowerCase()}`;
      e.familyMembers!.push({ memberKey: key, role: r.relation });
    } else {
      e.endDate = r.endDate ?? null;
    }
  }
  // Persons we sent something to: their values are what the insurer was told.
  const sent = await db.selectDistinct({ personId: messages.personId }).from(messages)
    .where(and(eq(messages.employerId, employerId), eq(messages.supplierId, supplierId), isNotNull(messages.sentAt), lt(messages.factDate, sql`${to}::date + 1`)));
  for (const s of sent) { const e = byPerson.get(s.personId); if (e) e.source = 'communicated'; }
  return [...byPerson.values()];
}

async function loadCommunicated(db: Db, employerId: string, supplierId: string, period: string) {
  const { from, to } = periodBounds(period);
  const rows = await db.select({ data: persons.data, kind: messages.kind, changed: messages.changedFields, familyMemberId: enrollments.familyMemberId })
    .from(messages).innerJoin(persons, eq(persons.id, messages.personId)).leftJoin(enrollments, eq(enrollments.id, messages.enrollmentId))
    .where(and(eq(messages.employerId, employerId), eq(messages.supplierId, supplierId), isNotNull(messages.sentAt),
      sql`${messages.factDate} between ${from} and ${to}`, ne(messages.status, 'cancelled')));
  const out = new Map<string, Set<CommunicatedChange>>();
  for (const r of rows) {
    const id = text((r.data as Record<string, unknown>).nationalId)?.replace(/[.\-\s]/g, '');
    if (!id || r.familyMemberId) continue;
    const set = out.get(id) ?? out.set(id, new Set()).get(id)!;
    if (r.kind === 'enrollment') set.add('affiliation');
    if (r.kind === 'termination') set.add('end_of_guarantee');
    if (r.kind === 'change') {
      if (r.changed.includes('workSchedulePercent')) set.add('work_time');
      if (r.changed.includes('grossMonthlySalary')) set.add('salary');
      if (r.changed.includes('birthDate') || r.changed.includes('category')) set.add('premium_basis');
    }
  }
  return out;
}

/**
 * Maps, reconciles and stores one uploaded bordereau. A file that does not map stores nothing;
 * the same file again is a duplicate unless `replace`, which keeps the earlier run as `replaced`.
 */
export async function uploadBordereau(db: Db, input: {
  employerId: string; supplierId: string; period: string; bytes: Buffer; replace: boolean; actor: string;
}): Promise<UploadResult> {
  const { employerId, supplierId, period } = input;
  const profile = await supplierBordereauProfile(db, supplierId);
  let mapped;
  if (profile.format === 'xlsx' || (profile.format === 'auto' && isXlsx(input.bytes))) {
    const read = await readXlsxRows(input.bytes, profile.decimalSeparator);
    if (Array.isArray(read)) return { kind: 'invalid', problems: read };
    mapped = mapBordereau(read.rows, { ...profile, dateFormats: [...profile.dateFormats, 'yyyy-mm-dd'] }, read.rowNumbers);
  } else {
    const content = decodeText(input.bytes);
    const firstLine = content.split(/\r?\n/, 1)[0] ?? '';
    mapped = mapBordereau(splitDelimited(content, profile.delimiter === 'auto' ? detectDelimiter(firstLine) : profile.delimiter), profile);
  }
  if (!mapped.ok) return { kind: 'invalid', problems: mapped.problems };
  const sha = createHash('sha256').update(input.bytes).digest('hex');

  return db.transaction(async (tx) => {
    const [current] = await tx.select({ id: bordereauRuns.id, sha: bordereauRuns.fileSha256 }).from(bordereauRuns)
      .where(and(eq(bordereauRuns.employerId, employerId), eq(bordereauRuns.supplierId, supplierId), eq(bordereauRuns.period, period), eq(bordereauRuns.status, 'current')))
      .for('update');
    if (current && !input.replace) return { kind: 'duplicate' as const, runId: current.id, sameFile: current.sha === sha };
    const [previous] = await tx.select({ id: bordereauRuns.id, lines: bordereauRuns.lines }).from(bordereauRuns)
      .where(and(eq(bordereauRuns.employerId, employerId), eq(bordereauRuns.supplierId, supplierId), lt(bordereauRuns.period, period), eq(bordereauRuns.status, 'current')))
      .orderBy(desc(bordereauRuns.period)).limit(1);
    const [anySent] = await tx.select({ n: sql<number>`1` }).from(messages)
      .where(and(eq(messages.employerId, employerId), eq(messages.supplierId, supplierId), isNotNull(messages.sentAt), sql`${messages.factDate} <= ${periodBounds(period).to}`)).limit(1);
    const acceptedRows = previous
      ? await tx.select({ fp: bordereauResolutions.fingerprint }).from(bordereauResolutions)
        .where(and(inArray(bordereauResolutions.runId, [previous.id]), eq(bordereauResolutions.reason, 'accepted')))
      : [];
    const outcome = reconcileBordereau(mapped.lines, (previous?.lines as BordereauLine[] | undefined) ?? null,
      await loadExpected(tx as unknown as Db, employerId, supplierId, period), {
        period, correctionWindowDays: profile.correctionWindowDays, hasCommunication: anySent !== undefined, codes: profile.movementCodes,
        communicated: await loadCommunicated(tx as unknown as Db, employerId, supplierId, period), accepted: new Set(acceptedRows.map((r) => r.fp)),
      });
    if (current) {
      await tx.update(bordereauRuns).set({ status: 'replaced' }).where(eq(bordereauRuns.id, current.id));
      await tx.update(tasks).set({ status: 'cancelled', completedBy: input.actor, completedAt: new Date() })
        .where(and(eq(tasks.kind, 'review_bordereau'), eq(tasks.status, 'open'), sql`${tasks.subject}->>'bordereauRunId' = ${current.id}`));
    }
    const [run] = await tx.insert(bordereauRuns).values({
      employerId, supplierId, period, fileSha256: sha, lines: mapped.lines, outcome, createdBy: input.actor,
    }).returning({ id: bordereauRuns.id });
    // An accepted difference that recurs unchanged stays accepted on the new run too.
    const recurring = outcome.status === 'reconciled' ? outcome.differences.filter((d) => d.status === 'recurring_accepted') : [];
    if (recurring.length) {
      await tx.insert(bordereauResolutions).values(recurring.map((d) => ({ runId: run.id, fingerprint: d.fingerprint, reason: 'accepted' as const, resolvedBy: 'system:recurring' })));
    }
    // One task per bordereau with open differences: ids and a count only, never the values.
    const open = outcome.status === 'reconciled' ? outcome.differences.filter((d) => d.status === 'open').length : 0;
    if (open > 0) {
      await tx.insert(tasks).values({
        employerId, kind: 'review_bordereau', subject: { supplierId, bordereauRunId: run.id, period, openDifferences: open },
        dueAt: new Date(Date.now() + 14 * 86_400_000),
      });
    }
    return { kind: 'stored' as const, runId: run.id, replacedRunId: current?.id ?? null, outcome };
  });
}
