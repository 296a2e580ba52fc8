import { rename, rm, stat } from 'node:fs/promises';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { eq, sql } from 'drizzle-orm';
import { PoolClient } from 'pg';
import { CANONICAL_FIELDS, CanonicalField } from '../domain/canonical';
import { MappingProfile, mappingProfileSchema } from '../domain/mapping-profile';
import { periodBounds } from '../domain/period';
import { ActiveEnrollment, SupplierNeeds, relevantSuppliers } from '../domain/relevance';
import { ChangeKind, DetectedChange, EarlierPerson, Values, diffPerson } from '../domain/snapshot-diff';
import { Db } from '../db/client';
import { employers, payrollImports } from '../db/schema';
import { FileStore } from '../infra/file-store';
import { buildSnapshot } from './snapshot-builder';
import { canonicalPart, keyOf, readSnapshot } from './snapshot-file';

export interface PayrollImportDeps {
  db: Db;
  files: FileStore;
  /** Rows per database batch while applying a snapshot. */
  batchSize?: number;
}

export type ValidateOutcome = { ok: true; rowCount: number } | { ok: false; errorCount: number };
export type ChangeCounts = Partial<Record<ChangeKind, number>>;
export interface ApplyOutcome { rowCount: number; changeCounts: ChangeCounts; baselineImportId: string | null }

const heartbeat = (details: unknown) => {
  try {
    Context.current().heartbeat(details);
  } catch {
    // Called outside an activity (benchmarks, scripts): nothing to report to.
  }
};

