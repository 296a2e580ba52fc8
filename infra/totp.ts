import { Secret, TOTP } from 'otpauth';

/** TOTP as authenticator apps know it (RFC 6238): SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const totpFor = (secret: string, label = 'user') => new TOTP({ issuer: 'Mutaflow', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });

/** A new random secret (160 bits), base32 as apps take it. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32;

/** The otpauth:// URI an app reads (from a QR code or pasted). */
export const totpUri = (secret: string, email: string): string => totpFor(secret, email).toString();

/** The code for a moment (tests, and the demo's helper script). */
export const totpCode = (secret: string, at = Date.now()): string => totpFor(secret).generate({ timestamp: at });

/**
 * The time step a code belongs to when it is good now (one step of clock drift either way),
 * and later than `lastStep`: a code is used once. Null when it is not good.
 */
export function checkTotp(secret: string, code: string, lastStep: number | null, at = Date.now()): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret).validate({ token: code, timestamp: at, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(at / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
