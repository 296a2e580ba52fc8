import type { Client } from '@temporalio/client';
import { AccidentWorkflows } from './accidents';
import { ComparisonWorkflows } from './comparisons';
import { CycleWorkflows } from './cycles';
import { MessageWorkflows } from './messages';
import { PayrollImportWorkflows } from './payroll-imports';
import { StatementWorkflows } from './statements';

/** One client per workflow type, all bound to the same Temporal client and task queue. */
export interface WorkflowClients {
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

export function workflowClients(client: Client, taskQueue: string): WorkflowClients {
  return {
    messageWorkflows: new MessageWorkflows(client, taskQueue),
    accidentWorkflows: new AccidentWorkflows(client, taskQueue),
    cycleWorkflows: new CycleWorkflows(client, taskQueue),
    payrollImportWorkflows: new PayrollImportWorkflows(client, taskQueue),
    comparisonWorkflows: new ComparisonWorkflows(client, taskQueue),
    statementWorkflows: new StatementWorkflows(client, taskQueue),
  };
}
