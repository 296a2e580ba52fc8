import { DEFAULT_RULES, declarationSchedule } from '../../../domain/accidents/deadlines';
import { localDate, localInstant } from '../../../domain/shared/calendar';

const BE = DEFAULT_RULES.BE;
const at = (iso: string) => Date.parse(iso);

describe('work-accident declaration deadline (Belgium: 8 calendar days from the day after)', () => {
  it('an accident on Monday 2 November 2026 must be declared by Tuesday 10 November, reminded on days 3 and 6', () => {
    const s = declarationSchedule(at('2026-11-02T10:15:00+01:00'), BE);
    expect(s.startDate).toBe('2026-11-02');
    expect(s.deadlineDate).toBe('2026-11-10');
    expect(new Date(s.deadlineAt).toISOString()).toBe('2026-11-10T23:00:00.000Z');
    expect(s.reminders.map((r) => [r.day, new Date(r.at).toISOString()])).toEqual([
      [3, '2026-11-05T08:00:00.000Z'], [6, '2026-11-08T08:00:00.000Z'],
    ]);
  });

  it('late on a Friday counts from Saturday, whatever the hour; just after midnight local is already Saturday', () => {
    const friday = declarationSchedule(at('2026-11-06T23:45:00+01:00'), BE);
    expect(friday.deadlineDate).toBe('2026-11-14');
    // 00:30 on Saturday in Brussels is still Friday in UTC: the local day decides.
    const saturday = declarationSchedule(at('2026-11-07T00:30:00+01:00'), BE);
    expect(saturday.startDate).toBe('2026-11-07');
    expect(saturday.deadlineDate).toBe('2026-11-15');
  });

  it('a minor accident that turns out worse runs from the day the employer learned of it', () => {
    const s = declarationSchedule(at('2026-10-01T14:00:00+02:00'), BE, at('2026-10-20T11:00:00+02:00'));
    expect(s.startDate).toBe('2026-10-20');
    expect(s.deadlineDate).toBe('2026-10-28');
  });

  it('crosses the change to winter time without losing an hour', () => {
    const s = declarationSchedule(at('2026-10-22T09:00:00+02:00'), BE);
    expect(s.deadlineDate).toBe('2026-10-30');
    expect(new Date(s.deadlineAt).toISOString()).toBe('2026-10-30T23:00:00.000Z');
    expect(new Date(s.reminders[0].at).toISOString()).toBe('2026-10-25T08:00:00.000Z'); // 09:00 CET, the day DST ended
  });

  it('local dates and instants in a time zone', () => {
    expect(localDate(at('2026-11-06T23:30:00Z'), 'Europe/Brussels')).toBe('2026-11-07');
    expect(new Date(localInstant('2026-07-01', 9, 0, 'Europe/Amsterdam')).toISOString()).toBe('2026-07-01T07:00:00.000Z');
  });
});
