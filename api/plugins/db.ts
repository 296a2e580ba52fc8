import fp from 'fastify-plugin';
import type { Db } from '../../db/client';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
  }
}

export default fp<{ db: Db; closeOnShutdown?: boolean }>(async (app, opts) => {
  app.decorate('db', opts.db);
  app.addHook('onClose', async () => {
    if (opts.closeOnShutdown) await opts.db.$client.end();
  });
}, { name: 'db' });
