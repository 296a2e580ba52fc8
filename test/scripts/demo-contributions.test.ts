import { loadDemoData } from '../../scripts/demo-data';
import { loadDemoContributions } from '../../scripts/demo-contributions';
import { startHarness } from '../support/harness';

/** `npm run demo` produces a contribution file for the demo employer and says where to download it; a second start finds the same file. */
it('the demo produces the demo employer\'s contribution file, once', async () => {
  const h = await startHarness({ listen: true });
  try {
    const base = (h.app as unknown as { publicUrl: string }).publicUrl;
    const lines: string[] = [];
    const summary = await loadDemoData(base, h.token, (l) => lines.push(l));
    const first = await loadDemoContributions({ base, token: h.token, employerId: summary.employerId, period: summary.lastPeriod, say: (l) => lines.push(l) });
    const again = await loadDemoContributions({ base, token: h.token, employerId: summary.employerId, period: summary.lastPeriod, say: (l) => lines.push(l) });
    expect(again.fileId).toBe(first.fileId);
    expect(lines.find((l) => l.startsWith(`demo contribution file ${summary.lastPeriod} v1:`))).toMatch(/[1-9]\d* lines/);
    expect(lines).toContain(`  download: ${first.downloadUrl}   (details: ${base}/api/contribution-files/${first.fileId})`);
    const res = await fetch(first.downloadUrl, { headers: { authorization: `Bearer ${h.token}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('Personeelsnummer;Looncomponent;Bedrag;Periode;Betreft;Omschrijving;Bron');
    expect(text).toContain('Inhaalbijdrage');
  } finally { await h.close(); }
});
