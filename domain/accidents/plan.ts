/**
 * What an accident case still has to do, and when. Pure: the case's facts as the
 * database holds them in, the next steps with their instants out. The `accidentCase` workflow
 * sleeps until the earliest step (or until something changes) and asks again — so a step is done
 * exactly when its record exists, whatever restarts happened in between.
 */
import { addDays, localInstant } from '../shared/calendar';
import type { DeclarationRule} from './deadlines';
import { declarationSchedule } from './deadlines';
import type { AccidentStatus } from './status';

export type CaseStepKind = 'declaration_reminder' | 'declaration_overdue' | 'sick_note_ending' | 'payment_check';

export interface CaseStep {
  kind: CaseStepKind;
  /** The reminder day, the sick note's document id, or the payment's period. */
  key: string;
  at: number;
}

export interface CaseFacts {
  status: AccidentStatus;
  occurredAt: number;
  learnedAt: number | null;
  rule: DeclarationRule;
  incapacityFrom: string | null;
  workResumedOn: string | null;
  fatal: boolean;
  /** Steps already on record (events), as `kind:key`. */
  done: string[];
  sickNotes: { documentId: string; validUntil: string }[];
  sickNoteRemindDays: number;
  /** Periods (yyyy-mm) with an allowance payment on record. */
  paidPeriods: string[];
  paymentDueDay: number;
  openTasks: number;
}

export interface CasePlan {
  status: CaseFacts['status'];
  deadlineDate: string;
  deadlineAt: number;
  /** Pending steps, earliest first. */
  steps: CaseStep[];
  /** Why the case cannot be closed yet (empty: it can). */
  closeBlockers: string[];
}

const nextPeriod = (period: string) => {
  const [y, m] = period.split('-').map(Number);
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/** Months of incapacity an allowance is expected for: from the first to the last day off (open-ended: none last). */
function lastPeriodOff(facts: CaseFacts): string | null {
  if (!facts.workResumedOn) return null;
  // Back the same day: no day off, so no month before the first one is expected either.
  if (facts.incapacityFrom && facts.workResumedOn <= facts.incapacityFrom) return '0000-00';
  return addDays(facts.workResumedOn, -1).slice(0, 7);
}

/**
 * Months off with neither a payment nor an acknowledged payment check (`payment_settled:<period>`,
 * e.g. the insurer refused the claim): a case is not settled while one remains.
 */
function unsettledPeriods(facts: CaseFacts): string[] {
  if (!facts.incapacityFrom || !facts.workResumedOn || facts.fatal || facts.status !== 'declared') return [];
  const last = lastPeriodOff(facts)!;
  const paid = new Set(facts.paidPeriods);
  const done = new Set(facts.done);
  const out: string[] = [];
  for (let p = facts.incapacityFrom.slice(0, 7), n = 0; p <= last && n < 240; p = nextPeriod(p), n++) {
    if (!paid.has(p) && !done.has(`payment_settled:${p}`)) out.push(p);
  }
  return out;
}

/** The last day of the latest sick note ('' without one): an earlier note is extended by it. */
const latestSickNoteEnd = (facts: CaseFacts) => facts.sickNotes.reduce((m, n) => (n.validUntil > m ? n.validUntil : m), '');

export interface OpenCaseTask {
  id: string;
  kind: string;
  subject: { documentId?: string; period?: string };
}

/**
 * Open tasks nothing waits for any more: the declaration once declared; a sick note extended by
 * a later one or ended by the return to work; a payment check whose payment arrived.
 */
export function obsoleteTasks(facts: CaseFacts, open: OpenCaseTask[]): string[] {
  const latest = latestSickNoteEnd(facts);
  const paid = new Set(facts.paidPeriods);
  return open.filter((t) => {
    if (t.kind === 'declare_accident') return facts.status !== 'open';
    if (t.kind === 'accident_sick_note_ending') {
      const note = facts.sickNotes.find((n) => n.documentId === t.subject.documentId);
      return Boolean(facts.workResumedOn) || !note || note.validUntil < latest;
    }
    if (t.kind === 'accident_payment_check') return paid.has(t.subject.period ?? '');
    return false;
  }).map((t) => t.id);
}

/** The close blocker of a victim still off work (a health fact: see health-facts.ts). */
export const WORK_NOT_RESUMED = 'work has not resumed';

export function planCase(facts: CaseFacts): CasePlan {
  const schedule = declarationSchedule(facts.occurredAt, facts.rule, facts.learnedAt ?? undefined);
  const done = new Set(facts.done);
  const steps: CaseStep[] = [];
  const declared = facts.status === 'declared' || facts.status === 'closed';
  const live = facts.status !== 'closed' && facts.status !== 'first_aid';

  if (live && !declared) {
    for (const r of schedule.reminders) {
      if (!done.has(`declaration_reminder:${r.day}`)) steps.push({ kind: 'declaration_reminder', key: String(r.day), at: r.at });
    }
    if (!done.has('declaration_overdue:deadline')) steps.push({ kind: 'declaration_overdue', key: 'deadline', at: schedule.deadlineAt });
  }

  if (live && !facts.workResumedOn) {
    const latest = latestSickNoteEnd(facts);
    for (const note of facts.sickNotes) {
      // An extension (a later sick note) makes the earlier one's end moot.
      if (note.validUntil < latest || done.has(`sick_note_ending:${note.documentId}`)) continue;
      steps.push({ kind: 'sick_note_ending', key: note.documentId, at: localInstant(addDays(note.validUntil, -facts.sickNoteRemindDays), facts.rule.reminderHour, 0, facts.rule.timeZone) });
    }
  }

  // The insurer pays the allowance monthly once the case is declared: each month off is due by
  // the due day of the next month. Only the first month not paid and not yet checked is a step.
  if (live && declared && facts.incapacityFrom && !facts.fatal) {
    const paid = new Set(facts.paidPeriods);
    const last = lastPeriodOff(facts);
    for (let p = facts.incapacityFrom.slice(0, 7), n = 0; (last === null || p <= last) && n < 240; p = nextPeriod(p), n++) {
      if (paid.has(p) || done.has(`payment_check:${p}`)) continue;
      const due = `${nextPeriod(p)}-${String(facts.paymentDueDay).padStart(2, '0')}`;
      steps.push({ kind: 'payment_check', key: p, at: localInstant(due, facts.rule.reminderHour, 0, facts.rule.timeZone) });
      break;
    }
  }

  const closeBlockers: string[] = [];
  if (facts.status === 'closed') closeBlockers.push('the case is closed already');
  if (facts.status === 'open') closeBlockers.push('the accident is not declared yet');
  if (facts.incapacityFrom && !facts.workResumedOn && !facts.fatal) closeBlockers.push(WORK_NOT_RESUMED);
  const unsettled = unsettledPeriods(facts);
  if (unsettled.length) closeBlockers.push(`no allowance payment recorded for ${unsettled.join(', ')}`);
  if (facts.openTasks > 0) closeBlockers.push(`${facts.openTasks} open task${facts.openTasks === 1 ? '' : 's'}`);

  steps.sort((a, b) => a.at - b.at || a.kind.localeCompare(b.kind));
  return { status: facts.status, deadlineDate: schedule.deadlineDate, deadlineAt: schedule.deadlineAt, steps, closeBlockers };
}
