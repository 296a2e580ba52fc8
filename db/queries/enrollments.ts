/**
 * Deleting an enrollment the employer declined (a confirm_enrollment task answered no): it never
 * began for the insurer. Whatever names it keeps its own record, without the link — its messages
 * (cancelled with it) and an accident case declared meanwhile (which keeps the insurer and policy
 * it was declared with). test/db/references.test.ts holds ENROLLMENT_LINKS to the database's foreign keys.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from './messages';

export const ENROLLMENT_LINKS = ['accidents', 'messages'] as const;

export async function deleteDeclinedEnrollment(tx: Tx, enrollmentId: string): Promise<void> {
  for (const table of ENROLLMENT_LINKS) await tx.execute(sql`update ${sql.identifier(table)} set enrollment_id = null where enrollment_id = ${enrollmentId}`);
  await tx.execute(sql`delete from enrollments where id = ${enrollmentId}`);
}
