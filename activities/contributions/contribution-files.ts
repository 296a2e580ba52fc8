/**
 * Contribution files (domain/contributions): loads an employer's people, coverage, salary history
 * and what earlier files deducted; computes the period's lines; renders the payroll upload file
 * in the employer's layout; stores it sealed (file store) and versioned; delivers it over the
 * report transports (infra/delivery). A period's file is produced once: producing it again
 * gives the same file when nothing changed, and otherwise a new version that names its
 * differences from the one before — never a silent second file.
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { ApplicationFailure } from '@temporalio/common';
import { and, asc, desc, eq, inArray, isNull, min, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { appendCycleEvents } from '../../db/queries/cycles';
import {
  contributionFiles, contributionLines, contributionSettings, cycles, enrollments, familyMembers, payrollChanges, payrollImports, persons, plans,
} from '../../db/schema';
import {
  type ContributionFinding, type ContributionLine, type ContributionPerson, type ContributionPlan, type ContributionReason, type DatedValue, type Deducted,
  computeContributions, decimalToCents, versionDifferences,
} from '../../domain/contributions/contributions';
import { type ContributionLayout, contributionFileName, contributionLayoutSchema, contributionRows } from '../../domain/contributions/layout';
import { premiumFormulaSchema } from '../../domain/contributions/premium-formula';
import { addPeriods } from '../../domain/shared/calendar';
import type { DeliveryCredentials } from '../../infra/delivery';
import { deliverRecorded } from '../shared/deliver-recorded';
import type { FileStore } from '../../infra/file-store';
import { type OutboundPolicy, STRICT_OUTBOUND } from '../../infra/outbound';
import type { SecretBox } from '../../infra/secret-box';
import { REPORT_CONTENT_TYPES } from '../reports/render-report';
import { activityAttempt } from '../shared/activity-context';

export interface ContributionDeps {
  db: Db;
  files: FileStore;
  secrets: SecretBox;
  mail?: { smtpUrl?: string; from: string };
  outbound?: OutboundPolicy;
}

/** The oldest date a value can apply from: before any change we know of. */
const ALWAYS = '0001-01-01';

