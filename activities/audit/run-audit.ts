/**
 * Runs an employer's audit rules over one payroll import: the import's snapshot file (every
 * person of the period, as validated) read once, each person checked against every enabled
 * rule — change rules against the same person in the baseline snapshot — and the findings
 * stored with their values sealed. Findings of the same period raised before (an earlier run,
 * or an import this one replaced) are carried over or resolved: a finding raised again keeps
 * its acknowledgement when the values did not change; one no longer raised is `corrected`.
 * Review tasks follow their finding. Nothing personal is logged or returned.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { RuleHit, Severity } from '../../domain/audit/rules';
import { periodBounds } from '../../domain/shared/calendar';
import type { Db } from '../../db/client';
import { auditFindings, auditRuns, auditRules, cycles, payrollImports, persons, tasks } from '../../db/schema';
import { releasableMessages } from '../../db/queries/findings';
import type { FileStore } from '../../infra/file-store';
import type { SecretBox } from '../../infra/secret-box';
import type { MessageWorkflows } from '../../infra/workflow-clients/messages';
import { WorkerInbox, startWorker } from '../shared/worker-thread';
import { type FindingRow, copyFindings } from './finding-copy';
import { type AuditWorkerData, type ChunkMessage, type ScanResult, lineStartAfter, prepareScan, unpackHits } from './snapshot-scan';

export interface AuditDeps {
  db: Db;
  files: FileStore;
  secrets: SecretBox;
  messageWorkflows: MessageWorkflows;
}

export type AuditTrigger = 'import' | 'on_demand' | 'cycle';
export interface AuditOutcome {
  runId: string;
  personCount: number;
  /** Findings raised, per severity. */
  counts: Record<Severity, number>;
  /** Open blocking findings of the import after the run. */
  blocking: number;
}

type RuleRow = typeof auditRules.$inferSelect;
interface Hit extends RuleHit { employeeNumber: string; rule: RuleRow }
export interface SealedValues { value: string | null; previousValue: string | null }

/**
 * From this size a snapshot is scanned on two threads (~100k people): below it, starting the
 * thread and reading last month twice cost more than the second core saves (measured at 200k:
 * docs/benchmarks.md, audit).
 */
const SPLIT_AT_BYTES = 32 << 20;

const findingKey = (ruleId: string, personId: string | null, employeeNumber: string, field: string) => `${ruleId}:${personId ?? employeeNumber}:${field}`;

/** Every hit of the enabled rules over the import's snapshot (empty when the import left none). */
export async function evaluate(files: Pick<FileStore, 'snapshotPath' | 'withSnapshot'>, importId: string, baselineId: string | null, period: string, rules: RuleRow[],
  opts: EvaluateOptions = {}): Promise<{ hits: Hit[]; personCount: number }> {
  if (rules.length === 0 || !existsSync(files.snapshotPath(importId))) return { hits: [], personCount: 0 };
  // Snapshots are sealed at rest: the rules read plain copies that exist only while they run.
  const wantsPrevious = rules.some((r) => r.kind === 'change') && baselineId !== null;
  // Last month for the change rules: the lines of the people the import found changed, which it
  // kept for this (a tenth of the baseline, or less); an import from before that has only the whole baseline.
  const previous = !wantsPrevious ? null
    : existsSync(files.snapshotPath(importId, 'changed')) ? { id: importId, part: 'changed' as const }
      : existsSync(files.snapshotPath(baselineId!)) ? { id: baselineId!, part: 'snapshot' as const } : null;
  return files.withSnapshot(importId, (path) => (previous
    ? files.withSnapshot(previous.id, (baselinePath) => evaluateFiles(path, baselinePath, period, rules, opts), previous.part)
    : evaluateFiles(path, null, period, rules, opts)));
}

interface EvaluateOptions {
  /** From this size on, two threads (default SPLIT_AT_BYTES). */
  splitAtBytes?: number;
  /** Tests: every part to the worker thread, none to this one. */
  workerOnly?: boolean;
}

