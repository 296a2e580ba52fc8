/**
 * HR's corrections of payroll data in the database (domain/payroll/corrections.ts holds the
 * rule): recorded when HR changes a field the payroll supplies, resolved from a task.
 */
import { and, eq, sql } from 'drizzle-orm';
import { isCanonicalField } from '../../domain/payroll/canonical';
import type { CorrectionResolution } from '../../domain/payroll/corrections';
import { personCorrections, persons, tasks } from '../schema';
import type { Tx } from './messages';

type Value = string | null;
const asValue = (v: unknown): Value => (v === undefined || v === null ? null : String(v));

/** Open "payroll differs" tasks of a correction that needs none any more. */
async function closeCorrectionTasks(tx: Tx, personId: string, field: string): Promise<void> {
  await tx.update(tasks).set({ status: 'cancelled', completedAt: new Date(), completedBy: 'system' })
    .where(and(eq(tasks.kind, 'resolve_correction'), eq(tasks.status, 'open'),
      sql`${tasks.subject}->>'personId' = ${personId}`, sql`${tasks.subject}->>'field' = ${field}`));
}

/**
 * HR changed these canonical fields of a person (`before` → `after`): each becomes a correction
 * the next payroll import keeps. The payroll's value stays the one it had when first corrected;
 * a field set back to it, or to the value the payroll now brings, is no correction any more.
 */
export async function recordCorrections(tx: Tx, personId: string, before: Record<string, unknown>, after: Record<string, unknown>, fields: string[], by: string): Promise<void> {
  for (const field of fields) {
    if (!isCanonicalField(field) || field === 'employeeNumber') continue;
    const [existing] = await tx.select().from(personCorrections)
      .where(and(eq(personCorrections.personId, personId), eq(personCorrections.field, field))).for('update');
    const value = asValue(after[field]);
    const payrollValue = existing ? existing.payrollValue : asValue(before[field]);
    const payrollNow = existing?.payrollDiffers ? existing.differingValue : payrollValue;
    if (value === payrollNow) {
      await tx.delete(personCorrections).where(and(eq(personCorrections.personId, personId), eq(personCorrections.field, field)));
      await closeCorrectionTasks(tx, personId, field);
      continue;
    }
    await tx.insert(personCorrections).values({ personId, field, value, payrollValue, correctedBy: by })
      .onConflictDoUpdate({ target: [personCorrections.personId, personCorrections.field], set: { value, correctedBy: by, correctedAt: new Date() } });
  }
}

/**
 * HR's answer to "payroll differs from the correction": keep ours (the payroll's new value is
 * acknowledged and no longer flagged), take the payroll's (into the person's data; the
 * correction ends), or the payroll will be fixed (the flag goes; an import still bringing the
 * payroll's value raises it again). Returns the fields whose data changed.
 */
export async function resolveCorrection(tx: Tx, personId: string, field: string, resolution: CorrectionResolution): Promise<string[]> {
  const where = and(eq(personCorrections.personId, personId), eq(personCorrections.field, field));
  const [c] = await tx.select().from(personCorrections).where(where).for('update');
  if (!c) return [];
  if (resolution === 'keep_ours') {
    await tx.update(personCorrections).set({ payrollValue: c.payrollDiffers ? c.differingValue : c.payrollValue, payrollDiffers: false, differingValue: null, fixExpected: false }).where(where);
    return [];
  }
  if (resolution === 'payroll_will_be_fixed') {
    await tx.update(personCorrections).set({ payrollDiffers: false, fixExpected: true }).where(where);
    return [];
  }
  const taken = c.payrollDiffers ? c.differingValue : c.payrollValue;
  const [p] = await tx.select({ data: persons.data }).from(persons).where(eq(persons.id, personId)).for('update');
  await tx.update(persons).set({ data: { ...(p.data as object), [field]: taken }, updatedAt: new Date() }).where(eq(persons.id, personId));
  await tx.delete(personCorrections).where(where);
  return (c.value ?? null) === taken ? [] : [field];
}

export interface CorrectionView {
  field: string;
  value: string | null;
  correctedBy: string;
  correctedAt: string;
  /** The payroll brings another value than HR's: a resolve_correction task asks HR what to do. */
  payrollDiffers: boolean;
  /** The payroll's value when it differs. */
  payrollValue: string | null;
  fixExpected: boolean;
}

export async function personCorrectionsOf(tx: Tx, personId: string): Promise<CorrectionView[]> {
  const rows = await tx.select().from(personCorrections).where(eq(personCorrections.personId, personId)).orderBy(personCorrections.field);
  return rows.map((c) => ({
    field: c.field, value: c.value, correctedBy: c.correctedBy, correctedAt: c.correctedAt.toISOString(),
    payrollDiffers: c.payrollDiffers, payrollValue: c.payrollDiffers ? c.differingValue : null, fixExpected: c.fixExpected,
  }));
}
