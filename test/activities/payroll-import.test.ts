import { randomUUID, createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { ApplicationFailure } from '@temporalio/common';
import { createPayrollImportActivities } from '../../activities/payroll-import';
import { DEFAULT_PROFILE } from '../../domain/mapping-profile';
import { Db } from '../../db/client';
import { employers, payrollImports } from '../../db/schema';
import { FileStore } from '../../infra/file-store';
import ExcelJS from 'exceljs';
import { CANONICAL_FIELDS } from '../../domain/canonical';
import { BASE_PERSON, BSNS, canonicalCsv, personRow } from '../support/canonical-csv';
import { testDb, testFiles } from '../support/harness';

describe('payroll import activities', () => {
  let db: Db;
  let files: FileStore;
  beforeAll(async () => {
    db = testDb();
    files = await testFiles();
  });
  afterAll(async () => { await db.$client.end(); });

  const newEmployer = async () => (await db.insert(employers).values({ name: 'a', country: 'NL', mappingProfile: DEFAULT_PROFILE }).returning())[0].id;

  /** What the API does on upload: file the bytes, record the import. */
  const newImport = async (employerId: string, csv: string | Buffer, period: string, fileName = 'p.csv') => {
    const sha = createHash('sha256').update(csv).digest('hex');
    await mkdir(dirname(files.uploadPath(sha)), { recursive: true });
    await writeFile(files.uploadPath(sha), csv);
    const id = randomUUID();
    await db.insert(payrollImports).values({ id, employerId, period, fileName, fileSha256: sha, fileSize: csv.length, uploadedBy: 't', workflowId: `w-${id}` });
    return id;
  };
  const people = (n: number, over: (i: number) => Record<string, string> = () => ({})) =>
    canonicalCsv(...Array.from({ length: n }, (_, i) => personRow({ employeeNumber: `A${String(i).padStart(6, '0')}`, nationalId: BSNS[i % BSNS.length], ...over(i) })));

  /** Validates and stores one period, as the workflow does; fails the test on a rejected file. */
  const importPeriod = async (employerId: string, content: string | Buffer, period: string, fileName?: string) => {
    const activities = createPayrollImportActivities({ db, files });
    const env = new MockActivityEnvironment();
    const id = await newImport(employerId, content, period, fileName);
    await expect(env.run(activities.validatePayrollFile, id)).resolves.toMatchObject({ ok: true });
    return (await env.run(activities.applyPayrollSnapshot, id)) as { changeCounts: Record<string, number> };
  };

  it('heartbeats its progress while validating, also when every row is unchanged since last month', async () => {
    const employerId = await newEmployer();
    const activities = createPayrollImportActivities({ db, files, batchSize: 10_000 });
    const validatingBeats = async (importId: string) => {
      const env = new MockActivityEnvironment();
      const beats: { stage: string; rows: number }[] = [];
      env.on('heartbeat', (d) => beats.push(d));
      await expect(env.run(activities.validatePayrollFile, importId)).resolves.toEqual({ ok: true, rowCount: 40_000 });
      return beats.filter((b) => b.stage === 'validating').map((b) => b.rows);
    };
    // 40,000 rows are about 6 MB: the reader reports after each 4 MiB chunk.
    const csv = people(40_000);
    const aug = await newImport(employerId, csv, '2026-08');
    const augRows = await validatingBeats(aug);
    expect(augRows.length).toBeGreaterThanOrEqual(2);
    const applyBeats: unknown[] = [];
    const env = new MockActivityEnvironment();
    env.on('heartbeat', (d) => applyBeats.push(d));
    await env.run(activities.applyPayrollSnapshot, aug);
    expect(applyBeats).toContainEqual({ stage: 'applying', rows: 40_000 });

    // September repeats August: every row is recognised as unchanged, and progress still flows.
    const sepRows = await validatingBeats(await newImport(employerId, `${csv}\n`, '2026-09'));
    expect(sepRows.length).toBeGreaterThanOrEqual(2);
    expect(sepRows).toEqual([...sepRows].sort((a, b) => a - b));
    expect(sepRows[0]).toBeGreaterThan(0);
    expect(sepRows.at(-1)).toBeGreaterThan(30_000);
  });

  it('is idempotent: a retried apply after success changes nothing', async () => {
    const employerId = await newEmployer();
    const activities = createPayrollImportActivities({ db, files });
    const env = new MockActivityEnvironment();
    const sept = await newImport(employerId, people(3), '2026-09');
    await env.run(activities.validatePayrollFile, sept);
    await env.run(activities.applyPayrollSnapshot, sept);
    const oct = await newImport(employerId, people(3, (i): Record<string, string> => (i === 0 ? { city: 'Breda' } : {})), '2026-10');
    await env.run(activities.validatePayrollFile, oct);
    const first = (await env.run(activities.applyPayrollSnapshot, oct)) as { changeCounts: unknown };
    const second = await env.run(activities.applyPayrollSnapshot, oct);
    expect(second).toEqual(first);
    expect(first.changeCounts).toEqual({ change: 1 });
    const { rows } = await db.$client.query('select count(*)::int as n from payroll_changes where import_id = $1', [oct]);
    expect(rows[0].n).toBe(1);
    // Validating again after completion is harmless too.
    await expect(env.run(activities.validatePayrollFile, oct)).resolves.toEqual({ ok: true, rowCount: 3 });
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

  it('refuses to store a delta computed against a baseline that moved meanwhile', async () => {
    const employerId = await newEmployer();
    const activities = createPayrollImportActivities({ db, files });
    const env = new MockActivityEnvironment();
    const oct = await newImport(employerId, people(2), '2026-10');
    await env.run(activities.validatePayrollFile, oct);
    // September completes after October was validated without a baseline.
    const sept = await newImport(employerId, people(2), '2026-09');
    await env.run(activities.validatePayrollFile, sept);
    await env.run(activities.applyPayrollSnapshot, sept);
    const err = await env.run(activities.applyPayrollSnapshot, oct).catch((e) => e);
    expect(err).toBeInstanceOf(ApplicationFailure);
    expect(err).toMatchObject({ type: 'BaselineMoved', nonRetryable: true });
    // Validating again picks up the new baseline; storing then works.
    await env.run(activities.validatePayrollFile, oct);
    await expect(env.run(activities.applyPayrollSnapshot, oct)).resolves.toMatchObject({ baselineImportId: sept, changeCounts: {} });
  });
});