async function evaluateFiles(path: string, baselinePath: string | null, period: string, rules: RuleRow[], { splitAtBytes = SPLIT_AT_BYTES, workerOnly = false }: EvaluateOptions): Promise<{ hits: Hit[]; personCount: number }> {
  const source = { path, baselinePath, periodFrom: periodBounds(period).from, rules: rules.map(({ kind, population, definition }) => ({ kind, population, definition })) };
  const { size } = await stat(path);
  // A large snapshot is cut into parts at line starts, which this thread and a worker thread take
  // one by one from a shared counter until none is left: the worker reads last month for itself,
  // and whichever thread is ready first (the worker needs a moment to start) does more of them.
  const parts = size >= splitAtBytes ? PARTS : 1;
  const cuts = await Promise.all(Array.from({ length: parts - 1 }, (_, k) => lineStartAfter(path, Math.floor(((k + 1) * size) / parts))));
  const bounds = [0, ...new Set(cuts.filter((c) => c < size)), size];
  const count = bounds.length - 1;
  const next = new Int32Array(new SharedArrayBuffer(4));
  const results = new Array<ScanResult | undefined>(count);
  const helper = count > 1 ? helpInWorker({ source, bounds, next: next.buffer as SharedArrayBuffer }, results) : null;
  try {
    const scan = workerOnly && helper ? null : await prepareScan(source);
    if (scan) for (let k = Atomics.add(next, 0, 1); k < count; k = Atomics.add(next, 0, 1)) results[k] = await scan(bounds[k], bounds[k + 1]);
    await helper?.finished();
  } finally {
    await helper?.stop();
  }
  const hits: Hit[] = [];
  let personCount = 0;
  for (const part of results) {
    personCount += part!.personCount;
    for (const h of part!.hits) hits.push({ field: h.field, value: h.value, previousValue: h.previousValue, employeeNumber: h.employeeNumber, rule: rules[h.rule] });
  }
  return { hits, personCount };
}

/** Parts of the snapshot a large audit is cut into (see evaluateFiles). */
const PARTS = 16;

/**
 * The worker thread's side of evaluateFiles: its parts land in `results`. `finished` resolves
 * once every part taken is in (at once when the worker took none: it is then not waited for).
 */
function helpInWorker(data: AuditWorkerData, results: (ScanResult | undefined)[]): { finished(): Promise<void>; stop(): Promise<unknown> } {
  const inbox = new WorkerInbox<ChunkMessage>(startWorker(__dirname, 'audit-worker', data));
  return {
    async finished() {
      // Every part is taken once this thread finds none left: the missing ones are the worker's.
      while (results.includes(undefined)) {
        const m = await inbox.next();
        if ('chunk' in m) results[m.chunk] = { hits: unpackHits(m.packed), personCount: m.personCount };
        else if (m.type === 'error') throw m.error;
        // Its messages come before its exit: an exit with parts missing is a fault.
        else throw new Error(m.code !== 0 ? `the audit's scan thread stopped (exit code ${m.code})` : 'the audit\'s scan thread ended without all its parts');
      }
    },
    stop: () => inbox.close(),
  };
}

