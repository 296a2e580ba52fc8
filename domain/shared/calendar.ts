/**
 * The one calendar: calendar days as ISO `yyyy-mm-dd` dates, payroll periods, working days and
 * "today" in the employer's time zone. Pure and deterministic for a given instant (Intl only, no
 * clock is read here), so workflow code may import it.
 */
import type { CompanyCountry } from './identifiers';

export const DAY_MS = 86_400_000;

// --- Calendar days -------------------------------------------------------------------------
// An ISO date is a calendar day, not an instant: the arithmetic runs on UTC midnights so a DST
// change in any zone never moves a date.

/** Days since 1970-01-01 of an ISO date. */
export const dayNumber = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
/** The ISO date of a day number (the inverse of dayNumber). */
export const dateOfDayNumber = (day: number) => utcDate(day * DAY_MS);

export const addDays = (iso: string, days: number) => dateOfDayNumber(dayNumber(iso) + days);
/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/** The start of the calendar day `iso` in epoch ms (UTC midnight). */
export const dayStartMs = (iso: string) => dayNumber(iso) * DAY_MS;

/**
 * The UTC calendar date of an instant. For a date that belongs to an employer (a fact date, the
 * day a message is assessed) use employerToday / localDate instead: at 00:30 in Amsterdam it is
 * still yesterday in UTC.
 */
export const utcDate = (instant: number | Date) => new Date(instant).toISOString().slice(0, 10);

// --- Time zones ----------------------------------------------------------------------------

/** The time zone an employer's calendar days (and its accidents' deadlines) are counted in. */
export const TIME_ZONES: Record<CompanyCountry, string> = {
  NL: 'Europe/Amsterdam',
  BE: 'Europe/Brussels',
};

// Building an Intl.DateTimeFormat costs far more than formatting with one (~0.1 ms against
// ~2 µs): one per time zone, made on first use. A formatter gives the same answer every time.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const minuteFormats = new Map<string, Intl.DateTimeFormat>();
function formatter(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(timeZone);
  if (!f) {
    f = make();
    cache.set(timeZone, f);
  }
  return f;
}

/** The calendar date (yyyy-mm-dd) of an instant in a time zone. */
export function localDate(ms: number, timeZone: string): string {
  const parts = formatter(dateFormats, timeZone, () => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })).formatToParts(new Date(ms));
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The instant of a local wall-clock time on a date in a time zone (DST-safe to the minute). */
export function localInstant(date: string, hour: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10), hour, minute);
  // The zone's offset at the guess, then corrected once more across a DST change.
  const offset = (ms: number) => {
    const parts = formatter(minuteFormats, timeZone, () => new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })).formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute')) - Math.floor(ms / 60_000) * 60_000;
  };
  const first = guess - offset(guess);
  return guess - offset(first);
}

/** The employer's "today" at `instantMs`: the date in its country's time zone. */
export const employerToday = (country: CompanyCountry, instantMs: number) => localDate(instantMs, TIME_ZONES[country]);

// --- Payroll periods -----------------------------------------------------------------------

/** A payroll period `YYYY-MM`. */
export const PERIOD_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isPeriod(text: string): boolean {
  return PERIOD_PATTERN.test(text);
}

/** First and last day of the period as ISO dates. */
export function periodBounds(period: string): { from: string; to: string } {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new RangeError('period must be YYYY-MM');
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${m[1]}-${m[2]}-01`, to: `${m[1]}-${m[2]}-${String(last).padStart(2, '0')}` };
}

/** The period `n` months after `period` (negative: before): addPeriods('2026-01', -1) is '2025-12'. */
export function addPeriods(period: string, n: number): string {
  const m = PERIOD_PATTERN.exec(period);
  if (!m) throw new RangeError('period must be YYYY-MM');
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The payroll period a cycle started at `ms` handles: the month before (a cycle on 5 December closes November). */
export function cyclePeriodFor(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth(); // 0-based: the previous month, 1-based
  return m === 0 ? `${y - 1}-12` : `${y}-${String(m).padStart(2, '0')}`;
}

// --- Working days (due dates and reminders; epoch ms, the caller's clock) ------------------

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

/** The date `days` working days (Monday–Friday) after the date `iso`; 0 gives `iso` itself. */
export function addWorkingDays(iso: string, days: number): string {
  let day = dayNumber(iso);
  let left = days;
  while (left > 0) {
    day += 1;
    if (!isWeekend(day * DAY_MS)) left--;
  }
  return dateOfDayNumber(day);
}
