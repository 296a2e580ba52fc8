import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';

/** The first 4 bytes of sha256 over the key: which key sealed a value (never the key itself). */
const keyIdOf = (key: Buffer) => createHash('sha256').update('mutaflow-key-id').update(key).digest().subarray(0, 4);

/** Sealed files start with this (4 bytes), then the key id (4), the IV (12), the ciphertext, the tag (16). */
export const SEALED_FILE_MAGIC = Buffer.from('MFS2');
const FILE_HEADER = 4 + 4 + 12;
const TAG = 16;

/**
 * Encrypts at rest with AES-256-GCM, a fresh IV per value. Several keys may be configured: the
 * first seals, every one opens (key rotation: put the new key first, keep the old ones until
 * nothing sealed under them is left). Every sealed value names its key by id; `aad` binds a value
 * to the row it belongs to (a value copied to another row does not open there). Forms:
 * - text `v2.<kid>.<iv>.<tag>.<ciphertext>` (base64url; `v1.` without a key id still opens);
 * - bytes: version 2, key id, IV, tag, ciphertext (version 1 without a key id still opens);
 * - files (streams): `MFS2`, key id, IV, ciphertext, tag — see sealStream/openStream.
 */
export class SecretBox {
  private readonly keys: { id: Buffer; key: Buffer }[];

  constructor(keys: Buffer | readonly Buffer[]) {
    const list = Buffer.isBuffer(keys) ? [keys] : [...keys];
    if (!list.length) throw new Error('no secret key');
    for (const key of list) if (key.length !== 32) throw new Error('the secret key must be 32 bytes (base64 of 32 random bytes)');
    this.keys = list.map((key) => ({ id: keyIdOf(key), key }));
  }

  /** One key, or several separated by commas: the first seals, all open. */
  static fromBase64(text: string): SecretBox {
    return new SecretBox(text.split(',').map((k) => k.trim()).filter(Boolean).map((k) => Buffer.from(k, 'base64')));
  }

  /** The id of the key that seals now (hex). */
  get keyId(): string {
    return this.keys[0].id.toString('hex');
  }

  /** The id of the key a sealed value names (hex), or null for the old forms without one. */
  static keyIdOf(sealed: string | Uint8Array): string | null {
    if (typeof sealed === 'string') return sealed.startsWith('v2.') ? sealed.split('.')[1] : null;
    const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (buf.subarray(0, 4).equals(SEALED_FILE_MAGIC)) return buf.subarray(4, 8).toString('hex');
    return buf[0] === 2 ? buf.subarray(1, 5).toString('hex') : null;
  }

  seal(plain: unknown, aad?: string): string {
    const { id, iv, tag, body } = this.encrypt(Buffer.from(JSON.stringify(plain), 'utf8'), aad);
    return ['v2', id.toString('hex'), ...[iv, tag, body].map((p) => p.toString('base64url'))].join('.');
  }

  open<T = unknown>(sealed: string, aad?: string): T {
    const parts = sealed.split('.');
    const [version] = parts;
    let plain: Buffer;
    if (version === 'v2' && parts.length === 5) {
      const [, kid, iv, tag, body] = parts;
      plain = this.decrypt(this.keysFor(Buffer.from(kid, 'hex')), Buffer.from(iv, 'base64url'), Buffer.from(tag, 'base64url'), Buffer.from(body, 'base64url'), aad);
    } else if (version === 'v1' && parts.length === 4) {
      const [, iv, tag, body] = parts;
      plain = this.decrypt(this.keys, Buffer.from(iv, 'base64url'), Buffer.from(tag, 'base64url'), Buffer.from(body, 'base64url'));
    } else throw new Error('not a sealed secret');
    return JSON.parse(plain.toString('utf8')) as T;
  }

  /** Bytes (a document). */
  sealBytes(plain: Uint8Array, aad?: string): Buffer {
    const { id, iv, tag, body } = this.encrypt(plain, aad);
    return Buffer.concat([Buffer.from([2]), id, iv, tag, body]);
  }

