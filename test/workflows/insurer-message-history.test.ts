/**
 * The insurerMessage workflow on the dev server (real time): the happy path's history stays
 * small, holds no personal data, and replays — now and after any later change of the code.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { messageWorkflowId } from '../../workflows/shared';
import type { Harness} from '../support/harness';
import { sharedBundle, startHarness } from '../support/harness';
import type { Simulator} from '../support/message-fixture';
import { PERSON_NAMES, addDays, createPerson, createWorld, enroll, eventually, messageRow, startSimulator, today } from '../support/message-fixture';
import { TEST_DATA_CONVERTER } from '../support/outbound';
import { HISTORIES, exportHistory, recordHistories as record } from '../support/histories';

describe('insurerMessage history', () => {
  let h: Harness;
  let sim: Simulator;
  beforeAll(async () => {
    h = await startHarness({ listen: true });
    sim = await startSimulator({ delayMs: 50 });
  });
  afterAll(async () => {
    await sim?.app.close();
    await h?.close();
  });

  it.each([
    ['processed', {}],
    ['rejected', { register: false }],
  ] as const)('%s: at most 30 events, no BSN or name, replays', async (outcome, worldOpts) => {
    const world = await createWorld(h.db, sim, worldOpts);
    const { personId, nationalId } = await createPerson(h.db, world, { birthDate: '1979-06-23' });
    const m = await enroll(h.db, world, personId, addDays(today(), -2));
    await h.app.messageWorkflows.start([{ messageId: m.id, version: 1 }]);
    const result = await h.client.workflow.getHandle(messageWorkflowId(m.id)).result();
    expect(result).toMatchObject({ outcome });
    expect((await messageRow(h.db, m.id)).status).toBe(outcome);

    const json = await exportHistory(messageWorkflowId(m.id));
    const history = JSON.parse(json);
    expect(history.events.length).toBeLessThanOrEqual(30);
    for (const secret of [nationalId, ...PERSON_NAMES, 'Anouk', '1979-06-23', 'Lange Voorhout', '2514ED']) expect(json).not.toContain(secret);
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, history, m.id);
    if (record) await writeFile(join(HISTORIES, `insurer-message-${outcome}.json`), json);
  });

  it('a message the supplier already answered is not sent again when its workflow starts twice', async () => {
    const world = await createWorld(h.db, sim);
    const { personId } = await createPerson(h.db, world);
    const m = await enroll(h.db, world, personId, addDays(today(), -2));
    await h.app.messageWorkflows.start([{ messageId: m.id, version: 1 }]);
    await h.app.messageWorkflows.start([{ messageId: m.id, version: 1 }]);
    await eventually(() => messageRow(h.db, m.id), (r) => r.status === 'processed');
    const received = (await sim.app.inject({ method: 'GET', url: '/admin/messages' })).json().messages.filter((r: { messageId: string }) => r.messageId === m.id);
    expect(received).toHaveLength(1);
  });
});
