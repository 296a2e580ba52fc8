import { ApplicationFailure } from '@temporalio/common';
import { eq, sql } from 'drizzle-orm';
import type { PoolClient } from 'pg';
import type { Db } from '../../db/client';
import { comparisonRuns } from '../../db/schema';
import type { FileStore } from '../../infra/file-store';
import { MAX_LISTED_ERRORS, PayrollFileError } from '../../domain/payroll/import-errors';
import { type ComparisonDefinition, comparisonDefinitionSchema, pairName } from '../../domain/reconciliation/comparison-definition';
import { type ComparisonCounts, type ComparisonResult, ComparisonJoin } from '../../domain/reconciliation/comparison-matcher';
import { displayKey } from '../../domain/reconciliation/comparison-side';
import { parseSnapshotLine, readLineBatches } from '../payroll/snapshot-file';
import { heartbeat } from '../shared/activity-context';
import { NotPlainCsv } from '../payroll/file/plain-csv-reader';
import { BatchSink, type SideBatch, openFileSide, replay } from './side-batches';

export interface ComparisonDeps {
  db: Db;
  files: FileStore;
}

export type ComparisonOutcome = { ok: true; counts: ComparisonCounts } | { ok: false; errorCount: number };

const BATCH = 5_000;

/**
 * Result lines on their way to the database, in batches of one statement each (columns as
 * arrays). Statements are sent without waiting; `drain` waits once too many are in flight.
 */
class ResultWriter {
  private rows: ComparisonResult[] = [];
  private inFlight: Promise<unknown>[] = [];
  /** Statements run one after another on the connection: each is sent when the previous one is done. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: PoolClient, private readonly runId: string) {}

  add = (r: ComparisonResult): void => {
    this.rows.push(r);
    if (this.rows.length >= BATCH) this.send();
  };

  private send(): void {
    if (!this.rows.length) return;
    const rows = this.rows;
    this.rows = [];
    const col = <T>(f: (r: ComparisonResult) => T) => rows.map(f);
    const sent = this.tail.then(() => this.client.query(
      `insert into comparison_results (run_id, kind, side, key, field, column_name, reason, a_value, b_value, a_row, b_row, first_row)
       select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::int[], $11::int[], $12::int[])`,
      [
        this.runId,
        col((r) => r.kind),
        col((r) => ('side' in r ? r.side : null)),
        col((r) => (r.key === null ? null : displayKey(r.key))),
        col((r) => ('field' in r ? r.field : null)),
        col((r) => ('column' in r ? r.column : null)),
        col((r) => ('reason' in r ? r.reason : null)),
        col((r) => (r.kind === 'difference' ? r.aValue : r.kind === 'unparseable' && r.side === 'a' ? r.value : null)),
        col((r) => (r.kind === 'difference' ? r.bValue : r.kind === 'unparseable' && r.side === 'b' ? r.value : null)),
        col((r) => aRowOf(r)),
        col((r) => bRowOf(r)),
        col((r) => (r.kind === 'duplicate_key' ? r.firstRow : null)),
      ]));
    this.tail = sent;
    // Awaited in drain/finish; a failure there rolls the whole run back.
    sent.catch(() => undefined);
    this.inFlight.push(sent);
  }

  drain = async (): Promise<void> => {
    if (this.inFlight.length > 2) {
      const waiting = this.inFlight;
      this.inFlight = [];
      await Promise.all(waiting);
    }
  };

  /** Nothing more is sent; the statements already sent are awaited (their outcome no longer matters: a rollback follows). */
  async abandon(): Promise<void> {
    this.rows = [];
    const waiting = this.inFlight;
    this.inFlight = [];
    await Promise.allSettled(waiting);
  }

  async finish(): Promise<void> {
    this.send();
    const waiting = this.inFlight;
    this.inFlight = [];
    await Promise.all(waiting);
  }
}

function aRowOf(r: ComparisonResult): number | null {
  switch (r.kind) {
    case 'only_in_a': case 'difference': return r.aRow;
    case 'duplicate_key': return r.side === 'a' ? r.row : null;
    case 'unparseable': return r.side === 'a' ? r.row : null;
    default: return null;
  }
}
function bRowOf(r: ComparisonResult): number | null {
  switch (r.kind) {
    case 'only_in_b': case 'difference': return r.bRow;
    case 'duplicate_key': return r.side === 'b' ? r.row : null;
    case 'unparseable': return r.side === 'b' ? r.row : null;
    default: return null;
  }
}

/**
 * Compares a run's two sides (docs: README "Controls: comparisons"): side A is read whole into the
 * join, side B streamed against it, and the results stored in one transaction with the run's
 * counts. A file that does not map is refused whole — its errors on the run, no result stored.
 */
