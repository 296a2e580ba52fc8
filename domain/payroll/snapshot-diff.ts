import type { CanonicalField } from './canonical';
import { CANONICAL_FIELDS } from './canonical';

export const CHANGE_KINDS = ['hire', 'departure', 'rehire', 'missing', 'change'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface DetectedChange {
  kind: ChangeKind;
  /** The canonical field for `change`; the date field behind hire/departure/rehire. */
  field: CanonicalField | null;
  oldValue: string | null;
  newValue: string | null;
}

/** Canonical values in CANONICAL_FIELDS order. */
export type Values = readonly (string | null)[];

const at = (f: CanonicalField) => CANONICAL_FIELDS.indexOf(f);
const HIRE = at('hireDate');
const EXIT = at('exitDate');
const KEY = at('employeeNumber');

/** Where the person stood before this snapshot, when absent from the previous one. */
export interface EarlierPerson {
  values: Values;
  /** `missing` when the person vanished from an earlier snapshot without an exit date. */
  status: 'active' | 'departed' | 'missing';
}

/**
 * The changes one person shows between the previous snapshot and this one.
 *
 * - New employee number → `hire`. A known person back after an exit → `rehire`.
 * - Exit date filled → `departure`. A person who has left may drop off the export: no change.
 * - Absent without an exit date → `missing`: an anomaly for HR, not a departure.
 * - Every other canonical field that differs → one `change` with old and new value.
 *
 * `earlier` is the person's last known data when they were not in the previous snapshot
 * (a rehire or a person who went missing and came back).
 */
export function diffPerson(prev: Values | undefined, next: Values | undefined, earlier?: EarlierPerson): DetectedChange[] {
  if (!next) {
    if (!prev || prev[EXIT]) return [];
    return [{ kind: 'missing', field: null, oldValue: null, newValue: null }];
  }
  const base = prev ?? earlier?.values;
  if (!base) {
    const hire: DetectedChange = { kind: 'hire', field: 'hireDate', oldValue: null, newValue: next[HIRE] };
    // Hired and gone within one period: both facts are news to a supplier.
    return next[EXIT] ? [hire, { kind: 'departure', field: 'exitDate', oldValue: null, newValue: next[EXIT] }] : [hire];
  }

  const out: DetectedChange[] = [];
  const prevExit = base[EXIT];
  const nextExit = next[EXIT];
  const rehired = prevExit !== null && (nextExit === null || (next[HIRE] !== null && next[HIRE]! > prevExit));
  if (rehired) out.push({ kind: 'rehire', field: 'hireDate', oldValue: base[HIRE], newValue: next[HIRE] });
  const departed = nextExit !== null && (prevExit === null || rehired);
  if (departed) out.push({ kind: 'departure', field: 'exitDate', oldValue: rehired ? null : prevExit, newValue: nextExit });

  for (let i = 0; i < CANONICAL_FIELDS.length; i++) {
    if (i === KEY) continue;
    if (rehired && (i === HIRE || i === EXIT)) continue;
    if (departed && i === EXIT) continue;
    if (base[i] !== next[i]) out.push({ kind: 'change', field: CANONICAL_FIELDS[i], oldValue: base[i], newValue: next[i] });
  }
  return out;
}
