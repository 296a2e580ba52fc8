/**
 * Messages in the database: creating them with their first assessment, recording every
 * transition with its event, and working out what a data change means for a person's
 * messages. Shared by the API and the activities; Temporal is not touched here.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SupplierChannel} from '../../domain/suppliers/channel';
import { sendsMessages } from '../../domain/suppliers/channel';
import type { MessageKind} from '../../domain/messages/rules';
import { afterSendEffect } from '../../domain/messages/rules';
import type { MessageContext} from '../../domain/messages/assessment';
import { assess } from '../../domain/messages/assessment';
import { dataChangeEffect } from '../../domain/messages/data-change';
import type {
  MessageCause, MessageStatus} from '../../domain/messages/lifecycle';
import { allowedFrom, isAllowedMove,
} from '../../domain/messages/lifecycle';
import { payrollImportActor } from '../../domain/shared/actor';
import type { Db } from '../client';
import { employerSuppliers, employers, enrollments, familyMembers, messageEvents, messages, persons, plans, suppliers } from '../schema';

export type Tx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];
export type MessageRow = typeof messages.$inferSelect;

export interface NewMessage {
  employerId: string;
  supplierId: string;
  personId: string;
  enrollmentId: string | null;
  kind: MessageKind;
  /** The date the fact happened: enrollment start or end, or the change's date. */
  factDate: string;
  changedFields?: string[];
  /** The employer confirms it first (a task of the monthly cycle). */
  needsConfirmation?: boolean;
  /** The payroll import whose changes made it. */
  importId?: string | null;
}

/** "The supplier takes messages" in SQL, as domain/suppliers/channel.ts sendsMessages says it. */
export const supplierSendsMessages = () => sql`${suppliers.channel}->>'transport' = 'http'`;

/** Everything a message is assessed and built from, loaded in one place. */

export async function loadContext(tx: Tx, m: Pick<NewMessage, 'employerId' | 'supplierId' | 'personId' | 'enrollmentId'>): Promise<MessageContext> {
  const [employer] = await tx.select({ id: employers.id, country: employers.country, companyNumber: employers.companyNumber })
    .from(employers).where(eq(employers.id, m.employerId));
  const [supplier] = await tx.select({
    id: suppliers.id, name: suppliers.name, kind: suppliers.kind, channel: suppliers.channel, credentialsEncrypted: suppliers.credentialsEncrypted,
  }).from(suppliers).where(eq(suppliers.id, m.supplierId));
  const [link] = await tx.select({ collectiveNumber: employerSuppliers.collectiveNumber, deliverFrom: employerSuppliers.deliverFrom })
    .from(employerSuppliers).where(and(eq(employerSuppliers.employerId, m.employerId), eq(employerSuppliers.supplierId, m.supplierId)));
  const [person] = await tx.select({ id: persons.id, data: persons.data }).from(persons).where(eq(persons.id, m.personId));
  let enrollment: MessageContext['enrollment'] = null;
  let familyMember: MessageContext['familyMember'] = null;
  if (m.enrollmentId) {
    const [e] = await tx.select({
      id: enrollments.id, planId: enrollments.planId, planName: plans.name, planCode: plans.code,
      startDate: enrollments.startDate, endDate: enrollments.endDate, familyMemberId: enrollments.familyMemberId,
    }).from(enrollments).innerJoin(plans, eq(plans.id, enrollments.planId)).where(eq(enrollments.id, m.enrollmentId));
    enrollment = e ?? null;
    if (e?.familyMemberId) {
      const [f] = await tx.select({ relation: familyMembers.relation, data: familyMembers.data }).from(familyMembers).where(eq(familyMembers.id, e.familyMemberId));
      if (f) familyMember = { relation: f.relation, data: f.data as Record<string, unknown> };
    }
  }
  if (!employer || !supplier || !person) throw new Error('message refers to a missing employer, supplier or person');
  return {
    employer, supplier: { ...supplier, channel: supplier.channel as SupplierChannel }, link: link ?? null,
    person: { id: person.id, data: person.data as Record<string, unknown> }, enrollment, familyMember,
  };
}

