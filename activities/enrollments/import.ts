/**
 * Applies an enrollment file to an employer, all or nothing, inside the caller's transaction.
 * `initial`: the first load of what suppliers already know — no messages.
 * `changes`: each new enrollment gets an enrollment message, each row that ends an open
 * enrollment a termination message, and a corrected end date re-sends what was sent.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { DataChangeEffects, MessageRow, Tx } from '../../../db/queries/messages';
import { employerSuppliers, enrollments, familyMembers, persons, plans } from '../../../db/schema';
import { EnrollmentRow, applyEnrollmentChange, createMessagesFor, mergeEffects, noEffects, overlaps } from './changes';
import { EnrollmentCsvRow, FileProblem } from './csv';

export type ImportMode = 'initial' | 'changes';

export interface ImportOutcome {
  counts: { created: number; ended: number; updated: number; unchanged: number };
  messages: MessageRow[];
  effects: DataChangeEffects;
}

const chunks = <T>(items: T[], size = 1000): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

const groupKey = (personId: string, familyMemberId: string | null, planId: string) => `${personId}|${familyMemberId ?? ''}|${planId}`;

/**
 * `rows` are the rows that read well; `problems` what the reading found in the others — both are
 * reported together, so that one answer lists everything wrong with the file.
 */
export async function importEnrollments(
  tx: Tx, employerId: string, file: { rows: EnrollmentCsvRow[]; problems: FileProblem[]; header: (c: string) => string },
  mode: ImportMode, actor: string, today: string,
): Promise<{ problems: FileProblem[] } | ImportOutcome> {
  const { rows, header } = file;
  // One enrollment import per employer at a time: the checks below must see what the writes change.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`enrollment-import:${employerId}`}, 0))`);

  const people = new Map((await tx.select({ id: persons.id, employeeNumber: persons.employeeNumber }).from(persons)
    .where(eq(persons.employerId, employerId))).map((p) => [p.employeeNumber, p.id]));

  const planIds = [...new Set(rows.flatMap((r) => (r.planId ? [r.planId] : [])))];
  const planCodes = [...new Set(rows.flatMap((r) => (!r.planId && r.planCode ? [r.planCode] : [])))];
  const knownPlanIds = new Set<string>();
  for (const ids of chunks(planIds)) (await tx.select({ id: plans.id }).from(plans).where(inArray(plans.id, ids))).forEach((p) => knownPlanIds.add(p.id));
  const linked = new Set((await tx.select({ supplierId: employerSuppliers.supplierId }).from(employerSuppliers)
    .where(eq(employerSuppliers.employerId, employerId))).map((l) => l.supplierId));
  const byCode = new Map<string, { id: string; supplierId: string }[]>();
  for (const codes of chunks(planCodes)) {
    for (const p of await tx.select({ id: plans.id, code: plans.code, supplierId: plans.supplierId }).from(plans).where(inArray(plans.code, codes))) {
      byCode.set(p.code!, [...(byCode.get(p.code!) ?? []), p]);
    }
  }
  /** A code names one plan; when suppliers share a code, the one linked to the employer. */
  const resolveCode = (code: string): { id: string } | 'unknown' | 'ambiguous' => {
    const candidates = byCode.get(code) ?? [];
    if (candidates.length === 1) return candidates[0];
    if (!candidates.length) return 'unknown';
    const ofLinked = candidates.filter((p) => linked.has(p.supplierId));
    return ofLinked.length === 1 ? ofLinked[0] : 'ambiguous';
  };

  const fmIds = [...new Set(rows.flatMap((r) => (r.familyMemberId ? [r.familyMemberId] : [])))];
  const fmOwner = new Map<string, string>();
  for (const ids of chunks(fmIds)) {
    (await tx.select({ id: familyMembers.id, personId: familyMembers.personId }).from(familyMembers).where(inArray(familyMembers.id, ids)))
      .forEach((f) => fmOwner.set(f.id, f.personId));
  }

  const existing = (await tx.select({ e: enrollments }).from(enrollments).innerJoin(persons, eq(persons.id, enrollments.personId))
    .where(eq(persons.employerId, employerId))).map((r) => r.e);
  const existingByStart = new Map<string, EnrollmentRow>();
  for (const e of existing) existingByStart.set(`${groupKey(e.personId, e.familyMemberId, e.planId)}|${e.startDate}`, e);

  const problems: FileProblem[] = [...file.problems];
  const problem = (row: number, column: string, code: string, message: string) => problems.push({ row, column: header(column), code, message });
  type Resolved = { row: EnrollmentCsvRow; personId: string; planId: string; match: EnrollmentRow | null };
  const resolved: Resolved[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const personId = people.get(r.employeeNumber);
    if (!personId) problem(r.row, 'employeeNumber', 'unknown_employee', 'no person with this employee number at this employer');
    let planId: string | null = null;
    if (r.planId) {
      if (knownPlanIds.has(r.planId)) planId = r.planId;
      else problem(r.row, 'planId', 'unknown_plan', 'no plan with this id');
    } else if (r.planCode) {
      const found = resolveCode(r.planCode);
      if (found === 'unknown') problem(r.row, 'planCode', 'unknown_plan', 'no plan with this code');
      else if (found === 'ambiguous') problem(r.row, 'planCode', 'ambiguous_plan', 'several suppliers have a plan with this code; use planId');
      else planId = found.id;
    }
    if (r.familyMemberId && personId && fmOwner.get(r.familyMemberId) !== personId) {
      problem(r.row, 'familyMemberId', 'unknown_family_member', 'not a family member of this employee');
    }
    if (!personId || !planId || (r.familyMemberId && fmOwner.get(r.familyMemberId) !== personId)) continue;
    const key = `${groupKey(personId, r.familyMemberId, planId)}|${r.startDate}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problem(r.row, 'startDate', 'duplicate_row', `the same enrollment (employee, plan, start date) is already on row ${first}`);
      continue;
    }
    seen.set(key, r.row);
    resolved.push({ row: r, personId, planId, match: existingByStart.get(key) ?? null });
  }

  // The enrollments as they would stand: no two of a person (or family member) in one plan may overlap.
  type Span = { startDate: string; endDate: string | null; row: number | null };
  const spans = new Map<string, Span[]>();
  const add = (key: string, s: Span) => spans.set(key, [...(spans.get(key) ?? []), s]);
  const touched = new Map<string, Resolved>();
  for (const r of resolved) if (r.match) touched.set(r.match.id, r);
  for (const e of existing) {
    const r = touched.get(e.id);
    const endDate = r?.row.endDate ?? e.endDate;
    add(groupKey(e.personId, e.familyMemberId, e.planId), { startDate: e.startDate, endDate, row: r && endDate !== e.endDate ? r.row.row : null });
  }
  for (const r of resolved) {
    if (!r.match) add(groupKey(r.personId, r.row.familyMemberId, r.planId), { startDate: r.row.startDate, endDate: r.row.endDate, row: r.row.row });
  }
  for (const list of spans.values()) {
    list.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].startDate <= (list[i].endDate ?? '9999-12-31'); j++) {
        const [a, b] = [list[i], list[j]];
        if (!overlaps(a, b) || (a.row === null && b.row === null)) continue;
        const at = b.row ?? a.row!;
        const other = b.row === null || a.row === null ? 'an existing enrollment' : `row ${Math.min(a.row, b.row)}`;
        problem(at, at === a.row && a.row !== b.row ? 'endDate' : 'startDate', 'overlapping_enrollment',
          `the enrollment would overlap ${other} of the same employee in the same plan`);
      }
    }
  }
  if (problems.length) {
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    return { problems };
  }

  const counts = { created: 0, ended: 0, updated: 0, unchanged: 0 };
  const messages: MessageRow[] = [];
  const effects = noEffects();
  const fresh = resolved.filter((r) => !r.match);
  const newIds: string[] = [];
  for (const batch of chunks(fresh, 500)) {
    const inserted = await tx.insert(enrollments).values(batch.map((r) => ({
      personId: r.personId, planId: r.planId, familyMemberId: r.row.familyMemberId, startDate: r.row.startDate, endDate: r.row.endDate,
      source: mode === 'initial' ? 'initial_import' as const : 'change_import' as const,
    }))).returning({ id: enrollments.id });
    newIds.push(...inserted.map((i) => i.id));
  }
  counts.created = newIds.length;
  if (mode === 'changes') messages.push(...await createMessagesFor(tx, newIds, 'enrollment', actor, today));

  for (const r of resolved) {
    if (!r.match) continue;
    const current = r.match;
    if (!r.row.endDate || r.row.endDate === current.endDate) {
      // A row without an end date never removes one.
      counts.unchanged++;
      continue;
    }
    if (current.endDate === null) counts.ended++;
    else counts.updated++;
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

export const isProblems = (o: { problems: FileProblem[] } | ImportOutcome): o is { problems: FileProblem[] } => 'problems' in o;
