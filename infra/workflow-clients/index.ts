import type { Client } from '@temporalio/client';
import { AccidentWorkflows } from './accidents';
import { ComparisonWorkflows } from './comparisons';
import { CycleWorkflows } from './cycles';
import { MessageWorkflows } from './messages';
import { PayrollImportWorkflows } from './payroll-imports';
import { StatementWorkflows } from './statements';

/** One client per workflow type, all bound to the same Temporal client and task queue. */
export interface WorkflowClients {
  messageWorkflows: MessageWorkflows;
  accidentWorkflows: AccidentWorkflows;
  cycleWorkflows: CycleWorkflows;
  payrollImportWorkflows: PayrollImportWorkflows;
  comparisonWorkflows: ComparisonWorkflows;
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
