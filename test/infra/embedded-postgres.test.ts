/**
 * Start-up of the embedded PostgreSQL where newcomers and crashes leave it: a checkout in a
 * private folder run as root, a stale postmaster.pid, a server left running by a killed start,
 * crash recovery after kill -9, and starts that fail (PostgreSQL's own lines, what to do).
 * Real PostgreSQL servers, separate from the suite's.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { EmbeddedPostgres } from '../../infra/embedded-postgres';
import { installedNativeDir, startEmbeddedPostgres } from '../../infra/embedded-postgres';
import { freePort } from '../support/free-port';

const ROOT = join(__dirname, '..', '..');
const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const rootIt = asRoot ? it : it.skip;
const hasSetfacl = spawnSync('sh', ['-c', 'command -v setfacl'], { stdio: 'ignore' }).status === 0;

async function count(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query('select count(*)::int as n from t')).rows[0].n);
  } finally {
    await c.end();
  }
}

async function exec(url: string, sql: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const postmasterPid = (dataDir: string) => Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
const gone = async (pid: number) => {
  for (let i = 0; i < 300; i++) {
    try {
      process.kill(pid, 0);
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return;
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`pid ${pid} still running`);
};

describe('embedded PostgreSQL start-up', () => {
  let base: string;
  let dataDir: string;
  let port: number;
  const notices: string[] = [];
  const start = (extra: Partial<Parameters<typeof startEmbeddedPostgres>[0]> = {}) =>
    startEmbeddedPostgres({ dataDir, port, database: 'probe', notice: (l) => notices.push(l), ...extra });

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'mutaflow-pgstart-'));
    chmodSync(base, 0o755);
    dataDir = join(base, 'data', 'pg');
    port = await freePort();
    const pg = await start();
    await exec(pg.url, 'create table t (n int); insert into t select generate_series(1, 1000)');
    await pg.stop();
  });
  afterAll(async () => {
    if (existsSync(join(dataDir, 'postmaster.pid'))) {
      try {
        process.kill(postmasterPid(dataDir), 'SIGINT');
      } catch { /* already stopped */ }
    }
    await rm(base, { recursive: true, force: true });
  });
  beforeEach(() => {
    notices.length = 0;
  });

  rootIt('as root, runs binaries that sit in a mode-700 folder (a checkout in root\'s home)', async () => {
    // The package's binaries reached only through a private folder, as in /root/<checkout>/node_modules.
    const privateDir = mkdtempSync(join(tmpdir(), 'mutaflow-private-'));
    chmodSync(privateDir, 0o700);
    const native = join(privateDir, 'native');
    symlinkSync(installedNativeDir(), native);
    const unreachable = spawnSync('test', ['-x', join(native, 'bin', 'postgres')], { uid: Number(spawnSync('id', ['-u', 'postgres']).stdout.toString()), stdio: 'ignore' });
    expect(unreachable.status).not.toBe(0);
    const own = join(base, 'own', 'pg');
    const pg = await startEmbeddedPostgres({ dataDir: own, port: await freePort(), database: 'probe', persistent: false, nativeDir: native });
    try {
      await exec(pg.url, 'select 1');
    } finally {
      await pg.stop();
      await rm(privateDir, { recursive: true, force: true });
    }
    expect(existsSync(own)).toBe(false);
  });

  rootIt('as root, a data folder behind a mode-700 folder: started when ACLs allow, else one line of what to do', async () => {
    const privateDir = mkdtempSync(join(tmpdir(), 'mutaflow-private-'));
    chmodSync(privateDir, 0o700);
    try {
      const attempt = startEmbeddedPostgres({ dataDir: join(privateDir, 'data', 'pg'), port: await freePort(), database: 'probe', persistent: false });
      if (hasSetfacl) {
        await (await attempt).stop();
      } else {
        const err = await attempt.then(() => null, (e: Error) => e);
        expect(err?.message).toMatch(new RegExp(`cannot enter ${privateDir} \\(mode 700\\).*MUTAFLOW_DATA_DIR.*setfacl -m u:postgres:x ${privateDir}`));
        expect(err?.message).not.toContain('\n');
      }
    } finally {
      await rm(privateDir, { recursive: true, force: true });
    }
  });

  it('starts over a stale postmaster.pid whose process is gone', async () => {
    const dead = spawnSync('true');
    writeFileSync(join(dataDir, 'postmaster.pid'), `${dead.pid}\n${dataDir}\n0\n${port}\n`);
    const pg = await start();
    expect(await count(pg.url)).toBe(1000);
    await pg.stop();
    expect(notices.join('\n')).toMatch(/stale postmaster\.pid/);
  });

  it('starts over a stale postmaster.pid whose number now belongs to another program', async () => {
    // After a restart the old number is often taken; PostgreSQL alone would refuse ("lock file already exists").
    const other = spawn('sleep', ['30'], { stdio: 'ignore' });
    try {
      writeFileSync(join(dataDir, 'postmaster.pid'), `${other.pid}\n${dataDir}\n0\n${port}\n`);
      const pg = await start();
      expect(await count(pg.url)).toBe(1000);
      await pg.stop();
      expect(notices.join('\n')).toMatch(/now another program/);
    } finally {
      other.kill('SIGKILL');
    }
  });

  it('waits out crash recovery after PostgreSQL itself was killed -9', async () => {
    const first = await start();
    await exec(first.url, 'insert into t select generate_series(1001, 2000)');
    const pid = postmasterPid(dataDir);
    process.kill(pid, 'SIGKILL');
    await gone(pid);
    await first.stop();
    // stop() of a dead server leaves the folder as the crash left it (persistent).
    writeFileSync(join(dataDir, 'postmaster.pid'), `${pid}\n${dataDir}\n0\n${port}\n`);
    const pg = await start();
    expect(await count(pg.url)).toBe(2000);
    await pg.stop();
    expect(notices.join('\n')).toMatch(/crash recovery/);
  });

  it('stops a server left running by a start that was killed -9, then starts', async () => {
    // `npm start` killed -9 leaves its PostgreSQL child running, holding the folder and the port.
    const code = `require(${JSON.stringify(join(ROOT, 'infra', 'embedded-postgres.ts'))}).startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, database: 'probe' }).then(() => console.log('up'))`;
    const child = spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('up') && resolve());
      child.once('exit', () => reject(new Error('the first start exited')));
    });
    const leftover = postmasterPid(dataDir);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    process.kill(leftover, 0);

    const pg = await start();
    expect(await count(pg.url)).toBe(2000);
    expect(postmasterPid(dataDir)).not.toBe(leftover);
    await pg.stop();
    expect(notices.join('\n')).toMatch(new RegExp(`PostgreSQL \\(pid ${leftover}\\) left running by an earlier start`));
  });

  it('a start that fails shows PostgreSQL\'s own last lines and what to do, instead of rejecting with nothing', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const err = await start().then((pg: EmbeddedPostgres) => pg.stop().then(() => null), (e: Error) => e);
      expect(err).toBeInstanceOf(Error);
      expect(err!.message).toMatch(/PostgreSQL exited during start/);
      expect(err!.message).toMatch(/\| .*could not (bind|create listen socket)/);
      expect(err!.message).toMatch(new RegExp(`What to do: port ${port} is taken by another program`));
    } finally {
      await new Promise((r) => blocker.close(r));
    }
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
  });

  it('a damaged data folder: PostgreSQL\'s PANIC and what to do', async () => {
    const copy = join(base, 'damaged', 'pg');
    mkdirSync(join(base, 'damaged'), { recursive: true });
    cpSync(dataDir, copy, { recursive: true });
    if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', copy]);
    writeFileSync(join(copy, 'global', 'pg_control'), Buffer.alloc(8192, 7));
    const err = await startEmbeddedPostgres({ dataDir: copy, port: await freePort(), database: 'probe' }).then((pg) => pg.stop().then(() => null), (e: Error) => e);
    expect(err?.message).toMatch(/PostgreSQL exited during start/);
    expect(err?.message).toMatch(/\| .*(PANIC|FATAL)/);
    expect(err?.message).toMatch(/What to do: /);
  });
});
