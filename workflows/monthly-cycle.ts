import {
  ApplicationFailure, allHandlersFinished, condition, continueAsNew, executeChild, isCancellation, patched, proxyActivities, proxyLocalActivities,
  setHandler, workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { DAY_MS } from '../domain/shared/calendar';
import type { fileComparison } from './file-comparison';
import {
  COMPLETE_TASKS_MAX, type CompleteTaskInput, type CompleteTasksInput, type CycleProgress, type CycleResume, type MonthlyCycleInput, NOT_OPEN_STATUS, TASK_NOT_OPEN,
  comparisonFileUploaded, comparisonWorkflowId, completeTask, completeTasks, getCycleProgress, payrollImported,
} from './shared';
import { DATABASE_STEP, OUTWARD_CALL } from './retry-policies';

const steps = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  retry: DATABASE_STEP,
});

// A task's completion runs in the update's own workflow task as a local activity: one marker
// event instead of three activity events and a second workflow task (11 → 6 events a task). The
// history grows with the month's tasks, and an employer of thousands of tasks must stay far below
// the server's limit on events. The step is idempotent (a task no longer open is answered as it is).
const { completeCycleTask } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: DATABASE_STEP,
});
// A bulk completion: up to COMPLETE_TASKS_MAX tasks, each its own transaction.
const { completeCycleTasks } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: DATABASE_STEP,
});

// Reports go out over other people's servers: retry with backoff for about a day.
const delivery = proxyActivities<Activities>(OUTWARD_CALL);

/** Without a signal, the cycle looks for its payroll import itself this often. */
const IMPORT_POLL_MS = DAY_MS;

/**
 * Each completed task adds ~6 events to the history; past this many (or when the server suggests
 * it) the tasks stage continues as new, carrying ids and counts, far below the server's 50k limit.
 */
const HISTORY_LIMIT = 10_000;

/**
 * One employer × period: wait for the payroll import (reminding, then escalating when it is
 * late) → audit (a review task per blocking finding) → classify the changes into tasks for what
 * the employer must confirm or complete → wait for the tasks (reminders before the due date,
 * escalation after) → completeness per supplier → messages (but for people held by a blocking
 * finding) → wait for the findings to be resolved, then their messages → monthly reports →
 * delivery → the month's overview of benefit eligibility changes → the payroll's contribution
 * file, produced and delivered → the monthly comparisons (their files uploaded, run, their
 * differences reviewed) → close with a summary. The eligibility review (review tasks for HR) runs
 * with the classification.
 * Ids, dates and counts only; the activities hold the data.
 */
