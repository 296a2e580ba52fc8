/**
 * The monthly cycle's comparisons on the time-skipping test server with real activities,
 * PostgreSQL and a real payroll import: a comparison marked monthly (side A Mutaflow's payroll
 * photo, side B an HR file) opens an upload task for the period's file; once it is uploaded the
 * comparison runs as the cycle's child workflow, its difference opens a review task, and the
 * cycle closes once that is reviewed. A file that does not map asks for a new upload.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { and, eq } from 'drizzle-orm';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createActivities } from '../../activities';
import type { Db } from '../../db/client';
import { comparisonDefinitions, comparisonPeriodFiles, comparisonRuns, taskAnswers, tasks } from '../../db/schema';
import { comparisonDefinitionSchema } from '../../domain/reconciliation/comparison-definition';
import type { FileStore } from '../../infra/file-store';
import type { monthlyCycle } from '../../workflows/monthly-cycle';
import { comparisonFileUploaded, completeTask, cycleWorkflowId, getCycleProgress } from '../../workflows/shared';
import { sharedBundle } from '../support/harness';
import { importAsWorkflowDoes, useCycleWorkflowEnv } from '../support/cycle-workflow-env';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import type { Simulator } from '../support/message-fixture';
import { createWorld, eventually } from '../support/message-fixture';

let env: TestWorkflowEnvironment, db: Db, files: FileStore, sim: Simulator, acts: ReturnType<typeof createActivities>;
const taskQueue = `cycle-comparisons-${randomUUID()}`;
useCycleWorkflowEnv(taskQueue, {}, (setup) => ({ env, db, files, sim, acts } = setup));

let periodSeq = 0;

const PAYROLL = canonicalCsv(
  personRow({ employeeNumber: 'A1', nationalId: '123456782', lastName: 'Vermeulen', grossMonthlySalary: '3100' }),
  personRow({ employeeNumber: 'B1', nationalId: '100000009', lastName: 'Oudshoorn', grossMonthlySalary: '2800' }),
);
/** The HR file: B1's salary differs by more than the tolerance. */
const HR_FILE = 'Personnel no,Monthly salary\nA1,3100.00\nB1,2950.00\n';

const importFile = (employerId: string, period: string, csv: string) => importAsWorkflowDoes({ db, files, acts }, employerId, period, csv);

async function setUp() {
  const world = await createWorld(db, sim);
  const period = `2033-${String(++periodSeq).padStart(2, '0')}`;
  const importId = await importFile(world.employerId, period, PAYROLL);
  const definition = comparisonDefinitionSchema.parse({
    name: 'Payroll vs HR salaries', monthly: true,
    sideA: { source: 'payroll' },
    sideB: { source: 'file', label: 'HR', profile: { delimiter: ',' } },
    key: [{ a: 'employeeNumber', b: 'Personnel no' }],
    fields: [{ type: 'amount', a: 'grossMonthlySalary', b: 'Monthly salary', name: 'salary', absolute: 1 }],
  });
  const [row] = await db.insert(comparisonDefinitions).values({ employerId: world.employerId, name: definition.name, definition, createdBy: 'test' }).returning();
  return { world, period, importId, definitionId: row.id };
}

/** What the upload route does: the file sealed in the store, recorded for the period, the cycle told. */
async function uploadPeriodFile(s: Awaited<ReturnType<typeof setUp>>, text: string, handle: WorkflowHandle<typeof monthlyCycle>) {
  const upload = await files.saveUpload(Readable.from(Buffer.from(text)), 1 << 20);
  const values = { fileName: 'hr.csv', fileSha256: upload.sha256, fileSize: upload.size, uploadedBy: 'test', uploadedAt: new Date() };
  await db.insert(comparisonPeriodFiles).values({ definitionId: s.definitionId, employerId: s.world.employerId, period: s.period, side: 'b', ...values })
    .onConflictDoUpdate({ target: [comparisonPeriodFiles.definitionId, comparisonPeriodFiles.period, comparisonPeriodFiles.side], set: values });
  await handle.signal(comparisonFileUploaded, { definitionId: s.definitionId });
}

const start = (employerId: string, period: string): Promise<WorkflowHandle<typeof monthlyCycle>> =>
  env.client.workflow.start<typeof monthlyCycle>('monthlyCycle', { workflowId: cycleWorkflowId(employerId, period), taskQueue, args: [{ employerId, period, startedBy: 'user:test' }] });

const cycleTasks = (cycleId: string, kind: 'upload_comparison_file' | 'review_comparison') =>
  db.select().from(tasks).where(and(eq(tasks.cycleId, cycleId), eq(tasks.kind, kind))).orderBy(tasks.dueAt);

