import { encryptAndSign } from '../infra/pgp';
import type { ActivityDeps } from './deps';
import { createAccidentCaseActivities } from './accidents/case-activities';
import { createAuditActivities } from './audit';
import { createDeclareActivities } from './accidents/declare';
import { createCycleActivities } from './cycle/cycle-activities';
import { createImportMessageActivities } from './messages/from-import';
import { createCycleReportActivities } from './reports/cycle-reports';
import { createMessageActivities } from './messages/lifecycle';
import { createPayrollImportActivities } from './payroll/import';
import { createRetentionActivities } from './retention/purge';
import { DEFAULT_RETENTION } from '../domain/retention/policy';
import { createSweepActivities } from './maintenance/sweep';
import { createComparisonActivities } from './reconciliation/comparison-run';
import { createStatementActivities } from './statements/batch';
import { createCycleComparisonActivities } from './reconciliation/cycle-comparisons';
import { createContributionActivities } from './contributions/contribution-files';
import { createBenefitActivities } from './benefits/eligibility';

export type { ActivityDeps } from './deps';

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
    ...createAuditActivities(deps),
    ...createCycleReportActivities({ ...deps, encryptReport: encrypt }),
    ...createAccidentCaseActivities(deps),
    ...createDeclareActivities({ ...deps, encrypt }),
    ...createRetentionActivities({ ...deps, retention: deps.retention ?? DEFAULT_RETENTION }),
    ...createSweepActivities(deps),
    ...createComparisonActivities(deps),
    ...createStatementActivities(deps),
    ...createCycleComparisonActivities(deps),
    ...createContributionActivities(deps),
    ...createBenefitActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
