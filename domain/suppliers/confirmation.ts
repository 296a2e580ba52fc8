/**
 * Which changes the employer confirms before a supplier hears of them — by message or by the
 * monthly report alike. The supplier's setting (`supplier_report_settings.confirm_kinds`) holds
 * for every employer unless the employer's link to the supplier sets its own.
 */
export const CONFIRM_KINDS = ['enrollment', 'termination', 'change'] as const;
export type ConfirmKind = (typeof CONFIRM_KINDS)[number];

/**
 * Nothing waits unless someone asked for it: the default of a supplier without settings, of the
 * first PUT that names no kinds, and what GET shows then. (A confirmation only ends through a
 * monthly cycle's task: a default that held messages back would hold them for good where no
 * cycle runs.)
 */
export const DEFAULT_CONFIRM_KINDS: readonly ConfirmKind[] = [];

/** The kinds that wait for this employer × supplier: the link's own choice, else the supplier's, else the default. */
export function confirmKindsFor(link: readonly string[] | null | undefined, supplier: readonly string[] | null | undefined): ConfirmKind[] {
  const kinds = link ?? supplier ?? DEFAULT_CONFIRM_KINDS;
  return CONFIRM_KINDS.filter((k) => kinds.includes(k));
}
