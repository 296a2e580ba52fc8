/**
 * The declaration deadline of a work accident and its reminders (issue 5, §2). Pure: instants
 * in epoch ms, calendar days in the country's own time zone — an accident at 00:30 on a Saturday
 * in Brussels happened on Saturday, though it was still Friday in UTC.
 */
export interface DeclarationRule {
  /** Calendar days to declare, counted from the day after the accident (or after the employer learned of it). */
  days: number;
  /** Reminder days, counted the same way (day 1 is the day after). */
  reminderDays: number[];
  /** Reminders go out at this local hour. */
  reminderHour: number;
  timeZone: string;
}

/**
 * Belgium: 8 calendar days from the day after the accident. For the Netherlands the default
 * follows the same shape; an insurer's own term overrides either (configurable per country and
 * insurer, issue 5).
 */
export const DEFAULT_RULES: Record<'BE' | 'NL', DeclarationRule> = {
  BE: { days: 8, reminderDays: [3, 6], reminderHour: 9, timeZone: 'Europe/Brussels' },
  NL: { days: 8, reminderDays: [3, 6], reminderHour: 9, timeZone: 'Europe/Amsterdam' },
};

/** The calendar date (yyyy-mm-dd) of an instant in a time zone. */
export function localDate(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The instant of a local wall-clock time on a date in a time zone (DST-safe to the minute). */
export function localInstant(date: string, hour: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), hour, minute);
  // The zone's offset at the guess, then corrected once more across a DST change.
  const offset = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' }).formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - Math.floor(ms / 60_000) * 60_000;
  };
  const first = guess - offset(guess);
  return guess - offset(first);
}

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export interface DeclarationSchedule {
  /** The day counting starts after: the accident's local date, or the day the employer learned of a worsened minor accident. */
  startDate: string;
  /** The last day to declare (local) and the instant it ends (local midnight after it). */
  deadlineDate: string;
  deadlineAt: number;
  reminders: { day: number; at: number }[];
}

/**
 * When a declaration is due. `learnedAt` is set when a minor accident (first-aid register only)
 * turned out worse: the term then runs from the day the employer learned of it.
 */
export function declarationSchedule(accidentAt: number, rule: DeclarationRule, learnedAt?: number): DeclarationSchedule {
  const startDate = localDate(learnedAt ?? accidentAt, rule.timeZone);
  const deadlineDate = addDays(startDate, rule.days);
  return {
    startDate,
    deadlineDate,
    deadlineAt: localInstant(addDays(deadlineDate, 1), 0, 0, rule.timeZone),
    reminders: rule.reminderDays.filter((d) => d < rule.days).map((day) => ({ day, at: localInstant(addDays(startDate, day), rule.reminderHour, 0, rule.timeZone) })),
  };
}
