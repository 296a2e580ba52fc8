/** The canonical payroll row (docs/architecture.md §6): every mapping profile maps onto these fields. */

export const MARITAL_STATUSES = ['single', 'married', 'cohabiting', 'divorced', 'widowed'] as const;
export const GENDERS = ['M', 'F', 'X'] as const;
export const CATEGORIES = ['white_collar', 'blue_collar'] as const;

export type FieldType =
  | { kind: 'text' }
  | { kind: 'key' }
  | { kind: 'nationalId' }
  | { kind: 'date' }
  | { kind: 'decimal'; min?: number; max?: number }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'country' };

export interface FieldSpec {
  name: CanonicalField;
  type: FieldType;
  required: boolean;
  /** Personal data that must never leave the database: logs and errors name the field, not the value. */
  label: string;
}

export const CANONICAL_FIELDS = [
  'employeeNumber', 'nationalId', 'lastName', 'namePrefix', 'firstName', 'initials', 'birthDate',
  'gender', 'nationality', 'maritalStatus', 'street', 'houseNumber', 'postalCode', 'city', 'country',
  'partnerLastName', 'partnerNamePrefix', 'category', 'salaryClass', 'workSchedulePercent',
  'grossMonthlySalary', 'hireDate', 'exitDate',
] as const;

export type CanonicalField = (typeof CANONICAL_FIELDS)[number];

// Named groups of fields, one definition each: relevance, message rules and report columns all build on them.
/** Who the person is: what an insurer identifies them by. */
export const PERSON_DETAIL_FIELDS = ['nationalId', 'lastName', 'namePrefix', 'firstName', 'initials', 'birthDate', 'gender'] as const;
/** The name alone (what a supplier that needs no identity gets). */
export const NAME_FIELDS = ['lastName', 'namePrefix', 'firstName', 'initials'] as const;
/** The postal address. */
export const ADDRESS_FIELDS = ['street', 'houseNumber', 'postalCode', 'city', 'country'] as const;
/** The contract's dates and category. */
export const EMPLOYMENT_FIELDS = ['hireDate', 'exitDate', 'category'] as const;
/** What the pay consists of. */
export const PAY_FIELDS = ['salaryClass', 'workSchedulePercent', 'grossMonthlySalary'] as const;
/**
 * Changes that start on a day the payroll file does not carry (a new work schedule, a salary
 * class, a marriage): HR is asked for the effective date instead of taking the period's first day.
 */
export const DATED_CHANGE_FIELDS = [...PAY_FIELDS, 'category', 'maritalStatus'] as const;

const text = { kind: 'text' } as const;

export const FIELD_SPECS: Record<CanonicalField, FieldSpec> = {
  employeeNumber: { name: 'employeeNumber', type: { kind: 'key' }, required: true, label: 'employee number' },
  nationalId: { name: 'nationalId', type: { kind: 'nationalId' }, required: true, label: 'national id (BSN/INSZ)' },
  lastName: { name: 'lastName', type: text, required: true, label: 'last name' },
  namePrefix: { name: 'namePrefix', type: text, required: false, label: 'name prefix' },
  firstName: { name: 'firstName', type: text, required: false, label: 'first name' },
  initials: { name: 'initials', type: text, required: false, label: 'initials' },
  birthDate: { name: 'birthDate', type: { kind: 'date' }, required: true, label: 'birth date' },
  gender: { name: 'gender', type: { kind: 'enum', values: GENDERS }, required: false, label: 'gender' },
  nationality: { name: 'nationality', type: { kind: 'country' }, required: false, label: 'nationality' },
  maritalStatus: { name: 'maritalStatus', type: { kind: 'enum', values: MARITAL_STATUSES }, required: false, label: 'marital status' },
  street: { name: 'street', type: text, required: false, label: 'street' },
  houseNumber: { name: 'houseNumber', type: text, required: false, label: 'house number' },
  postalCode: { name: 'postalCode', type: text, required: false, label: 'postal code' },
  city: { name: 'city', type: text, required: false, label: 'city' },
  country: { name: 'country', type: { kind: 'country' }, required: false, label: 'country' },
  partnerLastName: { name: 'partnerLastName', type: text, required: false, label: 'partner last name' },
  partnerNamePrefix: { name: 'partnerNamePrefix', type: text, required: false, label: 'partner name prefix' },
  category: { name: 'category', type: { kind: 'enum', values: CATEGORIES }, required: false, label: 'category' },
  salaryClass: { name: 'salaryClass', type: text, required: false, label: 'salary class' },
  workSchedulePercent: { name: 'workSchedulePercent', type: { kind: 'decimal', min: 0, max: 100 }, required: false, label: 'work schedule %' },
  grossMonthlySalary: { name: 'grossMonthlySalary', type: { kind: 'decimal', min: 0 }, required: false, label: 'gross monthly salary' },
  hireDate: { name: 'hireDate', type: { kind: 'date' }, required: true, label: 'hire date' },
  exitDate: { name: 'exitDate', type: { kind: 'date' }, required: false, label: 'exit date' },
};

export const REQUIRED_FIELDS = CANONICAL_FIELDS.filter((f) => FIELD_SPECS[f].required);

export function isCanonicalField(name: string): name is CanonicalField {
  return (CANONICAL_FIELDS as readonly string[]).includes(name);
}

