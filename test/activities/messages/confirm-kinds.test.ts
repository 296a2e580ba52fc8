/**
 * The employer's own confirmation kinds for a supplier (on its link) rule the messages a
 * payroll import makes, over the supplier's setting.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { eq } from 'drizzle-orm';
import { createImportMessageActivities } from '../../../activities/messages/from-import';
import { messages } from '../../../db/schema';
import { workflowClients } from '../../../infra/workflow-clients';
import type { Harness } from '../../support/harness';
import { startHarness } from '../../support/harness';
import { createSetup } from '../../support/enrollment-fixture';
import { canonicalCsv, personRow } from '../../support/canonical-csv';
import { importPeriod } from '../../support/cycle-fixture';

describe('confirmation kinds per employer × supplier', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ worker: false }); });
  afterAll(async () => { await h.close(); });

  const call = async (method: 'POST' | 'PUT', url: string, payload: unknown) => {
    const res = await h.app.inject({ method, url, headers: h.auth, payload: payload as object });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };

  it('holds a hire\'s enrollment message for the employer\'s confirmation when its link asks, though the supplier does not', async () => {
    const s = await createSetup(h);
    await call('PUT', `/api/suppliers/${s.supplierId}/report-settings`, { confirmKinds: [] });
    const link = await call('PUT', `/api/employers/${s.employerId}/suppliers/${s.supplierId}`, { confirmKinds: ['enrollment'] });
    expect(link).toMatchObject({ confirmKinds: ['enrollment'], effectiveConfirmKinds: ['enrollment'] });
    await call('POST', `/api/employers/${s.employerId}/onboarding-profiles`, { name: 'Iedereen', plans: [{ planId: s.planId }] });
    await importPeriod(h, s.employerId, canonicalCsv(personRow({ employeeNumber: 'A1' })), '2026-08');
    const importId = await importPeriod(h, s.employerId, canonicalCsv(personRow({ employeeNumber: 'A1' }), personRow({ employeeNumber: 'A2', nationalId: '123456782', hireDate: '2026-09-01' })), '2026-09');

    const activities = createImportMessageActivities({ db: h.db, ...workflowClients(h.client, h.taskQueue) });
    await new MockActivityEnvironment().run(activities.createImportMessages, { importId, today: '2026-09-05' });
    const made = await h.db.select().from(messages).where(eq(messages.importId, importId));
    expect(made).toEqual([expect.objectContaining({ kind: 'enrollment', needsConfirmation: true, status: 'incomplete', missingFields: ['confirmation'] })]);

    // Back to the supplier's setting (none): the link's null says so.
    const back = await call('PUT', `/api/employers/${s.employerId}/suppliers/${s.supplierId}`, { confirmKinds: null });
    expect(back).toMatchObject({ confirmKinds: null, effectiveConfirmKinds: [] });
  });
});
