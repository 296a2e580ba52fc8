import { rm } from 'node:fs/promises';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type RetentionMonths, retentionCutoff, retentionCutoffDay } from '../../domain/retention/policy';
import type { FileStore } from '../../infra/file-store';
import { uploadInUse } from '../../db/queries/uploads';

/** Who the retention records name. */
const RETENTION_ACTOR = 'system:retention';

export interface PurgeResult {
  payrollPhotos: number;
  reports: number;
  messages: number;
  accidentFiles: number;
  persons: number;
  statementBatches: number;
  contributionFiles: number;
  /** Comparison runs and bordereau runs whose personal values went. */
  controls: number;
  auditEntries: number;
  tempFiles: number;
}

type Scope = string[] | null;
/** A uuid[] parameter as one array literal (a JS array would become a list of parameters). */
const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;
const inScope = (scope: Scope, column: SQL) => (scope ? sql`${column} = any(${uuidArray(scope)})` : sql`true`);

/** At most this many objects of a kind per run: a backlog is worked off over a few days, not in one long transaction. */
const BATCH = 1000;

/**
 * What goes with a message at the end of its term: its answers, its body as sent and its events.
 * A bordereau resolution that names it (the correction it sent) keeps its reason, without the
 * link. test/activities/retention/purge.test.ts holds both lists to the database's foreign keys.
 */
export const MESSAGE_PARTS = ['message_answers', 'message_bodies', 'message_events'] as const;
export const MESSAGE_LINKS = ['bordereau_resolutions'] as const;

/**
 * The retention purge (domain/retention/policy.ts): removes what is past its term, kind by kind,
 * and records each removal in retention_records. Idempotent: a second run finds nothing left.
 * `now` is given by the caller (the workflow's clock, or a test).
 */
