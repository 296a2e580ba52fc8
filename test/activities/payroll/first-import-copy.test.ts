import { MockActivityEnvironment } from '@temporalio/testing';
import { createPayrollImportActivities } from '../../../activities/payroll/import';
import { CANONICAL_FIELDS } from '../../../domain/payroll/canonical';
import type { Db } from '../../../db/client';
import type { FileStore } from '../../../infra/file-store';
import { BASE_PERSON, BSNS } from '../../support/canonical-csv';
import { newEmployer as newEmployerIn, newImport as recordUpload, useDbAndFiles } from '../../support/payroll-upload';

/**
 * An employer's first photo goes to `persons` through one COPY instead of INSERT batches: the
 * people stored, the outcome and the next month's diff must be the batches' (the reference).
 */
describe('an employer\'s first photo through COPY', () => {
  let db: Db;
  let files: FileStore;
  useDbAndFiles((d, f) => { db = d; files = f; });
  const newEmployer = () => newEmployerIn(db);
  const newImport = (employerId: string, csv: string, period: string) => recordUpload(db, files, employerId, csv, period);
  /** Everything stored for an employer's people, without what differs between employers (ids). */
  const personsOf = async (employerId: string) => (await db.$client.query(
    `select p.employee_number, p.data, p.status, i.period as last_period, p.erased_at from persons p
     join payroll_imports i on i.id = p.last_import_id where p.employer_id = $1 order by p.employee_number`, [employerId])).rows;

  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const HEADER = [...CANONICAL_FIELDS, 'costCentre', '__proto__', 'toString'];
  /** Names with commas and quotes, backslashes, tabs, line breaks and a control character, accents, departures, empty and JSON-looking custom values. */
  const photo = (n: number, over: (i: number) => Record<string, string> = () => ({})) => `${HEADER.join(',')}\n${Array.from({ length: n }, (_, i) => {
    const row: Record<string, string> = {
      ...BASE_PERSON, employeeNumber: `C${String(i).padStart(6, '0')}`, nationalId: BSNS[i % BSNS.length],
      ...(i % 11 === 0 ? { lastName: 'Öztürk, \\t "Ali"', street: 'C:\\pad\\n' } : {}), ...(i % 13 === 0 ? { exitDate: '2026-08-15' } : {}),
      costCentre: i % 17 === 5 ? 'CC\t1\r\n\u0001"\\' : i % 3 ? `CC${i % 40}` : '', ['__proto__']: i % 2 ? 'x' : '', toString: '{"a":1}', ...over(i),
    };
    return HEADER.map((h) => quote(row[h] ?? '')).join(',');
  }).join('\n')}\n`;
  const run = async (activities: ReturnType<typeof createPayrollImportActivities>, employerId: string, csv: string, period: string) =>
    new MockActivityEnvironment().run(activities.importPayrollFile, await newImport(employerId, csv, period));

  it('stores the same people as the batches do, and the next month diffs against them the same way', async () => {
    const [copied, batched] = [await newEmployer(), await newEmployer()];
    const copyActivities = createPayrollImportActivities({ db, files });
    const batchActivities = createPayrollImportActivities({ db, files, copyFirstImport: false, batchSize: 700 });
    const first = photo(30_000);
    const a = await run(copyActivities, copied, first, '2026-08');
    expect(a).toEqual(await run(batchActivities, batched, first, '2026-08'));
    expect(a).toMatchObject({ ok: true, rowCount: 30_000, changeCounts: {} });
    const stored = await personsOf(copied);
    expect(stored).toEqual(await personsOf(batched));
    expect(stored).toHaveLength(30_000);
    expect(stored[0].data).toMatchObject({ lastName: 'Öztürk, \\t "Ali"', street: 'C:\\pad\\n', custom: { costCentre: null, toString: '{"a":1}' } });
    expect(Object.getOwnPropertyDescriptor(stored[0].data.custom, '__proto__')?.value).toBeNull();
    // Tabs, line breaks and control characters are spaces by then (the mapper), quotes and backslashes stay.
    expect(stored[5].data.custom.costCentre).toBe('CC 1 "\\');
    expect(stored.filter((p) => p.status === 'departed')).toHaveLength(Math.ceil(30_000 / 13));

    const next = photo(30_005, (i): Record<string, string> => (i % 1000 === 7 ? { city: 'Breda' } : {}));
    const a2 = await run(copyActivities, copied, next, '2026-09');
    const b2 = await run(batchActivities, batched, next, '2026-09');
    // Each against its own employer's first import.
    expect({ ...(a2 as object), baselineImportId: null }).toEqual({ ...(b2 as object), baselineImportId: null });
    expect(a2).toMatchObject({ ok: true, changeCounts: { change: 30, hire: 5 } });
    expect(await personsOf(copied)).toEqual(await personsOf(batched));
  });

  it('stores nothing of a first photo rejected on its last row, after the copy had started', async () => {
    const employerId = await newEmployer();
    const activities = createPayrollImportActivities({ db, files });
    const outcome = await run(activities, employerId, `${photo(30_000)}C999999,bad\n`, '2026-08');
    expect(outcome).toMatchObject({ ok: false, errorCount: 1 });
    expect(await personsOf(employerId)).toEqual([]);
    // The next (good) first photo goes through COPY again.
    expect(await run(activities, employerId, photo(30_000), '2026-08')).toMatchObject({ ok: true, rowCount: 30_000 });
    expect(await personsOf(employerId)).toHaveLength(30_000);
  });
});
