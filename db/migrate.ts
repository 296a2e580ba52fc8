import { join } from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { Db } from './client';

/** Applies the committed SQL migrations (db/migrations, made by drizzle-kit). Idempotent. */
export async function runMigrations(db: Db): Promise<void> {
  await migrate(db, { migrationsFolder: join(__dirname, 'migrations') });
}