export function createPayrollImportActivities({ db, files, batchSize = 5_000 }: PayrollImportDeps) {
  async function loadImport(importId: string) {
    const [row] = await db.select().from(payrollImports).where(eq(payrollImports.id, importId));
    if (!row) throw ApplicationFailure.create({ type: 'ImportNotFound', nonRetryable: true, message: `import ${importId} not found` });
    return row;
  }

  /**
   * Reads and validates the uploaded file into the canonical snapshot. An invalid file is a
   * business outcome: its errors are stored on the import and nothing else changes.
   */
  async function validatePayrollFile(importId: string): Promise<ValidateOutcome> {
    const imp = await loadImport(importId);
    const finalPath = files.snapshotPath(importId);
    if (imp.rowCount !== null && (await stat(finalPath).catch(() => null))) return { ok: true, rowCount: imp.rowCount };
    if (imp.status === 'failed') return { ok: false, errorCount: imp.errorCount };
    const [employer] = await db.select().from(employers).where(eq(employers.id, imp.employerId));
    const profile: MappingProfile = mappingProfileSchema.parse(employer.mappingProfile);
    await db.update(payrollImports).set({ stage: 'validating' }).where(eq(payrollImports.id, importId));
    await files.ensureDirs();
    const tmp = files.tempPath();
    const result = await buildSnapshot({
      sourcePath: files.uploadPath(imp.fileSha256),
      fileName: imp.fileName,
      profile,
      outPath: tmp,
      onProgress: (rows) => heartbeat({ stage: 'validating', rows }),
    });
    if (!result.ok) {
      await rm(tmp, { force: true });
      await db.update(payrollImports).set({
        status: 'failed', stage: 'failed', errors: result.errors, errorCount: result.errorCount, completedAt: new Date(),
      }).where(eq(payrollImports.id, importId));
      return { ok: false, errorCount: result.errorCount };
    }
    await rename(tmp, finalPath);
    await db.update(payrollImports).set({ rowCount: result.rowCount, stage: 'validated' }).where(eq(payrollImports.id, importId));
    return { ok: true, rowCount: result.rowCount };
  }

  /**
   * Diffs the validated snapshot against the employer's previous period and stores persons,
   * changes and the import's completion in one transaction. Re-importing a period supersedes
   * the earlier import of that period: its changes are replaced, not added to.
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
    const { rows: [baseline] } = await client.query(
      `select id from payroll_imports where employer_id = $1 and status = 'completed' and period < $2
       order by period desc, completed_at desc limit 1`, [employerId, period]);
    const { rows: [superseded] } = await client.query(
      `select id from payroll_imports where employer_id = $1 and status = 'completed' and period = $2 limit 1`, [employerId, period]);
    const baselineId: string | null = baseline?.id ?? null;
    const supersededId: string | null = superseded?.id ?? null;

    // People whose stored state came from the import being replaced must be rewritten.
    const touched = new Set<string>();
    if (supersededId) {
      await client.query('delete from payroll_changes where import_id = $1', [supersededId]);
      const { rows } = await client.query('select employee_number from persons where employer_id = $1 and last_import_id = $2', [employerId, supersededId]);
      rows.forEach((r) => touched.add(r.employee_number));
    }

    heartbeat({ stage: 'applying', rows: 0 });
    const previous = new Map<string, string>();
    if (baselineId) {
      for await (const item of readSnapshot(files.snapshotPath(baselineId))) {
        if ('line' in item) {
          const canon = canonicalPart(item.line);
          previous.set(keyOf(canon), canon);
        }
      }
    }

    const bounds = periodBounds(period);
    const counts: ChangeCounts = {};
    let rowCount = 0;
    let custom: string[] = [];
    let batch: PendingPerson[] = [];
    const flush = async () => {
      if (!batch.length) return;
      await writeBatch(client, { employerId, importId, bounds, hasBaseline: baselineId !== null, custom, counts }, batch);
      batch = [];
      heartbeat({ stage: 'applying', rows: rowCount });
    };

    for await (const item of readSnapshot(files.snapshotPath(importId))) {
      if ('header' in item) {
        custom = item.header.custom;
        continue;
      }
      rowCount++;
      const tab = item.line.indexOf('\t');
      const canon = item.line.slice(0, tab);
      const key = keyOf(canon);
      const prev = previous.get(key);
      if (prev !== undefined) previous.delete(key);
      const isTouched = touched.delete(key);
      if (prev === canon && !isTouched) continue;
      batch.push({ key, next: canon, nextCustom: item.line.slice(tab + 1), prev });
      if (batch.length >= batchSize) await flush();
    }
    // Whoever is left in the previous snapshot is absent from this one.
    for (const [key, prev] of previous) {
      touched.delete(key);
      batch.push({ key, next: undefined, nextCustom: undefined, prev });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
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
      `update payroll_imports set status = 'completed', stage = 'completed', row_count = $2, change_counts = $3::jsonb,
         baseline_import_id = $4, completed_at = now() where id = $1`,
      [importId, rowCount, JSON.stringify(counts), baselineId]);
    return { rowCount, changeCounts: counts, baselineImportId: baselineId };
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

interface PendingPerson {
  key: string;
  /** Canonical JSON in this snapshot; undefined when absent. */
  next: string | undefined;
  nextCustom: string | undefined;
  /** Canonical JSON in the baseline; undefined when not there. */
  prev: string | undefined;
}

interface BatchContext {
  employerId: string;
  importId: string;
  bounds: { from: string; to: string };
  hasBaseline: boolean;
  custom: string[];
  counts: ChangeCounts;
}

const EXIT_AT = CANONICAL_FIELDS.indexOf('exitDate');

function personData(values: Values, customNames: string[], customValues: (string | null)[] | undefined): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  CANONICAL_FIELDS.forEach((f, i) => { data[f] = values[i]; });
  const custom: Record<string, string | null> = {};
  if (customValues) customNames.forEach((n, i) => { custom[n] = customValues[i] ?? null; });
  data.custom = custom;
  return data;
}

function valuesFromData(data: Record<string, unknown>): Values {
  return CANONICAL_FIELDS.map((f) => (data[f] ?? null) as string | null);
}

