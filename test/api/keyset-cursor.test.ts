/** The one cursor format: instants travel to the microsecond, and a forged or foreign cursor is refused. */
import { ApiError } from '../../api/errors';
import { decodeCursor, pageOf } from '../../api/keyset-cursor';

const cursorOf = (key: (string | number)[]) => pageOf([{ key }, { key }], 1, (r) => r.key).nextCursor!;

test('an instant keeps its microseconds through the cursor', () => {
  const cursor = cursorOf(['2026-03-04T05:06:07.891999Z', '7d492001-e9e4-48c9-9b93-638019668344']);
  expect(decodeCursor(cursor, ['instant', 'uuid'])).toEqual(['2026-03-04T05:06:07.891999Z', '7d492001-e9e4-48c9-9b93-638019668344']);
  // A cursor from before (milliseconds, as Date#toISOString wrote it) still reads.
  expect(decodeCursor(cursorOf(['2026-03-04T05:06:07.891Z', 3]), ['instant', 'serial'])).toEqual(['2026-03-04T05:06:07.891Z', 3]);
});

test.each([
  ['not an instant', ['yesterday', '7d492001-e9e4-48c9-9b93-638019668344']],
  ['a day the calendar lacks', ['2026-02-30T00:00:00Z', '7d492001-e9e4-48c9-9b93-638019668344']],
  ['year 0', ['0000-03-04T05:06:07Z', '7d492001-e9e4-48c9-9b93-638019668344']],
  ['an instant without its zone', ['2026-03-04T05:06:07.891', '7d492001-e9e4-48c9-9b93-638019668344']],
  ['a key of another list', ['E1']],
  // 36 hex digits and dashes, but no UUID: it would reach PostgreSQL as one and fail there (500).
  ['an id that is no UUID', ['2026-03-04T05:06:07Z', '-'.repeat(36)]],
])('%s is refused with 400', (_what, key) => {
  const decode = () => decodeCursor(cursorOf(key), ['instant', 'uuid']);
  expect(decode).toThrow(ApiError);
  expect(decode).toThrow('querystring.cursor: not a cursor from this API');
});
