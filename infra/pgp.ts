import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * OpenPGP for reports: encrypt to a supplier's public key and sign with Mutaflow's key.
 *
 * Everything produced here is readable by GnuPG 2.2 (Debian stable, most suppliers' tooling):
 * v4 keys (EdDSA/Ed25519 + ECDH/Curve25519 in their "legacy" RFC 4880bis encodings), messages
 * in SEIPDv1 (CFB + MDC) — never AEAD / SEIPDv2 — with a binary literal data packet carrying
 * the file name, ASCII-armoured.
 *
 * openpgp v6 is an ES module; this file is CommonJS, so it is loaded with a dynamic import.
 */
type OpenPGP = typeof import('openpgp', { with: { 'resolution-mode': 'import' } });
type Key = import('openpgp', { with: { 'resolution-mode': 'import' } }).Key;
type PartialConfig = import('openpgp', { with: { 'resolution-mode': 'import' } }).PartialConfig;

let loaded: Promise<OpenPGP> | undefined;
const load = (): Promise<OpenPGP> => (loaded ??= import('openpgp'));

/** GnuPG-2.2-compatible: v4 keys, no AEAD. */
const COMPAT: PartialConfig = { v6Keys: false, aeadProtect: false };

/** The content type of an armoured OpenPGP message, and the name a report gets once encrypted. */
export const PGP_CONTENT_TYPE = 'application/pgp-encrypted';
export const encryptedFileName = (name: string) => `${name}.asc`;

export interface KeyPair {
  publicKey: string;
  privateKey: string;
}

export interface SigningKey extends KeyPair {
  /** Upper-case hex fingerprint of the primary (signing) key, as gpg prints it. */
  fingerprint: string;
}

/** A fresh v4 key pair: Ed25519 primary key (certify + sign), Curve25519 encryption subkey; no passphrase, no expiry. */
export async function generateSigningKey(identity: { name: string; email: string }): Promise<KeyPair> {
  const openpgp = await load();
  const { publicKey, privateKey } = await openpgp.generateKey({
    userIDs: [{ name: identity.name, email: identity.email }],
    type: 'ecc',
    curve: 'ed25519Legacy',
    format: 'armored',
    config: COMPAT,
  });
  return { publicKey, privateKey };
}

export const SIGNING_KEY_FILE = 'pgp-signing-key.asc';
export const SIGNING_PUBLIC_KEY_FILE = 'pgp-signing-key.pub.asc';

/**
 * Mutaflow's signing key: the configured armoured private key (`MUTAFLOW_PGP_PRIVATE_KEY`), else
 * one generated once into `<dataDir>/pgp-signing-key.asc` (mode 600) with its public half beside
 * it (`pgp-signing-key.pub.asc`, to hand to suppliers). The key must not be passphrase-protected.
 */
export async function resolveSigningKey(
  configured: string | undefined,
  dataDir: string,
  identity: { name: string; email: string } = { name: 'Mutaflow', email: 'mutaflow@localhost' },
): Promise<SigningKey> {
  if (configured?.trim()) return describeSigningKey(configured.trim());
  const path = join(dataDir, SIGNING_KEY_FILE);
  const publicPath = join(dataDir, SIGNING_PUBLIC_KEY_FILE);
  if (!existsSync(path)) {
    await mkdir(dataDir, { recursive: true });
    const pair = await generateSigningKey(identity);
    try {
      // 'wx': when two processes start at once, the first key written wins and the other reads it.
      await writeFile(path, pair.privateKey, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = await describeSigningKey(await readFile(path, 'utf8'));
  const existingPublic = existsSync(publicPath) ? await readFile(publicPath, 'utf8') : null;
  if (existingPublic !== key.publicKey) await writeFile(publicPath, key.publicKey, { mode: 0o644 });
  return key;
}

async function describeSigningKey(armoredPrivateKey: string): Promise<SigningKey> {
  const openpgp = await load();
  const key = await openpgp.readPrivateKey({ armoredKey: armoredPrivateKey, config: COMPAT }).catch((err: unknown) => {
    throw new Error(`the PGP signing key is not an armoured OpenPGP private key (${errorText(err)})`);
  });
  if (!key.isDecrypted()) throw new Error('the PGP signing key is protected by a passphrase; configure an unprotected key');
  if (key.keyPacket.version !== 4) throw new Error(`the PGP signing key is a v${key.keyPacket.version} key; GnuPG 2.2 reads v4 keys only`);
  await key.getSigningKey(undefined, new Date(), undefined, { ...openpgp.config, ...COMPAT }).catch((err: unknown) => {
    throw new Error(`the PGP signing key cannot sign (${errorText(err)})`);
  });
  return { privateKey: armoredPrivateKey, publicKey: key.toPublic().armor(), fingerprint: key.getFingerprint().toUpperCase() };
}

export type PublicKeyCheck =
  | { ok: true; fingerprint: string; userIds: string[]; expiresAt: string | null }
  | { ok: false; reason: string };

/** Public-key algorithms GnuPG 2.2 can encrypt to (it lacks the RFC 9580 X25519/X448 ones). */
const GNUPG22_ENCRYPTION_ALGORITHMS = new Set(['rsaEncryptSign', 'rsaEncrypt', 'elgamal', 'ecdh']);
const MAX_KEY_TEXT = 1024 * 1024;

/**
 * Validates a public key an API user uploads for a supplier: exactly one armoured public v4 key,
 * neither expired nor revoked, with a usable encryption (sub)key GnuPG 2.2 understands.
 * The reason, when refused, is meant for the user.
 */
export async function checkPublicKey(armored: string): Promise<PublicKeyCheck> {
  try {
    const key = await readRecipientKey(armored);
    const openpgp = await load();
    const expiration = await key.getExpirationTime(undefined, { ...openpgp.config, ...COMPAT });
    const expiresAt = expiration instanceof Date ? expiration.toISOString() : null;
    return { ok: true, fingerprint: key.getFingerprint().toUpperCase(), userIds: key.getUserIDs(), expiresAt };
  } catch (err) {
    return { ok: false, reason: errorText(err) };
  }
}

class KeyRejected extends Error {}

async function readRecipientKey(armored: string): Promise<Key> {
  const text = typeof armored === 'string' ? armored.trim() : '';
  if (!text) throw new KeyRejected('no key given');
  if (text.length > MAX_KEY_TEXT) throw new KeyRejected('the key text is too long');
  if (/-----BEGIN PGP PRIVATE KEY BLOCK-----/.test(text)) {
    throw new KeyRejected('this is a private key: upload the public key only (and consider the private key compromised)');
  }
  if (!/-----BEGIN PGP PUBLIC KEY BLOCK-----/.test(text)) throw new KeyRejected('not an ASCII-armoured OpenPGP public key (-----BEGIN PGP PUBLIC KEY BLOCK-----)');
  const openpgp = await load();
  const config = { ...openpgp.config, ...COMPAT };
  let keys: Key[];
  try {
    keys = await openpgp.readKeys({ armoredKeys: text, config: COMPAT });
  } catch (err) {
    throw new KeyRejected(`not a readable OpenPGP key (${errorText(err)})`);
  }
  if (keys.length !== 1) throw new KeyRejected(`expected exactly one key, found ${keys.length}`);
  const key = keys[0];
  if (key.isPrivate()) throw new KeyRejected('this is a private key: upload the public key only (and consider the private key compromised)');
  if (key.keyPacket.version !== 4) throw new KeyRejected(`a v${key.keyPacket.version} key: GnuPG 2.2 reads v4 keys only — export a v4 key`);
  const now = new Date();
  if (await key.isRevoked(undefined, undefined, now, config)) throw new KeyRejected('the key is revoked');
  try {
    await key.verifyPrimaryKey(now, undefined, config);
  } catch (err) {
    throw new KeyRejected(`the key is not usable: ${errorText(err)}`);
  }
  let encryptionKey;
  try {
    encryptionKey = await key.getEncryptionKey(undefined, now, undefined, config);
  } catch (err) {
    throw new KeyRejected(`the key has no valid encryption subkey (${errorText(err)})`);
  }
  const { algorithm } = encryptionKey.getAlgorithmInfo();
  if (!GNUPG22_ENCRYPTION_ALGORITHMS.has(algorithm)) {
    throw new KeyRejected(`the encryption subkey uses ${algorithm}, which GnuPG 2.2 cannot read — use RSA or Curve25519 (ECDH)`);
  }
  return key;
}

/**
 * Never AEAD: openpgp v6 chooses SEIPDv2 (AEAD) when every recipient's self-signature advertises it,
 * whatever `aeadProtect` says. Clearing that feature bit on our in-memory copy of the key (the
 * signatures keep their raw hashed data, so they still verify) keeps the message SEIPDv1.
 */
function withoutSeipdV2(key: Key): Key {
  const SEIPDV2 = 0x08;
  for (const user of key.users) {
    for (const sig of user.selfCertifications) {
      if (sig.features && sig.features.length > 0) {
        const features = Uint8Array.from(sig.features);
        features[0] &= ~SEIPDV2;
        sig.features = features;
      }
    }
  }
  return key;
}

/**
 * Encrypts `data` to the recipient and signs it with Mutaflow's key: one ASCII-armoured OpenPGP
 * message (SEIPDv1, binary literal data named `fileName`), as GnuPG 2.2 decrypts and verifies it
 * with `gpg --decrypt`.
 */
export async function encryptAndSign(
  data: Uint8Array,
  recipientPublicKeyArmored: string,
  signingPrivateKeyArmored: string,
  options: { fileName?: string; date?: Date } = {},
): Promise<Buffer> {
  const openpgp = await load();
  let recipient: Key;
  try {
    recipient = withoutSeipdV2(await readRecipientKey(recipientPublicKeyArmored));
  } catch (err) {
    throw new Error(`the supplier's PGP key cannot be used: ${errorText(err)}`, { cause: err });
  }
  const signer = await openpgp.readPrivateKey({ armoredKey: signingPrivateKeyArmored, config: COMPAT });
  if (!signer.isDecrypted()) throw new Error('the PGP signing key is protected by a passphrase; configure an unprotected key');
  const date = options.date ?? new Date();
  const message = await openpgp.createMessage({ binary: data, filename: options.fileName ?? '', format: 'binary', date });
  const armored = await openpgp.encrypt({
    message,
    encryptionKeys: recipient,
    signingKeys: signer,
    format: 'armored',
    date,
    config: COMPAT,
  });
  return Buffer.from(armored, 'utf8');
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/^Error: /, '');
}

/** The signing key's private half, resolved once on first use (a worker may never sign). */
export function lazySigningKey(configured: string | undefined, dataDir: string): () => Promise<string> {
  let key: Promise<string> | undefined;
  return () => (key ??= resolveSigningKey(configured, dataDir).then((k) => k.privateKey));
}
