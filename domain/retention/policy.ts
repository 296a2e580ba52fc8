/**
 * How long Mutaflow keeps what it holds (GDPR art. 5(1)(e)), per kind, in months. Past it, the
 * daily purge removes it and records that it did (retention_records: what kind, which object,
 * when — never what it held).
 *
 * - `payroll_photos`: uploaded payroll files, their snapshots, the old and new values of their
 *   changes and the values their audit findings quote, counted from the import; the newest completed import of an employer stays
 *   whatever its age (it is the next month's baseline).
 * - `reports`: report files as sent, from their creation.
 * - `messages`: messages that reached an end (processed, rejected, cancelled, sent), with their
 *   events, answers and bodies as sent, from their last change.
 * - `accident_files`: certificates, sick notes and declaration PDFs of a closed case, from closing.
 * - `statements`: the ZIP of a statement batch (every statement of an employer's persons), from
 *   its creation: a copy made for handing out, not a record — a new batch makes it again.
 * - `contribution_files`: payroll contribution files (domain/contributions), from their creation:
 *   the file, its lines (amounts, salary basis), its findings and differences; the row stays.
 *   At least 13 months: a year of lines is the ledger the next corrections are computed from.
 * - `controls`: what the controls made of personal data, from its making: a comparison run's
 *   result lines and its uploaded files (the counts stay), a comparison period's waiting files,
 *   and a premium bordereau's lines and differences (the counts stay) — never the newest
 *   bordereau of an employer and insurer, which the next one is compared with.
 * - `persons`: a person who left (exit date) is erased this long after leaving (with the values of
 *   their family members, payroll changes and internal benefit records), unless a case
 *   or an unsent message still needs them.
 * - `audit`: fixed in the database (table audit_retention, 84 months), not by configuration:
 *   the application may not shorten its own trail.
 */
export const RETENTION_KINDS = ['payroll_photos', 'reports', 'messages', 'accident_files', 'persons', 'statements', 'contribution_files', 'controls'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];
export type RetentionMonths = Record<RetentionKind, number>;

export const DEFAULT_RETENTION: RetentionMonths = {
  payroll_photos: 13,
  reports: 84,
  messages: 84,
  accident_files: 120,
  persons: 24,
  statements: 3,
  // Payroll records: 7 years (NL fiscal bewaarplicht; BE social documents 5 years).
  contribution_files: 84,
  // Two years: the insurer's correction windows and a year-on-year look back, then they go.
  controls: 24,
};

/** The shortest any kind may be set to: a month's baseline and the dispute window of a report. */
const MINIMUM_RETENTION: RetentionMonths = { payroll_photos: 2, reports: 12, messages: 3, accident_files: 12, persons: 3, statements: 1, contribution_files: 13, controls: 3 };

/** `payroll_photos=13,reports=84`: overrides on the defaults; refuses unknown kinds and too short terms, naming them. */
export function parseRetention(text: string | undefined): RetentionMonths {
  const months = { ...DEFAULT_RETENTION };
  for (const part of (text ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [kind, value] = part.split('=').map((p) => p.trim());
    if (!(RETENTION_KINDS as readonly string[]).includes(kind)) throw new Error(`retention: unknown kind "${kind}" (${RETENTION_KINDS.join(', ')})`);
    const n = Number(value);
    const k = kind as RetentionKind;
    if (!Number.isInteger(n) || n < MINIMUM_RETENTION[k]) throw new Error(`retention: ${k} must be a whole number of months, at least ${MINIMUM_RETENTION[k]}`);
    months[k] = n;
  }
  return months;
}

/** The moment before which a kind's objects are past their term (calendar months back, UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/** The day (yyyy-mm-dd) before which an exit date is past the persons' term. */
export const retentionCutoffDay = (now: Date, months: number): string => retentionCutoff(now, months).toISOString().slice(0, 10);
