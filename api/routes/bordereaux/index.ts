import { and, desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { personsNamedBy, supplierBordereauProfile, uploadBordereau } from '../../../activities/reconciliation/bordereau-run';
import { recordPersonsRead } from '../../plugins/audit';
import { resolveBordereauDifference } from '../../../activities/reconciliation/bordereau-resolution';
import { renderBordereauXlsx } from '../../../activities/reconciliation/bordereau-report-xlsx';
import { BORDEREAU_RESOLUTIONS, bordereauProfiles, bordereauResolutions, bordereauRuns, suppliers } from '../../../db/schema';
import { bordereauProfileSchema } from '../../../domain/reconciliation/bordereau-profile';
import type { BordereauOutcome } from '../../../domain/reconciliation/bordereau';
import { isPeriod } from '../../../domain/shared/calendar';
import { actorOf } from '../../actor';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { readOneFile } from '../../upload';
import { bordereauListSchema, bordereauRunSchema, bordereauUploadedSchema } from './schemas';

const MAX_BORDEREAU_BYTES = 50 * 1024 * 1024;
const pairParams = z.object({ id: z.uuid(), supplierId: z.uuid() });
const uploadQuery = z.object({
  period: z.string().refine(isPeriod, 'a period yyyy-mm'),
  replace: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** Why "our data was wrong" could not send a correction, in words the user can act on. */
const NO_CORRECTION = {
  nothing_of_ours: 'this difference is not about data of ours: no correction message can be sent; choose another reason',
  person_unknown: 'nobody of this employer has this national id: enrol the person (the enrollment sends its own message)',
  no_enrollment: 'the person has no enrollment with this insurer to correct: enrol them (the enrollment sends its own message)',
  no_message_channel: 'this insurer takes no messages (it hears through the monthly report): correct the data; the next report carries it',
} as const;

const bordereauRoutes: FastifyPluginAsyncZod = async (app) => {
  const runView = async (runId: string) => {
    const [run] = await app.db.select().from(bordereauRuns).where(eq(bordereauRuns.id, runId));
    if (!run) throw notFound('bordereau run');
    const resolutions = await app.db.select().from(bordereauResolutions).where(eq(bordereauResolutions.runId, runId));
    const byFp = new Map(resolutions.map((r) => [r.fingerprint, r]));
    const outcome = run.outcome as BordereauOutcome;
    const { correctionWindowDays } = await supplierBordereauProfile(app.db, run.supplierId);
    return {
      run,
      view: {
        id: run.id, employerId: run.employerId, supplierId: run.supplierId, period: run.period, status: run.status,
        createdAt: run.createdAt.toISOString(), result: outcome.status, lines: outcome.lines, correctionWindowDays,
        purgedAt: run.purgedAt?.toISOString() ?? null,
        ...(run.purgedAt && outcome.status === 'reconciled' ? { differenceCount: (outcome as { differenceCount?: number }).differenceCount ?? 0 } : {}),
        ...(outcome.status === 'no_communication'
          ? { message: 'Nothing has been communicated to this insurer up to this period yet: there is nothing to reconcile against.' }
          : {}),
        differences: outcome.status === 'reconciled'
          ? outcome.differences.map((d) => ({ ...d, resolution: byFp.get(d.fingerprint)?.reason ?? null, correctionMessageId: byFp.get(d.fingerprint)?.messageId ?? null }))
          : [],
      },
    };
  };

  app.get('/api/suppliers/:id/bordereau-profile', {
    config: { permission: 'suppliers.view' },
    schema: { tags: ['bordereaux'], summary: 'How this supplier\'s bordereau maps, with its movement code table', params: z.object({ id: z.uuid() }), response: { 200: bordereauProfileSchema } },
  }, async (request) => supplierBordereauProfile(app.db, request.params.id));

  app.put('/api/suppliers/:id/bordereau-profile', {
    config: { permission: 'suppliers.manage' },
    schema: { tags: ['bordereaux'], summary: 'Set the supplier\'s bordereau mapping and movement codes', params: z.object({ id: z.uuid() }), body: bordereauProfileSchema, response: { 200: bordereauProfileSchema } },
  }, async (request) => {
    const [s] = await app.db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, request.params.id));
    if (!s) throw notFound('supplier');
    await app.db.insert(bordereauProfiles).values({ supplierId: s.id, profile: request.body })
      .onConflictDoUpdate({ target: bordereauProfiles.supplierId, set: { profile: request.body, updatedAt: new Date() } });
    return request.body;
  });

  app.post('/api/employers/:id/suppliers/:supplierId/bordereaux', {
    config: { permission: 'persons.edit' },
    schema: {
      tags: ['bordereaux'], summary: 'Upload and reconcile a premium bordereau for a period',
      description: 'multipart/form-data with `file` (CSV or XLSX). All or nothing: a file that does not map answers 422 naming row, column and problem, '
        + 'and nothing is stored. A period that already has a bordereau answers 409 unless `replace=true` (the earlier run is kept as replaced); '
        + 'the very file of another period\'s bordereau answers 409 `bordereau_of_other_period`.',
      consumes: ['multipart/form-data'], params: pairParams, querystring: uploadQuery, response: { 201: bordereauUploadedSchema },
    },
  }, async (request, reply) => {
    const { id: employerId, supplierId } = request.params;
    authorizeEmployer(request, employerId);
    const bytes = await readOneFile(request, MAX_BORDEREAU_BYTES, 'a bordereau may be at most 50 MiB');
    const result = await uploadBordereau({ db: app.db, secrets: app.secrets }, { employerId, supplierId, period: request.query.period, replace: request.query.replace, bytes, actor: actorOf(request) });
    if (result.kind === 'invalid') {
      throw new ApiError(422, 'invalid_file', `the bordereau does not map: ${result.problems.slice(0, 5).map((p) => `row ${p.row}, column ${p.column || '-'}: ${p.code}`).join('; ')}`, { problems: result.problems });
    }
    if (result.kind === 'other_period') {
      throw new ApiError(409, 'bordereau_of_other_period', `this very file is the bordereau reconciled for ${result.period} (run ${result.runId}): upload this period's own file`, { runId: result.runId, period: result.period });
    }
    if (result.kind === 'duplicate') {
      throw new ApiError(409, 'bordereau_exists', result.sameFile
        ? `this bordereau was already uploaded for this period (run ${result.runId}); send replace=true to reconcile it again`
        : `a bordereau is already reconciled for this period (run ${result.runId}); send replace=true to replace it (the earlier run is kept)`, { runId: result.runId });
    }
    return reply.status(201).send({ ...(await runView(result.runId)).view, replacedRunId: result.replacedRunId });
  });

  app.get('/api/employers/:id/suppliers/:supplierId/bordereaux', {
    config: { permission: 'persons.view' },
    schema: { tags: ['bordereaux'], summary: 'Reconciled bordereaux of an employer with a supplier, newest period first', params: pairParams, response: { 200: bordereauListSchema } },
  }, async (request) => {
    authorizeEmployer(request, request.params.id);
    const rows = await app.db.select({ id: bordereauRuns.id, period: bordereauRuns.period, status: bordereauRuns.status, createdAt: bordereauRuns.createdAt })
      .from(bordereauRuns).where(and(eq(bordereauRuns.employerId, request.params.id), eq(bordereauRuns.supplierId, request.params.supplierId)))
      .orderBy(desc(bordereauRuns.period), desc(bordereauRuns.createdAt)).limit(500);
    return { items: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
  });

  app.get('/api/bordereaux/:id', {
    config: { permission: 'persons.view' },
    schema: { tags: ['bordereaux'], summary: 'A reconciled bordereau with its differences (people who left and are still billed first)', params: z.object({ id: z.uuid() }), response: { 200: bordereauRunSchema } },
  }, async (request) => {
    const { run, view } = await runView(request.params.id);
    authorizeEmployer(request, run.employerId);
    recordPersonsRead(request, await personsNamedBy(app.db, run.employerId, view.differences.map((d) => d.nationalId)));
    return view;
  });

  app.get('/api/bordereaux/:id/report', {
    config: { permission: 'persons.view' },
    schema: {
      tags: ['bordereaux'], summary: 'The reconciliation as XLSX (summary sheet, differences sheet) in NL, FR or EN',
      params: z.object({ id: z.uuid() }), querystring: z.object({ lang: z.enum(['nl', 'fr', 'en']).default('en') }),
    },
  }, async (request, reply) => {
    const { run, view } = await runView(request.params.id);
    authorizeEmployer(request, run.employerId);
    if (run.purgedAt) throw new ApiError(410, 'purged', 'the bordereau\'s lines and differences were removed at the end of their retention term; the counts remain');
    recordPersonsRead(request, await personsNamedBy(app.db, run.employerId, view.differences.map((d) => d.nationalId)));
    const resolutions = await app.db.select().from(bordereauResolutions).where(eq(bordereauResolutions.runId, run.id));
    const bytes = await renderBordereauXlsx(run.outcome as BordereauOutcome, new Map(resolutions.map((r) => [r.fingerprint, r.reason])), request.query.lang);
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="bordereau-${run.period}.xlsx"`).send(bytes);
  });

  app.post('/api/bordereaux/:id/resolutions', {
    config: { permission: 'persons.edit' },
    schema: {
      tags: ['bordereaux'], summary: 'Resolve a difference with a reason',
      description: '`accepted` differences that come back unchanged next month are shown as recurring and accepted, not raised again. '
        + '`our_data_wrong` sends the insurer a correction message with our data as it now stands (correct it first), linked from the difference '
        + '(`correctionMessageId`); 409 `no_correction_message` where none can be made.',
      params: z.object({ id: z.uuid() }),
      body: z.object({ fingerprint: z.string().min(1).max(500), reason: z.enum(BORDEREAU_RESOLUTIONS), note: z.string().max(1000).optional() }),
      response: { 200: bordereauRunSchema },
    },
  }, async (request) => {
    const { run } = await runView(request.params.id);
    authorizeEmployer(request, run.employerId);
    const result = await resolveBordereauDifference(app.db, {
      runId: run.id, fingerprint: request.body.fingerprint, reason: request.body.reason, note: request.body.note ?? null, actor: actorOf(request),
    });
    if (result.kind === 'not_found') throw new ApiError(404, 'not_found', 'fingerprint: no such difference on this bordereau');
    if (result.kind === 'no_correction') throw new ApiError(409, 'no_correction_message', NO_CORRECTION[result.why]);
    if (result.message) await app.messageWorkflows.start([{ messageId: result.message.id, version: result.message.version }]);
    return (await runView(run.id)).view;
  });
};

export default bordereauRoutes;
