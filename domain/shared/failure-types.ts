/**
 * Failure types that activities throw and workflows (and the API, through workflows/shared.ts)
 * recognise. Names only, so both sides can share them without importing each other.
 */

/** A payroll import ends with a rejected file, or is refused for its period order. */
export const INVALID_PAYROLL_FILE = 'InvalidPayrollFile';
export const IMPORT_CONFLICT = 'ImportConflict';

/** A comparison ends with a file refused whole (it does not map: a column, the encoding, a row's fields). */
export const INVALID_COMPARISON_FILE = 'InvalidComparisonFile';

/** A message activity could not reach the supplier (retried by the workflow). */
export const SUPPLIER_UNAVAILABLE = 'SupplierUnavailable';

/** A message step found its message changed under it every time it read it (retried by Temporal). */
export const MESSAGE_BUSY = 'MessageBusy';

/** A task completion the cycle or the accident case refuses: the task is not open (one winner). */
export const TASK_NOT_OPEN = 'TaskNotOpen';

/** Accident case steps refused for the case's state. */
export const CASE_CLOSED = 'CaseClosed';
export const CASE_NOT_SETTLED = 'CaseNotSettled';
export const ALREADY_DECLARED = 'AlreadyDeclared';
export const NOT_DECLARED = 'NotDeclared';
