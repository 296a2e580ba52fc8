/**
 * Demo users to sign in to the web UI with: an HR user granted the demo employer, an accident
 * manager (the only one who sees medical details) and an admin. One password for all; a
 * restarted demo resets it.
 */
export const DEMO_PASSWORD = 'mutaflow-demo-2026';
export const DEMO_USERS = [
  { email: 'hr@mutaflow.demo', name: 'Hanna de Vries (HR)', role: 'hr', language: 'nl' },
  { email: 'ongevallen@mutaflow.demo', name: 'Olivier Janssens (accident manager)', role: 'accident_manager', language: 'nl' },
  { email: 'admin@mutaflow.demo', name: 'Admin', role: 'admin', language: 'en' },
] as const;

export async function loadDemoUsers(opts: { base: string; token: string; employerId: string; say: (line: string) => void }) {
  const call = async (method: string, path: string, body?: unknown) => {
    const headers = { authorization: `Bearer ${opts.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
    const res = await fetch(`${opts.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = await res.json() as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.message}`);
    return json;
  };
  const existing = (await call('GET', '/api/users')).items as { id: string; email: string }[];
  for (const u of DEMO_USERS) {
    const found = existing.find((e) => e.email === u.email);
    const body = { name: u.name, role: u.role, employerIds: [opts.employerId], language: u.language, password: DEMO_PASSWORD };
    if (found) await call('PATCH', `/api/users/${found.id}`, { ...body, disabled: false });
    else await call('POST', '/api/users', { email: u.email, ...body });
  }
  opts.say(`web UI: ${opts.base}/   sign in as ${DEMO_USERS.map((u) => u.email).join(', ')} — password ${DEMO_PASSWORD}`);
}
