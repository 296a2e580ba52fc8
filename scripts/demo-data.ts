import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSnapshotCsv } from '../bench/generate-snapshot';

const DEMO_EMPLOYER = 'Bakkerij De Gouden Korst B.V. (demo)';

/**
 * A demo employer with two generated months of payroll, uploaded through the API like a
 * user would. Idempotent: a second run finds the employer and its imports again.
 */
export async function loadDemoData(base: string, token: string, say: (line: string) => void) {
  const headers = { authorization: `Bearer ${token}` };
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, { method, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
    const json = await res.json() as any;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${json.message}`);
    return json;
  };
  // A second run finds its employer again (and its imports): one demo employer, whatever how often it starts.
  const [found] = (await call('GET', `/api/employers?name=${encodeURIComponent(DEMO_EMPLOYER)}`)).items;
  const employer = found ?? await call('POST', '/api/employers', { name: DEMO_EMPLOYER, country: 'NL', companyNumber: '12345678' });
  const done = new Map<string, any>(((await call('GET', `/api/employers/${employer.id}/payroll-imports`)).items as any[])
    .filter((i) => i.status === 'completed').map((i) => [i.period, i]));
  const dir = await mkdtemp(join(tmpdir(), 'mutaflow-demo-'));
  let lastImportId = '';
  let lastPeriod = '';
  try {
    for (const [month, period] of [[0, '2026-09'], [1, '2026-10']] as const) {
      const before = done.get(period);
      if (before) {
        lastImportId = before.id;
        lastPeriod = period;
        say(`demo import ${period}: ${before.rowCount} employees, changes ${JSON.stringify(before.changeCounts)} (imported before)`);
        continue;
      }
      const path = join(dir, `payroll-${period}.csv`);
      await writeSnapshotCsv(path, { employees: 250, month, seed: 7, churn: 0.06, changeRate: 0.1, firstPeriod: '2026-09' });
      const form = new FormData();
      form.set('period', period);
      form.set('file', new Blob([await readFile(path)], { type: 'text/csv' }), `payroll-${period}.csv`);
      const res = await fetch(`${base}/api/employers/${employer.id}/payroll-imports?wait=true`, { method: 'POST', headers, body: form });
      const json = await res.json() as any;
      if (res.status !== 201) throw new Error(`demo import ${period}: ${res.status} ${json.message}`);
      lastImportId = json.id;
      lastPeriod = period;
      say(`demo import ${period}: ${json.rowCount} employees, changes ${JSON.stringify(json.changeCounts)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { employerId: employer.id as string, lastImportId, lastPeriod };
}
