import { MockActivityEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { createPayrollImportActivities } from '../../../activities/payroll/import';
import { PersonWriter } from '../../../activities/payroll/person-writer';
import { DEFAULT_PROFILE } from '../../../domain/payroll/mapping-profile';
import type { Db } from '../../../db/client';
import { employers, payrollImports } from '../../../db/schema';
import type { FileStore } from '../../../infra/file-store';
import ExcelJS from 'exceljs';
import { CANONICAL_FIELDS } from '../../../domain/payroll/canonical';
import { BASE_PERSON, BSNS, canonicalCsv, personRow } from '../../support/canonical-csv';
import { newEmployer as newEmployerIn, newImport as recordUpload, useDbAndFiles } from '../../support/payroll-upload';

describe('payroll import activities', () => {
  let db: Db;
  let files: FileStore;
  useDbAndFiles((d, f) => { db = d; files = f; });
  const newEmployer = () => newEmployerIn(db);


  const newImport = (employerId: string, csv: string | Buffer, period: string, fileName?: string) => recordUpload(db, files, employerId, csv, period, fileName);
  const people = (n: number, over: (i: number) => Record<string, string> = () => ({})) =>
    canonicalCsv(...Array.from({ length: n }, (_, i) => personRow({ employeeNumber: `A${String(i).padStart(6, '0')}`, nationalId: BSNS[i % BSNS.length], ...over(i) })));

  /** Imports one period as the workflow does; fails the test on a rejected file. */
  const importPeriod = async (employerId: string, content: string | Buffer, period: string, fileName?: string, batchSize?: number) => {
    const activities = createPayrollImportActivities({ db, files, batchSize });
    const id = await newImport(employerId, content, period, fileName);
    const outcome = await new MockActivityEnvironment().run(activities.importPayrollFile, id);
    expect(outcome).toMatchObject({ ok: true });
    return outcome as { ok: true; rowCount: number; changeCounts: Record<string, number> };
  };
  /** What an employer's imports left in the database, without ids. */
  const stored = async (employerId: string) => {
    const persons = await db.$client.query('select employee_number, data, status from persons where employer_id = $1 order by employee_number', [employerId]);
    const changes = await db.$client.query(
      `select c.employee_number, c.kind, c.field, c.old_value, c.new_value from payroll_changes c
       join payroll_imports i on i.id = c.import_id where i.employer_id = $1 and i.status = 'completed'
       order by c.employee_number, c.kind, c.field`, [employerId]);
    return { persons: persons.rows, changes: changes.rows };
  };

  it('heartbeats its progress while reading and storing, also when every row is unchanged since last month', async () => {
    const employerId = await newEmployer();
    const activities = createPayrollImportActivities({ db, files, batchSize: 10_000 });
    const beatsOf = async (importId: string) => {
      const env = new MockActivityEnvironment();
      const beats: { stage: string; rows: number }[] = [];
      env.on('heartbeat', (d) => beats.push(d));
      await expect(env.run(activities.importPayrollFile, importId)).resolves.toMatchObject({ ok: true, rowCount: 40_000 });
      return beats;
    };
    const validating = (beats: { stage: string; rows: number }[]) => beats.filter((b) => b.stage === 'validating').map((b) => b.rows);
    // 40,000 rows are about 6 MB: the reader reports after each 4 MiB chunk.
    const csv = people(40_000);
    const augBeats = await beatsOf(await newImport(employerId, csv, '2026-08'));
    expect(validating(augBeats).length).toBeGreaterThanOrEqual(2);
    // People still being stored once the file is read report as applying.
    const applying = augBeats.filter((b) => b.stage === 'applying').map((b) => b.rows);
    expect(applying.length).toBeGreaterThanOrEqual(1);
    expect(applying.at(-1)).toBe(40_000);

    // September repeats August: every row is recognised as unchanged, and progress still flows.
    const sepRows = validating(await beatsOf(await newImport(employerId, `${csv}\n`, '2026-09')));
    expect(sepRows.length).toBeGreaterThanOrEqual(2);
    expect(sepRows).toEqual([...sepRows].sort((a, b) => a - b));
    expect(sepRows[0]).toBeGreaterThan(0);
    expect(sepRows.at(-1)).toBeGreaterThan(30_000);
  });

  it('reuses last month\'s values for rows whose source text is unchanged, and only under the same profile', async () => {
    const employerId = await newEmployer();
    const run = (csv: string, period: string) => importPeriod(employerId, csv, period);
    // 30,000 rows: several 4 MiB chunks, so the unquoted fast path carries most of them.
    const month = (gender: (i: number) => string, city: (i: number) => string) =>
      people(30_000, (i) => ({ gender: gender(i), city: city(i) }));
    await run(month(() => 'F', () => 'Utrecht'), '2026-08');
    const sept = await run(month(() => 'F', (i) => (i % 1000 === 7 ? 'Breda' : 'Utrecht')), '2026-09');
    expect(sept.changeCounts).toEqual({ change: 30 });
    const { rows } = await db.$client.query(`select count(*)::int as n from persons where employer_id = $1 and data->>'city' = 'Breda'`, [employerId]);
    expect(rows[0].n).toBe(30);

    // The same text under another profile must be read again: here "F" now means something else.
    await db.update(employers).set({ mappingProfile: { ...DEFAULT_PROFILE, valueMaps: { gender: { F: 'X' } } } }).where(eq(employers.id, employerId));
    const oct = await run(month(() => 'F', (i) => (i % 1000 === 7 ? 'Breda' : 'Utrecht')), '2026-10');
    expect(oct.changeCounts).toEqual({ change: 30_000 });
  });

  it('recognises unchanged XLSX rows by their cells, and reads them again under another profile', async () => {
    const employerId = await newEmployer();
    const workbook = async (city: (i: number) => string) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Payroll');
      ws.addRow([...CANONICAL_FIELDS]);
      for (let i = 0; i < 3000; i++) {
        const row: Record<string, string | number | Date> = { ...BASE_PERSON, employeeNumber: `X${i}`, nationalId: BSNS[i % BSNS.length], city: city(i) };
        row.birthDate = new Date(Date.UTC(1985, 3, 12));
        row.grossMonthlySalary = 3500.5;
        ws.addRow(CANONICAL_FIELDS.map((f) => (row[f] === '' ? null : row[f])));
      }
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const run = (book: Buffer, period: string) => importPeriod(employerId, book, period, 'payroll.xlsx');
    await run(await workbook(() => 'Utrecht'), '2026-08');
    const sept = await run(await workbook((i) => (i % 500 === 3 ? 'Breda' : 'Utrecht')), '2026-09');
    expect(sept.changeCounts).toEqual({ change: 6 });
    const { rows } = await db.$client.query(`select data->>'city' as city, data->>'birthDate' as birth, data->>'grossMonthlySalary' as salary
      from persons where employer_id = $1 and employee_number = 'X503'`, [employerId]);
    expect(rows[0]).toEqual({ city: 'Breda', birth: '1985-04-12', salary: '3500.5' });

    await db.update(employers).set({ mappingProfile: { ...DEFAULT_PROFILE, valueMaps: { city: { Utrecht: 'UTRECHT' } } } }).where(eq(employers.id, employerId));
    const oct = await run(await workbook((i) => (i % 500 === 3 ? 'Breda' : 'Utrecht')), '2026-10');
    expect(oct.changeCounts).toEqual({ change: 3000 - 6 });
  });

  describe('in one pass (importPayrollFile)', () => {
    // ~128 bytes a row: 45,000 rows (5.8 MB) span two of the plain reader's 4 MiB chunks, so
    // batches are stored while the rest of the file is still being read.
    const N = 45_000;
    const month0 = () => people(N);
    const month1 = (over: (i: number) => Record<string, string> = () => ({})) => {
      const rows = Array.from({ length: N + 3 }, (_, i) => personRow({
        employeeNumber: `A${String(i).padStart(6, '0')}`, nationalId: BSNS[i % BSNS.length],
        ...(i % 997 === 5 ? { city: 'Breda' } : {}), ...(i === 20_000 ? { exitDate: '2026-09-30' } : {}), ...over(i),
      }));
      rows.splice(100, 2); // two people absent
      return canonicalCsv(...rows);
    };

    // Expected results written out from how month0 and month1 are made (this once compared the
    // one-pass import with the retired two-step one, which stored the same).
    it('stores the people and changes the two months call for', async () => {
      const employerId = await newEmployer();
      await importPeriod(employerId, month0(), '2026-08', undefined, 700);
      const outcome = await importPeriod(employerId, month1(), '2026-09', undefined, 700);
      expect(outcome.changeCounts).toEqual({ change: 46, departure: 1, hire: 3, missing: 2 });
      expect(outcome.rowCount).toBe(N + 1);
      const number = (i: number) => `A${String(i).padStart(6, '0')}`;
      const absent = new Set([100, 101]);
      const inFile = Array.from({ length: N + 3 }, (_, i) => i).filter((i) => !absent.has(i));
      const moved = inFile.filter((i) => i % 997 === 5);
      const { persons, changes } = await stored(employerId);
      expect(changes).toEqual([
        ...[...absent].map((i) => ({ employee_number: number(i), kind: 'missing', field: null, old_value: null, new_value: null })),
        ...moved.map((i) => ({ employee_number: number(i), kind: 'change', field: 'city', old_value: 'Utrecht', new_value: 'Breda' })),
        { employee_number: number(20_000), kind: 'departure', field: 'exitDate', old_value: null, new_value: '2026-09-30' },
        ...[N, N + 1, N + 2].map((i) => ({ employee_number: number(i), kind: 'hire', field: 'hireDate', old_value: null, new_value: '2020-01-01' })),
      ].sort((x, y) => (x.employee_number < y.employee_number ? -1 : x.employee_number > y.employee_number ? 1 : 0)));
      expect(persons).toHaveLength(N + 3);
      type Stored = { employee_number: string; status: string; data: Record<string, string | null> };
      const byNumber = new Map((persons as Stored[]).map((p) => [p.employee_number, p]));
      const unexpected: unknown[] = [];
      for (let i = 0; i < N + 3; i++) {
        const p = byNumber.get(number(i))!;
        const status = absent.has(i) ? 'missing' : i === 20_000 ? 'departed' : 'active';
        const city = !absent.has(i) && i % 997 === 5 ? 'Breda' : 'Utrecht';
        if (p.status !== status || p.data.city !== city || p.data.nationalId !== BSNS[i % BSNS.length]) unexpected.push({ i, status: p.status, city: p.data.city });
      }
      expect(unexpected).toEqual([]);
      expect(byNumber.get(number(20_000))!.data.exitDate).toBe('2026-09-30');
    });

    it('stores nothing for a file rejected on its last row, after batches of it were already written', async () => {
      const employerId = await newEmployer();
      await importPeriod(employerId, month0(), '2026-08');
      const before = await stored(employerId);
      // Every person changes (45,000 to store, 30 batches), and the last row is invalid.
      const csv = month1((i) => ({ city: 'Zwolle', ...(i === N + 2 ? { nationalId: '123456789' } : {}) }));
      const activities = createPayrollImportActivities({ db, files, batchSize: 1_500 });
      const id = await newImport(employerId, csv, '2026-09');
      const written: number[] = [];
      const catchUp = PersonWriter.prototype.catchUp;
      const spy = jest.spyOn(PersonWriter.prototype, 'catchUp').mockImplementation(async function (this: PersonWriter, ahead: number) {
        await catchUp.call(this, ahead);
        written.push(this.done);
      });
      try {
        await expect(new MockActivityEnvironment().run(activities.importPayrollFile, id)).resolves.toEqual({ ok: false, errorCount: 1 });
      } finally {
        spy.mockRestore();
      }
      // The database had people of this file before its last row was read...
      expect(Math.max(...written)).toBeGreaterThan(0);
      // ...and has none of them now.
      expect(await stored(employerId)).toEqual(before);
      const [imp] = await db.select().from(payrollImports).where(eq(payrollImports.id, id));
      expect(imp).toMatchObject({ status: 'failed', errorCount: 1, changeCounts: {}, rowCount: null });
      expect(imp.errors).toEqual([expect.objectContaining({ code: 'invalid_national_id', row: N + 2, column: 'nationalId' })]);
    });

    it('stores nothing when the reading fails with batches still queued (none reach the connection after the rollback)', async () => {
      const employerId = await newEmployer();
      await importPeriod(employerId, month0(), '2026-08');
      const before = await stored(employerId);
      const activities = createPayrollImportActivities({ db, files, batchSize: 1_500 });
      const id = await newImport(employerId, month1(() => ({ city: 'Zwolle' })), '2026-09');
      const env = new MockActivityEnvironment();
      // The first progress report comes after the first 4 MiB: ~20 batches are queued by then.
      env.on('heartbeat', () => { throw new Error('worker shutting down'); });
      await expect(env.run(activities.importPayrollFile, id)).rejects.toThrow('worker shutting down');
      // Give anything still queued the time to run, had it been left to.
      await new Promise((r) => setTimeout(r, 500));
      expect(await stored(employerId)).toEqual(before);
    });

    it('stores each person once when a CRLF line in an LF file after the first chunk makes it read the file again as text', async () => {
      const employerId = await newEmployer();
      await importPeriod(employerId, month0(), '2026-08');
      // The byte reader leaves a line break not the file's to the text reader (quotes it reads itself).
      const csv = month1((i): Record<string, string> => (i === 40_000 ? { street: '"Kerkstraat, achter"', exitDate: '\r' } : {}));
      // People stored when the reading stops: the first reading had stored some.
      const storedAtStop: number[] = [];
      const stop = PersonWriter.prototype.stop;
      const spy = jest.spyOn(PersonWriter.prototype, 'stop').mockImplementation(async function (this: PersonWriter) {
        storedAtStop.push(this.done);
        return stop.call(this);
      });
      let outcome;
      try {
        outcome = await importPeriod(employerId, csv, '2026-09', undefined, 5);
      } finally {
        spy.mockRestore();
      }
      expect(storedAtStop).toHaveLength(1);
      expect(storedAtStop[0]).toBeGreaterThan(0);
      expect(outcome.changeCounts).toEqual({ change: 47, departure: 1, hire: 3, missing: 2 });
      const { rows } = await db.$client.query(
        `select count(*)::int as n, count(distinct (employee_number, field))::int as distinct_changes from payroll_changes c
         join payroll_imports i on i.id = c.import_id where i.employer_id = $1 and i.period = '2026-09'`, [employerId]);
      expect(rows[0]).toEqual({ n: 53, distinct_changes: 53 });
      const street = await db.$client.query(`select data->>'street' as street from persons where employer_id = $1 and employee_number = 'A040000'`, [employerId]);
      expect(street.rows[0].street).toBe('Kerkstraat, achter');
    });

    it('is idempotent: a retry after success returns the same outcome and stores nothing twice', async () => {
      const employerId = await newEmployer();
      const activities = createPayrollImportActivities({ db, files });
      await importPeriod(employerId, people(3), '2026-09');
      const oct = await newImport(employerId, people(3, (i): Record<string, string> => (i === 0 ? { city: 'Breda' } : {})), '2026-10');
      const env = new MockActivityEnvironment();
      const first = await env.run(activities.importPayrollFile, oct);
      expect(first).toEqual({ ok: true, rowCount: 3, changeCounts: { change: 1 }, baselineImportId: expect.any(String) });
      await expect(env.run(activities.importPayrollFile, oct)).resolves.toEqual(first);
      const { rows } = await db.$client.query('select count(*)::int as n from payroll_changes where import_id = $1', [oct]);
      expect(rows[0].n).toBe(1);
    });

    it('waits for another import of the employer, heartbeating meanwhile', async () => {
      const employerId = await newEmployer();
      const activities = createPayrollImportActivities({ db, files, lockWaitBeatMs: 100 });
      const id = await newImport(employerId, people(3), '2026-09');
      // Another import holds the employer.
      const other = await db.$client.connect();
      await other.query('begin');
      await other.query('select id from employers where id = $1 for update', [employerId]);
      const env = new MockActivityEnvironment();
      const beats: { stage: string }[] = [];
      env.on('heartbeat', (d) => beats.push(d));
      const running = env.run(activities.importPayrollFile, id);
      await new Promise((r) => setTimeout(r, 700));
      expect(beats.filter((b) => b.stage === 'waiting').length).toBeGreaterThanOrEqual(3);
      await other.query('commit');
      other.release();
      await expect(running).resolves.toMatchObject({ ok: true, rowCount: 3 });
    });

    it('refuses an earlier period after a later one, recording why', async () => {
      const employerId = await newEmployer();
      await importPeriod(employerId, people(2), '2026-10');
      const activities = createPayrollImportActivities({ db, files });
      const sept = await newImport(employerId, people(2), '2026-09');
      const err = await new MockActivityEnvironment().run(activities.importPayrollFile, sept).catch((e) => e);
      expect(err).toMatchObject({ type: 'ImportConflict', nonRetryable: true });
      const [imp] = await db.select().from(payrollImports).where(eq(payrollImports.id, sept));
      expect(imp).toMatchObject({ status: 'failed', errors: [expect.objectContaining({ code: 'period_order' })] });
    });
  });
});
