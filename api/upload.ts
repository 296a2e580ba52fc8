import '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './errors';

/**
 * The bytes of a request's one multipart field `file`, held in memory: for uploads read whole
 * (bordereaux, enrollment files). 415 when the request is not multipart, 400 without the field,
 * 413 past `maxBytes` with `tooLarge` as the message.
 */
export async function readOneFile(request: FastifyRequest, maxBytes: number, tooLarge: string): Promise<Buffer> {
  if (!request.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send multipart/form-data with the field file');
  try {
    const part = await request.file({ limits: { fileSize: maxBytes } });
    if (!part || part.fieldname !== 'file') {
      part?.file.resume();
      throw new ApiError(400, 'validation', 'file: no file uploaded (multipart field "file")');
    }
    return await part.toBuffer();
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new ApiError(413, 'file_too_large', tooLarge);
    throw err;
  }
}
