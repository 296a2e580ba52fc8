/**
 * Where a work accident stands. `first_aid`: only in the first-aid register (no incapacity, no
 * wage loss, first aid only); `open`: a case to declare; `declared`: declared to the insurer,
 * followed up; `closed`: settled. The database column, the API's schemas and the case workflow
 * all take their statuses from here.
 */
export const ACCIDENT_STATUSES = ['first_aid', 'open', 'declared', 'closed'] as const;
export type AccidentStatus = (typeof ACCIDENT_STATUSES)[number];

/** The statuses a case workflow reports: a first-aid entry has no workflow. */
export type AccidentCaseStatus = Exclude<AccidentStatus, 'first_aid'>;

/** A case in these statuses has a running workflow, with reminders still to come. */
export const LIVE_CASE_STATUSES = ['open', 'declared'] as const satisfies readonly AccidentStatus[];

export const isLiveCase = (status: AccidentStatus): boolean => (LIVE_CASE_STATUSES as readonly AccidentStatus[]).includes(status);
