import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { totpCode } from '../infra/totp';

/**
 * Demo users to sign in to the web UI with: an HR user granted the demo employer, an accident
 * manager (the only one who sees medical details, made by the health administrator: the admin
 * cannot grant health access) and an admin. One password for all; a restarted demo resets it.
 * The accident manager and the admin need a second factor (their roles hold health and admin
 * permissions): the demo sets one up for each, keeps the secrets in data/demo-totp.json, and
 * `npx tsx scripts/demo-totp.ts` prints their current codes.
 */
export const DEMO_PASSWORD = 'mutaflow-demo-2026';
export const DEMO_USERS = [
  { email: 'hr@mutaflow.demo', name: 'Hanna de Vries (HR)', role: 'hr', language: 'nl', health: false, secondFactor: false },
  { email: 'ongevallen@mutaflow.demo', name: 'Olivier Janssens (accident manager)', role: 'accident_manager', language: 'nl', health: true, secondFactor: true },
  { email: 'admin@mutaflow.demo', name: 'Admin', role: 'admin', language: 'en', health: false, secondFactor: true },
] as const;

export const demoTotpFile = (dataDir: string) => join(dataDir, 'demo-totp.json');

export async function loadDemoUsers(opts: { base: string; token: string; healthToken: string; employerId: string; dataDir: string; say: (line: string) => void }) {
  // token null: an unauthenticated call (the user's own second-factor enrolment).
  const call = async (method: string, path: string, body: unknown, token: string | null) => {
    const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(`${opts.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json() as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.message}`);
    return json;
  };
  const secrets: Record<string, string> = {};
  for (const u of DEMO_USERS) {
    // Each administrator sees only the users they could have made: ask the one who grants this role.
    const token = u.health ? opts.healthToken : opts.token;
    const existing = (await call('GET', '/api/users', undefined, token)).items as { id: string; email: string }[];
    const found = existing.find((e) => e.email === u.email);
    const body = { name: u.name, role: u.role, employerIds: [opts.employerId], language: u.language, password: DEMO_PASSWORD };
    // A restarted demo starts each second factor afresh, as an administrator would for a lost phone.
    if (found) await call('PATCH', `/api/users/${found.id}`, { ...body, disabled: false, ...(u.secondFactor ? { resetSecondFactor: true } : {}) }, token);
    else await call('POST', '/api/users', { email: u.email, ...body }, token);
    if (u.secondFactor) {
      const { secret } = await call('POST', '/api/auth/totp/setup', { email: u.email, password: DEMO_PASSWORD }, null) as { secret: string };
      // Confirmed with the previous step's code (still accepted): the code shown right now stays usable for the first sign-in.
      await call('POST', '/api/auth/totp/confirm', { email: u.email, password: DEMO_PASSWORD, totp: totpCode(secret, Date.now() - 30_000) }, null);
      secrets[u.email] = secret;
    }
  }
  await writeFile(demoTotpFile(opts.dataDir), `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  opts.say(`web UI: ${opts.base}/   sign in as ${DEMO_USERS.map((u) => u.email).join(', ')} — password ${DEMO_PASSWORD}`);
  opts.say(`  ${DEMO_USERS.filter((u) => u.secondFactor).map((u) => u.email).join(' and ')} also enter a code: npx tsx scripts/demo-totp.ts prints it (secrets in ${demoTotpFile(opts.dataDir)})`);
}

/** The current codes of the demo's second factors (the demo's own authenticator app). */
export async function demoCodes(dataDir: string): Promise<Record<string, string>> {
  const secrets = JSON.parse(await readFile(demoTotpFile(dataDir), 'utf8')) as Record<string, string>;
  return Object.fromEntries(Object.entries(secrets).map(([email, secret]) => [email, totpCode(secret)]));
}