export async function recordEvent(tx: Tx, e: { messageId: string; version: number; from: MessageStatus | null; to: MessageStatus; cause: MessageCause; actor: string; detail?: unknown }) {
  await tx.insert(messageEvents).values({
    messageId: e.messageId, version: e.version, fromStatus: e.from, toStatus: e.to, cause: e.cause, actor: e.actor, detail: e.detail ?? null,
  });
}

/**
 * Creates a message in its first status (incomplete or not sent) with the 120-day warning
 * when it applies, or returns null when the supplier is not reached by messages.
 */
export async function createMessage(tx: Tx, spec: NewMessage, actor: string, today: string): Promise<MessageRow | null> {
  const ctx = await loadContext(tx, spec);
  if (!sendsMessages(ctx.supplier.channel)) return null;
  const a = assess(spec.kind, spec.factDate, ctx, today, spec.needsConfirmation);
  const status: MessageStatus = a.missing.length ? 'incomplete' : 'not_sent';
  if (!isAllowedMove(null, 'created', status)) throw new Error(`a message cannot be created ${status}`);
  const [row] = await tx.insert(messages).values({
    employerId: spec.employerId, supplierId: spec.supplierId, personId: spec.personId, enrollmentId: spec.enrollmentId,
    kind: spec.kind, status, factDate: spec.factDate, sendDate: a.sendDate, missingFields: a.missing,
    changedFields: spec.changedFields ?? [], needsConfirmation: spec.needsConfirmation ?? false, warnings: a.tooOld ? [{ code: a.tooOld.code, message: a.tooOld.message, ...(a.tooOld.params ? { params: a.tooOld.params } : {}) }] : [],
    createdBy: actor, importId: spec.importId ?? null,
  }).returning();
  await recordEvent(tx, { messageId: row.id, version: 1, from: null, to: status, cause: 'created', actor, detail: a.missing.length ? { missing: a.missing } : undefined });
  return row;
}

/** Messages for enrollments that started (enrollment) or ended (termination), where the supplier takes messages. */
export async function createEnrollmentMessages(
  tx: Tx, enrollmentIds: string[], kind: 'enrollment' | 'termination', actor: string, today: string,
  needsConfirmation: (supplierId: string) => boolean = () => false, importId: string | null = null,
): Promise<MessageRow[]> {
  if (!enrollmentIds.length) return [];
  const rows = await tx.select({
    id: enrollments.id, personId: enrollments.personId, startDate: enrollments.startDate, endDate: enrollments.endDate,
    supplierId: plans.supplierId, employerId: persons.employerId,
  }).from(enrollments).innerJoin(plans, eq(plans.id, enrollments.planId)).innerJoin(persons, eq(persons.id, enrollments.personId))
    .innerJoin(suppliers, eq(suppliers.id, plans.supplierId))
    // Suppliers without a message channel hear of it in the monthly report only.
    .where(and(inArray(enrollments.id, enrollmentIds), supplierSendsMessages()));
  const created: MessageRow[] = [];
  for (const e of rows) {
    const factDate = kind === 'enrollment' ? e.startDate : e.endDate;
    if (!factDate) continue;
    const m = await createMessage(tx, {
      employerId: e.employerId, supplierId: e.supplierId, personId: e.personId, enrollmentId: e.id, kind, factDate,
      needsConfirmation: needsConfirmation(e.supplierId), importId,
    }, actor, today);
    if (m) created.push(m);
  }
  return created;
}

/** The statuses a move starts from; a move the lifecycle table lacks is a programming error. */
function movableFrom(cause: MessageCause, to: MessageStatus): MessageStatus[] {
  const from = allowedFrom(cause, to);
  if (!from.length) throw new Error(`the message lifecycle has no move ${cause} → ${to}`);
  return from;
}

/**
 * Moves a message to `to` for `cause` if it is still at `version` and in a status the lifecycle
 * table (domain/messages/lifecycle.ts) allows that move from; records the event.
 * Returns the previous status, or null when the message had moved on (a stale actor).
 */
