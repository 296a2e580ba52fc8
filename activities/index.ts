import { Db } from '../db/client';
import { FileStore } from '../infra/file-store';
import { MessageWorkflows } from '../infra/message-workflows';
import { SecretBox } from '../infra/secret-box';
import { createCycleActivities } from './cycle';
import { createImportMessageActivities } from './import-messages';
import { createCycleReportActivities } from './reports/cycle-reports';
import { createMessageActivities } from './messages';
import { createPayrollImportActivities } from './payroll-import';

export interface ActivityDeps {
  db: Db;
  files: FileStore;
  secrets: SecretBox;
  /** Starts message workflows for the messages an import creates. */
  messageWorkflows: MessageWorkflows;
  /** Where suppliers reach our callbacks. */
  publicUrl: string;
}

/** Every activity, bound to its dependencies. Workflows see only this factory's return type. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createPayrollImportActivities(deps),
    ...createMessageActivities(deps),
    ...createImportMessageActivities(deps),
    ...createCycleActivities(deps),
    ...createCycleReportActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
