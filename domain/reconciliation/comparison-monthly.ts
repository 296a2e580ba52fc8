import type { ComparisonDefinition, SideId } from './comparison-definition';
import { type ComparisonCounts, RESULT_KINDS } from './comparison-matcher';

/**
 * A comparison marked monthly in the cycle (docs: README "Controls: comparisons"). Each period
 * needs a file for every side that is a file (side A may be Mutaflow's payroll photo, which the
 * cycle takes from the period's import); until they are all there the cycle keeps an
 * `upload_comparison_file` task open, then runs the comparison, and a run that found anything
 * opens a `review_comparison` task. Pure: the activity feeds it what the database holds.
 */

/** The sides that are read from an uploaded file. */
export const fileSides = (definition: Pick<ComparisonDefinition, 'sideA'>): SideId[] =>
  definition.sideA.source === 'file' ? ['a', 'b'] : ['b'];

/** What the period still lacks: the file sides with no upload yet. */
export const missingSides = (definition: Pick<ComparisonDefinition, 'sideA'>, uploaded: Iterable<SideId>): SideId[] => {
  const have = new Set(uploaded);
  return fileSides(definition).filter((side) => !have.has(side));
};

/** Result lines a controller must look at: anything but agreeing rows. */
export const findingsOf = (counts: Partial<ComparisonCounts>): number =>
  RESULT_KINDS.reduce((n, kind) => n + (counts[kind] ?? 0), 0);

export type MonthlyStep =
  | { step: 'upload'; missing: SideId[] }
  | { step: 'run' }
  | { step: 'running' }
  /** The comparison refused a file (it does not map): a new upload is needed. */
  | { step: 'refused' }
  | { step: 'review'; findings: number }
  | { step: 'done' };

/**
 * Where one monthly comparison stands for the period: `run` is the comparison of the period's
 * current files (and import) — null when none was started for them yet.
 */
export function monthlyStep(
  definition: Pick<ComparisonDefinition, 'sideA'>, uploaded: Iterable<SideId>,
  run: { status: 'running' | 'completed' | 'failed'; counts: Partial<ComparisonCounts> } | null,
): MonthlyStep {
  const missing = missingSides(definition, uploaded);
  if (missing.length) return { step: 'upload', missing };
  if (!run) return { step: 'run' };
  if (run.status === 'running') return { step: 'running' };
  if (run.status === 'failed') return { step: 'refused' };
  const findings = findingsOf(run.counts);
  return findings ? { step: 'review', findings } : { step: 'done' };
}
