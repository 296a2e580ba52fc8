/**
 * A message's transition runs as a named statement built once per shape (db/queries/messages.ts,
 * named-statement.ts): the values of each call reach the row, a null is SQL's null (not JSON's),
 * a row changed since it was read refuses the move, and the statement is parsed once per connection.
 */
import { eq } from 'drizzle-orm';
import { readWithContext, transition } from '../../db/queries/messages';
import { messageEvents, messages } from '../../db/schema';
import type { Harness } from '../support/harness';
import { startHarness, testDb } from '../support/harness';
import type { Simulator } from '../support/message-fixture';
import { addDays, createPerson, createWorld, enroll, startSimulator, today } from '../support/message-fixture';

let h: Harness;
let sim: Simulator;
beforeAll(async () => {
  h = await startHarness({ worker: false });
  sim = await startSimulator();
});
afterAll(async () => {
  await sim?.app.close();
  await h?.close();
});

async function newMessage() {
  const world = await createWorld(h.db, sim);
  const { personId } = await createPerson(h.db, world);
  return enroll(h.db, world, personId, addDays(today(), -3));
}
const row = async (id: string) => (await h.db.select().from(messages).where(eq(messages.id, id)))[0];

it('writes each call\'s values through one statement per shape, a null as SQL null', async () => {
  const [a, b] = [await newMessage(), await newMessage()];
  for (const [m, missing] of [[a, ['nationalId']], [b, ['birthDate', 'street']]] as const) {
    expect(await transition(h.db, { messageId: m.id, version: m.version, to: 'incomplete', cause: 'data_missing', actor: 'user:one', set: { missingFields: [...missing] }, detail: { missing } })).toBe('not_sent');
  }
  expect((await row(a.id)).missingFields).toEqual(['nationalId']);
  expect((await row(b.id)).missingFields).toEqual(['birthDate', 'street']);
  const [event] = await h.db.select().from(messageEvents).where(eq(messageEvents.messageId, b.id)).orderBy(messageEvents.id).offset(1);
  expect(event).toMatchObject({ fromStatus: 'not_sent', toStatus: 'incomplete', cause: 'data_missing', actor: 'user:one', detail: { missing: ['birthDate', 'street'] } });

  await h.db.update(messages).set({ failure: { code: 'x', message: 'x' } }).where(eq(messages.id, a.id));
  await transition(h.db, { messageId: a.id, version: a.version, to: 'not_sent', cause: 'data_complete', actor: 'user:one', set: { failure: null, missingFields: [] } });
  const { rows } = await h.db.$client.query<{ failure_is_null: boolean }>('select failure is null as failure_is_null from messages where id = $1', [a.id]);
  expect(rows[0].failure_is_null).toBe(true);
});

it('refuses the move when the row changed since it was read, and moves it at the version read after', async () => {
  const m = await newMessage();
  const before = (await readWithContext(h.db, m.id))!;
  await h.db.update(messages).set({ changedSinceSent: ['street'] }).where(eq(messages.id, m.id));
  const move = (rowVersion: string) => transition(h.db, { messageId: m.id, version: m.version, to: 'cancelled', cause: 'cancelled', actor: 'user:one', rowVersion });
  expect(await move(before.rowVersion)).toBeNull();
  expect((await row(m.id)).status).toBe('not_sent');
  const after = (await readWithContext(h.db, m.id))!;
  expect(after.rowVersion).not.toBe(before.rowVersion);
  expect(await move(after.rowVersion)).toBe('not_sent');
  expect((await row(m.id)).status).toBe('cancelled');
});

it('is parsed once per connection, whatever the values', async () => {
  // A pool of one connection of its own: what is prepared on it is this test's.
  const db = testDb(1);
  try {
    for (let i = 0; i < 3; i++) {
      const m = await newMessage();
      await transition(db, { messageId: m.id, version: m.version, to: 'incomplete', cause: 'data_missing', actor: `user:${i}`, set: { missingFields: [`f${i}`] } });
      expect((await row(m.id)).missingFields).toEqual([`f${i}`]);
    }
    const { rows } = await db.$client.query<{ n: number }>(`select count(*)::int as n from pg_prepared_statements where statement like '%locked_row%'`);
    expect(rows[0].n).toBe(1);
  } finally {
    await db.$client.end();
  }
});
