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
import { open } from 'node:fs/promises';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type AuditRule, type RuleHit, type Severity, compileRule } from '../../domain/audit/rules';
import { type ByteRow, type RowCheck, type RowLayout, byteRowReader, compileRowRule, fieldsOf } from '../../domain/audit/row-rules';
import type { FieldReader } from '../../domain/eligibility/filter';
import { periodBounds } from '../../domain/shared/calendar';
import type { Db } from '../../db/client';
import { auditFindings, auditRuns, auditRules, cycles, payrollImports, persons, tasks } from '../../db/schema';
import { releasableMessages } from '../../db/queries/findings';
import type { FileStore } from '../../infra/file-store';
import type { SecretBox } from '../../infra/secret-box';
import type { MessageWorkflows } from '../../infra/workflow-clients/messages';
import { type Baseline, loadBaseline } from '../payroll/baseline';
import type { SnapshotHeader } from '../payroll/snapshot-file';

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
  const periodFrom = periodBounds(period).from;
  const wantsPrevious = rules.some((r) => r.kind === 'change') && baselineId !== null && existsSync(files.snapshotPath(baselineId));
  // Last month: its lines by employee number, read as byte rows of its own layout.
  let previous: { baseline: Baseline; rows: SnapshotRows; read: FieldReader } | undefined;
  if (wantsPrevious) {
    const loaded = await files.withSnapshot(baselineId!, loadBaseline);
    const rows = new SnapshotRows(loaded.header, periodFrom);
    previous = { baseline: loaded.baseline, rows, read: byteRowReader(rows.layout, rows) };
  }
  let personCount = 0;
  let rows: SnapshotRows | undefined;
  let read: FieldReader = () => null;
  let compiled: { row: RuleRow; change: boolean; check: RowCheck | null; changeCheck: ReturnType<typeof compileRule> | null }[] = [];
  for await (const chunk of readByteLines(path)) {
    const { bytes } = chunk;
    for (let i = 0; i < chunk.count; i++) {
      const lineStart = chunk.starts[i];
      const lineEnd = chunk.ends[i];
      if (!rows) {
        rows = new SnapshotRows(JSON.parse(bytes.toString('utf8', lineStart, lineEnd)) as SnapshotHeader, periodFrom);
        read = byteRowReader(rows.layout, rows);
        const layouts = [rows.layout, ...(previous ? [previous.rows.layout] : [])];
        compiled = rules.map((row) => {
          const rule = { population: row.population as AuditRule['population'], definition: row.definition as AuditRule['definition'] };
          if (row.kind !== 'change') return { row, change: false, check: compileRowRule(rule, rows!.layout), changeCheck: null };
          // Both months' rows must fill what a change rule reads.
          for (const layout of layouts) fieldsOf(rule).forEach((f) => layout.slotOf(f));
          return { row, change: true, check: null, changeCheck: compileRule(rule) };
        });
        continue;
      }
      personCount++;
      rows.parse(bytes, lineStart, lineEnd);
      // Last month's values, for the change rules: only people whose line changed can fire one.
      let before: FieldReader | null | undefined;
      for (const c of compiled) {
        let found: readonly RuleHit[];
        if (c.change) {
          if (before === undefined) before = previousOf(previous, rows, bytes, lineEnd);
          if (before === null) continue;
          found = c.changeCheck!(read, before);
        } else {
          found = c.check!(rows);
        }
        if (found.length === 0) continue;
        const employeeNumber = rows.key();
        for (const h of found) hits.push({ field: h.field, value: h.value, previousValue: h.previousValue, employeeNumber, rule: c.row });
      }
    }
  }
  return { hits, personCount };
}

/** The person's values last month when they changed since, else null. */
function previousOf(previous: { baseline: Baseline; rows: SnapshotRows; read: FieldReader } | undefined, rows: SnapshotRows, bytes: Buffer, lineEnd: number): FieldReader | null {
  if (!previous) return null;
  const { baseline } = previous;
  const n = baseline.find(bytes, rows.keyStart, rows.keyEnd);
  // New people have no last month; unchanged ones (most) no change to check.
  if (n === 0 || baseline.sameContent(n, bytes, rows.contentStart, lineEnd)) return null;
  previous.rows.parse(baseline.bytes, baseline.startOf(n), baseline.endOf(n));
  return previous.read;
}

/**
 * A snapshot's person lines as byte rows (domain/audit/row-rules.ts): one row object reused
 * from line to line, its slots found in one pass over the bytes — canonical values in the
 * header's order, then the custom columns. No string is made unless a rule needs one.
 */
