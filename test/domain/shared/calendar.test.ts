import { DEFAULT_RULES } from '../../../domain/accidents/deadlines';
import {
  DAY_MS, PERIOD_PATTERN, TIME_ZONES, addDays, cyclePeriodFor, dateOfDayNumber, dayNumber, dayStartMs, daysBetween, employerToday, isPeriod,
  addPeriods, localDate, localInstant, periodBounds, utcDate, workingDaysBefore,
} from '../../../domain/shared/calendar';

const utc = (iso: string) => Date.parse(iso);

describe('calendar days', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-25', -121, '2026-07-27'],
    ['2026-01-01', 365, '2027-01-01'],
    // Across the DST changes (last Sunday of March and of October): a date never moves an hour.
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 1, '2026-10-25'],
    ['2026-10-25', 1, '2026-10-26'],
    ['2026-10-26', -2, '2026-10-24'],
  ])('addDays(%s, %i) is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('counts whole days between dates, negative backwards, DST or not', () => {
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2028-01-01', '2028-12-31')).toBe(365);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2026-12-05', '2026-12-05')).toBe(0);
  });

  it('starts a day at UTC midnight and turns day numbers back into dates', () => {
    expect(dayStartMs('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(dayStartMs('2026-03-30') - dayStartMs('2026-03-29')).toBe(DAY_MS);
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dateOfDayNumber(dayNumber('2026-10-25'))).toBe('2026-10-25');
  });

  it('gives the UTC date of an instant', () => {
    expect(utcDate(utc('2026-02-28T23:30:00Z'))).toBe('2026-02-28');
    expect(utcDate(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
  });
});

describe("the employer's today", () => {
  it('knows the time zone of each country, and the accident rules count in the same one', () => {
    expect(TIME_ZONES).toEqual({ NL: 'Europe/Amsterdam', BE: 'Europe/Brussels' });
    expect(DEFAULT_RULES.NL.timeZone).toBe(TIME_ZONES.NL);
    expect(DEFAULT_RULES.BE.timeZone).toBe(TIME_ZONES.BE);
  });

  it('is 1 March at 00:30 local on 1 March (winter, UTC+1), while UTC is still on 28 February', () => {
    const at = utc('2026-02-28T23:30:00Z');
    // The offset of that date: winter time, one hour ahead of UTC.
    expect(localInstant('2026-03-01', 0, 30, TIME_ZONES.NL)).toBe(at);
    expect(localInstant('2026-03-01', 0, 30, TIME_ZONES.BE)).toBe(at);
    expect(employerToday('NL', at)).toBe('2026-03-01');
    expect(employerToday('BE', at)).toBe('2026-03-01');
    expect(utcDate(at)).toBe('2026-02-28');
    // An hour earlier it is 23:30 on 28 February there too.
    expect(employerToday('NL', at - 3_600_000)).toBe('2026-02-28');
  });

  it.each([
    // Last Sunday of March 2026: 02:00 CET becomes 03:00 CEST (at 01:00 UTC).
    ['2026-03-28T23:30:00Z', '2026-03-29', '2026-03-28'], // 00:30 CET on the day of the switch
    ['2026-03-29T00:30:00Z', '2026-03-29', '2026-03-29'], // 01:30 CET
    ['2026-03-29T01:30:00Z', '2026-03-29', '2026-03-29'], // 03:30 CEST
    ['2026-03-29T21:59:00Z', '2026-03-29', '2026-03-29'], // 23:59 CEST
    ['2026-03-29T22:30:00Z', '2026-03-30', '2026-03-29'], // 00:30 CEST, now two hours ahead
    // Last Sunday of October 2026: 03:00 CEST becomes 02:00 CET (at 01:00 UTC).
    ['2026-10-24T22:30:00Z', '2026-10-25', '2026-10-24'], // 00:30 CEST on the day of the switch
    ['2026-10-25T00:30:00Z', '2026-10-25', '2026-10-25'], // 02:30 CEST
    ['2026-10-25T01:30:00Z', '2026-10-25', '2026-10-25'], // 02:30 CET, the hour again
    ['2026-10-25T22:30:00Z', '2026-10-25', '2026-10-25'], // 23:30 CET
    ['2026-10-25T23:30:00Z', '2026-10-26', '2026-10-25'], // 00:30 CET, one hour ahead again
  ])('at %s it is %s for NL and BE employers (UTC: %s)', (instant, local, utcDay) => {
    expect(employerToday('NL', utc(instant))).toBe(local);
    expect(employerToday('BE', utc(instant))).toBe(local);
    expect(localDate(utc(instant), TIME_ZONES.BE)).toBe(local);
    expect(utcDate(utc(instant))).toBe(utcDay);
  });

  it('finds local midnight around the DST changes', () => {
    expect(localInstant('2026-03-30', 0, 30, TIME_ZONES.NL)).toBe(utc('2026-03-29T22:30:00Z'));
    expect(localInstant('2026-03-29', 0, 0, TIME_ZONES.NL)).toBe(utc('2026-03-28T23:00:00Z'));
    expect(localInstant('2026-10-25', 0, 0, TIME_ZONES.BE)).toBe(utc('2026-10-24T22:00:00Z'));
    expect(localInstant('2026-10-26', 0, 30, TIME_ZONES.BE)).toBe(utc('2026-10-25T23:30:00Z'));
  });
});

describe('cyclePeriodFor', () => {
  it('is the month before the cycle starts', () => {
    expect(cyclePeriodFor(Date.UTC(2026, 11, 5))).toBe('2026-11');
    expect(cyclePeriodFor(Date.UTC(2026, 2, 1))).toBe('2026-02');
    expect(cyclePeriodFor(Date.UTC(2027, 0, 5))).toBe('2026-12');
    expect(isPeriod(cyclePeriodFor(Date.UTC(2026, 9, 31, 23, 59)))).toBe(true);
  });
});

describe('workingDaysBefore', () => {
  it('counts Monday to Friday only and never lands in a weekend', () => {
    // Monday 2026-12-07 09:00: two working days back is Thursday, across the weekend.
    expect(new Date(workingDaysBefore(utc('2026-12-07T09:00:00Z'), 2)).toISOString()).toBe('2026-12-03T09:00:00.000Z');
    expect(new Date(workingDaysBefore(utc('2026-12-11T09:00:00Z'), 3)).toISOString()).toBe('2026-12-08T09:00:00.000Z');
    expect(new Date(workingDaysBefore(utc('2026-12-07T09:00:00Z'), 1)).toISOString()).toBe('2026-12-04T09:00:00.000Z');
    // From a Sunday with nothing to count: back to Friday.
    expect(new Date(workingDaysBefore(utc('2026-12-06T09:00:00Z'), 0)).toISOString()).toBe('2026-12-04T09:00:00.000Z');
    expect(workingDaysBefore(utc('2026-12-08T09:00:00Z'), 0)).toBe(utc('2026-12-08T09:00:00Z'));
  });
});

describe('periodBounds', () => {
  it.each([
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['1900-02', '1900-02-01', '1900-02-28'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2026-01', '2026-01-01', '2026-01-31'],
    ['2026-04', '2026-04-01', '2026-04-30'],
    ['2026-09', '2026-09-01', '2026-09-30'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('%s runs from %s to %s', (period, from, to) => {
    expect(periodBounds(period)).toEqual({ from, to });
  });

  it('gives the right length for every month of a year', () => {
    const lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    lengths.forEach((days, i) => {
      const mm = String(i + 1).padStart(2, '0');
      expect(periodBounds(`2027-${mm}`)).toEqual({ from: `2027-${mm}-01`, to: `2027-${mm}-${days}` });
    });
  });

  it.each(['2026-13', '2026-00', '2026-2', '26-02', '2026-02-01', '2026/02', '', ' 2026-02', '2026-02 ', 'feb 2026'])(
    'throws a RangeError for %p', (period) => {
      expect(() => periodBounds(period)).toThrow(RangeError);
      expect(() => periodBounds(period)).toThrow('period must be YYYY-MM');
    });
});

describe('isPeriod', () => {
  it('accepts YYYY-MM only', () => {
    expect(isPeriod('2026-02')).toBe(true);
    expect(isPeriod('1999-12')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-2')).toBe(false);
    expect(isPeriod('2026-02-01')).toBe(false);
    expect(PERIOD_PATTERN.test('2026-10')).toBe(true);
  });
});

describe('addPeriods', () => {
  it('moves across year ends both ways and refuses what is not a period', () => {
    expect(addPeriods('2026-01', -1)).toBe('2025-12');
    expect(addPeriods('2025-12', 1)).toBe('2026-01');
    expect(addPeriods('2026-03', -12)).toBe('2025-03');
    expect(addPeriods('2026-03', 0)).toBe('2026-03');
    expect(addPeriods('2026-11', 14)).toBe('2028-01');
    expect(() => addPeriods('2026-13', 1)).toThrow(RangeError);
  });
});
