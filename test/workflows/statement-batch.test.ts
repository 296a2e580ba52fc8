import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { eq } from 'drizzle-orm';
import { statementBatches } from '../../db/schema';
import { getStatementBatchProgress, statementBatchWorkflowId } from '../../workflows/shared';
import type { Harness } from '../support/harness';
import { sharedBundle, startHarness } from '../support/harness';
import { TEST_DATA_CONVERTER } from '../support/outbound';
import { HISTORIES, exportHistory, recordHistories as record } from '../support/histories';
import { type StatementWorld, createStatementWorld } from '../support/statement-world';

/** Values of the world's persons: none may reach Temporal. */
const PERSONAL = ['Lefèvre', 'Anaïs', 'Kerkstraat', 'Oudestraat', '3500.00', 'E-0001'];

describe('statementBatch workflow on the dev server', () => {
  let h: Harness;
  let w: StatementWorld;
  beforeAll(async () => {
    // No mail server: an e-mail batch is refused at delivery.
    h = await startHarness();
    w = await createStatementWorld(h.db, { count: 12 });
  });
  afterAll(async () => { await h.close(); });

  const start = async (payload: object) => {
    const res = await h.app.inject({ method: 'POST', url: `/api/employers/${w.employerId}/statement-batches`, headers: h.auth, payload });
    expect(res.statusCode).toBe(202);
    return { batchId: res.json().id as string, handle: h.client.workflow.getHandle(statementBatchWorkflowId(res.json().id)) };
  };

  it('counts, generates and completes, answers its progress query, carries counts only, and its history replays', async () => {
    const { batchId, handle } = await start({ delivery: 'download' });
    const result = await handle.result();
    expect(result).toEqual({ batchId, personCount: 12, delivered: false });
    expect(await handle.query(getStatementBatchProgress)).toEqual({ batchId, stage: 'completed', personCount: 12 });
    const [row] = await h.db.select().from(statementBatches).where(eq(statementBatches.id, batchId));
    expect(row).toMatchObject({ status: 'completed', personCount: 12, doneCount: 12 });
    expect(row.fileSize).toBeGreaterThan(12 * 1000);
    const json = await exportHistory(handle.workflowId);
    for (const value of PERSONAL) expect(json).not.toContain(value);
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, JSON.parse(json), handle.workflowId);
    if (record) await writeFile(join(HISTORIES, 'statement-batch-completed.json'), json);
  });

  it('replays the recorded history of a completed batch on this code', async () => {
    const history = JSON.parse(await readFile(join(HISTORIES, 'statement-batch-completed.json'), 'utf8'));
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, history, 'statement-batch-recorded');
  });

  it('fails with the reason on the batch when the e-mail cannot be sent (no mail server), without retrying it for a day', async () => {
    const { batchId, handle } = await start({ delivery: 'email', emailTo: 'hr@example.test' });
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toMatchObject({ type: 'StatementDeliveryRefused' });
    expect(await handle.query(getStatementBatchProgress)).toMatchObject({ stage: 'failed' });
    const [row] = await h.db.select().from(statementBatches).where(eq(statementBatches.id, batchId));
    expect(row.status).toBe('failed');
    expect(row.error).toMatch(/SMTP/);
    // The ZIP was made: the API answers its download even so (HR can fetch it by hand).
    expect(row.fileSha256).not.toBeNull();
  });
});
