import { and, desc, eq, inArray, isNotNull, max, ne, sql } from 'drizzle-orm';
import { periodBounds } from '../../domain/shared/calendar';
import { type ReportFormat, type ReportLine, communicatedValues, defaultReportFormat, formatCarriesNationalIds, reportFormatSchema } from '../../domain/reports/format';
import type { SupplierKind } from '../../domain/suppliers/supplier-kind';
import type { Db } from '../../db/client';
import { appendCycleEvents } from '../../db/queries/cycles';
import {
  cycles, employerSuppliers, employers, enrollments, familyMembers, messages, payrollChanges, persons, plans, reportDeliveries, reportLines as reportLineRows, reports, supplierReportSettings, suppliers, tasks,
} from '../../db/schema';
import { ApplicationFailure } from '@temporalio/common';
import { activityAttempt } from '../shared/activity-context';
import type { DeliveryCredentials } from '../../infra/delivery';
import { deliverRecorded } from '../shared/deliver-recorded';
import type { FileStore } from '../../infra/file-store';
import { type OutboundPolicy, STRICT_OUTBOUND } from '../../infra/outbound';
import type { SecretBox } from '../../infra/secret-box';
import { renderReport } from './render-report';

export interface CycleReportDeps {
  db: Db;
  files: FileStore;
  secrets: SecretBox;
  mail?: { smtpUrl?: string; from: string };
  outbound?: OutboundPolicy;
  /** Encrypts to a supplier's public key and signs with Mutaflow's key (absent: reports stay plain). */
  encryptReport?: (bytes: Uint8Array, recipientPublicKey: string, fileName: string) => Promise<Uint8Array>;
}

type Row = Record<string, string | null>;


/** The confirmation kinds a report line may wait for, by the task that asks it. */
const CONFIRM_TASK_KINDS = ['confirm_enrollment', 'confirm_termination', 'confirm_change'] as const;

/**
 * The month's communicated changes for one supplier: enrollments starting and ending in the
 * period, and the import's changes that concern the supplier — without what the employer
 * declined or did not confirm:
 * - an enrollment's start (or end) is left out when the latest enrollment (or termination)
 *   message for it was cancelled; a later message for it that was not cancelled brings it back;
 * - a change is left out when the import's change message for that person and field was cancelled;
 * - for suppliers that hear only through this report, a line whose confirmation task of the
 *   import was declined (the reason stays on the task) or is still open.
 * A change's effective date is the one HR gave where the payroll does not say, else the period's first day.
 */
