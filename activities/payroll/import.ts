import { rm } from 'node:fs/promises';
import { heartbeat } from '../shared/activity-context';
import { ApplicationFailure } from '@temporalio/common';
import { and, eq, sql } from 'drizzle-orm';
import type { PoolClient } from 'pg';
import { type MappingProfile, mappingProfileSchema } from '../../domain/payroll/mapping-profile';
import { periodBounds } from '../../domain/shared/calendar';
import type { ChangeKind } from '../../domain/payroll/snapshot-diff';
import type { Db } from '../../db/client';
import { employers, payrollImports } from '../../db/schema';
import { laterImportedPeriod } from '../../db/queries/payroll-imports';
import type { FileStore } from '../../infra/file-store';
import type { ImportError } from '../../domain/payroll/import-errors';
import { IMPORT_CONFLICT } from '../../domain/shared/failure-types';
import type { BatchContext } from './person-batch';
import { DeltaFeed, PersonCopier, type PersonSink, PersonWriter } from './person-writer';
import { DEFAULT_XLSX_LIMITS } from './file/xlsx-guard';
import { buildSnapshot } from './snapshot-builder';
import { loadBaseline } from './baseline';
import { keyOf, readLineBatches } from './snapshot-file';
import { unreferencedPerson } from '../../db/queries/person-references';

export interface PayrollImportDeps {
  db: Db;
  files: FileStore;
  /** People per database batch while applying a snapshot. */
  batchSize?: number;
  /** How often a wait for another import of the employer heartbeats. */
  lockWaitBeatMs?: number;
  /** How far an XLSX may inflate (absent: DEFAULT_XLSX_LIMITS). */
  xlsxInflatedBytes?: number;
  /** An employer's first photo through COPY (default); false: in batches like any other (tests compare the two). */
  copyFirstImport?: boolean;
}

export type ChangeCounts = Partial<Record<ChangeKind, number>>;
export interface ApplyOutcome { rowCount: number; changeCounts: ChangeCounts; baselineImportId: string | null }
export type ImportOutcome = ({ ok: true } & ApplyOutcome) | { ok: false; errorCount: number };

interface ReadyApply {
  kind: 'ready';
  importId: string;
  baselineId: string | null;
  supersededId: string | null;
  /** People stored from the replaced import and not (yet) met in this one. */
  touched: Set<string>;
  ctx: BatchContext;
}
type OpenedApply = ReadyApply | { kind: 'done'; outcome: ApplyOutcome } | { kind: 'conflict'; message: string };

/** Already stored: its outcome. Refused for its period order: that refusal is committed, then thrown. */
async function settleUnready(client: Queryable, opened: Exclude<OpenedApply, ReadyApply>): Promise<ApplyOutcome> {
  await client.query('commit');
  if (opened.kind === 'conflict') throw ApplicationFailure.create({ type: IMPORT_CONFLICT, nonRetryable: true, message: opened.message });
  return opened.outcome;
}

type Queryable = Pick<PoolClient, 'query'>;

/** The completed import of the latest period before `period`: the baseline to diff against. */
async function currentBaseline(q: Queryable, employerId: string, period: string): Promise<string | null> {
  const { rows } = await q.query(
    `select id from payroll_imports where employer_id = $1 and status = 'completed' and period < $2
     order by period desc, completed_at desc limit 1`, [employerId, period]);
  return rows[0]?.id ?? null;
}

