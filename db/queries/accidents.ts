/**
 * Reading an accident case as the plan needs it (facts), and the writes several callers share
 * (the case's events and its tasks). Used by the case activities and the API alike.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DeclarationRule } from '../../domain/accidents/deadlines';
import { DEFAULT_RULES } from '../../domain/accidents/deadlines';
import type { CaseFacts, CasePlan, OpenCaseTask} from '../../domain/accidents/plan';
import { obsoleteTasks, planCase } from '../../domain/accidents/plan';
import { SYSTEM_ACTOR } from '../../domain/shared/actor';
import type { Db } from '../client';
import { accidentDeclarationRules, accidentDocuments, accidentEvents, accidentPayments, accidentSettings, accidents, tasks } from '../schema';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Conn = Db | Tx;

export type AccidentRow = typeof accidents.$inferSelect;

/** The insurer's own term, else the country's configured one, else the built-in default. */
async function declarationRule(db: Conn, country: 'BE' | 'NL', supplierId: string | null): Promise<DeclarationRule> {
  const rows = await db.select().from(accidentDeclarationRules).where(and(
    eq(accidentDeclarationRules.country, country),
    supplierId ? sql`(${accidentDeclarationRules.supplierId} = ${supplierId} or ${accidentDeclarationRules.supplierId} is null)` : isNull(accidentDeclarationRules.supplierId),
  ));
  const row = rows.find((r) => r.supplierId) ?? rows[0];
  const base = DEFAULT_RULES[country];
  return row ? { ...base, days: row.days, reminderDays: row.reminderDays, reminderHour: row.reminderHour } : base;
}

export async function accidentSettingsFor(db: Conn, employerId: string) {
  const [row] = await db.select().from(accidentSettings).where(eq(accidentSettings.employerId, employerId));
  return { notifyEmails: row?.notifyEmails ?? [], sickNoteRemindDays: row?.sickNoteRemindDays ?? 3, paymentDueDay: row?.paymentDueDay ?? 15 };
}

export async function caseFacts(db: Conn, accident: AccidentRow): Promise<CaseFacts> {
  // One after the other: inside a transaction the queries share one connection.
  const rule = await declarationRule(db, accident.country, accident.supplierId);
  const settings = await accidentSettingsFor(db, accident.employerId);
  const events = await db.select({ detail: accidentEvents.detail }).from(accidentEvents)
    .where(and(eq(accidentEvents.accidentId, accident.id), eq(accidentEvents.applied, true), sql`${accidentEvents.detail} ? 'step'`));
  const notes = await db.select({ id: accidentDocuments.id, validUntil: accidentDocuments.validUntil }).from(accidentDocuments)
    .where(and(eq(accidentDocuments.accidentId, accident.id), eq(accidentDocuments.kind, 'sick_note')));
  const payments = await db.select({ period: accidentPayments.period }).from(accidentPayments).where(eq(accidentPayments.accidentId, accident.id));
  const open = await db.select({ n: sql<number>`count(*)::int` }).from(tasks).where(and(eq(tasks.accidentId, accident.id), eq(tasks.status, 'open')));
  return {
    status: accident.status,
    occurredAt: accident.occurredAt.getTime(),
    learnedAt: accident.learnedAt?.getTime() ?? null,
    rule,
    incapacityFrom: accident.incapacityFrom,
    workResumedOn: accident.workResumedOn,
    fatal: accident.fatal,
    done: events.map((e) => String((e.detail as { step: string }).step)),
    sickNotes: notes.filter((n) => n.validUntil).map((n) => ({ documentId: n.id, validUntil: n.validUntil! })),
    sickNoteRemindDays: settings.sickNoteRemindDays,
    paidPeriods: payments.map((p) => p.period),
    paymentDueDay: settings.paymentDueDay,
    openTasks: open[0].n,
  };
}

export async function loadAccident(db: Conn, accidentId: string, opts: { lock?: boolean } = {}): Promise<AccidentRow | undefined> {
  const q = db.select().from(accidents).where(eq(accidents.id, accidentId));
  const [row] = await (opts.lock ? q.for('update') : q);
  return row;
}

export async function casePlan(db: Conn, accident: AccidentRow): Promise<CasePlan> {
  return planCase(await caseFacts(db, accident));
}

export async function recordAccidentEvent(db: Conn, accidentId: string, kind: string, by: string, detail: Record<string, unknown> = {}): Promise<string> {
  const [row] = await db.insert(accidentEvents).values({ accidentId, kind, by, detail }).returning({ id: accidentEvents.id });
  return row.id;
}

/**
 * The case as it stands, made consistent: open tasks nothing waits for any more are closed
 * (domain/accidents/plan.ts obsoleteTasks), then what is due when. The facts are read once.
 */
export async function reconcileCase(db: Conn, accident: AccidentRow, by = SYSTEM_ACTOR): Promise<{ facts: CaseFacts; plan: CasePlan }> {
  const facts = await caseFacts(db, accident);
  if (facts.openTasks) {
    const open = await db.select({ id: tasks.id, kind: tasks.kind, subject: tasks.subject }).from(tasks)
      .where(and(eq(tasks.accidentId, accident.id), eq(tasks.status, 'open')));
    const ids = obsoleteTasks(facts, open as OpenCaseTask[]);
    if (ids.length) {
      await db.update(tasks).set({ status: 'completed', completedBy: by, completedAt: new Date(), result: { settledBy: 'case' } })
        .where(and(inArray(tasks.id, ids), eq(tasks.status, 'open')));
      facts.openTasks -= ids.length;
    }
  }
  return { facts, plan: planCase(facts) };
}
