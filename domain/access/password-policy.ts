/**
 * What a new password must be (ASVS 6.2): at least 12 characters, at most 200, and not one that
 * attackers try first — a common or breached password, that password with digits or signs
 * added at the end, or the account's own name. Length beats composition rules, so there are none.
 */
const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

export interface PasswordContext {
  /** Is this (lower-case) word on the list of common and breached passwords? */
  isCommon: (lowerCase: string) => boolean;
  /** The account's e-mail address, when known. */
  email?: string;
}

/** Why a new password is refused, as a code: what a screen says in its user's language. */
export type PasswordReason = 'too_short' | 'too_long' | 'common' | 'few_characters' | 'contains_email';

/** Why a new password is refused (code and words), or null when it will do. Never repeats the password. */
export function passwordRefusal(password: string, ctx: PasswordContext): { reason: PasswordReason; message: string } | null {
  if (password.length < MIN_PASSWORD_LENGTH) return { reason: 'too_short', message: `at least ${MIN_PASSWORD_LENGTH} characters` };
  if (password.length > MAX_PASSWORD_LENGTH) return { reason: 'too_long', message: `at most ${MAX_PASSWORD_LENGTH} characters` };
  const lower = password.toLowerCase();
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (ctx.isCommon(lower) || (stem.length >= 4 && ctx.isCommon(stem))) {
    return { reason: 'common', message: 'a common or breached password: choose another (a few unrelated words make a good one)' };
  }
  if (new Set(lower).size < 4) return { reason: 'few_characters', message: 'too few different characters' };
  const local = ctx.email?.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return { reason: 'contains_email', message: 'the password must not contain the e-mail address' };
  return null;
}

/** Why a new password is refused, in words, or null when it will do. */
export const passwordProblem = (password: string, ctx: PasswordContext): string | null => passwordRefusal(password, ctx)?.message ?? null;

/** Roles holding any of these need a second factor (TOTP) to sign in: administration and health data. */
export function requiresSecondFactor(permissions: Iterable<string>): boolean {
  for (const p of permissions) if (p.startsWith('admin.') || p === 'accidents.health') return true;
  return false;
}
