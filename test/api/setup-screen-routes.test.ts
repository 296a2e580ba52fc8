/**
 * Routes the web UI's set-up screens need: renaming a supplier and a plan; the mapping-profile preview (a sample file read
 * by the import's own readers, mapping and checks, under a profile not saved yet — storing
 * nothing) and the audit trail's CSV export (same filters as the list, streamed, itself audited).
 */
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { auditLog, employers, payrollImports } from '../../db/schema';
import type { Harness } from '../support/harness';
import { createEmployer, startHarness, uploadForm } from '../support/harness';

let h: Harness;
let hr: { authorization: string };
let employerId: string;

beforeAll(async () => {
  h = await startHarness({ worker: false });
  employerId = await createEmployer(h, { name: `Preview ${randomUUID()}` });
  const res = await h.app.inject({ method: 'POST', url: '/api/tokens', headers: h.auth, payload: { name: `preview-hr-${randomUUID()}`, role: 'hr', employerIds: [employerId] } });
  hr = { authorization: `Bearer ${res.json().token}` };
});
afterAll(async () => { await h?.close(); });

const NL_HEADER = 'Personeelsnummer;BSN;Achternaam;Voorvoegsel;Voornamen;Geboortedatum;Geslacht;Straat;Huisnummer;Postcode;Woonplaats;Datum in dienst;Kostenplaats';
const NL_FILE = [
  NL_HEADER,
  '00001;111222333;Berg;van den;Anna;12-04-1985;V;Kerkstraat;1;3511CD;Utrecht;01-01-2020;100',
  '00002;123456789;Bakker;;Piet;31-02-1980;M;Markt;2;3511CD;Utrecht;01-01-2021;200',
  '00003;123456782;Smit;;Jan;01-01-1990;M;Dorpsweg;3;3511CD;Utrecht;01-01-2022;300',
].join('\n') + '\n';

const preview = (form: FormData, headers: object = h.auth, rows?: number) => h.app.inject({
  method: 'POST', url: `/api/employers/${employerId}/mapping-profile/preview${rows ? `?rows=${rows}` : ''}`, headers: headers as Record<string, string>, payload: form,
});
const withProfile = (profile: unknown) => {
  const form = uploadForm(NL_FILE, 'sample.csv');
  form.set('profile', typeof profile === 'string' ? profile : JSON.stringify(profile));
  return form;
};
const tmpFiles = async () => (await readdir(join(h.files.root, 'tmp')).catch(() => [] as string[])).length;

describe('renaming suppliers and plans', () => {
  it('renames a supplier and changes a plan\'s name and code (unique within the supplier); HR may not', async () => {
    const supplier = (await h.app.inject({ method: 'POST', url: '/api/suppliers', headers: h.auth, payload: { name: 'Oude naam', kind: 'external' } })).json();
    const renamed = await h.app.inject({ method: 'PATCH', url: `/api/suppliers/${supplier.id}`, headers: h.auth, payload: { name: 'Nieuwe naam' } });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: supplier.id, name: 'Nieuwe naam', kind: 'external' });
    expect((await h.app.inject({ method: 'PATCH', url: `/api/suppliers/${randomUUID()}`, headers: h.auth, payload: { name: 'X' } })).statusCode).toBe(404);
    expect((await h.app.inject({ method: 'PATCH', url: `/api/suppliers/${supplier.id}`, headers: hr, payload: { name: 'X' } })).statusCode).toBe(403);

    const plan = async (name: string, code: string) => (await h.app.inject({ method: 'POST', url: '/api/plans', headers: h.auth, payload: { supplierId: supplier.id, name, code } })).json();
    const a = await plan('Lease', 'L1');
    await plan('Tankpas', 'T1');
    const changed = await h.app.inject({ method: 'PATCH', url: `/api/plans/${a.id}`, headers: h.auth, payload: { name: 'Leaseauto', code: 'L2' } });
    expect(changed.json()).toMatchObject({ id: a.id, name: 'Leaseauto', code: 'L2' });
    // Its own code again is no clash; another plan's is.
    expect((await h.app.inject({ method: 'PATCH', url: `/api/plans/${a.id}`, headers: h.auth, payload: { code: 'L2' } })).statusCode).toBe(200);
    const clash = await h.app.inject({ method: 'PATCH', url: `/api/plans/${a.id}`, headers: h.auth, payload: { code: 'T1' } });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toBe('plan_code_taken');
    expect((await h.app.inject({ method: 'PATCH', url: `/api/plans/${a.id}`, headers: h.auth, payload: { code: null } })).json().code).toBeNull();
    expect((await h.app.inject({ method: 'PATCH', url: `/api/plans/${a.id}`, headers: hr, payload: { name: 'X' } })).statusCode).toBe(403);
  });
});

