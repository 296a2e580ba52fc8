/**
 * Which enrollments and changes reach a supplier's monthly report: per enrollment and kind the
 * latest message decides (a cancelled one keeps the line out, a later one that went out brings
 * it back), and what the employer declined stays out with its reason kept.
 */
import { randomUUID } from 'node:crypto';
import { reportLines } from '../../../activities/reports/cycle-reports';
import { enrollments, messages, payrollImports } from '../../../db/schema';
import type { Harness } from '../../support/harness';
import { startHarness } from '../../support/harness';
import { createSetup, insertPerson } from '../../support/enrollment-fixture';

describe('reportLines', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ worker: false }); });
  afterAll(async () => { await h.close(); });

  it('keeps an enrollment\'s lines when a later message for it was sent, and leaves out only what was cancelled last', async () => {
    const s = await createSetup(h);
    const importId = randomUUID();
    await h.db.insert(payrollImports).values({ id: importId, employerId: s.employerId, period: '2026-10', fileName: 'p.csv', fileSha256: 'x', fileSize: 1, uploadedBy: 't', workflowId: `w-${importId}`, status: 'completed' });
    const enroll = async (employeeNumber: string, endDate: string | null = null) => {
      const personId = await insertPerson(h, s.employerId, employeeNumber);
      const [e] = await h.db.insert(enrollments).values({ personId, planId: s.planId, startDate: '2026-10-05', endDate }).returning();
      return { personId, enrollmentId: e.id };
    };
    let clock = Date.parse('2026-10-06T08:00:00Z');
    const message = async (e: { personId: string; enrollmentId: string }, kind: 'enrollment' | 'termination', status: 'cancelled' | 'sent' | 'processed') => {
      clock += 60_000;
      await h.db.insert(messages).values({
        employerId: s.employerId, supplierId: s.supplierId, personId: e.personId, enrollmentId: e.enrollmentId, kind, status,
        factDate: '2026-10-05', sendDate: '2026-10-06', createdBy: 'test', createdAt: new Date(clock),
      });
    };
    // Cancelled first (a wrong start date), then made again and sent: the enrollment was communicated.
    const resent = await enroll('R-1');
    await message(resent, 'enrollment', 'cancelled');
    await message(resent, 'enrollment', 'processed');
    // Enrolled and ended in the month: the enrollment was sent, the termination cancelled.
    const ended = await enroll('R-2', '2026-10-20');
    await message(ended, 'enrollment', 'sent');
    await message(ended, 'termination', 'cancelled');
    // Only ever cancelled: never communicated.
    const dropped = await enroll('R-3');
    await message(dropped, 'enrollment', 'cancelled');

    const lines = await reportLines(h.db, s.employerId, s.supplierId, importId, '2026-10', 'C-1');
    const seen = lines.map((l) => `${l.kind}:${(l.person as Record<string, string>).employeeNumber}`).sort();
    expect(seen).toEqual(['enrollment:R-1', 'enrollment:R-2']);
  });
});
