/**
 * An audit run's findings go to PostgreSQL by COPY (activities/audit/finding-copy.ts): every
 * column comes back as written — text with tabs, backslashes and line breaks, nulls, a carried
 * acknowledgement's reason and time — under the ids the copy returns, and one foreign key holds
 * a finding to its run's import and employer (migration 0026).
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { auditFindings, auditRules, auditRuns, employers, payrollImports } from '../../../db/schema';
import { DEFAULT_PROFILE } from '../../../domain/payroll/mapping-profile';
import { type FindingRow, copyFindings } from '../../../activities/audit/finding-copy';
import { testDb } from '../../support/harness';

let db: Db;
beforeAll(() => { db = testDb(2); });
afterAll(async () => { await db.$client.end(); });

async function world() {
  const [employer] = await db.insert(employers).values({ name: 'Copy test', country: 'NL', mappingProfile: DEFAULT_PROFILE }).returning({ id: employers.id });
  const importOf = async (period: string) => (await db.insert(payrollImports).values({
    employerId: employer.id, period, status: 'completed', stage: 'completed', fileName: 'f.csv', fileSha256: randomUUID(), fileSize: 1,
    uploadedBy: 'test', workflowId: `test-${randomUUID()}`,
  }).returning({ id: payrollImports.id }))[0].id;
  const importId = await importOf('2026-01');
  const otherImportId = await importOf('2026-02');
  const [rule] = await db.insert(auditRules).values({
    employerId: employer.id, name: 'Salary present', severity: 'blocking', kind: 'presence', definition: { kind: 'presence', fields: ['grossMonthlySalary'] }, updatedBy: 'test',
  }).returning({ id: auditRules.id });
  const [run] = await db.insert(auditRuns).values({ importId, employerId: employer.id, trigger: 'import', startedBy: 'test' }).returning({ id: auditRuns.id });
  return { employerId: employer.id, importId, otherImportId, ruleId: rule.id, runId: run.id };
}

describe('copyFindings', () => {
  it('stores every column as written, under the ids it returns', async () => {
    const w = await world();
    const base = { runId: w.runId, importId: w.importId, employerId: w.employerId, ruleId: w.ruleId, ruleVersion: 3, severity: 'blocking' as const, kind: 'presence' as const };
    const rows: FindingRow[] = [
      { ...base, personId: null, employeeNumber: 'E\t1\\2\n3\r4', field: 'custom.kost\\plaats', sealedValues: 'v2.abc.def' },
      {
        ...base, personId: null, employeeNumber: '\\N', field: 'grossMonthlySalary', sealedValues: 'v2.x.y', status: 'acknowledged', resolution: 'acknowledged',
        reason: 'Loon volgt\nin februari\t(zie mail)', resolvedBy: 'user:hr@example.test', resolvedAt: new Date('2026-02-03T04:05:06.789Z'),
      },
      ...Array.from({ length: 12_000 }, (_, i) => ({ ...base, personId: null, employeeNumber: `E${i}`, field: 'grossMonthlySalary', sealedValues: `v2.${i}` })),
    ];
    const ids = await db.transaction((tx) => copyFindings(tx, rows, (r) => r));
    expect(new Set(ids).size).toBe(rows.length);
    const stored = await db.select().from(auditFindings).where(inArray(auditFindings.id, ids.slice(0, 2)));
    const byId = new Map(stored.map((f) => [f.id, f]));
    expect(byId.get(ids[0])).toMatchObject({ ...rows[0], status: 'open', resolution: null, reason: null, resolvedBy: null, resolvedAt: null });
    expect(byId.get(ids[1])).toMatchObject(rows[1]);
    const [last] = await db.select().from(auditFindings).where(eq(auditFindings.id, ids[rows.length - 1]));
    expect(last.employeeNumber).toBe('E11999');
    expect(await db.$count(auditFindings, eq(auditFindings.runId, w.runId))).toBe(rows.length);
  });

  it('refuses a finding whose import is not its run\'s, and stores none of the copy', async () => {
    const w = await world();
    const base = { runId: w.runId, employerId: w.employerId, personId: null, ruleId: w.ruleId, ruleVersion: 1, severity: 'info' as const, kind: 'presence' as const, field: 'city', sealedValues: 'v2.z' };
    await expect(db.transaction((tx) => copyFindings(tx, [
      { ...base, importId: w.importId, employeeNumber: 'ok' },
      { ...base, importId: w.otherImportId, employeeNumber: 'wrong import' },
    ], (r) => r))).rejects.toThrow(/audit_findings_run_fkey/);
    expect(await db.$count(auditFindings, eq(auditFindings.runId, w.runId))).toBe(0);
  });
});
