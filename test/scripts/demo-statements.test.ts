import { loadDemoStatements } from '../../scripts/demo-statements';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import { createStatementWorld } from '../support/statement-world';

describe('the demo statement', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ worker: false, listen: true }); });
  afterAll(async () => { await h.close(); });

  it("prints the statement page, PDF and bulk commands of a demo person's statement", async () => {
    const w = await createStatementWorld(h.db, { count: 2 });
    const lines: string[] = [];
    const { personId } = await loadDemoStatements({ base: h.publicUrl, token: h.token, employerId: w.employerId, say: (l) => lines.push(l) });
    expect(w.personIds).toContain(personId);
    // In the person's own language (the fixture gives some persons French or English).
    expect(lines[0]).toMatch(/^demo statement \((Infofiche, nl|Fiche d'information, fr|Benefit statement, en)\) for employee E-000\d: \d enrollment\(s\)$/);
    expect(lines).toContain(`  statement page: ${h.publicUrl}/#/statements/${personId}`);
    expect(lines.some((l) => l.includes(`/api/persons/${personId}/statement/pdf`))).toBe(true);
  });
});
