import { dictionary } from '@zxcvbn-ts/language-common';

let common: ReadonlySet<string> | undefined;

/**
 * The 49,000 most common passwords of zxcvbn-ts (from breach corpora), shipped in the npm
 * package: checked locally, no network, loaded on first use.
 */
export function isCommonPassword(lowerCase: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common.has(lowerCase);
}
