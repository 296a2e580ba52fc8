import { rename, rm, stat } from 'node:fs/promises';
import { heartbeat } from './activity-context';
import { ApplicationFailure } from '@temporalio/common';
import { eq, sql } from 'drizzle-orm';
import { PoolClient } from 'pg';
import { MappingProfile, mappingProfileSchema } from '../domain/mapping-profile';
import { periodBounds } from '../domain/period';
import { ChangeKind } from '../domain/snapshot-diff';
import { Db } from '../db/client';
import { employers, payrollImports } from '../db/schema';
import { FileStore } from '../infra/file-store';
import { BASELINE_MOVED } from '../workflows/shared';
import { PendingPerson, writePersonBatch } from './person-batch';
import { DELTA_SEPARATOR, buildSnapshot } from './snapshot-builder';
import { loadBaseline } from './baseline';
import { SnapshotHeader, keyOf, readLineBatches } from './snapshot-file';

export interface PayrollImportDeps {
  db: Db;
  files: FileStore;
  /** People per database batch while applying a snapshot. */
  batchSize?: number;
}

export type ValidateOutcome = { ok: true; rowCount: number } | { ok: false; errorCount: number };
export type ChangeCounts = Partial<Record<ChangeKind, number>>;
export interface ApplyOutcome { rowCount: number; changeCounts: ChangeCounts; baselineImportId: string | null }



const exists = (path: string) => stat(path).then(() => true, () => false);

type Queryable = Pick<PoolClient, 'query'>;

/** The completed import of the latest period before `period`: the baseline to diff against. */
async function currentBaseline(q: Queryable, employerId: string, period: string): Promise<string | null> {
  const { rows } = await q.query(
    `select id from payroll_imports where employer_id = $1 and status = 'completed' and period < $2
     order by period desc, completed_at desc limit 1`, [employerId, period]);
  return rows[0]?.id ?? null;
}

