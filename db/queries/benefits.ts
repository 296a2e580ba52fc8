/**
 * Internal benefits as other capabilities read them (statements, the eligibility review): one
 * person's records with their fields, labelled and calculated.
 */
import { and, asc, eq, gte, inArray, isNull, lte, or } from 'drizzle-orm';
import { type BudgetOutcome, type FieldType, calculate } from '../../domain/benefits/fields';
import { benefitRecords, benefitTypes } from '../schema';
import type { Tx } from './messages';

export interface InternalBenefit {
  recordId: string;
  typeId: string;
  typeName: string;
  startDate: string;
  endDate: string | null;
  /** Every field of the type in its order, with the record's value (null when empty). */
  fields: { key: string; label: string; type: FieldType; value: string | number | boolean | null }[];
  /** The type's calculation on the date (e.g. a yearly budget used so far), or null. */
  calculation: BudgetOutcome | null;
}

/**
 * The person's internal benefit records that run on `on` (started on or before it, not ended
 * before it), by type name then start. Personal data: callers audit the read.
 */
export async function internalBenefitsOfPerson(tx: Tx, personId: string, on: string): Promise<InternalBenefit[]> {
  return (await internalBenefitsOfPersons(tx, [personId], on)).get(personId) ?? [];
}

/** The same for many persons in one query (a bulk of statements): person id → their records. */
export async function internalBenefitsOfPersons(tx: Tx, personIds: readonly string[], on: string): Promise<Map<string, InternalBenefit[]>> {
  const out = new Map<string, InternalBenefit[]>();
  if (!personIds.length) return out;
  const rows = await tx.select({ r: benefitRecords, t: benefitTypes }).from(benefitRecords)
    .innerJoin(benefitTypes, eq(benefitTypes.id, benefitRecords.typeId))
    .where(and(inArray(benefitRecords.personId, [...personIds]), lte(benefitRecords.startDate, on), or(isNull(benefitRecords.endDate), gte(benefitRecords.endDate, on))))
    .orderBy(asc(benefitTypes.name), asc(benefitRecords.startDate), asc(benefitRecords.id));
  for (const { r, t } of rows) {
    const list = out.get(r.personId) ?? out.set(r.personId, []).get(r.personId)!;
    list.push({
      recordId: r.id, typeId: t.id, typeName: t.name, startDate: r.startDate, endDate: r.endDate,
      fields: t.fields.map((f) => ({ key: f.key, label: f.label, type: f.type, value: r.values[f.key] ?? null })),
      calculation: calculate(t.calculation, r, on),
    });
  }
  return out;
}
