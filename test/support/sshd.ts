import type { ChildProcess} from 'node:child_process';
import { execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const exec = promisify(execFile);

export interface TestSshd {
  host: string;
  port: number;
  username: string;
  /** The client's private key (OpenSSH format), authorised on the server. */
  privateKey: string;
  /** The server's host key fingerprint as `ssh-keygen -lf` prints it: `SHA256:…`. */
  hostKeySha256: string;
  /** An empty folder for uploads (absolute). */
  dir: string;
  /** sshd's own log (stderr), for diagnosing a failing test. */
  log(): string;
  stop(): Promise<void>;
}

const SSHD_PATH = '/usr/sbin/sshd';

/** A fresh ed25519 key pair from `ssh-keygen`: `{ privateKey, publicKey }` (OpenSSH formats). */
export async function sshKeygen(dir: string, name: string): Promise<{ privateKey: string; publicKey: string; path: string }> {
  const path = join(dir, name);
  await exec('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', path]);
  return { privateKey: await readFile(path, 'utf8'), publicKey: await readFile(`${path}.pub`, 'utf8'), path };
}

/**
 * A real OpenSSH server (Debian's openssh-server) on a free loopback port, public-key login only,
 * for the current user, with the internal SFTP server. `stop()` kills it and deletes its folder.
 */
export async function startSshd(): Promise<TestSshd> {
  const root = await mkdtemp(join(tmpdir(), 'mf-sshd-'));
  const dir = join(root, 'upload');
  await mkdir(dir);
  // Privilege separation directory, which Debian's sshd insists on.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 }).catch(() => undefined);

  const hostKey = await sshKeygen(root, 'host_key');
  const client = await sshKeygen(root, 'client_key');
  await writeFile(join(root, 'authorized_keys'), client.publicKey, { mode: 0o600 });
  const { stdout: fingerprintLine } = await exec('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey.path}.pub`]);
  const hostKeySha256 = fingerprintLine.split(' ')[1];

  const port = await freePort();
  const username = userInfo().username;
  const config = join(root, 'sshd_config');
  await writeFile(config, [
    `ListenAddress 127.0.0.1`,
    `Port ${port}`,
    `HostKey ${hostKey.path}`,
    `PidFile ${join(root, 'pid')}`,
    `AuthorizedKeysFile ${join(root, 'authorized_keys')}`,
    'StrictModes no',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    `PermitRootLogin ${username === 'root' ? 'yes' : 'no'}`,
    `AllowUsers ${username}`,
    'UsePAM no',
    'Subsystem sftp internal-sftp',
    'LogLevel VERBOSE',
    'MaxStartups 50',
    '',
  ].join('\n'));

  const stderr: string[] = [];
  const child: ChildProcess = spawn(SSHD_PATH, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr?.on('data', (c: Buffer) => stderr.push(c.toString('utf8')));
  let exited = false;
  child.once('exit', () => { exited = true; });

  const stop = async () => {
    if (!exited && child.pid) {
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([gone, new Promise((r) => { timer = setTimeout(r, 3000); })]);
      clearTimeout(timer);
      if (!exited) child.kill('SIGKILL');
    }
    await rm(root, { recursive: true, force: true });
  };

  try {
    await waitForPort(port, 10_000, () => (exited ? `sshd exited: ${stderr.join('')}` : undefined));
  } catch (err) {
    await stop();
    throw err;
  }
  return { host: '127.0.0.1', port, username, privateKey: client.privateKey, hostKeySha256, dir, log: () => stderr.join(''), stop };
}

async function waitForPort(port: number, timeoutMs: number, failed: () => string | undefined): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const why = failed();
    if (why) throw new Error(why);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`sshd did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
