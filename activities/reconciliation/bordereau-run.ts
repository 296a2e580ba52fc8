import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, desc, eq, inArray, isNotNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  bordereauProfiles, bordereauResolutions, bordereauRuns, enrollments, familyMembers, messageBodies, messages, persons, plans, reportLines, reports, tasks,
} from '../../db/schema';
import { premiumFormulaSchema, type PremiumFormula } from '../../domain/contributions/premium-formula';
import { decodeText } from '../../domain/enrollments/csv';
import {
  reconcileBordereau, type BordereauLine, type BordereauOutcome, type CommunicatedChange, type ExpectedInsured,
} from '../../domain/reconciliation/bordereau';
import { bordereauProfileSchema, mapBordereau, type BordereauProblem, type BordereauProfile } from '../../domain/reconciliation/bordereau-profile';
import { DAY_MS, periodBounds } from '../../domain/shared/calendar';
import { PAYLOAD_PERSON_FIELDS } from '../../domain/messages/payload';
import type { CommunicatedLineValues } from '../../domain/reports/format';
import type { SecretBox } from '../../infra/secret-box';
import { detectDelimiter } from '../payroll/file/csv-reader';
import { readXlsx } from '../payroll/file/xlsx-reader';
import { DEFAULT_PROFILE } from '../../domain/payroll/mapping-profile';
import { PayrollFileError } from '../../domain/payroll/import-errors';
import { cellText, type Cell } from '../../domain/payroll/row-mapper';
import { jsDateToIso } from '../../domain/shared/values';
import { compactNationalId } from '../../domain/shared/identifiers';

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

export interface BordereauDeps {
  db: Db;
  /** Opens the message bodies and report lines as sent. */
  secrets: SecretBox;
}

export type UploadResult =
  | { kind: 'invalid'; problems: BordereauProblem[] }
  | { kind: 'duplicate'; runId: string; sameFile: boolean }
  /** The very same file is the current bordereau of another period: last month's file sent again. */
  | { kind: 'other_period'; runId: string; period: string }
  | { kind: 'stored'; runId: string; replacedRunId: string | null; outcome: BordereauOutcome };

/**
 * The employer's people a bordereau's differences name (by national id, as the insurer writes it):
 * showing the differences reads their data, and the audit record says whose.
 */
export async function personsNamedBy(db: Db, employerId: string, nationalIds: readonly string[]): Promise<string[]> {
  if (!nationalIds.length) return [];
  const rows = await db.select({ id: persons.id }).from(persons)
    .where(and(eq(persons.employerId, employerId),
      sql`regexp_replace(coalesce(${persons.data}->>'nationalId', ''), '[-. ]', '', 'g') = any(array(select jsonb_array_elements_text(${JSON.stringify([...new Set(nationalIds)])}::jsonb)))`));
  return rows.map((r) => r.id);
}