/** PostgreSQL's lock_not_available: a lock_timeout ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

export function createPayrollImportActivities({ db, files, batchSize = 5_000, lockWaitBeatMs = 20_000, xlsxInflatedBytes, copyFirstImport = true }: PayrollImportDeps) {
  const xlsxLimits = xlsxInflatedBytes ? { ...DEFAULT_XLSX_LIMITS, maxInflatedBytes: xlsxInflatedBytes } : DEFAULT_XLSX_LIMITS;
  async function loadImport(importId: string) {
    const [row] = await db.select().from(payrollImports).where(eq(payrollImports.id, importId));
    if (!row) throw ApplicationFailure.create({ type: 'ImportNotFound', nonRetryable: true, message: `import ${importId} not found` });
    return row;
  }

  /**
   * Reads, validates, diffs and stores one payroll file in a single pass and one transaction:
   * people who differ from the baseline are written while the rest of the file is still being
   * read, so the database and the reading work at the same time. A rejected file rolls the
   * transaction back (nothing stored) and records its errors on the import. The employer is
   * locked first, so the baseline cannot move while the file is read.
   */
  async function importPayrollFile(importId: string): Promise<ImportOutcome> {
    const imp = await loadImport(importId);
    if (imp.status === 'failed') return { ok: false, errorCount: imp.errorCount };
    const [employer] = await db.select().from(employers).where(eq(employers.id, imp.employerId));
    const profile: MappingProfile = mappingProfileSchema.parse(employer.mappingProfile);
    await db.update(payrollImports).set({ stage: 'validating' }).where(and(eq(payrollImports.id, importId), eq(payrollImports.status, 'running')));
    await files.ensureDirs();
    const tmpSnapshot = files.tempPath();
    // Last month's lines of the people who changed, for the audit's change rules (import.ts → run-audit.ts).
    const tmpChanged = files.tempPath();
    const client = await db.$client.connect();
    let rejected: { errors: ImportError[]; errorCount: number } | undefined;
    let writer: PersonSink | undefined;
    try {
      await client.query('begin');
      const opened = await openApply(client, importId);
      if (opened.kind !== 'ready') return { ok: true, ...(await settleUnready(client, opened)) };
      const loaded = opened.baselineId ? await files.withSnapshot(opened.baselineId, loadBaseline) : undefined;
      let reading = true;
      const onWritten = (rows: number) => { if (!reading) heartbeat({ stage: 'applying', rows }); };
      // What the stored people owe to the replaced import, as it stands before any row is read.
      const touchedBefore = [...opened.touched];
      const copying = copyFirstImport && await isFirstPhoto(client, opened);
      const newWriter = (): PersonSink => (copying ? new PersonCopier(client, opened.ctx, onWritten) : new PersonWriter(client, opened.ctx, batchSize, onWritten));
      writer = newWriter();
      const feed = () => new DeltaFeed(writer!, opened.ctx, opened.touched);
      let delta = feed();
      await client.query('savepoint rows');
      // The upload is sealed at rest: read from a plain copy under tmp/, removed once read.
      const result = await files.withUpload(imp.fileSha256, (sourcePath) => buildSnapshot({
        sourcePath,
        fileName: imp.fileName,
        profile,
        snapshotPath: tmpSnapshot,
        changedBaseline: tmpChanged,
        get delta() { return delta; },
        beforeRestart: async () => {
          // Read again as text from the first row: what the first reading stored goes.
          await writer!.stop();
          await client.query('rollback to savepoint rows');
          opened.ctx.counts = {};
          opened.touched = new Set(touchedBefore);
          writer = newWriter();
          delta = feed();
        },
        baseline: loaded?.baseline,
        baselineSource: loaded?.header.source,
        xlsxLimits,
        onProgress: (rows) => heartbeat({ stage: 'validating', rows }),
      }));
      reading = false;
      if (!result.ok) {
        await writer.stop();
        await client.query('rollback');
        await rm(tmpSnapshot, { force: true });
        await rm(tmpChanged, { force: true });
        rejected = result;
      } else {
        await files.sealSnapshot(tmpSnapshot, importId);
        if (result.changedWritten) await files.sealSnapshot(tmpChanged, importId, 'changed');
        const outcome = await finishApply(client, opened, writer, result.rowCount);
        await client.query('commit');
        return { ok: true, ...outcome };
      }
    } catch (err) {
      // Batches still queued must not reach the connection after the rollback (nor after its release).
      await writer?.stop();
      await client.query('rollback').catch(() => undefined);
      await rm(tmpSnapshot, { force: true });
      await rm(tmpChanged, { force: true });
      throw err;
    } finally {
      client.release();
    }
    await db.update(payrollImports).set({
      status: 'failed', stage: 'failed', errors: rejected.errors, errorCount: rejected.errorCount, completedAt: new Date(),
    }).where(eq(payrollImports.id, importId));
    return { ok: false, errorCount: rejected.errorCount };
  }

  /**
   * Under the employer's lock: whether the import still has to be stored, and what storing it
   * starts from (baseline, the import of the same period it replaces, and the people that one wrote).
   */
  async function openApply(client: PoolClient, importId: string): Promise<OpenedApply> {
    const { rows: [imp] } = await client.query(
      'select id, employer_id, period, status, row_count, change_counts, baseline_import_id from payroll_imports where id = $1', [importId]);
    if (!imp) throw ApplicationFailure.create({ type: 'ImportNotFound', nonRetryable: true, message: `import ${importId} not found` });
    // Serialise imports of one employer: the baseline must not move under us.
    await lockEmployer(client, imp.employer_id);
    if (imp.status === 'completed' || imp.status === 'superseded') {
      return { kind: 'done', outcome: { rowCount: imp.row_count, changeCounts: imp.change_counts, baselineImportId: imp.baseline_import_id } };
    }
    if (imp.status !== 'running') {
      throw ApplicationFailure.create({ type: 'ImportNotRunning', nonRetryable: true, message: `import ${importId} is ${imp.status}` });
    }
    const employerId: string = imp.employer_id;
    const period: string = imp.period;
    const later = await laterImportedPeriod(client, employerId, period);
    if (later) {
      const message = `a later period (${later}) is already imported; import periods in order`;
      await client.query(`update payroll_imports set status = 'failed', stage = 'failed', completed_at = now(),
        errors = $2::jsonb, error_count = 1 where id = $1`, [importId, JSON.stringify([{ code: 'period_order', file: '', message }])]);
      return { kind: 'conflict', message };
    }
    const baselineId = await currentBaseline(client, employerId, period);
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
    const { rows: [corrected] } = await client.query(
      'select exists (select 1 from person_corrections c join persons p on p.id = c.person_id where p.employer_id = $1) as any', [employerId]);
    const ctx: BatchContext = {
      employerId, importId, bounds: periodBounds(period), hasBaseline: baselineId !== null, custom: [], counts: {}, hasCorrections: corrected.any === true,
    };
    return { kind: 'ready', importId, baselineId, supersededId, touched, ctx };
  }

  /**
   * Waits for another import of the employer to finish (the one-pass import holds the lock while
   * it reads, which can take minutes for a large first load), heartbeating meanwhile so that the
   * wait is not taken for a lost worker.
   */
  async function lockEmployer(client: PoolClient, employerId: string): Promise<void> {
    await client.query(`select set_config('lock_timeout', $1, true)`, [`${lockWaitBeatMs}ms`]);
    for (;;) {
      await client.query('savepoint lock_employer');
      try {
        await client.query('select id from employers where id = $1 for update', [employerId]);
        await client.query('release savepoint lock_employer');
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== LOCK_NOT_AVAILABLE) throw err;
        await client.query('rollback to savepoint lock_employer');
        heartbeat({ stage: 'waiting', rows: 0 });
      }
    }
    await client.query(`select set_config('lock_timeout', '0', true)`);
  }

  /**
   * Nothing to diff against, replace or keep: no baseline, no import of the period, no HR
   * correction, nobody stored yet (a hire entered by hand before the first photo is met by
   * INSERT … ON CONFLICT in batches instead). Every person is then a plain new row.
   */
  async function isFirstPhoto(client: PoolClient, opened: ReadyApply): Promise<boolean> {
    if (opened.baselineId || opened.supersededId || opened.ctx.hasCorrections) return false;
    const { rows: [stored] } = await client.query('select exists (select 1 from persons where employer_id = $1) as any', [opened.ctx.employerId]);
    return stored.any !== true;
  }

  /** After the delta: rewrites the people the replaced import left behind, and completes the import. */
  async function finishApply(client: PoolClient, opened: ReadyApply, writer: PersonSink, rowCount: number): Promise<ApplyOutcome> {
    const { importId, touched, ctx } = opened;
    if (touched.size) {
      // Unchanged against the baseline, but stored from the replaced import: rewrite from this one.
      let first = true;
      await files.withSnapshot(importId, async (path) => {
        for await (const lines of readLineBatches(path)) {
          for (const line of lines) {
            if (first) { first = false; continue; }
            const key = keyOf(line);
            if (touched.delete(key)) writer.take({ key, next: line, prev: line });
          }
          await writer.catchUp(1);
        }
      });
    }
    await writer.finish();
    if (touched.size) {
      // Hired by the replaced import only: gone again unless something already refers to them.
      await client.query(`delete from persons p where p.employer_id = $1 and p.employee_number = any($2)
        and ${unreferencedPerson('p')}`, [ctx.employerId, [...touched]]);
      await client.query(`update persons set status = 'missing', last_import_id = $3, updated_at = now()
        where employer_id = $1 and employee_number = any($2)`, [ctx.employerId, [...touched], importId]);
    }
    if (opened.supersededId) {
      await client.query(`update payroll_imports set status = 'superseded', superseded_by = $2 where id = $1`, [opened.supersededId, importId]);
    }
    await client.query(
      `update payroll_imports set status = 'completed', stage = 'completed', change_counts = $2::jsonb, completed_at = now(),
         row_count = $3, baseline_import_id = $4 where id = $1`,
      [importId, JSON.stringify(ctx.counts), rowCount, opened.baselineId]);
    return { rowCount, changeCounts: ctx.counts, baselineImportId: opened.baselineId };
  }

  async function markImportFailed(importId: string, reason: string): Promise<void> {
    // Only a running import can fail here; a completed one stays completed.
    await db.execute(
      sql`update payroll_imports set status = 'failed', stage = 'failed', completed_at = now(),
        error_count = greatest(error_count, 1),
        errors = case when jsonb_array_length(errors) = 0 then ${JSON.stringify([{ code: 'internal', file: '', message: reason }])}::jsonb else errors end
        where id = ${importId} and status = 'running'`);
  }

  return { importPayrollFile, markImportFailed };
}
