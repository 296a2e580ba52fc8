/** Employer facts other queries and routes need without loading the whole employer. */
import { eq } from 'drizzle-orm';
import { employerToday } from '../../domain/shared/calendar';
import { employers } from '../schema';
import type { Tx } from './messages';

/** The employer's "today" at `instantMs`: the calendar date in its country's time zone. */
export async function employerTodayAt(tx: Tx, employerId: string, instantMs: number): Promise<string> {
  const [employer] = await tx.select({ country: employers.country }).from(employers).where(eq(employers.id, employerId));
  if (!employer) throw new Error('no such employer');
  return employerToday(employer.country, instantMs);
}
