import type { Harness} from '../support/harness';
import { startHarness, uploadForm } from '../support/harness';
import type { Setup} from '../support/enrollment-fixture';
import { createSetup, daysFromToday, insertPerson } from '../support/enrollment-fixture';

describe('enrollment imports', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ worker: false }); });
  afterAll(async () => { await h.close(); });

  const upload = (employerId: string, kind: 'import' | 'changes-import', csv: string) => h.app.inject({
    method: 'POST', url: `/api/employers/${employerId}/enrollments/${kind}`, headers: h.auth, payload: uploadForm(csv, 'enrollments.csv'),
  });
  const counts = async (employerId: string) => (await h.db.$client.query(
    `select (select count(*)::int from enrollments e join persons p on p.id = e.person_id where p.employer_id = $1) as enrollments,
            (select count(*)::int from enrollments e join persons p on p.id = e.person_id where p.employer_id = $1 and e.end_date is not null) as ended,
            (select count(*)::int from messages where employer_id = $1) as messages`, [employerId])).rows[0];
  const enrollmentRows = async (employerId: string) => (await h.db.$client.query(
    `select p.employee_number, e.start_date::text, e.end_date::text, e.source from enrollments e join persons p on p.id = e.person_id
      where p.employer_id = $1 order by p.employee_number, e.start_date`, [employerId])).rows;

  async function world(): Promise<Setup & { personIds: string[] }> {
    const s = await createSetup(h);
    const personIds = [];
    for (const n of ['1001', '1002', '1003']) personIds.push(await insertPerson(h, s.employerId, n));
    return { ...s, personIds };
  }

  it('loads the initial enrollments without creating a single message', async () => {
    const s = await world();
    const csv = [
      'employeeNumber,planCode,startDate,endDate',
      `1001,${s.planCode},2024-01-01,`,
      `1002,${s.planCode},01-03-2024,31-12-2024`,
      '',
      `1003,${s.planCode},2025-02-01,`,
    ].join('\r\n');
    const res = await upload(s.employerId, 'import', csv);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 3, ended: 0, updated: 0, unchanged: 0, messages: 0 });
    expect(await enrollmentRows(s.employerId)).toEqual([
      { employee_number: '1001', start_date: '2024-01-01', end_date: null, source: 'initial_import' },
      { employee_number: '1002', start_date: '2024-03-01', end_date: '2024-12-31', source: 'initial_import' },
      { employee_number: '1003', start_date: '2025-02-01', end_date: null, source: 'initial_import' },
    ]);
    expect(await counts(s.employerId)).toEqual({ enrollments: 3, ended: 1, messages: 0 });

    // The same file again matches every row: nothing new.
    const again = await upload(s.employerId, 'import', csv);
    expect(again.json()).toEqual({ created: 0, ended: 0, updated: 0, unchanged: 3, messages: 0 });
  });

  it('creates enrollment and termination messages from a changes file (; delimited, plan by id)', async () => {
    const s = await world();
    expect((await upload(s.employerId, 'import', `employeeNumber,planId,startDate,endDate\n1001,${s.planId},2025-01-01,\n1002,${s.planId},2025-01-01,\n`)).statusCode).toBe(200);
    const start = daysFromToday(-10);
    const end = daysFromToday(5);
    const csv = [
      'employeeNumber;planId;startDate;endDate',
      `1001;${s.planId};2025-01-01;${end}`, // ends an existing enrollment
      `1002;${s.planId};2025-01-01;`, // as it stands
      `1003;${s.planId};${start};`, // new
    ].join('\n');
    const res = await upload(s.employerId, 'changes-import', csv);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 1, ended: 1, updated: 0, unchanged: 1, messages: 2 });
    const { rows } = await h.db.$client.query(
      `select p.employee_number, m.kind, m.status, m.fact_date::text from messages m join persons p on p.id = m.person_id
        where m.employer_id = $1 order by p.employee_number`, [s.employerId]);
    expect(rows).toEqual([
      { employee_number: '1001', kind: 'termination', status: 'not_sent', fact_date: end },
      { employee_number: '1003', kind: 'enrollment', status: 'not_sent', fact_date: start },
    ]);
    expect((await enrollmentRows(s.employerId)).find((r) => r.employee_number === '1003')).toMatchObject({ source: 'change_import' });

    // A corrected end date re-sends the termination once it was sent.
    await h.db.$client.query(`update messages set status = 'sent' where employer_id = $1 and kind = 'termination'`, [s.employerId]);
    const corrected = await upload(s.employerId, 'changes-import', `employeeNumber,planId,startDate,endDate\n1001,${s.planId},2025-01-01,${daysFromToday(20)}\n`);
    expect(corrected.json()).toEqual({ created: 0, ended: 0, updated: 1, unchanged: 0, messages: 0 });
    const { rows: [termination] } = await h.db.$client.query(
      `select status, version, fact_date::text from messages where employer_id = $1 and kind = 'termination'`, [s.employerId]);
    expect(termination).toEqual({ status: 'not_sent', version: 2, fact_date: daysFromToday(20) });
  });

  it('refuses a file with bad rows, names row and column without the value, and stores nothing', async () => {
    const s = await world();
    expect((await upload(s.employerId, 'import', `employeeNumber,planCode,startDate,endDate\n1001,${s.planCode},2025-01-01,\n`)).statusCode).toBe(200);
    const before = await counts(s.employerId);
    const csv = [
      'employeeNumber,planCode,startDate,endDate',
      `1002,${s.planCode},2025-03-01,`, // fine on its own
      `9999,${s.planCode},2025-01-01,`, // unknown employee
      '1003,NO-SUCH-PLAN,2025-01-01,', // unknown plan
      `1003,${s.planCode},2025-02-31,`, // not a date
      `1003,${s.planCode},2025-05-01,2025-04-30`, // end before start
      `1002,${s.planCode},01-03-2025,`, // duplicate of row 2
      `1001,${s.planCode},2025-06-01,`, // overlaps the open enrollment
      `1003,${s.planCode},31/12/2025,`, // a format not accepted
    ].join('\n');
    const res = await upload(s.employerId, 'changes-import', csv);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body).toMatchObject({ error: 'invalid_file', errorCount: 7 });
    expect(body.errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [3, 'employeeNumber', 'unknown_employee'],
      [4, 'planCode', 'unknown_plan'],
      [5, 'startDate', 'invalid_date'],
      [6, 'endDate', 'end_before_start'],
      [7, 'startDate', 'duplicate_row'],
      [8, 'startDate', 'overlapping_enrollment'],
      [9, 'startDate', 'invalid_date'],
    ]);
    for (const value of ['9999', 'NO-SUCH-PLAN', '2025-02-31', '31/12/2025']) expect(res.body).not.toContain(value);
    expect(await counts(s.employerId)).toEqual(before);

    // Rows that are fine on their own but clash with the database: still nothing stored.
    const dbOnly = await upload(s.employerId, 'changes-import', `employeeNumber,planCode,startDate,endDate\n1002,${s.planCode},2025-03-01,\n9999,${s.planCode},2025-03-01,\n`);
    expect(dbOnly.statusCode).toBe(422);
    expect(dbOnly.json().errors).toEqual([{ row: 3, column: 'employeeNumber', code: 'unknown_employee', message: expect.any(String) }]);
    expect(await counts(s.employerId)).toEqual(before);
  });

  it('refuses unreadable files: missing columns, unknown columns, empty files, wrong field counts', async () => {
    const s = await world();
    const cases: [string, string][] = [
      ['employeeNumber,startDate\n1001,2025-01-01\n', 'missing_required_column'],
      [`employeeNumber,planCode,startDate,salary\n1001,${s.planCode},2025-01-01,3000\n`, 'unknown_column'],
      ['', 'empty_file'],
      ['employeeNumber,planCode,startDate,endDate\n', 'header_only'],
      [`employeeNumber,planCode,startDate,endDate\n1001,${s.planCode},2025-01-01\n`, 'field_count'],
      [`employeeNumber,planCode,startDate,endDate\n1001,${s.planCode},"2025-01-01,\n`, 'malformed_csv'],
    ];
    for (const [csv, code] of cases) {
      const res = await upload(s.employerId, 'import', csv);
      expect({ code, status: res.statusCode }).toEqual({ code, status: 422 });
      expect(res.json().errors.map((e: { code: string }) => e.code)).toContain(code);
    }
    expect(await counts(s.employerId)).toEqual({ enrollments: 0, ended: 0, messages: 0 });

    const json = await h.app.inject({ method: 'POST', url: `/api/employers/${s.employerId}/enrollments/import`, headers: h.auth, payload: { rows: [] } });
    expect(json.statusCode).toBe(415);
    const huge = await upload(s.employerId, 'import', `employeeNumber,planCode,startDate\n${'1001,X,2025-01-01\n'.repeat(1_000_000)}`);
    expect(huge.statusCode).toBe(413);
    const noEmployer = await upload('00000000-0000-4000-8000-000000000000', 'import', 'employeeNumber,planCode,startDate\n');
    expect(noEmployer.statusCode).toBe(404);
  });

  it('enrolls family members by id and reads a UTF-8 BOM and case-insensitive headers', async () => {
    const s = await world();
    const fm = await h.app.inject({
      method: 'POST', url: `/api/persons/${s.personIds[0]}/family-members`, headers: h.auth,
      payload: { relation: 'child', lastName: 'Jansen', birthDate: '2015-01-01' },
    });
    const csv = `\uFEFFEmployee Number,Plan_Code,Start Date,End Date,Family Member Id\n1001,${s.planCode},2025-01-01,,\n1001,${s.planCode},2025-01-01,,${fm.json().id}\n1002,${s.planCode},2025-01-01,,${fm.json().id}\n`;
    const bad = await upload(s.employerId, 'import', csv);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ row: 4, column: 'Family Member Id', code: 'unknown_family_member', message: expect.any(String) }]);
    const ok = await upload(s.employerId, 'import', csv.split('\n').slice(0, 3).join('\n'));
    expect(ok.json()).toMatchObject({ created: 2 });
    const { rows } = await h.db.$client.query(
      'select count(*)::int as n from enrollments where person_id = $1 and family_member_id = $2', [s.personIds[0], fm.json().id]);
    expect(rows[0].n).toBe(1);
  });
});
