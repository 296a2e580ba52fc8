/**
 * Demo users to sign in to the web UI with: an HR user granted the demo employer, an accident
 * manager (the only one who sees medical details, made by the health administrator: the admin
 * cannot grant health access) and an admin. One password for all; a restarted demo resets it.
 */
export const DEMO_PASSWORD = 'mutaflow-demo-2026';
export const DEMO_USERS = [
  { email: 'hr@mutaflow.demo', name: 'Hanna de Vries (HR)', role: 'hr', language: 'nl', health: false },
  { email: 'ongevallen@mutaflow.demo', name: 'Olivier Janssens (accident manager)', role: 'accident_manager', language: 'nl', health: true },
  { email: 'admin@mutaflow.demo', name: 'Admin', role: 'admin', language: 'en', health: false },
] as const;

export async function loadDemoUsers(opts: { base: string; token: string; healthToken: string; employerId: string; say: (line: string) => void }) {
  const call = async (method: string, path: string, body: unknown, token: string) => {
    const headers = { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(`${opts.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json() as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.message}`);
    return json;
  };
  for (const u of DEMO_USERS) {
    // Each administrator sees only the users they could have made: ask the one who grants this role.
    const token = u.health ? opts.healthToken : opts.token;
    const existing = (await call('GET', '/api/users', undefined, token)).items as { id: string; email: string }[];
    const found = existing.find((e) => e.email === u.email);
    const body = { name: u.name, role: u.role, employerIds: [opts.employerId], language: u.language, password: DEMO_PASSWORD };
    if (found) await call('PATCH', `/api/users/${found.id}`, { ...body, disabled: false }, token);
    else await call('POST', '/api/users', { email: u.email, ...body }, token);
  }
  opts.say(`web UI: ${opts.base}/   sign in as ${DEMO_USERS.map((u) => u.email).join(', ')} — password ${DEMO_PASSWORD}`);
}
