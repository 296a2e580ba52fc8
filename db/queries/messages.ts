/**
 * Messages in the database: creating them with their first assessment, recording every
 * transition with its event, and working out what a data change means for a person's
 * messages. Shared by the API and the activities; Temporal is not touched here.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { SupplierChannel } from '../../domain/suppliers/channel';
import {
  Finding, MessageKind, MessageStatus, afterSendEffect, countsAsSent, isUnsent, missingFields, requiredFields, sendDateFor, startTooOld,
} from '../../domain/messages/rules';
import { SupplierKind } from '../../domain/suppliers/relevance';
import { payrollImportActor } from '../../domain/shared/actor';
import { Db } from '../client';
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
}

/** Everything a message is assessed and built from, loaded in one place. */
export interface MessageContext {
  employer: { id: string; country: 'NL' | 'BE'; companyNumber: string | null };
  supplier: { id: string; name: string; kind: SupplierKind; channel: SupplierChannel; credentialsEncrypted: string | null };
  link: { collectiveNumber: string; deliverFrom: string } | null;
  person: { id: string; data: Record<string, unknown> };
  enrollment: { id: string; planId: string; planName: string; planCode: string | null; startDate: string; endDate: string | null; familyMemberId: string | null } | null;
  familyMember: { relation: 'partner' | 'child'; data: Record<string, unknown> } | null;
}

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

export interface Assessment {
  sendDate: string;
  missing: string[];
  /** The 120-day rule, judged for the day it would actually leave. */
  tooOld: Finding | null;
}

/**
 * Where a message stands on `today`: what it lacks, when it may leave and whether the
 * insurer would refuse its start date then. The insured's own data counts for a partner or child.
 */
export function assess(kind: MessageKind, factDate: string, ctx: MessageContext, today: string, needsConfirmation = false): Assessment {
  const sendDate = sendDateFor(factDate, ctx.link?.deliverFrom ?? factDate);
  const leaves = sendDate > today ? sendDate : today;
  const insured = ctx.familyMember ? ctx.familyMember.data : ctx.person.data;
  const missing = missingFields(insured, requiredFields(kind, ctx.supplier.kind));
  if (!ctx.employer.companyNumber) missing.push('employer.companyNumber');
  if (!ctx.link) missing.push('employerSupplier.collectiveNumber');
  if (kind === 'termination' && !ctx.enrollment?.endDate) missing.push('enrollment.endDate');
  if (needsConfirmation) missing.push('confirmation');
  return { sendDate, missing, tooOld: startTooOld(kind, ctx.enrollment?.startDate ?? null, leaves) };
}

export async function recordEvent(tx: Tx, e: { messageId: string; version: number; from: MessageStatus | null; to: MessageStatus; cause: string; actor: string; detail?: unknown }) {
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
  if (ctx.supplier.channel.transport === 'none') return null;
  const a = assess(spec.kind, spec.factDate, ctx, today, spec.needsConfirmation);
  const status: MessageStatus = a.missing.length ? 'incomplete' : 'not_sent';
  const [row] = await tx.insert(messages).values({
    employerId: spec.employerId, supplierId: spec.supplierId, personId: spec.personId, enrollmentId: spec.enrollmentId,
    kind: spec.kind, status, factDate: spec.factDate, sendDate: a.sendDate, missingFields: a.missing,
    changedFields: spec.changedFields ?? [], needsConfirmation: spec.needsConfirmation ?? false, warnings: a.tooOld ? [{ code: a.tooOld.code, message: a.tooOld.message }] : [],
    createdBy: actor,
  }).returning();
  await recordEvent(tx, { messageId: row.id, version: 1, from: null, to: status, cause: 'created', actor, detail: a.missing.length ? { missing: a.missing } : undefined });
  return row;
}

