/**
 * A message step reads its message and context without a lock, and moves the message only if the
 * row is still as it read it (db/queries/messages.ts, readWithContext and `rowVersion`). A change
 * committed between the read and the move (the enrollment's start date with the message's fact
 * date, in one transaction; a cancellation) makes the step read again: the body sent carries the
 * change whole, never the message's new date with the old start, and a cancelled message is not sent.
 */
import { eq } from 'drizzle-orm';
import { createMessageActivities } from '../../../activities/messages/lifecycle';
import { dataChangeEffects, queueWithBody, readWithContext } from '../../../db/queries/messages';
import { enrollments, messageBodies, messages, persons } from '../../../db/schema';
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

/** Until a statement waits on a row lock (the delivery, on the message's row), for 5 s at most. */
async function waitForLockWait() {
  for (let i = 0; i < 100; i++) {
    const { rows } = await h.db.$client.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%for update%'`);
    if (rows[0].n > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Runs `change` in a transaction of its own that holds the message's row while the delivery
 * starts, and commits it once the delivery waits for that row: the delivery read before the change.
 */
async function deliverDuring(messageId: string, version: number, change: (q: (text: string, values: unknown[]) => Promise<unknown>) => Promise<void>) {
  const activities = createMessageActivities({ db: h.db, secrets: TEST_SECRETS, publicUrl: 'http://127.0.0.1:9', outbound: TEST_OUTBOUND });
  const other = await h.db.$client.connect();
  let delivering: Promise<unknown> | undefined;
  try {
    await other.query('begin');
    await change((text, values) => other.query(text, values));
    delivering = activities.deliverMessage({ messageId, version });
    await waitForLockWait();
    await other.query('commit');
  } finally {
    other.release();
  }
  return delivering;
}

it('sends the start date committed while it was delivering, with the fact date of the same change', async () => {
  const world = await createWorld(h.db, sim);
  const { personId } = await createPerson(h.db, world);
  const m = await enroll(h.db, world, personId, addDays(today(), -3));
  const moved = addDays(today(), -2);
  const delivered = await deliverDuring(m.id, m.version, async (q) => {
    await q('update enrollments set start_date = $2 where id = $1', [m.enrollmentId, moved]);
    await q('update messages set fact_date = $2 where id = $1', [m.id, moved]);
  });
  expect(delivered).toEqual({ outcome: 'sent' });
  const [body] = await h.db.select({ sealed: messageBodies.bodySealed }).from(messageBodies).where(eq(messageBodies.messageId, m.id));
  const sent = JSON.parse(TEST_SECRETS.open<string>(body.sealed)) as { coverage: { startDate: string } };
  expect(sent.coverage.startDate).toBe(moved);
});

it('sends the address HR corrected while it was delivering (the person\'s row, not the message\'s, changed)', async () => {
  const world = await createWorld(h.db, sim);
  const { personId } = await createPerson(h.db, world);
  const m = await enroll(h.db, world, personId, addDays(today(), -3));
  const activities = createMessageActivities({ db: h.db, secrets: TEST_SECRETS, publicUrl: 'http://127.0.0.1:9', outbound: TEST_OUTBOUND });
  let delivering: Promise<unknown> | undefined;
  // The correction as the persons route makes it: the data, then what it means for the person's messages.
  await h.db.transaction(async (tx) => {
    const [p] = await tx.select().from(persons).where(eq(persons.id, personId));
    await tx.update(persons).set({ data: { ...(p.data as object), street: 'Nieuwe Gracht' } }).where(eq(persons.id, personId));
    expect(await dataChangeEffects(tx, { personId }, ['street'], 'user:hr')).toEqual({ wake: [m.id], resend: [] });
    delivering = activities.deliverMessage({ messageId: m.id, version: m.version });
    await waitForLockWait();
  });
  expect(await delivering).toEqual({ outcome: 'sent' });
  const [body] = await h.db.select({ sealed: messageBodies.bodySealed }).from(messageBodies).where(eq(messageBodies.messageId, m.id));
  expect((JSON.parse(TEST_SECRETS.open<string>(body.sealed)) as { person: { street: string } }).person.street).toBe('Nieuwe Gracht');
});

it('does not send a message cancelled while it was delivering', async () => {
  const world = await createWorld(h.db, sim);
  const { personId } = await createPerson(h.db, world);
  const m = await enroll(h.db, world, personId, addDays(today(), -3));
  const delivered = await deliverDuring(m.id, m.version, async (q) => {
    await q(`update messages set status = 'cancelled' where id = $1`, [m.id]);
  });
  expect(delivered).toEqual({ outcome: 'stale' });
  expect(await h.db.select().from(messageBodies).where(eq(messageBodies.messageId, m.id))).toEqual([]);
  const [row] = await h.db.select({ status: messages.status }).from(messages).where(eq(messages.id, m.id));
  expect(row.status).toBe('cancelled');
});

it('sends the body kept for a version once, byte for byte, when the version is handed over again', async () => {
  const world = await createWorld(h.db, sim);
  const { personId } = await createPerson(h.db, world);
  const m = await enroll(h.db, world, personId, addDays(today(), -3));
  const activities = createMessageActivities({ db: h.db, secrets: TEST_SECRETS, publicUrl: 'http://127.0.0.1:9', outbound: TEST_OUTBOUND });
  expect(await activities.deliverMessage({ messageId: m.id, version: m.version })).toEqual({ outcome: 'sent' });
  const [first] = await h.db.select().from(messageBodies).where(eq(messageBodies.messageId, m.id));
  // The same version back to not sent (as data found missing after the hand-over, then completed
  // does), with a start date that would make another body.
  await h.db.update(enrollments).set({ startDate: addDays(today(), -2) }).where(eq(enrollments.id, m.enrollmentId!));
  await h.db.update(messages).set({ status: 'not_sent' }).where(eq(messages.id, m.id));
  const read = await readWithContext(h.db, m.id);
  const queued = await queueWithBody(h.db, { messageId: m.id, version: m.version, actor: 'test', rowVersion: read!.rowVersion },
    { sha256: 'another', size: 1, sealed: TEST_SECRETS.seal('another') });
  expect(queued).toEqual({ keptSha256: first.sha256 });
  await h.db.update(messages).set({ status: 'not_sent' }).where(eq(messages.id, m.id));
  expect(await activities.deliverMessage({ messageId: m.id, version: m.version })).toEqual({ outcome: 'sent' });
  expect(await h.db.select().from(messageBodies).where(eq(messageBodies.messageId, m.id))).toEqual([first]);
});

it('two data changes of one person wait in turn, never deadlock, whatever messages each takes first', async () => {
  const world = await createWorld(h.db, sim);
  const { personId } = await createPerson(h.db, world);
  const [a, f] = [await enroll(h.db, world, personId, addDays(today(), -3)), await enroll(h.db, world, personId, addDays(today(), -2))]
    .sort((x, y) => x.id.localeCompare(y.id));
  let hr: Promise<unknown> | undefined;
  // As an import's message stage does: one batch of the person's messages, then another.
  await h.db.transaction(async (importing) => {
    await dataChangeEffects(importing, { personId, enrollmentId: f.enrollmentId! }, ['street'], 'import');
    // HR corrects the same person meanwhile, as the persons route does: the person, then all their messages.
    hr = h.db.transaction(async (tx) => {
      await tx.select().from(persons).where(eq(persons.id, personId)).for('update');
      return dataChangeEffects(tx, { personId }, ['street'], 'user:hr');
    });
    await waitForLockWait();
    await dataChangeEffects(importing, { personId, enrollmentId: a.enrollmentId! }, ['street'], 'import');
  });
  expect(await hr).toEqual({ wake: [a.id, f.id], resend: [] });
});
