/**
 * A supplier whose report settings cannot work (here: encrypted reports wanted, no signing key)
 * does not hold back the other suppliers' reports of the cycle; the failure is on the cycle.
 */
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { createCycleReportActivities } from '../../../activities/reports/cycle-reports';
import { cycles, payrollImports, reports, supplierReportSettings } from '../../../db/schema';
import { defaultReportFormat } from '../../../domain/reports/format';
import type { Harness} from '../../support/harness';
import { TEST_SECRETS, startHarness } from '../../support/harness';
import { createSetup } from '../../support/enrollment-fixture';
import { TEST_OUTBOUND } from '../../support/outbound';

type Rendered = { reportIds: string[]; failedSupplierIds: string[] };

describe('cycle reports', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ worker: false }); });
  afterAll(async () => { await h.close(); });

  it('renders the others when one supplier\'s report cannot be made, and records why on the cycle', async () => {
    const s = await createSetup(h);
    const other = await h.app.inject({ method: 'POST', url: '/api/suppliers', headers: h.auth, payload: { name: 'Leasemaatschappij', kind: 'external', channel: { transport: 'none' } } });
    expect(other.statusCode).toBe(201);
    const link = await h.app.inject({
      method: 'POST', url: `/api/employers/${s.employerId}/suppliers`, headers: h.auth,
      payload: { supplierId: other.json().id, collectiveNumber: 'L-1', startDate: '2020-01-01' },
    });
    expect(link.statusCode).toBe(201);
    // The health insurer wants its reports encrypted; this worker has no signing key.
    await h.db.insert(supplierReportSettings).values({ supplierId: s.supplierId, format: defaultReportFormat('health_insurer'), pgpPublicKey: '-----BEGIN PGP PUBLIC KEY BLOCK-----' });
    const importId = randomUUID();
    await h.db.insert(payrollImports).values({ id: importId, employerId: s.employerId, period: '2026-10', fileName: 'p.csv', fileSha256: 'x', fileSize: 1, uploadedBy: 't', workflowId: `w-${importId}`, status: 'completed' });
    const [cycle] = await h.db.insert(cycles).values({ employerId: s.employerId, period: '2026-10', workflowId: `cycle-${importId}`, importId, startedBy: 't' }).returning();

    const activities = createCycleReportActivities({ db: h.db, files: h.files, secrets: TEST_SECRETS, outbound: TEST_OUTBOUND });
    const out = await new MockActivityEnvironment().run(activities.renderCycleReports, { cycleId: cycle.id, importId }) as Rendered;
    expect(out.failedSupplierIds).toEqual([s.supplierId]);
    expect(out.reportIds).toHaveLength(1);
    const [made] = await h.db.select().from(reports).where(eq(reports.id, out.reportIds[0]));
    expect(made.supplierId).toBe(other.json().id);
    const [after] = await h.db.select().from(cycles).where(eq(cycles.id, cycle.id));
    expect((after.summary as { events: unknown[] }).events).toEqual([
      { kind: 'report_render_failed', at: expect.any(String), supplierId: s.supplierId, reason: 'NoSigningKey' },
    ]);

    // A retry keeps the report made and does not make another.
    const again = await new MockActivityEnvironment().run(activities.renderCycleReports, { cycleId: cycle.id, importId }) as Rendered;
    expect(again.reportIds).toEqual(out.reportIds);
  });
});