export async function supplierBordereauProfile(db: Db, supplierId: string): Promise<BordereauProfile> {
  const [row] = await db.select().from(bordereauProfiles).where(eq(bordereauProfiles.supplierId, supplierId));
  return bordereauProfileSchema.parse(row?.profile ?? {});
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const cents = (v: unknown) => {
  const t = text(v);
  return t === null || !Number.isFinite(Number(t)) ? null : Math.round(Number(t) * 100);
};

/** A field whose value told equals the person's current payroll data (see `loadCommunicatedValues`). */
const AS_IN_PAYROLL = Symbol('as in payroll');
type Told = string | null | typeof AS_IN_PAYROLL;
type Communicated = Map<string, { values: Record<string, Told>; at: Map<string, number> }>;

/** Values a communication carried that the reconciliation compares, by canonical field. */
const COMPARED_FIELDS = ['firstName', 'lastName', 'birthDate', 'category', 'grossMonthlySalary', 'workSchedulePercent'] as const;

/**
 * The keys of a person's data the reconciliation reads, cut out by PostgreSQL: parsing the whole
 * 40-key data of every insured person was most of loading them (bench:controls, bordereau line).
 */
const RECONCILED_DATA = sql<Record<string, unknown>>`jsonb_build_object(${sql.join(['nationalId', ...COMPARED_FIELDS].map((k) => sql`${sql.raw(`'${k}'`)}, ${persons.data}->${sql.raw(`'${k}'`)}`), sql`, `)})`;
/** A person's national id as the data holds it: text, or null (as `text` reads it). */
const NATIONAL_ID = sql<string | null>`case when jsonb_typeof(${persons.data}->'nationalId') = 'string' then ${persons.data}->>'nationalId' end`;
const BODY_FIELDS: readonly string[] = PAYLOAD_PERSON_FIELDS;

/**
 * A communication made more than this after the person's data last changed carried that data as
 * it is now: it is not opened. The margin covers a payroll import's transaction still open while
 * a message was built from the data before it (its `updated_at` is the transaction's start).
 */
const UNCHANGED_MARGIN = sql`interval '1 hour'`;

/**
 * Per person, the latest value of each compared field that was told to this insurer up to the
 * period: the bodies of the messages handed over (a rejected or failed current version did not
 * reach it) and the lines of the monthly reports delivered, opened from their seal. A body's
 * `person` is always the employee (a family member's message carries the member beside it).
 * Opening every seal of a large employer costs seconds, so only communications made before the
 * person's data last changed are opened; a later one told what payroll holds now.
 */
async function loadCommunicatedValues(deps: BordereauDeps, employerId: string, supplierId: string, period: string): Promise<Communicated> {
  const { to } = periodBounds(period);
  const out: Communicated = new Map();
  const take = (personId: string, at: number, fields: readonly string[], values: Record<string, unknown> | null) => {
    const e = out.get(personId) ?? out.set(personId, { values: {}, at: new Map() }).get(personId)!;
    for (const f of COMPARED_FIELDS) {
      if (!fields.includes(f) || (e.at.get(f) ?? -1) > at) continue;
      const v = values?.[f];
      e.values[f] = !values ? AS_IN_PAYROLL : typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null;
      e.at.set(f, at);
    }
  };
  const bodies = await deps.db.select({
    personId: messages.personId, at: messageBodies.createdAt,
    sealed: sql<string | null>`case when ${persons.updatedAt} >= ${messageBodies.createdAt} - ${UNCHANGED_MARGIN} then ${messageBodies.bodySealed} end`,
  }).from(messageBodies).innerJoin(messages, eq(messages.id, messageBodies.messageId)).innerJoin(persons, eq(persons.id, messages.personId))
    .where(and(eq(messages.employerId, employerId), eq(messages.supplierId, supplierId), sql`${messages.factDate} <= ${to}`,
      sql`(${messageBodies.version} < ${messages.version} or (${messages.sentAt} is not null and ${messages.status} <> 'rejected'))`));
  for (const b of bodies) {
    const person = b.sealed === null ? null : (JSON.parse(deps.secrets.open<string>(b.sealed)) as { person?: Record<string, unknown> }).person ?? {};
    take(b.personId, new Date(b.at).getTime(), BODY_FIELDS, person);
  }
  const lines = await deps.db.select({
    personId: reportLines.personId, fields: reportLines.fields, at: reports.createdAt,
    sealed: sql<string | null>`case when ${persons.updatedAt} >= ${reports.createdAt} - ${UNCHANGED_MARGIN} then ${reportLines.valuesSealed} end`,
  }).from(reportLines).innerJoin(reports, eq(reports.id, reportLines.reportId)).innerJoin(persons, eq(persons.id, reportLines.personId))
    .where(and(eq(reportLines.employerId, employerId), eq(reportLines.supplierId, supplierId), lte(reportLines.period, period), eq(reports.status, 'delivered')));
  for (const l of lines) {
    take(l.personId, new Date(l.at).getTime(), l.fields, l.sealed === null ? null : deps.secrets.open<CommunicatedLineValues>(l.sealed).person);
  }
  return out;
}

/**
 * What we hold for the supplier's insured as of the period: who is enrolled in its plans (our
 * enrollments), and for each the values told to the insurer — current payroll data only for a
 * field nothing was sent about.
 */
async function loadExpected(deps: BordereauDeps, employerId: string, supplierId: string, period: string): Promise<ExpectedInsured[]> {
  const { db } = deps;
  const { from, to } = periodBounds(period);
  const rows = await db.select({
    personId: persons.id, data: RECONCILED_DATA, familyMemberId: enrollments.familyMemberId, endDate: enrollments.endDate,
    planId: plans.id, formula: plans.premiumFormula, relation: familyMembers.relation, memberData: familyMembers.data,
  }).from(enrollments)
    .innerJoin(plans, eq(plans.id, enrollments.planId))
    .innerJoin(persons, eq(persons.id, enrollments.personId))
    .leftJoin(familyMembers, eq(familyMembers.id, enrollments.familyMemberId))
    .where(and(eq(persons.employerId, employerId), eq(plans.supplierId, supplierId), sql`${enrollments.startDate} <= ${to}`));
  const told = await loadCommunicatedValues(deps, employerId, supplierId, period);
  const byPerson = new Map<string, ExpectedInsured>();
  // A plan's formula is checked once, not once per insured person.
  const formulas = new Map<string, PremiumFormula | null>();
  const formulaOf = (planId: string, formula: unknown) => {
    if (!formulas.has(planId)) {
      const parsed = formula ? premiumFormulaSchema.safeParse(formula) : null;
      formulas.set(planId, parsed?.success ? (parsed.data as PremiumFormula) : null);
    }
    return formulas.get(planId)!;
  };
  for (const r of rows) {
    const d = r.data as Record<string, unknown>;
    const raw = text(d.nationalId);
    const nationalId = raw && compactNationalId(raw);
    if (!nationalId) continue;
    let e = byPerson.get(r.personId);
    if (!e) {
      const sent = told.get(r.personId)?.values ?? {};
      const value = (f: (typeof COMPARED_FIELDS)[number]) => {
        const v = sent[f];
        return v === undefined || v === AS_IN_PAYROLL ? text(d[f]) : v;
      };
      const ws = value('workSchedulePercent');
      e = {
        nationalId, source: Object.keys(sent).length > 0 ? 'communicated' : 'payroll', firstName: value('firstName'), lastName: value('lastName'), birthDate: value('birthDate'),
        salaryCents: cents(value('grossMonthlySalary')), workSchedulePercent: ws === null || !Number.isFinite(Number(ws)) ? null : Number(ws),
        category: value('category'), endDate: null, familyMembers: [], formula: formulaOf(r.planId, r.formula),
      };
      byPerson.set(r.personId, e);
    }
    if (r.familyMemberId && r.relation) {
      if (r.endDate && r.endDate < from) continue;
      const m = r.memberData as Record<string, unknown>;
      const memberId = text(m.nationalId);
      const key = memberId !== null ? compactNationalId(memberId) : `${text(m.birthDate)}/${(text(m.firstName) ?? '').toLowerCase()}`;
      e.familyMembers!.push({ memberKey: key, role: r.relation });
    } else {
      e.endDate = r.endDate ?? null;
    }
  }
  return [...byPerson.values()];
}


/** A communicated change line or message, in the reconciliation's words. */
function changeOf(kind: string, fields: readonly string[]): CommunicatedChange[] {
  if (kind === 'enrollment' || kind === 'hire' || kind === 'rehire') return ['affiliation'];
  if (kind === 'termination' || kind === 'departure') return ['end_of_guarantee'];
  if (kind !== 'change') return [];
  const out: CommunicatedChange[] = [];
  if (fields.includes('workSchedulePercent')) out.push('work_time');
  if (fields.includes('grossMonthlySalary')) out.push('salary');
  if (fields.includes('birthDate') || fields.includes('category')) out.push('premium_basis');
  return out;
}

/** The changes told to this insurer during the period (messages handed over, delivered report lines), per national id. */
async function loadCommunicated(db: Db, employerId: string, supplierId: string, period: string) {
  const { from, to } = periodBounds(period);
  const rows = await db.select({ nationalId: NATIONAL_ID, kind: messages.kind, changed: messages.changedFields, familyMemberId: enrollments.familyMemberId })
    .from(messages).innerJoin(persons, eq(persons.id, messages.personId)).leftJoin(enrollments, eq(enrollments.id, messages.enrollmentId))
    .where(and(eq(messages.employerId, employerId), eq(messages.supplierId, supplierId), isNotNull(messages.sentAt),
      sql`${messages.factDate} between ${from} and ${to}`, ne(messages.status, 'cancelled')));
  const lines = await db.select({ nationalId: NATIONAL_ID, kind: reportLines.kind, field: reportLines.field, familyMemberId: reportLines.familyMemberId })
    .from(reportLines).innerJoin(reports, eq(reports.id, reportLines.reportId)).innerJoin(persons, eq(persons.id, reportLines.personId))
    .where(and(eq(reportLines.employerId, employerId), eq(reportLines.supplierId, supplierId), eq(reportLines.period, period), eq(reports.status, 'delivered')));
  const out = new Map<string, Set<CommunicatedChange>>();
  const add = (nationalId: string | null, familyMemberId: string | null, changes: CommunicatedChange[]) => {
    const raw = text(nationalId);
    const id = raw && compactNationalId(raw);
    if (!id || familyMemberId) return;
    const set = out.get(id) ?? out.set(id, new Set()).get(id)!;
    for (const c of changes) set.add(c);
  };
  for (const r of rows) add(r.nationalId, r.familyMemberId, changeOf(r.kind, r.changed));
  for (const l of lines) add(l.nationalId, l.familyMemberId, changeOf(l.kind, l.field ? [l.field] : []));
  return out;
}

/** Whether anything reached this insurer about the employer's people up to the period. */
async function anyCommunication(db: Db, employerId: string, supplierId: string, period: string): Promise<boolean> {
  const [sent] = await db.select({ n: sql<number>`1` }).from(messages)
    .where(and(eq(messages.employerId, employerId), eq(messages.supplierId, supplierId), isNotNull(messages.sentAt), sql`${messages.factDate} <= ${periodBounds(period).to}`)).limit(1);
  if (sent) return true;
  const [line] = await db.select({ n: sql<number>`1` }).from(reportLines).innerJoin(reports, eq(reports.id, reportLines.reportId))
    .where(and(eq(reportLines.employerId, employerId), eq(reportLines.supplierId, supplierId), lte(reportLines.period, period), eq(reports.status, 'delivered'))).limit(1);
  return line !== undefined;
}

/**
 * Maps, reconciles and stores one uploaded bordereau. A file that does not map stores nothing;
 * the same file again is a duplicate unless `replace`, which keeps the earlier run as `replaced`;
 * the same bytes as another period's current bordereau are refused (an insurer's file sent twice).
 */
export async function uploadBordereau(deps: BordereauDeps, input: {
  employerId: string; supplierId: string; period: string; bytes: Buffer; replace: boolean; actor: string;
}): Promise<UploadResult> {
  const { employerId, supplierId, period } = input;
  const { db } = deps;
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
    const [elsewhere] = await tx.select({ id: bordereauRuns.id, period: bordereauRuns.period }).from(bordereauRuns)
      .where(and(eq(bordereauRuns.employerId, employerId), eq(bordereauRuns.supplierId, supplierId), eq(bordereauRuns.fileSha256, sha),
        ne(bordereauRuns.period, period), eq(bordereauRuns.status, 'current'))).limit(1);
    if (elsewhere) return { kind: 'other_period' as const, runId: elsewhere.id, period: elsewhere.period };
    const [latest] = await tx.select({ id: bordereauRuns.id, lines: bordereauRuns.lines, purgedAt: bordereauRuns.purgedAt }).from(bordereauRuns)
      .where(and(eq(bordereauRuns.employerId, employerId), eq(bordereauRuns.supplierId, supplierId), lt(bordereauRuns.period, period), eq(bordereauRuns.status, 'current')))
      .orderBy(desc(bordereauRuns.period)).limit(1);
    // One whose lines went with the retention term (an older period uploaded late) is no "previous": its changes would all look new.
    const previous = latest?.purgedAt ? undefined : latest;
    const hasCommunication = await anyCommunication(tx as unknown as Db, employerId, supplierId, period);
    const acceptedRows = previous
      ? await tx.select({ fp: bordereauResolutions.fingerprint }).from(bordereauResolutions)
        .where(and(inArray(bordereauResolutions.runId, [previous.id]), eq(bordereauResolutions.reason, 'accepted')))
      : [];
    const outcome = reconcileBordereau(mapped.lines, (previous?.lines as BordereauLine[] | undefined) ?? null,
      await loadExpected({ ...deps, db: tx as unknown as Db }, employerId, supplierId, period), {
        period, correctionWindowDays: profile.correctionWindowDays, hasCommunication, codes: profile.movementCodes,
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
        dueAt: new Date(Date.now() + 14 * DAY_MS),
      });
    }
    return { kind: 'stored' as const, runId: run.id, replacedRunId: current?.id ?? null, outcome };
  });
}
