/**
 * A work accident as HR registers it. The narrative and the medical part are health
 * data: they travel sealed (accidents.details_sealed) and only a role with the health permission
 * reads them back.
 */
import { daysBetween } from '../shared/calendar';

export interface AccidentDetails {
  description: string;
  witnesses: { name: string; contact?: string | null }[];
  injuries: { bodyPart: string; nature: string }[];
  firstAid: string | null;
  medicalCare: string | null;
  prevention: string | null;
}

export interface AccidentSeverity {
  /** The first day the victim could not work (null: no incapacity). */
  incapacityFrom: string | null;
  wageLoss: boolean;
  /** Care beyond first aid (a doctor, a hospital). */
  medicalCare: boolean;
  fatal: boolean;
}

/**
 * A minor accident — no incapacity, no wage loss, first aid only — goes into the first-aid
 * register and is not declared; anything more is a case with a declaration deadline.
 */
export function isMinor(s: AccidentSeverity): boolean {
  return !s.incapacityFrom && !s.wageLoss && !s.medicalCare && !s.fatal;
}

/** The case's reference for people: on the declaration, in mails and in the task inbox. */
export const accidentReference = (number: number) => `ACC-${String(number).padStart(6, '0')}`;

/** The calendar days lost so far: from the first day off to the day before work resumed (or `until`). */
export function daysOff(incapacityFrom: string | null, workResumedOn: string | null, until: string): number {
  if (!incapacityFrom) return 0;
  const end = workResumedOn ?? until;
  const days = daysBetween(incapacityFrom, end) + (workResumedOn ? 0 : 1);
  return Math.max(0, days);
}