export async function runAudit({ db, files, secrets, messageWorkflows }: AuditDeps, { importId, trigger, by }: { importId: string; trigger: AuditTrigger; by: string }): Promise<AuditOutcome | null> {
  const [imp] = await db.select().from(payrollImports).where(eq(payrollImports.id, importId));
  if (!imp || imp.status !== 'completed') return null;
  if (trigger !== 'on_demand') {
    // Once per import for the import and the cycle (a retried activity does not run it twice).
    const [done] = await db.select().from(auditRuns).where(eq(auditRuns.importId, importId)).limit(1);
    if (done) return outcomeOf(db, done);
  }
  const rules = await db.select().from(auditRules).where(and(eq(auditRules.employerId, imp.employerId), eq(auditRules.enabled, true)));
  const { hits, personCount } = await evaluate(files, importId, imp.baselineImportId, imp.period, rules);
  const counts: Record<Severity, number> = { info: 0, warning: 0, blocking: 0 };
  for (const h of hits) counts[h.rule.severity]++;

  const released = new Set<string>();
  const runId = await db.transaction(async (tx) => {
    // One run at a time per import: a rerun waits for the one before.
    await tx.execute(sql`select id from payroll_imports where id = ${importId} for update`);
    const [run] = await tx.insert(auditRuns).values({
      importId, employerId: imp.employerId, trigger, startedBy: by, counts, personCount,
      rules: rules.map((r) => ({ ruleId: r.id, version: r.version })),
    }).returning({ id: auditRuns.id });
    const numbers = [...new Set(hits.map((h) => h.employeeNumber))];
    const personIds = new Map<string, string>();
    // One array parameter per 50,000 numbers: an IN list of one parameter per number costs more to build and send than the lookup.
    for (let i = 0; i < numbers.length; i += 50_000) {
      const rows = await tx.select({ id: persons.id, employeeNumber: persons.employeeNumber }).from(persons)
        .where(and(eq(persons.employerId, imp.employerId), sql`${persons.employeeNumber} = any(${sql.param(numbers.slice(i, i + 50_000))}::text[])`));
      rows.forEach((r) => personIds.set(r.employeeNumber, r.id));
    }
    // What this period raised before: earlier runs of this import and the imports it replaced.
    const periodImports = tx.select({ id: payrollImports.id }).from(payrollImports)
      .where(and(eq(payrollImports.employerId, imp.employerId), eq(payrollImports.period, imp.period)));
    const earlier = await tx.select().from(auditFindings)
      .where(and(inArray(auditFindings.importId, periodImports), inArray(auditFindings.status, ['open', 'acknowledged'])));
    const earlierByKey = new Map(earlier.map((f) => [findingKey(f.ruleId, f.personId, f.employeeNumber, f.field), f]));

    const raised = new Map<string, { id: string; status: string }>();
    const pending = hits.map((h) => {
      const personId = personIds.get(h.employeeNumber) ?? null;
      const key = findingKey(h.rule.id, personId, h.employeeNumber, h.field);
      const before = earlierByKey.get(key);
      const values: SealedValues = { value: h.value, previousValue: h.previousValue };
      // Acknowledged once for these very values: not raised again as open.
      // A finding whose values went with the retention term cannot show they are the same: raised again.
      const keepAck = before?.status === 'acknowledged' && before.sealedValues !== '' && sameValues(secrets.open<SealedValues>(before.sealedValues), values);
      // Sealed as the copy writes it, while PostgreSQL stores the batch before.
      const row = (): FindingRow => ({
        runId: run.id, importId, employerId: imp.employerId, personId, employeeNumber: h.employeeNumber, ruleId: h.rule.id, ruleVersion: h.rule.version,
        severity: h.rule.severity, kind: h.rule.kind, field: h.field, sealedValues: secrets.seal(values),
        ...(keepAck ? { status: 'acknowledged' as const, resolution: 'acknowledged', reason: before!.reason, resolvedBy: before!.resolvedBy, resolvedAt: before!.resolvedAt } : {}),
      });
      return { key, status: keepAck ? 'acknowledged' : 'open', row };
    });
    const ids = await copyFindings(tx, pending, (p) => p.row());
    pending.forEach((p, j) => raised.set(p.key, { id: ids[j], status: p.status }));

    const now = new Date();
    for (const f of earlier) {
      const key = findingKey(f.ruleId, f.personId, f.employeeNumber, f.field);
      const again = raised.get(key);
      const resolution = again ? 'raised_again' : f.importId === importId ? 'no_longer_raised' : 'corrected';
      await tx.update(auditFindings).set({
        status: 'resolved', resolution, resolvedByImportId: importId, resolvedAt: now, ...(again ? {} : { resolvedBy: by }),
      }).where(eq(auditFindings.id, f.id));
      const taskOf = and(eq(tasks.kind, 'review_finding'), eq(tasks.status, 'open'), sql`${tasks.subject}->>'findingId' = ${f.id}`);
      if (again?.status === 'open') {
        // The review task now points at the finding as this import raised it.
        await tx.update(tasks).set({ subject: sql`${tasks.subject} || ${JSON.stringify({ findingId: again.id })}::jsonb` }).where(taskOf);
      } else {
        await tx.update(tasks).set({ status: 'completed', completedBy: by, completedAt: now, result: again ? { acknowledged: true, carried: true } : { corrected: true, importId } }).where(taskOf);
        if (f.personId && f.severity === 'blocking') released.add(f.personId);
      }
    }
    return run.id;
  });
  await releaseOutsideCycle(db, messageWorkflows, imp.employerId, imp.period, [...released]);
  const [run] = await db.select().from(auditRuns).where(eq(auditRuns.id, runId));
  return outcomeOf(db, run);
}

const sameValues = (a: SealedValues, b: SealedValues) => a.value === b.value && a.previousValue === b.previousValue;

async function outcomeOf(db: Db, run: typeof auditRuns.$inferSelect): Promise<AuditOutcome> {
  const [{ blocking }] = await db.select({ blocking: sql<number>`count(*)::int` }).from(auditFindings)
    .where(and(eq(auditFindings.importId, run.importId), eq(auditFindings.status, 'open'), eq(auditFindings.severity, 'blocking')));
  return { runId: run.id, personCount: run.personCount, counts: run.counts as Record<Severity, number>, blocking };
}

/**
 * People no longer held: their unsent messages start, or move to their newest version. While a
 * monthly cycle runs for the period, the cycle does this itself at its findings stage.
 */
export async function releaseOutsideCycle(db: Db, messageWorkflows: MessageWorkflows, employerId: string, period: string, personIds: string[]): Promise<number> {
  if (personIds.length === 0) return 0;
  const [cycle] = await db.select({ id: cycles.id }).from(cycles)
    .where(and(eq(cycles.employerId, employerId), eq(cycles.period, period), eq(cycles.status, 'running')));
  if (cycle) return 0;
  const free = await releasableMessages(db, personIds);
  await messageWorkflows.resend(free);
  // A workflow already running (held at its send date) looks again at once.
  await messageWorkflows.wake(free.map((m) => m.messageId));
  return free.length;
}
