/**
 * Who did something, as message events, accident events, tasks and cycles record it. One place
 * builds these strings, so a reader can find every kind of actor and a later change of form
 * (e.g. users by id) happens once.
 */

/** A signed-in user, by name. */
export const userActor = (name: string) => `user:${name}`;

/** Mutaflow itself: a workflow or activity acting on its own rules. */
export const SYSTEM_ACTOR = 'system';

/** A supplier, through its answer to a message. */
export const SUPPLIER_ACTOR = 'supplier';

/** An employer's Temporal Schedule, starting the monthly cycle. */
export const SCHEDULE_ACTOR = 'schedule';

/** A payroll import: the messages it creates name it in their `created` events. */
export const payrollImportActor = (importId: string) => `system:payroll-import:${importId}`;
