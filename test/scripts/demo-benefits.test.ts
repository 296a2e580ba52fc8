import { loadDemoData } from '../../scripts/demo-data';
import { loadDemoBenefits } from '../../scripts/demo-benefits';
import { startHarness } from '../support/harness';

/** `npm run demo` shows an internal benefit with a newly eligible person (a hire of the month) who got a card; idempotent on a second start. */
it('the demo defines a credit card benefit and names who newly qualifies, once', async () => {
  const h = await startHarness({ listen: true });
  try {
    const base = (h.app as unknown as { publicUrl: string }).publicUrl;
    const lines: string[] = [];
    const summary = await loadDemoData(base, h.token, (l) => lines.push(l));
    const r = await loadDemoBenefits({ base, token: h.token, employerId: summary.employerId, period: summary.lastPeriod, say: (l) => lines.push(l) });
    expect(r.newlyEligible).toBeGreaterThan(0);
    const line = lines.find((l) => l.startsWith('demo internal benefit'))!;
    expect(line).toMatch(/\d+ newly eligible \((.*hire.*)\)/);
    const again = await loadDemoBenefits({ base, token: h.token, employerId: summary.employerId, period: summary.lastPeriod, say: (l) => lines.push(l) });
    expect(again).toEqual(r);
    const changes = await h.app.inject({ method: 'GET', url: `/api/employers/${summary.employerId}/benefit-eligibility-changes?typeId=${r.typeId}`, headers: h.auth });
    const newly = changes.json().items.filter((c: { change: string; period: string }) => c.change === 'newly_eligible' && c.period === summary.lastPeriod);
    const records = await h.app.inject({ method: 'GET', url: `/api/persons/${newly[0].personId}/benefit-records`, headers: h.auth });
    expect(records.json().items).toEqual([expect.objectContaining({ typeId: r.typeId, values: expect.objectContaining({ cardNumber: '4417', limit: 250_000 }) })]);
  } finally { await h.close(); }
});
