/**
 * Checks an enrollment file's rows against what the employer has: who and which plan each row
 * names, duplicates within the file, and whether the enrollments as they would stand overlap.
 * Pure: the caller looks everything up first.
 */
import type { EnrollmentCsvRow } from './csv';
import type { FileProblem } from './problems';
import { enrollmentGroupKey, overlaps, resolvePlanCode } from './rules';

/** An enrollment the employer already has. */
export interface ExistingEnrollment {
  id: string;
  personId: string;
  familyMemberId: string | null;
  planId: string;
  startDate: string;
  endDate: string | null;
}

export interface ImportLookups<E extends ExistingEnrollment> {
  /** The employer's people by employee number. */
  personByNumber: ReadonlyMap<string, string>;
  /** The plan ids the file names that exist. */
  knownPlanIds: ReadonlySet<string>;
  /** The plans of each code the file names. */
  plansByCode: ReadonlyMap<string, { id: string; supplierId: string }[]>;
  /** Suppliers linked to the employer: they decide between plans that share a code. */
  linkedSuppliers: ReadonlySet<string>;
  /** The person each family member the file names belongs to. */
  familyMemberOwner: ReadonlyMap<string, string>;
  existing: E[];
}

/** A row that names a known person and plan; `match` is the enrollment with its start date. */
export interface ResolvedRow<E extends ExistingEnrollment> {
  row: EnrollmentCsvRow;
  personId: string;
  planId: string;
  match: E | null;
}

/**
 * `file.problems` (what reading found) are reported with what this finds, so that one answer
 * lists everything wrong with the file; problems come sorted by row.
 */
export function checkImportRows<E extends ExistingEnrollment>(
  file: { rows: EnrollmentCsvRow[]; problems: FileProblem[]; header: (c: string) => string }, lookups: ImportLookups<E>,
): { problems: FileProblem[]; resolved: ResolvedRow<E>[] } {
  const { personByNumber, knownPlanIds, plansByCode, linkedSuppliers, familyMemberOwner, existing } = lookups;
  const existingByStart = new Map<string, E>();
  for (const e of existing) existingByStart.set(`${enrollmentGroupKey(e.personId, e.familyMemberId, e.planId)}|${e.startDate}`, e);

  const problems: FileProblem[] = [...file.problems];
  const problem = (row: number, column: string, code: string, message: string) => problems.push({ row, column: file.header(column), code, message });
  const resolved: ResolvedRow<E>[] = [];
  const seen = new Map<string, number>();
  for (const r of file.rows) {
    const personId = personByNumber.get(r.employeeNumber);
    if (!personId) problem(r.row, 'employeeNumber', 'unknown_employee', 'no person with this employee number at this employer');
    let planId: string | null = null;
    if (r.planId) {
      if (knownPlanIds.has(r.planId)) planId = r.planId;
      else problem(r.row, 'planId', 'unknown_plan', 'no plan with this id');
    } else if (r.planCode) {
      const found = resolvePlanCode(plansByCode.get(r.planCode) ?? [], linkedSuppliers);
      if (found === 'unknown') problem(r.row, 'planCode', 'unknown_plan', 'no plan with this code');
      else if (found === 'ambiguous') problem(r.row, 'planCode', 'ambiguous_plan', 'several suppliers have a plan with this code; use planId');
      else planId = found.id;
    }
    if (r.familyMemberId && personId && familyMemberOwner.get(r.familyMemberId) !== personId) {
      problem(r.row, 'familyMemberId', 'unknown_family_member', 'not a family member of this employee');
    }
    if (!personId || !planId || (r.familyMemberId && familyMemberOwner.get(r.familyMemberId) !== personId)) continue;
    const key = `${enrollmentGroupKey(personId, r.familyMemberId, planId)}|${r.startDate}`;
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
  const touched = new Map<string, ResolvedRow<E>>();
  for (const r of resolved) if (r.match) touched.set(r.match.id, r);
  for (const e of existing) {
    const r = touched.get(e.id);
    const endDate = r?.row.endDate ?? e.endDate;
    add(enrollmentGroupKey(e.personId, e.familyMemberId, e.planId), { startDate: e.startDate, endDate, row: r && endDate !== e.endDate ? r.row.row : null });
  }
  for (const r of resolved) {
    if (!r.match) add(enrollmentGroupKey(r.personId, r.row.familyMemberId, r.planId), { startDate: r.row.startDate, endDate: r.row.endDate, row: r.row.row });
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
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { problems, resolved };
}
