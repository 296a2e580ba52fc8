/**
 * Messages in the database: creating them with their first assessment, recording every
 * transition with its event, and working out what a data change means for a person's
 * messages. Shared by the API and the activities; Temporal is not touched here.
 */
import { type SQL, type SQLWrapper, and, eq, inArray, sql } from 'drizzle-orm';
import type { PgSelect } from 'drizzle-orm/pg-core';
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
import type { FindingState } from '../../domain/audit/hold';
import type { Db } from '../client';
import { slot } from './list-by-shape';
import { runNamed } from './named-statement';
import { employerSuppliers, employers, enrollments, familyMembers, messageBodies, messageEvents, messages, persons, plans, suppliers } from '../schema';

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

const MISSING_CONTEXT = 'message refers to a missing employer, supplier or person';

/**
 * Everything a message is assessed and built from, and its person's open audit findings (the send
 * gate, domain/audit/hold.ts). Read in one statement, named, so PostgreSQL parses it once per
 * connection and soon keeps one generic plan — planning this eight-table join took ~3 ms, several
 * times what running it takes (docs/benchmarks.md, messages).
 */
const contextColumns = {
  employerId: employers.id, country: employers.country, companyNumber: employers.companyNumber,
  supplierId: suppliers.id, supplierName: suppliers.name, supplierKind: suppliers.kind, channel: suppliers.channel, credentialsEncrypted: suppliers.credentialsEncrypted,
  collectiveNumber: employerSuppliers.collectiveNumber, deliverFrom: employerSuppliers.deliverFrom,
  personId: persons.id, personData: persons.data,
  enrollmentId: enrollments.id, planId: plans.id, planName: plans.name, planCode: plans.code,
  startDate: enrollments.startDate, endDate: enrollments.endDate, familyMemberId: enrollments.familyMemberId,
  relation: familyMembers.relation, familyMemberData: familyMembers.data,
  openFindings: sql<FindingState[]>`coalesce((select json_agg(json_build_object('severity', f.severity, 'status', f.status)) from audit_findings f where f.person_id = ${persons.id} and f.status = 'open'), '[]'::json)`,
};

/** A message row's version: PostgreSQL's `xmin`, the transaction that wrote it (any update gives a new one). */
export const messageRowVersion = sql<string>`${messages}.xmin::text`;

/** Where a message's context comes from: its ids, as columns of the message or as placeholders. */
interface ContextIds { employerId: SQLWrapper; supplierId: SQLWrapper; personId: SQLWrapper; enrollmentId: SQLWrapper }

/** The joins from a message's ids to its context, for both statements below. */
function joinContext<Q extends PgSelect>(query: Q, ids: ContextIds) {
  return query
    .innerJoin(suppliers, eq(suppliers.id, ids.supplierId))
    .innerJoin(persons, eq(persons.id, ids.personId))
    .leftJoin(employerSuppliers, and(eq(employerSuppliers.employerId, ids.employerId), eq(employerSuppliers.supplierId, suppliers.id)))
    // A message without an enrollment gives null here: `id = null` matches nothing.
    .leftJoin(enrollments, eq(enrollments.id, ids.enrollmentId))
    .leftJoin(plans, eq(plans.id, enrollments.planId))
    .leftJoin(familyMembers, eq(familyMembers.id, enrollments.familyMemberId));
}

/** The context of the message ids given: no row when the employer, supplier or person is missing. */
const contextStatement = (tx: Tx) => joinContext(tx.select(contextColumns).from(employers).$dynamic(), {
  employerId: employers.id, supplierId: sql.placeholder('supplierId'), personId: sql.placeholder('personId'), enrollmentId: sql.placeholder('enrollmentId'),
}).where(eq(employers.id, sql.placeholder('employerId'))).prepare('message_context');

/**
 * A stored message with its context: one statement, no lock. A transition given the row's
 * version moves the message only if nothing changed the row since (see `transition`).
 */
const buildMessageStatement = (db: Db) => joinContext(
  db.select({ message: messages, rowVersion: messageRowVersion, ...contextColumns }).from(messages)
    .innerJoin(employers, eq(employers.id, messages.employerId)).$dynamic(),
  messages,
).where(eq(messages.id, sql.placeholder('messageId'))).prepare('message_with_context');
/** Built once per database handle: building it on every call cost more than running it. */
const messageStatements = new WeakMap<Db, ReturnType<typeof buildMessageStatement>>();

type ContextRow = Awaited<ReturnType<ReturnType<typeof contextStatement>['execute']>>[number];
type Ids = Pick<NewMessage, 'employerId' | 'supplierId' | 'personId' | 'enrollmentId'>;

