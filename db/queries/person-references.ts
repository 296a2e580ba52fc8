/**
 * The tables whose rows name a person and keep the person from being deleted (a foreign key
 * without ON DELETE CASCADE). A person an import hired, whom the import replacing it no longer
 * has, is deleted only when none of them names the person: otherwise PostgreSQL refuses the
 * delete and the whole replacement fails (a finding raised on the hire, HR completing their
 * data, a family member, an accident). test/db/references.test.ts holds this list to the
 * foreign keys in the database.
 */
export const PERSON_REFERENCES = [
  'accidents', 'audit_findings', 'benefit_records', 'enrollments', 'family_members', 'messages', 'person_corrections',
] as const;

/** SQL: nothing in PERSON_REFERENCES names the person `alias`.id. */
export const unreferencedPerson = (alias: string): string =>
  PERSON_REFERENCES.map((table) => `not exists (select 1 from ${table} r where r.person_id = ${alias}.id)`).join('\n        and ');
