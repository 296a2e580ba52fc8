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
import { and, eq, inArray, sql } from 'drizzle-orm';
import { CANONICAL_FIELDS } from '../../domain/payroll/canonical';
import { type AuditRule, type RuleHit, type Severity, compileRule, rowCursor } from '../../domain/audit/rules';
import type { FieldReader } from '../../domain/eligibility/filter';
import { periodBounds } from '../../domain/shared/calendar';
import type { Db } from '../../db/client';
import { auditFindings, auditRuns, auditRules, cycles, payrollImports, persons, tasks } from '../../db/schema';
import { releasableMessages } from '../../db/queries/findings';
import type { FileStore } from '../../infra/file-store';
import type { SecretBox } from '../../infra/secret-box';
import type { MessageWorkflows } from '../../infra/workflow-clients/messages';
import { type Baseline, loadBaseline } from '../payroll/baseline';
import { type SnapshotHeader, keyOf, lineContent, readLineBatches } from '../payroll/snapshot-file';

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

const findingKey = (ruleId: string, personId: string | null, employeeNumber: string, field: string) => `${ruleId}:${personId ?? employeeNumber}:${field}`;

/** Every hit of the enabled rules over the import's snapshot (empty when the import left none). */
export async function evaluate(files: Pick<FileStore, 'snapshotPath' | 'withSnapshot'>, importId: string, baselineId: string | null, period: string, rules: RuleRow[]): Promise<{ hits: Hit[]; personCount: number }> {
  if (rules.length === 0 || !existsSync(files.snapshotPath(importId))) return { hits: [], personCount: 0 };
  // Snapshots are sealed at rest: the rules read plain copies that exist only while they run.
  return files.withSnapshot(importId, (path) => evaluateSnapshot(files, path, baselineId, period, rules));
}

async function evaluateSnapshot(files: Pick<FileStore, 'snapshotPath' | 'withSnapshot'>, path: string, baselineId: string | null, period: string, rules: RuleRow[]): Promise<{ hits: Hit[]; personCount: number }> {
  const hits: Hit[] = [];
  const compiled = rules.map((row) => ({ row, change: row.kind === 'change', check: compileRule({ population: row.population as AuditRule['population'], definition: row.definition as AuditRule['definition'] }) }));
  const periodFrom = periodBounds(period).from;
  const wantsPrevious = compiled.some((c) => c.change) && baselineId !== null && existsSync(files.snapshotPath(baselineId));
  let previous: { baseline: Baseline; cursor: ReturnType<typeof rowCursor> } | undefined;
  if (wantsPrevious) {
    const loaded = await files.withSnapshot(baselineId!, loadBaseline);
    previous = { baseline: loaded.baseline, cursor: rowCursor(indexOf(loaded.header.fields), indexOf(loaded.header.custom.map((c) => `custom.${c}`)), periodFrom) };
  }
  /** Last month's values; `unchanged` when the line is the same (most people): no change rule can fire. */
  const previousOf = (line: string): FieldReader | null | 'unchanged' => {
    if (!previous) return null;
    const n = previous.baseline.findKey(keyOf(line));
    if (n === 0) return null;
    const before = previous.baseline.line(n);
    if (lineContent(before) === lineContent(line)) return 'unchanged';
    const p = splitLine(before);
    previous.cursor.set(p.canonical, p.custom);
    return previous.cursor.read;
  };
  let header: SnapshotHeader | undefined;
  let cursor = rowCursor(indexOf(CANONICAL_FIELDS), new Map(), periodFrom);
  let personCount = 0;
  for await (const batch of readLineBatches(path)) {
    for (const line of batch) {
      if (!header) {
        header = JSON.parse(line) as SnapshotHeader;
        cursor = rowCursor(indexOf(header.fields), indexOf(header.custom.map((c) => `custom.${c}`)), periodFrom);
        continue;
      }
      personCount++;
      const row = splitLine(line);
      cursor.set(row.canonical, row.custom);
      const current = cursor.read;
      let before: FieldReader | null | 'unchanged' | undefined;
      for (const c of compiled) {
        if (c.change && before === undefined) before = previousOf(line);
        if (c.change && before === 'unchanged') continue;
        const found = c.check(current, c.change ? (before as FieldReader | null) : null);
        for (const h of found) hits.push({ ...h, employeeNumber: keyOf(line), rule: c.row });
      }
    }
  }
  return { hits, personCount };
}

/**
 * A snapshot line's values as split, '' standing for empty (the reader maps it to null): one
 * array per side instead of parseSnapshotLine's two, which matters over a million people.
 */
function splitLine(line: string): { canonical: string[]; custom: string[] } {
  const start = line.indexOf('\u001d') + 1;
  const rs = line.indexOf('\u001e', start);
  return rs < 0
    ? { canonical: line.slice(start).split('\u001f'), custom: [] }
    : { canonical: line.slice(start, rs).split('\u001f'), custom: rs + 1 < line.length ? line.slice(rs + 1).split('\u001f') : [] };
}

const indexOf = (names: readonly string[]) => new Map(names.map((n, i) => [n, i]));

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
    for (let i = 0; i < numbers.length; i += 5_000) {
      const rows = await tx.select({ id: persons.id, employeeNumber: persons.employeeNumber }).from(persons)
        .where(and(eq(persons.employerId, imp.employerId), inArray(persons.employeeNumber, numbers.slice(i, i + 5_000))));
      rows.forEach((r) => personIds.set(r.employeeNumber, r.id));
    }
    // What this period raised before: earlier runs of this import and the imports it replaced.
    const periodImports = tx.select({ id: payrollImports.id }).from(payrollImports)
      .where(and(eq(payrollImports.employerId, imp.employerId), eq(payrollImports.period, imp.period)));
    const earlier = await tx.select().from(auditFindings)
      .where(and(inArray(auditFindings.importId, periodImports), inArray(auditFindings.status, ['open', 'acknowledged'])));
    const earlierByKey = new Map(earlier.map((f) => [findingKey(f.ruleId, f.personId, f.employeeNumber, f.field), f]));

    const raised = new Map<string, { id: string; status: string }>();
    // Millisecond precision, as the list cursor carries it (now() would have microseconds).
    const raisedAt = new Date();
    const rows = hits.map((h) => {
      const personId = personIds.get(h.employeeNumber) ?? null;
      const key = findingKey(h.rule.id, personId, h.employeeNumber, h.field);
      const before = earlierByKey.get(key);
      const values: SealedValues = { value: h.value, previousValue: h.previousValue };
      // Acknowledged once for these very values: not raised again as open.
      const keepAck = before?.status === 'acknowledged' && sameValues(secrets.open<SealedValues>(before.sealedValues), values);
      return {
        key, row: {
          runId: run.id, importId, employerId: imp.employerId, personId, employeeNumber: h.employeeNumber, ruleId: h.rule.id, ruleVersion: h.rule.version,
          severity: h.rule.severity, kind: h.rule.kind, field: h.field, sealedValues: secrets.seal(values), createdAt: raisedAt,
          ...(keepAck ? { status: 'acknowledged' as const, resolution: 'acknowledged', reason: before!.reason, resolvedBy: before!.resolvedBy, resolvedAt: before!.resolvedAt } : {}),
        },
      };
    });
    for (let i = 0; i < rows.length; i += 1_000) {
      const chunk = rows.slice(i, i + 1_000);
      const ids = await tx.insert(auditFindings).values(chunk.map((r) => r.row)).returning({ id: auditFindings.id, status: auditFindings.status });
      ids.forEach((r, j) => raised.set(chunk[j].key, r));
    }

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
