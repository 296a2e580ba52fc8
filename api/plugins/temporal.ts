import fp from 'fastify-plugin';
import type { Client } from '@temporalio/client';
import { MessageWorkflows } from '../../infra/message-workflows';

declare module 'fastify' {
  interface FastifyInstance {
    temporal: Client;
    taskQueue: string;
    /** Start, resend, wake and cancel message workflows. */
    messageWorkflows: MessageWorkflows;
  }
}

export default fp<{ client: Client; taskQueue: string; closeOnShutdown?: boolean }>(async (app, opts) => {
  app.decorate('temporal', opts.client);
  app.decorate('taskQueue', opts.taskQueue);
  app.decorate('messageWorkflows', new MessageWorkflows(opts.client, opts.taskQueue));
  app.addHook('onClose', async () => {
    if (opts.closeOnShutdown) await opts.client.connection.close();
  });
}, { name: 'temporal' });
