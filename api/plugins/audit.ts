import fp from 'fastify-plugin';
import { auditLog } from '../../db/schema';

const ACTIONS: Record<string, string> = { GET: 'read', HEAD: 'read', POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

/**
 * One audit record per /api request, written before the answer leaves (so it exists when the
 * caller sees the answer): who, what (method and route pattern), which resource, employer and
 * person, the outcome and from where — ids only. Supplier callbacks are the suppliers', not a
 * person's reading, and are left out; so is /health.
 */
export default fp(async (app) => {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/api/') || request.routeOptions.config?.auth === 'supplier' || !request.routeOptions.url) return payload;
    const status = reply.statusCode;
    const a = request.audit ?? {};
    const principal = request.principal;
    const action = a.action ?? (status === 401 || status === 403 ? 'denied' : ACTIONS[request.method] ?? request.method.toLowerCase());
    const params = request.params as { id?: string } | undefined;
    await app.db.insert(auditLog).values({
      actor: a.actor ?? (principal ? `${principal.kind}:${principal.name}` : 'anonymous'),
      action, method: request.method, route: request.routeOptions.url, resourceId: a.resourceId ?? params?.id ?? null,
      employerId: a.employerId ?? null, personId: a.personId ?? null, status, ip: request.ip,
    });
    return payload;
  });
}, { name: 'audit', dependencies: ['db', 'auth'] });
