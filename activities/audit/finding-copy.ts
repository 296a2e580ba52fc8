import { randomUUID } from 'node:crypto';
import { type Tx, transactionClient } from '../../db/client';
import type { auditFindings } from '../../db/schema';
import { copyBatches, copyValue } from '../../infra/pg-copy';

export type FindingRow = Pick<typeof auditFindings.$inferInsert,
  'runId' | 'importId' | 'employerId' | 'personId' | 'employeeNumber' | 'ruleId' | 'ruleVersion' | 'severity' | 'kind' | 'field' | 'sealedValues'
  | 'status' | 'resolution' | 'reason' | 'resolvedBy' | 'resolvedAt'>;

const COLUMNS = 'id, run_id, import_id, employer_id, person_id, employee_number, rule_id, rule_version, severity, kind, field, sealed_values, status, resolution, reason, resolved_by, resolved_at';
const BATCH = 5_000;

/**
 * A run's findings through one `COPY … FROM STDIN` in its transaction, with their ids made here
 * (review tasks and carried acknowledgements refer to them). An audit of a million people can
 * raise a hundred thousand findings: as batches of INSERT … RETURNING (drizzle building a
 * statement of 12,000 parameters a batch) they took ~150 µs each, longer than the rules.
 * `rowOf` makes each row as its batch is written, so that the work it does (sealing the values)
 * overlaps PostgreSQL storing the batch before.
 */
export async function copyFindings<T>(tx: Tx, items: T[], rowOf: (item: T) => FindingRow): Promise<string[]> {
  if (!items.length) return [];
  const ids = items.map(() => randomUUID());
  const client = transactionClient(tx);
  function* batches() {
    for (let at = 0; at < items.length; at += BATCH) {
      let text = '';
      for (let i = at; i < Math.min(items.length, at + BATCH); i++) {
        const r = rowOf(items[i]);
        text += `${ids[i]}\t${r.runId}\t${r.importId}\t${r.employerId}\t${r.personId ?? '\\N'}\t${copyValue(r.employeeNumber)}\t${r.ruleId}\t${r.ruleVersion}\t`
          + `${r.severity}\t${r.kind}\t${copyValue(r.field)}\t${copyValue(r.sealedValues)}\t${r.status ?? 'open'}\t${copyValue(r.resolution)}\t`
          + `${copyValue(r.reason)}\t${copyValue(r.resolvedBy)}\t${r.resolvedAt ? r.resolvedAt.toISOString() : '\\N'}\n`;
      }
      yield text;
    }
  }
  await copyBatches(client, `copy audit_findings (${COLUMNS}) from stdin`, batches(), 'audit findings not stored');
  return ids;
}