class SnapshotRows implements ByteRow {
  readonly layout: RowLayout;
  bytes: Buffer = Buffer.alloc(0);
  readonly start: Int32Array;
  readonly end: Int32Array;
  keyStart = 0;
  keyEnd = 0;
  contentStart = 0;
  private readonly canonicalCount: number;
  /** The last slot any compiled rule reads: a line is split no further. */
  private lastSlot = -1;

  constructor(header: SnapshotHeader, periodFrom: string) {
    this.canonicalCount = header.fields.length;
    const slots = new Map<string, number>();
    // A name given twice reads its last column, as rowCursor's maps do.
    header.fields.forEach((f, i) => slots.set(f, i));
    header.custom.forEach((c, i) => slots.set(`custom.${c}`, this.canonicalCount + i));
    this.layout = {
      slotOf: (field) => {
        const slot = slots.get(field) ?? -1;
        if (slot > this.lastSlot) this.lastSlot = slot;
        return slot;
      },
      periodFrom,
    };
    this.start = new Int32Array(this.canonicalCount + header.custom.length);
    this.end = new Int32Array(this.canonicalCount + header.custom.length);
  }

  text(slot: number): string {
    return this.bytes.toString('utf8', this.start[slot], this.end[slot]);
  }

  /** The employee number as keyOf (snapshot-file.ts) reads it. */
  key(): string {
    return this.bytes.toString('utf8', this.keyStart, this.keyEnd);
  }

  parse(bytes: Buffer, lineStart: number, lineEnd: number): void {
    this.bytes = bytes;
    const { start, end, canonicalCount } = this;
    // Slots past the last one read stay as they are: nothing looks at them.
    const last = this.lastSlot;
    start.fill(0, 0, last + 1);
    end.fill(0, 0, last + 1);
    let i = lineStart;
    while (i < lineEnd && bytes[i] !== GS) i++;
    const content = i < lineEnd ? i + 1 : lineStart;
    this.contentStart = content;
    this.keyStart = content;
    this.keyEnd = -1;
    let slot = 0;
    let from = content;
    let custom = false;
    for (i = content; i < lineEnd; i++) {
      const c = bytes[i];
      if (c === US) {
        if (this.keyEnd < 0) this.keyEnd = i;
        if (custom || slot < canonicalCount) { start[slot] = from; end[slot] = i; }
        slot++;
        from = i + 1;
        // Past what the rules read (the key found): the rest of the line is not looked at.
        if (slot > last && (custom || canonicalCount > last)) return;
      } else if (c === RS && !custom) {
        if (slot < canonicalCount) { start[slot] = from; end[slot] = i; }
        custom = true;
        slot = canonicalCount;
        from = i + 1;
        if (slot > last && this.keyEnd >= 0) return;
      }
    }
    if (this.keyEnd < 0) this.keyEnd = lineEnd;
    if (slot < start.length && (custom || slot < canonicalCount)) { start[slot] = from; end[slot] = lineEnd; }
  }
}

const GS = 0x1d;
const US = 0x1f;
const RS = 0x1e;
const LF = 0x0a;

/**
 * Lines of a snapshot file as byte ranges, read in 4 MiB blocks into one buffer that is
 * reused (a line never spans two blocks; the buffer grows for a longer one). Each block's
 * lines must be used before the next is asked for.
 */
async function* readByteLines(path: string): AsyncGenerator<{ bytes: Buffer; starts: Int32Array; ends: Int32Array; count: number }> {
  const file = await open(path, 'r');
  try {
    let bytes = Buffer.allocUnsafe(4 << 20);
    let starts = new Int32Array(1 << 14);
    let ends = new Int32Array(1 << 14);
    let filled = 0;
    for (;;) {
      if (filled === bytes.length) bytes = Buffer.concat([bytes, Buffer.allocUnsafe(bytes.length)]);
      const { bytesRead } = await file.read(bytes, filled, bytes.length - filled, null);
      const eof = bytesRead === 0;
      filled += bytesRead;
      const upTo = eof ? filled : bytes.lastIndexOf(LF, filled - 1);
      if (upTo < 0) continue;
      let count = 0;
      for (let from = 0; from < upTo;) {
        let at = bytes.indexOf(LF, from);
        if (at < 0 || at > upTo) at = upTo;
        if (at > from) {
          if (count === starts.length) {
            starts = growInt32(starts);
            ends = growInt32(ends);
          }
          starts[count] = from;
          ends[count++] = at;
        }
        from = at + 1;
      }
      if (count > 0) yield { bytes, starts, ends, count };
      if (eof) return;
      // The part line after the block's last line break moves to the front.
      const next = upTo + 1;
      bytes.copy(bytes, 0, next, filled);
      filled -= next;
    }
  } finally {
    await file.close();
  }
}

const growInt32 = (a: Int32Array) => {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
};

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
