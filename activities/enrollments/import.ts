/**
 * Applies an enrollment file to an employer, all or nothing, in one transaction.
 * `initial`: the first load of what suppliers already know — no messages.
 * `changes`: each new enrollment gets an enrollment message, each row that ends an open
 * enrollment a termination message, and a corrected end date re-sends what was sent.
 * The caller starts, wakes and resends the workflows after the commit.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray, sql } from 'drizzle-orm';
import { copyBatches } from '../../infra/pg-copy';
import { type Db, transactionClient } from '../../db/client';
import type { DataChangeEffects, MessageRow, Tx } from '../../db/queries/messages';
import { createEnrollmentMessages } from '../../db/queries/messages';
import { employerSuppliers, employers, enrollments, familyMembers, persons, plans } from '../../db/schema';
import type { EnrollmentCsvRow } from '../../domain/enrollments/csv';
import { checkImportRows } from '../../domain/enrollments/import-check';
import type { FileProblem } from '../../domain/enrollments/problems';
import { endDateEffect } from '../../domain/enrollments/rules';
import { applyEnrollmentChange, mergeEffects, noEffects } from './changes';
import { employerTodayAt } from '../../db/queries/employers';

export type ImportMode = 'initial' | 'changes';

export interface ImportOutcome {
  counts: { created: number; ended: number; updated: number; unchanged: number };
  messages: MessageRow[];
  effects: DataChangeEffects;
}

export interface EnrollmentFile {
  /** The rows that read well. */
  rows: EnrollmentCsvRow[];
  /** What the reading found in the others: reported together with what the checks find. */
  problems: FileProblem[];
  header: (c: string) => string;
}

const chunks = <T>(items: T[], size = 1000): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** The employer's id as stored (null: no such employer). */
export async function findEmployerId(db: Db, employerId: string): Promise<string | null> {
  const [employer] = await db.select({ id: employers.id }).from(employers).where(eq(employers.id, employerId));
  return employer?.id ?? null;
}

/** Every problem of the file (nothing stored), or what was stored. */
export async function importEnrollmentFile(
  db: Db, employerId: string, file: EnrollmentFile, mode: ImportMode, actor: string, at: number,
): Promise<{ problems: FileProblem[] } | ImportOutcome> {
  return db.transaction(async (tx) => importEnrollments(tx, employerId, file, mode, actor, await employerTodayAt(tx, employerId, at)));
}

async function importEnrollments(
  tx: Tx, employerId: string, file: EnrollmentFile, mode: ImportMode, actor: string, today: string,
): Promise<{ problems: FileProblem[] } | ImportOutcome> {
  const { rows } = file;
  // One enrollment import per employer at a time: the checks below must see what the writes change.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`enrollment-import:${employerId}`}, 0))`);

  const personByNumber = new Map((await tx.select({ id: persons.id, employeeNumber: persons.employeeNumber }).from(persons)
    .where(eq(persons.employerId, employerId))).map((p) => [p.employeeNumber, p.id]));

  const planIds = [...new Set(rows.flatMap((r) => (r.planId ? [r.planId] : [])))];
  const planCodes = [...new Set(rows.flatMap((r) => (!r.planId && r.planCode ? [r.planCode] : [])))];
  const knownPlanIds = new Set<string>();
  for (const ids of chunks(planIds)) (await tx.select({ id: plans.id }).from(plans).where(inArray(plans.id, ids))).forEach((p) => knownPlanIds.add(p.id));
  const linkedSuppliers = new Set((await tx.select({ supplierId: employerSuppliers.supplierId }).from(employerSuppliers)
    .where(eq(employerSuppliers.employerId, employerId))).map((l) => l.supplierId));
  const plansByCode = new Map<string, { id: string; supplierId: string }[]>();
  for (const codes of chunks(planCodes)) {
    for (const p of await tx.select({ id: plans.id, code: plans.code, supplierId: plans.supplierId }).from(plans).where(inArray(plans.code, codes))) {
      plansByCode.set(p.code!, [...(plansByCode.get(p.code!) ?? []), p]);
    }
  }

  const fmIds = [...new Set(rows.flatMap((r) => (r.familyMemberId ? [r.familyMemberId] : [])))];
  const familyMemberOwner = new Map<string, string>();
  for (const ids of chunks(fmIds)) {
    (await tx.select({ id: familyMembers.id, personId: familyMembers.personId }).from(familyMembers).where(inArray(familyMembers.id, ids)))
      .forEach((f) => familyMemberOwner.set(f.id, f.personId));
  }

  const existing = (await tx.select({ e: enrollments }).from(enrollments).innerJoin(persons, eq(persons.id, enrollments.personId))
    .where(eq(persons.employerId, employerId))).map((r) => r.e);

  const { problems, resolved } = checkImportRows(file, { personByNumber, knownPlanIds, plansByCode, linkedSuppliers, familyMemberOwner, existing });
  if (problems.length) return { problems };

  const counts = { created: 0, ended: 0, updated: 0, unchanged: 0 };
  const messages: MessageRow[] = [];
  const effects = noEffects();
  const fresh = resolved.filter((r) => !r.match);
  const newIds = await copyEnrollments(tx, fresh.map((r) => ({
    personId: r.personId, planId: r.planId, familyMemberId: r.row.familyMemberId ?? null, startDate: r.row.startDate, endDate: r.row.endDate ?? null,
  })), mode === 'initial' ? 'initial_import' : 'change_import');
  counts.created = newIds.length;
  if (mode === 'changes') messages.push(...await createEnrollmentMessages(tx, newIds, 'enrollment', actor, today));

  for (const r of resolved) {
    if (!r.match) continue;
    const current = r.match;
    const effect = endDateEffect(current.endDate, r.row.endDate);
    counts[effect]++;
    if (effect === 'unchanged') continue;
    if (mode === 'initial') {
      await tx.update(enrollments).set({ endDate: r.row.endDate, updatedAt: new Date() }).where(eq(enrollments.id, current.id));
    } else {
      const change = await applyEnrollmentChange(tx, current, { startDate: current.startDate, endDate: r.row.endDate }, actor, today);
      messages.push(...change.created);
      mergeEffects(effects, change.effects);
    }
  }
  return { counts, messages, effects };
}

interface NewEnrollment { personId: string; planId: string; familyMemberId: string | null; startDate: string; endDate: string | null }

/**
 * New enrollments through one `COPY … FROM STDIN` in the transaction (a bulk load of every
 * enrollment an employer's suppliers already know runs to hundreds of thousands of rows), with
 * their ids made here so that the messages of a changes import can refer to them. Values are
 * uuids, ISO dates and a fixed source: nothing COPY's text format would need to escape.
 */
async function copyEnrollments(tx: Tx, rows: NewEnrollment[], source: 'initial_import' | 'change_import'): Promise<string[]> {
  if (!rows.length) return [];
  const ids = rows.map(() => randomUUID());
  const client = transactionClient(tx);
  function* batches() {
    for (let at = 0; at < rows.length; at += 10_000) {
      yield rows.slice(at, at + 10_000).map((r, i) =>
        `${ids[at + i]}\t${r.personId}\t${r.planId}\t${r.familyMemberId ?? '\\N'}\t${r.startDate}\t${r.endDate ?? '\\N'}\t${source}\n`).join('');
    }
  }
  await copyBatches(client, 'copy enrollments (id, person_id, plan_id, family_member_id, start_date, end_date, source) from stdin', batches(), 'enrollment import stopped');
  return ids;
}

export const isProblems = (o: { problems: FileProblem[] } | ImportOutcome): o is { problems: FileProblem[] } => 'problems' in o;
