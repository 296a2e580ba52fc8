/**
 * A list query prepared once per filter shape, for the API's busiest lists.
 *
 * Why: under load (bench/load.bench.ts) drizzle building a list's query on every request, and
 * PostgreSQL parsing it, cost a sizeable part of a page. A list's filters are few, so each
 * combination of them (a "shape": which filters are on, not their values) is built once per
 * list with placeholders and runs as a named prepared statement, parsed once per connection.
 * PostgreSQL still decides per statement whether a plan for the values given beats a generic
 * one (docs/benchmarks.md, "API lists under load"). A named statement needs a session of its
 * own (a pooler in session mode, as for the token lookup in api/plugins/auth.ts).
 */
import type { SQL } from 'drizzle-orm';
import { and, sql } from 'drizzle-orm';

interface Runnable<Row> { execute(values?: Record<string, unknown>): Promise<Row[]> }
interface Preparable<Row> extends Runnable<Row> { prepare(name: string): Runnable<Row> }

/**
 * Named statements per list, at most: the tasks list alone has thousands of possible shapes,
 * each held by every connection that ran it. The first ones asked for (in practice the few the
 * web UI and integrations use) are prepared; any further shape is built and run unnamed, as
 * every list was before.
 */
const MAX_NAMED_SHAPES = 32;

/** A placeholder filled from the values the route gives (`sql.placeholder`, shortened). */
export const slot = (name: string) => sql.placeholder(name);

/**
 * `filters` are the list's conditions, each written with `slot`s; `build` makes the query from
 * the active ones. The returned function runs the list with the filters named in `on` and the
 * values of their slots (and of any slot `build` itself uses, such as the limit).
 */
export function listByShape<F extends string, Row>(name: string, filters: Record<F, SQL>, build: (where: SQL | undefined) => Preparable<Row>) {
  const keys = Object.keys(filters) as F[];
  // A shape is a bit per filter in a 32-bit number: beyond 31 filters two shapes would be one.
  if (keys.length > 31) throw new Error(`listByShape ${name}: ${keys.length} filters, at most 31`);
  const prepared = new Map<number, Runnable<Row>>();
  const whereOf = (shape: number) => and(...keys.filter((_, i) => shape & (1 << i)).map((k) => filters[k]));
  return async (on: readonly F[], values: Record<string, unknown>): Promise<Row[]> => {
    let shape = 0;
    for (const f of on) {
      const bit = keys.indexOf(f);
      // A filter the list lacks would otherwise be left out of the statement without a word.
      if (bit < 0) throw new Error(`listByShape ${name}: no filter ${f}`);
      shape |= 1 << bit;
    }
    let query = prepared.get(shape);
    if (!query) {
      if (prepared.size >= MAX_NAMED_SHAPES) return build(whereOf(shape)).execute(values);
      query = build(whereOf(shape)).prepare(`${name}.${shape}`);
      prepared.set(shape, query);
    }
    return query.execute(values);
  };
}

/**
 * The filters whose value is given: for filters named as their one slot (`status: eq(col, slot('status'))`).
 * An empty text is no filter, as an empty query parameter always was here.
 */
export const given = <K extends string>(values: Partial<Record<K, unknown>>): K[] =>
  (Object.keys(values) as K[]).filter((k) => values[k] !== undefined && values[k] !== '');
