/**
 * A correction of a person's data, tried without saving: what each of the person's messages
 * would do (domain/messages/data-change.ts `correctionPreview`), unsent ones assessed with the
 * corrected data as their workflow would assess them. Reads only; the caller checks access.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { employerTodayAt } from '../../db/queries/employers';
import { loadContext } from '../../db/queries/messages';
import { messages, persons } from '../../db/schema';
import { assess } from '../../domain/messages/assessment';
import { type CorrectionOutcome, changedFields, correctionPreview } from '../../domain/messages/data-change';
import { isUnsent } from '../../domain/messages/lifecycle';

export interface MessageOutcome {
  id: string;
  supplierId: string;
  enrollmentId: string | null;
  kind: 'enrollment' | 'termination' | 'change';
  status: string;
  outcome: CorrectionOutcome;
  missing: string[];
  flagged: string[];
}

export interface PersonCorrectionPreview {
  changedFields: string[];
  messages: MessageOutcome[];
}

/** Null when the person does not exist; `authorize` is called with the owner before anything is read. */
export async function previewPersonCorrection(
  db: Db, personId: string, patch: Record<string, unknown>, authorize: (employerId: string) => void, at: number,
): Promise<PersonCorrectionPreview | null> {
  const [person] = await db.select({ id: persons.id, employerId: persons.employerId, data: persons.data }).from(persons).where(eq(persons.id, personId));
  if (!person) return null;
  authorize(person.employerId);
  const data = person.data as Record<string, unknown>;
  const fields = changedFields(data, patch);
  if (!fields.length) return { changedFields: [], messages: [] };
  const corrected = { ...data, ...patch };
  const today = await employerTodayAt(db, person.employerId, at);
  const rows = await db.select().from(messages).where(eq(messages.personId, person.id)).orderBy(asc(messages.createdAt), asc(messages.id));
  const out: MessageOutcome[] = [];
  for (const m of rows) {
    let after = null;
    if (isUnsent(m.status)) {
      const ctx = await loadContext(db, m);
      after = assess(m.kind, m.factDate, { ...ctx, person: { id: ctx.person.id, data: corrected } }, today, m.needsConfirmation);
    }
    const p = correctionPreview(m, fields, after);
    if (p.outcome === 'unaffected') continue;
    out.push({ id: m.id, supplierId: m.supplierId, enrollmentId: m.enrollmentId, kind: m.kind, status: m.status, ...p });
  }
  return { changedFields: fields, messages: out };
}