function toContext(row: ContextRow): { context: MessageContext; openFindings: FindingState[] } {
  const enrollment: MessageContext['enrollment'] = row.enrollmentId && row.planId
    ? { id: row.enrollmentId, planId: row.planId, planName: row.planName!, planCode: row.planCode, startDate: row.startDate!, endDate: row.endDate, familyMemberId: row.familyMemberId }
    : null;
  return {
    context: {
      employer: { id: row.employerId, country: row.country, companyNumber: row.companyNumber },
      supplier: { id: row.supplierId, name: row.supplierName, kind: row.supplierKind, channel: row.channel as SupplierChannel, credentialsEncrypted: row.credentialsEncrypted },
      link: row.collectiveNumber !== null ? { collectiveNumber: row.collectiveNumber, deliverFrom: row.deliverFrom! } : null,
      person: { id: row.personId, data: row.personData as Record<string, unknown> },
      enrollment,
      familyMember: enrollment && row.relation ? { relation: row.relation, data: row.familyMemberData as Record<string, unknown> } : null,
    },
    openFindings: row.openFindings,
  };
}

export async function loadContext(tx: Tx, m: Ids): Promise<MessageContext> {
  const [row] = await contextStatement(tx).execute({ employerId: m.employerId, supplierId: m.supplierId, personId: m.personId, enrollmentId: m.enrollmentId ?? null });
  if (!row) throw new Error(MISSING_CONTEXT);
  return toContext(row).context;
}

export interface MessageWithContext {
  message: MessageRow;
  /** The row's version as read: a transition given it is refused if the row changed since. */
  rowVersion: string;
  /** Its context, as loadContext gives it. */
  context: MessageContext;
  /** The open audit findings of its person, for the send gate (domain/audit/hold.ts). */
  openFindings: FindingState[];
}

/**
 * A message and everything its lifecycle step decides on, in one statement and without a lock:
 * the step's transition is given `rowVersion`, so a change committed meanwhile (a new fact date
 * with the enrollment's new start, a cancellation) refuses it and the step reads again. One
 * statement sees one snapshot, so the message and its context always agree. Undefined when there
 * is no such message.
 */
export async function readWithContext(db: Db, messageId: string): Promise<MessageWithContext | undefined> {
  let statement = messageStatements.get(db);
  if (!statement) messageStatements.set(db, statement = buildMessageStatement(db));
  const [row] = await statement.execute({ messageId });
  if (!row) return undefined;
  const { message, rowVersion, ...context } = row;
  return { message, rowVersion, ...toContext(context) };
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
  const rows = [];
  // Each id is a bind parameter, and a statement takes at most 65,535: an import ending or starting more would never get through.
  for (let i = 0; i < enrollmentIds.length; i += 1000) {
    rows.push(...await tx.select({
      id: enrollments.id, personId: enrollments.personId, startDate: enrollments.startDate, endDate: enrollments.endDate,
      supplierId: plans.supplierId, employerId: persons.employerId,
    }).from(enrollments).innerJoin(plans, eq(plans.id, enrollments.planId)).innerJoin(persons, eq(persons.id, enrollments.personId))
      .innerJoin(suppliers, eq(suppliers.id, plans.supplierId))
      // Suppliers without a message channel hear of it in the monthly report only.
      .where(and(inArray(enrollments.id, enrollmentIds.slice(i, i + 1000)), supplierSendsMessages())));
  }
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

export interface Transition {
  messageId: string; version: number; cause: MessageCause; to: MessageStatus; actor: string;
  set?: Partial<typeof messages.$inferInsert>; detail?: unknown;
  /** The row's version read before (readWithContext): the move is refused if anything changed the row since. */
  rowVersion?: string;
}

/** What a step writes with its move, in the same statement (see transitionQuery). */
interface AlsoWrites {
  /** Names the writes' shape: the statement is built once per shape. */
  shape: string;
  /** Common table expressions after the move's; each may use `moved` (empty when nothing moved). Values as slots. */
  ctes: () => SQL;
  /** Columns added to the answer. */
  columns?: () => SQL;
  values: Record<string, unknown>;
}

/**
 * A transition as one statement: the row locked and read as it stands, moved when the lifecycle
 * table allows it from there, and the event recorded unless the status stays the same. Built once
 * per shape (cause, target, the columns set, the row-version check, what else it writes) and run
 * named (db/queries/named-statement.ts): every value is a slot.
 */
async function transitionQuery<Row>(tx: Tx, t: Transition, also?: AlsoWrites): Promise<Row[]> {
  const set = Object.entries(t.set ?? {}).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b));
  const checksRow = t.rowVersion !== undefined;
  // A null is written into the statement: a column's encoder would turn it into JSON's null, not SQL's.
  const shape = ['transition', t.cause, t.to, set.map(([k, v]) => (v === null ? `${k}=null` : k)).join(','), checksRow ? 'row' : '', also?.shape ?? ''].join('|');
  const own: Record<string, unknown> = {
    ...Object.fromEntries(set.map(([k, v]) => [`set_${k}`, v])),
    messageId: t.messageId, version: t.version, actor: t.actor, now: new Date(),
    detail: t.detail === undefined ? null : JSON.stringify(t.detail), ...(checksRow ? { rowVersion: t.rowVersion } : {}),
  };
  // `also` may use the move's slots (messageId, version, now) but not give them other values.
  const clash = Object.keys(also?.values ?? {}).find((k) => k in own && own[k] !== also!.values[k]);
  if (clash) throw new Error(`transition: the slot ${clash} of ${also!.shape} has a value of its own`);
  const values = { ...also?.values, ...own };
  return runNamed<Row>(tx, shape, () => {
    // Placeholders where drizzle types values: at run time they go through each column's encoder (jsonb, timestamps).
    const slots = { ...Object.fromEntries(set.map(([k, v]) => [k, v === null ? sql`null` : slot(`set_${k}`)])), updatedAt: slot('now') } as unknown as Partial<typeof messages.$inferInsert>;
    const move = tx.update(messages).set({ ...slots, status: t.to })
      .where(and(eq(messages.id, slot('messageId')), inArray(messages.status, movableFrom(t.cause, t.to)), sql`exists (select 1 from locked_row)`))
      .returning({ fromStatus: sql<MessageStatus>`(select status from locked_row)`.as('from_status') });
    return sql`
      with locked_row as (
        select ${messages.status} as status from ${messages} where ${messages.id} = ${slot('messageId')} and ${messages.version} = ${slot('version')}
          ${checksRow ? sql`and ${messages}.xmin = ${slot('rowVersion')}::xid` : sql``} for update
      ), moved as (${move.getSQL()}), event as (
        insert into ${messageEvents} (message_id, version, from_status, to_status, cause, actor, detail)
        select ${slot('messageId')}::uuid, ${slot('version')}::int, from_status, ${t.to}::text, ${t.cause}::text, ${slot('actor')}::text, ${slot('detail')}::jsonb
        from moved where from_status <> ${t.to}::text
      )${also ? sql`, ${also.ctes()}` : sql``}
      select from_status${also?.columns ? sql`, ${also.columns()}` : sql``} from moved`;
  }, values);
}

