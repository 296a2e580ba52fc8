import type { Severity } from './rules';

/**
 * The hold (issue 15 §1): a person with an open blocking audit finding is held — nothing of theirs
 * goes out (new messages, messages already waiting for their send date, resends, report lines)
 * until the finding is corrected by a new import or acknowledged with a reason. Info and
 * warnings never hold. db/queries/findings.ts says the same in SQL for lists of people.
 */
export interface FindingState {
  severity: Severity;
  status: string;
}

export const holdsPerson = (f: FindingState): boolean => f.status === 'open' && f.severity === 'blocking';

/**
 * At the moment a message of the person would be assessed as ready or handed to the transport:
 * `held` keeps it unsent (its workflow waits for the release, which wakes it), `go` lets it leave.
 */
export const sendGate = (findings: readonly FindingState[]): 'go' | 'held' => (findings.some(holdsPerson) ? 'held' : 'go');
