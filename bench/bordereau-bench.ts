/**
 * The bordereau line of `npm run bench:controls`: a premium bordereau of N lines (default
 * 100,000) against N enrollments, end to end — the multipart upload through the API, mapping,
 * loading what was communicated and enrolled from PostgreSQL, reconciling, storing the run and
 * answering with its differences. About 1 % of lines carry a difference. Beside it, in the same
 * run, DuckDB joins the same bordereau file with the enrollments exported to CSV (national id,
 * expected premium from the plan's formula): billed not enrolled, enrolled not billed, premium differs.
 */
import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { newToken, seedAdminToken } from '../api/plugins/auth';
import { runDuckDb } from './duckdb';
import { startBenchStack } from './stack';

const nid = (i: number) => `9${String(i).padStart(10, '0')}`;

export interface BordereauBenchResult {
  lines: number;
  enrollments: number;
  wallMs: number;
  differences: number;
  /** The three kinds DuckDB also finds, as Mutaflow counted them. */
  ours: { billedNotEnrolled: number; enrolledNotBilled: number; premiumMismatch: number };
  duck: { billedNotEnrolled: number; enrolledNotBilled: number; premiumMismatch: number; wallMs: number; peakRssMb: number; exportMs: number };
}

export async function benchBordereau({ size: SIZE, outDir: OUT }: { size: number; outDir: string }): Promise<BordereauBenchResult> {
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
    // A person's data as an import leaves it: the 23 canonical fields and 17 of the employer's own columns.
    await c.query(`insert into persons (employer_id, employee_number, data, status, last_import_id)
      select $1, 'E' || g, jsonb_build_object('employeeNumber', 'E' || g, 'nationalId', '9' || lpad(g::text, 10, '0'), 'lastName', 'Name' || g, 'namePrefix', 'van',
          'firstName', 'Anna', 'initials', 'A.', 'birthDate', '1980-01-01', 'gender', 'F', 'nationality', 'BE', 'maritalStatus', 'married',
          'street', 'Kerkstraat', 'houseNumber', g::text, 'postalCode', '1000', 'city', 'Brussel', 'country', 'BE', 'partnerLastName', 'Peeters',
          'partnerNamePrefix', 'de', 'category', 'employee', 'salaryClass', 'B2', 'workSchedulePercent', '100', 'grossMonthlySalary', '3000.00',
          'hireDate', '2015-03-01', 'exitDate', null)
        || (select jsonb_object_agg('custom' || k, 'waarde ' || k || '-' || g) from generate_series(1, 17) k),
        'active', gen_random_uuid()
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
    const body = res.json() as { differences: { kind: string }[] };
    const count = (kind: string) => body.differences.filter((d) => d.kind === kind).length;

    // By hand: the enrollments exported to CSV (national id, the plan's fixed premium), then DuckDB.
    const bordereauPath = join(OUT, 'bordereau-bench.csv');
    const enrolledPath = join(OUT, 'bordereau-enrollments.csv');
    await writeFile(bordereauPath, csv);
    const e0 = Date.now();
    const enrolled = await c.query<{ national_id: string; expected_cents: number }>(`select p.data->>'nationalId' as national_id, (pl.premium_formula->>'amountCents')::int as expected_cents
      from enrollments e join persons p on p.id = e.person_id join plans pl on pl.id = e.plan_id where p.employer_id = $1 and e.end_date is null`, [employerId]);
    await writeFile(enrolledPath, `national_id,expected_cents\n${enrolled.rows.map((r) => `${r.national_id},${r.expected_cents}`).join('\n')}\n`);
    const exportMs = Date.now() - e0;
    const duck = runDuckDb([
      `create table b as select * from read_csv('${bordereauPath}', header = true, delim = ';', all_varchar = true)`,
      `create table e as select * from read_csv('${enrolledPath}', header = true, delim = ',', columns = {'national_id': 'VARCHAR', 'expected_cents': 'INTEGER'})`,
      `select count(*) filter (where e.national_id is null), count(*) filter (where b.INSZ is null),
         count(*) filter (where b.INSZ is not null and e.national_id is not null and round(cast(replace(b.Premie, ',', '.') as decimal(12, 2)) * 100) <> e.expected_cents)
       from b full outer join e on e.national_id = b.INSZ`,
    ]);
    const [billedNotEnrolled, enrolledNotBilled, premiumMismatch] = (duck.rows[0] ?? []).map(Number);
    return {
      lines: lines.length - 1, enrollments: SIZE, wallMs: ms, differences: body.differences.length,
      ours: { billedNotEnrolled: count('billed_not_enrolled'), enrolledNotBilled: count('enrolled_not_billed'), premiumMismatch: count('premium_mismatch') },
      duck: { billedNotEnrolled, enrolledNotBilled, premiumMismatch, wallMs: duck.wallMs, peakRssMb: duck.peakRssMb, exportMs },
    };
  } finally {
    await stack.stop();
  }
}
