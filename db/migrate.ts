import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { BUILTIN_ROLES } from '../domain/access/permissions';
import type { Db } from './client';
import { roles } from './schema';

/** Applies the committed SQL migrations (db/migrations, made by drizzle-kit), then the built-in roles. Idempotent. */
export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: join(__dirname, 'migrations') });
  await seedBuiltinRoles(db);
}

/** The built-in roles as this version defines them (a new permission reaches them on the next start). */
export async function seedBuiltinRoles(db: Db): Promise<void> {
  const values = Object.entries(BUILTIN_ROLES).map(([name, r]) => ({ name, permissions: r.permissions, allEmployers: r.allEmployers, builtin: true }));
  await db.insert(roles).values(values).onConflictDoUpdate({
    target: roles.name,
    set: { permissions: sql`excluded.permissions`, allEmployers: sql`excluded.all_employers`, builtin: true, updatedAt: new Date() },
  });
}
