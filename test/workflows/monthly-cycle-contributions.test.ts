/**
 * The monthlyCycle's contribution step (patch 'contributions-file') on the time-skipping server
 * with its real activities: before the cycle closes, the employer's contribution file is
 * produced and delivered; the history holds counts and ids only, and replays — as do the
 * monthly-cycle histories recorded before the step existed.
 */
import { randomUUID } from 'node:crypto';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { eq } from 'drizzle-orm';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Db } from '../../db/client';
import { contributionFiles, contributionSettings, enrollments, plans } from '../../db/schema';
import type { monthlyCycle } from '../../workflows/monthly-cycle';
import { cycleWorkflowId } from '../../workflows/shared';
import { sharedBundle } from '../support/harness';
import type { Simulator } from '../support/message-fixture';
import { PERSON_NAMES, completedImport, createPerson, createWorld } from '../support/message-fixture';
import { TEST_DATA_CONVERTER } from '../support/outbound';

const HISTORIES = join(__dirname, '..', 'histories');
import { useCycleWorkflowEnv } from '../support/cycle-workflow-env';
let env: TestWorkflowEnvironment, db: Db, sim: Simulator;
const taskQueue = `cycle-contrib-${randomUUID()}`;
useCycleWorkflowEnv(taskQueue, { codec: true }, (setup) => ({ env, db, sim } = setup));

describe('monthlyCycle: the contribution file', () => {
  it('produces and delivers the period\'s contribution file before closing; the history replays', async () => {
    const world = await createWorld(db, sim);
    const period = '2031-05';
    const importId = randomUUID();
    await completedImport(db, world.employerId, period, importId);
    await db.update(plans).set({ premiumFormula: { kind: 'percent_of_salary', rateBasisPoints: 200, employerShareBasisPoints: 5000 } }).where(eq(plans.id, world.planId));
    const { personId } = await createPerson(db, world, { grossMonthlySalary: '3654.21' });
    await db.insert(enrollments).values({ personId, planId: world.planId, startDate: '2031-03-01', source: 'manual' });
    await db.insert(contributionSettings).values({ employerId: world.employerId, layout: { payCodes: { [world.planId]: '9100' } }, firstPeriod: '2031-04', updatedBy: 'test' });

    const handle = await env.client.workflow.start<typeof monthlyCycle>('monthlyCycle', {
      workflowId: cycleWorkflowId(world.employerId, period), taskQueue, args: [{ employerId: world.employerId, period, startedBy: 'user:test' }],
    });
    const done = await handle.result();
    expect(done).toMatchObject({ stage: 'closed', counts: { contributionLines: 2, contributionFindings: 0, contributionFileDelivered: 1 } });
    const [file] = await db.select().from(contributionFiles).where(eq(contributionFiles.employerId, world.employerId));
    expect(file).toMatchObject({ period, version: 1, cycleId: done.cycleId, status: 'delivered', transport: 'download', lineCount: 2, employeeTotalCents: 2 * 3654 });

    const history = await handle.fetchHistory();
    const json = JSON.stringify(history);
    for (const secret of [...PERSON_NAMES, '3654.21', '365421']) expect(json).not.toContain(secret);
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, history, handle.workflowId);
    if (process.env.RECORD_HISTORIES === '1') await writeFile(join(HISTORIES, 'monthly-cycle-contributions.json'), historyToJSON(history));
  });

  it('every recorded monthly-cycle history replays with the step in the code', async () => {
    const files = (await readdir(HISTORIES)).filter((f) => f.startsWith('monthly-cycle') && f.endsWith('.json'));
    expect(files).toEqual(expect.arrayContaining(['monthly-cycle-closed.json', 'monthly-cycle-contributions.json']));
    for (const file of files) {
      const history = JSON.parse(await readFile(join(HISTORIES, file), 'utf8'));
      await Worker.runReplayHistory({ workflowBundle: await sharedBundle(), dataConverter: TEST_DATA_CONVERTER }, history, file);
    }
  });
});