export async function transition(tx: Tx, t: {
  messageId: string; version: number; cause: MessageCause; to: MessageStatus; actor: string;
  set?: Partial<typeof messages.$inferInsert>; detail?: unknown;
}): Promise<MessageStatus | null> {
  const from = movableFrom(t.cause, t.to);
  const [current] = await tx.select({ status: messages.status }).from(messages)
    .where(and(eq(messages.id, t.messageId), eq(messages.version, t.version))).for('update');
  if (!current || !from.includes(current.status)) return null;
  await tx.update(messages).set({ ...t.set, status: t.to, updatedAt: new Date() }).where(eq(messages.id, t.messageId));
  if (current.status !== t.to) {
    await recordEvent(tx, { messageId: t.messageId, version: t.version, from: current.status, to: t.to, cause: t.cause, actor: t.actor, detail: t.detail });
  }
  return current.status;
}

/**
 * Starts version n+1 of a message: back to `not_sent` (the workflow re-assesses it), the
 * "changed since sent" flags cleared, the answer of the old version kept in the events.
 * Null when the message is gone or in a status the lifecycle table does not resend from.
 */
export async function bumpVersion(tx: Tx, messageId: string, cause: MessageCause, actor: string, detail?: unknown): Promise<number | null> {
  const from = movableFrom(cause, 'not_sent');
  const [m] = await tx.select({ status: messages.status, version: messages.version }).from(messages).where(eq(messages.id, messageId)).for('update');
  if (!m || !from.includes(m.status)) return null;
  const version = m.version + 1;
  await tx.update(messages).set({
    version, status: 'not_sent', changedSinceSent: [], failure: null, supplierReference: null, receiptDate: null,
    errorCode: null, errorText: null, sentAt: null, answeredAt: null, updatedAt: new Date(),
  }).where(eq(messages.id, messageId));
  await recordEvent(tx, { messageId, version, from: m.status, to: 'not_sent', cause, actor, detail });
  return version;
}

/** The actor of what a payroll import does to messages, as its events name it (`messages.import_id` says which import made a message). */
export const importActor = (importId: string) => payrollImportActor(importId);

export interface DataChangeEffects {
  /** Unsent messages: their workflows re-assess (the new data goes along). */
  wake: string[];
  /** Sent messages re-sent as a new version: start or signal their workflows. */
  resend: { messageId: string; version: number }[];
}

/**
 * What changed fields of a person (or of an enrollment: startDate, endDate) mean for the
 * person's messages: unsent ones re-assess; sent ones re-send by themselves for national id,
 * birth date, start and end, and are flagged "changed since sent" for the rest.
 */
export async function dataChangeEffects(tx: Tx, filter: { personId: string; enrollmentId?: string; supplierIds?: string[] }, fields: string[], actor: string): Promise<DataChangeEffects> {
  const conds = [eq(messages.personId, filter.personId)];
  if (filter.enrollmentId) conds.push(eq(messages.enrollmentId, filter.enrollmentId));
  if (filter.supplierIds) conds.push(filter.supplierIds.length ? inArray(messages.supplierId, filter.supplierIds) : sql`false`);
  const rows = await tx.select({ id: messages.id, status: messages.status, kind: messages.kind, changedSinceSent: messages.changedSinceSent })
    .from(messages).where(and(...conds));
  const effects: DataChangeEffects = { wake: [], resend: [] };
  const { flag } = afterSendEffect(fields);
  for (const m of rows) {
    const effect = dataChangeEffect(m, fields);
    if (effect.effect === 'recheck') effects.wake.push(m.id);
    else if (effect.effect === 'resend') {
      const version = await bumpVersion(tx, m.id, 'auto_resend', actor, { fields: fields.filter((f) => !flag.includes(f)) });
      if (version) effects.resend.push({ messageId: m.id, version });
    } else if (effect.effect === 'flag') {
      const merged = [...new Set([...m.changedSinceSent, ...effect.fields])];
      await tx.update(messages).set({ changedSinceSent: merged, updatedAt: new Date() }).where(eq(messages.id, m.id));
    }
  }
  return effects;
}
