import { randomUUID } from 'node:crypto';
import type { ChangeRow} from '../../../activities/payroll/change-rows';
import { insertChangeRows } from '../../../activities/payroll/change-rows';
import type { Db } from '../../../db/client';
import { testDb } from '../../support/harness';

describe('insertChangeRows', () => {
  let db: Db;
  beforeAll(() => { db = testDb(); });
  afterAll(async () => { await db.$client.end(); });

  const readBack = async (importId: string) => (await db.$client.query(
    `select person_id p, employee_number k, kind kd, field f, old_value o, new_value n, supplier_ids::text[] s
     from payroll_changes where import_id = $1 order by id`, [importId])).rows;

  const row = (over: Partial<ChangeRow> = {}): ChangeRow => ({
    p: randomUUID(), k: 'E1', kd: 'change', f: 'street', o: 'Kerkstraat', n: 'Molenweg', s: [], ...over,
  });

  it('stores nulls, empty texts and supplier ids as given, in order', async () => {
    const importId = randomUUID();
    const rows = [
      row(),
      row({ kd: 'hire', f: 'hireDate', o: null, n: '2026-02-01', s: [randomUUID(), randomUUID()] }),
      row({ kd: 'missing', f: null, o: null, n: null }),
      row({ n: 'Dorpsstraat, 1' }),
    ];
    await insertChangeRows(db.$client, importId, randomUUID(), rows);
    expect(await readBack(importId)).toEqual(rows);
  });

  it('stores a single row without suppliers', async () => {
    const importId = randomUUID();
    const rows = [row({ kd: 'missing', f: null, o: null, n: null })];
    await insertChangeRows(db.$client, importId, randomUUID(), rows);
    expect(await readBack(importId)).toEqual(rows);
  });

  it('stores values that hold a line break or the null mark (edited outside the import) all the same', async () => {
    const importId = randomUUID();
    const rows = [row({ o: 'Kerkstraat\n2 hoog' }), row({ n: 'a\u0002b' }), row({ o: null })];
    await insertChangeRows(db.$client, importId, randomUUID(), rows);
    expect(await readBack(importId)).toEqual(rows);
  });

  it('stores a single empty value (edited outside the import) as empty, not null', async () => {
    const importId = randomUUID();
    const rows = [row({ o: '' })];
    await insertChangeRows(db.$client, importId, randomUUID(), rows);
    expect(await readBack(importId)).toEqual(rows);
  });
});
