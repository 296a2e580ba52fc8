/**
 * Work-accident statistics for the prevention advisor. Pure: no I/O.
 *
 * Definitions — the Belgian ones (Fedris; the prevention service's annual report, codex welzijn op
 * het werk / code du bien-être au travail):
 * - Accidents are counted by the date they happened (`occurredOn`), `from` and `to` included.
 * - A minor accident is one only written in the first-aid register: it is counted in `accidents` and
 *   `minorAccidents`, never as an accident with lost days, and its days are never counted.
 * - Days lost are calendar days of temporary incapacity, not working days: from `incapacityFrom`
 *   up to the day before `workResumedOn` (work resumed on the first day of incapacity = 0 days),
 *   or up to `to` while the victim has not resumed; clipped to [from, to]. They are counted for the
 *   accidents of the period (the ones the report lists), in the group of the accident.
 * - Frequency rate (frequentiegraad / taux de fréquence) = accidents with at least one day lost
 *   × 1,000,000 / hours worked. A fatal accident is counted as one, as Fedris does, even without a
 *   day of incapacity before death.
 * - Severity rate (werkelijke ernstgraad / taux de gravité réel) = days lost × 1,000 / hours worked.
 *   The "global" severity rate (with the lump-sum days for death and permanent incapacity, 7,500 for
 *   a death) is not computed: permanent incapacity is only known once the insurer settles the case.
 * - Both are null when no hour was worked, and rounded to 2 decimals.
 * - Hours worked are estimated from the payroll, as the employer's own time records are not in
 *   Mutaflow: schedule % / 100 × full-time weekly hours × (days employed in [from, to]) / 7, a
 *   person being employed from `hireDate` to `exitDate` (both included; a missing one is open).
 *   A missing schedule counts as full time: leaving the person out would inflate the rates.
 *   Holidays and absences are not subtracted, so the rates are somewhat lower than on hours
 *   actually worked.
 * - Grouping: by department, category, or month ('yyyy-mm' of the accident, and of each day
 *   employed). A missing department or category is grouped as 'unknown'.
 */
import { DAY_MS } from '../shared/calendar';

export interface AccidentForStats { id: string; occurredOn: string; incapacityFrom: string | null; workResumedOn: string | null; fatal: boolean; minor: boolean; department: string | null; category: string | null }
export interface ExposurePerson { hireDate: string | null; exitDate: string | null; workSchedulePercent: number | null; department: string | null; category: string | null }
export type StatsGroupBy = 'department' | 'category' | 'month';
export interface AccidentReportRow { group: string; accidents: number; minorAccidents: number; accidentsWithLostDays: number; daysLost: number; hoursWorked: number; frequencyRate: number | null; severityRate: number | null }
export interface AccidentReport { from: string; to: string; groupBy: StatsGroupBy; fullTimeWeeklyHours: number; rows: AccidentReportRow[]; total: AccidentReportRow }