/**
 * Moves a message to `to` for `cause` if it is still at `version` (and `rowVersion`, when given)
 * and in a status the lifecycle table (domain/messages/lifecycle.ts) allows that move from;
 * records the event. One statement: a message moves three times on its happy path. `also`: what
 * else the statement writes, moved or not (each write may test `moved`).
 * Returns the previous status, or null when the message had moved on (a stale actor).
 */
export async function transition(tx: Tx, t: Transition & { also?: AlsoWrites }): Promise<MessageStatus | null> {
  const [row] = await transitionQuery<{ from_status: MessageStatus }>(tx, t, t.also);
  return row?.from_status ?? null;
}

/**
 * The move to `queued` with the body of this version kept in the same statement (the proof of
 * what was sent; kept only if the message moved). A body already kept for this version stays:
 * its SHA-256 comes back, and a different one means the kept text is what must be sent.
 * Null when the message had moved on or changed since `rowVersion`.
 */
export async function queueWithBody(db: Db, t: Omit<Transition, 'to' | 'cause'>, body: { sha256: string; size: number; sealed: string }): Promise<{ keptSha256: string } | null> {
  const [row] = await transitionQuery<{ kept_sha256: string }>(db, { ...t, to: 'queued', cause: 'handed_to_transport' }, {
    shape: 'body',
    ctes: () => sql`body as (
      insert into ${messageBodies} (message_id, version, sha256, size, body_sealed)
      select ${slot('messageId')}::uuid, ${slot('version')}::int, ${slot('sha256')}::text, ${slot('size')}::int, ${slot('sealed')}::text where exists (select 1 from moved)
      on conflict (message_id, version) do update set size = ${messageBodies}.size returning sha256
    )`,
    columns: () => sql`(select sha256 from body) as kept_sha256`,
    values: { sha256: body.sha256, size: body.size, sealed: body.sealed },
  });
  return row ? { keptSha256: row.kept_sha256 } : null;
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

/**
 * The person's row locked before any of their messages: every transaction that writes a person's
 * messages because their data or enrollments changed takes it first (dataChangeEffects,
 * applyEnrollmentChange; the persons route updates the row first anyway), so two of them wait in
 * turn instead of each holding some of the messages the other needs (a deadlock: an import's
 * message stage goes supplier by supplier while HR corrects the same person). A delivery does not
 * take it: it locks one message, in one statement.
 */
export async function lockPersonForMessages(tx: Tx, personId: string): Promise<void> {
  await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, personId)).for('update');
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
  await lockPersonForMessages(tx, filter.personId);
  // Locked, so each message is judged as it stands once a delivery under way has handed it over
  // or not (a message queued meanwhile counts as sent).
  const rows = await tx.select({ id: messages.id, status: messages.status, kind: messages.kind, changedSinceSent: messages.changedSinceSent })
    .from(messages).where(and(...conds)).orderBy(messages.id).for('update');
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
  // An unsent message's row is written too: a delivery that read the old data before this change
  // then finds the row changed and reads it again (readWithContext), instead of sending the old
  // data while its workflow's wake-up comes too late to matter.
  // (A new row version with the same values: `updated_at` keeps saying when the message itself last moved.)
  if (effects.wake.length) await tx.update(messages).set({ updatedAt: sql`${messages.updatedAt}` }).where(inArray(messages.id, effects.wake));
  return effects;
}
