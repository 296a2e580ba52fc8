import { DEFAULT_RULES } from '../../../domain/accidents/deadlines';
import { localInstant } from '../../../domain/shared/calendar';
import type { CaseFacts} from '../../../domain/accidents/plan';
import { obsoleteTasks, planCase } from '../../../domain/accidents/plan';
import { daysOff, isMinor } from '../../../domain/accidents/case';

const BE = DEFAULT_RULES.BE;
const at = (date: string, h: number, m = 0) => localInstant(date, h, m, BE.timeZone);

const facts = (over: Partial<CaseFacts> = {}): CaseFacts => ({
  status: 'open', occurredAt: at('2026-03-06', 23, 30), learnedAt: null, rule: BE, incapacityFrom: null, workResumedOn: null, fatal: false,
  done: [], sickNotes: [], sickNoteRemindDays: 3, paidPeriods: [], paymentDueDay: 15, openTasks: 0, ...over,
});

describe('planCase: the declaration term', () => {
  it('an accident late on a Friday: reminders on day 3 and 6 at 09:00 Brussels time, overdue when Saturday the 14th ends', () => {
    const plan = planCase(facts());
    expect(plan.deadlineDate).toBe('2026-03-14');
    expect(plan.steps).toEqual([
      { kind: 'declaration_reminder', key: '3', at: at('2026-03-09', 9) },
      { kind: 'declaration_reminder', key: '6', at: at('2026-03-12', 9) },
      { kind: 'declaration_overdue', key: 'deadline', at: at('2026-03-15', 0) },
    ]);
  });

  it('steps on record are not planned again; a declared case has none of them', () => {
    expect(planCase(facts({ done: ['declaration_reminder:3'] })).steps.map((s) => s.key)).toEqual(['6', 'deadline']);
    expect(planCase(facts({ status: 'declared' })).steps).toEqual([]);
  });

  it('a minor accident that worsened runs from the day the employer learned of it', () => {
    const plan = planCase(facts({ occurredAt: at('2026-03-02', 10), learnedAt: at('2026-03-20', 16) }));
    expect(plan.deadlineDate).toBe('2026-03-28');
    expect(plan.steps[0]).toEqual({ kind: 'declaration_reminder', key: '3', at: at('2026-03-23', 9) });
  });
});

describe('planCase: follow-up', () => {
  it('a sick note is reminded N days before its last day; an extension replaces it; the return to work ends it', () => {
    const notes = [{ documentId: 'a', validUntil: '2026-04-10' }];
    expect(planCase(facts({ status: 'declared', incapacityFrom: '2026-03-07', sickNotes: notes })).steps[0])
      .toEqual({ kind: 'sick_note_ending', key: 'a', at: at('2026-04-07', 9) });
    const extended = planCase(facts({ status: 'declared', incapacityFrom: '2026-03-07', sickNotes: [...notes, { documentId: 'b', validUntil: '2026-04-30' }] }));
    expect(extended.steps.filter((s) => s.kind === 'sick_note_ending').map((s) => s.key)).toEqual(['b']);
    expect(planCase(facts({ status: 'declared', incapacityFrom: '2026-03-07', workResumedOn: '2026-04-01', sickNotes: notes })).steps.filter((s) => s.kind === 'sick_note_ending')).toEqual([]);
  });

  it('the allowance of each month off is expected by the due day of the next month, once declared; paid or checked months are skipped', () => {
    expect(planCase(facts({ incapacityFrom: '2026-03-07' })).steps.some((s) => s.kind === 'payment_check')).toBe(false);
    const declared = facts({ status: 'declared', incapacityFrom: '2026-03-07' });
    expect(planCase(declared).steps).toEqual([{ kind: 'payment_check', key: '2026-03', at: at('2026-04-15', 9) }]);
    expect(planCase({ ...declared, paidPeriods: ['2026-03'], done: ['payment_check:2026-04'] }).steps).toEqual([{ kind: 'payment_check', key: '2026-05', at: at('2026-06-15', 9) }]);
    // Back at work on 1 May: April is the last month off.
    expect(planCase({ ...declared, workResumedOn: '2026-05-01', paidPeriods: ['2026-03', '2026-04'] }).steps).toEqual([]);
  });

  it('names what keeps a case open, and nothing once it is settled', () => {
    expect(planCase(facts({ incapacityFrom: '2026-03-07', openTasks: 1 })).closeBlockers)
      .toEqual(['the accident is not declared yet', 'work has not resumed', '1 open task']);
    const resumed = facts({ status: 'declared', incapacityFrom: '2026-03-07', workResumedOn: '2026-05-01' });
    expect(planCase({ ...resumed, paidPeriods: ['2026-03'] }).closeBlockers).toEqual(['no allowance payment recorded for 2026-04']);
    expect(planCase({ ...resumed, paidPeriods: ['2026-03'], done: ['payment_settled:2026-04'] }).closeBlockers).toEqual([]);
    expect(planCase(facts({ status: 'declared' })).closeBlockers).toEqual([]);
  });
});

describe('obsoleteTasks: what nothing waits for any more', () => {
  const open = [
    { id: 'declare', kind: 'declare_accident', subject: {} },
    { id: 'note-a', kind: 'accident_sick_note_ending', subject: { documentId: 'a' } },
    { id: 'pay-03', kind: 'accident_payment_check', subject: { period: '2026-03' } },
    { id: 'other', kind: 'review_finding', subject: {} },
  ];
  const notes = [{ documentId: 'a', validUntil: '2026-04-10' }];

  it('keeps every task of an open case that still waits', () => {
    expect(obsoleteTasks(facts({ sickNotes: notes }), open)).toEqual([]);
  });

  it('the declaration once declared, a sick note once extended, a payment check once paid', () => {
    const declared = facts({ status: 'declared', sickNotes: [...notes, { documentId: 'b', validUntil: '2026-04-30' }], paidPeriods: ['2026-03'] });
    expect(obsoleteTasks(declared, open)).toEqual(['declare', 'note-a', 'pay-03']);
  });

  it('every sick note task once work resumed', () => {
    expect(obsoleteTasks(facts({ status: 'declared', sickNotes: notes, workResumedOn: '2026-04-01' }), open)).toEqual(['declare', 'note-a']);
  });
});

describe('accident rules', () => {
  it('minor: first aid only, no incapacity, no wage loss', () => {
    expect(isMinor({ incapacityFrom: null, wageLoss: false, medicalCare: false, fatal: false })).toBe(true);
    expect(isMinor({ incapacityFrom: '2026-03-07', wageLoss: false, medicalCare: false, fatal: false })).toBe(false);
    expect(isMinor({ incapacityFrom: null, wageLoss: false, medicalCare: true, fatal: false })).toBe(false);
  });

  it('days off: from the first day off to the day before work resumed', () => {
    expect(daysOff('2026-03-07', '2026-03-10', '2026-12-31')).toBe(3);
    expect(daysOff('2026-03-07', '2026-03-07', '2026-12-31')).toBe(0);
    expect(daysOff('2026-03-07', null, '2026-03-09')).toBe(3);
    expect(daysOff(null, null, '2026-03-09')).toBe(0);
  });
});
