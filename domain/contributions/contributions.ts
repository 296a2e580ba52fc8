/**
 * Personal contributions (persoonlijke afhouding): what payroll deducts from each person per plan
 * in a period, retroactive corrections included. Pure: the activity loads the people, their
 * coverage and what earlier contribution files already deducted; this decides every line.
 *
 * The rules (docs/benefits.md, "Contributions"):
 * - A month's premium comes from the plan's formula (premium-formula.ts) with the values that
 *   apply in that month: the salary (and work time) of the latest change whose date falls on or
 *   before the month's last day — a salary change applies to its whole month, from that month on;
 *   the age on the month's first day; the partners and children covered on any day of the month.
 * - Joining or leaving within a month (enrollment start or end, or the person's exit date): the
 *   month's total and the employee's share each × calendar days covered / days in the month,
 *   rounded half up; the employer's share is the rest. That is how Dutch (kalenderdagenmethode) and Belgian payrolls
 *   pay an incomplete month, so the deduction follows the salary it is deducted from.
 * - Retroactive: every month from `period − retroMonths` (never before `firstPeriod`, the first
 *   month contributions were run for the employer) up to the period is recomputed with today's
 *   data and compared with what earlier files deducted for that month; a difference is a line for
 *   that month: a catch-up (nothing was deducted), a refund (nothing is due any more; negative), a
 *   salary change or another recalculation. Equal months give no line.
 * - A formula that cannot be evaluated (no salary, no birth date, an age outside the bands) gives
 *   a finding on the person for those months and no line: never a silent zero on the file.
 */
import { addPeriods, dayNumber, periodBounds } from '../shared/calendar';
import { type Premium, type PremiumFormula, PremiumInputError, computePremium, mulDivHalfUp } from './premium-formula';

export const CONTRIBUTION_REASONS = ['monthly', 'partial_month', 'catch_up', 'refund', 'salary_change', 'recalculation'] as const;
export type ContributionReason = (typeof CONTRIBUTION_REASONS)[number];

/** What each line's reason says on the file and in the UI. */
export const REASON_LABELS: Record<ContributionReason, { nl: string; fr: string; en: string }> = {
  monthly: { nl: 'Maandelijkse bijdrage', fr: 'Cotisation mensuelle', en: 'Monthly contribution' },
  partial_month: { nl: 'Bijdrage gedeeltelijke maand (in/uit dienst of aansluiting)', fr: 'Cotisation mois partiel (entrée/sortie ou affiliation)', en: 'Partial month contribution (joining or leaving)' },
  catch_up: { nl: 'Inhaalbijdrage: aansluiting met terugwerkende kracht', fr: 'Rattrapage : affiliation rétroactive', en: 'Catch-up: enrollment started in a past month' },
  refund: { nl: 'Terugbetaling: aansluiting beëindigd', fr: 'Remboursement : affiliation terminée', en: 'Refund: enrollment ended' },
  salary_change: { nl: 'Correctie: salariswijziging', fr: 'Correction : changement de salaire', en: 'Correction: salary change' },
  recalculation: { nl: 'Correctie: herberekening (arbeidsduur, gezin, leeftijd)', fr: 'Correction : recalcul (temps de travail, famille, âge)', en: 'Correction: recalculation (work time, family, age)' },
};

export type ContributionLanguage = 'nl' | 'fr' | 'en';

export interface ContributionPlan {
  planId: string;
  payCode: string;
  formula: PremiumFormula;
}

/** A value and the first day it applies; a list is sorted by `from`. */
export interface DatedValue<T> {
  from: string;
  value: T;
}

export interface ContributionPerson {
  personId: string;
  employeeNumber: string;
  birthDate: string | null;
  exitDate: string | null;
  salaryCents: DatedValue<number | null>[];
  workSchedulePercent: DatedValue<number | null>[];
  /** Enrollments: the person's own (relation null) and family members' (partner, child). */
  coverage: { planId: string; relation: 'partner' | 'child' | null; startDate: string; endDate: string | null }[];
}

/** What earlier files deducted for a person, plan and month (summed over their lines). */
export interface Deducted {
  personId: string;
  planId: string;
  month: string;
  employeeCents: number;
  employerCents: number;
  /** The salary the last of those lines was computed on. */
  salaryCents: number | null;
}

