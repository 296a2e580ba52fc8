import { daysBetween, periodBounds } from '../shared/calendar';
import type { PremiumFormula} from '../contributions/premium-formula';
import { computePremium, PremiumInputError } from '../contributions/premium-formula';
import type { MovementCodeTable} from './movement-codes';
import { movementMeaning } from './movement-codes';

/**
 * Premium bordereau reconciliation: an insurer's monthly statement against what we communicated
 * to that insurer (or, where nothing was sent, the current payroll data). Pure: the activity loads
 * both sides, this decides the differences.
 */

export type MemberRole = 'insured' | 'partner' | 'child';

/** The person data a bordereau line and our side both carry, and that are compared. */
interface ComparedData {
  firstName?: string | null;
  lastName?: string | null;
  birthDate?: string | null;
  salaryCents?: number | null;
  workSchedulePercent?: number | null;
  category?: string | null;
}

/** One line of the bordereau, already mapped (row is the 1-based file row, for the report). */
export interface BordereauLine extends ComparedData {
  row: number;
  nationalId: string;
  role: MemberRole;
  /** Identifies a family member under the insured: their own national id, or birth date + first name. */
  memberKey?: string | null;
  premiumCents?: number | null;
  movementCode?: string | null;
}

/** What we hold for one insured person as of the period. */
export interface ExpectedInsured extends ComparedData {
  nationalId: string;
  /** communicated: the values come from what was sent to the insurer; payroll: nothing was sent. */
  source: 'communicated' | 'payroll';
  /** The last day covered; a person whose guarantee ended before the period must not be billed. */
  endDate?: string | null;
  familyMembers?: { memberKey: string; role: 'partner' | 'child' }[];
  formula?: PremiumFormula | null;
}

export const COMMUNICATED_CHANGES = ['affiliation', 'work_time', 'salary', 'premium_basis', 'end_of_guarantee'] as const;
export type CommunicatedChange = (typeof COMMUNICATED_CHANGES)[number];

export interface BordereauContext {
  period: string;
  /** Days after the exit in which the insurer still corrects a billing without discussion. */
  correctionWindowDays: number;
  /** Whether any message or report line was ever sent to this insurer up to the period. */
  hasCommunication: boolean;
  codes: MovementCodeTable;
  /** Changes we communicated to this insurer during the period, per national id. */
  communicated: Map<string, Set<CommunicatedChange>>;
  /** Fingerprints of differences accepted on earlier runs. */
  accepted: Set<string>;
  /** Premium tolerance in cents (rounding differences between systems). */
  premiumToleranceCents?: number;
}