/** Messages for enrollments that started (enrollment) or ended (termination), where the supplier takes messages. */
export async function createEnrollmentMessages(
  tx: Tx, enrollmentIds: string[], kind: 'enrollment' | 'termination', actor: string, today: string,
  needsConfirmation: (supplierId: string) => boolean = () => false,
): Promise<MessageRow[]> {
  if (!enrollmentIds.length) return [];
  const rows = await tx.select({
    id: enrollments.id, personId: enrollments.personId, startDate: enrollments.startDate, endDate: enrollments.endDate,
    supplierId: plans.supplierId, employerId: persons.employerId,
  }).from(enrollments).innerJoin(plans, eq(plans.id, enrollments.planId)).innerJoin(persons, eq(persons.id, enrollments.personId))
    .innerJoin(suppliers, eq(suppliers.id, plans.supplierId))
    // Suppliers without a message channel hear of it in the monthly report only.
    .where(and(inArray(enrollments.id, enrollmentIds), sql`${suppliers.channel}->>'transport' <> 'none'`));
  const created: MessageRow[] = [];
  for (const e of rows) {
    const factDate = kind === 'enrollment' ? e.startDate : e.endDate;
    if (!factDate) continue;
    const m = await createMessage(tx, {
      employerId: e.employerId, supplierId: e.supplierId, personId: e.personId, enrollmentId: e.id, kind, factDate,
      needsConfirmation: needsConfirmation(e.supplierId),
    }, actor, today);
    if (m) created.push(m);
  }
  return created;
}

/**
 * Moves a message to `to` if it is still at `version` and in one of `from`; records the event.
 * Returns the previous status, or null when the message had moved on (a stale actor).
 */
export async function transition(tx: Tx, t: {
  messageId: string; version: number; from: readonly MessageStatus[]; to: MessageStatus; cause: string; actor: string;
  set?: Partial<typeof messages.$inferInsert>; detail?: unknown;
}): Promise<MessageStatus | null> {
  const [current] = await tx.select({ status: messages.status }).from(messages)
    .where(and(eq(messages.id, t.messageId), eq(messages.version, t.version))).for('update');
  if (!current || !t.from.includes(current.status)) return null;
  await tx.update(messages).set({ ...t.set, status: t.to, updatedAt: new Date() }).where(eq(messages.id, t.messageId));
  if (current.status !== t.to) {
    await recordEvent(tx, { messageId: t.messageId, version: t.version, from: current.status, to: t.to, cause: t.cause, actor: t.actor, detail: t.detail });
  }
  return current.status;
}

/**
 * Starts version n+1 of a message: back to `not_sent` (the workflow re-assesses it), the
 * "changed since sent" flags cleared, the answer of the old version kept in the events.
 */
export async function bumpVersion(tx: Tx, messageId: string, cause: string, actor: string, detail?: unknown): Promise<number | null> {
  const [m] = await tx.select({ status: messages.status, version: messages.version }).from(messages).where(eq(messages.id, messageId)).for('update');
  if (!m) return null;
  const version = m.version + 1;
  await tx.update(messages).set({
    version, status: 'not_sent', changedSinceSent: [], failure: null, supplierReference: null, receiptDate: null,
    errorCode: null, errorText: null, sentAt: null, answeredAt: null, updatedAt: new Date(),
  }).where(eq(messages.id, messageId));
  await recordEvent(tx, { messageId, version, from: m.status, to: 'not_sent', cause, actor, detail });
  return version;
}

/** Who creates a payroll import's messages: their `created` events name it. */
export const importActor = (importId: string) => payrollImportActor(importId);

/** The import's messages not sent yet: what must have a running workflow. */
export async function unsentImportMessages(tx: Tx, importId: string): Promise<{ messageId: string; version: number }[]> {
  const rows = await tx.execute<{ id: string; version: number }>(sql`
    select m.id, m.version from messages m
    where m.status in ('incomplete', 'not_sent')
      and exists (select 1 from message_events e where e.message_id = m.id and e.cause = 'created' and e.actor = ${importActor(importId)})`);
  return rows.rows.map((r) => ({ messageId: r.id, version: r.version }));
}

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
  const { resend, flag } = afterSendEffect(fields);
  for (const m of rows) {
    if (isUnsent(m.status)) effects.wake.push(m.id);
    else if (countsAsSent(m.status) && m.kind !== 'change') {
      if (resend) {
        const version = await bumpVersion(tx, m.id, 'auto_resend', actor, { fields: fields.filter((f) => !flag.includes(f)) });
        if (version) effects.resend.push({ messageId: m.id, version });
      } else if (flag.length) {
        const merged = [...new Set([...m.changedSinceSent, ...flag])];
        await tx.update(messages).set({ changedSinceSent: merged, updatedAt: new Date() }).where(eq(messages.id, m.id));
      }
    }
  }
  return effects;
}
