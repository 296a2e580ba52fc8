/**
 * Object-level scoping for list routes: a principal sees the rows of the employers granted to
 * it, and a filter naming another employer (or a person of one) is refused rather than
 * answered empty — 404 as for an unknown one, and a denial in the audit trail, not a silent nothing.
 * Also the rules for granting: roles and employers, to users and tokens.
 */
import type { SQL} from 'drizzle-orm';
import { eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client';
import { persons, roles } from '../db/schema';
import type { Grantor, RoleDefinition } from '../domain/access/permissions';
import { isPermission, roleGrantRefusal, ungrantedEmployer } from '../domain/access/permissions';
import { slot } from '../db/queries/list-by-shape';
import { ApiError } from './errors';
import { authorizeEmployer, deny, visibleEmployers } from './plugins/auth';

/** Whom a list is kept to: one employer asked for (and granted), the granted ones, or all (null). */
function scopeOf(request: FastifyRequest, employerId?: string): { employerId: string } | { employerIds: readonly string[] } | null {
  if (employerId) {
    authorizeEmployer(request, employerId, {}, 'employer');
    return { employerId };
  }
  const visible = visibleEmployers(request);
  return visible === null ? null : { employerIds: visible };
}

/** The condition that keeps a list to the granted employers (undefined: all visible). */
export function employerScope(request: FastifyRequest, column: AnyPgColumn, employerId?: string): SQL | undefined {
  const scope = scopeOf(request, employerId);
  if (!scope) return undefined;
  if ('employerId' in scope) return eq(column, scope.employerId);
  return scope.employerIds.length ? inArray(column, [...scope.employerIds]) : sql`false`;
}

/** `employerScope` for a list prepared by shape (db/queries/list-by-shape.ts): its two filters (`employerScopeFilter` says which is on). */
export const employerScopeFilters = (column: AnyPgColumn) => ({
  employer: eq(column, slot('employerId')),
  // An empty array keeps nothing, as `employerScope`'s `false` does.
  employers: sql`${column} = any(${slot('employerIds')}::uuid[])`,
});

/** Which of `employerScopeFilters` a request turns on, with their values. */
export function employerScopeFilter(request: FastifyRequest, employerId?: string): { on: ('employer' | 'employers')[]; values: Record<string, unknown> } {
  const scope = scopeOf(request, employerId);
  if (!scope) return { on: [], values: {} };
  return 'employerId' in scope ? { on: ['employer'], values: scope } : { on: ['employers'], values: { employerIds: [...scope.employerIds] } };
}

/**
 * A list filtered by person: the person's employer must be granted, and the audit record names
 * the person. Another employer's person and an unknown one both answer 404 (only the first is a denial).
 */
export async function authorizePersonFilter(db: Db, request: FastifyRequest, personId: string | undefined): Promise<void> {
  if (!personId) return;
  const [p] = await db.select({ employerId: persons.employerId }).from(persons).where(eq(persons.id, personId));
  // An unknown person is answered like another employer's one: the answer tells nothing about either.
  if (!p) throw new ApiError(404, 'not_found', 'person not found');
  authorizeEmployer(request, p.employerId, { personId }, 'person');
}

export const grantorOf = (request: FastifyRequest): Grantor => ({ permissions: request.principal!.permissions, employerIds: request.principal!.employerIds });

/**
 * Nobody grants (to a user or a token) an employer they do not hold themselves: answered like an
 * unknown employer (400), audited as a denial.
 */
export function authorizeGrants(request: FastifyRequest, employerIds: readonly string[] | undefined): void {
  const ungranted = employerIds && ungrantedEmployer(grantorOf(request), employerIds);
  if (ungranted) deny(request, { reason: 'employer not held by the grantor' }, 'body.employerIds: unknown employer', { status: 400, code: 'validation' });
}

/** A role as stored (built-in or an administrator's), or undefined. */
async function loadRole(db: Db, name: string): Promise<RoleDefinition | undefined> {
  const [r] = await db.select().from(roles).where(eq(roles.name, name));
  return r && { permissions: r.permissions.filter(isPermission), allEmployers: r.allEmployers };
}

/** The role must exist (400) and be one the caller may grant (403, audited as a denial). */
export async function authorizeRoleGrant(db: Db, request: FastifyRequest, name: string): Promise<RoleDefinition> {
  const role = await loadRole(db, name);
  if (!role) throw new ApiError(400, 'validation', 'body.role: no such role');
  const refusal = roleGrantRefusal(grantorOf(request), role);
  if (refusal) deny(request, { reason: 'role above the grantor' }, `body.role: ${refusal}`);
  return role;
}
