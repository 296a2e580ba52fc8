import type { payrollImports } from '../../../db/schema';
import type { ImportError } from '../../../domain/payroll/import-errors';
import type { PayrollImportWorkflows } from '../../../infra/workflow-clients/payroll-imports';

type ImportRow = typeof payrollImports.$inferSelect;

/** The activity's last heartbeat (stage and rows read), while the import runs. */
export async function liveProgress(imports: PayrollImportWorkflows, row: ImportRow): Promise<{ stage: string; rows: number } | null> {
  if (row.status !== 'running') return null;
  try {
    const details = await imports.lastHeartbeat(row.workflowId);
    if (details) return { stage: details.stage ?? row.stage, rows: details.rows ?? 0 };
  } catch {
    // Progress is a nicety: an unreachable Temporal must not fail the read.
  }
  return { stage: row.stage, rows: 0 };
}

export function importView(row: ImportRow, progress: { stage: string; rows: number } | null) {
  return {
    id: row.id,
    employerId: row.employerId,
    period: row.period,
    status: row.status,
    stage: row.stage,
    progress,
    rowCount: row.rowCount,
    errorCount: row.errorCount,
    errors: row.errors as ImportError[],
    changeCounts: row.changeCounts as Record<string, number>,
    file: { name: row.fileName, size: row.fileSize, sha256: row.fileSha256, purged: row.filePurgedAt !== null },
    uploadedBy: row.uploadedBy,
    uploadedAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    baselineImportId: row.baselineImportId,
    supersededBy: row.supersededBy,
    workflowId: row.workflowId,
  };
}