export function createRetentionActivities(deps: { db: Db; files: FileStore; retention: RetentionMonths }) {
  const { db, files, retention } = deps;
  const record = (tx: Pick<Db, 'execute'>, kind: string, subjectId: string, employerId: string | null, action: string, detail: object = {}) =>
    tx.execute(sql`insert into retention_records (kind, subject_id, employer_id, action, detail, by)
                   values (${kind}, ${subjectId}, ${employerId}, ${action}, ${JSON.stringify(detail)}::jsonb, ${RETENTION_ACTOR})`);

  /** Uploads and snapshots past their term, but never an employer's newest completed import (the next baseline). */
  async function purgePayrollPhotos(now: Date, scope: Scope): Promise<number> {
    const cutoff = retentionCutoff(now, retention.payroll_photos);
    const due = (await db.execute<{ id: string; employer_id: string; file_sha256: string }>(sql`
      select i.id, i.employer_id, i.file_sha256 from payroll_imports i
       where i.file_purged_at is null and i.status <> 'running' and i.created_at < ${cutoff} and ${inScope(scope, sql`i.employer_id`)}
         and i.id not in (select distinct on (employer_id) id from payroll_imports where status = 'completed'
                           order by employer_id, period desc, created_at desc)
       order by i.created_at limit ${BATCH}`)).rows;
    for (const imp of due) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`update payroll_imports set file_purged_at = now() where id = ${imp.id}`);
        // The old and new values of its changes held salaries and names: only their kinds and fields stay.
        await tx.execute(sql`update payroll_changes set old_value = null, new_value = null where import_id = ${imp.id}`);
        // So did the values its audit findings quote (sealed, but kept no longer than the photo): the finding, its rule and field stay.
        await tx.execute(sql`update audit_findings set sealed_values = '' where import_id = ${imp.id}`);
        await record(tx, 'payroll_photo', imp.id, imp.employer_id, 'purged');
      });
      await rm(files.snapshotPath(imp.id), { force: true });
      await rm(files.snapshotPath(imp.id, 'changed'), { force: true });
      // The same file may belong to another import or a comparison (uploaded twice): it goes with the last one.
      if (!(await uploadInUse(db, imp.file_sha256))) await rm(files.uploadPath(imp.file_sha256), { force: true });
    }
    // A purged photo's lines that a later import kept for its audit (its changed people, `.changed`)
    // go too, even where that import is the newest and stays as the next baseline. Swept on every
    // run rather than with the photo: an import committed after its baseline's purge, or a purge
    // stopped between its commit and its files, is caught the next time.
    const keeping = (await db.execute<{ id: string }>(sql`
      select i.id from payroll_imports i join payroll_imports b on b.id = i.baseline_import_id
       where b.file_purged_at is not null and i.file_purged_at is null and ${inScope(scope, sql`i.employer_id`)}`)).rows;
    for (const next of keeping) await rm(files.snapshotPath(next.id, 'changed'), { force: true });
    return due.length;
  }

  async function purgeReports(now: Date, scope: Scope): Promise<number> {
    const cutoff = retentionCutoff(now, retention.reports);
    const due = (await db.execute<{ id: string; employer_id: string; sha256: string }>(sql`
      select id, employer_id, sha256 from reports where file_purged_at is null and created_at < ${cutoff} and ${inScope(scope, sql`employer_id`)} order by created_at limit ${BATCH}`)).rows;
    for (const r of due) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`update reports set file_purged_at = now() where id = ${r.id}`);
        // The lines kept of the report (what it told the supplier) go with its file.
        await tx.execute(sql`delete from report_lines where report_id = ${r.id}`);
        await record(tx, 'report', r.id, r.employer_id, 'purged');
      });
      const shared = await db.execute(sql`select 1 from reports where sha256 = ${r.sha256} and file_purged_at is null limit 1`);
      if (!shared.rows.length) await rm(files.reportPath(r.sha256), { force: true });
    }
    return due.length;
  }

  /** Contribution files past their term: the file, its lines, findings and differences (amounts and salary bases); the row stays. */
  async function purgeContributionFiles(now: Date, scope: Scope): Promise<number> {
    const cutoff = retentionCutoff(now, retention.contribution_files);
    const due = (await db.execute<{ id: string; employer_id: string; sha256: string }>(sql`
      select id, employer_id, sha256 from contribution_files where file_purged_at is null and created_at < ${cutoff} and ${inScope(scope, sql`employer_id`)} order by created_at limit ${BATCH}`)).rows;
    for (const f of due) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`delete from contribution_lines where file_id = ${f.id}`);
        await tx.execute(sql`update contribution_files set file_purged_at = now(), findings = '[]'::jsonb, differences = null where id = ${f.id}`);
        await record(tx, 'contribution_file', f.id, f.employer_id, 'purged');
      });
      // Stored beside the reports (by content hash): it goes when nothing else still points at those bytes.
      const shared = await db.execute(sql`select 1 from contribution_files where sha256 = ${f.sha256} and file_purged_at is null
                                          union all select 1 from reports where sha256 = ${f.sha256} and file_purged_at is null limit 1`);
      if (!shared.rows.length) await rm(files.reportPath(f.sha256), { force: true });
    }
    return due.length;
  }

  /** Messages at an end, with their events, answers and bodies as sent (a bordereau resolution keeps its reason, unlinked): one record per employer and run. */
  async function purgeMessages(now: Date, scope: Scope): Promise<number> {
    const cutoff = retentionCutoff(now, retention.messages);
    return db.transaction(async (tx) => {
      const due = (await tx.execute<{ id: string; employer_id: string }>(sql`
        select id, employer_id from messages where status in ('sent', 'processed', 'rejected', 'cancelled') and updated_at < ${cutoff} and ${inScope(scope, sql`employer_id`)}
         order by updated_at limit ${BATCH} for update skip locked`)).rows;
      if (!due.length) return 0;
      const ids = due.map((m) => m.id);
      for (const part of MESSAGE_PARTS) await tx.execute(sql`delete from ${sql.identifier(part)} where message_id = any(${uuidArray(ids)})`);
      for (const link of MESSAGE_LINKS) await tx.execute(sql`update ${sql.identifier(link)} set message_id = null where message_id = any(${uuidArray(ids)})`);
      await tx.execute(sql`delete from messages where id = any(${uuidArray(ids)})`);
      const perEmployer = new Map<string, number>();
      for (const m of due) perEmployer.set(m.employer_id, (perEmployer.get(m.employer_id) ?? 0) + 1);
      for (const [employerId, count] of perEmployer) await record(tx, 'messages', employerId, employerId, 'purged', { count });
      return due.length;
    });
  }

  /** The documents of cases closed before the term: certificates, sick notes, declaration PDFs. */
  async function purgeAccidentFiles(now: Date, scope: Scope): Promise<number> {
    const cutoff = retentionCutoff(now, retention.accident_files);
    const due = (await db.execute<{ id: string; accident_id: string; employer_id: string }>(sql`
      select d.id, d.accident_id, a.employer_id from accident_documents d join accidents a on a.id = d.accident_id
       where a.status = 'closed' and a.closed_at < ${cutoff} and ${inScope(scope, sql`a.employer_id`)} order by a.closed_at limit ${BATCH}`)).rows;
    for (const d of due) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`update accidents set declaration_document_id = null where declaration_document_id = ${d.id}`);
        await tx.execute(sql`delete from accident_documents where id = ${d.id}`);
        await record(tx, 'accident_file', d.id, d.employer_id, 'purged', { accidentId: d.accident_id });
      });
      await rm(files.accidentDocumentPath(d.id), { force: true });
    }
    return due.length;
  }

  /**
   * The controls' personal values past their term: a comparison run's result lines and uploaded
   * files (its counts stay), a comparison period's files waiting for a run, and a bordereau's
   * lines and differences with their resolutions (its counts stay) — except the newest bordereau
   * of each employer and insurer, which the next one is compared with.
   */
  async function purgeControls(now: Date, scope: Scope): Promise<number> {
    const cutoff = retentionCutoff(now, retention.controls);
    const runs = (await db.execute<{ id: string; employer_id: string; a_file_sha256: string | null; b_file_sha256: string }>(sql`
      select id, employer_id, a_file_sha256, b_file_sha256 from comparison_runs
       where results_purged_at is null and status <> 'running' and created_at < ${cutoff} and ${inScope(scope, sql`employer_id`)}
       order by created_at limit ${BATCH}`)).rows;
    for (const run of runs) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`delete from comparison_results where run_id = ${run.id}`);
        await tx.execute(sql`update comparison_runs set results_purged_at = now() where id = ${run.id}`);
        // A review of its results has nothing left to look at.
        await tx.execute(sql`update tasks set status = 'cancelled' where kind = 'review_comparison' and status = 'open' and subject->>'runId' = ${run.id}`);
        await record(tx, 'comparison_run', run.id, run.employer_id, 'purged');
      });
      // Each run's files right after its commit, as the photos': a purge stopped partway leaves none behind.
      for (const sha of [run.a_file_sha256, run.b_file_sha256]) if (sha && !(await uploadInUse(db, sha))) await rm(files.uploadPath(sha), { force: true });
    }
    const waiting = (await db.execute<{ id: string; employer_id: string; file_sha256: string }>(sql`
      select id, employer_id, file_sha256 from comparison_period_files where uploaded_at < ${cutoff} and ${inScope(scope, sql`employer_id`)} order by uploaded_at limit ${BATCH}`)).rows;
    for (const f of waiting) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`delete from comparison_period_files where id = ${f.id}`);
        await record(tx, 'comparison_file', f.id, f.employer_id, 'purged');
      });
      if (!(await uploadInUse(db, f.file_sha256))) await rm(files.uploadPath(f.file_sha256), { force: true });
    }

    const bordereaux = (await db.execute<{ id: string; employer_id: string }>(sql`
      select r.id, r.employer_id from bordereau_runs r
       where r.purged_at is null and r.created_at < ${cutoff} and ${inScope(scope, sql`r.employer_id`)}
         and r.id not in (select distinct on (employer_id, supplier_id) id from bordereau_runs where status = 'current'
                           order by employer_id, supplier_id, period desc, created_at desc)
       order by r.created_at limit ${BATCH}`)).rows;
    for (const b of bordereaux) {
      await db.transaction(async (tx) => {
        // A resolution's fingerprint holds the national id and the amounts of its difference.
        await tx.execute(sql`delete from bordereau_resolutions where run_id = ${b.id}`);
        // The differences go, their count stays.
        await tx.execute(sql`update bordereau_runs set lines = '[]'::jsonb, purged_at = now(),
                               outcome = case when outcome ? 'differences'
                                 then jsonb_set(outcome, '{differences}', '[]'::jsonb) || jsonb_build_object('differenceCount', jsonb_array_length(outcome->'differences'))
                                 else outcome end
                             where id = ${b.id}`);
        await tx.execute(sql`update tasks set status = 'cancelled' where kind = 'review_bordereau' and status = 'open' and subject->>'bordereauRunId' = ${b.id}`);
        await record(tx, 'bordereau_run', b.id, b.employer_id, 'purged');
      });
    }
    return runs.length + bordereaux.length;
  }

  /** Statement batch ZIPs past their term: the file goes, the row stays (who made it, when, for how many). */
  async function purgeStatementBatches(now: Date, scope: Scope): Promise<number> {
    const cutoff = retentionCutoff(now, retention.statements);
    const due = (await db.execute<{ id: string; employer_id: string }>(sql`
      select id, employer_id from statement_batches where file_purged_at is null and status <> 'running' and created_at < ${cutoff} and ${inScope(scope, sql`employer_id`)}
       order by created_at limit ${BATCH}`)).rows;
    for (const b of due) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`update statement_batches set file_purged_at = now() where id = ${b.id}`);
        await record(tx, 'statement_batch', b.id, b.employer_id, 'purged');
      });
      await rm(files.statementBatchPath(b.id), { force: true });
    }
    return due.length;
  }

  /**
   * A person who left longer ago than the term is erased: their data and family members' data
   * emptied, the values of their payroll changes and internal benefit records removed; the row stays (ids elsewhere point at
   * it) with only the employee number. Not while an accident case or an unsent message needs them.
   */
  async function erasePersons(now: Date, scope: Scope): Promise<number> {
    const cutoffDay = retentionCutoffDay(now, retention.persons);
    const due = (await db.execute<{ id: string; employer_id: string }>(sql`
      select p.id, p.employer_id from persons p
       where p.erased_at is null and p.status = 'departed' and ${inScope(scope, sql`p.employer_id`)} and coalesce(p.data->>'exitDate', '') <> '' and p.data->>'exitDate' < ${cutoffDay}
         and not exists (select 1 from accidents a where a.person_id = p.id and a.status <> 'closed')
         and not exists (select 1 from messages m where m.person_id = p.id and m.status in ('incomplete', 'not_sent', 'queued', 'send_failed'))
       limit ${BATCH}`)).rows;
    for (const p of due) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`update persons set data = jsonb_build_object('employeeNumber', employee_number, 'erased', true), erased_at = now(), updated_at = now() where id = ${p.id}`);
        await tx.execute(sql`update family_members set data = jsonb_build_object('erased', true) where person_id = ${p.id}`);
        await tx.execute(sql`update payroll_changes set old_value = null, new_value = null where person_id = ${p.id}`);
        // Internal benefits (a card's number, a phone, a budget): the records and their versions stay, without their values.
        await tx.execute(sql`update benefit_record_history set values = '{}'::jsonb where record_id in (select id from benefit_records where person_id = ${p.id})`);
        await tx.execute(sql`update benefit_records set values = '{}'::jsonb, updated_at = now(), updated_by = 'system:retention' where person_id = ${p.id}`);
        // What HR answered about them (a completed street, a national id): closed tasks keep who and when, not the value.
        await tx.execute(sql`update task_answers set result = '{"erased": true}'::jsonb where task_id in (select id from tasks where subject->>'personId' = ${p.id} and status <> 'open')`);
        await tx.execute(sql`update tasks set result = null where subject->>'personId' = ${p.id} and status <> 'open'`);
        await record(tx, 'person', p.id, p.employer_id, 'erased', { term: `${retention.persons} months after the exit date` });
      });
    }
    return due.length;
  }

  return {
    /** `employerIds` limits a run to some employers (an operator's targeted run, tests); the audit trail is global. */
    async purgeExpired({ now, employerIds }: { now: string; employerIds?: string[] }): Promise<PurgeResult> {
      const at = new Date(now);
      const scope = employerIds ?? null;
      const result: PurgeResult = {
        payrollPhotos: await purgePayrollPhotos(at, scope),
        reports: await purgeReports(at, scope),
        messages: await purgeMessages(at, scope),
        accidentFiles: await purgeAccidentFiles(at, scope),
        persons: await erasePersons(at, scope),
        statementBatches: await purgeStatementBatches(at, scope),
        contributionFiles: await purgeContributionFiles(at, scope),
        controls: await purgeControls(at, scope),
        // The database keeps the audit term itself (audit_retention), and removes with the owner's rights.
        auditEntries: Number((await db.execute<{ n: string }>(sql`select audit_purge_expired() as n`)).rows[0].n),
        tempFiles: await files.sweepTemp(),
      };
      return result;
    },
  };
}
