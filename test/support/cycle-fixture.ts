import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createCycleActivities } from '../../activities/cycle/cycle-activities';
import { createPayrollImportActivities } from '../../activities/payroll/import';
import { cycles, payrollImports, taskAnswers } from '../../db/schema';
import { workflowClients } from '../../infra/workflow-clients';
import type { TaskResult } from '../../workflows/shared';
import type { Harness } from './harness';

/** Imports one period as the payroll-import workflow does (the file filed, the import recorded, then read and stored). */
export async function importPeriod(h: Harness, employerId: string, csv: string, period: string): Promise<string> {
  const sha = createHash('sha256').update(csv).digest('hex');
  await mkdir(dirname(h.files.uploadPath(sha)), { recursive: true });
  await writeFile(h.files.uploadPath(sha), csv);
  const id = randomUUID();
  await h.db.insert(payrollImports).values({ id, employerId, period, fileName: 'p.csv', fileSha256: sha, fileSize: csv.length, uploadedBy: 't', workflowId: `w-${id}` });
  const outcome = await new MockActivityEnvironment().run(createPayrollImportActivities({ db: h.db, files: h.files }).importPayrollFile, id);
  if (!(outcome as { ok: boolean }).ok) throw new Error(`import ${period} refused: ${JSON.stringify(outcome)}`);
  return id;
}

/** The cycle's activities as its workflow runs them: classify an import into tasks, complete one. */
export function cycleSteps(h: Harness) {
  const activities = createCycleActivities({ db: h.db, messageWorkflows: workflowClients(h.client, h.taskQueue).messageWorkflows });
  const run = <A extends unknown[], R>(fn: (...args: A) => Promise<R>, ...args: A) => new MockActivityEnvironment().run(fn, ...args) as Promise<R>;
  return {
    async classify(employerId: string, period: string, importId: string) {
      const [cycle] = await h.db.insert(cycles).values({ employerId, period, workflowId: `cycle-${randomUUID()}`, importId, startedBy: 't' }).returning();
      const out = await run(activities.classifyCycle, { cycleId: cycle.id, importId, now: Date.now() });
      return { cycleId: cycle.id, ...out };
    },
    async complete(taskId: string, result: TaskResult, by = 'user:hr') {
      const [a] = await h.db.insert(taskAnswers).values({ taskId, result, by }).returning({ id: taskAnswers.id });
      return run(activities.completeCycleTask, { taskId, answerId: a.id, by });
    },
    /** Several answers at once, as the cycle's completeTasks update applies them; `answerId` overrides the stored answer's id. */
    async completeAll(items: { taskId: string; result: TaskResult; answerId?: string }[], by = 'user:hr') {
      const answered = [];
      for (const { taskId, result, answerId } of items) {
        const [a] = await h.db.insert(taskAnswers).values({ taskId, result, by }).returning({ id: taskAnswers.id });
        answered.push({ taskId, answerId: answerId ?? a.id });
      }
      return run(activities.completeCycleTasks, { tasks: answered, by });
    },
  };
}
