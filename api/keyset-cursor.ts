import { z } from 'zod';
import { isUuid } from '../domain/shared/uuid';
import { ApiError } from './errors';

/**
 * The opaque `cursor` of every list route: the sort key of a page's last item (e.g. its instant
 * and id, or its serial id) as a base64url JSON array. The route decodes it against the kinds of
 * its own key, so a forged cursor, or one of a list sorted otherwise, is refused with 400.
 */
export type CursorKeyKind = 'instant' | 'uuid' | 'serial' | 'text';
type KeyPart<K extends CursorKeyKind> = K extends 'serial' ? number : string;
/** An instant travels as ISO text to the microsecond (db/queries/row-json.ts `exactInstant`), compared in SQL as `::timestamptz`. */
type CursorKey = readonly (string | number)[];

/** The query-string parameter: the `nextCursor` of the previous page. */
export const cursorParam = z.string().max(200).optional().describe('the nextCursor of the previous page');

const encodeCursor = (key: CursorKey): string => Buffer.from(JSON.stringify(key)).toString('base64url');

/** Years 0001–9999: PostgreSQL has no year 0. */
const INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

function decodePart(kind: CursorKeyKind, value: unknown): string | number {
  switch (kind) {
    case 'instant':
      // The calendar too: 2026-02-30 would reach PostgreSQL and fail there.
      if (typeof value !== 'string' || !INSTANT.test(value) || new Date(value).toISOString().slice(0, 19) !== value.slice(0, 19)) throw new Error('bad');
      return value;
    case 'uuid':
      if (typeof value !== 'string' || !isUuid(value)) throw new Error('bad');
      return value;
    case 'serial':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw new Error('bad');
      return value;
    case 'text':
      if (typeof value !== 'string') throw new Error('bad');
      return value;
  }
}

/** The sort key a cursor carries, checked against the kinds the list sorts by. */
export function decodeCursor<const K extends readonly CursorKeyKind[]>(cursor: string, kinds: K): { -readonly [I in keyof K]: KeyPart<K[I]> } {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (!Array.isArray(parts) || parts.length !== kinds.length) throw new Error('bad');
    return kinds.map((kind, i) => decodePart(kind, parts[i])) as { -readonly [I in keyof K]: KeyPart<K[I]> };
  } catch {
    throw new ApiError(400, 'validation', 'querystring.cursor: not a cursor from this API');
  }
}

/**
 * One page of a list fetched with `limit + 1` rows: the first `limit` rows, and the cursor of
 * the next page when the extra row shows there is one.
 */
export function pageOf<R>(rows: readonly R[], limit: number, keyOf: (last: R) => CursorKey): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1])) : null };
}
