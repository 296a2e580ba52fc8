import { payrollImportActor } from '../../domain/shared/actor';
import { createCycleAuditActivities } from './cycle-audit';
import { type AuditDeps, runAudit } from './run-audit';

/** The audit's activities: the run on every import (before its messages go out) and the cycle's stage. */
export function createAuditActivities(deps: AuditDeps) {
  /** Counts only: the findings stay in the database. */
  async function auditPayrollImport({ importId }: { importId: string }) {
    const outcome = await runAudit(deps, { importId, trigger: 'import', by: payrollImportActor(importId) });
    return outcome ? { counts: outcome.counts, blocking: outcome.blocking } : { counts: {}, blocking: 0 };
  }
  return { auditPayrollImport, ...createCycleAuditActivities(deps) };
}
