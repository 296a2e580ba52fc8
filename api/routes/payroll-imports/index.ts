import '@fastify/multipart';
import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { WorkflowExecutionAlreadyStartedError, WorkflowFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { and, asc, desc, eq, getTableColumns, gt, inArray, sql } from 'drizzle-orm';
import { exactInstant } from '../../../db/queries/row-json';
import { uploadInUse } from '../../../db/queries/uploads';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { mappingProfileSchema } from '../../../domain/payroll/mapping-profile';
import { isPeriod } from '../../../domain/shared/calendar';
import { employers, payrollChanges, payrollImports } from '../../../db/schema';
import { laterImportedPeriod } from '../../../db/queries/payroll-imports';
import { sniffFormat } from '../../../domain/payroll/file-format';
import { UploadTooLargeError } from '../../../infra/file-store';
import { IMPORT_CONFLICT, INVALID_PAYROLL_FILE, payrollImportWorkflowId } from '../../../workflows/shared';
import { ApiError, notFound } from '../../errors';
import { cursorParam, decodeCursor, pageOf } from '../../keyset-cursor';
import { authorizeEmployer } from '../../plugins/auth';
import { idParams } from '../employers/schemas';
import { importView, liveProgress } from './import-view';
import { changesPage, changesQuery, importView as importViewSchema, uploadAccepted, uploadQuery } from './schemas';
import { personsOfEmployer } from '../../../db/queries/audit';
import { recordPersonsRead } from '../../plugins/audit';

const formatBytes = (n: number) =>
  n >= 1024 ** 2 ? `${Math.floor(n / 1024 ** 2)} MiB` : n >= 1024 ? `${Math.floor(n / 1024)} KiB` : `${n} bytes`;

const payrollImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const loadImport = async (id: string) => {
    const [row] = await app.db.select().from(payrollImports).where(eq(payrollImports.id, id));
    if (!row) throw notFound('payroll import');
    return row;
  };
  const authorizedImport = async (request: FastifyRequest, id: string) => {
    const row = await loadImport(id);
    authorizeEmployer(request, row.employerId, {}, 'payroll import');
    return row;
  };

  /** Removes an upload no import refers to (a refused request leaves nothing behind). */
  const discardUpload = async (sha256: string) => {
    // Uploads are stored by content: the same bytes may be another import's or a comparison's file too.
    if (!(await uploadInUse(app.db, sha256))) await rm(app.files.uploadPath(sha256), { force: true });
  };

  app.post('/api/employers/:id/payroll-imports', {
    config: { permission: 'payroll.upload' },
    schema: {
      tags: ['payroll imports'],
      summary: 'Upload a payroll snapshot (CSV or XLSX) for a period',
      description: 'multipart/form-data with `file` and `period` (YYYY-MM). Answers 202 at once; with `?wait=true` '
        + 'it answers when the import is done: 201 with the import, or 422 with the file\'s errors (row, column, kind).',
      consumes: ['multipart/form-data'],
      params: idParams,
      querystring: uploadQuery,
      response: { 200: uploadAccepted, 201: importViewSchema, 202: uploadAccepted },
    },
  }, async (request, reply) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const [employer] = await app.db.select().from(employers).where(eq(employers.id, request.params.id));
    if (!employer) throw notFound('employer');
    if (!request.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send multipart/form-data with the fields file and period');

    let period: string | undefined;
    let upload: { sha256: string; size: number; path: string; fileName: string } | undefined;
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || upload) {
          part.file.resume();
          throw new ApiError(400, 'validation', 'send exactly one file, in the field "file"');
        }
        const fileName = part.filename || 'upload';
        let saved;
        try {
          saved = await app.files.saveUpload(part.file, app.maxUploadBytes);
        } catch (err) {
          if (!(err instanceof UploadTooLargeError) && (err as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw err;
          const message = `the file is larger than the upload limit of ${formatBytes(app.maxUploadBytes)}`;
          throw new ApiError(413, 'file_too_large', `${fileName}: ${message}`, { errors: [{ code: 'file_too_large', file: fileName, message }] });
        }
        upload = { ...saved, fileName };
      } else if (part.fieldname === 'period') {
        period = String(part.value).trim();
      }
    }
    if (!upload) throw new ApiError(400, 'validation', 'file: no file uploaded (multipart field "file")');
    const file = upload;
    const refuse = async (error: ApiError) => {
      await discardUpload(file.sha256);
      return error;
    };
    if (!period || !isPeriod(period)) throw await refuse(new ApiError(400, 'validation', 'period: required, as YYYY-MM'));

    // Cheap checks on the first bytes answer at once; rows are validated by the import workflow.
    const profile = mappingProfileSchema.parse(employer.mappingProfile);
    const format = sniffFormat(await app.files.uploadHead(file.sha256), file.fileName, profile);
    if (typeof format !== 'string') {
      const status = format.code === 'empty_file' ? 400 : 415;
      throw await refuse(new ApiError(status, format.code, `${format.file}: ${format.message}`, { errors: [format] }));
    }

    const duplicate = await app.db.select().from(payrollImports).where(and(
      eq(payrollImports.employerId, employer.id), eq(payrollImports.period, period),
      eq(payrollImports.fileSha256, file.sha256), inArray(payrollImports.status, ['running', 'completed']),
    )).orderBy(desc(payrollImports.createdAt)).limit(1);
    if (duplicate[0]) {
      return reply.status(200).send({ importId: duplicate[0].id, workflowId: duplicate[0].workflowId, status: duplicate[0].status, duplicate: true });
    }
    const [running] = await app.db.select({ id: payrollImports.id }).from(payrollImports).where(and(
      eq(payrollImports.employerId, employer.id), eq(payrollImports.period, period), eq(payrollImports.status, 'running'))).limit(1);
    if (running) throw await refuse(new ApiError(409, 'import_running', `an import for ${period} is still running (${running.id})`));
    const later = await laterImportedPeriod(app.db.$client, employer.id, period);
    if (later) throw await refuse(new ApiError(409, 'period_order', `period ${later} is already imported; periods are imported in order`));

    const importId = randomUUID();
    const workflowId = payrollImportWorkflowId(employer.id, period);
    await app.db.insert(payrollImports).values({
      id: importId, employerId: employer.id, period, fileName: file.fileName, fileSha256: file.sha256, fileSize: file.size,
      uploadedBy: request.principal!.name, workflowId,
    });
    let handle;
    try {
      handle = await app.payrollImportWorkflows.start(workflowId, importId);
    } catch (err) {
      await app.db.delete(payrollImports).where(eq(payrollImports.id, importId));
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw new ApiError(409, 'import_running', `an import for ${period} is still running`);
      throw err;
    }
    if (request.query.wait !== 'true') {
      return reply.status(202).send({ importId, workflowId, status: 'running', duplicate: false });
    }
    try {
      await handle.result();
    } catch (err) {
      const cause = err instanceof WorkflowFailedError ? err.cause : undefined;
      const row = await loadImport(importId);
      if (cause instanceof ApplicationFailure && cause.type === INVALID_PAYROLL_FILE) {
        throw new ApiError(422, 'invalid_payroll_file', `${file.fileName}: ${row.errorCount} error(s)`, { importId, errors: row.errors as never });
      }
      if (cause instanceof ApplicationFailure && cause.type === IMPORT_CONFLICT) {
        throw new ApiError(409, 'period_order', cause.message, { importId });
      }
      throw new ApiError(500, 'import_failed', 'the import failed; see its status', { importId });
    }
    return reply.status(201).send(importView(await loadImport(importId), null));
  });

  app.get('/api/employers/:id/payroll-imports', {
    config: { permission: 'payroll.view' },
    schema: {
      tags: ['payroll imports'], summary: 'The employer\'s imports, newest first, in pages', params: idParams,
      querystring: z.object({ cursor: cursorParam, limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ items: z.array(importViewSchema), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const { cursor, limit } = request.query;
    const conds = [eq(payrollImports.employerId, request.params.id)];
    if (cursor) {
      const [period, at, id] = decodeCursor(cursor, ['text', 'instant', 'uuid']);
      conds.push(sql`(${payrollImports.period}, ${payrollImports.createdAt}, ${payrollImports.id}) < (${period}, ${at}::timestamptz, ${id}::uuid)`);
    }
    const rows = await app.db.select({ ...getTableColumns(payrollImports), cursorAt: exactInstant(payrollImports.createdAt) }).from(payrollImports).where(and(...conds))
      .orderBy(desc(payrollImports.period), desc(payrollImports.createdAt), desc(payrollImports.id)).limit(limit + 1);
    const page = pageOf(rows, limit, (r) => [r.period, r.cursorAt, r.id]);
    return { ...page, items: page.items.map((r) => importView({ ...r, errors: [] }, null)) };
  });

  app.get('/api/payroll-imports/:id', {
    config: { permission: 'payroll.view' },
    schema: { tags: ['payroll imports'], summary: 'Status, progress, errors and change counts of an import', params: idParams, response: { 200: importViewSchema } },
  }, async (request) => {
    const row = await authorizedImport(request, request.params.id);
    return importView(row, await liveProgress(app.payrollImportWorkflows, row));
  });

  app.get('/api/payroll-imports/:id/file', {
    config: { permission: 'payroll.view' },
    schema: { tags: ['payroll imports'], summary: 'The uploaded file, as it was received', params: idParams },
  }, async (request, reply) => {
    const row = await authorizedImport(request, request.params.id);
    if (row.filePurgedAt) throw new ApiError(410, 'purged', 'the file was removed at the end of its retention term');
    // The whole payroll photo: every person of the employer counts as seen.
    recordPersonsRead(request, await personsOfEmployer(app.db, row.employerId));
    const safeName = row.fileName.replace(/[^\w.\- ]/g, '_');
    return reply.header('content-type', 'application/octet-stream')
      .header('content-disposition', `attachment; filename="${safeName}"`)
      .header('x-content-sha256', row.fileSha256)
      .send(await app.files.uploadStream(row.fileSha256));
  });

  app.get('/api/payroll-imports/:id/changes', {
    config: { permission: 'payroll.view' },
    schema: {
      tags: ['payroll imports'], summary: 'The changes an import revealed, in pages',
      params: idParams, querystring: changesQuery, response: { 200: changesPage },
    },
  }, async (request) => {
    await authorizedImport(request, request.params.id);
    const { kind, field, supplierId, cursor, limit } = request.query;
    const conditions = [eq(payrollChanges.importId, request.params.id)];
    if (kind) conditions.push(eq(payrollChanges.kind, kind));
    if (field) conditions.push(eq(payrollChanges.field, field));
    if (supplierId) conditions.push(sql`${supplierId}::uuid = any(${payrollChanges.supplierIds})`);
    if (cursor) conditions.push(gt(payrollChanges.id, decodeCursor(cursor, ['serial'])[0]));
    const rows = await app.db.select().from(payrollChanges).where(and(...conditions)).orderBy(asc(payrollChanges.id)).limit(limit + 1);
    const page = pageOf(rows, limit, (r) => [r.id]);
    recordPersonsRead(request, page.items.map((r) => r.personId));
    return {
      ...page,
      items: page.items.map((r) => ({
        id: String(r.id), personId: r.personId, employeeNumber: r.employeeNumber, kind: r.kind, field: r.field,
        oldValue: r.oldValue, newValue: r.newValue, supplierIds: r.supplierIds,
      })),
    };
  });
};

export default payrollImportRoutes;