export function createPayrollImportActivities({ db, files, batchSize = 5_000 }: PayrollImportDeps) {
  async function loadImport(importId: string) {
    const [row] = await db.select().from(payrollImports).where(eq(payrollImports.id, importId));
    if (!row) throw ApplicationFailure.create({ type: 'ImportNotFound', nonRetryable: true, message: `import ${importId} not found` });
    return row;
  }

  /**
   * Reads and validates the uploaded file in one pass, writing the canonical snapshot and the
   * delta against the previous period. An invalid file is a business outcome: its errors are
   * stored on the import and nothing else changes.
   */
  async function validatePayrollFile(importId: string): Promise<ValidateOutcome> {
    const imp = await loadImport(importId);
    if (imp.status === 'failed') return { ok: false, errorCount: imp.errorCount };
    const baselineId = await currentBaseline(db.$client, imp.employerId, imp.period);
    const snapshotPath = files.snapshotPath(importId);
    const deltaPath = files.deltaPath(importId);
    if (imp.rowCount !== null && imp.baselineImportId === baselineId && (await exists(snapshotPath)) && (await exists(deltaPath))) {
      return { ok: true, rowCount: imp.rowCount };
    }
    const [employer] = await db.select().from(employers).where(eq(employers.id, imp.employerId));
    const profile: MappingProfile = mappingProfileSchema.parse(employer.mappingProfile);
    await db.update(payrollImports).set({ stage: 'validating' }).where(eq(payrollImports.id, importId));
    await files.ensureDirs();
    const loaded = baselineId ? await loadBaseline(files.snapshotPath(baselineId)) : undefined;
    const tmpSnapshot = files.tempPath();
    const tmpDelta = files.tempPath();
    const result = await buildSnapshot({
      sourcePath: files.uploadPath(imp.fileSha256),
      fileName: imp.fileName,
      profile,
      snapshotPath: tmpSnapshot,
      deltaPath: tmpDelta,
      baseline: loaded?.baseline,
      baselineSource: loaded?.header.source,
      onProgress: (rows) => heartbeat({ stage: 'validating', rows }),
    });
    if (!result.ok) {
      await Promise.all([rm(tmpSnapshot, { force: true }), rm(tmpDelta, { force: true })]);
      await db.update(payrollImports).set({
        status: 'failed', stage: 'failed', errors: result.errors, errorCount: result.errorCount, completedAt: new Date(),
      }).where(eq(payrollImports.id, importId));
      return { ok: false, errorCount: result.errorCount };
    }
    await rename(tmpSnapshot, snapshotPath);
    await rename(tmpDelta, deltaPath);
    await db.update(payrollImports).set({ rowCount: result.rowCount, baselineImportId: baselineId, stage: 'validated' })
      .where(eq(payrollImports.id, importId));
    return { ok: true, rowCount: result.rowCount };
  }

  /**
   * Diffs the delta and stores persons, changes and the import's completion in one
   * transaction. Re-importing a period supersedes the earlier import of that period: its
   * changes are replaced, not added to.
   */
  async function applyPayrollSnapshot(importId: string): Promise<ApplyOutcome> {
    const client = await db.$client.connect();
    try {
      await client.query('begin');
      const outcome = await applyInTransaction(client, importId);
      await client.query('commit');
      if ('conflict' in outcome) throw ApplicationFailure.create({ type: 'ImportConflict', nonRetryable: true, message: outcome.conflict });
      return outcome;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  async function applyInTransaction(client: PoolClient, importId: string): Promise<ApplyOutcome | { conflict: string }> {
    const { rows: [imp] } = await client.query(
      'select id, employer_id, period, status, row_count, change_counts, baseline_import_id from payroll_imports where id = $1', [importId]);
    if (!imp) throw ApplicationFailure.create({ type: 'ImportNotFound', nonRetryable: true, message: `import ${importId} not found` });
    // Serialise imports of one employer: the baseline must not move under us.
    await client.query('select id from employers where id = $1 for update', [imp.employer_id]);
    if (imp.status === 'completed' || imp.status === 'superseded') {
      return { rowCount: imp.row_count, changeCounts: imp.change_counts, baselineImportId: imp.baseline_import_id };
    }
    if (imp.status !== 'running') {
      throw ApplicationFailure.create({ type: 'ImportNotRunning', nonRetryable: true, message: `import ${importId} is ${imp.status}` });
    }
    const employerId: string = imp.employer_id;
    const period: string = imp.period;
    const { rows: later } = await client.query(
      `select period from payroll_imports where employer_id = $1 and status = 'completed' and period > $2 limit 1`, [employerId, period]);
    if (later.length) {
      const message = `a later period (${later[0].period}) is already imported; import periods in order`;
      await client.query(`update payroll_imports set status = 'failed', stage = 'failed', completed_at = now(),
        errors = $2::jsonb, error_count = 1 where id = $1`, [importId, JSON.stringify([{ code: 'period_order', file: '', message }])]);
      return { conflict: message };
    }
    const baselineId = await currentBaseline(client, employerId, period);
    if (baselineId !== imp.baseline_import_id) {
      throw ApplicationFailure.create({ type: BASELINE_MOVED, nonRetryable: true, message: 'another import completed meanwhile; validate again' });
    }
    const { rows: [superseded] } = await client.query(
      `select id from payroll_imports where employer_id = $1 and status = 'completed' and period = $2 limit 1`, [employerId, period]);
    const supersededId: string | null = superseded?.id ?? null;

    // People whose stored state came from the import being replaced must be rewritten.
    const touched = new Set<string>();
    if (supersededId) {
      await client.query('delete from payroll_changes where import_id = $1', [supersededId]);
      const { rows } = await client.query('select employee_number from persons where employer_id = $1 and last_import_id = $2', [employerId, supersededId]);
      rows.forEach((r) => touched.add(r.employee_number));
    }

    const counts: ChangeCounts = {};
    const ctx = { employerId, importId, bounds: periodBounds(period), hasBaseline: baselineId !== null, custom: [] as string[], counts };
    let batch: PendingPerson[] = [];
    let done = 0;
    // The previous batch's last statement, still running while the next batch is prepared.
    let written: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (!batch.length) return;
      let next: { written: Promise<void> };
      try {
        next = await writePersonBatch(client, ctx, batch);
      } catch (err) {
        await written; // an earlier batch's failure is the cause
        throw err;
      }
      await written;
      written = next.written;
      done += batch.length;
      batch = [];
      heartbeat({ stage: 'applying', rows: done });
    };
    const take = async (p: PendingPerson) => {
      batch.push(p);
      if (batch.length >= batchSize) await flush();
    };

    let header: SnapshotHeader | undefined;
    for await (const lines of readLineBatches(files.deltaPath(importId))) {
      for (const line of lines) {
        if (!header) {
          header = JSON.parse(line) as SnapshotHeader;
          ctx.custom = header.custom;
          continue;
        }
        const at = line.indexOf(DELTA_SEPARATOR);
        const next = at < 0 ? line : line.slice(0, at) || undefined;
        const prev = at < 0 ? undefined : line.slice(at + 1);
        const key = keyOf(next ?? prev!);
        touched.delete(key);
        await take({ key, next, prev });
      }
    }
    if (touched.size) {
      // Unchanged against the baseline, but stored from the replaced import: rewrite from this one.
      let first = true;
      for await (const lines of readLineBatches(files.snapshotPath(importId))) {
        for (const line of lines) {
          if (first) { first = false; continue; }
          const key = keyOf(line);
          if (touched.delete(key)) await take({ key, next: line, prev: line });
        }
      }
    }
    await flush();
    await written;
    if (touched.size) {
      // Hired by the replaced import only: gone again unless something already refers to them.
      await client.query(`delete from persons p where p.employer_id = $1 and p.employee_number = any($2)
        and not exists (select 1 from enrollments e where e.person_id = p.id)`, [employerId, [...touched]]);
      await client.query(`update persons set status = 'missing', last_import_id = $3, updated_at = now()
        where employer_id = $1 and employee_number = any($2)`, [employerId, [...touched], importId]);
    }
    if (supersededId) {
      await client.query(`update payroll_imports set status = 'superseded', superseded_by = $2 where id = $1`, [supersededId, importId]);
    }
    await client.query(
      `update payroll_imports set status = 'completed', stage = 'completed', change_counts = $2::jsonb, completed_at = now() where id = $1`,
      [importId, JSON.stringify(counts)]);
    return { rowCount: imp.row_count, changeCounts: counts, baselineImportId: baselineId };
  }

  async function markImportFailed(importId: string, reason: string): Promise<void> {
    // Only a running import can fail here; a completed one stays completed.
    await db.execute(
      sql`update payroll_imports set status = 'failed', stage = 'failed', completed_at = now(),
        error_count = greatest(error_count, 1),
        errors = case when jsonb_array_length(errors) = 0 then ${JSON.stringify([{ code: 'internal', file: '', message: reason }])}::jsonb else errors end
        where id = ${importId} and status = 'running'`);
  }

  return { validatePayrollFile, applyPayrollSnapshot, markImportFailed };
}
