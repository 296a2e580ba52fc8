import { and, arrayContains, asc, eq, or } from 'drizzle-orm';
import type { Permission } from '../../domain/access/permissions';
import { roles, users } from '../schema';
import type { Db } from '../client';

export interface TaskActors {
  /** Roles holding every permission needed (a task assigned to one reaches its users of the employer). */
  roles: string[];
  /** Enabled users holding them for the employer: what a task can be given to by name. */
  users: { email: string; name: string; role: string }[];
}

/** Who may act on an employer's task needing these permissions (see domain/cycle/task-actors). */
export async function taskActors(db: Db, employerId: string, permissions: Permission[]): Promise<TaskActors> {
  const holding = arrayContains(roles.permissions, permissions);
  const [roleRows, userRows] = await Promise.all([
    db.select({ name: roles.name }).from(roles).where(holding).orderBy(asc(roles.name)),
    db.select({ email: users.email, name: users.name, role: users.role }).from(users).innerJoin(roles, eq(roles.name, users.role))
      .where(and(eq(users.disabled, false), holding, or(eq(roles.allEmployers, true), arrayContains(users.employerIds, [employerId]))))
      .orderBy(asc(users.name), asc(users.email)),
  ]);
  return { roles: roleRows.map((r) => r.name), users: userRows };
}
