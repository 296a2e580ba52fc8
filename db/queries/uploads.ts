/** Uploads are stored by content (files/uploads/<sha256>): the same bytes may serve more than one import or comparison. */
import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/**
 * Whether anything alive still holds an upload: a payroll import whose file was not purged, a
 * comparison run whose results were not, or a comparison period's file. What answers false may
 * be removed (a refused upload, the retention purge).
 */
export async function uploadInUse(db: Pick<Db, 'execute'>, sha256: string): Promise<boolean> {
  return (await db.execute(sql`
    select 1 from payroll_imports where file_sha256 = ${sha256} and file_purged_at is null
    union all select 1 from comparison_runs where ${sha256} in (a_file_sha256, b_file_sha256) and results_purged_at is null
    union all select 1 from comparison_period_files where file_sha256 = ${sha256} limit 1`)).rows.length > 0;
}
