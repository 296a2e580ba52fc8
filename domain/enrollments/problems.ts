/** What is wrong with an enrollment file or an enrollment change, in words without personal data. */

/** One problem of an enrollment file. */
export interface FileProblem {
  /** 1-based record number in the file, the header being row 1. */
  row?: number;
  /** The column's header as it stands in the file. */
  column?: string;
  code: string;
  message: string;
}

/** Why a single enrollment cannot be created or changed as asked. */
export type EnrollmentRefusal =
  | { kind: 'not_found'; what: 'person' | 'plan' | 'enrollment' }
  | { kind: 'invalid'; field: 'startDate' | 'endDate' | 'familyMemberId'; message: string }
  | { kind: 'overlaps'; message: string };

export const notAFamilyMember = (): EnrollmentRefusal =>
  ({ kind: 'invalid', field: 'familyMemberId', message: 'not a family member of this person' });

/** `other`: the enrollment being changed is not the one it overlaps. */
export const overlapRefusal = (clashId: string, other: boolean): EnrollmentRefusal => ({
  kind: 'overlaps',
  message: `${other ? 'another enrollment' : 'an enrollment'} in this plan already covers part of this period (${clashId})`,
});
