/**
 * A statement whose text depends only on its shape, built by drizzle once with its values as
 * placeholders (`slot`, db/queries/list-by-shape.ts) and then sent as a named prepared statement: PostgreSQL parses it once per
 * connection, and neither drizzle nor the planner redo their work on every call. Why: a message
 * moves three times on its happy path, and building each move (an update in a CTE) cost more of
 * this process's time than anything but the socket writes (docs/benchmarks.md, messages).
 *
 * Values filled in a placeholder that drizzle tied to a column (an update's `set`, an insert's
 * values) go through that column's encoder, as they would unprepared; others go as given. Like
 * every named statement here, it needs a session of its own (a pooler in session mode).
 */
import { createHash } from 'node:crypto';
import { type SQL, fillPlaceholders } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { type Db, type Tx, transactionClient } from '../client';

const dialect = new PgDialect();
const built = new Map<string, { name: string; text: string; params: unknown[] }>();

/**
 * Runs the statement of `shape` (built by `build` the first time) with `values` for its slots,
 * on the transaction given (or the pool).
 */
export async function runNamed<Row>(tx: Tx | Db, shape: string, build: () => SQL, values: Record<string, unknown>): Promise<Row[]> {
  let statement = built.get(shape);
  if (!statement) {
    const query = dialect.sqlToQuery(build());
    // Named after the text: the same name means the same statement in every process (the API's and
    // the worker's first shapes differ), whatever order the shapes are first seen in.
    statement = { name: `shape_${createHash('sha256').update(query.sql).digest('hex').slice(0, 24)}`, text: query.sql, params: query.params };
    built.set(shape, statement);
  }
  const { rows } = await transactionClient(tx).query<Row & object>({ name: statement.name, text: statement.text, values: fillPlaceholders(statement.params, values) });
  return rows;
}
