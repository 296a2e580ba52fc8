/**
 * Outside a monthly cycle, a blocking audit finding holds its person: an import's new hires are
 * enrolled by the onboarding profile, the one without a salary (a blocking rule) keeps an unsent
 * message with no workflow while the other's is processed by the insurer; acknowledging the
 * finding with a reason sends it. API, worker and the insurer simulator, all real.
 */
import { messageWorkflowId } from '../../workflows/shared';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import type { Harness } from '../support/harness';
import type { ApiWorld } from '../support/message-fixture';
import { api, eventually, importPayroll, listMessages, nextBsn, personIdsByEmployeeNumber, monthsAgo, useApiWorld } from '../support/message-fixture';

const M1 = monthsAgo(2);
const M2 = monthsAgo(1);

describe('a blocking finding holds its person outside a cycle', () => {
  let h: Harness;
  let world: ApiWorld;
  useApiWorld((harness, w) => { h = harness; world = w; });

  const hasWorkflow = (messageId: string) => h.client.workflow.getHandle(messageWorkflowId(messageId)).describe().then(() => true, () => false);

  it('holds the hire without a salary until the finding is acknowledged', async () => {
    const { employerId, planId } = world;
    await api(h, 'POST', `/api/employers/${employerId}/onboarding-profiles`, { name: 'Iedereen', plans: [{ planId }] });
    await api(h, 'POST', `/api/employers/${employerId}/audit-rules`, { templateId: 'salary-present' }, 201);
    await importPayroll(h, employerId, canonicalCsv(personRow({ employeeNumber: 'E001', nationalId: nextBsn() })), M1);
    const month2 = await importPayroll(h, employerId, canonicalCsv(
      personRow({ employeeNumber: 'E001', nationalId: nextBsn() }),
      personRow({ employeeNumber: 'E002', nationalId: nextBsn(), lastName: 'Paid', hireDate: `${M2}-10` }),
      personRow({ employeeNumber: 'E003', nationalId: nextBsn(), lastName: 'Unpaid', hireDate: `${M2}-10`, grossMonthlySalary: '' }),
    ), M2);
    const ids = await personIdsByEmployeeNumber(h, employerId);
    const [finding] = (await api(h, 'GET', `/api/findings?importId=${month2.id}`)).items;
    expect(finding).toMatchObject({ personId: ids.get('E003'), severity: 'blocking', field: 'grossMonthlySalary', status: 'open' });

    const messageOf = async (employeeNumber: string) => (await listMessages(h, employerId)).find((m) => m.personId === ids.get(employeeNumber))!;
    await eventually(() => messageOf('E002'), (m) => m?.status === 'processed', 30_000);
    const held = await messageOf('E003');
    expect(held).toMatchObject({ kind: 'enrollment', status: 'not_sent' });
    expect(await hasWorkflow(held.id)).toBe(false);

    await api(h, 'POST', `/api/findings/${finding.id}/acknowledge`, { reason: 'salary follows next month' }, 200);
    expect(await hasWorkflow(held.id)).toBe(true);
    await eventually(() => messageOf('E003'), (m) => m.status === 'processed', 30_000);
  });
});
