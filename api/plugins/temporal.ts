import fp from 'fastify-plugin';
import type { Client } from '@temporalio/client';
import { type WorkflowClients, workflowClients } from '../../infra/workflow-clients';

declare module 'fastify' {
  /** The workflow clients (infra/workflow-clients) as decorations: `app.cycleWorkflows`, … */
  interface FastifyInstance extends WorkflowClients {
    /** The Temporal client, for the health check; workflows are reached through the clients. */
    temporal: Client;
  }
}

export default fp<{ client: Client; taskQueue: string; closeOnShutdown?: boolean }>(async (app, opts) => {
  app.decorate('temporal', opts.client);
  for (const [name, workflows] of Object.entries(workflowClients(opts.client, opts.taskQueue))) app.decorate(name, workflows);
  app.addHook('onClose', async () => {
    if (opts.closeOnShutdown) await opts.client.connection.close();
  });
}, { name: 'temporal' });
