import { Db } from '../db/client';
import { FileStore } from '../infra/file-store';
import { createPayrollImportActivities } from './payroll-import';

export interface ActivityDeps {
  db: Db;
  files: FileStore;
}

/** Every activity, bound to its dependencies. Workflows see only this factory's return type. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createPayrollImportActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
