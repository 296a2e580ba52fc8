import {
  ApplicationFailure, condition, isCancellation, proxyActivities, setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { DAY_MS } from '../domain/shared/calendar';
import {
  type CompleteTaskInput, type CycleProgress, type MonthlyCycleInput, TASK_NOT_OPEN, completeTask, getCycleProgress, payrollImported,
} from './shared';
import { DATABASE_STEP, OUTWARD_CALL } from './retry-policies';

const steps = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: DATABASE_STEP,
});

// Reports go out over other people's servers: retry with backoff for about a day.
const delivery = proxyActivities<Activities>(OUTWARD_CALL);

/** Without a signal, the cycle looks for its payroll import itself this often. */
const IMPORT_POLL_MS = DAY_MS;

/**
 * One employer × period: wait for the payroll import (reminding, then escalating when it is
 * late) → audit → classify the changes into tasks for what the employer must confirm or
 * complete → wait for the tasks (reminders before the due date, escalation after) →
 * completeness per supplier → messages → monthly reports → delivery → close with a summary.
 * Ids, dates and counts only; the activities hold the data.
 */
export async function monthlyCycle({ employerId, period, startedBy }: MonthlyCycleInput): Promise<CycleProgress> {
  const progress: CycleProgress = { cycleId: null, employerId, period, stage: 'starting', waitingFor: null, importId: null, openTasks: 0, counts: {} };
  setHandler(getCycleProgress, () => progress);
  setHandler(payrollImported, ({ importId }) => { progress.importId ??= importId; });

  const open = new Set<string>();
  const taken = new Set<string>();
  setHandler(completeTask, async ({ taskId, answerId, by }: CompleteTaskInput) => {
    taken.add(taskId);
    try {
      const done = await steps.completeCycleTask({ taskId, answerId, by });
      open.delete(taskId);
      progress.openTasks = open.size;
      return done;
    } finally {
      taken.delete(taskId);
    }
  }, {
    validator: ({ taskId }: CompleteTaskInput) => {
      if (!open.has(taskId) || taken.has(taskId)) {
        throw ApplicationFailure.create({ type: TASK_NOT_OPEN, nonRetryable: true, message: 'the task is not open in this cycle (completed already, or not yet created)' });
      }
    },
  });

  const opened = await steps.openCycle({ employerId, period, startedBy, workflowId: workflowInfo().workflowId });
  const cycleId = opened.cycleId;
  progress.cycleId = cycleId;
  progress.importId ??= opened.importId;

  // 1. The period's payroll import.
  const startedAt = Date.now();
  const marks = [
    { at: startedAt + opened.settings.remindAfterDays * DAY_MS, kind: 'import_late_reminder' },
    { at: startedAt + opened.settings.escalateAfterDays * DAY_MS, kind: 'import_late_escalation' },
  ];
  while (!progress.importId) {
    progress.stage = 'waiting_for_import';
    progress.waitingFor = `the payroll import of ${period}`;
    const nextMark = marks[0]?.at ?? Infinity;
    const wait = Math.max(1_000, Math.min(nextMark - Date.now(), IMPORT_POLL_MS));
    if (await condition(() => progress.importId !== null, wait)) break;
    if (marks.length && Date.now() >= marks[0].at) {
      await steps.recordCycleEvent({ cycleId, kind: marks.shift()!.kind, at: Date.now() });
    }
    progress.importId ??= (await steps.findCycleImport({ employerId, period })).importId;
  }
  const importId = progress.importId!;
  progress.waitingFor = null;

  // 2. Audit (filled in by the audit issue) and classification into tasks.
  progress.stage = 'audit';
  await steps.auditCycle({ cycleId, importId });
  progress.stage = 'classification';
  const classified = await steps.classifyCycle({ cycleId, importId, now: Date.now() });
  classified.taskIds.forEach((id) => open.add(id));
  progress.counts = { ...progress.counts, ...classified.counts };
  progress.openTasks = open.size;

  // 3. Human tasks: reminders before the due date, escalation after it.
  progress.stage = 'tasks';
  let nextAt = classified.nextAt;
  while (open.size > 0) {
    progress.waitingFor = `${open.size} open task(s)`;
    const wait = nextAt === null ? DAY_MS : Math.max(1_000, nextAt - Date.now());
    if (await condition(() => open.size === 0, wait)) break;
    const reminded = await steps.remindCycleTasks({ cycleId, now: Date.now() });
    nextAt = reminded.nextAt;
    // Tasks closed outside this workflow (e.g. their message was cancelled) stop counting.
    for (const id of [...open]) if (!reminded.openTaskIds.includes(id)) open.delete(id);
    progress.openTasks = open.size;
  }
  progress.waitingFor = null;

  // 4. What each supplier still lacks, the messages on their way, the reports.
  progress.stage = 'completeness';
  const completeness = await steps.checkCycleCompleteness({ cycleId, importId });
  progress.counts = { ...progress.counts, ...completeness.counts };
  // Messages and reports do not depend on each other: the messages start while the reports are made.
  progress.stage = 'messages';
  const starting = steps.startCycleMessages({ cycleId, importId });
  progress.stage = 'reports';
  const rendered = await steps.renderCycleReports({ cycleId, importId });
  progress.counts.reports = rendered.reportIds.length;

  progress.stage = 'delivery';
  let delivered = 0;
  for (const reportId of rendered.reportIds) {
    progress.waitingFor = `delivery of ${rendered.reportIds.length - delivered} report(s)`;
    try {
      const d = await delivery.deliverCycleReport({ reportId });
      if (d.delivered) delivered++;
    } catch (err) {
      if (isCancellation(err)) throw err;
      await steps.recordCycleEvent({ cycleId, kind: 'report_delivery_failed', at: Date.now(), reportId });
    }
  }
  progress.counts.delivered = delivered;
  progress.counts.messages = (await starting).started;
  progress.waitingFor = null;

  progress.stage = 'closed';
  await steps.closeCycle({ cycleId, counts: progress.counts });
  return progress;
}
