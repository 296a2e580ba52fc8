import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const status = z.enum(['ok', 'error']);

const health: FastifyPluginAsyncZod = async (app) => {
  app.get('/health', {
    schema: {
      tags: ['system'],
      summary: 'Database and Temporal status',
      response: { 200: z.object({ status, db: status, temporal: status }), 503: z.object({ status, db: status, temporal: status }) },
    },
  }, async (_request, reply) => {
    const db = await app.db.execute(sql`select 1`).then(() => 'ok' as const, () => 'error' as const);
    const temporal = await app.temporal.workflowService.getSystemInfo({}).then(() => 'ok' as const, () => 'error' as const);
    const ok = db === 'ok' && temporal === 'ok';
    return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'error', db, temporal });
  });
};

export default health;
