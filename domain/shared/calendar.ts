/** Calendar arithmetic for due dates and reminders (epoch milliseconds; the caller's clock). */
export const DAY_MS = 86_400_000;

const isWeekend = (ms: number) => {
  const day = new Date(ms).getUTCDay();
  return day === 0 || day === 6;
};

/** `days` working days (Monday–Friday) before `ms`; a reminder never lands in a weekend. */
export function workingDaysBefore(ms: number, days: number): number {
  let at = ms;
  let left = days;
  while (left > 0) {
    at -= DAY_MS;
    if (!isWeekend(at)) left--;
  }
  while (isWeekend(at)) at -= DAY_MS;
  return at;
}

/** The payroll period a cycle started at `ms` handles: the month before (a cycle on 5 December closes November). */
export function cyclePeriodFor(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth(); // 0-based: the previous month, 1-based
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}
