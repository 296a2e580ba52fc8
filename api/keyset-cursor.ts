import { ApiError } from './errors';

/**
 * The opaque `cursor` of the list routes: the last item's (instant, id), base64url. One format
 * for every list ordered by a timestamp and then an id.
 */
export const encodeCursor = (at: Date, id: string) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');

export function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad');
    return [date, id];
  } catch {
    throw new ApiError(400, 'validation', 'querystring.cursor: not a cursor from this API');
  }
}
