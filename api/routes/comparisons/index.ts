import '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, asc, desc, eq, gt, inArray, isNull } from 'drizzle-orm';
import { uploadInUse } from '../../../db/queries/uploads';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { comparisonDefinitions, comparisonPeriodFiles, comparisonResults, comparisonRuns, employers, payrollImports } from '../../../db/schema';
import { sniffFormat } from '../../../domain/payroll/file-format';
import type { ImportError } from '../../../domain/payroll/import-errors';
import { type ComparisonDefinition, comparisonDefinitionSchema } from '../../../domain/reconciliation/comparison-definition';
import type { UnparseableReason } from '../../../domain/reconciliation/comparison-matcher';
import { missingSides } from '../../../domain/reconciliation/comparison-monthly';
import { UploadTooLargeError } from '../../../infra/file-store';
import { writeComparisonReport } from '../../../activities/reconciliation/comparison-report';
import { INVALID_COMPARISON_FILE, comparisonWorkflowId, getComparisonProgress } from '../../../workflows/shared';
import { ApiError, notFound } from '../../errors';
import { decodeCursor, pageOf } from '../../keyset-cursor';
import { authorizeEmployer } from '../../plugins/auth';
import { idParams } from '../employers/schemas';
import { definitionView, periodFileQuery, periodParams, periodView, reportQuery, resultsPage, resultsQuery, runAccepted, runQuery, runView } from './schemas';

type DefinitionRow = typeof comparisonDefinitions.$inferSelect;
type RunRow = typeof comparisonRuns.$inferSelect;

const formatBytes = (n: number) =>
  n >= 1024 ** 2 ? `${Math.floor(n / 1024 ** 2)} MiB` : n >= 1024 ? `${Math.floor(n / 1024)} KiB` : `${n} bytes`;

const definitionViewOf = (row: DefinitionRow) => ({
  id: row.id, employerId: row.employerId, name: row.name, version: row.version,
  definition: row.definition as Record<string, unknown>, createdBy: row.createdBy,
  createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
});

function runViewOf(row: RunRow, progress: { stage: string; rows: number } | null) {
  const definition = comparisonDefinitionSchema.parse(row.definition);
  const file = (name: string | null, size: number | null, sha256: string | null) => (name && sha256 ? { name, size: size ?? 0, sha256 } : null);
  return {
    id: row.id, definitionId: row.definitionId, employerId: row.employerId, definitionVersion: row.definitionVersion,
    status: row.status, stage: row.stage, progress,
    sideA: { source: definition.sideA.source, label: definition.sideA.label, file: file(row.aFileName, row.aFileSize, row.aFileSha256), importId: row.aImportId },
    sideB: { source: 'file' as const, label: definition.sideB.label, file: file(row.bFileName, row.bFileSize, row.bFileSha256) },
    counts: row.counts as Record<string, number>, errorCount: row.errorCount, errors: row.errors as ImportError[],
    startedBy: row.startedBy, startedAt: row.createdAt.toISOString(), completedAt: row.completedAt?.toISOString() ?? null,
    workflowId: row.workflowId, period: row.period, cycleId: row.cycleId, resultsPurgedAt: row.resultsPurgedAt?.toISOString() ?? null,
  };
}

/**
 * Comparisons of two systems' files: saved definitions per employer, runs (an upload of one or
 * two files, compared by the fileComparison workflow), their result lines and XLSX report.
 * Result lines hold personal values: they need persons.view on the employer.
 */
