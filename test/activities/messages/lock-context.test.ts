/**
 * A delivery that waits for the message's lock reads the context as the lock holder left it: a
 * change committed while it waited (the enrollment's start date with the message's fact date, in
 * one transaction) reaches the body sent whole, never the message's new date with the old start.
 */
import { eq } from 'drizzle-orm';
import { createMessageActivities } from '../../../activities/messages/lifecycle';
import { messageBodies } from '../../../db/schema';
import type { Harness } from '../../support/harness';
import { TEST_SECRETS, startHarness } from '../../support/harness';
import type { Simulator } from '../../support/message-fixture';
import { addDays, createPerson, createWorld, enroll, startSimulator, today } from '../../support/message-fixture';
import { TEST_OUTBOUND } from '../../support/outbound';

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

it('sends the start date committed while it waited for the lock, with the fact date of the same change', async () => {
  const world = await createWorld(h.db, sim);
  const { personId } = await createPerson(h.db, world);
  const m = await enroll(h.db, world, personId, addDays(today(), -3));
  const moved = addDays(today(), -2);
  const activities = createMessageActivities({ db: h.db, secrets: TEST_SECRETS, publicUrl: 'http://127.0.0.1:9', outbound: TEST_OUTBOUND });

  const other = await h.db.$client.connect();
  let delivering: Promise<unknown> | undefined;
  try {
    await other.query('begin');
    await other.query('update enrollments set start_date = $2 where id = $1', [m.enrollmentId, moved]);
    await other.query('update messages set fact_date = $2 where id = $1', [m.id, moved]);
    delivering = activities.deliverMessage({ messageId: m.id, version: m.version });
    // Until it waits on the message's row lock.
    for (let i = 0; i < 100; i++) {
      const { rows } = await h.db.$client.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%for update%'`);
      if (rows[0].n > 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    await other.query('commit');
  } finally {
    other.release();
  }
  expect(await delivering).toEqual({ outcome: 'sent' });
  const [body] = await h.db.select({ sealed: messageBodies.bodySealed }).from(messageBodies).where(eq(messageBodies.messageId, m.id));
  const sent = JSON.parse(TEST_SECRETS.open<string>(body.sealed)) as { coverage: { startDate: string } };
  expect(sent.coverage.startDate).toBe(moved);
});
