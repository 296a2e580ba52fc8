import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { assertPlainFileName, causeText, DEFAULT_TIMEOUT_MS, DeliveryError, type DeliveryOptions, redact, type Receipt, type ReportFile, TRANSIENT_NETWORK_CODES, withDeadline } from './common';
import { OutboundRefused, STRICT_OUTBOUND, vetDestination, type VettedAddress } from '../outbound';
import type { DeliveryCredentials, SftpTarget } from './schema';

/** OpenSSH's fingerprint form of a host key blob: `SHA256:` + unpadded base64 of its SHA-256. */
function sshHostKeySha256(keyBlob: Buffer): string {
  return `SHA256:${createHash('sha256').update(keyBlob).digest('base64').replace(/=+$/, '')}`;
}

const normalisePin = (pin: string) => `SHA256:${pin.trim().replace(/^SHA256:/, '').replace(/=+$/, '')}`;

/**
 * SFTP: upload to `<dir>/.<name>.part`, then rename to `<dir>/<name>`, so the supplier never
 * picks up half a file. A file already at `<dir>/<name>` with the same size is taken as this
 * delivery having succeeded before (a retry after success): nothing is uploaded again.
 */
export async function deliverSftp(target: SftpTarget, credentials: DeliveryCredentials | undefined, file: ReportFile, opts: DeliveryOptions): Promise<Receipt> {
  assertPlainFileName('sftp', file.name);
  if (!credentials?.password && !credentials?.privateKey) {
    throw new DeliveryError('sftp', 'no credentials: a password or a private key is needed', false, 'no-credentials');
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy = opts.outbound ?? STRICT_OUTBOUND;
  const where = `${target.host}:${target.port ?? 22}`;
  const pin = target.hostKeySha256 ? normalisePin(target.hostKeySha256) : undefined;
  // Without a pin anyone on the path could be the server and receive the file: only for local testing.
  if (!pin && !policy.insecureLocalTesting) {
    throw new DeliveryError('sftp', `no pinned host key for ${where} (hostKeySha256 is required)`, false, 'no-host-key-pin');
  }
  // The address is checked before connecting, and the connection goes to that address.
  let vetted: VettedAddress;
  try {
    vetted = await vetDestination(policy, target.host, target.port ?? 22);
  } catch (err) {
    if (err instanceof OutboundRefused) throw new DeliveryError('sftp', `refused before connecting: ${err.message}`, false, err.code);
    const code = String((err as { code?: unknown })?.code ?? 'dns');
    throw new DeliveryError('sftp', `cannot resolve ${where} (${code})`, true, code);
  }
  let seenHostKey: string | undefined;
  let hostKeyRefused = false;
  let sshError: (Error & { level?: string; code?: string | number }) | undefined;
  let timedOut = false;

  // Quiet global callbacks: the library's defaults write to the console; errors are classified below.
  const client = new SftpClient('mutaflow-delivery', { error: () => undefined, end: () => undefined, close: () => undefined });
  const raw = (client as unknown as { client: { end(): void; destroy?(): void } }).client;
  client.on('error', (err: Error) => { sshError ??= err; });

  const work = async (): Promise<Receipt> => {
    await client.connect({
      host: vetted.address,
      port: target.port ?? 22,
      username: target.username,
      password: credentials.password,
      privateKey: credentials.privateKey,
      passphrase: credentials.passphrase,
      readyTimeout: timeoutMs,
      tryKeyboard: false,
      hostVerifier: (key: Buffer) => {
        seenHostKey = sshHostKeySha256(key);
        if (pin && seenHostKey !== pin) {
          hostKeyRefused = true;
          return false;
        }
        return true;
      },
    });
    const directory = target.directory ?? '.';
    if ((await client.exists(directory)) !== 'd') {
      throw new DeliveryError('sftp', `the folder ${directory} does not exist on ${where}`, false, 'no-such-folder');
    }
    const finalPath = posix.join(directory, file.name);
    const partPath = posix.join(directory, `.${file.name}.part`);
    const size = file.bytes.byteLength;
    const receipt = (extra: Receipt): Receipt => ({ path: finalPath, size, hostKeySha256: seenHostKey, ...extra });

    const existing = await client.exists(finalPath);
    if (existing === '-') {
      const stats = await client.stat(finalPath);
      if (stats.size === size) return receipt({ alreadyPresent: true });
    } else if (existing) {
      throw new DeliveryError('sftp', `${finalPath} exists on ${where} and is not a file`, false, 'not-a-file');
    }
    if (await client.exists(partPath)) await client.delete(partPath, true);
    await client.put(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), partPath);
    const uploaded = await client.stat(partPath);
    if (uploaded.size !== size) {
      throw new DeliveryError('sftp', `upload to ${where} incomplete (${uploaded.size} of ${size} bytes)`, true, 'incomplete');
    }
    if (existing) {
      // A different file under the final name (e.g. an earlier version): replace it atomically if the
      // server can (OpenSSH's posix-rename), else delete and rename.
      try {
        await client.posixRename(partPath, finalPath);
      } catch {
        await client.delete(finalPath, true);
        await client.rename(partPath, finalPath);
      }
    } else {
      await client.rename(partPath, finalPath);
    }
    return receipt({ alreadyPresent: false });
  };

  try {
    return await withDeadline(timeoutMs, work(), () => {
      timedOut = true;
      try { raw.end(); } catch { /* already closed */ }
    }, () => new DeliveryError('sftp', `no answer from ${where} within ${timeoutMs} ms`, true, 'timeout'));
  } catch (err) {
    if (err instanceof DeliveryError) throw err;
    throw classify(err, { where, pin, seenHostKey, hostKeyRefused, sshError, timedOut, credentials });
  } finally {
    await client.end().catch(() => undefined);
  }
}

