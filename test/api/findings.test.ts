/**
 * Audit rules and findings through the API with a real worker: rules from templates and written
 * out, refused when malformed; two real imports raise findings of each kind (stored sealed,
 * naming the rule version); listed and filtered in pages, values only for readers who may see
 * the person; a rule changed and run again on demand; acknowledged with a reason by a role
 * allowed to; exported as XLSX in NL/FR/EN.
 */
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { auditFindings, cycles, roles, tasks } from '../../db/schema';
import type { Harness } from '../support/harness';
import { TEST_SECRETS, createEmployer, startHarness, uploadForm } from '../support/harness';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import { tokenFor } from '../support/scoped-world';

describe('audit rules and findings', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h.close(); });

  const post = (url: string, payload: object, headers = h.auth) => h.app.inject({ method: 'POST', url, headers, payload });
  const get = (url: string, headers = h.auth) => h.app.inject({ method: 'GET', url, headers });
  const upload = async (employerId: string, csv: string, period: string) => {
    const r = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(csv, `${period}.csv`, period) });
    expect(r.statusCode).toBe(201);
    return r.json().id as string;
  };

  it('raises, lists, versions, acknowledges and exports findings of a real import', async () => {
    const employerId = await createEmployer(h);
    // Malformed rules are refused whole, naming what is wrong; nothing is stored.
    const bad = await post(`/api/employers/${employerId}/audit-rules`, { name: 'x', severity: 'fatal', definition: { kind: 'presence', fields: ['salary'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/severity|fields/);
    expect((await post(`/api/employers/${employerId}/audit-rules`, { templateId: 'no-such' })).statusCode).toBe(400);
    expect((await get(`/api/employers/${employerId}/audit-rules`)).json().items).toEqual([]);

    const templates = (await get('/api/audit-rule-templates')).json().items;
    expect(templates.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['salary-present', 'age-at-hire', 'salary-increase', 'national-id-change']));
    const rule = async (body: object) => {
      const r = await post(`/api/employers/${employerId}/audit-rules`, body);
      expect(r.statusCode).toBe(201);
      return r.json();
    };
    const present = await rule({ templateId: 'salary-present' });
    const increase = await rule({ templateId: 'salary-increase' });
    const birth = await rule({ templateId: 'birth-date-change' });
    const minimum = await rule({
      name: 'Minimum class 5', severity: 'warning', definition: { kind: 'validity', check: { op: 'range', field: 'grossMonthlySalary', min: 3000 } },
      population: { and: [{ field: 'category', equals: 'white_collar' }, { field: 'salaryClass', equals: '5' }] },
    });
    expect(minimum.description.nl).toBe('Bruto maandsalaris ≥ 3000 voor Categorie = bedienden en Salarisschaal = 5');
    expect(present).toMatchObject({ severity: 'blocking', kind: 'presence', version: 1, templateId: 'salary-present' });

    const jan = await upload(employerId, canonicalCsv(
      personRow({ employeeNumber: '0001', grossMonthlySalary: '3500.00' }),
      personRow({ employeeNumber: '0002', nationalId: '123456782', lastName: 'Bakker', grossMonthlySalary: '2500.00' }),
      personRow({ employeeNumber: '0003', nationalId: '100000009', lastName: 'Smit', grossMonthlySalary: '' }),
    ), '2026-01');
    const janFindings = (await get(`/api/findings?importId=${jan}`)).json().items;
    expect(janFindings.map((f: { employeeNumber: string; ruleId: string; field: string; severity: string }) => [f.employeeNumber, f.ruleId, f.field, f.severity]).sort()).toEqual([
      ['0002', minimum.id, 'grossMonthlySalary', 'warning'],
      ['0003', present.id, 'grossMonthlySalary', 'blocking'],
    ].sort());

    const feb = await upload(employerId, canonicalCsv(
      personRow({ employeeNumber: '0001', grossMonthlySalary: '3900.00' }),
      personRow({ employeeNumber: '0002', nationalId: '123456782', lastName: 'Bakker', grossMonthlySalary: '3000.00', birthDate: '1985-04-21' }),
      personRow({ employeeNumber: '0003', nationalId: '100000009', lastName: 'Smit', grossMonthlySalary: '3000.00' }),
    ), '2026-02');
    const page1 = await get(`/api/findings?importId=${feb}&limit=2`);
    expect(page1.statusCode).toBe(200);
    const page2 = await get(`/api/findings?importId=${feb}&limit=2&cursor=${page1.json().nextCursor}`);
    const febFindings = [...page1.json().items, ...page2.json().items];
    expect(page2.json().nextCursor).toBeNull();
    expect(febFindings).toHaveLength(3);
    const byRule = (id: string, employeeNumber?: string) => febFindings.find((f: { ruleId: string; employeeNumber: string }) => f.ruleId === id && (!employeeNumber || f.employeeNumber === employeeNumber));
    expect(byRule(increase.id, '0002')).toMatchObject({ values: { value: '3000', previousValue: '2500' } });
    expect(byRule(increase.id, '0001')).toMatchObject({ employeeNumber: '0001', field: 'grossMonthlySalary', ruleVersion: 1, severity: 'warning', values: { value: '3900', previousValue: '3500' }, status: 'open' });
    expect(byRule(birth.id)).toMatchObject({ employeeNumber: '0002', field: 'birthDate', severity: 'blocking', values: { value: '1985-04-21', previousValue: '1985-04-12' } });
    // 0002's 3000 meets the minimum; 0003's salary is filled now.
    expect(byRule(increase.id).rule.en).toBe('Gross monthly salary rises by more than 10 %');
    expect((await get(`/api/findings?importId=${feb}&severity=blocking`)).json().items).toHaveLength(1);

    // Sealed at rest: the values are not in the row as text.
    const [stored] = await h.db.select().from(auditFindings).where(eq(auditFindings.id, byRule(birth.id).id));
    expect(stored.sealedValues).not.toContain('1985');
    expect(TEST_SECRETS.open(stored.sealedValues)).toEqual({ value: '1985-04-21', previousValue: '1985-04-12' });

    // A reader without persons.view sees the finding, not the values.
    await h.db.insert(roles).values({ name: 'controller_no_persons', permissions: ['findings.view'], allEmployers: false }).onConflictDoNothing();
    const limited = { authorization: `Bearer ${await tokenFor(h, 'controller_no_persons', [employerId])}` };
    const seen = (await get(`/api/findings/${byRule(birth.id).id}`, limited)).json();
    expect(seen).toMatchObject({ field: 'birthDate' });
    expect(seen.values).toBeUndefined();
    expect((await get(`/api/findings/export?importId=${feb}`, limited)).body).not.toContain('1985');

    // A new version of a rule, run again on demand: the finding names version 2.
    const changed = await h.app.inject({ method: 'PUT', url: `/api/audit-rules/${increase.id}`, headers: h.auth, payload: { name: 'Raise over 5 %', severity: 'warning', definition: { kind: 'change', check: { op: 'increaseAbove', field: 'grossMonthlySalary', percent: 5 } } } });
    expect(changed.json()).toMatchObject({ version: 2, name: 'Raise over 5 %' });
    expect((await get(`/api/audit-rules/${increase.id}`)).json().versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const rerun = await post(`/api/payroll-imports/${feb}/audit`, {});
    expect(rerun.statusCode).toBe(201);
    expect(rerun.json()).toMatchObject({ personCount: 3, counts: { warning: 2, blocking: 1 }, blocking: 1 });
    const after = (await get(`/api/findings?importId=${feb}&ruleId=${increase.id}`)).json().items;
    expect(after).toHaveLength(2);
    for (const f of after) expect(f).toMatchObject({ ruleVersion: 2, ruleName: 'Raise over 5 %' });

    // Acknowledging takes findings.acknowledge and a reason.
    const blocking = (await get(`/api/findings?importId=${feb}&severity=blocking`)).json().items[0];
    const hr = { authorization: `Bearer ${await tokenFor(h, 'hr', [employerId])}` };
    expect((await post(`/api/findings/${blocking.id}/acknowledge`, { reason: 'corrected birth date' }, hr)).statusCode).toBe(403);
    expect((await post(`/api/findings/${blocking.id}/acknowledge`, { reason: '' })).statusCode).toBe(400);
    const ack = await post(`/api/findings/${blocking.id}/acknowledge`, { reason: 'birth date corrected at the registry' });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ status: 'acknowledged', reason: 'birth date corrected at the registry' });
    expect((await post(`/api/findings/${blocking.id}/acknowledge`, { reason: 'again' })).statusCode).toBe(409);
    // Run again: the same values stay acknowledged.
    expect((await post(`/api/payroll-imports/${feb}/audit`, {})).json()).toMatchObject({ blocking: 0 });
    expect((await get(`/api/findings?importId=${feb}&severity=blocking`)).json().items[0]).toMatchObject({ status: 'acknowledged' });

    // XLSX, labelled in the asked language, readable.
    for (const [lang, sheet, header] of [['nl', 'Bevindingen', 'Ernst'], ['fr', 'Constats', 'Gravité'], ['en', 'Findings', 'Severity']] as const) {
      const x = await get(`/api/findings/export?importId=${feb}&lang=${lang}`);
      expect(x.statusCode).toBe(200);
      expect(x.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
      const ws = wb.getWorksheet(sheet)!;
      expect(ws.getRow(1).getCell(1).value).toBe(header);
      expect(ws.rowCount).toBe(4);
      const rows = [2, 3, 4].map((n) => ws.getRow(n).values as unknown[]);
      expect(rows.flat()).toEqual(expect.arrayContaining(['0002', '1985-04-21', '1985-04-12']));
    }
  });

  it('a review_finding task is answered only by a role holding findings.acknowledge, one by one or in bulk', async () => {
    const employerId = await createEmployer(h);
    const [cycle] = await h.db.insert(cycles).values({ employerId, period: '2031-03', workflowId: `cycle-${employerId}-2031-03`, startedBy: 'test' }).returning();
    const [task] = await h.db.insert(tasks).values({
      employerId, cycleId: cycle.id, kind: 'review_finding', subject: { findingId: '00000000-0000-4000-8000-000000000000' }, dueAt: new Date(),
    }).returning();
    const hr = { authorization: `Bearer ${await tokenFor(h, 'hr', [employerId])}` };
    const answer = { acknowledged: true, reason: 'checked with the employee' };
    expect((await post(`/api/tasks/${task.id}/complete`, { result: answer }, hr)).statusCode).toBe(403);
    expect((await post('/api/tasks/complete', { items: [{ taskId: task.id, result: answer }] }, hr)).statusCode).toBe(403);
    // The answer's shape is checked first, for every role.
    expect((await post(`/api/tasks/${task.id}/complete`, { result: { acknowledged: true } }, hr)).statusCode).toBe(400);
    expect((await h.db.select({ status: tasks.status }).from(tasks).where(eq(tasks.id, task.id)))).toEqual([{ status: 'open' }]);
  });

  it('a corrected import resolves what it no longer raises', async () => {
    const employerId = await createEmployer(h);
    await post(`/api/employers/${employerId}/audit-rules`, { templateId: 'salary-present' });
    const first = await upload(employerId, canonicalCsv(personRow({ grossMonthlySalary: '' })), '2026-03');
    const [f] = (await get(`/api/findings?importId=${first}`)).json().items;
    expect(f).toMatchObject({ status: 'open', severity: 'blocking' });
    const second = await upload(employerId, canonicalCsv(personRow({ grossMonthlySalary: '2800' })), '2026-03');
    expect((await get(`/api/findings?importId=${second}`)).json().items).toEqual([]);
    expect((await get(`/api/findings/${f.id}`)).json()).toMatchObject({ status: 'resolved', resolution: 'corrected' });
  });
});
