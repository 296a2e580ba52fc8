import fp from 'fastify-plugin';
import { Client } from '@temporalio/client';

declare module 'fastify' {
  interface FastifyInstance {
    temporal: Client;
    taskQueue: string;
  }
}

export default fp<{ client: Client; taskQueue: string; closeOnShutdown?: boolean }>(async (app, opts) => {
  app.decorate('temporal', opts.client);
  app.decorate('taskQueue', opts.taskQueue);
  app.addHook('onClose', async () => {
    if (opts.closeOnShutdown) await opts.client.connection.close();
  });
}, { name: 'temporal' });
