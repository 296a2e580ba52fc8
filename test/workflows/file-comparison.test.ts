import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkflowFailedError } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import { comparisonWorkflowId, getComparisonProgress } from '../../workflows/shared';
import { FIXTURE_A, FIXTURE_B, FIXTURE_DEFINITION } from '../support/comparison-fixture';
import type { Harness } from '../support/harness';
import { createEmployer, sharedBundle, startHarness } from '../support/harness';
import { TEST_DATA_CONVERTER } from '../support/outbound';
import { HISTORIES, exportHistory, recordHistories as record } from '../support/histories';

/** Values of the fixture's files: none may reach Temporal. */
const PERSONAL = ['123456782', '111222333', '555555555', 'Bakker', 'Peeters', 'Marketing', '2020-02-01', '3500,00'];

describe('fileComparison workflow on the dev server', () => {
  let h: Harness;
  let definitionId: string;
  beforeAll(async () => {
    h = await startHarness();
    const employerId = await createEmployer(h);
    const res = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/comparison-definitions`, headers: h.auth, payload: FIXTURE_DEFINITION });
    definitionId = res.json().id;
  });
  afterAll(async () => { await h.close(); });

  const start = async (b: string, name: string) => {
    const form = new FormData();
    form.set('fileA', new Blob([Buffer.from(FIXTURE_A)]), 'payroll.csv');
    form.set('fileB', new Blob([Buffer.from(b)]), name);
    const res = await h.app.inject({ method: 'POST', url: `/api/comparison-definitions/${definitionId}/runs`, headers: h.auth, payload: form });
    expect(res.statusCode).toBe(202);
    expect(res.json().workflowId).toBe(comparisonWorkflowId(res.json().runId));
    return h.client.workflow.getHandle(res.json().workflowId);
  };

  it('compares, answers its progress query, carries counts only, and its history replays', async () => {
    const handle = await start(FIXTURE_B, 'hr.csv');
    const result = await handle.result();
    expect(result.counts).toMatchObject({ difference: 3, only_in_a: 1, only_in_b: 2 });
    expect(await handle.query(getComparisonProgress)).toMatchObject({ stage: 'completed' });
    const json = await exportHistory(handle.workflowId);
    for (const value of PERSONAL) expect(json).not.toContain(value);
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, JSON.parse(json), handle.workflowId);
    if (record) await writeFile(join(HISTORIES, 'file-comparison-completed.json'), json);
  });

  it('fails as InvalidComparisonFile on a file that does not map; its history replays', async () => {
    const handle = await start(FIXTURE_B.replace('Salary', 'Loon'), 'hr-loon.csv');
    const err = await handle.result().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowFailedError);
    expect((err as WorkflowFailedError).cause).toMatchObject({ type: 'InvalidComparisonFile' });
    expect(await handle.query(getComparisonProgress)).toMatchObject({ stage: 'failed' });
    const json = await exportHistory(handle.workflowId);
    for (const value of PERSONAL) expect(json).not.toContain(value);
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, JSON.parse(json), handle.workflowId);
    if (record) await writeFile(join(HISTORIES, 'file-comparison-refused.json'), json);
  });
});