export async function reportLines(db: Db, employerId: string, supplierId: string, importId: string, period: string, collectiveNumber: string | null): Promise<ReportLine[]> {
  const { from, to } = periodBounds(period);
  const lines: ReportLine[] = [];
  const enrolled = await db.select({
    id: enrollments.id, startDate: enrollments.startDate, endDate: enrollments.endDate, data: persons.data,
    personId: enrollments.personId, familyMemberId: enrollments.familyMemberId, planName: plans.name, planCode: plans.code, relation: familyMembers.relation, member: familyMembers.data,
  }).from(enrollments)
    .innerJoin(plans, eq(plans.id, enrollments.planId))
    .innerJoin(persons, eq(persons.id, enrollments.personId))
    .leftJoin(familyMembers, eq(familyMembers.id, enrollments.familyMemberId))
    .where(and(eq(plans.supplierId, supplierId), eq(persons.employerId, employerId),
      sql`(${enrollments.startDate} between ${from} and ${to} or ${enrollments.endDate} between ${from} and ${to})`));
  const latest = await db.selectDistinctOn([messages.enrollmentId, messages.kind], { enrollmentId: messages.enrollmentId, kind: messages.kind, status: messages.status })
    .from(messages)
    .where(and(eq(messages.supplierId, supplierId), eq(messages.employerId, employerId), isNotNull(messages.enrollmentId), inArray(messages.kind, ['enrollment', 'termination'])))
    .orderBy(messages.enrollmentId, messages.kind, desc(messages.createdAt), desc(messages.id));
  const left = new Set(latest.filter((m) => m.status === 'cancelled').map((m) => `${m.kind}:${m.enrollmentId}`));
  const cancelledChanges = await db.select({ personId: messages.personId, fields: messages.changedFields }).from(messages)
    .where(and(eq(messages.importId, importId), eq(messages.supplierId, supplierId), eq(messages.kind, 'change'), eq(messages.status, 'cancelled')));
  for (const m of cancelledChanges) for (const f of m.fields) left.add(`change:${m.personId}:${f}`);
  const waiting = await db.select({ kind: tasks.kind, subject: tasks.subject }).from(tasks)
    .where(and(eq(tasks.importId, importId), eq(tasks.employerId, employerId), inArray(tasks.kind, [...CONFIRM_TASK_KINDS]), inArray(tasks.status, ['open', 'declined']),
      sql`${tasks.subject}->>'supplierId' = ${supplierId}`, sql`${tasks.subject}->>'report' = 'true'`));
  const leftChanges = new Set<number>();
  for (const t of waiting) {
    const subject = t.subject as { enrollmentId?: string; changeIds?: number[] };
    if (t.kind === 'confirm_change') subject.changeIds?.forEach((id) => leftChanges.add(id));
    else left.add(`${t.kind === 'confirm_enrollment' ? 'enrollment' : 'termination'}:${subject.enrollmentId}`);
  }
  for (const e of enrolled) {
    const base = {
      insured: (e.relation ?? 'employee') as ReportLine['insured'], person: e.data as Row, ...(e.member ? { member: e.member as Row } : {}),
      plan: { code: e.planCode, name: e.planName }, startDate: e.startDate, endDate: e.endDate, collectiveNumber,
      personId: e.personId, familyMemberId: e.familyMemberId,
    };
    if (e.startDate >= from && e.startDate <= to && !left.has(`enrollment:${e.id}`)) lines.push({ kind: 'enrollment', effectiveDate: e.startDate, ...base });
    if (e.endDate && e.endDate >= from && e.endDate <= to && !left.has(`termination:${e.id}`)) lines.push({ kind: 'termination', effectiveDate: e.endDate, ...base });
  }
  const changes = await db.select({
    id: payrollChanges.id, personId: payrollChanges.personId, kind: payrollChanges.kind, field: payrollChanges.field,
    oldValue: payrollChanges.oldValue, newValue: payrollChanges.newValue, effectiveDate: payrollChanges.effectiveDate, data: persons.data,
  })
    .from(payrollChanges).innerJoin(persons, eq(persons.id, payrollChanges.personId))
    .where(and(eq(payrollChanges.importId, importId), ne(payrollChanges.kind, 'missing'), sql`${supplierId}::uuid = any(${payrollChanges.supplierIds})`))
    .orderBy(payrollChanges.id);
  for (const c of changes) {
    if (c.kind === 'change' && (leftChanges.has(c.id) || left.has(`change:${c.personId}:${c.field}`))) continue;
    lines.push({
      kind: c.kind as ReportLine['kind'], effectiveDate: c.kind === 'change' ? (c.effectiveDate ?? from) : c.newValue, insured: 'employee', person: c.data as Row,
      field: c.field, oldValue: c.oldValue, newValue: c.newValue, collectiveNumber, personId: c.personId,
    });
  }
  return lines;
}