describe('monthlyCycle comparisons (time-skipping)', () => {
  it('asks for the period\'s file, runs the comparison as a child, and waits until its difference is reviewed', async () => {
    const s = await setUp();
    const handle = await start(s.world.employerId, s.period);
    const waiting = await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'comparisons' && p.waitingFor !== null);
    expect(waiting).toMatchObject({ waitingFor: '1 comparison task(s)', openTasks: 1, counts: { comparisons: 1, upload_comparison_file: 1 } });
    const [upload] = await cycleTasks(waiting.cycleId!, 'upload_comparison_file');
    expect(upload).toMatchObject({ status: 'open', subject: expect.objectContaining({ definitionId: s.definitionId, period: s.period, sides: ['b'] }) });
    // Reminded and escalated like the cycle's other tasks, while it waits.
    await env.sleep('6 days');
    const [late] = await cycleTasks(waiting.cycleId!, 'upload_comparison_file');
    expect(late.remindedAt).not.toBeNull();
    expect((await handle.query(getCycleProgress)).stage).toBe('comparisons');

    await uploadPeriodFile(s, HR_FILE, handle);
    // The comparison runs as a child in real time (polling does not skip time): under the whole suite's
    // load on two cores it once took over 20 s here (an activity retried after its backoff, it seems).
    const reviewing = await eventually(() => handle.query(getCycleProgress), (p) => p.counts.review_comparison === 1, 60_000);
    expect(reviewing).toMatchObject({ stage: 'comparisons', openTasks: 1 });
    const [uploaded] = await cycleTasks(waiting.cycleId!, 'upload_comparison_file');
    expect(uploaded).toMatchObject({ status: 'completed', result: { settled: true } });
    const [run] = await db.select().from(comparisonRuns).where(eq(comparisonRuns.definitionId, s.definitionId));
    expect(run).toMatchObject({ status: 'completed', period: s.period, cycleId: waiting.cycleId, aImportId: s.importId, counts: expect.objectContaining({ difference: 1, matched: 2 }) });
    const [review] = await cycleTasks(waiting.cycleId!, 'review_comparison');
    expect(review).toMatchObject({ status: 'open', subject: expect.objectContaining({ runId: run.id, findings: 1 }) });

    const [answer] = await db.insert(taskAnswers).values({ taskId: review.id, result: { acknowledged: true, reason: 'HR sheet is behind' }, by: 'user:controller' }).returning();
    await handle.executeUpdate(completeTask, { args: [{ taskId: review.id, answerId: answer.id, by: 'user:controller' }] });
    const done = await handle.result();
    expect(done).toMatchObject({ stage: 'closed', openTasks: 0 });

    // The history holds ids and counts only, and replays.
    const history = await handle.fetchHistory();
    // The history as text with every payload decoded, times and sizes left out (a nanosecond count may hold any digits).
    const json = JSON.stringify(history, (key, value) => (['nanos', 'seconds', 'historySizeBytes'].includes(key) ? undefined : value));
    const decoded = [...json.matchAll(/"data":"([A-Za-z0-9+/=]+)"/g)].map((m) => Buffer.from(m[1], 'base64').toString('utf8')).join('\n');
    // A number counts only standing alone: a local activity's marker carries its completion time
    // inside its payload (decoded above), and "nanos":677382950 holds 2950 (CI, 2026-12-07).
    for (const secret of ['Oudshoorn', '100000009', '2950', 'HR sheet is behind']) expect(`${json}\n${decoded}`).not.toMatch(new RegExp(`(?<![0-9])${secret}(?![0-9])`));
    expect(history.events!.some((e) => e.startChildWorkflowExecutionInitiatedEventAttributes)).toBe(true);
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle() }, history, handle.workflowId);
    if (process.env.RECORD_HISTORIES === '1') await writeFile(join(__dirname, '..', 'histories', 'monthly-cycle-comparisons.json'), historyToJSON(history));
  });

  it('a file that does not map asks for a new upload; a clean comparison needs no review', async () => {
    const s = await setUp();
    const handle = await start(s.world.employerId, s.period);
    const waiting = await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'comparisons' && p.waitingFor !== null);
    await uploadPeriodFile(s, 'Name,Monthly salary\nA1,3100.00\n', handle);
    const refused = await eventually(() => cycleTasks(waiting.cycleId!, 'upload_comparison_file'), (ts) => ts.length === 2);
    const [failed] = await db.select().from(comparisonRuns).where(eq(comparisonRuns.definitionId, s.definitionId));
    expect(failed).toMatchObject({ status: 'failed', errors: [expect.objectContaining({ column: 'Personnel no' })] });
    expect(refused.find((t) => t.status === 'open')).toMatchObject({ subject: expect.objectContaining({ refusedRunId: failed.id }) });

    await uploadPeriodFile(s, 'Personnel no,Monthly salary\nA1,3100.00\nB1,2800.00\n', handle);
    expect(await handle.result()).toMatchObject({ stage: 'closed', openTasks: 0, counts: expect.objectContaining({ review_comparison: 0, upload_comparison_file: 0 }) });
    const all = await cycleTasks(waiting.cycleId!, 'upload_comparison_file');
    expect(all.every((t) => t.status === 'completed')).toBe(true);
  });
});
