/**
 * The monthly cycle's comparisons (docs: README "Controls: comparisons"): each comparison marked
 * monthly needs the period's files; while one is missing an `upload_comparison_file` task stays
 * open, once they are all there a run is recorded for the cycle to start as a child workflow, and
 * a run that found anything opens a `review_comparison` task. Idempotent: a task per key and
 * cycle, a run per definition version, files and payroll photo.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { comparisonDefinitions, comparisonPeriodFiles, comparisonRuns, cycles, employerSchedules, payrollImports, tasks } from '../../db/schema';
import { CYCLE_DEFAULTS } from '../../domain/cycle/settings';
import { comparisonDefinitionSchema } from '../../domain/reconciliation/comparison-definition';
import type { ComparisonCounts } from '../../domain/reconciliation/comparison-matcher';
import { fileSides, monthlyStep } from '../../domain/reconciliation/comparison-monthly';
import { SYSTEM_ACTOR } from '../../domain/shared/actor';
import { DAY_MS, workingDaysBefore } from '../../domain/shared/calendar';
import { comparisonWorkflowId } from '../../workflows/shared';
import { activityLog as log } from '../shared/activity-context';

const KINDS = ['upload_comparison_file', 'review_comparison'] as const;
type Wanted = { key: string; kind: (typeof KINDS)[number]; subject: Record<string, unknown> };

export function createCycleComparisonActivities({ db }: { db: Db }) {
  /**
   * Where the cycle's monthly comparisons stand: opens the tasks they need, closes those done
   * (files uploaded, a newer run), and — with `create` — records a run for each comparison whose
   * files are all there. Answers the open task ids, the runs still running (for the cycle to
   * start), and when the next reminder falls.
   */
  async function advanceCycleComparisons({ cycleId, now, create }: { cycleId: string; now: number; create: boolean }) {
    const outcome = await db.transaction(async (tx) => {
      await tx.execute(sql`select id from cycles where id = ${cycleId} for update`);
      const [cycle] = await tx.select().from(cycles).where(eq(cycles.id, cycleId));
      if (create) await tx.update(cycles).set({ stage: 'comparisons' }).where(eq(cycles.id, cycleId));
      const definitions = await tx.select().from(comparisonDefinitions)
        .where(and(eq(comparisonDefinitions.employerId, cycle.employerId), sql`(${comparisonDefinitions.definition}->>'monthly')::boolean is true`))
        .orderBy(comparisonDefinitions.name);
      const files = definitions.length ? await tx.select().from(comparisonPeriodFiles)
        .where(and(inArray(comparisonPeriodFiles.definitionId, definitions.map((d) => d.id)), eq(comparisonPeriodFiles.period, cycle.period))) : [];
      const [photo] = await tx.select({ id: payrollImports.id }).from(payrollImports)
        .where(and(eq(payrollImports.employerId, cycle.employerId), eq(payrollImports.period, cycle.period), eq(payrollImports.status, 'completed')))
        .orderBy(desc(payrollImports.completedAt)).limit(1);

      const wanted: Wanted[] = [];
      const running: string[] = [];
      let created = 0;
      for (const row of definitions) {
        const definition = comparisonDefinitionSchema.parse(row.definition);
        const mine = files.filter((f) => f.definitionId === row.id);
        const a = mine.find((f) => f.side === 'a' && definition.sideA.source === 'file');
        const b = mine.find((f) => f.side === 'b');
        const aImportId = definition.sideA.source === 'payroll' ? photo?.id ?? null : null;
        // The comparison of the period's current files: a newer upload (or import) makes a new one.
        const [run] = b ? await tx.select().from(comparisonRuns).where(and(
          eq(comparisonRuns.cycleId, cycleId), eq(comparisonRuns.definitionId, row.id), eq(comparisonRuns.definitionVersion, row.version),
          eq(comparisonRuns.bFileSha256, b.fileSha256),
          a ? eq(comparisonRuns.aFileSha256, a.fileSha256) : isNull(comparisonRuns.aFileSha256),
          aImportId ? eq(comparisonRuns.aImportId, aImportId) : isNull(comparisonRuns.aImportId),
        )).orderBy(desc(comparisonRuns.createdAt)).limit(1) : [];
        const step = monthlyStep(definition, mine.map((f) => f.side), run ? { status: run.status, counts: run.counts as Partial<ComparisonCounts> } : null);
        const subject = { definitionId: row.id, period: cycle.period };
        switch (step.step) {
          case 'upload':
            wanted.push({ key: `comparison-file:${row.id}`, kind: 'upload_comparison_file', subject: { ...subject, sides: step.missing } });
            break;
          case 'refused':
            // The file did not map: a corrected one is needed (the run keeps the errors, row and column).
            wanted.push({ key: `comparison-file:${row.id}:${run!.id}`, kind: 'upload_comparison_file', subject: { ...subject, sides: fileSides(definition), refusedRunId: run!.id } });
            break;
          case 'run': {
            if (!create || (definition.sideA.source === 'payroll' && !aImportId)) break;
            const runId = randomUUID();
            await tx.insert(comparisonRuns).values({
              id: runId, definitionId: row.id, employerId: row.employerId, definitionVersion: row.version, definition: row.definition,
              aFileName: a?.fileName ?? null, aFileSha256: a?.fileSha256 ?? null, aFileSize: a?.fileSize ?? null, aImportId,
              bFileName: b!.fileName, bFileSha256: b!.fileSha256, bFileSize: b!.fileSize,
              startedBy: SYSTEM_ACTOR, workflowId: comparisonWorkflowId(runId), period: cycle.period, cycleId,
            });
            running.push(runId);
            created++;
            break;
          }
          case 'running':
            running.push(run!.id);
            break;
          case 'review':
            wanted.push({ key: `comparison-review:${run!.id}`, kind: 'review_comparison', subject: { ...subject, runId: run!.id, findings: step.findings } });
            break;
          case 'done':
            break;
        }
      }

      const [schedule] = await tx.select().from(employerSchedules).where(eq(employerSchedules.employerId, cycle.employerId));
      const dueAt = now + (schedule?.taskDueDays ?? CYCLE_DEFAULTS.taskDueDays) * DAY_MS;
      const remindAt = workingDaysBefore(dueAt, schedule?.remindWorkingDays ?? CYCLE_DEFAULTS.remindWorkingDays);
      const existing = await tx.select({ id: tasks.id, key: sql<string>`${tasks.subject}->>'key'`, status: tasks.status, remindAt: tasks.remindAt, remindedAt: tasks.remindedAt, dueAt: tasks.dueAt, escalatedAt: tasks.escalatedAt })
        .from(tasks).where(and(eq(tasks.cycleId, cycleId), inArray(tasks.kind, [...KINDS])));
      const byKey = new Map(existing.map((t) => [t.key, t]));
      for (const w of wanted) {
        if (byKey.has(w.key)) continue;
        const [t] = await tx.insert(tasks).values({
          cycleId, employerId: cycle.employerId, importId: photo?.id ?? null, kind: w.kind, subject: { key: w.key, ...w.subject },
          dueAt: new Date(dueAt), remindAt: new Date(remindAt),
        }).returning({ id: tasks.id, status: tasks.status, remindAt: tasks.remindAt, remindedAt: tasks.remindedAt, dueAt: tasks.dueAt, escalatedAt: tasks.escalatedAt });
        const entry = { ...t, key: w.key };
        existing.push(entry);
        byKey.set(w.key, entry);
      }
      // Files uploaded, or a newer run took over: what is no longer wanted closes by itself.
      const wantedKeys = new Set(wanted.map((w) => w.key));
      const stale = existing.filter((t) => t.status === 'open' && !wantedKeys.has(t.key));
      if (stale.length) {
        await tx.update(tasks).set({ status: 'completed', completedBy: SYSTEM_ACTOR, completedAt: new Date(now), result: { settled: true } })
          .where(inArray(tasks.id, stale.map((t) => t.id)));
      }
      const open = existing.filter((t) => t.status === 'open' && wantedKeys.has(t.key));
      const upcoming = open.flatMap((t) => [
        ...(t.remindAt && !t.remindedAt ? [t.remindAt.getTime()] : []),
        ...(!t.escalatedAt ? [t.dueAt.getTime()] : []),
      ]).filter((ms) => ms > now);
      const count = (kind: Wanted['kind']) => open.filter((t) => wanted.find((w) => w.key === t.key)?.kind === kind).length;
      return {
        taskIds: open.map((t) => t.id), running, created,
        counts: { comparisons: definitions.length, upload_comparison_file: count('upload_comparison_file'), review_comparison: count('review_comparison') },
        nextAt: upcoming.length ? Math.min(...upcoming) : null,
      };
    });
    if (outcome.created) log('monthly comparisons started', { cycleId, runs: outcome.created });
    return { taskIds: outcome.taskIds, running: outcome.running, counts: outcome.counts, nextAt: outcome.nextAt };
  }

  return { advanceCycleComparisons };
}
