import { Db } from '../../db/client';
import { FileStore } from '../../infra/file-store';
import { SecretBox } from '../../infra/secret-box';

export interface CycleReportDeps {
  db: Db;
  files: FileStore;
  secrets: SecretBox;
}

/** Monthly reports per supplier: rendered, encrypted where asked, stored, delivered. */
export function createCycleReportActivities(_deps: CycleReportDeps) {
  async function renderCycleReports(_i: { cycleId: string; importId: string }): Promise<{ reportIds: string[] }> {
    return { reportIds: [] };
  }
  async function deliverCycleReport(_i: { reportId: string }): Promise<{ delivered: boolean }> {
    return { delivered: false };
  }
  return { renderCycleReports, deliverCycleReport };
}
