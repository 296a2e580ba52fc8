/** The tables that name a person or an enrollment, as the database has them: a new foreign key to either must join its list. */
import { ENROLLMENT_LINKS } from '../../db/queries/enrollments';
import { PERSON_REFERENCES } from '../../db/queries/person-references';
import { testDb } from '../support/harness';

const db = testDb(1);
afterAll(() => db.$client.end());

const foreignKeysTo = async (table: string) => (await db.$client.query<{ table: string; column: string; blocks: boolean }>(`
  select c.conrelid::regclass::text as table, a.attname as column, c.confdeltype in ('a', 'r') as blocks
  from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
  where c.contype = 'f' and c.confrelid = $1::regclass`, [table])).rows;

// A key with no action or restrict refuses the delete; cascade, set null and set default do not.
it('names every table whose foreign key to persons refuses a delete, and no other', async () => {
  const blocking = (await foreignKeysTo('persons')).filter((r) => r.blocks);
  expect(blocking.map((r) => r.table).sort()).toEqual([...PERSON_REFERENCES].sort());
  // The list's check reads person_id in each.
  expect(blocking.every((r) => r.column === 'person_id')).toBe(true);
});

it('unlinks every table with a foreign key to enrollments before a declined one is deleted', async () => {
  const blocking = (await foreignKeysTo('enrollments')).filter((r) => r.blocks);
  expect(blocking.map((r) => r.table).sort()).toEqual([...ENROLLMENT_LINKS].sort());
  expect(blocking.every((r) => r.column === 'enrollment_id')).toBe(true);
});
