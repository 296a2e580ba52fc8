/** A list prepared per filter shape answers as the query built each time would, and prepares each shape once. */
import { randomUUID } from 'node:crypto';
import type { SQL } from 'drizzle-orm';
import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import { given, listByShape, slot } from '../../db/queries/list-by-shape';
import { integer, pgTable, text } from 'drizzle-orm/pg-core';
import { testDb } from '../support/harness';

// One connection: the statements it prepared are the ones pg_prepared_statements shows, and the temporary table is its own.
const db = testDb(1);
afterAll(() => db.$client.end());
const persons = pgTable('shape_persons', { employerId: integer('employer_id').notNull(), employeeNumber: text('employee_number').notNull(), status: text('status').notNull() });
beforeAll(async () => {
  await db.execute(sql`create temporary table shape_persons (employer_id int not null, employee_number text not null, status text not null)`);
  // Two employers, 120 people each: E000 to E119, one in three left.
  await db.insert(persons).values(Array.from({ length: 240 }, (_, i) => ({
    employerId: 1 + (i % 2), employeeNumber: `E${String(i >> 1).padStart(3, '0')}`, status: (i >> 1) % 3 ? 'active' : 'left',
  })));
});

test('each shape is prepared once and answers as the query built each time', async () => {
  const employer = { id: 1 };
  const name = `test.${randomUUID().slice(0, 8)}`;
  const build = jest.fn((where: SQL | undefined) => db
    .select({ number: persons.employeeNumber }).from(persons).where(and(eq(persons.employerId, slot('employerId')), where)).orderBy(asc(persons.employeeNumber)).limit(slot('limit')));
  const list = listByShape(name, { status: eq(persons.status, slot('status')), after: gt(persons.employeeNumber, slot('after')) }, build);
  const built = async (status: 'active' | 'left' | undefined, after: string | undefined, limit: number) => (await db.select({ number: persons.employeeNumber }).from(persons)
    .where(and(eq(persons.employerId, employer.id), status ? eq(persons.status, status) : undefined, after ? gt(persons.employeeNumber, after) : undefined))
    .orderBy(asc(persons.employeeNumber)).limit(limit)).map((r) => r.number);
  const run = async (status: 'active' | 'left' | undefined, after: string | undefined, limit: number) =>
    (await list(given({ status, after }), { employerId: employer.id, status, after, limit })).map((r) => r.number);

  const cases: [('active' | 'left')?, string?, number?][] = [[undefined, undefined, 101], ['active', undefined, 101], ['left', 'E050', 101], [undefined, 'E100', 5], ['active', undefined, 101], [undefined, undefined, 7]];
  for (const [status, after, limit] of cases) expect(await run(status, after, limit!)).toEqual(await built(status, after, limit!));
  expect((await run('left', undefined, 101)).every((n) => Number(n.slice(1)) % 3 === 0)).toBe(true);

  const { rows } = await db.execute<{ name: string; statement: string }>(sql`select name, statement from pg_prepared_statements where name like ${`${name}.%`} order by name`);
  // Four shapes (none, status, after, both) over seven runs: each built once, one statement each, the filters of its shape in it.
  expect(build).toHaveBeenCalledTimes(4);
  expect(rows.map((r) => r.name)).toEqual([`${name}.0`, `${name}.1`, `${name}.2`, `${name}.3`]);
  expect(rows.map((r) => [/"status" = \$/.test(r.statement), /"employee_number" > \$/.test(r.statement)])).toEqual([[false, false], [true, false], [false, true], [true, true]]);
});

test('beyond 32 shapes a list runs unnamed, with the same answers, and a filter it lacks is refused', async () => {
  const name = `test.${randomUUID().slice(0, 8)}`;
  // Six filters, 64 shapes: filter i leaves out employee number E00i.
  const filters = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`not${i}`, ne(persons.employeeNumber, slot(`n${i}`))]));
  const build = jest.fn((where: SQL | undefined) => db.select({ number: persons.employeeNumber }).from(persons)
    .where(and(eq(persons.employerId, 1), where)).orderBy(asc(persons.employeeNumber)).limit(10));
  const list = listByShape(name, filters, build);
  const values = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`n${i}`, `E00${i}`]));
  for (let round = 0; round < 2; round++) {
    for (let shape = 0; shape < 64; shape++) {
      const on = Object.keys(filters).filter((_, i) => shape & (1 << i));
      const numbers = (await list(on, values)).map((r) => r.number);
      const left = Array.from({ length: 10 + on.length }, (_, i) => `E${String(i).padStart(3, '0')}`).filter((n) => !on.some((f) => n === `E00${f.slice(3)}`));
      expect(numbers).toEqual(left.slice(0, 10));
    }
  }
  const { rows } = await db.execute<{ n: number }>(sql`select count(*)::int as n from pg_prepared_statements where name like ${`${name}.%`}`);
  expect(rows[0].n).toBe(32);
  // The first 32 shapes built once; the other 32 built on each of the two rounds.
  expect(build).toHaveBeenCalledTimes(32 + 2 * 32);
  await expect(list(['not9' as never], values)).rejects.toThrow(`listByShape ${name}: no filter not9`);
});
