import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';

/**
 * Encrypts every Temporal payload (workflow and activity arguments and results, signals, updates,
 * queries, memos) with AES-256-GCM before it leaves the process, so the Temporal server, its
 * database and its UI hold only ciphertext. Defence in depth: workflows carry ids, dates and
 * statuses, never personal data (docs/architecture.md) — this covers what slips through anyway.
 *
 * Worker and every client use the same codec (the same key). A payload without our encoding
 * (a history recorded before the codec, a workflow started by an older client) is passed through
 * as it is, so running workflows and recorded histories keep working.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
const KEY_ID = 'encryption-key-id';

const text = (s: string) => new TextEncoder().encode(s);
const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64');

export class EncryptionCodec implements PayloadCodec {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('the payload key must be 32 bytes');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      const plain = Buffer.from(JSON.stringify({
        m: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
        d: p.data ? b64(p.data) : null,
      }));
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.key, iv);
      cipher.setAAD(Buffer.from(this.keyId));
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return {
        metadata: { encoding: text(ENCRYPTED_ENCODING), [KEY_ID]: text(this.keyId) },
        data: new Uint8Array(Buffer.concat([iv, body, cipher.getAuthTag()])),
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      const encoding = p.metadata?.encoding ? Buffer.from(p.metadata.encoding).toString() : undefined;
      if (encoding !== ENCRYPTED_ENCODING) return p;
      const keyId = p.metadata?.[KEY_ID] ? Buffer.from(p.metadata[KEY_ID]).toString() : '';
      if (keyId !== this.keyId) throw new Error(`a payload is encrypted with another key (${keyId}): check MUTAFLOW_PAYLOAD_KEY / MUTAFLOW_SECRET_KEY`);
      const data = Buffer.from(p.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', this.key, data.subarray(0, 12));
      decipher.setAAD(Buffer.from(this.keyId));
      decipher.setAuthTag(data.subarray(data.length - 16));
      const plain = Buffer.concat([decipher.update(data.subarray(12, data.length - 16)), decipher.final()]);
      const { m, d } = JSON.parse(plain.toString()) as { m: Record<string, string>; d: string | null };
      return {
        metadata: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
        ...(d === null ? {} : { data: new Uint8Array(Buffer.from(d, 'base64')) }),
      };
    });
  }
}

/** What workers and clients pass as `dataConverter`. */
export const encryptedDataConverter = (codec: EncryptionCodec) => ({ payloadCodecs: [codec] });

/** The payload key from MUTAFLOW_SECRET_KEY (base64), for processes that have that key but no own payload key. */
function derivePayloadKey(secretKeyBase64: string): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(secretKeyBase64, 'base64'), Buffer.alloc(0), 'mutaflow temporal payloads v1', 32));
}

/**
 * The payload key: MUTAFLOW_PAYLOAD_KEY, else derived from MUTAFLOW_SECRET_KEY, else (npm start,
 * embedded) generated once into `<data>/payload-key` (mode 600).
 */
export async function resolvePayloadCodec(payloadKey: string | undefined, secretKey: string | undefined, dataDir: string): Promise<EncryptionCodec> {
  if (payloadKey) {
    const key = Buffer.from(payloadKey, 'base64');
    if (key.length !== 32) throw new Error('MUTAFLOW_PAYLOAD_KEY must be base64 of 32 bytes');
    return new EncryptionCodec(key);
  }
  if (secretKey) return new EncryptionCodec(derivePayloadKey(secretKey));
  const file = join(dataDir, 'payload-key');
  try {
    return new EncryptionCodec(Buffer.from((await readFile(file, 'utf8')).trim(), 'base64'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  await mkdir(dataDir, { recursive: true });
  const key = randomBytes(32);
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return new EncryptionCodec(key);
}