async function writeBatch(client: PoolClient, ctx: BatchContext, batch: PendingPerson[]): Promise<void> {
  const earlier = new Map<string, EarlierPerson>();
  if (ctx.hasBaseline) {
    const unknown = batch.filter((p) => p.prev === undefined && p.next !== undefined).map((p) => p.key);
    if (unknown.length) {
      const { rows } = await client.query(
        'select employee_number, data, status from persons where employer_id = $1 and employee_number = any($2)', [ctx.employerId, unknown]);
      for (const r of rows) earlier.set(r.employee_number, { values: valuesFromData(r.data), status: r.status });
    }
  }

  const keys: string[] = [];
  const datas: string[] = [];
  const statuses: string[] = [];
  const changesByKey = new Map<string, DetectedChange[]>();
  for (const p of batch) {
    const prev = p.prev !== undefined ? (JSON.parse(p.prev) as Values) : undefined;
    const next = p.next !== undefined ? (JSON.parse(p.next) as Values) : undefined;
    const changes = ctx.hasBaseline ? diffPerson(prev, next, earlier.get(p.key)) : [];
    if (changes.length) changesByKey.set(p.key, changes);
    if (next) {
      keys.push(p.key);
      datas.push(JSON.stringify(personData(next, ctx.custom, JSON.parse(p.nextCustom!))));
      statuses.push(next[EXIT_AT] ? 'departed' : 'active');
    } else if (changes.length) {
      // Absent without exit date: keep the last known data, flag the person.
      keys.push(p.key);
      datas.push('');
      statuses.push('missing');
    }
  }
  if (!keys.length) return;

  const { rows: upserted } = await client.query(
    `insert into persons (employer_id, employee_number, data, status, last_import_id)
     select $1, k, coalesce(nullif(d, '')::jsonb, '{}'::jsonb), s, $2 from unnest($3::text[], $4::text[], $5::text[]) as t(k, d, s)
     on conflict (employer_id, employee_number) do update set
       data = case when excluded.data = '{}'::jsonb then persons.data else excluded.data end,
       status = excluded.status, last_import_id = excluded.last_import_id, updated_at = now()
     returning id, employee_number`,
    [ctx.employerId, ctx.importId, keys, datas, statuses]);
  if (!changesByKey.size) return;
  const personIds = new Map<string, string>(upserted.map((r) => [r.employee_number, r.id]));

  const enrollmentsByPerson = new Map<string, ActiveEnrollment[]>();
  const suppliers = new Map<string, SupplierNeeds>();
  const changedIds = [...changesByKey.keys()].map((k) => personIds.get(k)!);
  const { rows: enrolled } = await client.query(
    `select e.person_id, e.start_date::text as start_date, e.end_date::text as end_date, s.id as supplier_id, s.kind, s.fields
     from enrollments e join plans p on p.id = e.plan_id join suppliers s on s.id = p.supplier_id
     where e.person_id = any($1::uuid[])`, [changedIds]);
  for (const r of enrolled) {
    const list = enrollmentsByPerson.get(r.person_id) ?? [];
    list.push({ supplierId: r.supplier_id, startDate: r.start_date, endDate: r.end_date });
    enrollmentsByPerson.set(r.person_id, list);
    suppliers.set(r.supplier_id, { supplierId: r.supplier_id, kind: r.kind, fields: r.fields as CanonicalField[] | null });
  }

  const cols = { person: [] as string[], key: [] as string[], kind: [] as string[], field: [] as (string | null)[],
    old: [] as (string | null)[], new: [] as (string | null)[], suppliers: [] as string[] };
  for (const [key, changes] of changesByKey) {
    const personId = personIds.get(key)!;
    const enrollments = enrollmentsByPerson.get(personId) ?? [];
    for (const c of changes) {
      ctx.counts[c.kind] = (ctx.counts[c.kind] ?? 0) + 1;
      cols.person.push(personId);
      cols.key.push(key);
      cols.kind.push(c.kind);
      cols.field.push(c.field);
      cols.old.push(c.oldValue);
      cols.new.push(c.newValue);
      cols.suppliers.push(`{${relevantSuppliers(c, enrollments, suppliers, ctx.bounds).join(',')}}`);
    }
  }
  await client.query(
    `insert into payroll_changes (import_id, employer_id, person_id, employee_number, kind, field, old_value, new_value, supplier_ids)
     select $1, $2, p, k, kd, f, o, n, s::uuid[]
     from unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) as t(p, k, kd, f, o, n, s)`,
    [ctx.importId, ctx.employerId, cols.person, cols.key, cols.kind, cols.field, cols.old, cols.new, cols.suppliers]);
}
