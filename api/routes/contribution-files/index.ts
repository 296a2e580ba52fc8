import { and, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { produceContributionFile } from '../../../activities/contributions/contribution-files';
import { contributionFiles, contributionLines, employers } from '../../../db/schema';
import { isPeriod } from '../../../domain/shared/calendar';
import { actorOf } from '../../actor';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { recordPersonsRead } from '../../plugins/audit';

const fileView = z.object({
  id: z.uuid(), employerId: z.uuid(), period: z.string(), version: z.number().int(), cycleId: z.uuid().nullable(), replacesId: z.uuid().nullable(),
  fileName: z.string(), contentType: z.string(), sha256: z.string(), size: z.number().int(), lineCount: z.number().int(), employeeTotalCents: z.number().int(),
  findingCount: z.number().int(), status: z.string(), transport: z.string().nullable(), deliveredAt: z.string().nullable(), createdBy: z.string(), createdAt: z.string(),
  purged: z.boolean(),
  downloadUrl: z.string(),
});

const detailView = fileView.extend({
  findings: z.array(z.object({ personId: z.string(), employeeNumber: z.string(), planId: z.string(), field: z.string(), months: z.array(z.string()) })),
  differences: z.array(z.object({
    employeeNumber: z.string(), payCode: z.string(), month: z.string(), reason: z.string(), oldCents: z.number().int().nullable(), newCents: z.number().int().nullable(),
  })).nullable(),
});

type FileRow = typeof contributionFiles.$inferSelect;
const view = (f: FileRow) => ({
  id: f.id, employerId: f.employerId, period: f.period, version: f.version, cycleId: f.cycleId, replacesId: f.replacesId,
  fileName: f.fileName, contentType: f.contentType, sha256: f.sha256, size: f.size, lineCount: f.lineCount, employeeTotalCents: f.employeeTotalCents,
  findingCount: (f.findings as unknown[]).length, status: f.status, transport: f.transport, deliveredAt: f.deliveredAt?.toISOString() ?? null,
  createdBy: f.createdBy, createdAt: f.createdAt.toISOString(), purged: Boolean(f.filePurgedAt), downloadUrl: `/api/contribution-files/${f.id}/file`,
});

const contributionFileRoutes: FastifyPluginAsyncZod = async (app) => {
  const employer = async (request: Parameters<typeof authorizeEmployer>[0], id: string) => {
    authorizeEmployer(request, id, {}, 'employer');
    const [row] = await app.db.select({ id: employers.id }).from(employers).where(eq(employers.id, id));
    if (!row) throw notFound('employer');
  };
  const load = async (request: Parameters<typeof authorizeEmployer>[0], id: string) => {
    const [f] = await app.db.select().from(contributionFiles).where(eq(contributionFiles.id, id));
    if (!f) throw notFound('contribution file');
    authorizeEmployer(request, f.employerId, {}, 'contribution file');
    return f;
  };
  const detail = (f: FileRow) => ({ ...view(f), findings: f.findings as z.infer<typeof detailView>['findings'], differences: f.differences as z.infer<typeof detailView>['differences'] });
  /** The people a file's lines and findings are about: reading it is reading their data. */
  const personsOf = async (f: FileRow) => {
    const lines = await app.db.selectDistinct({ personId: contributionLines.personId }).from(contributionLines).where(eq(contributionLines.fileId, f.id));
    return [...lines.map((l) => l.personId), ...(f.findings as { personId: string }[]).map((x) => x.personId)];
  };

  app.get('/api/employers/:id/contribution-files', {
    config: { permission: 'reports.view' },
    schema: {
      tags: ['contributions'], summary: 'The employer\'s contribution files, newest period and version first',
      params: z.object({ id: z.uuid() }), querystring: z.object({ period: z.string().refine(isPeriod, 'a period yyyy-mm').optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      response: { 200: z.object({ items: z.array(fileView) }) },
    },
  }, async (request) => {
    await employer(request, request.params.id);
    const conds = [eq(contributionFiles.employerId, request.params.id)];
    if (request.query.period) conds.push(eq(contributionFiles.period, request.query.period));
    const rows = await app.db.select().from(contributionFiles).where(and(...conds))
      .orderBy(desc(contributionFiles.period), desc(contributionFiles.version)).limit(request.query.limit);
    return { items: rows.map(view) };
  });

  app.post('/api/employers/:id/contribution-files', {
    config: { permission: 'cycles.manage' },
    schema: {
      tags: ['contributions'], summary: 'Produce the period\'s contribution file now: the same file when nothing changed, else a new version with its differences',
      params: z.object({ id: z.uuid() }), body: z.object({ period: z.string().refine(isPeriod, 'a period yyyy-mm') }),
      response: { 200: z.object({ created: z.boolean(), file: detailView }), 201: z.object({ created: z.boolean(), file: detailView }) },
    },
  }, async (request, reply) => {
    await employer(request, request.params.id);
    const produced = await produceContributionFile(app.db, app.files, { employerId: request.params.id, period: request.body.period, actor: actorOf(request) });
    if (!produced.fileId) throw new ApiError(409, 'not_configured', 'the employer has no contribution settings (PUT /api/employers/:id/contribution-settings)');
    const f = await load(request, produced.fileId);
    recordPersonsRead(request, await personsOf(f));
    return reply.code(produced.created ? 201 : 200).send({ created: produced.created, file: detail(f) });
  });

  app.get('/api/contribution-files/:id', {
    config: { permission: 'reports.view' },
    schema: { tags: ['contributions'], summary: 'A contribution file: its findings (persons that could not be computed) and, for a new version, its differences', params: z.object({ id: z.uuid() }), response: { 200: detailView } },
  }, async (request) => {
    const f = await load(request, request.params.id);
    recordPersonsRead(request, await personsOf(f));
    return detail(f);
  });

  app.get('/api/contribution-files/:id/file', {
    config: { permission: 'reports.view' },
    schema: { tags: ['contributions'], summary: 'The contribution file exactly as produced (the download channel)', params: z.object({ id: z.uuid() }) },
  }, async (request, reply) => {
    const f = await load(request, request.params.id);
    if (f.filePurgedAt) throw new ApiError(410, 'purged', 'the file was removed at the end of its retention term');
    recordPersonsRead(request, await personsOf(f));
    return reply
      .header('content-type', f.contentType)
      .header('content-disposition', `attachment; filename="${f.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .header('x-content-sha256', f.sha256)
      .send(await app.files.readReport(f.sha256));
  });
};

export default contributionFileRoutes;