export const DIFFERENCE_KINDS = [
  'left_still_billed', 'billed_not_enrolled', 'enrolled_not_billed', 'family_member_billed_only',
  'family_member_enrolled_only', 'data_mismatch', 'premium_mismatch', 'unknown_movement_code',
  'change_not_communicated', 'communication_not_reflected',
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export const BORDEREAU_CHANGES = ['first_appearance', 'work_time_change', 'premium_change', 'end_of_guarantee'] as const;
export type BordereauChange = (typeof BORDEREAU_CHANGES)[number];
export const DATA_FIELDS = ['firstName', 'lastName', 'birthDate', 'salaryCents', 'workSchedulePercent', 'category', 'premiumCents'] as const;
export type DataField = (typeof DATA_FIELDS)[number];

export interface BordereauDifference {
  part: 'persons' | 'data' | 'changes';
  kind: DifferenceKind;
  nationalId: string;
  memberKey?: string;
  row?: number;
  field?: DataField;
  change?: BordereauChange | CommunicatedChange;
  billed?: string | number | null;
  expected?: string | number | null;
  /** left_still_billed: still inside the insurer's correction window. */
  withinCorrectionWindow?: boolean;
  /** Same kind, person, field and both values: an accepted difference recurs under the same print. */
  fingerprint: string;
  status: 'open' | 'recurring_accepted';
}

export type BordereauOutcome =
  | { status: 'no_communication'; period: string; lines: number }
  | { status: 'reconciled'; period: string; lines: number; differences: BordereauDifference[] };

const PART_ORDER = { persons: 0, data: 1, changes: 2 } as const;

function fingerprint(d: Omit<BordereauDifference, 'fingerprint' | 'status'>): string {
  return [d.kind, d.nationalId, d.memberKey ?? '', d.field ?? '', d.change ?? '', d.billed ?? '', d.expected ?? ''].join('|');
}

function norm(v: string | null | undefined): string {
  return (v ?? '').normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

export function reconcileBordereau(
  lines: readonly BordereauLine[],
  previous: readonly BordereauLine[] | null,
  expected: readonly ExpectedInsured[],
  ctx: BordereauContext,
): BordereauOutcome {
  if (!ctx.hasCommunication) return { status: 'no_communication', period: ctx.period, lines: lines.length };
  const { from } = periodBounds(ctx.period);
  const out: Omit<BordereauDifference, 'fingerprint' | 'status'>[] = [];
  const tolerance = ctx.premiumToleranceCents ?? 0;

  const insuredLines = new Map<string, BordereauLine>();
  const memberLines = new Map<string, BordereauLine[]>();
  for (const l of lines) {
    if (l.role === 'insured') insuredLines.set(l.nationalId, l);
    else (memberLines.get(l.nationalId) ?? memberLines.set(l.nationalId, []).get(l.nationalId)!).push(l);
    if (movementMeaning(ctx.codes, l.movementCode) === 'unknown') {
      out.push({ part: 'data', kind: 'unknown_movement_code', nationalId: l.nationalId, row: l.row, billed: l.movementCode ?? null });
    }
  }
  const previousInsured = new Map<string, BordereauLine>();
  for (const l of previous ?? []) if (l.role === 'insured') previousInsured.set(l.nationalId, l);
  const byId = new Map(expected.map((e) => [e.nationalId, e]));

  // 1. Persons.
  for (const [id, line] of insuredLines) {
    const e = byId.get(id);
    if (!e) {
      out.push({ part: 'persons', kind: 'billed_not_enrolled', nationalId: id, row: line.row, billed: line.premiumCents ?? null });
      continue;
    }
    if (e.endDate && e.endDate < from) {
      const within = daysBetween(e.endDate, from) <= ctx.correctionWindowDays;
      out.push({ part: 'persons', kind: 'left_still_billed', nationalId: id, row: line.row, billed: line.premiumCents ?? null, expected: e.endDate, withinCorrectionWindow: within });
      continue;
    }
    // Family members, hospitalisation: covered on one side only.
    const ours = new Set((e.familyMembers ?? []).map((m) => m.memberKey));
    const theirs = memberLines.get(id) ?? [];
    const theirKeys = new Set(theirs.map((m) => m.memberKey ?? ''));
    for (const m of theirs) if (!ours.has(m.memberKey ?? '')) out.push({ part: 'persons', kind: 'family_member_billed_only', nationalId: id, memberKey: m.memberKey ?? '', row: m.row, billed: m.premiumCents ?? null });
    for (const k of ours) if (!theirKeys.has(k)) out.push({ part: 'persons', kind: 'family_member_enrolled_only', nationalId: id, memberKey: k });

    // 2. Data per person.
    const textFields = ['firstName', 'lastName', 'birthDate', 'category'] as const;
    for (const f of textFields) {
      if (line[f] != null && e[f] != null && norm(line[f]) !== norm(e[f])) out.push({ part: 'data', kind: 'data_mismatch', nationalId: id, row: line.row, field: f, billed: line[f] ?? null, expected: e[f] ?? null });
    }
    for (const f of ['salaryCents', 'workSchedulePercent'] as const) {
      if (line[f] != null && e[f] != null && line[f] !== e[f]) out.push({ part: 'data', kind: 'data_mismatch', nationalId: id, row: line.row, field: f, billed: line[f] ?? null, expected: e[f] ?? null });
    }
    if (e.formula && line.premiumCents != null) {
      const partners = (e.familyMembers ?? []).filter((m) => m.role === 'partner').length;
      const children = (e.familyMembers ?? []).filter((m) => m.role === 'child').length;
      let want: number | null = null;
      try {
        want = computePremium(e.formula, { asOf: from, salaryCents: e.salaryCents, workSchedulePercent: e.workSchedulePercent, birthDate: e.birthDate, partners, children }).totalCents;
      } catch (err) {
        if (!(err instanceof PremiumInputError)) throw err;
      }
      const billedTotal = line.premiumCents + theirs.reduce((s, m) => s + (m.premiumCents ?? 0), 0);
      if (want !== null && Math.abs(billedTotal - want) > tolerance) out.push({ part: 'data', kind: 'premium_mismatch', nationalId: id, row: line.row, field: 'premiumCents', billed: billedTotal, expected: want });
    }
  }
  for (const e of expected) {
    if (insuredLines.has(e.nationalId)) continue;
    if (e.endDate && e.endDate < from) continue; // left and not billed: as it should be
    out.push({ part: 'persons', kind: 'enrolled_not_billed', nationalId: e.nationalId });
  }

  // 3. Changes on the bordereau against the previous one, each against what we communicated.
  if (previous) {
    const seenOnBordereau = new Map<string, Set<BordereauChange>>();
    const note = (id: string, c: BordereauChange) => (seenOnBordereau.get(id) ?? seenOnBordereau.set(id, new Set()).get(id)!).add(c);
    for (const [id, line] of insuredLines) {
      const before = previousInsured.get(id);
      const meaning = movementMeaning(ctx.codes, line.movementCode);
      if (!before) note(id, 'first_appearance');
      else {
        if (line.workSchedulePercent != null && before.workSchedulePercent != null && line.workSchedulePercent !== before.workSchedulePercent) note(id, 'work_time_change');
        if (line.premiumCents != null && before.premiumCents != null && line.premiumCents !== before.premiumCents && meaning !== 'annual_adjustment') note(id, 'premium_change');
      }
      if (meaning === 'end_of_guarantee' || meaning === 'exit' || meaning === 'death') note(id, 'end_of_guarantee');
    }
    for (const id of previousInsured.keys()) if (!insuredLines.has(id)) note(id, 'end_of_guarantee');

    const explains: Record<BordereauChange, CommunicatedChange[]> = {
      first_appearance: ['affiliation'],
      work_time_change: ['work_time'],
      premium_change: ['salary', 'work_time', 'premium_basis'],
      end_of_guarantee: ['end_of_guarantee'],
    };
    for (const [id, changes] of seenOnBordereau) {
      const ours = ctx.communicated.get(id) ?? new Set<CommunicatedChange>();
      for (const c of changes) {
        if (!explains[c].some((k) => ours.has(k))) out.push({ part: 'changes', kind: 'change_not_communicated', nationalId: id, row: insuredLines.get(id)?.row, change: c });
      }
    }
    const reflects: Record<CommunicatedChange, BordereauChange[]> = {
      affiliation: ['first_appearance'],
      work_time: ['work_time_change'],
      salary: ['premium_change'],
      premium_basis: ['premium_change'],
      end_of_guarantee: ['end_of_guarantee'],
    };
    for (const [id, ours] of ctx.communicated) {
      const theirs = seenOnBordereau.get(id) ?? new Set<BordereauChange>();
      for (const c of ours) {
        // A salary change under a salary-independent formula moves no premium: nothing to reflect.
        if (c === 'salary' && byId.get(id)?.formula?.kind !== 'percent_of_salary') continue;
        if (!reflects[c].some((k) => theirs.has(k))) out.push({ part: 'changes', kind: 'communication_not_reflected', nationalId: id, change: c });
      }
    }
  }

  const differences = out.map((d) => {
    const fp = fingerprint(d);
    return { ...d, fingerprint: fp, status: ctx.accepted.has(fp) ? ('recurring_accepted' as const) : ('open' as const) };
  });
  // People who left and are still billed first: money the employer gets back only within the window.
  differences.sort((a, b) =>
    (a.kind === 'left_still_billed' ? 0 : 1) - (b.kind === 'left_still_billed' ? 0 : 1)
    || PART_ORDER[a.part] - PART_ORDER[b.part]
    || (a.nationalId < b.nationalId ? -1 : a.nationalId > b.nationalId ? 1 : 0));
  return { status: 'reconciled', period: ctx.period, lines: lines.length, differences };
}

/** What "our data was wrong" sends the insurer: a change of these fields, or the enrollment's start or end again. */
export type CorrectionMessage =
  | { kind: 'change'; fields: string[]; member: boolean }
  | { kind: 'enrollment_state'; member: boolean };

const CANONICAL_OF: Record<DataField, string[]> = {
  firstName: ['firstName'], lastName: ['lastName'], birthDate: ['birthDate'], category: ['category'],
  salaryCents: ['grossMonthlySalary'], workSchedulePercent: ['workSchedulePercent'], premiumCents: ['grossMonthlySalary', 'workSchedulePercent'],
};

/**
 * The correction message a difference calls for once our data is put right: the fields to tell
 * again as a change, or the enrollment as it now stands (an enrollment or a termination, whichever
 * its end date says). Null where there is nobody of ours to write about (billed, never enrolled)
 * or nothing of ours was wrong (an unknown movement code is the insurer's).
 */
export function correctionFor(d: Pick<BordereauDifference, 'kind' | 'field' | 'change'>): CorrectionMessage | null {
  switch (d.kind) {
    case 'data_mismatch':
    case 'premium_mismatch':
      return d.field ? { kind: 'change', fields: CANONICAL_OF[d.field], member: false } : null;
    case 'left_still_billed':
    case 'enrolled_not_billed':
      return { kind: 'enrollment_state', member: false };
    case 'family_member_billed_only':
    case 'family_member_enrolled_only':
      return { kind: 'enrollment_state', member: true };
    case 'change_not_communicated':
    case 'communication_not_reflected':
      switch (d.change) {
        case 'first_appearance': case 'affiliation': case 'end_of_guarantee': return { kind: 'enrollment_state', member: false };
        case 'work_time_change': case 'work_time': return { kind: 'change', fields: ['workSchedulePercent'], member: false };
        case 'salary': return { kind: 'change', fields: ['grossMonthlySalary'], member: false };
        case 'premium_change': return { kind: 'change', fields: ['grossMonthlySalary', 'workSchedulePercent'], member: false };
        case 'premium_basis': return { kind: 'change', fields: ['birthDate', 'category'], member: false };
        default: return null;
      }
    case 'billed_not_enrolled':
    case 'unknown_movement_code':
      return null;
  }
}
