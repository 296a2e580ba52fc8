import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { exactInstant } from '../../../db/queries/row-json';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportDeliveries, reports } from '../../../db/schema';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { employerScope } from '../../scope';
import { personsEnrolledWith } from '../../../db/queries/audit';
import { recordPersonsRead } from '../../plugins/audit';
import { cursorParam, decodeCursor, pageOf } from '../../keyset-cursor';
import { redeliveryRefusal } from '../../../domain/reports/redelivery';

const reportView = z.object({
  id: z.uuid(), cycleId: z.uuid().nullable(), employerId: z.uuid(), supplierId: z.uuid(), period: z.string(), version: z.number().int(),
  fileName: z.string(), contentType: z.string(), sha256: z.string(), size: z.number().int(), lineCount: z.number().int(),
  encrypted: z.boolean(), status: z.string(), createdAt: z.string(),
  deliveries: z.array(z.object({ transport: z.string(), status: z.string(), attempts: z.number().int(), deliveredAt: z.string().nullable(), receipt: z.unknown().nullable() })),
});

const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const view = async (r: typeof reports.$inferSelect) => {
    const ds = await app.db.select().from(reportDeliveries).where(eq(reportDeliveries.reportId, r.id));
    return {
      id: r.id, cycleId: r.cycleId, employerId: r.employerId, supplierId: r.supplierId, period: r.period, version: r.version,
      fileName: r.fileName, contentType: r.contentType, sha256: r.sha256, size: r.size, lineCount: r.lineCount, encrypted: r.encrypted,
      status: r.status, createdAt: r.createdAt.toISOString(),
      deliveries: ds.map((d) => ({ transport: d.transport, status: d.status, attempts: d.attempts, deliveredAt: d.deliveredAt?.toISOString() ?? null, receipt: d.receipt ?? null })),
    };
  };

  app.get('/api/reports', {
    config: { permission: 'reports.view' },
    schema: {
      tags: ['reports'], summary: 'Monthly reports, newest first, with their deliveries',
      querystring: z.object({
        supplierId: z.uuid().optional(), employerId: z.uuid().optional(), cycleId: z.uuid().optional(), period: z.string().regex(/^\d{4}-\d{2}$/).optional(),
        cursor: cursorParam, limit: z.coerce.number().int().min(1).max(200).default(50),
      }),
      response: { 200: z.object({ items: z.array(reportView), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => {
    const { supplierId, employerId, cycleId, period, cursor, limit } = request.query;
    const conds = [employerScope(request, reports.employerId, employerId)];
    if (supplierId) conds.push(eq(reports.supplierId, supplierId));
    if (cycleId) conds.push(eq(reports.cycleId, cycleId));
    if (period) conds.push(eq(reports.period, period));
    if (cursor) {
      const [at, id] = decodeCursor(cursor, ['instant', 'uuid']);
      conds.push(sql`(${reports.createdAt}, ${reports.id}) < (${at}::timestamptz, ${id}::uuid)`);
    }
    const rows = await app.db.select({ ...getTableColumns(reports), cursorAt: exactInstant(reports.createdAt) }).from(reports).where(and(...conds))
      .orderBy(desc(reports.createdAt), desc(reports.id)).limit(limit + 1);
    const page = pageOf(rows, limit, (r) => [r.cursorAt, r.id]);
    return { ...page, items: await Promise.all(page.items.map(view)) };
  });

  app.get('/api/reports/:id', {
    config: { permission: 'reports.view' },
    schema: { tags: ['reports'], summary: 'A monthly report and its deliveries', params: z.object({ id: z.uuid() }), response: { 200: reportView } },
  }, async (request) => {
    const [r] = await app.db.select().from(reports).where(eq(reports.id, request.params.id));
    if (!r) throw notFound('report');
    authorizeEmployer(request, r.employerId, {}, 'report');
    return view(r);
  });

  app.post('/api/reports/:id/redeliver', {
    config: { permission: 'cycles.manage' },
    schema: {
      tags: ['reports'], summary: 'Deliver a report again whose delivery failed (the same file, the supplier\'s current delivery settings); answers with the outcome',
      params: z.object({ id: z.uuid() }), response: { 200: reportView },
    },
  }, async (request) => {
    const [r] = await app.db.select().from(reports).where(eq(reports.id, request.params.id));
    if (!r) throw notFound('report');
    authorizeEmployer(request, r.employerId, {}, 'report');
    const refusal = redeliveryRefusal(r.status);
    if (refusal) throw new ApiError(409, refusal.code, refusal.message);
    if (r.filePurgedAt) throw new ApiError(410, 'purged', 'the file was removed at the end of its retention term');
    if (await app.cycleWorkflows.redeliverReport(r.id) === 'running') throw new ApiError(409, 'redelivery_running', 'the report is being delivered again already');
    const [now] = await app.db.select().from(reports).where(eq(reports.id, r.id));
    return view(now);
  });

  app.get('/api/reports/:id/file', {
    config: { permission: 'reports.view' },
    schema: { tags: ['reports'], summary: 'The report file exactly as it was sent (download channel too)', params: z.object({ id: z.uuid() }) },
  }, async (request, reply) => {
    const [r] = await app.db.select().from(reports).where(eq(reports.id, request.params.id));
    if (!r) throw notFound('report');
    authorizeEmployer(request, r.employerId, {}, 'report');
    if (r.filePurgedAt) throw new ApiError(410, 'purged', 'the file was removed at the end of its retention term');
    recordPersonsRead(request, await personsEnrolledWith(app.db, r.employerId, r.supplierId));
    return reply
      .header('content-type', r.contentType)
      .header('content-disposition', `attachment; filename="${r.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .header('x-content-sha256', r.sha256)
      .send(await app.files.readReport(r.sha256));
  });
};

export default reportRoutes;
