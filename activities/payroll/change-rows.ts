import type { PoolClient } from 'pg';

/** One row of payroll_changes as the import writes it. */
export interface ChangeRow {
  /** Person id, employee number, kind, field, old and new value, supplier ids. */
  p: string; k: string; kd: string; f: string | null; o: string | null; n: string | null; s: string[];
}

/** Stands for null in the text columns below; no value written by an import holds it. */
const NULL = '\u0002';
const INSERT = 'insert into payroll_changes (import_id, employer_id, person_id, employee_number, kind, field, old_value, new_value, supplier_ids)';

/**
 * Values split back exactly from newline-joined text only when none holds a line break or the
 * null mark, and none is empty (one empty value alone would join to '', which splits to no row).
 */
const fitsText = (v: string | null) => v === null || (v !== '' && !v.includes('\n') && !v.includes(NULL));

/**
 * Inserts change rows in one statement. As one newline-joined text per column when the values
 * allow it (a third less time than the same rows as JSON: no JSON to build or parse); as JSON
 * otherwise — old values come from persons.data, which other writers than the import fill.
 */
export function insertChangeRows(client: Pick<PoolClient, 'query'>, importId: string, employerId: string, rows: ChangeRow[]): Promise<unknown> {
  if (!rows.every((r) => fitsText(r.k) && fitsText(r.o) && fitsText(r.n) && fitsText(r.f))) {
    return client.query(
      `${INSERT} select $1, $2, t.p, t.k, t.kd, t.f, t.o, t.n, t.s
       from jsonb_to_recordset($3::jsonb) as t(p uuid, k text, kd text, f text, o text, n text, s uuid[])`,
      [importId, employerId, JSON.stringify(rows)]);
  }
  const column = (value: (r: ChangeRow) => string | null) => rows.map((r) => value(r) ?? NULL).join('\n');
  return client.query(
    `${INSERT} select $1, $2, t.p::uuid, t.k, t.kd, nullif(t.f, E'\\x02'), nullif(t.o, E'\\x02'), nullif(t.n, E'\\x02'), t.s::uuid[]
     from unnest(string_to_array($3, E'\\n'), string_to_array($4, E'\\n'), string_to_array($5, E'\\n'), string_to_array($6, E'\\n'),
       string_to_array($7, E'\\n'), string_to_array($8, E'\\n'), string_to_array($9, E'\\n')) as t(p, k, kd, f, o, n, s)`,
    [importId, employerId, column((r) => r.p), column((r) => r.k), column((r) => r.kd), column((r) => r.f),
      column((r) => r.o), column((r) => r.n), column((r) => `{${r.s.join(',')}}`)]);
}
