/**
 * `npm run bench:statements` (tsx bench/statements.bench.ts): statements for 10,000 persons
 * (BENCH_STATEMENTS_SIZE scales it) — one person's PDF through the API, then all of them in bulk:
 * the statementBatch workflow on one worker loads the persons a page at a time (family,
 * enrollments in two plans with a premium formula, the last message sent with its sealed body),
 * renders a PDF each, zips them and stores the ZIP sealed. Target: ≤ 60 s for the bulk.
 * Prints the times; record them in docs/benchmarks.md.
 */
import { resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { newToken, seedAdminToken } from '../api/plugins/auth';
import { utcDate } from '../domain/shared/calendar';
import { startBenchStack } from './stack';

const SIZE = Number(process.env.BENCH_STATEMENTS_SIZE ?? 10_000);
const OUT = resolve(__dirname, 'out');

async function main() {
  await mkdir(OUT, { recursive: true });
  const stack = await startBenchStack({ name: 'statements', outDir: OUT, pgPort: 54372, temporalPort: 54371 });
  try {
    const { app, db, secrets } = stack;
    const token = newToken();
    await seedAdminToken(db, token, 'bench');
    const auth = { authorization: `Bearer ${token}` };
    const post = async (url: string, payload: object) => {
      const r = await app.inject({ method: 'POST', url, headers: auth, payload });
      if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
      return r.json();
    };
    const employerId = (await post('/api/employers', { name: 'Bench Statements', country: 'BE', language: 'nl' })).id;
    const supplierId = (await post('/api/suppliers', { name: 'Hospitalisation', kind: 'hospitalisation' })).id;
    const hosp = (await post('/api/plans', { supplierId, name: 'Hosp', code: 'H1' })).id;
    const pension = (await post('/api/plans', { supplierId, name: 'Pension', code: 'P1' })).id;
    const c = db.$client;
    await c.query(`update plans set premium_formula = '{"kind":"per_family_member","insuredCents":4000,"partnerCents":3000,"childCents":1500,"employerShareBasisPoints":5000}' where id = $1`, [hosp]);
    await c.query(`update plans set premium_formula = '{"kind":"percent_of_salary","rateBasisPoints":300,"ceilingCents":600000,"employerShareBasisPoints":7000}' where id = $1`, [pension]);
    const seed0 = Date.now();
    await c.query(`insert into persons (employer_id, employee_number, data, status, last_import_id)
      select $1, 'E' || lpad(g::text, 6, '0'), jsonb_build_object('employeeNumber', 'E' || lpad(g::text, 6, '0'), 'nationalId', '9' || lpad(g::text, 10, '0'),
        'firstName', 'Voornaam' || g, 'lastName', 'Achternaam' || g, 'birthDate', '1980-05-17', 'street', 'Kerkstraat', 'houseNumber', g::text,
        'postalCode', '9000', 'city', 'Gent', 'country', 'BE', 'category', 'white_collar', 'grossMonthlySalary', (3000 + g % 2000)::text || '.00',
        'workSchedulePercent', '100', 'hireDate', '2015-01-01'), 'active', gen_random_uuid()
      from generate_series(1, $2::int) g`, [employerId, SIZE]);
    await c.query(`insert into family_members (person_id, relation, data) select id, 'partner', '{"firstName":"Partner","lastName":"X","birthDate":"1982-01-01"}'
      from persons where employer_id = $1 and (employee_number::text like '%0' or employee_number like '%5')`, [employerId]);
    await c.query(`insert into enrollments (person_id, plan_id, start_date) select id, $2, '2024-01-01' from persons where employer_id = $1`, [employerId, hosp]);
    await c.query(`insert into enrollments (person_id, plan_id, start_date) select id, $2, '2024-01-01' from persons where employer_id = $1`, [employerId, pension]);
    await c.query(`insert into enrollments (person_id, family_member_id, plan_id, start_date) select f.person_id, f.id, $1, '2024-01-01' from family_members f
      join persons p on p.id = f.person_id where p.employer_id = $2`, [hosp, employerId]);
    const sent = (await c.query(`insert into messages (employer_id, supplier_id, person_id, kind, status, fact_date, send_date, sent_at, created_by)
      select $1, $2, id, 'enrollment', 'processed', '2024-01-01', '2024-01-02', now(), 'bench' from persons where employer_id = $1 returning id, person_id`, [employerId, supplierId])).rows;
    // Each message's body as sent, sealed: one in ten told the insurer an older street.
    const people = new Map((await c.query('select id, data from persons where employer_id = $1', [employerId])).rows.map((r) => [r.id as string, r.data]));
    for (let i = 0; i < sent.length; i += 1000) {
      const chunk = sent.slice(i, i + 1000);
      const values: unknown[] = [];
      const rows = chunk.map((m, j) => {
        const person = { ...people.get(m.person_id), ...((i + j) % 10 === 0 ? { street: 'Oudestraat' } : {}) };
        const body = JSON.stringify({ messageId: m.id, version: 1, kind: 'enrollment', person });
        values.push(m.id, body.length, secrets.seal(body));
        return `($${j * 3 + 1}, 1, '${'0'.repeat(64)}', $${j * 3 + 2}, $${j * 3 + 3})`;
      });
      await c.query(`insert into message_bodies (message_id, version, sha256, size, body_sealed) values ${rows.join(',')}`, values);
    }
    await c.query('analyze');
    console.log(`seeded ${SIZE} persons, ${SIZE * 2} enrollments (+ partners), sent messages with bodies in ${Date.now() - seed0} ms`);

    const [one] = (await c.query('select id from persons where employer_id = $1 order by employee_number limit 1', [employerId])).rows;
    const single: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = Date.now();
      const r = await app.inject({ method: 'GET', url: `/api/persons/${one.id}/statement/pdf`, headers: auth });
      if (r.statusCode !== 200) throw new Error(`pdf: ${r.statusCode}`);
      single.push(Date.now() - t);
    }
    single.sort((a, b) => a - b);

    const t0 = Date.now();
    const cpu0 = process.cpuUsage();
    const batch = await post(`/api/employers/${employerId}/statement-batches`, { delivery: 'download' });
    let view;
    for (;;) {
      await new Promise((r) => setTimeout(r, 200));
      view = (await app.inject({ method: 'GET', url: `/api/statement-batches/${batch.id}`, headers: auth })).json();
      if (view.status !== 'running') break;
    }
    const ms = Date.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    if (view.status !== 'completed') throw new Error(`batch ${view.status}: ${view.error}`);
    console.log(`\n### Statements — ${utcDate(Date.now())}\n`);
    console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}; embedded PostgreSQL, one worker.`);
    console.log(`One person's PDF through the API: median ${single[10]} ms (20 requests).`);
    console.log(`Bulk: ${view.doneCount} statements into one ZIP of ${(view.fileSize / 1024 ** 2).toFixed(1)} MiB in ${(ms / 1000).toFixed(1)} s `
      + `(${(ms / view.doneCount).toFixed(2)} ms per person; target ≤ 60 s for 10,000).`);
    // On a shared machine the wall time waits for the CPU: the CPU this process (API and worker) used tells what the work costs.
    console.log(`CPU used by the API and worker process during the bulk: ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s `
      + `(${((cpu.user + cpu.system) / 1000 / view.doneCount).toFixed(2)} ms per person); PostgreSQL runs apart.`);
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
