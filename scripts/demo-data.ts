import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSnapshotCsv } from '../bench/generate-snapshot';

const DEMO_EMPLOYER = 'Bakkerij De Gouden Korst B.V. (demo)';
/** Rule templates the demo employer starts with (domain/audit/rules.ts). */
const DEMO_RULES: (string | object)[] = [
  // Warnings in the demo: a blocking finding would hold its person's messages and the demo cycle.
  { templateId: 'salary-present', severity: 'warning' }, { templateId: 'age-at-hire', severity: 'warning' }, 'exit-after-hire', 'salary-decrease', 'schedule-change', 'category-change', 'national-id-change',
  { name: 'Salarisstijging van meer dan 4 %', severity: 'warning', definition: { kind: 'change', check: { op: 'increaseAbove', field: 'grossMonthlySalary', percent: 4 } } },
  { name: 'Minimumsalaris bedienden schaal 1', severity: 'warning', definition: { kind: 'validity', check: { op: 'range', field: 'grossMonthlySalary', min: 2500 } },
    population: { and: [{ field: 'category', equals: 'white_collar' }, { field: 'salaryClass', equals: '1' }] } },
];

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
  // Audit rules from the templates: each import is checked, and its findings listed.
  const rules = await call('GET', `/api/employers/${employer.id}/audit-rules`);
  if (rules.items.length === 0) {
    for (const rule of DEMO_RULES) await call('POST', `/api/employers/${employer.id}/audit-rules`, typeof rule === 'string' ? { templateId: rule } : rule);
  }
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
      const counts: Record<string, number> = {};
      let cursor: string | null = null;
      do {
        const page = await call('GET', `/api/findings?importId=${json.id}&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
        for (const f of page.items) counts[f.severity] = (counts[f.severity] ?? 0) + 1;
        cursor = page.nextCursor;
      } while (cursor);
      say(`demo findings ${period}: ${JSON.stringify(counts)}   (GET /api/findings?importId=${json.id}, XLSX: /api/findings/export?importId=${json.id}&lang=nl)`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { employerId: employer.id as string, lastImportId, lastPeriod };
}
