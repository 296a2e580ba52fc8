/**
 * A list query prepared once per filter shape, for the API's busiest lists.
 *
 * Why: under load (bench/load.bench.ts) drizzle building a list's query on every request, and
 * PostgreSQL planning it, cost about a quarter of a page. A list's filters are few, so each
 * combination of them (a "shape": which filters are on, not their values) is built once with
 * placeholders and runs as a named prepared statement: built once per process, planned once
 * per connection. A named statement needs a session of its own (PgBouncer in session mode, as
 * the token lookup in api/plugins/auth.ts already does).
 */
import type { SQL } from 'drizzle-orm';
import { and, sql } from 'drizzle-orm';

interface Preparable<Row> { prepare(name: string): { execute(values?: Record<string, unknown>): Promise<Row[]> } }

/** A placeholder filled from the values the route gives (`sql.placeholder`, shortened). */
export const slot = (name: string) => sql.placeholder(name);

/**
 * `filters` are the list's conditions, each written with `slot`s; `build` makes the query from
 * the active ones. The returned function runs the list with the filters named in `on` and the
 * values of their slots (and of any slot `build` itself uses, such as the limit).
 */
export function listByShape<F extends string, Row>(name: string, filters: Record<F, SQL>, build: (where: SQL | undefined) => Preparable<Row>) {
  const keys = Object.keys(filters) as F[];
  const prepared = new Map<number, ReturnType<Preparable<Row>['prepare']>>();
  return (on: readonly F[], values: Record<string, unknown>): Promise<Row[]> => {
    let shape = 0;
    for (const f of on) shape |= 1 << keys.indexOf(f);
    let query = prepared.get(shape);
    if (!query) {
      query = build(and(...keys.filter((_, i) => shape & (1 << i)).map((k) => filters[k]))).prepare(`${name}.${shape}`);
      prepared.set(shape, query);
    }
    return query.execute(values);
  };
}

/** The filters whose value is given: for filters named as their one slot (`status: eq(col, slot('status'))`). */
export const given = <K extends string>(values: Partial<Record<K, unknown>>): K[] =>
  (Object.keys(values) as K[]).filter((k) => values[k] !== undefined);
