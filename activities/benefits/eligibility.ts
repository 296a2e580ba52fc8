/**
 * The eligibility review of an employer's internal benefits: every person's eligibility for every
 * active benefit type on a date, against what the last review stored. Who newly qualifies and
 * who no longer does, with the reason, becomes a change line and one `review_eligibility` task per
 * type for HR; every month the period's changes are e-mailed to the employer's configured address.
 * Runs in the monthly cycle and after each payroll import. Ids and counts in and out; the reasons
 * name fields, never values.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  benefitEligibility, benefitEligibilityChanges, benefitSettings, benefitTypes, cycles, employers, payrollImports, persons, tasks,
} from '../../db/schema';
import { type EligibilityState, eligibilityChange } from '../../domain/eligibility/changes';
import { type Filter, compileExplainer, personReader } from '../../domain/eligibility/filter';
import { CYCLE_DEFAULTS } from '../../domain/cycle/settings';
import { addDays, dayStartMs, periodBounds, utcDate } from '../../domain/shared/calendar';
import { deliverEmail } from '../../infra/delivery/email';
import type { ActivityDeps } from '../deps';

type TypeRow = typeof benefitTypes.$inferSelect;

/** Only people in service on the date qualify (hired by then, not left before); a type's filter adds its own conditions. */
function inServiceRule(on: string): Filter {
  return {
    and: [
      { field: 'status', equals: 'active' },
      // A hire date still to come keeps a person out; none known does not.
      { or: [{ field: 'hireDate', exists: false }, { field: 'hireDate', range: { max: on } }] },
    ],
  };
}

export interface PersonInput { id: string; data: Record<string, unknown>; missing: boolean }
export interface ReviewedChange { typeId: string; personId: string; change: 'newly_eligible' | 'no_longer_eligible'; reasons: string[] }
/** Last review's states: per type, per person. */
export type StoredStates = Map<string, Map<string, EligibilityState>>;

const sameFailing = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The review itself, without I/O: each person × type on `on`, the states to store (only those that
 * differ from the stored ones) and the changes. Kept apart so the benchmark measures exactly this.
 * Being in service is checked once per person; each type's own rule once per person and type.
 */
export function evaluateEligibility(types: Pick<TypeRow, 'id' | 'eligibility' | 'eligibilityVersion'>[], people: PersonInput[], stored: StoredStates, on: string):
  { states: { typeId: string; personId: string; state: EligibilityState }[]; changes: ReviewedChange[] } {
  const inService = compileExplainer(inServiceRule(on));
  const compiled = types.map((t) => ({ t, explain: compileExplainer(t.eligibility), before: stored.get(t.id), reviewedBefore: (stored.get(t.id)?.size ?? 0) > 0 }));
  const states: { typeId: string; personId: string; state: EligibilityState }[] = [];
  const changes: ReviewedChange[] = [];
  for (const p of people) {
    const read = personReader(p.data, on, p.missing);
    const out = inService(read);
    for (const c of compiled) {
      const own = c.explain(read);
      const failing = out.length === 0 ? own : own.length === 0 ? out : [...new Set([...out, ...own])].sort();
      const now: EligibilityState = { eligible: failing.length === 0, failing, ruleVersion: c.t.eligibilityVersion };
      const before = c.before?.get(p.id);
      const change = eligibilityChange(before, now, c.reviewedBefore);
      if (change) changes.push({ typeId: c.t.id, personId: p.id, ...change });
      if (!before || before.eligible !== now.eligible || before.ruleVersion !== now.ruleVersion || !sameFailing(before.failing, now.failing)) {
        states.push({ typeId: c.t.id, personId: p.id, state: now });
      }
    }
  }
  return { states, changes };
}

const CHUNK = 2_000;

/**
 * Reviews one employer on the last day of a period: stores the states and the changes, and opens
 * (or tops up) a task per type with changes — in one transaction, so a retry finds nothing new.
 */