export function createComparisonActivities({ db, files }: ComparisonDeps) {
  /** Mutaflow's payroll photo: the import's snapshot, its canonical and custom columns as the header. */
  function readPayrollSide(sink: BatchSink, importId: string): Promise<void> {
    // Sealed at rest: read from a plain copy that lives only while the side is read.
    return files.withSnapshot(importId, (path) => readSnapshotSide(sink, path));
  }

  async function readSnapshotSide(sink: BatchSink, path: string): Promise<void> {
    let line = 0;
    for await (const batch of readLineBatches(path)) {
      for (const text of batch) {
        line++;
        if (line === 1) {
          const header = JSON.parse(text) as { fields: string[]; custom: string[] };
          sink.header([...header.fields, ...header.custom], 1);
          continue;
        }
        const { canonical, custom } = parseSnapshotLine(text);
        sink.row([...canonical, ...custom], line);
      }
      sink.progress();
      await sink.drain();
    }
    sink.flush();
  }

  /**
   * Side A into the join, then side B against it. A large file side B is parsed in a worker
   * thread from the start, while side A is read (side-batches.ts); its batches are taken once
   * side A is complete, so results come in the order of reading A then B, whatever the threads.
   * A refused side A is the run's answer, as if side B had not been read.
   */
  async function compareSides(run: typeof comparisonRuns.$inferSelect, definition: ComparisonDefinition, join: ComparisonJoin, writer: ResultWriter, plainBytes: boolean): Promise<number> {
    let sideADone!: (ok: boolean) => void;
    const aRead = new Promise<boolean>((resolve) => { sideADone = resolve; });
    let rowsA = 0;
    const sideB = files.withUpload(run.bFileSha256, async (path) => {
      const side = await openFileSide(path, run.bFileName, definition, 'b', undefined, plainBytes);
      try {
        if (!(await aRead)) return 0;
        return await side.consume((batch) => {
          replay(batch, join, 'b');
          heartbeat({ stage: 'reading_b', rows: rowsA + batch.rowsRead });
        }, writer.drain);
      } finally {
        await side.close();
      }
    });
    // Awaited below; until then a failure of side B must not go unhandled.
    sideB.catch(() => undefined);
    try {
      const takeA = (batch: SideBatch) => {
        replay(batch, join, 'a');
        heartbeat({ stage: 'reading_a', rows: batch.rowsRead });
      };
      if (definition.sideA.source === 'payroll') {
        const sink = new BatchSink(definition, 'a', 'Mutaflow', takeA, writer.drain);
        await readPayrollSide(sink, run.aImportId!);
        rowsA = sink.rows;
      } else {
        rowsA = await files.withUpload(run.aFileSha256!, async (path) => {
          const side = await openFileSide(path, run.aFileName!, definition, 'a', undefined, plainBytes);
          try {
            return await side.consume(takeA, writer.drain);
          } finally {
            await side.close();
          }
        });
      }
    } catch (err) {
      sideADone(false);
      await sideB.catch(() => undefined);
      throw err;
    }
    sideADone(true);
    return rowsA + await sideB;
  }

  async function runComparison(runId: string): Promise<ComparisonOutcome> {
    const [run] = await db.select().from(comparisonRuns).where(eq(comparisonRuns.id, runId));
    if (!run) throw ApplicationFailure.create({ type: 'ComparisonNotFound', nonRetryable: true, message: `comparison run ${runId} not found` });
    if (run.status === 'completed') return { ok: true, counts: run.counts as ComparisonCounts };
    if (run.status === 'failed') return { ok: false, errorCount: run.errorCount };
    const definition = comparisonDefinitionSchema.parse(run.definition);
    await db.update(comparisonRuns).set({ stage: 'comparing' }).where(eq(comparisonRuns.id, runId));

    const client = await db.$client.connect();
    let refused: PayrollFileError | undefined;
    try {
      // CSV files are read as bytes; one that turns out not to be plain CSV partway (readPlainCsv's
      // NotPlainCsv) has the run start over, both files read as text.
      for (const plainBytes of [true, false]) {
        await client.query('begin');
        // A retried attempt starts over.
        await client.query('delete from comparison_results where run_id = $1', [runId]);
        const writer = new ResultWriter(client, runId);
        const join = new ComparisonJoin(definition.fields.map((pair) => ({ name: pairName(pair), pair })), writer.add);
        try {
          const rows = await compareSides(run, definition, join, writer, plainBytes);
          join.finish();
          heartbeat({ stage: 'storing', rows });
          await writer.finish();
        } catch (err) {
          if (err instanceof NotPlainCsv && plainBytes) {
            // Statements already sent finish (or fail) before the rollback.
            await writer.abandon();
            await client.query('rollback');
            continue;
          }
          if (!(err instanceof PayrollFileError)) throw err;
          refused = err;
        }
        if (refused) {
          await client.query('rollback');
          break;
        }
        await client.query(
          `update comparison_runs set status = 'completed', stage = 'completed', counts = $2::jsonb, completed_at = now() where id = $1`,
          [runId, JSON.stringify(join.counts)]);
        await client.query('commit');
        return { ok: true, counts: join.counts };
      }
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    if (!refused) throw new Error('a comparison run ended without an outcome');
    const errors = refused.errors.slice(0, MAX_LISTED_ERRORS);
    await db.update(comparisonRuns).set({
      status: 'failed', stage: 'failed', errors, errorCount: refused.errors.length, completedAt: new Date(),
    }).where(eq(comparisonRuns.id, runId));
    return { ok: false, errorCount: refused.errors.length };
  }

  async function markComparisonFailed(runId: string, reason: string): Promise<void> {
    await db.execute(sql`update comparison_runs set status = 'failed', stage = 'failed', completed_at = now(),
      error_count = greatest(error_count, 1),
      errors = case when jsonb_array_length(errors) = 0 then ${JSON.stringify([{ code: 'internal', file: '', message: reason }])}::jsonb else errors end
      where id = ${runId} and status = 'running'`);
  }

  return { runComparison, markComparisonFailed };
}