/** Monthly reports per supplier: rendered, encrypted where asked, stored as sent, delivered. */
export function createCycleReportActivities({ db, files, secrets, mail, encryptReport, outbound = STRICT_OUTBOUND }: CycleReportDeps) {
  /**
   * One report per supplier linked to the employer, in the supplier's format (its kind's
   * default otherwise). Idempotent per cycle: a retry finds the reports it made.
   */
  async function renderCycleReports({ cycleId, importId }: { cycleId: string; importId: string }): Promise<{ reportIds: string[]; failedSupplierIds: string[] }> {
    const [cycle] = await db.select().from(cycles).where(eq(cycles.id, cycleId));
    const [employer] = await db.select({ name: employers.name }).from(employers).where(eq(employers.id, cycle.employerId));
    const linked = await db.select({
      supplierId: suppliers.id, name: suppliers.name, kind: suppliers.kind, collectiveNumber: employerSuppliers.collectiveNumber,
      format: supplierReportSettings.format, pgpPublicKey: supplierReportSettings.pgpPublicKey,
    }).from(employerSuppliers)
      .innerJoin(suppliers, eq(suppliers.id, employerSuppliers.supplierId))
      .leftJoin(supplierReportSettings, eq(supplierReportSettings.supplierId, suppliers.id))
      .where(eq(employerSuppliers.employerId, cycle.employerId));
    const ids: string[] = [];
    const failed: { supplierId: string; reason: string }[] = [];
    for (const s of linked) {
      const [done] = await db.select({ id: reports.id }).from(reports).where(and(eq(reports.cycleId, cycleId), eq(reports.supplierId, s.supplierId)));
      if (done) {
        ids.push(done.id);
        continue;
      }
      try {
        ids.push(await renderOne(cycle, importId, employer.name, s));
      } catch (err) {
        // One supplier's settings that cannot work (its stored format, its key, no signing key)
        // must not hold back the others' reports: recorded on the cycle for the process owner.
        // Anything else (the database, the disk) fails the activity, which is retried.
        const reason = settingsFailure(err);
        if (!reason) throw err;
        failed.push({ supplierId: s.supplierId, reason });
      }
    }
    const at = new Date().toISOString();
    await appendCycleEvents(db, cycleId, failed.map((f) => ({ kind: 'report_render_failed', at, supplierId: f.supplierId, reason: f.reason })));
    return { reportIds: ids, failedSupplierIds: failed.map((f) => f.supplierId) };
  }

  /** Renders, encrypts when asked, and stores one supplier's report of the cycle; returns its id. */
  async function renderOne(
    cycle: typeof cycles.$inferSelect, importId: string, employerName: string,
    s: { supplierId: string; name: string; kind: string; collectiveNumber: string | null; format: unknown; pgpPublicKey: string | null },
  ): Promise<string> {
    let format: ReportFormat;
    try {
      format = s.format ? reportFormatSchema.parse(s.format) : defaultReportFormat(s.kind as SupplierKind);
    } catch {
      throw ApplicationFailure.create({ type: 'InvalidReportFormat', nonRetryable: true, message: 'the supplier\'s stored report format is not valid' });
    }
    const lines = await reportLines(db, cycle.employerId, s.supplierId, importId, cycle.period, s.collectiveNumber);
    const [{ last }] = await db.select({ last: max(reports.version) }).from(reports)
      .where(and(eq(reports.employerId, cycle.employerId), eq(reports.supplierId, s.supplierId), eq(reports.period, cycle.period)));
    const version = (last ?? 0) + 1;
    const rendered = await renderReport(format, lines, { supplierName: s.name, employerName, period: cycle.period, version });
    let bytes: Uint8Array = rendered.bytes;
    let fileName = rendered.fileName;
    let contentType = rendered.contentType;
    const encrypted = Boolean(s.pgpPublicKey);
    if (s.pgpPublicKey) {
      if (!encryptReport) throw ApplicationFailure.create({ type: 'NoSigningKey', nonRetryable: true, message: 'the supplier wants encrypted reports, but no signing key is configured' });
      try {
        bytes = await encryptReport(bytes, s.pgpPublicKey, fileName);
      } catch {
        throw ApplicationFailure.create({ type: 'EncryptionFailed', nonRetryable: true, message: 'the report could not be encrypted to the supplier\'s public key and signed' });
      }
      fileName = `${fileName}.asc`;
      contentType = 'application/pgp-encrypted';
    }
    const stored = await files.saveReport(bytes);
    return db.transaction(async (tx) => {
      const [row] = await tx.insert(reports).values({
        cycleId: cycle.id, employerId: cycle.employerId, supplierId: s.supplierId, period: cycle.period, version, fileName, contentType,
        sha256: stored.sha256, size: stored.size, lineCount: rendered.lineCount, encrypted,
      }).returning({ id: reports.id });
      // What each line told the supplier, kept sealed: the bordereau is reconciled with it.
      const kept = lines.filter((l) => l.personId).map((l) => {
        const values = communicatedValues(format, l);
        return {
          reportId: row.id, employerId: cycle.employerId, supplierId: s.supplierId, period: cycle.period, personId: l.personId!,
          familyMemberId: l.familyMemberId ?? null, kind: l.kind, field: l.field ?? null, fields: Object.keys(values.person),
          effectiveDate: l.effectiveDate && /^\d{4}-\d{2}-\d{2}$/.test(l.effectiveDate) ? l.effectiveDate : null,
          valuesSealed: secrets.seal(values),
        };
      });
      for (let i = 0; i < kept.length; i += 1000) await tx.insert(reportLineRows).values(kept.slice(i, i + 1000));
      return row.id;
    });
  }

  /**
   * Delivers a stored report over the supplier's transport. Once per report: a delivery on
   * record is answered from the record, without the transport (a retry after success delivers
   * nothing twice). Transient failures throw for Temporal to retry; a refusal is recorded.
   */
  async function deliverCycleReport({ reportId }: { reportId: string }): Promise<{ delivered: boolean }> {
    const [r] = await db.select().from(reports).where(eq(reports.id, reportId));
    const [settings] = await db.select().from(supplierReportSettings).where(eq(supplierReportSettings.supplierId, r.supplierId));
    const target = (settings?.delivery ?? { transport: 'download' }) as { transport: string };
    const [done] = await db.select().from(reportDeliveries).where(and(eq(reportDeliveries.reportId, reportId), eq(reportDeliveries.transport, target.transport)));
    if (done?.status === 'delivered') return { delivered: true };
    const credentials = settings?.deliveryCredentialsEncrypted ? secrets.open<DeliveryCredentials>(settings.deliveryCredentialsEncrypted) : null;
    const attempt = activityAttempt();
    const record = async (status: 'delivered' | 'failed', receipt: unknown) => {
      await db.insert(reportDeliveries).values({ reportId, transport: target.transport, status, receipt, attempts: attempt, deliveredAt: status === 'delivered' ? new Date() : null })
        .onConflictDoUpdate({ target: [reportDeliveries.reportId, reportDeliveries.transport], set: { status, receipt, attempts: attempt, deliveredAt: status === 'delivered' ? new Date() : null } });
      await db.update(reports).set({ status }).where(eq(reports.id, reportId));
    };
    if (!r.encrypted && target.transport !== 'download' && !outbound.insecureLocalTesting && carriesNationalIds(settings?.format)) {
      // National ids leave Mutaflow only encrypted to the supplier's key, whatever the transport.
      await record('failed', { code: 'pgp-required', message: 'the report can carry national ids: set the supplier\'s PGP public key (pgpPublicKey) before it is delivered' });
      return { delivered: false };
    }
    return deliverRecorded(target, credentials, {
        name: r.fileName, bytes: await readReportBytes(files, r.sha256), contentType: r.contentType, idempotencyKey: `${r.id}:${r.version}`,
    }, { smtpUrl: mail?.smtpUrl, mailFrom: mail?.from ?? 'mutaflow@localhost', outbound }, record);
  }

  return { renderCycleReports, deliverCycleReport };
}

/** Whether the stored format (or, unset or invalid, the default for any kind: assume yes) can carry national ids. */
function carriesNationalIds(format: unknown): boolean {
  const parsed = reportFormatSchema.safeParse(format);
  return parsed.success ? formatCarriesNationalIds(parsed.data) : true;
}

/** The failure type of a supplier's settings that cannot work, or undefined for any other error. */
function settingsFailure(err: unknown): string | undefined {
  return err instanceof ApplicationFailure && err.nonRetryable && err.type ? err.type : undefined;
}

async function readReportBytes(files: FileStore, sha256: string): Promise<Buffer> {
  return files.readReport(sha256);
}

