/** A list prepared per filter shape answers as the query built each time would, and prepares each shape once. */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { given, listByShape, slot } from '../../db/queries/list-by-shape';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { testDb } from '../support/harness';

// One connection: the statements it prepared are the ones pg_prepared_statements shows, and the temporary table is its own.
const db = testDb(1);
afterAll(() => db.$client.end());
const persons = pgTable('shape_persons', { employerId: integer('employer_id').notNull(), employeeNumber: text('employee_number').notNull(), status: text('status').notNull() });

test('each shape is prepared once and answers as the query built each time', async () => {
  await db.execute(sql`create temporary table shape_persons (employer_id int not null, employee_number text not null, status text not null)`);
  const employer = { id: 1 };
  await db.insert(persons).values(Array.from({ length: 240 }, (_, i) => ({
    employerId: 1 + (i % 2), employeeNumber: `E${String(i >> 1).padStart(3, '0')}`, status: (i >> 1) % 3 ? 'active' : 'left',
  })));
  const name = `test.${randomUUID().slice(0, 8)}`;
  const list = listByShape(name, { status: eq(persons.status, slot('status')), after: gt(persons.employeeNumber, slot('after')) }, (where) => db
    .select({ number: persons.employeeNumber }).from(persons).where(and(eq(persons.employerId, slot('employerId')), where)).orderBy(asc(persons.employeeNumber)).limit(slot('limit')));
  const built = async (status: 'active' | 'left' | undefined, after: string | undefined, limit: number) => (await db.select({ number: persons.employeeNumber }).from(persons)
    .where(and(eq(persons.employerId, employer.id), status ? eq(persons.status, status) : undefined, after ? gt(persons.employeeNumber, after) : undefined))
    .orderBy(asc(persons.employeeNumber)).limit(limit)).map((r) => r.number);
  const run = async (status: 'active' | 'left' | undefined, after: string | undefined, limit: number) =>
    (await list(given({ status, after }), { employerId: employer.id, status, after, limit })).map((r) => r.number);

  const cases: [('active' | 'left')?, string?, number?][] = [[undefined, undefined, 101], ['active', undefined, 101], ['left', 'E050', 101], [undefined, 'E100', 5], ['active', undefined, 101], [undefined, undefined, 7]];
  for (const [status, after, limit] of cases) expect(await run(status, after, limit!)).toEqual(await built(status, after, limit!));
  expect((await run('left', undefined, 101)).every((n) => Number(n.slice(1)) % 3 === 0)).toBe(true);

  const { rows } = await db.execute<{ name: string; statement: string }>(sql`select name, statement from pg_prepared_statements where name like ${`${name}.%`} order by name`);
  // Four shapes (none, status, after, both) over seven runs: one statement each, the filters of its shape in it.
  expect(rows.map((r) => r.name)).toEqual([`${name}.0`, `${name}.1`, `${name}.2`, `${name}.3`]);
  expect(rows.map((r) => [/"status" = \$/.test(r.statement), /"employee_number" > \$/.test(r.statement)])).toEqual([[false, false], [true, false], [false, true], [true, true]]);
});