  openBytes(sealed: Uint8Array, aad?: string): Buffer {
    const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (buf[0] === 2 && buf.length >= 33) return this.decrypt(this.keysFor(buf.subarray(1, 5)), buf.subarray(5, 17), buf.subarray(17, 33), buf.subarray(33), aad);
    if (buf[0] === 1 && buf.length >= 29) return this.decrypt(this.keys, buf.subarray(1, 13), buf.subarray(13, 29), buf.subarray(29));
    throw new Error('not a sealed document');
  }

  /** A stream that seals what passes through (files of any size): header first, the tag last. */
  sealStream(aad: string): Transform {
    const { id, key } = this.keys[0];
    const iv = freshIv();
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    let started = false;
    return new Transform({
      transform(chunk: Buffer, _enc, done) {
        const out = cipher.update(chunk);
        if (!started) {
          started = true;
          return done(null, Buffer.concat([SEALED_FILE_MAGIC, id, iv, out]));
        }
        done(null, out);
      },
      flush(done) {
        const last = cipher.final();
        done(null, Buffer.concat([started ? Buffer.alloc(0) : Buffer.concat([SEALED_FILE_MAGIC, id, iv]), last, cipher.getAuthTag()]));
      },
    });
  }

  /**
   * Opens a sealed file's stream, given its header (the first 20 bytes) and tag (the last 16),
   * which the caller reads first: the stream then takes the bytes in between. The tag is
   * checked at the end — a changed file, another key or another row's `aad` fails there.
   */
  openStream(header: Buffer, tag: Buffer, aad: string): Transform {
    if (header.length !== FILE_HEADER || !header.subarray(0, 4).equals(SEALED_FILE_MAGIC)) throw new Error('not a sealed file');
    const keys = this.keysFor(header.subarray(4, 8));
    if (!keys.length) throw new Error('sealed under a key that is not configured');
    const decipher = createDecipheriv('aes-256-gcm', keys[0].key, header.subarray(8, 20));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return new Transform({
      transform(chunk: Buffer, _enc, done) {
        done(null, decipher.update(chunk));
      },
      flush(done) {
        try {
          done(null, decipher.final());
        } catch {
          done(new Error('a sealed file failed its check (changed, another key, or not this row\'s)'));
        }
      },
    });
  }

  static readonly FILE_HEADER = FILE_HEADER;
  static readonly FILE_TAG = TAG;

  private keysFor(id: Buffer) {
    return this.keys.filter((k) => k.id.equals(id));
  }

  private encrypt(plain: Uint8Array, aad?: string): { id: Buffer; iv: Buffer; tag: Buffer; body: Buffer } {
    const { id, key } = this.keys[0];
    const iv = freshIv();
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { id, iv, tag: cipher.getAuthTag(), body };
  }

  /** Tries the candidate keys (one, by id; all, for the old forms); the tag decides. */
  private decrypt(candidates: readonly { key: Buffer }[], iv: Buffer, tag: Buffer, body: Buffer, aad?: string): Buffer {
    if (!candidates.length) throw new Error('sealed under a key that is not configured');
    let last: unknown;
    for (const { key } of candidates) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]);
      } catch (err) {
        last = err;
      }
    }
    throw last instanceof Error ? last : new Error('cannot open a sealed value');
  }
}

/**
 * A random 12-byte IV, cut from random bytes drawn 4,096 IVs at a time: one `randomBytes` call
 * per value was a third of sealing's cost (an audit seals each of up to a hundred thousand
 * findings). Each IV is used once; a used block is never written again (the next is a new buffer).
 */
let ivBlock = Buffer.alloc(0);
let ivAt = 0;
function freshIv(): Buffer {
  if (ivAt + 12 > ivBlock.length) {
    ivBlock = randomBytes(12 * 4_096);
    ivAt = 0;
  }
  ivAt += 12;
  return ivBlock.subarray(ivAt - 12, ivAt);
}

/** The configured key(s), or one generated once and kept (mode 600) in the data folder. */
export async function resolveSecretBox(configured: string | undefined, dataDir: string): Promise<SecretBox> {
  if (configured) return SecretBox.fromBase64(configured);
  const path = join(dataDir, 'secret-key');
  if (existsSync(path)) return SecretBox.fromBase64(await readFile(path, 'utf8'));
  const key = randomBytes(32).toString('base64');
  await writeFile(path, `${key}\n`, { mode: 0o600 });
  return SecretBox.fromBase64(key);
}