export interface ContributionLine {
  personId: string;
  employeeNumber: string;
  planId: string;
  payCode: string;
  /** The month the amount is for (the file's period, or an earlier one for corrections). */
  month: string;
  /** Deducted from the person (negative: paid back). */
  employeeCents: number;
  employerCents: number;
  reason: ContributionReason;
  /** The basis of the month's amount, kept so a later month can tell a salary change. */
  salaryCents: number | null;
  coveredDays: number;
  daysInMonth: number;
}

export interface ContributionFinding {
  personId: string;
  employeeNumber: string;
  planId: string;
  field: PremiumInputError['field'];
  months: string[];
}

export interface ContributionRun {
  period: string;
  /** The first month contributions are computed for at this employer (nothing before it is corrected). */
  firstPeriod: string;
  /** How many months back a change is still corrected. */
  retroMonths: number;
  plans: readonly ContributionPlan[];
  persons: readonly ContributionPerson[];
  deducted: readonly Deducted[];
}

interface Month {
  period: string;
  from: string;
  fromDay: number;
  toDay: number;
  to: string;
  days: number;
}

/** The value in force in a month: the latest whose date is on or before the month's last day. */
function valueIn<T>(values: readonly DatedValue<T>[], to: string): T | null {
  let found: T | null = null;
  for (const v of values) {
    if (v.from <= to) found = v.value;
    else break;
  }
  return found;
}

/** Every line and finding of a period (see the rules above). */
export function computeContributions(run: ContributionRun): { lines: ContributionLine[]; findings: ContributionFinding[] } {
  const start = [addPeriods(run.period, -run.retroMonths), run.firstPeriod].sort()[1];
  const months: Month[] = [];
  for (let p = start; p <= run.period; p = addPeriods(p, 1)) {
    const { from, to } = periodBounds(p);
    const fromDay = dayNumber(from);
    const toDay = dayNumber(to);
    months.push({ period: p, from, to, fromDay, toDay, days: toDay - fromDay + 1 });
  }
  const plans = new Map(run.plans.map((p) => [p.planId, p]));
  // person → plan → what was deducted per month of the window (an array by month index: the
  // ledger holds a year of lines for every person, and this is built for each of them).
  const monthIndex = (period: string) => Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - (Number(start.slice(0, 4)) * 12 + Number(start.slice(5, 7)));
  const deducted = new Map<string, Map<string, (Deducted | undefined)[]>>();
  for (const d of run.deducted) {
    const i = monthIndex(d.month);
    if (i < 0 || i >= months.length || !plans.has(d.planId)) continue;
    const byPlan = deducted.get(d.personId) ?? deducted.set(d.personId, new Map()).get(d.personId)!;
    const byMonth = byPlan.get(d.planId) ?? byPlan.set(d.planId, new Array(months.length)).get(d.planId)!;
    byMonth[i] = d;
  }
  const lines: ContributionLine[] = [];
  const findings: ContributionFinding[] = [];
  for (const person of run.persons) {
    const exitDay = person.exitDate ? dayNumber(person.exitDate) : Infinity;
    const paid = deducted.get(person.personId);
    const planIds = new Set(paid?.keys());
    for (const c of person.coverage) if (plans.has(c.planId)) planIds.add(c.planId);
    for (const planId of planIds) {
      const plan = plans.get(planId)!;
      const own = person.coverage.filter((c) => c.planId === planId && c.relation === null)
        .map((c) => ({ from: dayNumber(c.startDate), to: Math.min(c.endDate ? dayNumber(c.endDate) : Infinity, exitDay) }));
      const members = person.coverage.filter((c) => c.planId === planId && c.relation !== null)
        .map((c) => ({ relation: c.relation, from: dayNumber(c.startDate), to: c.endDate ? dayNumber(c.endDate) : Infinity }));
      const paidMonths = paid?.get(planId);
      const failed = new Map<ContributionFinding['field'], string[]>();
      for (let mi = 0; mi < months.length; mi++) {
        const m = months[mi];
        let covered = 0;
        for (const o of own) covered += Math.max(0, Math.min(o.to, m.toDay) - Math.max(o.from, m.fromDay) + 1);
        covered = Math.min(covered, m.days);
        const before = paidMonths?.[mi];
        if (covered === 0 && !before) continue;
        let due: Premium | null = null;
        let salary: number | null = null;
        if (covered > 0) {
          salary = valueIn(person.salaryCents, m.to);
          let partners = 0;
          let children = 0;
          for (const f of members) {
            if (f.from > m.toDay || f.to < m.fromDay) continue;
            if (f.relation === 'partner') partners++;
            else children++;
          }
          try {
            const full = computePremium(plan.formula, {
              salaryCents: salary, workSchedulePercent: valueIn(person.workSchedulePercent, m.to), birthDate: person.birthDate, partners, children, asOf: m.from,
            });
            due = covered === m.days ? full : prorate(full, covered, m.days);
          } catch (err) {
            if (!(err instanceof PremiumInputError)) throw err;
            const list = failed.get(err.field) ?? failed.set(err.field, []).get(err.field)!;
            list.push(m.period);
            continue;
          }
        }
        const employeeCents = (due?.employeeCents ?? 0) - (before?.employeeCents ?? 0);
        const employerCents = (due?.employerCents ?? 0) - (before?.employerCents ?? 0);
        if (employeeCents === 0 && employerCents === 0) continue;
        let reason: ContributionReason;
        if (!before) reason = m.period === run.period ? (covered === m.days ? 'monthly' : 'partial_month') : 'catch_up';
        else if (!due) reason = 'refund';
        else reason = before.salaryCents !== salary ? 'salary_change' : 'recalculation';
        lines.push({
          personId: person.personId, employeeNumber: person.employeeNumber, planId, payCode: plan.payCode, month: m.period,
          employeeCents, employerCents, reason, salaryCents: salary, coveredDays: covered, daysInMonth: m.days,
        });
      }
      for (const [field, list] of failed) findings.push({ personId: person.personId, employeeNumber: person.employeeNumber, planId, field, months: list });
    }
  }
  lines.sort((a, b) => cmp(a.employeeNumber, b.employeeNumber) || cmp(a.payCode, b.payCode) || cmp(a.month, b.month));
  return { lines, findings };
}

