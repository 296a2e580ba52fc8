import type { CanonicalField } from '../payroll/canonical';
import { ADDRESS_FIELDS, EMPLOYMENT_FIELDS, NAME_FIELDS, PAY_FIELDS, PERSON_DETAIL_FIELDS } from '../payroll/canonical';
import type { DetectedChange } from '../payroll/snapshot-diff';
import type { SupplierKind } from './supplier-kind';

/** The fields each kind of supplier needs to hear about, unless the supplier sets its own list. */
export const DEFAULT_FIELDS_BY_KIND: Record<SupplierKind, readonly CanonicalField[]> = {
  health_insurer: [...PERSON_DETAIL_FIELDS, 'nationality', ...ADDRESS_FIELDS, 'hireDate', 'exitDate'],
  group_insurance: [...PERSON_DETAIL_FIELDS, 'maritalStatus', 'partnerLastName', 'partnerNamePrefix', ...ADDRESS_FIELDS, ...EMPLOYMENT_FIELDS,
    ...PAY_FIELDS],
  hospitalisation: [...PERSON_DETAIL_FIELDS, 'maritalStatus', 'partnerLastName', 'partnerNamePrefix', ...ADDRESS_FIELDS, ...EMPLOYMENT_FIELDS],
  accident: [...PERSON_DETAIL_FIELDS, ...EMPLOYMENT_FIELDS, 'workSchedulePercent', 'grossMonthlySalary'],
  external: [...NAME_FIELDS, ...ADDRESS_FIELDS, 'hireDate', 'exitDate'],
  internal: [...PERSON_DETAIL_FIELDS, 'nationality', 'maritalStatus', ...ADDRESS_FIELDS, ...EMPLOYMENT_FIELDS, ...PAY_FIELDS],
};

export interface SupplierNeeds {
  supplierId: string;
  kind: SupplierKind;
  /** null: the kind's default fields. */
  fields: readonly CanonicalField[] | null;
}

export interface ActiveEnrollment {
  supplierId: string;
  startDate: string;
  endDate: string | null;
}

/** Whether an enrollment covers any day of the period [from, to] (ISO dates). */
export function coversPeriod(e: ActiveEnrollment, from: string, to: string): boolean {
  return e.startDate <= to && (e.endDate === null || e.endDate >= from);
}

/**
 * The suppliers a change concerns: those the person (or a family member) is enrolled with
 * during the period, and — for a field change — only those that need that field.
 * A hire concerns nobody yet (enrollment follows it); `missing` is for HR, not suppliers.
 */
export function relevantSuppliers(
  change: DetectedChange, enrollments: readonly ActiveEnrollment[], suppliers: ReadonlyMap<string, SupplierNeeds>,
  period: { from: string; to: string },
): string[] {
  if (change.kind === 'hire' || change.kind === 'missing') return [];
  const ids = new Set<string>();
  for (const e of enrollments) {
    if (!coversPeriod(e, period.from, period.to)) continue;
    const s = suppliers.get(e.supplierId);
    if (!s) continue;
    if (change.kind === 'change') {
      const fields = s.fields ?? DEFAULT_FIELDS_BY_KIND[s.kind];
      if (!change.field || !fields.includes(change.field)) continue;
    }
    ids.add(e.supplierId);
  }
  return [...ids].sort();
}
