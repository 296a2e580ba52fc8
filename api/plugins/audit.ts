import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import { type AuditRecord, appendAuditRecords } from '../../db/queries/audit';
import { INTERNAL_ERROR } from '../errors';
import { GroupCommit } from '../../infra/group-commit';

declare module './auth' {
  interface AuditSubject {
    /** The persons a list or an export showed: "who saw this person" must find lists too. */
    personIds?: readonly string[] | null;
  }
}

const ACTIONS: Record<string, string> = { GET: 'read', HEAD: 'read', POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

/** A list or an export read these persons (their ids, deduplicated, go into the request's audit record). */
export function recordPersonsRead(request: FastifyRequest, personIds: Iterable<string>): void {
  const ids = [...new Set(personIds)];
  request.audit.personIds = ids.length ? ids : null;
}

/**
 * One audit record per /api request, written before the answer leaves (so it exists when the
 * caller sees the answer): who, what (method and route pattern), which resource, employer and
 * person (or persons, for lists and exports), the outcome and from where — ids only. Supplier
 * callbacks are the suppliers', not a person's reading, and are left out; so is /health.
 * A database trigger chains each record to the one before (docs/access.md); concurrent requests'
 * records are written together (group commit), each request still waiting for its own.
 */
export default fp(async (app) => {
  const trail = new GroupCommit<AuditRecord>((records) => appendAuditRecords(app.db, records));
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.auth === 'supplier' || !request.routeOptions.url) return payload;
    const status = reply.statusCode;
    const a = request.audit ?? {};
    const principal = request.principal;
    const action = a.action ?? (status === 401 || status === 403 ? 'denied' : ACTIONS[request.method] ?? request.method.toLowerCase());
    const params = request.params as { id?: string } | undefined;
    // A failed request showed nobody: the persons of a list count only when it was answered.
    const personIds = status < 400 && a.personIds?.length ? [...a.personIds] : null;
    try {
      await trail.add({
        actor: a.actor ?? (principal ? `${principal.kind}:${principal.name}` : 'anonymous'),
        action, method: request.method, route: request.routeOptions.url, resourceId: a.resourceId ?? params?.id ?? null,
        employerId: a.employerId ?? null, personId: a.personId ?? null, personIds, status, ip: request.ip,
      });
    } catch (err) {
      // No answer leaves without its record. A throw here would reach Fastify's default answer,
      // which quotes the failed query and its values: the caller gets the one error handler's words.
      const e = err as { name?: string; code?: string; cause?: { code?: string } };
      request.log.error({ err: { type: e.name, code: e.cause?.code ?? e.code } }, 'audit record not written');
      reply.code(500).type('application/json; charset=utf-8');
      return JSON.stringify(INTERNAL_ERROR);
    }
    return payload;
  });
}, { name: 'audit', dependencies: ['db', 'auth'] });
