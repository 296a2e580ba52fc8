import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ImportError } from '../domain/payroll/import-errors';

/** An answer the API gives on purpose: status, a stable code and a message without personal data. */
export class ApiError extends Error {
  constructor(readonly statusCode: number, readonly code: string, message: string, readonly details?: { errors?: ImportError[]; [k: string]: unknown }) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What a caller reads of a failure that is ours: nothing of its cause (database errors quote values). */
export const INTERNAL_ERROR = { error: 'internal', message: 'internal error' } as const;

export const notFound = (what: string) => new ApiError(404, 'not_found', `${what} not found`);

/** The one error handler: every failure leaves as `{ error, message, ... }`. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ApiError) {
      return reply.status(err.statusCode).send({ error: err.code, message: err.message, ...err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        field: [err.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
        message: v.message,
      }));
      return reply.status(400).send({
        error: 'validation', message: issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues,
      });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err: { message: 'response does not match its schema', method: err.method, url: err.url } }, 'response serialization');
      return reply.status(500).send(INTERNAL_ERROR);
    }
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: err.code ?? 'bad_request', message: err.message });
    }
    // Only the kind of failure is logged: database errors can quote the values they choked on.
    request.log.error({ err: { type: err.name, code: err.code } }, 'request failed');
    return reply.status(500).send(INTERNAL_ERROR);
  });
  app.setNotFoundHandler((request, reply) => reply.status(404).send({ error: 'not_found', message: 'no such route' }));
}
