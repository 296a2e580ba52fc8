/** The tables that keep a person from being deleted, as the database has them: a new foreign key to persons must join the list. */
import { PERSON_REFERENCES } from '../../db/queries/person-references';
import { testDb } from '../support/harness';

const db = testDb(1);
afterAll(() => db.$client.end());

it('names every table with a foreign key to persons that does not cascade, and no other', async () => {
  const { rows } = await db.$client.query<{ table: string; column: string; cascades: boolean }>(`
    select c.conrelid::regclass::text as table, a.attname as column, c.confdeltype = 'c' as cascades
    from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.contype = 'f' and c.confrelid = 'persons'::regclass`);
  const blocking = rows.filter((r) => !r.cascades);
  expect(blocking.map((r) => r.table).sort()).toEqual([...PERSON_REFERENCES].sort());
  // The list's check reads person_id in each.
  expect(blocking.every((r) => r.column === 'person_id')).toBe(true);
});
