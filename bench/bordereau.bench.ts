/**
 * `npm run bench:bordereau` (tsx bench/bordereau.bench.ts): a premium bordereau of 100,000 lines
 * against 100,000 enrollments, end to end — the multipart upload through the API, mapping,
 * loading what was communicated (every message's sealed body, a tenth of the people's delivered
 * report lines, all opened) and enrolled from PostgreSQL, reconciling, storing the run and
 * answering with its differences. About 1 % of lines carry a difference. BENCH_BORDEREAU_SIZE scales it.
 * Prints the time; record it in docs/benchmarks.md.
 */
import { resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { newToken, seedAdminToken } from '../api/plugins/auth';
import { utcDate } from '../domain/shared/calendar';
import { startBenchStack } from './stack';

const SIZE = Number(process.env.BENCH_BORDEREAU_SIZE ?? 100_000);
const OUT = resolve(__dirname, 'out');
const nid = (i: number) => `9${String(i).padStart(10, '0')}`;

async function main() {
  await mkdir(OUT, { recursive: true });
  const stack = await startBenchStack({ name: 'bordereau', outDir: OUT, pgPort: 54394, temporalPort: 54393 });
  try {
    const { app, db } = stack;
    const token = newToken();
    await seedAdminToken(db, token, 'bench');
    const auth = { authorization: `Bearer ${token}` };
    const post = async (url: string, payload: object, method: 'POST' | 'PUT' = 'POST') => {
      const r = await app.inject({ method, url, headers: auth, payload });
      if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
      return r.json();
    };
    const employerId = (await post('/api/employers', { name: 'Bench', country: 'BE' })).id;
    const supplierId = (await post('/api/suppliers', { name: 'Hospitalisation', kind: 'health_insurer' })).id;
    const planId = (await post('/api/plans', { supplierId, name: 'Hosp', code: 'H1' })).id;
    await post(`/api/suppliers/${supplierId}/bordereau-profile`, { columns: { INSZ: 'nationalId', Naam: 'lastName', Premie: 'premium', Code: 'movementCode' }, decimalSeparator: ',' }, 'PUT');
    const c = db.$client;
    await c.query(`update plans set premium_formula = '{"kind":"fixed","amountCents":3000,"employerShareBasisPoints":10000}' where id = $1`, [planId]);
    const seed0 = Date.now();
    await c.query(`insert into persons (employer_id, employee_number, data, status, last_import_id)
      select $1, 'E' || g, jsonb_build_object('nationalId', '9' || lpad(g::text, 10, '0'), 'lastName', 'Name' || g), 'active', gen_random_uuid()
      from generate_series(1, $2::int) g`, [employerId, SIZE]);
    await c.query(`insert into enrollments (person_id, plan_id, start_date) select id, $2, '2026-01-01' from persons where employer_id = $1`, [employerId, planId]);
    await c.query(`insert into messages (employer_id, supplier_id, person_id, kind, status, fact_date, send_date, sent_at, created_by)
      select $1, $2, id, 'enrollment', 'processed', '2026-01-01', '2026-01-01', now(), 'bench' from persons where employer_id = $1`, [employerId, supplierId]);
    // What was sent, as the app keeps it: each message's body and, for a tenth of the people, a
    // delivered report line with their salary — all sealed, opened by the reconciliation.
    const sent = (await c.query<{ id: string; person_id: string; data: Record<string, string> }>(
      'select m.id, m.person_id, p.data from messages m join persons p on p.id = m.person_id where m.employer_id = $1', [employerId])).rows;
    for (let i = 0; i < sent.length; i += 5000) {
      const chunk = sent.slice(i, i + 5000);
      await c.query(`insert into message_bodies (message_id, version, sha256, size, body_sealed)
        select unnest($1::uuid[]), 1, 'bench', 1, unnest($2::text[])`,
      [chunk.map((m) => m.id), chunk.map((m) => stack.secrets.seal(JSON.stringify({ insured: 'employee', person: { nationalId: m.data.nationalId, lastName: m.data.lastName } })))]);
    }
    const [report] = (await c.query<{ id: string }>(`insert into reports (employer_id, supplier_id, period, file_name, content_type, sha256, size, line_count, status)
      values ($1, $2, '2026-10', 'r.xlsx', 'x', 'bench', 1, 0, 'delivered') returning id`, [employerId, supplierId])).rows;
    const reported = sent.filter((_, i) => i % 10 === 0);
    for (let i = 0; i < reported.length; i += 5000) {
      const chunk = reported.slice(i, i + 5000);
      await c.query(`insert into report_lines (report_id, employer_id, supplier_id, period, person_id, kind, fields, values_sealed)
        select $1, $2, $3, '2026-10', unnest($4::uuid[]), 'change', '{lastName,grossMonthlySalary}', unnest($5::text[])`,
      [report.id, employerId, supplierId, chunk.map((m) => m.person_id), chunk.map((m) => stack.secrets.seal({ person: { lastName: m.data.lastName, grossMonthlySalary: '3000.00' } }))]);
    }
    // Imported last month, before anything was sent about them (as in a real month).
    await c.query(`update persons set updated_at = now() - interval '40 days' where employer_id = $1`, [employerId]);
    await c.query('analyze');
    console.log(`seeded ${SIZE} persons, enrollments, sent messages with their sealed bodies and ${reported.length} delivered report lines in ${Date.now() - seed0} ms`);

    const lines = ['INSZ;Naam;Premie;Code'];
    for (let i = 1; i <= SIZE; i++) {
      if (i % 100 === 0) continue; // enrolled, not billed
      lines.push(`${nid(i)};Name${i};${i % 101 === 0 ? '31,00' : '30,00'};`);
    }
    for (let i = 1; i <= SIZE / 200; i++) lines.push(`${nid(SIZE + i)};Extra${i};30,00;05`); // billed, not enrolled
    const csv = `${lines.join('\n')}\n`;

    const form = new FormData();
    form.set('file', new Blob([Buffer.from(csv)]), 'bordereau.csv');
    const t0 = Date.now();
    const res = await app.inject({ method: 'POST', url: `/api/employers/${employerId}/suppliers/${supplierId}/bordereaux?period=2026-11`, headers: auth, payload: form });
    const ms = Date.now() - t0;
    if (res.statusCode !== 201) throw new Error(`upload: ${res.statusCode} ${res.body.slice(0, 300)}`);
    const body = res.json();
    console.log(`\n### Bordereau reconciliation — ${utcDate(Date.now())}\n`);
    console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}; embedded PostgreSQL.`);
    console.log(`${lines.length - 1} lines against ${SIZE} enrollments: ${(ms / 1000).toFixed(2)} s end to end (${body.differences.length} differences; target ≤ 5 s).`);

    // The worst case: every person's data changed after it was sent, so every seal is opened.
    await c.query('update persons set updated_at = now() where employer_id = $1', [employerId]);
    const again = new FormData();
    again.set('file', new Blob([Buffer.from(csv)]), 'bordereau.csv');
    const t1 = Date.now();
    const res2 = await app.inject({ method: 'POST', url: `/api/employers/${employerId}/suppliers/${supplierId}/bordereaux?period=2026-11&replace=true`, headers: auth, payload: again });
    const ms2 = Date.now() - t1;
    if (res2.statusCode !== 201) throw new Error(`replace: ${res2.statusCode} ${res2.body.slice(0, 300)}`);
    console.log(`the same after every person's data changed since it was sent (${sent.length + reported.length} seals opened): ${(ms2 / 1000).toFixed(2)} s end to end (${res2.json().differences.length} differences).`);
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
