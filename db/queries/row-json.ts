/**
 * Rows as JSON text written by PostgreSQL, for the API's busiest lists.
 *
 * Why: a page of 100 persons parsed by node-postgres (their jsonb data), mapped, validated by
 * zod and stringified cost ~10 ms on the API's one thread; PostgreSQL writes the same text in a
 * fraction of that, and the route only joins the rows (bench/load.bench.ts, docs/benchmarks.md).
 * The route's JavaScript view stays the definition: a test holds each list's text to it.
 */
import type { AnyColumn, SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';

const dialect = new PgDialect();

/**
 * One row as compact JSON (row_to_json), its fields named as the API names them: jsonb as it is,
 * arrays as arrays, dates as yyyy-mm-dd; instants through `isoInstant`. Rendered to SQL text once,
 * when the list is defined: drizzle walking thirty fields on every request cost a tenth of it.
 */
export const rowJson = (fields: Record<string, SQL | AnyColumn>): SQL<string> => {
  const columns = sql.join(Object.entries(fields).map(([name, value]) => sql`${value} as ${sql.identifier(name)}`), sql`, `);
  const rendered = dialect.sqlToQuery(sql`(select row_to_json(v)::text from (select ${columns}) v)`);
  if (rendered.params.length) throw new Error('rowJson: its fields are columns and constant expressions, without parameters');
  return sql.raw(rendered.sql) as SQL<string>;
};

/** An instant as JavaScript's `toISOString` writes it: UTC, milliseconds (cut, not rounded, as node-postgres reads them), Z. */
export const isoInstant = (column: SQL | AnyColumn): SQL<string | null> =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * An instant to the microsecond PostgreSQL keeps, as ISO text: the sort key a list's cursor
 * carries. A Date (milliseconds) would not do: rows written in one transaction share `now()`,
 * and a cursor cut to the millisecond skipped the rest of them on the next page.
 */
export const exactInstant = (column: SQL | AnyColumn): SQL<string> =>
  sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
