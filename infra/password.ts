import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { Algorithm, hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: { N: number; r: number; p: number; maxmem: number }) => Promise<Buffer>;

/** argon2id with OWASP's first recommended setting: 19 MiB, 2 passes, 1 lane (about 30 ms here). */
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** New hashes: argon2id, in the PHC string form (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`). */
export async function hashPassword(password: string): Promise<string> {
  return argon2Hash(password, ARGON2);
}

/** Checks a password against an argon2id hash, or an older scrypt one (`scrypt$N$r$p$salt$hash`). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (stored.startsWith('$argon2')) return argon2Verify(stored, password).catch(() => false);
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A stored hash from before argon2id (or with weaker settings): replaced at the next good sign-in. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(`$argon2id$v=19$m=${ARGON2.memoryCost},t=${ARGON2.timeCost},p=${ARGON2.parallelism}$`);
}

/** scrypt as it was hashed before argon2id (N = 2^15, r = 8, p = 1): for tests of the upgrade. */
export async function legacyScryptHash(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', 2 ** 15, 8, 1, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** A hash that matches no password: spent on unknown logins so their timing matches a real user's. */
export const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$oaTKGAh67e9i6gLhgIybnA$R/oCUdmvb6fmOZGH+7TnFj+FLtGGv6WCSGK1XO3vNuE';
