/**
 * Reading an accident case as the plan needs it (facts), and the writes several callers share
 * (the case's events and its tasks). Used by the case activities and the API alike.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { DEFAULT_RULES, DeclarationRule } from '../../domain/accident-deadlines';
import { CaseFacts, CasePlan, planCase } from '../../domain/accident-plan';
import { Db } from '../client';
import { accidentDeclarationRules, accidentDocuments, accidentEvents, accidentPayments, accidentSettings, accidents, tasks } from '../schema';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Conn = Db | Tx;

export type AccidentRow = typeof accidents.$inferSelect;

/** The insurer's own term, else the country's configured one, else the built-in default. */
export async function declarationRule(db: Conn, country: 'BE' | 'NL', supplierId: string | null): Promise<DeclarationRule> {
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
 * Closes the case's open tasks that nothing waits for any more: a sick note extended by a later
 * one or ended by the return to work; a payment check whose payment arrived; the declaration
 * once declared. Returns how many it closed.
 */
export async function closeObsoleteTasks(db: Conn, accident: AccidentRow, by: string): Promise<number> {
  const open = await db.select().from(tasks).where(and(eq(tasks.accidentId, accident.id), eq(tasks.status, 'open')));
  if (!open.length) return 0;
  const facts = await caseFacts(db, accident);
  const latestNote = facts.sickNotes.reduce((m, n) => (n.validUntil > m ? n.validUntil : m), '');
  const paid = new Set(facts.paidPeriods);
  const obsolete = open.filter((t) => {
    const subject = t.subject as { documentId?: string; period?: string };
    if (t.kind === 'declare_accident') return accident.status !== 'open';
    if (t.kind === 'accident_sick_note_ending') {
      const note = facts.sickNotes.find((n) => n.documentId === subject.documentId);
      return Boolean(accident.workResumedOn) || !note || note.validUntil < latestNote;
    }
    if (t.kind === 'accident_payment_check') return paid.has(subject.period ?? '');
    return false;
  });
  if (!obsolete.length) return 0;
  await db.update(tasks).set({ status: 'completed', completedBy: by, completedAt: new Date(), result: { settledBy: 'case' } })
    .where(and(inArray(tasks.id, obsolete.map((t) => t.id)), eq(tasks.status, 'open')));
  return obsolete.length;
}
