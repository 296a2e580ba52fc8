/**
 * Object-level scoping for list routes: a principal sees the rows of the employers granted to
 * it, and a filter naming another employer (or a person of one) is refused rather than
 * answered empty — so that a denied look is a 403 in the audit trail, not a silent nothing.
 */
import type { SQL} from 'drizzle-orm';
import { eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { persons } from '../db/schema';
import { authorizeEmployer, canSeeEmployer, visibleEmployers } from './plugins/auth';

/** The condition that keeps a list to the granted employers (undefined: all visible). */
export function employerScope(request: FastifyRequest, column: AnyPgColumn, employerId?: string): SQL | undefined {
  if (employerId) {
    authorizeEmployer(request, employerId);
    return eq(column, employerId);
  }
  const visible = visibleEmployers(request);
  if (visible === null) return undefined;
  return visible.length ? inArray(column, [...visible]) : sql`false`;
}

/**
 * A list filtered by person: the person's employer must be granted, and the audit record names
 * the person. An unknown person matches nothing anyway, so it is let through.
 */
export async function authorizePersonFilter(db: Db, request: FastifyRequest, personId: string | undefined): Promise<void> {
  if (!personId) return;
  const [p] = await db.select({ employerId: persons.employerId }).from(persons).where(eq(persons.id, personId));
  if (p) authorizeEmployer(request, p.employerId, { personId });
}

/** Nobody grants (to a user or a token) an employer they do not hold themselves: 403 for the first one. */
export function authorizeGrants(request: FastifyRequest, employerIds: readonly string[] | undefined): void {
  const ungranted = employerIds?.find((id) => !canSeeEmployer(request.principal, id));
  if (ungranted) authorizeEmployer(request, ungranted);
}
