import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { BUILTIN_ROLES } from '../domain/access/permissions';
import type { Db } from './client';
import { createDb } from './client';
import { roles } from './schema';

/**
 * Applies the committed SQL migrations (db/migrations, in drizzle's format), then the built-in roles.
 * Idempotent. Since 0007 they are written by hand and listed in meta/_journal.json: drizzle-kit's
 * snapshots stop at 0006, so `drizzle-kit generate` would emit everything since again.
 */
export async function runMigrations(db: Db, appRole?: string): Promise<void> {
  await migrate(db, { migrationsFolder: join(__dirname, 'migrations') });
  await seedBuiltinRoles(db);
  if (appRole) await grantAppRole(db, appRole);
}

/** The login role of a postgres:// URL. */
export const roleOf = (url: string): string => decodeURIComponent(new URL(url).username);

/**
 * Migrates as the owner (`ownerUrl`), then grants the application role (`appUrl`'s user) what
 * it may do. One URL for both: a single role, which then owns the audit trigger too (weaker).
 */
export async function migrateAs(ownerUrl: string, appUrl: string): Promise<void> {
  const owner = createDb(ownerUrl, 2);
  try {
    const app = roleOf(appUrl);
    await runMigrations(owner, app !== roleOf(ownerUrl) ? app : undefined);
  } finally {
    await owner.$client.end();
  }
}

/**
 * The application role: rows of every table, but on the audit log INSERT and SELECT only (no
 * UPDATE, DELETE or TRUNCATE — and, not owning it, no way to drop or disable its triggers); the
 * audit chain's head and retention it reads only. Re-run after every migration, so new tables
 * are covered.
 */
export async function grantAppRole(db: Db, role: string): Promise<void> {
  const r = sql.identifier(role);
  await db.execute(sql`grant usage on schema public to ${r}`);
  await db.execute(sql`grant select, insert, update, delete on all tables in schema public to ${r}`);
  await db.execute(sql`grant usage, select on all sequences in schema public to ${r}`);
  await db.execute(sql`revoke update, delete, truncate, references, trigger on audit_log from ${r}`);
  await db.execute(sql`revoke insert, update, delete, truncate, references, trigger on audit_chain_head, audit_retention, audit_purges from ${r}`);
}

/** The built-in roles as this version defines them (a new permission reaches them on the next start). */
export async function seedBuiltinRoles(db: Db): Promise<void> {
  const values = Object.entries(BUILTIN_ROLES).map(([name, r]) => ({ name, permissions: r.permissions, allEmployers: r.allEmployers, builtin: true }));
  await db.insert(roles).values(values).onConflictDoUpdate({
    target: roles.name,
    set: { permissions: sql`excluded.permissions`, allEmployers: sql`excluded.all_employers`, builtin: true, updatedAt: new Date() },
  });
}
