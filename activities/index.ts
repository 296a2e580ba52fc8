import { Db } from '../db/client';
import { FileStore } from '../infra/file-store';
import { CycleWorkflows } from '../infra/workflow-clients/cycles';
import { MessageWorkflows } from '../infra/workflow-clients/messages';
import { encryptAndSign } from '../infra/pgp';
import { SecretBox } from '../infra/secret-box';
import { createAccidentCaseActivities } from './accidents/case-activities';
import { createDeclareActivities } from './accidents/declare';
import { createCycleActivities } from './cycle/cycle-activities';
import { createImportMessageActivities } from './messages/from-import';
import { createCycleReportActivities } from './reports/cycle-reports';
import { createMessageActivities } from './messages/lifecycle';
import { createPayrollImportActivities } from './payroll/import';

export interface ActivityDeps {
  db: Db;
  files: FileStore;
  secrets: SecretBox;
  /** Starts message workflows for the messages an import or a cycle creates. */
  messageWorkflows: MessageWorkflows;
  /** Tells a running cycle that its payroll import is in. */
  cycleWorkflows: CycleWorkflows;
  /** Where suppliers reach our callbacks. */
  publicUrl: string;
  /** Reports by e-mail: the SMTP server and sender (absent: e-mail delivery fails clearly). */
  mail?: { smtpUrl?: string; from: string };
  /** Mutaflow's armoured OpenPGP signing key, resolved on first use. */
  signingKey?: () => Promise<string>;
}

/** Every activity, bound to its dependencies. Workflows see only this factory's return type. */
export function createActivities(deps: ActivityDeps) {
  const encrypt = deps.signingKey
    ? async (bytes: Uint8Array, publicKey: string, fileName: string) => encryptAndSign(bytes, publicKey, await deps.signingKey!(), { fileName })
    : undefined;
  return {
    ...createPayrollImportActivities(deps),
    ...createMessageActivities(deps),
    ...createImportMessageActivities(deps),
    ...createCycleActivities(deps),
    ...createCycleReportActivities({ ...deps, encryptReport: encrypt }),
    ...createAccidentCaseActivities(deps),
    ...createDeclareActivities({ ...deps, encrypt }),
  };
}

export type Activities = ReturnType<typeof createActivities>;
