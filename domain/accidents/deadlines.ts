/**
 * The declaration deadline of a work accident and its reminders. Pure: instants
 * in epoch ms, calendar days in the country's own time zone — an accident at 00:30 on a Saturday
 * in Brussels happened on Saturday, though it was still Friday in UTC.
 */
import { TIME_ZONES, addDays, localDate, localInstant } from '../shared/calendar';

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
 * insurer: PUT /api/accident-rules).
 */
export const DEFAULT_RULES: Record<'BE' | 'NL', DeclarationRule> = {
  BE: { days: 8, reminderDays: [3, 6], reminderHour: 9, timeZone: TIME_ZONES.BE },
  NL: { days: 8, reminderDays: [3, 6], reminderHour: 9, timeZone: TIME_ZONES.NL },
};

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