const comparisonRoutes: FastifyPluginAsyncZod = async (app) => {
  const authorizedDefinition = async (request: FastifyRequest, id: string) => {
    const [row] = await app.db.select().from(comparisonDefinitions).where(eq(comparisonDefinitions.id, id));
    if (!row) throw notFound('comparison definition');
    authorizeEmployer(request, row.employerId);
    return row;
  };
  const authorizedRun = async (request: FastifyRequest, id: string) => {
    const [row] = await app.db.select().from(comparisonRuns).where(eq(comparisonRuns.id, id));
    if (!row) throw notFound('comparison run');
    authorizeEmployer(request, row.employerId);
    return row;
  };
  const liveProgress = async (row: RunRow): Promise<{ stage: string; rows: number } | null> => {
    if (row.status !== 'running') return null;
    try {
      const [beat, state] = await Promise.all([
        app.comparisonWorkflows.lastHeartbeat(row.workflowId),
        app.comparisonWorkflows.handle(row.workflowId).query(getComparisonProgress),
      ]);
      return { stage: beat?.stage ?? state.stage, rows: beat?.rows ?? 0 };
    } catch {
      // Progress is a nicety: an unreachable Temporal must not fail the read.
      return { stage: row.stage, rows: 0 };
    }
  };
  /** Removes an upload nothing refers to (a refused request leaves nothing behind). */
  const discardUpload = async (sha256: string) => {
    if (!(await uploadInUse(app.db, sha256))) await rm(app.files.uploadPath(sha256), { force: true });
  };

  app.post('/api/employers/:id/comparison-definitions', {
    config: { permission: 'payroll.upload' },
    schema: {
      tags: ['comparisons'], summary: 'Save a comparison of two systems\' files',
      description: 'Side A (a file read with a mapping profile, or `{"source":"payroll"}` for Mutaflow\'s current payroll photo), '
        + 'side B (a file), the key (one or more fields, normalised) and field pairs with a tolerance each. '
        + 'A profile may be `{"preset": "nl-payroll-csv"}`.',
      params: idParams, body: comparisonDefinitionSchema, response: { 201: definitionView },
    },
  }, async (request, reply) => {
    authorizeEmployer(request, request.params.id);
    const [employer] = await app.db.select({ id: employers.id }).from(employers).where(eq(employers.id, request.params.id));
    if (!employer) throw notFound('employer');
    const [row] = await app.db.insert(comparisonDefinitions).values({
      employerId: employer.id, name: request.body.name, definition: request.body, createdBy: request.principal!.name,
    }).returning();
    return reply.status(201).send(definitionViewOf(row));
  });

  app.get('/api/employers/:id/comparison-definitions', {
    config: { permission: 'payroll.view' },
    schema: { tags: ['comparisons'], summary: 'The employer\'s saved comparisons', params: idParams, response: { 200: z.object({ items: z.array(definitionView) }) } },
  }, async (request) => {
    authorizeEmployer(request, request.params.id);
    const rows = await app.db.select().from(comparisonDefinitions).where(eq(comparisonDefinitions.employerId, request.params.id))
      .orderBy(asc(comparisonDefinitions.name)).limit(500);
    return { items: rows.map(definitionViewOf) };
  });

  app.get('/api/comparison-definitions/:id', {
    config: { permission: 'payroll.view' },
    schema: { tags: ['comparisons'], summary: 'A saved comparison', params: idParams, response: { 200: definitionView } },
  }, async (request) => definitionViewOf(await authorizedDefinition(request, request.params.id)));

  app.put('/api/comparison-definitions/:id', {
    config: { permission: 'payroll.upload' },
    schema: {
      tags: ['comparisons'], summary: 'Replace a saved comparison (its version goes up; earlier runs keep the version they ran with)',
      params: idParams, body: comparisonDefinitionSchema, response: { 200: definitionView },
    },
  }, async (request) => {
    const current = await authorizedDefinition(request, request.params.id);
    const [row] = await app.db.update(comparisonDefinitions).set({
      name: request.body.name, definition: request.body, version: current.version + 1, updatedAt: new Date(),
    }).where(eq(comparisonDefinitions.id, current.id)).returning();
    return row ? definitionViewOf(row) : definitionViewOf(current);
  });

  app.post('/api/comparison-definitions/:id/runs', {
    config: { permission: 'payroll.upload' },
    schema: {
      tags: ['comparisons'], summary: 'Compare: upload side A\'s file (`fileA`, unless side A is the payroll photo) and side B\'s (`fileB`)',
      description: 'multipart/form-data. Answers 202 at once; with `?wait=true`, 201 with the run when done, or 422 with the errors '
        + 'of a file that does not map (file, row, column; nothing stored). The same files again answer 409 with the earlier run, '
        + 'unless `?replace=true` (the earlier run stays).',
      consumes: ['multipart/form-data'],
      params: idParams, querystring: runQuery,
      response: { 201: runView, 202: runAccepted },
    },
  }, async (request, reply) => {
    const definitionRow = await authorizedDefinition(request, request.params.id);
    const definition: ComparisonDefinition = comparisonDefinitionSchema.parse(definitionRow.definition);
    if (!request.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send multipart/form-data with the fields fileA and fileB');

    const uploads: Partial<Record<'fileA' | 'fileB', { sha256: string; size: number; path: string; fileName: string }>> = {};
    const discardAll = async () => {
      for (const u of Object.values(uploads)) if (u) await discardUpload(u.sha256);
    };
    try {
      for await (const part of request.parts({ limits: { files: 2, fileSize: app.maxUploadBytes } })) {
        if (part.type !== 'file') continue;
        if ((part.fieldname !== 'fileA' && part.fieldname !== 'fileB') || uploads[part.fieldname]) {
          part.file.resume();
          throw new ApiError(400, 'validation', 'send at most one file in each of the fields "fileA" and "fileB"');
        }
        const fileName = part.filename || part.fieldname;
        try {
          uploads[part.fieldname] = { ...(await app.files.saveUpload(part.file, app.maxUploadBytes)), fileName };
        } catch (err) {
          if (!(err instanceof UploadTooLargeError) && (err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
          const message = `the file is larger than the upload limit of ${formatBytes(app.maxUploadBytes)}`;
          throw new ApiError(413, 'file_too_large', `${fileName}: ${message}`, { errors: [{ code: 'file_too_large', file: fileName, message }] });
        }
      }
    } catch (err) {
      await discardAll();
      throw err;
    }
    const refuse = async (error: ApiError) => {
      await discardAll();
      return error;
    };
    const a = uploads.fileA;
    const b = uploads.fileB;
    const payrollSide = definition.sideA.source === 'payroll';
    if (!b) throw await refuse(new ApiError(400, 'validation', 'fileB: no file uploaded for side B'));
    if (payrollSide && a) throw await refuse(new ApiError(400, 'validation', 'fileA: side A is Mutaflow\'s payroll photo; upload side B only'));
    if (!payrollSide && !a) throw await refuse(new ApiError(400, 'validation', 'fileA: no file uploaded for side A'));
    if (a && a.sha256 === b.sha256) {
      throw await refuse(new ApiError(409, 'same_file', `${b.fileName}: side A and side B are the same file`));
    }

    // Cheap checks on the first bytes answer at once; the rows are read by the workflow.
    for (const [upload, side] of [[a, definition.sideA], [b, definition.sideB]] as const) {
      if (!upload || side.source !== 'file') continue;
      const format = sniffFormat(await app.files.uploadHead(upload.sha256), upload.fileName, side.profile);
      if (typeof format !== 'string') {
        throw await refuse(new ApiError(format.code === 'empty_file' ? 400 : 415, format.code, `${format.file}: ${format.message}`, { errors: [format] }));
      }
    }

    let aImportId: string | null = null;
    if (payrollSide) {
      const [photo] = await app.db.select({ id: payrollImports.id }).from(payrollImports)
        .where(and(eq(payrollImports.employerId, definitionRow.employerId), eq(payrollImports.status, 'completed')))
        .orderBy(desc(payrollImports.period), desc(payrollImports.completedAt)).limit(1);
      if (!photo) throw await refuse(new ApiError(409, 'no_payroll_photo', 'the employer has no completed payroll import to compare with yet'));
      aImportId = photo.id;
    }

    // The same files (or photo and file) for the same definition version: recognised.
    const [earlier] = await app.db.select().from(comparisonRuns).where(and(
      eq(comparisonRuns.definitionId, definitionRow.id), eq(comparisonRuns.definitionVersion, definitionRow.version),
      eq(comparisonRuns.bFileSha256, b.sha256),
      a ? eq(comparisonRuns.aFileSha256, a.sha256) : isNull(comparisonRuns.aFileSha256),
      aImportId ? eq(comparisonRuns.aImportId, aImportId) : isNull(comparisonRuns.aImportId),
      inArray(comparisonRuns.status, ['running', 'completed']), isNull(comparisonRuns.resultsPurgedAt),
    )).orderBy(desc(comparisonRuns.createdAt)).limit(1);
    if (earlier && request.query.replace !== 'true') {
      throw new ApiError(409, 'duplicate_comparison', `these files were compared already (run ${earlier.id}); send ?replace=true to compare them again`, { runId: earlier.id });
    }

    const runId = randomUUID();
    const workflowId = comparisonWorkflowId(runId);
    await app.db.insert(comparisonRuns).values({
      id: runId, definitionId: definitionRow.id, employerId: definitionRow.employerId, definitionVersion: definitionRow.version,
      definition: definitionRow.definition, aFileName: a?.fileName ?? null, aFileSha256: a?.sha256 ?? null, aFileSize: a?.size ?? null, aImportId,
      bFileName: b.fileName, bFileSha256: b.sha256, bFileSize: b.size, startedBy: request.principal!.name, workflowId,
    });
    let handle;
    try {
      handle = await app.comparisonWorkflows.start(workflowId, runId);
    } catch (err) {
      await app.db.delete(comparisonRuns).where(eq(comparisonRuns.id, runId));
      throw err;
    }
    if (request.query.wait !== 'true') return reply.status(202).send({ runId, workflowId, status: 'running' });
    try {
      await handle.result();
    } catch (err) {
      const cause = err instanceof WorkflowFailedError ? err.cause : undefined;
      const [row] = await app.db.select().from(comparisonRuns).where(eq(comparisonRuns.id, runId));
      if (cause instanceof ApplicationFailure && cause.type === INVALID_COMPARISON_FILE) {
        const errors = row.errors as ImportError[];
        throw new ApiError(422, 'invalid_comparison_file', `${errors[0]?.file ?? 'file'}: ${row.errorCount} error(s)`, { runId, errors });
      }
      throw new ApiError(500, 'comparison_failed', 'the comparison failed; see its status', { runId });
    }
    const [done] = await app.db.select().from(comparisonRuns).where(eq(comparisonRuns.id, runId));
    return reply.status(201).send(runViewOf(done, null));
  });

  /** A monthly comparison's files for a period, what it still lacks, and the period's runs. */
  const periodViewOf = async (definitionRow: DefinitionRow, period: string) => {
    const definition = comparisonDefinitionSchema.parse(definitionRow.definition);
    const files = await app.db.select().from(comparisonPeriodFiles)
      .where(and(eq(comparisonPeriodFiles.definitionId, definitionRow.id), eq(comparisonPeriodFiles.period, period))).orderBy(asc(comparisonPeriodFiles.side));
    const runs = await app.db.select().from(comparisonRuns)
      .where(and(eq(comparisonRuns.definitionId, definitionRow.id), eq(comparisonRuns.period, period))).orderBy(desc(comparisonRuns.createdAt)).limit(50);
    return {
      definitionId: definitionRow.id, period, monthly: definition.monthly,
      files: files.map((f) => ({ side: f.side, name: f.fileName, size: f.fileSize, sha256: f.fileSha256, uploadedBy: f.uploadedBy, uploadedAt: f.uploadedAt.toISOString() })),
      missing: missingSides(definition, files.map((f) => f.side)),
      runs: runs.map((r) => runViewOf({ ...r, errors: [] }, null)),
    };
  };

  app.put('/api/comparison-definitions/:id/periods/:period/file', {
    config: { permission: 'payroll.upload' },
    schema: {
      tags: ['comparisons'], summary: 'Upload a monthly comparison\'s file for a period (side B by default; `?side=a` when side A is a file too)',
      description: 'multipart/form-data with the field `file`; kept sealed in the file store. A new upload replaces the period\'s file of that side. '
        + 'The running monthly cycle of the period is told at once: with every file there, it runs the comparison.',
      consumes: ['multipart/form-data'],
      params: periodParams, querystring: periodFileQuery, response: { 200: periodView },
    },
  }, async (request) => {
    const definitionRow = await authorizedDefinition(request, request.params.id);
    const definition: ComparisonDefinition = comparisonDefinitionSchema.parse(definitionRow.definition);
    const { period } = request.params;
    const { side } = request.query;
    if (!definition.monthly) throw new ApiError(409, 'not_monthly', 'the comparison is not marked monthly: compare on demand with POST /api/comparison-definitions/:id/runs');
    const spec = side === 'a' ? definition.sideA : definition.sideB;
    if (spec.source !== 'file') throw new ApiError(400, 'validation', 'side: side A is Mutaflow\'s payroll photo; upload side B only');
    if (!request.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send multipart/form-data with the field file');

    let upload: { sha256: string; size: number; fileName: string } | undefined;
    try {
      for await (const part of request.parts({ limits: { files: 1, fileSize: app.maxUploadBytes } })) {
        if (part.type !== 'file') continue;
        if (part.fieldname !== 'file' || upload) {
          part.file.resume();
          throw new ApiError(400, 'validation', 'send one file in the field "file"');
        }
        const fileName = part.filename || 'file';
        try {
          upload = { ...(await app.files.saveUpload(part.file, app.maxUploadBytes)), fileName };
        } catch (err) {
          if (!(err instanceof UploadTooLargeError) && (err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
          const message = `the file is larger than the upload limit of ${formatBytes(app.maxUploadBytes)}`;
          throw new ApiError(413, 'file_too_large', `${fileName}: ${message}`, { errors: [{ code: 'file_too_large', file: fileName, message }] });
        }
      }
    } catch (err) {
      if (upload) await discardUpload(upload.sha256);
      throw err;
    }
    if (!upload) throw new ApiError(400, 'validation', 'file: no file uploaded');
    // Cheap checks on the first bytes answer at once; the rows are read when the comparison runs.
    const format = sniffFormat(await app.files.uploadHead(upload.sha256), upload.fileName, spec.profile);
    if (typeof format !== 'string') {
      await discardUpload(upload.sha256);
      throw new ApiError(format.code === 'empty_file' ? 400 : 415, format.code, `${format.file}: ${format.message}`, { errors: [format] });
    }
    const [before] = await app.db.select({ sha256: comparisonPeriodFiles.fileSha256 }).from(comparisonPeriodFiles).where(and(
      eq(comparisonPeriodFiles.definitionId, definitionRow.id), eq(comparisonPeriodFiles.period, period), eq(comparisonPeriodFiles.side, side)));
    const values = { fileName: upload.fileName, fileSha256: upload.sha256, fileSize: upload.size, uploadedBy: request.principal!.name, uploadedAt: new Date() };
    await app.db.insert(comparisonPeriodFiles).values({ definitionId: definitionRow.id, employerId: definitionRow.employerId, period, side, ...values })
      .onConflictDoUpdate({ target: [comparisonPeriodFiles.definitionId, comparisonPeriodFiles.period, comparisonPeriodFiles.side], set: values });
    if (before && before.sha256 !== upload.sha256) await discardUpload(before.sha256);
    await app.cycleWorkflows.announceComparisonFile(definitionRow.employerId, period, definitionRow.id);
    return periodViewOf(definitionRow, period);
  });

  app.get('/api/comparison-definitions/:id/periods/:period', {
    config: { permission: 'payroll.view' },
    schema: {
      tags: ['comparisons'], summary: 'A monthly comparison\'s period: its files, the sides still missing, its runs',
      params: periodParams, response: { 200: periodView },
    },
  }, async (request) => periodViewOf(await authorizedDefinition(request, request.params.id), request.params.period));

  app.get('/api/comparison-definitions/:id/runs', {
    config: { permission: 'payroll.view' },
    schema: { tags: ['comparisons'], summary: 'The runs of a comparison, newest first', params: idParams, response: { 200: z.object({ items: z.array(runView) }) } },
  }, async (request) => {
    await authorizedDefinition(request, request.params.id);
    const rows = await app.db.select().from(comparisonRuns).where(eq(comparisonRuns.definitionId, request.params.id))
      .orderBy(desc(comparisonRuns.createdAt)).limit(200);
    return { items: rows.map((r) => runViewOf({ ...r, errors: [] }, null)) };
  });

  app.get('/api/comparison-runs/:id', {
    config: { permission: 'payroll.view' },
    schema: { tags: ['comparisons'], summary: 'Status, live progress, counts per kind, and a refused file\'s errors', params: idParams, response: { 200: runView } },
  }, async (request) => {
    const row = await authorizedRun(request, request.params.id);
    return runViewOf(row, await liveProgress(row));
  });

  app.get('/api/comparison-runs/:id/results', {
    config: { permission: 'persons.view' },
    schema: {
      tags: ['comparisons'], summary: 'The result lines of a run, in pages (values included: persons.view)',
      params: idParams, querystring: resultsQuery, response: { 200: resultsPage },
    },
  }, async (request) => {
    const run = await authorizedRun(request, request.params.id);
    if (run.resultsPurgedAt) throw new ApiError(410, 'purged', 'the result lines were removed at the end of their retention term; the counts remain');
    const { kind, cursor, limit } = request.query;
    const conditions = [eq(comparisonResults.runId, request.params.id)];
    if (kind) conditions.push(eq(comparisonResults.kind, kind));
    if (cursor) conditions.push(gt(comparisonResults.id, decodeCursor(cursor, ['serial'])[0]));
    const rows = await app.db.select().from(comparisonResults).where(and(...conditions)).orderBy(asc(comparisonResults.id)).limit(limit + 1);
    const page = pageOf(rows, limit, (r) => [r.id]);
    return {
      ...page,
      items: page.items.map((r) => ({
        id: String(r.id), kind: r.kind as never, side: r.side as 'a' | 'b' | null, key: r.key, field: r.field, column: r.columnName,
        reason: r.reason as UnparseableReason | null, aValue: r.aValue, bValue: r.bValue, aRow: r.aRow, bRow: r.bRow, firstRow: r.firstRow,
      })),
    };
  });

  app.get('/api/comparison-runs/:id/report', {
    config: { permission: 'persons.view' },
    schema: {
      tags: ['comparisons'], summary: 'The run as an XLSX workbook: a summary sheet and a sheet per kind (NL/FR/EN)',
      params: idParams, querystring: reportQuery,
    },
  }, async (request, reply) => {
    const run = await authorizedRun(request, request.params.id);
    if (run.status !== 'completed') throw new ApiError(409, 'not_completed', `the comparison is ${run.status}; its report exists once it completes`);
    if (run.resultsPurgedAt) throw new ApiError(410, 'purged', 'the result lines were removed at the end of their retention term; the counts remain');
    const out = new PassThrough();
    writeComparisonReport(app.db, run, request.query.lang, out).catch((err: unknown) => {
      request.log.error({ err: { type: err instanceof Error ? err.name : 'unknown' } }, 'comparison report failed');
      out.destroy(new Error('comparison report failed'));
    });
    return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="comparison-${run.id}-${request.query.lang}.xlsx"`)
      .send(out);
  });
};

export default comparisonRoutes;