/** A partial month: the total and the employee's share each × days / days in the month (half up); the employer the rest. */
function prorate(full: Premium, days: number, daysInMonth: number): Premium {
  const totalCents = mulDivHalfUp(full.totalCents, days, daysInMonth);
  const employeeCents = mulDivHalfUp(full.employeeCents, days, daysInMonth);
  return { totalCents, employeeCents, employerCents: totalCents - employeeCents };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Exact cents from a payroll decimal ("4321.98", "-12.5"): no binary floating point; a third
 * decimal and beyond round half up. Null for anything that is not a plain decimal.
 */
export function decimalToCents(text: string | null | undefined): number | null {
  const m = /^\s*(-?)(\d+)(?:[.,](\d*))?\s*$/.exec(text ?? '');
  if (!m) return null;
  const fraction = (m[3] ?? '').padEnd(3, '0');
  const cents = Number(m[2]) * 100 + Number(fraction.slice(0, 2)) + (Number(fraction[2]) >= 5 ? 1 : 0);
  return m[1] ? -cents : cents;
}

export interface VersionDifference {
  employeeNumber: string;
  payCode: string;
  month: string;
  reason: ContributionReason;
  /** Null: the line is new in this version (or, for `newCents`, gone from it). */
  oldCents: number | null;
  newCents: number | null;
}

/**
 * How a new version of a period's file differs from the version before it, line by line
 * (person, pay code, month, reason): added, removed, or a different amount. Empty: the same file.
 */
export function versionDifferences(previous: readonly ContributionLine[], current: readonly ContributionLine[]): VersionDifference[] {
  const k = (l: ContributionLine) => `${l.employeeNumber}|${l.payCode}|${l.month}|${l.reason}`;
  const before = new Map(previous.map((l) => [k(l), l]));
  const out: VersionDifference[] = [];
  for (const l of current) {
    const old = before.get(k(l));
    before.delete(k(l));
    if (old && old.employeeCents === l.employeeCents && old.employerCents === l.employerCents) continue;
    out.push({ employeeNumber: l.employeeNumber, payCode: l.payCode, month: l.month, reason: l.reason, oldCents: old ? old.employeeCents : null, newCents: l.employeeCents });
  }
  for (const l of before.values()) out.push({ employeeNumber: l.employeeNumber, payCode: l.payCode, month: l.month, reason: l.reason, oldCents: l.employeeCents, newCents: null });
  return out.sort((a, b) => cmp(a.employeeNumber, b.employeeNumber) || cmp(a.payCode, b.payCode) || cmp(a.month, b.month));
}