function classify(
  err: unknown,
  ctx: {
    where: string; pin?: string; seenHostKey?: string; hostKeyRefused: boolean; timedOut: boolean;
    sshError?: Error & { level?: string; code?: string | number }; credentials: DeliveryCredentials;
  },
): DeliveryError {
  const { where } = ctx;
  const clean = (text: string) => redact(text, ctx.credentials);
  if (ctx.timedOut) return new DeliveryError('sftp', `no answer from ${where} in time`, true, 'timeout');
  if (ctx.hostKeyRefused) {
    return new DeliveryError('sftp', `the host key of ${where} (${ctx.seenHostKey}) is not the pinned one (${ctx.pin}): refused`, false, 'host-key');
  }
  const level = ctx.sshError?.level;
  const netCode = String((ctx.sshError?.code ?? (err as { code?: unknown })?.code) ?? '');
  if (level === 'client-authentication') {
    return new DeliveryError('sftp', `${where} refused the credentials (authentication failed)`, false, 'auth');
  }
  if (level === 'client-timeout') return new DeliveryError('sftp', `no answer from ${where} in time`, true, 'timeout');
  if (level === 'client-socket' || level === 'client-dns' || TRANSIENT_NETWORK_CODES.has(netCode)) {
    return new DeliveryError('sftp', `cannot reach ${where} (${netCode || level})`, true, netCode || level);
  }
  const text = causeText(err);
  // ssh2 parses keys before connecting; these messages never contain the key itself, but redact anyway.
  if (/privateKey|private key|Cannot parse|passphrase/i.test(text)) {
    return new DeliveryError('sftp', `the private key cannot be used (${clean(text)})`, false, 'bad-key');
  }
  // SFTP status codes: 2 no such file, 3 permission denied — a wrong folder or rights: retrying won't help.
  if (netCode === '2' || netCode === '3' || netCode === 'ENOENT' || netCode === 'EACCES' || /no such file|permission denied/i.test(text)) {
    return new DeliveryError('sftp', `${where}: ${clean(text)}`, false, netCode === '3' || netCode === 'EACCES' ? 'permission' : 'no-such-path');
  }
  return new DeliveryError('sftp', `${where}: ${clean(text)}`, true, netCode || 'sftp');
}