export async function monthlyCycle(input: MonthlyCycleInput): Promise<CycleProgress> {
  const { employerId, period, startedBy, resume, historyLimit = HISTORY_LIMIT } = input;
  const progress: CycleProgress = { cycleId: null, employerId, period, stage: 'starting', waitingFor: null, importId: null, openTasks: 0, counts: {} };
  setHandler(getCycleProgress, () => progress);
  // Every announced import counts: a corrected import may resolve blocking findings.
  let importsAnnounced = 0;
  setHandler(payrollImported, ({ importId }) => { progress.importId ??= importId; importsAnnounced++; });
  let uploadsAnnounced = 0;
  setHandler(comparisonFileUploaded, () => { uploadsAnnounced++; });

  const open = new Set<string>();
  /** Review tasks of blocking audit findings: they hold their person, not the whole cycle's tasks stage. */
  let review = new Set<string>();
  /** Tasks of the monthly comparisons (upload the period's file, review the differences): the cycle closes once they are done. */
  let controls = new Set<string>();
  const taken = new Set<string>();
  if (resume) {
    // Before the handlers: updates the server held during the continue-as-new are delivered the
    // moment their handler is set, and must find their tasks open.
    Object.assign(progress, { cycleId: resume.cycleId, importId: resume.importId, counts: { ...resume.counts } });
    resume.open.forEach((id) => open.add(id));
    review = new Set(resume.review);
    controls = new Set(resume.controls);
    progress.openTasks = open.size + review.size + controls.size;
  }
  /** Tasks completed in this run: a run continues as new only after some (never in a loop). */
  let completedHere = 0;
  /** Open in this cycle, and no update completing it now. */
  const isOpen = (taskId: string) => (open.has(taskId) || review.has(taskId) || controls.has(taskId)) && !taken.has(taskId);
  const closed = (taskId: string) => {
    completedHere++;
    open.delete(taskId);
    review.delete(taskId);
    controls.delete(taskId);
    progress.openTasks = open.size + review.size + controls.size;
  };
  setHandler(completeTask, async ({ taskId, answerId, by }: CompleteTaskInput) => {
    taken.add(taskId);
    try {
      // Cycles that completed tasks as activities keep doing so on replay.
      const done = patched('complete-task-local') ? await completeCycleTask({ taskId, answerId, by }) : await steps.completeCycleTask({ taskId, answerId, by });
      closed(taskId);
      return done;
    } finally {
      taken.delete(taskId);
    }
  }, {
    validator: ({ taskId }: CompleteTaskInput) => {
      if (!isOpen(taskId)) {
        throw ApplicationFailure.create({ type: TASK_NOT_OPEN, nonRetryable: true, message: 'the task is not open in this cycle (completed already, or not yet created)' });
      }
    },
  });

  // Several tasks in one update (a handler needs no patch: histories before it hold no such update).
  setHandler(completeTasks, async ({ tasks: asked, by }: CompleteTasksInput) => {
    const mine = asked.filter((t, i) => isOpen(t.taskId) && asked.findIndex((o) => o.taskId === t.taskId) === i);
    mine.forEach((t) => taken.add(t.taskId));
    try {
      const { statuses } = await completeCycleTasks({ tasks: mine, by });
      for (const { taskId } of mine) if (statuses[taskId] !== 'open') closed(taskId);
      const answered: Record<string, string> = {};
      for (const { taskId } of asked) answered[taskId] = statuses[taskId] ?? NOT_OPEN_STATUS;
      return { statuses: answered };
    } finally {
      mine.forEach((t) => taken.delete(t.taskId));
    }
  }, {
    validator: ({ tasks: asked }: CompleteTasksInput) => {
      if (asked.length > COMPLETE_TASKS_MAX) {
        throw ApplicationFailure.create({ type: 'TooManyTasks', nonRetryable: true, message: `at most ${COMPLETE_TASKS_MAX} tasks in one update` });
      }
      if (!asked.some((t) => isOpen(t.taskId))) {
        throw ApplicationFailure.create({ type: TASK_NOT_OPEN, nonRetryable: true, message: 'none of the tasks is open in this cycle (completed already, or not yet created)' });
      }
    },
  });

  /** Steps 1–2 and the classification: what a cycle does before its tasks stage, once. */
  const beginCycle = async (): Promise<Omit<CycleResume, 'counts' | 'open' | 'review' | 'controls'>> => {
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

    // 2. Audit: a review task per blocking finding (cycles started before the audit rules keep the old hook).
    progress.stage = 'audit';
    const auditing = patched('audit-rules');
    let reviewNextAt: number | null = null;
    if (auditing) {
      const audited = await steps.reviewCycleFindings({ cycleId, now: Date.now() });
      review = new Set(audited.taskIds);
      reviewNextAt = audited.nextAt;
      progress.counts = { ...progress.counts, ...audited.counts };
    } else {
      await steps.auditCycle({ cycleId, importId });
    }
    // Classification into tasks.
    progress.stage = 'classification';
    const classified = await steps.classifyCycle({ cycleId, importId, now: Date.now() });
    classified.taskIds.forEach((id) => open.add(id));
    progress.counts = { ...progress.counts, ...classified.counts };
    progress.openTasks = open.size + review.size;
    // Internal benefits: who newly qualifies and who no longer does, as review tasks for HR (they
    // do not hold the cycle). Cycles started before the benefits existed skip it.
    const benefits = patched('benefit-eligibility');
    if (benefits) {
      const reviewed = await steps.reviewCycleEligibility({ cycleId, now: Date.now() });
      progress.counts = { ...progress.counts, eligibilityChanges: reviewed.changes };
    }

    // The monthly comparisons' upload tasks open now, so the files can come while the cycle goes on
    // (after classification: its tasks are the tasks stage's, these are not).
    const comparing = patched('monthly-comparisons');
    if (comparing) {
      const c = await steps.advanceCycleComparisons({ cycleId, now: Date.now(), create: false });
      controls = new Set(c.taskIds);
      progress.counts = { ...progress.counts, ...c.counts };
      progress.openTasks = open.size + review.size + controls.size;
    }
    // The task sets and counts are the run's own (open, review, controls, progress).
    return { cycleId, importId, nextAt: classified.nextAt, reviewNextAt, auditing, benefits, comparing };
  };
  // A run that continued as new picks up at its tasks stage with what the previous run carried.
  const state = resume ?? await beginCycle();
  const { cycleId, importId, auditing, benefits, comparing } = state;
  let reviewNextAt = state.reviewNextAt;

  // 3. Human tasks: reminders before the due date, escalation after it.
  progress.stage = 'tasks';
  let nextAt = state.nextAt;
  // Cycles that reached their tasks before this never continue as new (their replay must not either).
  const mayContinue = patched('cycle-continue-as-new');
  const historyLong = () => mayContinue && completedHere > 0
    && (workflowInfo().continueAsNewSuggested || workflowInfo().historyLength >= historyLimit);
  while (open.size > 0) {
    progress.waitingFor = `${open.size} open task(s)`;
    const wait = nextAt === null ? DAY_MS : Math.max(1_000, nextAt - Date.now());
    if (await condition(() => open.size === 0 || historyLong(), wait)) {
      if (open.size === 0) break;
      // Updates in flight finish here; those the server holds meanwhile go to the next run.
      await condition(allHandlersFinished);
      return continueAsNew<typeof monthlyCycle>({
        ...input, resume: {
          cycleId, importId, counts: progress.counts, open: [...open], review: [...review], controls: [...controls],
          nextAt, reviewNextAt, auditing, benefits, comparing,
        },
      });
    }
    const reminded = await steps.remindCycleTasks({ cycleId, now: Date.now() });
    nextAt = reminded.nextAt;
    // Tasks closed outside this workflow (e.g. their message was cancelled) stop counting.
    for (const id of [...open]) if (!reminded.openTaskIds.includes(id)) open.delete(id);
    progress.openTasks = open.size + review.size;
  }
  progress.waitingFor = null;

  // 4. What each supplier still lacks, the messages on their way, the reports.
  progress.stage = 'completeness';
  const completeness = await steps.checkCycleCompleteness({ cycleId, importId });
  progress.counts = { ...progress.counts, ...completeness.counts };
  // Messages and reports do not depend on each other: the messages start while the reports are made.
  progress.stage = 'messages';
  const starting = steps.startCycleMessages({ cycleId, importId });

  // 5. Blocking findings: their people's messages and report lines wait until each is corrected
  // by a new import or acknowledged with a reason; warnings do not block.
  let released = 0;
  if (auditing) {
    await starting;
    while (review.size > 0) {
      progress.stage = 'findings';
      progress.waitingFor = `${review.size} blocking finding(s)`;
      const seen = importsAnnounced;
      const wait = reviewNextAt === null ? DAY_MS : Math.max(1_000, Math.min(DAY_MS, reviewNextAt - Date.now()));
      await condition(() => review.size === 0 || importsAnnounced !== seen, wait);
      await steps.remindCycleTasks({ cycleId, now: Date.now() });
      const again = await steps.reviewCycleFindings({ cycleId, now: Date.now() });
      review = new Set(again.taskIds);
      reviewNextAt = again.nextAt;
      progress.openTasks = open.size + review.size;
    }
    progress.waitingFor = null;
    released = (await steps.releaseCycleMessages({ cycleId })).released;
  }
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
  if (auditing) progress.counts.released = released;
  if (benefits) {
    // The month's overview of eligibility changes to the employer's address; a failure is recorded, not fatal.
    try {
      progress.counts.eligibilityReport = (await delivery.sendEligibilityReport({ cycleId })).sent ? 1 : 0;
    } catch (err) {
      if (isCancellation(err)) throw err;
      await steps.recordCycleEvent({ cycleId, kind: 'eligibility_report_failed', at: Date.now() });
    }
  }
  progress.waitingFor = null;

  // 6. The payroll's contribution file (personal deductions, retroactive corrections included),
  // produced and delivered before the cycle closes. Cycles started before this step skip it.
  if (patched('contributions-file')) {
    progress.stage = 'contributions';
    const produced = await steps.produceCycleContributionFile({ cycleId });
    progress.counts.contributionLines = produced.lineCount;
    progress.counts.contributionFindings = produced.findingCount;
    if (produced.fileId) {
      progress.waitingFor = 'delivery of the contribution file';
      try {
        progress.counts.contributionFileDelivered = (await delivery.deliverContributionFile({ fileId: produced.fileId })).delivered ? 1 : 0;
      } catch (err) {
        if (isCancellation(err)) throw err;
        progress.counts.contributionFileDelivered = 0;
        await steps.recordCycleEvent({ cycleId, kind: 'contribution_delivery_failed', at: Date.now() });
      }
      progress.waitingFor = null;
    }
  }

  // 7. Monthly comparisons: an internal control, so they hold neither messages nor reports; the
  // cycle closes once each has its files, has run, and its differences are reviewed.
  if (comparing) {
    const started = new Set<string>();
    for (;;) {
      progress.stage = 'comparisons';
      const c = await steps.advanceCycleComparisons({ cycleId, now: Date.now(), create: true });
      controls = new Set(c.taskIds);
      progress.counts = { ...progress.counts, ...c.counts };
      progress.openTasks = open.size + review.size + controls.size;
      const fresh = c.running.filter((runId) => !started.has(runId));
      if (fresh.length) {
        progress.waitingFor = `${fresh.length} comparison(s)`;
        fresh.forEach((runId) => started.add(runId));
        // A refused file fails its run (the run keeps the errors); the next round asks for a new upload.
        await Promise.all(fresh.map((runId) => executeChild<typeof fileComparison>('fileComparison', {
          workflowId: comparisonWorkflowId(runId), args: [{ runId }],
        }).catch((err: unknown) => {
          if (isCancellation(err)) throw err;
        })));
        continue;
      }
      if (controls.size === 0 && c.running.length === 0) break;
      progress.waitingFor = `${controls.size} comparison task(s)`;
      const seen = uploadsAnnounced;
      const before = controls.size;
      const wait = c.nextAt === null ? DAY_MS : Math.max(1_000, Math.min(DAY_MS, c.nextAt - Date.now()));
      await condition(() => uploadsAnnounced !== seen || controls.size < before, wait);
      await steps.remindCycleTasks({ cycleId, now: Date.now() });
    }
    progress.waitingFor = null;
  }

  // An answer still being applied when the last stage let go (its task already closed in the
  // database) finishes before the cycle closes: its caller gets its outcome, not "workflow
  // completed", and the closing counts include it. Cycles closed before this do not wait on replay.
  if (patched('close-after-handlers')) await condition(allHandlersFinished);
  progress.stage = 'closed';
  await steps.closeCycle({ cycleId, counts: progress.counts });
  return progress;
}
