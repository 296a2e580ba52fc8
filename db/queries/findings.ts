/**
 * Audit findings in the database: who is held by an open blocking finding, and the unsent
 * messages that wait for them. Shared by the activities (imports, the cycle) and the API.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { UNSENT_STATUSES } from '../../domain/messages/lifecycle';
import { auditFindings, messages } from '../schema';
import type { Tx } from './messages';

/**
 * The rule: a person with an open blocking finding is held — nothing of theirs goes out
 * (messages, resends, report lines) until it is corrected by an import or acknowledged.
 */
export const heldPersonCondition = (personIdColumn: string): string =>
  `exists (select 1 from audit_findings f where f.person_id = ${personIdColumn} and f.status = 'open' and f.severity = 'blocking')`;

/** Those of `personIds` held by an open blocking finding. */
export async function heldPersons(tx: Tx, personIds: readonly string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await tx.selectDistinct({ personId: auditFindings.personId }).from(auditFindings)
    .where(and(inArray(auditFindings.personId, [...new Set(personIds)]), eq(auditFindings.status, 'open'), eq(auditFindings.severity, 'blocking')));
  return new Set(rows.map((r) => r.personId!));
}

/** Unsent messages of these people that are no longer held: what a release starts (or moves to its newest version). */
export async function releasableMessages(tx: Tx, personIds: readonly string[]): Promise<{ messageId: string; version: number }[]> {
  if (personIds.length === 0) return [];
  const held = await heldPersons(tx, personIds);
  const free = [...new Set(personIds)].filter((p) => !held.has(p));
  if (free.length === 0) return [];
  return tx.select({ messageId: messages.id, version: messages.version }).from(messages)
    .where(and(inArray(messages.personId, free), inArray(messages.status, [...UNSENT_STATUSES])));
}

/** Unsent messages made by these imports whose person is not held: what may start now. */
export async function unheldImportMessages(tx: Tx, importIds: readonly string[]): Promise<{ messageId: string; version: number }[]> {
  if (importIds.length === 0) return [];
  return tx.select({ messageId: messages.id, version: messages.version }).from(messages)
    .where(and(inArray(messages.importId, [...importIds]), inArray(messages.status, [...UNSENT_STATUSES]),
      sql.raw(`not ${heldPersonCondition('"messages"."person_id"')}`)));
}