export interface ProducedFile {
  /** Null: the employer has no contribution settings. */
  fileId: string | null;
  version: number;
  /** False: the period's latest file already says exactly this (nothing new was stored). */
  created: boolean;
  lineCount: number;
  findingCount: number;
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const decimal = (v: unknown) => {
  const t = text(v);
  return t === null || !Number.isFinite(Number(t)) ? null : Number(t);
};

/** The dated values of a canonical field: from its payroll changes (effective date, else the import's period), and today's value. */
function history<T>(current: T | null, changes: { date: string; oldValue: string | null; newValue: string | null }[], parse: (t: string | null) => T | null): DatedValue<T | null>[] {
  if (!changes.length) return [{ from: ALWAYS, value: current }];
  const out: DatedValue<T | null>[] = [{ from: ALWAYS, value: parse(changes[0].oldValue) }];
  for (const c of changes) out.push({ from: c.date, value: parse(c.newValue) });
  out[out.length - 1].value = current;
  return out;
}

/** Everything the computation needs, for one employer and period. */
async function loadRun(db: Db, employerId: string, period: string, layout: ContributionLayout, settings: { firstPeriod: string | null; retroMonths: number }) {
  const planIds = Object.keys(layout.payCodes);
  const planRows = planIds.length ? await db.select({ id: plans.id, formula: plans.premiumFormula }).from(plans).where(inArray(plans.id, planIds)) : [];
  const contributionPlans: ContributionPlan[] = [];
  for (const p of planRows) {
    const parsed = p.formula ? premiumFormulaSchema.safeParse(p.formula) : null;
    if (parsed?.success) contributionPlans.push({ planId: p.id, payCode: layout.payCodes[p.id], formula: parsed.data });
  }
  const [first] = await db.select({ first: min(contributionFiles.period) }).from(contributionFiles).where(eq(contributionFiles.employerId, employerId));
  const firstPeriod = settings.firstPeriod ?? first?.first ?? period;
  const windowStart = [addPeriods(period, -settings.retroMonths), firstPeriod].sort()[1];

  // Erased persons (retention) left years before the correction window and no longer carry their exit date.
  const people = await db.select({ id: persons.id, employeeNumber: persons.employeeNumber, data: persons.data }).from(persons)
    .where(and(eq(persons.employerId, employerId), isNull(persons.erasedAt)));
  const byId = new Map<string, ContributionPerson>();
  for (const p of people) {
    const d = p.data as Record<string, unknown>;
    byId.set(p.id, {
      personId: p.id, employeeNumber: p.employeeNumber, birthDate: text(d.birthDate), exitDate: text(d.exitDate),
      salaryCents: [{ from: ALWAYS, value: decimalToCents(text(d.grossMonthlySalary)) }],
      workSchedulePercent: [{ from: ALWAYS, value: decimal(d.workSchedulePercent) }],
      coverage: [],
    });
  }
  const usable = contributionPlans.map((p) => p.planId);
  if (usable.length) {
    const covered = await db.select({
      personId: enrollments.personId, planId: enrollments.planId, startDate: enrollments.startDate, endDate: enrollments.endDate, relation: familyMembers.relation,
    }).from(enrollments).innerJoin(persons, eq(persons.id, enrollments.personId)).leftJoin(familyMembers, eq(familyMembers.id, enrollments.familyMemberId))
      .where(and(eq(persons.employerId, employerId), inArray(enrollments.planId, usable)));
    for (const c of covered) byId.get(c.personId)?.coverage.push({ planId: c.planId, relation: c.relation ?? null, startDate: c.startDate, endDate: c.endDate });
  }
  const changeDate = sql<string>`coalesce(${payrollChanges.effectiveDate}::text, ${payrollImports.period} || '-01')`;
  const changes = await db.select({
    personId: payrollChanges.personId, field: payrollChanges.field, oldValue: payrollChanges.oldValue, newValue: payrollChanges.newValue,
    date: changeDate,
  }).from(payrollChanges).innerJoin(payrollImports, eq(payrollImports.id, payrollChanges.importId))
    .where(and(eq(payrollChanges.employerId, employerId), eq(payrollChanges.kind, 'change'), inArray(payrollChanges.field, ['grossMonthlySalary', 'workSchedulePercent'])))
    .orderBy(changeDate, asc(payrollChanges.id));
  const grouped = new Map<string, { salary: typeof changes; work: typeof changes }>();
  for (const c of changes) {
    const g = grouped.get(c.personId) ?? grouped.set(c.personId, { salary: [], work: [] }).get(c.personId)!;
    (c.field === 'grossMonthlySalary' ? g.salary : g.work).push(c);
  }
  for (const [personId, g] of grouped) {
    const p = byId.get(personId);
    if (!p) continue;
    p.salaryCents = history(p.salaryCents[0].value, g.salary, (t) => decimalToCents(t));
    p.workSchedulePercent = history(p.workSchedulePercent[0].value, g.work, (t) => decimal(t));
  }

  // What earlier periods' files deducted: the latest version of each period's file counts.
  const ledgerRows = await db.execute<{ person_id: string; plan_id: string; month: string; employee: string; employer: string; salary: number | null }>(sql`
    select l.person_id, l.plan_id, l.month, sum(l.employee_cents) as employee, sum(l.employer_cents) as employer,
           (array_agg(l.salary_cents order by f.period desc, l.id desc))[1] as salary
      from contribution_lines l join contribution_files f on f.id = l.file_id
     where f.employer_id = ${employerId} and f.period < ${period} and l.month >= ${windowStart}
       and f.version = (select max(f2.version) from contribution_files f2 where f2.employer_id = f.employer_id and f2.period = f.period)
     group by l.person_id, l.plan_id, l.month`);
  const deducted: Deducted[] = ledgerRows.rows.map((r) => ({
    personId: r.person_id, planId: r.plan_id, month: r.month, employeeCents: Number(r.employee), employerCents: Number(r.employer), salaryCents: r.salary === null ? null : Number(r.salary),
  }));
  return { period, firstPeriod, retroMonths: settings.retroMonths, plans: contributionPlans, persons: [...byId.values()], deducted };
}

async function renderFile(layout: ContributionLayout, lines: readonly ContributionLine[], period: string, version: number): Promise<Buffer> {
  const table = contributionRows(layout, lines, { period, version });
  if (layout.fileType === 'csv') {
    const records = [table.header, ...table.rows.map((r) => r.map(String))];
    return Buffer.from(Papa.unparse(records, { delimiter: layout.csvDelimiter, newline: '\r\n', quotes: false, escapeFormulae: false }) + '\r\n', 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Mutaflow';
  const ws = workbook.addWorksheet('Contributions');
  ws.columns = layout.columns.map((c) => ({ width: Math.max(12, c.header.length + 2), ...(c.value === 'amount' || c.value === 'employerAmount' ? { style: { numFmt: '0.00' } } : {}) }));
  ws.addRow(table.header).font = { bold: true };
  for (const row of table.rows) ws.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const findingKeys = (list: readonly ContributionFinding[]) => list.map((f) => `${f.personId}|${f.planId}|${f.field}|${f.months.join(',')}`).sort().join(';');

type SettingsRow = typeof contributionSettings.$inferSelect;

function parseLayout(stored: unknown): ContributionLayout {
  const parsed = contributionLayoutSchema.safeParse(stored);
  if (!parsed.success) throw ApplicationFailure.create({ type: 'InvalidContributionLayout', nonRetryable: true, message: 'the employer\'s stored contribution layout is not valid' });
  return parsed.data;
}

/**
 * Computes and stores the period's file (see the module comment). One producer at a time per
 * employer and period (an advisory lock), so two requests never make two versions of one content.
 */
export async function produceContributionFile(db: Db, files: FileStore, input: { employerId: string; period: string; cycleId?: string | null; actor: string }): Promise<ProducedFile> {
  const { employerId, period } = input;
  const [settings] = await db.select().from(contributionSettings).where(eq(contributionSettings.employerId, employerId));
  if (!settings) return { fileId: null, version: 0, created: false, lineCount: 0, findingCount: 0 };
  const layout = parseLayout(settings.layout);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`contributions:${employerId}:${period}`}))`);
    const run = await loadRun(tx as unknown as Db, employerId, period, layout, settings);
    const { lines, findings } = computeContributions(run);
    const [latest] = await tx.select().from(contributionFiles)
      .where(and(eq(contributionFiles.employerId, employerId), eq(contributionFiles.period, period))).orderBy(desc(contributionFiles.version)).limit(1);
    let differences = null;
    if (latest) {
      const previous = await linesOf(tx as unknown as Db, latest.id);
      differences = versionDifferences(previous, lines);
      // jsonb keeps its own key order: compare findings by their content.
      const sameFindings = findingKeys(latest.findings as ContributionFinding[]) === findingKeys(findings);
      if (!differences.length && sameFindings) return { fileId: latest.id, version: latest.version, created: false, lineCount: latest.lineCount, findingCount: findings.length };
    }
    const version = (latest?.version ?? 0) + 1;
    const bytes = await renderFile(layout, lines, period, version);
    const stored = await files.saveReport(bytes);
    const [row] = await tx.insert(contributionFiles).values({
      employerId, period, version, cycleId: input.cycleId ?? null, replacesId: latest?.id ?? null,
      fileName: contributionFileName(layout, period, version), contentType: REPORT_CONTENT_TYPES[layout.fileType],
      sha256: stored.sha256, size: stored.size, lineCount: lines.length, employeeTotalCents: lines.reduce((s, l) => s + l.employeeCents, 0),
      findings: findings satisfies ContributionFinding[], differences, createdBy: input.actor,
    }).returning({ id: contributionFiles.id });
    for (let i = 0; i < lines.length; i += 2000) {
      await tx.insert(contributionLines).values(lines.slice(i, i + 2000).map((l) => ({
        fileId: row.id, personId: l.personId, planId: l.planId, employeeNumber: l.employeeNumber, payCode: l.payCode, month: l.month,
        employeeCents: l.employeeCents, employerCents: l.employerCents, salaryCents: l.salaryCents, reason: l.reason, coveredDays: l.coveredDays, daysInMonth: l.daysInMonth,
      })));
    }
    return { fileId: row.id, version, created: true, lineCount: lines.length, findingCount: findings.length };
  });
}

/** A stored file's lines, in file order. */
async function linesOf(db: Db, fileId: string): Promise<ContributionLine[]> {
  const rows = await db.select().from(contributionLines).where(eq(contributionLines.fileId, fileId)).orderBy(asc(contributionLines.id));
  return rows.map((r) => ({ ...r, reason: r.reason as ContributionReason }));
}

/**
 * Delivers a stored file over the employer's contribution delivery. Once per file: a delivered
 * file is answered from its row. Transient failures throw for Temporal to retry; a refusal is recorded.
 */
async function deliverContributionFileOnce(deps: ContributionDeps, fileId: string, attempt = 1): Promise<{ delivered: boolean }> {
  const { db, files, secrets, mail, outbound = STRICT_OUTBOUND } = deps;
  const [f] = await db.select().from(contributionFiles).where(eq(contributionFiles.id, fileId));
  if (f.status === 'delivered') return { delivered: true };
  const [settings]: (SettingsRow | undefined)[] = await db.select().from(contributionSettings).where(eq(contributionSettings.employerId, f.employerId));
  const target = (settings?.delivery ?? { transport: 'download' }) as { transport: string };
  const credentials = settings?.deliveryCredentialsEncrypted ? secrets.open<DeliveryCredentials>(settings.deliveryCredentialsEncrypted) : null;
  const record = (status: 'delivered' | 'failed', receipt: unknown) => db.update(contributionFiles)
    .set({ status, transport: target.transport, deliveryReceipt: { ...(receipt as object), attempts: attempt }, deliveredAt: status === 'delivered' ? new Date() : null })
    .where(eq(contributionFiles.id, fileId));
  return deliverRecorded(target, credentials, {
      name: f.fileName, bytes: await files.readReport(f.sha256), contentType: f.contentType, idempotencyKey: `${f.id}:${f.version}`,
  }, { smtpUrl: mail?.smtpUrl, mailFrom: mail?.from ?? 'mutaflow@localhost', outbound }, record);
}

/** The cycle's step: the period's file, then its delivery (workflows/monthly-cycle.ts, patch 'contributions-file'). */
export function createContributionActivities(deps: ContributionDeps) {
  return {
    async produceCycleContributionFile({ cycleId }: { cycleId: string }): Promise<ProducedFile> {
      const [cycle] = await deps.db.select({ employerId: cycles.employerId, period: cycles.period }).from(cycles).where(eq(cycles.id, cycleId));
      try {
        return await produceContributionFile(deps.db, deps.files, { employerId: cycle.employerId, period: cycle.period, cycleId, actor: 'system:cycle' });
      } catch (err) {
        // Settings that cannot work must not fail the whole cycle: recorded for the process owner, like a report that cannot be made.
        if (!(err instanceof ApplicationFailure && err.nonRetryable)) throw err;
        await appendCycleEvents(deps.db, cycleId, [{ kind: 'contribution_file_failed', at: new Date().toISOString(), reason: err.type ?? 'unknown' }]);
        return { fileId: null, version: 0, created: false, lineCount: 0, findingCount: 0 };
      }
    },
    async deliverContributionFile({ fileId }: { fileId: string }): Promise<{ delivered: boolean }> {
      return deliverContributionFileOnce(deps, fileId, activityAttempt());
    },
  };
}