const DEFAULT_FULL_TIME_WEEKLY_HOURS = 38;
export const UNKNOWN_GROUP = 'unknown';
const TOTAL_GROUP = 'total';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Days since the epoch of a yyyy-mm-dd date; throws on anything else (a silent NaN would zero a report). */
function dayNumber(date: string, what: string): number {
  const ms = ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${what} is not a yyyy-mm-dd date: ${date}`);
  return ms / DAY_MS;
}
const monthOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 7);

const groupOf = (item: { department: string | null; category: string | null }, groupBy: Exclude<StatsGroupBy, 'month'>) =>
  item[groupBy]?.trim() || UNKNOWN_GROUP;

const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;
const rate = (count: number, scale: number, hours: number) => (hours > 0 ? round2((count * scale) / hours) : null);

function checkPeriod(from: string, to: string): [number, number] {
  const start = dayNumber(from, 'from');
  const end = dayNumber(to, 'to');
  if (end < start) throw new RangeError(`to (${to}) is before from (${from})`);
  return [start, end];
}

/** Estimated hours worked in [from, to] per group (unrounded). */
export function estimateHoursWorked(persons: ExposurePerson[], from: string, to: string, fullTimeWeeklyHours: number, groupBy: StatsGroupBy): Map<string, number> {
  const [start, end] = checkPeriod(from, to);
  const hours = new Map<string, number>();
  const add = (group: string, h: number) => { if (h > 0) hours.set(group, (hours.get(group) ?? 0) + h); };
  for (const p of persons) {
    const first = Math.max(start, p.hireDate ? dayNumber(p.hireDate, 'hireDate') : start);
    const last = Math.min(end, p.exitDate ? dayNumber(p.exitDate, 'exitDate') : end);
    if (last < first) continue;
    const perDay = ((p.workSchedulePercent ?? 100) / 100) * fullTimeWeeklyHours / 7;
    if (groupBy !== 'month') { add(groupOf(p, groupBy), perDay * (last - first + 1)); continue; }
    // Month by month: the days of [first, last] in each calendar month.
    for (let day = first; day <= last;) {
      const d = new Date(day * DAY_MS);
      const nextMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
      const until = Math.min(last, nextMonth - 1);
      add(monthOfDay(day), perDay * (until - day + 1));
      day = until + 1;
    }
  }
  return hours;
}

/** Calendar days of incapacity in [start, end]: incapacityFrom up to the day before work resumed. */
function daysLost(a: AccidentForStats, start: number, end: number): number {
  if (a.minor || !a.incapacityFrom) return 0;
  const first = Math.max(start, dayNumber(a.incapacityFrom, 'incapacityFrom'));
  const last = Math.min(end, a.workResumedOn ? dayNumber(a.workResumedOn, 'workResumedOn') - 1 : end);
  return Math.max(0, last - first + 1);
}

const emptyRow = (group: string): AccidentReportRow => ({ group, accidents: 0, minorAccidents: 0, accidentsWithLostDays: 0, daysLost: 0, hoursWorked: 0, frequencyRate: null, severityRate: null });

function finish(row: AccidentReportRow): AccidentReportRow {
  return {
    ...row,
    hoursWorked: round2(row.hoursWorked),
    frequencyRate: rate(row.accidentsWithLostDays, 1_000_000, row.hoursWorked),
    severityRate: rate(row.daysLost, 1_000, row.hoursWorked),
  };
}

export function accidentReport(input: { from: string; to: string; groupBy: StatsGroupBy; accidents: AccidentForStats[]; persons: ExposurePerson[]; fullTimeWeeklyHours?: number }): AccidentReport {
  const { from, to, groupBy } = input;
  const fullTimeWeeklyHours = input.fullTimeWeeklyHours ?? DEFAULT_FULL_TIME_WEEKLY_HOURS;
  if (!(fullTimeWeeklyHours > 0)) throw new RangeError(`fullTimeWeeklyHours must be positive: ${fullTimeWeeklyHours}`);
  const [start, end] = checkPeriod(from, to);

  const rows = new Map<string, AccidentReportRow>();
  const row = (group: string) => rows.get(group) ?? rows.set(group, emptyRow(group)).get(group)!;

  for (const [group, hours] of estimateHoursWorked(input.persons, from, to, fullTimeWeeklyHours, groupBy)) row(group).hoursWorked = hours;

  for (const a of input.accidents) {
    const day = dayNumber(a.occurredOn, 'occurredOn');
    if (day < start || day > end) continue;
    const r = row(groupBy === 'month' ? monthOfDay(day) : groupOf(a, groupBy));
    const lost = daysLost(a, start, end);
    r.accidents += 1;
    if (a.minor) r.minorAccidents += 1;
    else if (lost > 0 || a.fatal) r.accidentsWithLostDays += 1;
    r.daysLost += lost;
  }

  const sorted = [...rows.values()].sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  const total = sorted.reduce((t, r) => ({
    ...t,
    accidents: t.accidents + r.accidents, minorAccidents: t.minorAccidents + r.minorAccidents,
    accidentsWithLostDays: t.accidentsWithLostDays + r.accidentsWithLostDays, daysLost: t.daysLost + r.daysLost, hoursWorked: t.hoursWorked + r.hoursWorked,
  }), emptyRow(TOTAL_GROUP));
  return { from, to, groupBy, fullTimeWeeklyHours, rows: sorted.map(finish), total: finish(total) };
}
