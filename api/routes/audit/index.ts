import { Readable } from 'node:stream';
import { and, desc, eq, gte, lt, lte, or, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditCsvHeader, auditCsvLine } from '../../../domain/access/audit-csv';
import { z } from 'zod';
import { verifyAuditChain } from '../../../db/queries/audit';
import { auditLog } from '../../../db/schema';
import { ApiError } from '../../errors';
import { cursorParam, decodeCursor, pageOf } from '../../keyset-cursor';
import { employerScope } from '../../scope';

const entry = z.object({
  id: z.number(), at: z.string(), actor: z.string(), action: z.string(), method: z.string(), route: z.string(), resourceId: z.string().nullable(),
  employerId: z.uuid().nullable(), personId: z.uuid().nullable(), status: z.number(), ip: z.string().nullable(),
  personIds: z.array(z.uuid()).nullable().describe('the persons a list or an export showed'),
  prevHash: z.string().nullable(), hash: z.string().nullable(),
});

const filters = z.object({
  personId: z.uuid().optional(), employerId: z.uuid().optional(), actor: z.string().max(400).optional(), action: z.string().max(40).optional(),
  from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional(),
});

/** The filters as conditions (an auditor granted some employers reads the records about those only). */
function filterConditions(request: FastifyRequest, q: z.infer<typeof filters>) {
  if (q.from && q.to && q.to < q.from) throw new ApiError(400, 'validation', 'querystring.to: before from');
  return [
    // A person was seen one by one (person_id) or in a list or export (person_ids).
    q.personId ? or(eq(auditLog.personId, q.personId), sql`${auditLog.personIds} @> array[${q.personId}]::uuid[]`) : undefined, employerScope(request, auditLog.employerId, q.employerId),
    q.actor ? eq(auditLog.actor, q.actor) : undefined, q.action ? eq(auditLog.action, q.action) : undefined,
    q.from ? gte(auditLog.at, new Date(q.from)) : undefined, q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
  ];
}

/** Rows per database read while an export streams. */
const EXPORT_PAGE = 1000;

/** The audit trail, newest first (read-only: the table refuses changes). */
const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/audit', {
    config: { permission: 'admin.audit' },
    schema: {
      tags: ['audit'], summary: 'Who viewed or changed what, on which person and employer, when, from where',
      querystring: filters.extend({ cursor: cursorParam, limit: z.coerce.number().int().min(1).max(1000).default(200) }),
      response: { 200: z.object({ items: z.array(entry), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => {
    const q = request.query;
    const conds = [...filterConditions(request, q), q.cursor ? lt(auditLog.id, decodeCursor(q.cursor, ['serial'])[0]) : undefined].filter(Boolean);
    const rows = await app.db.select().from(auditLog).where(conds.length ? and(...conds) : undefined).orderBy(desc(auditLog.id)).limit(q.limit + 1);
    const page = pageOf(rows, q.limit, (r) => [r.id]);
    return { ...page, items: page.items.map((r) => ({ ...r, at: r.at.toISOString() })) };
  });

  app.get('/api/audit/export.csv', {
    config: { permission: 'admin.audit' },
    schema: {
      tags: ['audit'], summary: 'The audit trail under the same filters as a CSV file, newest first, streamed',
      description: 'Every entry that matches, read in pages while the file streams. The export itself is an entry of the trail.',
      querystring: filters, produces: ['text/csv'],
    },
  }, async (request, reply) => {
    const conds = filterConditions(request, request.query);
    const db = app.db;
    async function* lines() {
      yield auditCsvHeader();
      let before: number | undefined;
      for (;;) {
        const where = [...conds, before !== undefined ? lt(auditLog.id, before) : undefined].filter(Boolean);
        const rows = await db.select().from(auditLog).where(where.length ? and(...where) : undefined).orderBy(desc(auditLog.id)).limit(EXPORT_PAGE);
        if (rows.length) yield rows.map((r) => auditCsvLine({ ...r, at: r.at.toISOString() })).join('');
        if (rows.length < EXPORT_PAGE) return;
        before = rows[rows.length - 1].id;
      }
    }
    return reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-trail.csv"')
      .send(Readable.from(lines()));
  });

  app.get('/api/audit/verify', {
    config: { permission: 'admin.audit' },
    schema: {
      tags: ['audit'], summary: 'Checks the hash chain over the whole trail: where an entry was changed or removed',
      description: 'Each entry holds the hash of the one before and its own; `breaks` names the first entries that do not fit '
        + '(`altered`: its content changed; `gap`: an entry before it was removed or changed; `head`: the newest entries were removed).',
      response: {
        200: z.object({
          ok: z.boolean(), checked: z.number(), firstId: z.number().nullable(), lastId: z.number().nullable(),
          breaks: z.array(z.object({ id: z.number(), reason: z.enum(['altered', 'gap', 'head']) })),
        }),
      },
    },
  }, async () => verifyAuditChain(app.db));
};

export default auditRoutes;