describe('mapping profile preview', () => {
  it('maps the first rows of a sample under an unsaved profile, with the errors an import would give, and stores nothing', async () => {
    const [before] = await h.db.select().from(employers).where(eq(employers.id, employerId));
    const imports = async () => (await h.db.select({ n: sql<number>`count(*)::int` }).from(payrollImports).where(eq(payrollImports.employerId, employerId)))[0].n;
    const importsBefore = await imports();
    const tmpBefore = await tmpFiles();

    const res = await preview(withProfile({ preset: 'nl-payroll-csv' }));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.format).toBe('csv');
    expect(body.fileErrors).toEqual([]);
    expect(body.missingRequired).toEqual([]);
    expect(body.columns).toEqual(expect.arrayContaining([{ header: 'BSN', field: 'nationalId' }, { header: 'Kostenplaats', field: null }]));
    expect(body.rows).toHaveLength(3);
    // Row 2: mapped as stored — dates in ISO, V → F by the value map, the custom column kept.
    expect(body.rows[0]).toMatchObject({
      row: 2, errors: [],
      values: { employeeNumber: '00001', nationalId: '111222333', lastName: 'Berg', namePrefix: 'van den', birthDate: '1985-04-12', gender: 'F', hireDate: '2020-01-01' },
      custom: { Kostenplaats: '100' },
    });
    // Row 3: a BSN failing the 11-check and a date that does not exist, named by row, column and field.
    expect(body.rows[1].values).toBeNull();
    expect(body.rows[1].errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ code: 'invalid_national_id', row: 3, column: 'BSN', field: 'nationalId' }),
      expect.objectContaining({ code: 'invalid_date', row: 3, column: 'Geboortedatum', field: 'birthDate' }),
    ]));
    expect(body.rows[2]).toMatchObject({ row: 4, errors: [] });
    // Nothing stored: no import, the saved profile unchanged, no plain copy left behind.
    expect(await imports()).toBe(importsBefore);
    const [after] = await h.db.select().from(employers).where(eq(employers.id, employerId));
    expect(after.mappingProfile).toEqual(before.mappingProfile);
    expect(await tmpFiles()).toBe(tmpBefore);
  });

  it('reads an XLSX sample with its preset', async () => {
    const form = uploadForm(readFileSync(join(__dirname, '../fixtures/be-payroll-export-2026-09.xlsx')), 'personnel.xlsx');
    form.set('profile', JSON.stringify({ preset: 'be-payroll-xlsx' }));
    const res = await preview(form, h.auth, 3);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ format: 'xlsx', fileErrors: [], profile: { name: 'be-payroll-xlsx', sheet: 'Personnel' } });
    expect(body.columns).toEqual(expect.arrayContaining([{ header: 'NISS', field: 'nationalId' }]));
    expect(body.rows).toHaveLength(3);
    for (const r of body.rows) {
      expect(r.errors).toEqual([]);
      expect(r.values.birthDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['white_collar', 'blue_collar']).toContain(r.values.category);
    }
  });

  it('reads only as many rows as asked', async () => {
    const res = await preview(withProfile({ preset: 'nl-payroll-csv' }), h.auth, 1);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows.map((r: { row: number }) => r.row)).toEqual([2]);
  });

  it('without a profile uses the saved one: the NL file lacks the canonical headers', async () => {
    const res = await preview(uploadForm(NL_FILE, 'sample.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toEqual([]);
    expect(res.json().fileErrors).toEqual([expect.objectContaining({ code: 'missing_required_column', file: 'sample.csv', row: 1 })]);
    expect(res.json().missingRequired).toEqual(expect.arrayContaining(['employeeNumber', 'nationalId', 'lastName', 'birthDate']));
  });

  it('refuses a profile that is not one, naming the field', async () => {
    const bad = await preview(withProfile({ delimiter: 'x' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^profile\.delimiter:/);
    expect((await preview(withProfile('{not json'))).statusCode).toBe(400);
  });

  it('is for who may manage employers', async () => {
    expect((await preview(withProfile({ preset: 'nl-payroll-csv' }), hr)).statusCode).toBe(403);
  });
});

describe('audit trail CSV export', () => {
  it('streams the filtered trail as CSV, newest first, and is audited itself', async () => {
    const actorName = `export-probe-${randomUUID()}`;
    const probe = await h.app.inject({ method: 'POST', url: '/api/tokens', headers: h.auth, payload: { name: actorName, role: 'viewer', employerIds: [employerId] } });
    const probeAuth = { authorization: `Bearer ${probe.json().token}` };
    await h.app.inject({ method: 'GET', url: `/api/employers/${employerId}`, headers: probeAuth });
    await h.app.inject({ method: 'GET', url: '/api/users', headers: probeAuth });

    const res = await h.app.inject({ method: 'GET', url: `/api/audit/export.csv?actor=${encodeURIComponent(`token:${actorName}`)}`, headers: h.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const lines = res.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,method,route,resourceId,employerId,personId,personIds,status,ip,hash');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(',denied,GET,/api/users,');
    expect(lines[2]).toContain(`,token:${actorName},read,GET,/api/employers/:id,${employerId},${employerId},`);
    expect(Number(lines[1].split(',')[0])).toBeGreaterThan(Number(lines[2].split(',')[0]));

    const [recorded] = await h.db.select().from(auditLog).where(and(eq(auditLog.route, '/api/audit/export.csv'), eq(auditLog.status, 200))).orderBy(sql`${auditLog.id} desc`).limit(1);
    expect(recorded).toMatchObject({ method: 'GET', action: 'read' });
  });

  it('pages through more entries than one read holds', async () => {
    const actor = `token:bulk-${randomUUID()}`;
    await h.db.insert(auditLog).values(Array.from({ length: 2_345 }, () => ({ actor, action: 'read', method: 'GET', route: '/api/employers', status: 200 })));
    const res = await h.app.inject({ method: 'GET', url: `/api/audit/export.csv?actor=${encodeURIComponent(actor)}`, headers: h.auth });
    const ids = res.body.trimEnd().split('\r\n').slice(1).map((l) => Number(l.split(',')[0]));
    expect(ids).toHaveLength(2_345);
    expect(new Set(ids).size).toBe(2_345);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });

  it('refuses whoever may not read the trail, and a range that ends before it starts', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/api/audit/export.csv', headers: hr })).statusCode).toBe(403);
    expect((await h.app.inject({ method: 'GET', url: '/api/audit/export.csv?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', headers: h.auth })).statusCode).toBe(400);
  });
});
