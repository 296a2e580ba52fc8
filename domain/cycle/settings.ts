/**
 * How a monthly cycle waits and reminds when the employer set nothing else: the database's
 * column defaults, the API's body defaults and the cycle without a schedule all use these.
 */
export const CYCLE_DEFAULTS = {
  /** Day of the month the cycle starts (1–28) and the hour, Europe/Amsterdam. */
  dayOfMonth: 5,
  hour: 6,
  /** Days after the start without a payroll import before a reminder, and before escalation. */
  remindAfterDays: 2,
  escalateAfterDays: 5,
  /** Tasks are due this many days after they are created. */
  taskDueDays: 7,
  /** A task is reminded this many working days before it is due. */
  remindWorkingDays: 3,
} as const;