export async function reviewEligibility(db: Db, input: { employerId: string; period: string; source: 'cycle' | 'import' | 'on_demand'; importId?: string | null; now: number }):
  Promise<{ changes: number; taskIds: string[] }> {
  const on = periodBounds(input.period).to;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`benefit-eligibility:${input.employerId}`}))`);
    const types = await tx.select().from(benefitTypes).where(and(eq(benefitTypes.employerId, input.employerId), eq(benefitTypes.active, true))).orderBy(asc(benefitTypes.createdAt));
    if (!types.length) return { changes: 0, taskIds: [] };
    const people = (await tx.select({ id: persons.id, data: persons.data, status: persons.status }).from(persons)
      .where(and(eq(persons.employerId, input.employerId), isNull(persons.erasedAt))))
      .map((p) => ({ id: p.id, data: p.data as Record<string, unknown>, missing: p.status === 'missing' }));
    const stored: StoredStates = new Map(types.map((t) => [t.id, new Map()]));
    const rows = await tx.select().from(benefitEligibility).where(inArray(benefitEligibility.typeId, types.map((t) => t.id)));
    for (const r of rows) stored.get(r.typeId)!.set(r.personId, { eligible: r.eligible, failing: r.failing, ruleVersion: r.ruleVersion });
    const { states, changes } = evaluateEligibility(types, people, stored, on);
    for (let i = 0; i < states.length; i += CHUNK) {
      await tx.insert(benefitEligibility).values(states.slice(i, i + CHUNK).map((s) => ({ typeId: s.typeId, personId: s.personId, ...s.state })))
        .onConflictDoUpdate({
          target: [benefitEligibility.typeId, benefitEligibility.personId],
          set: { eligible: sql`excluded.eligible`, failing: sql`excluded.failing`, ruleVersion: sql`excluded.rule_version`, updatedAt: sql`now()` },
        });
    }
    const taskIds: string[] = [];
    for (const t of types) {
      const mine = changes.filter((c) => c.typeId === t.id);
      if (!mine.length) continue;
      const taskId = await openTask(tx as unknown as Db, input.employerId, t.id, input.period, mine, input.now);
      taskIds.push(taskId);
      for (let i = 0; i < mine.length; i += CHUNK) {
        await tx.insert(benefitEligibilityChanges).values(mine.slice(i, i + CHUNK).map((c) => ({
          employerId: input.employerId, typeId: t.id, personId: c.personId, period: input.period, onDate: on,
          change: c.change, reasons: c.reasons as never, source: input.source, importId: input.importId ?? null, taskId,
        })));
      }
    }
    return { changes: changes.length, taskIds };
  });
}

/** The type's open review task of the period, its counts raised; or a new one. */
async function openTask(tx: Db, employerId: string, typeId: string, period: string, mine: ReviewedChange[], now: number): Promise<string> {
  const newly = mine.filter((c) => c.change === 'newly_eligible').length;
  const lost = mine.length - newly;
  const [open] = await tx.select({ id: tasks.id, subject: tasks.subject }).from(tasks)
    .where(and(eq(tasks.employerId, employerId), eq(tasks.kind, 'review_eligibility'), eq(tasks.status, 'open'),
      sql`${tasks.subject}->>'benefitTypeId' = ${typeId}`, sql`${tasks.subject}->>'period' = ${period}`)).limit(1);
  if (open) {
    const s = open.subject as { newlyEligible: number; noLongerEligible: number };
    await tx.update(tasks).set({ subject: { ...s, newlyEligible: s.newlyEligible + newly, noLongerEligible: s.noLongerEligible + lost } }).where(eq(tasks.id, open.id));
    return open.id;
  }
  const due = dayStartMs(addDays(utcDate(now), CYCLE_DEFAULTS.taskDueDays));
  const [row] = await tx.insert(tasks).values({
    employerId, kind: 'review_eligibility', subject: { benefitTypeId: typeId, period, newlyEligible: newly, noLongerEligible: lost },
    dueAt: new Date(due),
  }).returning({ id: tasks.id });
  return row.id;
}

const csvCell = (v: string) => (/[;"\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The period's changes as the CSV the monthly e-mail carries: employee number, benefit, change, reasons, date. */
async function eligibilityReportCsv(db: Db, employerId: string, period: string): Promise<{ csv: string; count: number }> {
  const rows = await db.select({
    employeeNumber: persons.employeeNumber, typeName: benefitTypes.name, change: benefitEligibilityChanges.change,
    reasons: benefitEligibilityChanges.reasons, onDate: benefitEligibilityChanges.onDate, source: benefitEligibilityChanges.source,
  }).from(benefitEligibilityChanges)
    .innerJoin(persons, eq(persons.id, benefitEligibilityChanges.personId))
    .innerJoin(benefitTypes, eq(benefitTypes.id, benefitEligibilityChanges.typeId))
    .where(and(eq(benefitEligibilityChanges.employerId, employerId), eq(benefitEligibilityChanges.period, period)))
    .orderBy(asc(benefitTypes.name), asc(persons.employeeNumber), asc(benefitEligibilityChanges.createdAt));
  const lines = [['employeeNumber', 'benefit', 'change', 'reasons', 'date', 'source'].join(';'),
    ...rows.map((r) => [r.employeeNumber, r.typeName, r.change, r.reasons.join(','), r.onDate, r.source].map(csvCell).join(';'))];
  return { csv: `${lines.join('\r\n')}\r\n`, count: rows.length };
}

export function createBenefitActivities({ db, mail, outbound }: Pick<ActivityDeps, 'db' | 'mail' | 'outbound'>) {
  return {
    /** After a payroll import: the review on the import's period. */
    async reviewImportEligibility({ importId, now }: { importId: string; now: number }): Promise<{ changes: number; taskIds: string[] }> {
      const [imp] = await db.select({ employerId: payrollImports.employerId, period: payrollImports.period, status: payrollImports.status })
        .from(payrollImports).where(eq(payrollImports.id, importId));
      if (!imp || imp.status !== 'completed') return { changes: 0, taskIds: [] };
      return reviewEligibility(db, { employerId: imp.employerId, period: imp.period, source: 'import', importId, now });
    },

    /** In the monthly cycle: the review on the cycle's period. */
    async reviewCycleEligibility({ cycleId, now }: { cycleId: string; now: number }): Promise<{ changes: number; taskIds: string[] }> {
      const [c] = await db.select({ employerId: cycles.employerId, period: cycles.period }).from(cycles).where(eq(cycles.id, cycleId));
      return reviewEligibility(db, { employerId: c.employerId, period: c.period, source: 'cycle', now });
    },

    /**
     * The month's overview of eligibility changes, e-mailed to the employer's configured address
     * (one e-mail per employer and period: its idempotency key makes a retry the same message).
     */
    async sendEligibilityReport({ cycleId }: { cycleId: string }): Promise<{ sent: boolean; changes: number; outcome: string }> {
      const [c] = await db.select({ employerId: cycles.employerId, period: cycles.period }).from(cycles).where(eq(cycles.id, cycleId));
      const [settings] = await db.select().from(benefitSettings).where(eq(benefitSettings.employerId, c.employerId));
      const { csv, count } = await eligibilityReportCsv(db, c.employerId, c.period);
      if (!settings?.reportEmail) return { sent: false, changes: count, outcome: 'no address' };
      if (!mail?.smtpUrl) return { sent: false, changes: count, outcome: 'no SMTP server' };
      const [employer] = await db.select({ name: employers.name }).from(employers).where(eq(employers.id, c.employerId));
      await deliverEmail(
        { transport: 'email', to: [settings.reportEmail], subject: `Mutaflow: eligibility changes ${c.period} — ${employer?.name ?? ''} ({fileName})` },
        { name: `benefit-eligibility-${c.period}.csv`, bytes: new TextEncoder().encode(csv), contentType: 'text/csv', idempotencyKey: `benefit-eligibility:${c.employerId}:${c.period}` },
        { smtpUrl: mail.smtpUrl, mailFrom: mail.from, outbound },
      );
      await db.update(benefitEligibilityChanges).set({ reportedAt: new Date() })
        .where(and(eq(benefitEligibilityChanges.employerId, c.employerId), eq(benefitEligibilityChanges.period, c.period), isNull(benefitEligibilityChanges.reportedAt)));
      return { sent: true, changes: count, outcome: 'sent' };
    },
  };
}
