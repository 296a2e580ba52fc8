import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Encrypts channel credentials at rest: AES-256-GCM, a fresh IV per value, stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). The key never reaches the database.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('the secret key must be 32 bytes (base64 of 32 random bytes)');
    this.key = key;
  }

  static fromBase64(text: string): SecretBox {
    return new SecretBox(Buffer.from(text.trim(), 'base64'));
  }

  seal(plain: unknown): string {
    const { iv, tag, body } = this.encrypt(Buffer.from(JSON.stringify(plain), 'utf8'));
    return ['v1', iv, tag, body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  /** Bytes (a document): 1 version byte, 12 bytes IV, 16 bytes tag, then the ciphertext. */
  sealBytes(plain: Uint8Array): Buffer {
    const { iv, tag, body } = this.encrypt(plain);
    return Buffer.concat([Buffer.from([1]), iv, tag, body]);
  }

  /** AES-256-GCM with a fresh IV: the one cipher both sealed forms hold. */
  private encrypt(plain: Uint8Array): { iv: Buffer; tag: Buffer; body: Buffer } {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { iv, tag: cipher.getAuthTag(), body };
  }

  openBytes(sealed: Uint8Array): Buffer {
    const buf = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (buf.length < 29 || buf[0] !== 1) throw new Error('not a sealed document');
    const decipher = createDecipheriv('aes-256-gcm', this.key, buf.subarray(1, 13));
    decipher.setAuthTag(buf.subarray(13, 29));
    return Buffer.concat([decipher.update(buf.subarray(29)), decipher.final()]);
  }

  open<T = unknown>(sealed: string): T {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as T;
  }
}

/** The configured key, or one generated once and kept (mode 600) in the data folder. */
export async function resolveSecretBox(configured: string | undefined, dataDir: string): Promise<SecretBox> {
  if (configured) return SecretBox.fromBase64(configured);
  const path = join(dataDir, 'secret-key');
  if (existsSync(path)) return SecretBox.fromBase64(await readFile(path, 'utf8'));
  const key = randomBytes(32).toString('base64');
  await writeFile(path, `${key}\n`, { mode: 0o600 });
  return SecretBox.fromBase64(key);
}
