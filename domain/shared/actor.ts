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

/**
 * A signed-in user or an API token by id (`user:<uuid>`, `token:<uuid>`): what enters workflow
 * histories (`by`, `startedBy`), so no staff e-mail address is kept by Temporal. The activity
 * that records the act turns it back into the readable actor (db/queries/actors.ts).
 */
export const principalRef = (kind: 'user' | 'token', id: string) => `${kind}:${id}`;

export const PRINCIPAL_REF = /^(user|token):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
