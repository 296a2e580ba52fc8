import type { PoolClient } from 'pg';

type Queryable = Pick<PoolClient, 'query'>;

/**
 * Periods are imported in order: a completed import of a later period than `period` refuses it.
 * Checked on upload and again, under the employer's lock, when the import is stored.
 */
export async function laterImportedPeriod(q: Queryable, employerId: string, period: string): Promise<string | null> {
  const { rows } = await q.query(
    `select period from payroll_imports where employer_id = $1 and status = 'completed' and period > $2 limit 1`, [employerId, period]);
  return rows[0]?.period ?? null;
}
