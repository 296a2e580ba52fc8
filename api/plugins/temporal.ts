import fp from 'fastify-plugin';
import type { Client } from '@temporalio/client';
import { workflowClients } from '../../infra/workflow-clients';
import type { AccidentWorkflows } from '../../infra/workflow-clients/accidents';
import type { CycleWorkflows } from '../../infra/workflow-clients/cycles';
import type { MessageWorkflows } from '../../infra/workflow-clients/messages';
import type { PayrollImportWorkflows } from '../../infra/workflow-clients/payroll-imports';
import type { ComparisonWorkflows } from '../../infra/workflow-clients/comparisons';
import type { StatementWorkflows } from '../../infra/workflow-clients/statements';

declare module 'fastify' {
  interface FastifyInstance {
    /** The Temporal client, for the health check; workflows are reached through the clients below. */
    temporal: Client;
    /** Start, resend, wake, cancel and answer message workflows. */
    messageWorkflows: MessageWorkflows;
    /** Start accident cases and run their Updates. */
    accidentWorkflows: AccidentWorkflows;
    /** Start monthly cycles, set their Schedules, read their progress, complete their tasks. */
    cycleWorkflows: CycleWorkflows;
    /** Start payroll imports and read their progress. */
    payrollImportWorkflows: PayrollImportWorkflows;
    /** Start comparisons of two systems' files and read their progress. */
    comparisonWorkflows: ComparisonWorkflows;
    /** Start statement batches and read their progress. */
    statementWorkflows: StatementWorkflows;
  }
}

export default fp<{ client: Client; taskQueue: string; closeOnShutdown?: boolean }>(async (app, opts) => {
  app.decorate('temporal', opts.client);
  const clients = workflowClients(opts.client, opts.taskQueue);
  app.decorate('messageWorkflows', clients.messageWorkflows);
  app.decorate('accidentWorkflows', clients.accidentWorkflows);
  app.decorate('cycleWorkflows', clients.cycleWorkflows);
  app.decorate('payrollImportWorkflows', clients.payrollImportWorkflows);
  app.decorate('comparisonWorkflows', clients.comparisonWorkflows);
  app.decorate('statementWorkflows', clients.statementWorkflows);
  app.addHook('onClose', async () => {
    if (opts.closeOnShutdown) await opts.client.connection.close();
  });
}, { name: 'temporal' });
