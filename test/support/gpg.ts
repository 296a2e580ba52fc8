import { execFile, spawn } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What `gpg --decrypt --status-fd 1` said about a message. */
export interface GpgDecryption {
  exitCode: number;
  plaintext: Buffer;
  /** The raw `[GNUPG:] …` status lines. */
  status: string[];
  /** Key ids (16 hex) of GOODSIG lines. */
  goodSignatures: string[];
  /** Primary-key fingerprints (the last VALIDSIG field) of valid signatures. */
  validSignatureFingerprints: string[];
  /** The PLAINTEXT line: format (hex-coded there; 'b' binary, 't' text, 'u' utf-8) and file name. */
  literal: { format: string; fileName: string } | null;
  /** DECRYPTION_INFO: MDC method, symmetric algorithm, AEAD algorithm (0 = none). */
  decryptionInfo: { mdcMethod: number; symmetricAlgorithm: number; aeadAlgorithm: number } | null;
  stderr: string;
}

export interface GpgHome {
  home: string;
  run(args: string[], input?: Uint8Array | string): Promise<{ code: number; stdout: Buffer; stderr: string }>;
  importKey(armored: string): Promise<void>;
  /** `gpg --quick-gen-key` (no passphrase, no expiry); returns the fingerprint and the armoured public key. */
  generateKey(userId: string, algo?: string): Promise<{ fingerprint: string; publicKey: string }>;
  decrypt(message: Uint8Array): Promise<GpgDecryption>;
  cleanup(): Promise<void>;
}

/** A throw-away GNUPGHOME with the real Debian `gpg`; `cleanup()` stops its agent and deletes it. */
export async function createGpgHome(): Promise<GpgHome> {
  const home = await mkdtemp(join(tmpdir(), 'mf-gpg-'));
  await chmod(home, 0o700);

  const run: GpgHome['run'] = (args, input) => new Promise((resolve, reject) => {
    const child = spawn('gpg', ['--homedir', home, '--batch', '--no-tty', '--pinentry-mode', 'loopback', '--passphrase', '', ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, GNUPGHOME: home, LANG: 'C', LC_ALL: 'C' },
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.end(input === undefined ? undefined : Buffer.from(input));
  });

  const must = async (args: string[], input?: Uint8Array | string) => {
    const res = await run(args, input);
    if (res.code !== 0) throw new Error(`gpg ${args.join(' ')} failed (${res.code}): ${res.stderr}`);
    return res;
  };

  return {
    home,
    run,
    async importKey(armored) {
      await must(['--import'], armored);
    },
    async generateKey(userId, algo = 'default') {
      await must(['--quick-gen-key', userId, algo, 'default', 'never']);
      const listing = (await must(['--with-colons', '--list-keys', userId])).stdout.toString('utf8');
      const fpr = listing.split('\n').find((l) => l.startsWith('fpr:'))?.split(':')[9];
      if (!fpr) throw new Error(`no fingerprint in gpg listing: ${listing}`);
      const publicKey = (await must(['--armor', '--export', fpr])).stdout.toString('utf8');
      return { fingerprint: fpr, publicKey };
    },
    async decrypt(message) {
      const input = join(home, `in-${Date.now()}-${Math.random().toString(36).slice(2)}.asc`);
      const output = `${input}.out`;
      await writeFile(input, message);
      const res = await run(['--status-fd', '1', '--yes', '--output', output, '--decrypt', input]);
      const plaintext = await readFile(output).catch(() => Buffer.alloc(0));
      await rm(input, { force: true });
      await rm(output, { force: true });
      const status = res.stdout.toString('utf8').split('\n').filter((l) => l.startsWith('[GNUPG:] '));
      const fields = (keyword: string) => status.filter((l) => l.split(' ')[1] === keyword).map((l) => l.split(' ').slice(2));
      const plain = fields('PLAINTEXT')[0];
      const info = fields('DECRYPTION_INFO')[0];
      return {
        exitCode: res.code,
        plaintext,
        status,
        goodSignatures: fields('GOODSIG').map((f) => f[0]),
        validSignatureFingerprints: fields('VALIDSIG').map((f) => f[f.length - 1]),
        literal: plain ? { format: String.fromCharCode(parseInt(plain[0], 16)), fileName: decodeURIComponent(plain[2] ?? '') } : null,
        decryptionInfo: info ? { mdcMethod: Number(info[0]), symmetricAlgorithm: Number(info[1]), aeadAlgorithm: Number(info[2] ?? 0) } : null,
        stderr: res.stderr,
      };
    },
    async cleanup() {
      await new Promise<void>((resolve) => {
        execFile('gpgconf', ['--homedir', home, '--kill', 'all'], { env: { ...process.env, GNUPGHOME: home } }, () => resolve());
      });
      await rm(home, { recursive: true, force: true });
    },
  };
}
