import { loadDemoData } from '../../scripts/demo-data';
import { loadDemoComparison } from '../../scripts/demo-comparison';
import { startHarness } from '../support/harness';

/** `npm run demo` shows a comparison: the demo's pension-fund list against its payroll photo, idempotent on a second start, and monthly in the cycle. */
it('the demo compares a pension fund\'s list with the payroll photo, once', async () => {
  const h = await startHarness({ listen: true });
  try {
    const base = (h.app as unknown as { publicUrl: string }).publicUrl;
    const lines: string[] = [];
    const summary = await loadDemoData(base, h.token, (l) => lines.push(l));
    const r = await loadDemoComparison({ base, token: h.token, employerId: summary.employerId, lastImportId: summary.lastImportId, period: summary.lastPeriod, say: (l) => lines.push(l) });
    const again = await loadDemoComparison({ base, token: h.token, employerId: summary.employerId, lastImportId: summary.lastImportId, period: summary.lastPeriod, say: (l) => lines.push(l) });
    expect(again.runId).toBe(r.runId);
    expect(lines).toContain('demo comparison "Payroll vs pension fund (demo)": only in payroll 7, only at the fund 1, duplicate keys 1, values that do not parse 1, differences 2; monthly in the cycle of 2026-10 (its file uploaded)');
    // Marked monthly, with the list as the period's file: the demo cycle of the period compares it.
    const period = await (await fetch(`${base}/api/comparison-definitions/${r.definitionId}/periods/2026-10`, { headers: { authorization: `Bearer ${h.token}` } })).json() as { monthly: boolean; missing: string[] };
    expect(period).toMatchObject({ monthly: true, missing: [] });
  } finally { await h.close(); }
  // Two demo imports and a comparison workflow: 16 s alone, several minutes on a loaded 2-core machine.
}, 300_000);
