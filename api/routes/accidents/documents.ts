import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadAccident, recordAccidentEvent } from '../../../db/queries/accidents';
import { accidentDocuments } from '../../../db/schema';
import { sniffDocumentType } from '../../../domain/accidents/document-type';
import { contentDisposition } from '../../../infra/delivery';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { accidentDocumentView } from './schemas';
import { actorOf } from '../../actor';
import { accidentDocumentAad } from '../../../infra/file-store';

/** Certificates and sick notes are small scans or PDFs; anything bigger is a mistake. */
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
const UPLOAD_KINDS = ['medical_certificate', 'sick_note', 'other'] as const;
const date = z.iso.date();

const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/accidents/:id/documents', {
    config: { permission: 'accidents.manage' },
    schema: {
      tags: ['accidents'], summary: 'Upload a medical certificate, sick note or other document (PDF, JPEG or PNG, ≤ 10 MiB; stored encrypted)',
      description: 'multipart/form-data: `file`, `kind` (medical_certificate | sick_note | other), `validFrom`, `validUntil` (a sick note\'s last day: required for a sick note; a reminder goes out before it).',
      consumes: ['multipart/form-data'], params: z.object({ id: z.uuid() }), response: { 201: accidentDocumentView },
    },
  }, async (request, reply) => {
    const accident = await loadAccident(app.db, request.params.id);
    if (!accident) throw notFound('accident');
    authorizeEmployer(request, accident.employerId, { personId: accident.personId }, 'accident');
    if (accident.status === 'closed') throw new ApiError(409, 'case_closed', 'the case is closed');
    if (!request.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send multipart/form-data with the fields file, kind and (for a sick note) validUntil');
    const fields: Record<string, string> = {};
    let file: { name: string; bytes: Buffer } | undefined;
    for await (const part of request.parts({ limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw new ApiError(400, 'validation', 'send the document in the field "file"');
        }
        try {
          file = { name: part.filename || 'document', bytes: await part.toBuffer() };
        } catch (err) {
          if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ApiError(413, 'file_too_large', 'file: larger than 10 MiB');
          throw err;
        }
      } else {
        fields[part.fieldname] = String(part.value).trim();
      }
    }
    if (!file) throw new ApiError(400, 'validation', 'file: no file uploaded (multipart field "file")');
    if (!file.bytes.length) throw new ApiError(400, 'validation', 'file: the file is empty');
    const kind = z.enum(UPLOAD_KINDS).safeParse(fields.kind);
    if (!kind.success) throw new ApiError(400, 'validation', `kind: one of ${UPLOAD_KINDS.join(', ')}`);
    for (const f of ['validFrom', 'validUntil'] as const) {
      if (fields[f] && !date.safeParse(fields[f]).success) throw new ApiError(400, 'validation', `${f}: a date yyyy-mm-dd`);
    }
    if (kind.data === 'sick_note' && !fields.validUntil) throw new ApiError(400, 'validation', 'validUntil: required for a sick note (its last day)');
    if (fields.validFrom && fields.validUntil && fields.validUntil < fields.validFrom) throw new ApiError(400, 'validation', 'validUntil: before validFrom');
    // The type is what the bytes are, not what the name or the browser claims.
    const mediaType = sniffDocumentType(file.bytes);
    if (!mediaType) throw new ApiError(415, 'unsupported_document_type', 'file: not a PDF, JPEG or PNG document');

    const by = actorOf(request);
    const doc = await app.db.transaction(async (tx) => {
      const [row] = await tx.insert(accidentDocuments).values({
        accidentId: accident.id, kind: kind.data, mediaType, size: file.bytes.length, fileNameSealed: app.secrets.seal(file.name),
        validFrom: fields.validFrom || null, validUntil: fields.validUntil || null, uploadedBy: by,
      }).returning();
      await recordAccidentEvent(tx, accident.id, 'document_added', by, { documentId: row.id, kind: row.kind, validUntil: row.validUntil });
      await app.files.saveAccidentDocument(row.id, app.secrets.sealBytes(file.bytes, accidentDocumentAad(row.id)));
      return row;
    });
    await app.accidentWorkflows.changed(accident.id);
    return reply.status(201).send({
      id: doc.id, kind: doc.kind, mediaType: doc.mediaType, size: doc.size, fileName: null,
      validFrom: doc.validFrom, validUntil: doc.validUntil, uploadedBy: doc.uploadedBy, createdAt: doc.createdAt.toISOString(),
    });
  });

  app.get('/api/accidents/:id/documents/:documentId', {
    config: { permission: 'accidents.health' },
    schema: {
      tags: ['accidents'], summary: 'A document\'s content (health data: only with the accidents.health permission; each opening is in the case history)',
      params: z.object({ id: z.uuid(), documentId: z.uuid() }),
    },
  }, async (request, reply) => {
    const accident = await loadAccident(app.db, request.params.id);
    if (!accident) throw notFound('accident');
    authorizeEmployer(request, accident.employerId, { personId: accident.personId, resourceId: request.params.documentId }, 'accident');
    const [doc] = await app.db.select().from(accidentDocuments)
      .where(and(eq(accidentDocuments.id, request.params.documentId), eq(accidentDocuments.accidentId, request.params.id)));
    if (!doc) throw notFound('document');
    const bytes = app.secrets.openBytes(await app.files.readAccidentDocument(doc.id), accidentDocumentAad(doc.id));
    await recordAccidentEvent(app.db, doc.accidentId, 'document_opened', actorOf(request), { documentId: doc.id });
    return reply.type(doc.mediaType).header('content-disposition', contentDisposition(app.secrets.open<string>(doc.fileNameSealed)))
      .header('cache-control', 'no-store').send(bytes);
  });
};

export default documentRoutes;
