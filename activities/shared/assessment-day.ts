import { employerToday } from '../../domain/shared/calendar';
import type { CompanyCountry } from '../../domain/shared/identifiers';

/**
 * The day messages are assessed for. A workflow passes `at` (its own clock) and does not know
 * the employer; the activity does, and turns the instant into the employer's date. Workflows
 * started before that pass a ready `today`, which is taken as it is.
 */
export type AssessmentDay = { at: number } | { today: string };

export const assessmentDate = (day: AssessmentDay, country: CompanyCountry): string =>
  'today' in day ? day.today : employerToday(country, day.at);
