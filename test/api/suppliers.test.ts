import { eq } from 'drizzle-orm';
import { contributionSettings, messageAnswers, messages } from '../../db/schema';
import { hashToken } from '../../api/plugins/auth';
import type { Harness} from '../support/harness';
import { TEST_SECRETS, createEmployer, startHarness } from '../support/harness';
import { insertPerson } from '../support/enrollment-fixture';

const API_KEY = 'super-secret-api-key-4711';
const HTTP = { transport: 'http', baseUrl: 'https://insurer.example/api' };

describe('suppliers, plans, links, onboarding profiles and family members', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ worker: false }); });
  afterAll(async () => { await h.close(); });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: unknown) =>
    h.app.inject({ method, url, headers: h.auth, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const stored = async (id: string) =>
    (await h.db.$client.query('select credentials_encrypted, callback_token_hash from suppliers where id = $1', [id])).rows[0] as
      { credentials_encrypted: string | null; callback_token_hash: string | null };

  describe('suppliers', () => {
    it('seals the channel credentials, never returns them, and shows the callback token once', async () => {
      const res = await call('POST', '/api/suppliers', { name: 'Zilveren Kruis', kind: 'health_insurer', channel: HTTP, credentials: { apiKey: API_KEY } });
      expect(res.statusCode).toBe(201);
      expect(res.body).not.toContain(API_KEY);
      const body = res.json();
      expect(body).toMatchObject({
        name: 'Zilveren Kruis', kind: 'health_insurer', fields: null, hasCredentials: true, hasCallbackToken: true,
        channel: { transport: 'http', baseUrl: 'https://insurer.example/api', answers: 'callback', pollEveryMinutes: 60, timeoutSeconds: 30 },
        callbackToken: expect.stringMatching(/^mf_/), callbackUrl: `http://127.0.0.1:9/api/supplier-callbacks/${body.id}`,
      });
      expect(body).not.toHaveProperty('credentials');
      expect(body).not.toHaveProperty('credentialsEncrypted');
      expect(body).not.toHaveProperty('callbackTokenHash');

      const row = await stored(body.id);
      expect(row.credentials_encrypted).toMatch(/^v2\./);
      expect(row.credentials_encrypted).not.toContain(API_KEY);
      expect(TEST_SECRETS.open(row.credentials_encrypted!)).toEqual({ apiKey: API_KEY });
      expect(row.callback_token_hash).toBe(hashToken(body.callbackToken));
      expect(row.callback_token_hash).not.toContain(body.callbackToken);

      for (const url of [`/api/suppliers/${body.id}`, '/api/suppliers']) {
        const read = await call('GET', url);
        expect(read.statusCode).toBe(200);
        expect(read.body).not.toContain(API_KEY);
        expect(read.body).not.toContain(body.callbackToken);
        expect(read.body).not.toContain(row.credentials_encrypted!);
        expect(read.body).not.toContain(row.callback_token_hash!);
      }
      expect((await call('GET', `/api/suppliers/${body.id}`)).json()).toEqual({
        id: body.id, name: 'Zilveren Kruis', kind: 'health_insurer', fields: null, channel: body.channel,
        hasCredentials: true, hasCallbackToken: true, createdAt: expect.any(String),
      });
      expect((await call('GET', '/api/suppliers')).json().items).toContainEqual(expect.objectContaining({ id: body.id }));
    });

    it('issues a callback token when a channel first becomes http, keeps it after, and rotates it on request', async () => {
      const created = await call('POST', '/api/suppliers', { name: 'Leasemaatschappij', kind: 'external', fields: ['lastName', 'street'] });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      expect(created.json()).toMatchObject({ channel: { transport: 'none' }, hasCredentials: false, hasCallbackToken: false, fields: ['lastName', 'street'] });
      expect(created.json()).not.toHaveProperty('callbackToken');

      const first = await call('PUT', `/api/suppliers/${id}/channel`, { channel: HTTP, credentials: { apiKey: API_KEY } });
      expect(first.statusCode).toBe(200);
      expect(first.body).not.toContain(API_KEY);
      expect(first.json()).toMatchObject({ hasCredentials: true, hasCallbackToken: true, callbackToken: expect.stringMatching(/^mf_/) });
      const token1 = first.json().callbackToken;
      expect((await stored(id)).callback_token_hash).toBe(hashToken(token1));
      expect(TEST_SECRETS.open((await stored(id)).credentials_encrypted!)).toEqual({ apiKey: API_KEY });

      // Changing the channel again keeps the token and (credentials omitted) the credentials.
      const again = await call('PUT', `/api/suppliers/${id}/channel`, { channel: { ...HTTP, answers: 'polling', pollEveryMinutes: 15 } });
      expect(again.statusCode).toBe(200);
      expect(again.json()).not.toHaveProperty('callbackToken');
      expect(again.json()).toMatchObject({ hasCredentials: true, channel: { answers: 'polling', pollEveryMinutes: 15 } });
      expect((await stored(id)).callback_token_hash).toBe(hashToken(token1));

      const rotated = await call('PUT', `/api/suppliers/${id}/channel`, { channel: HTTP, rotateCallbackToken: true, credentials: { apiKey: 'new-key-0815' } });
      expect(rotated.json().callbackToken).toMatch(/^mf_/);
      expect(rotated.json().callbackToken).not.toBe(token1);
      expect(rotated.body).not.toContain('new-key-0815');
      expect((await stored(id)).callback_token_hash).toBe(hashToken(rotated.json().callbackToken));
      expect(TEST_SECRETS.open((await stored(id)).credentials_encrypted!)).toEqual({ apiKey: 'new-key-0815' });

      const removed = await call('PUT', `/api/suppliers/${id}/channel`, { channel: { transport: 'none' }, credentials: null });
      expect(removed.json()).toMatchObject({ channel: { transport: 'none' }, hasCredentials: false, hasCallbackToken: true });
      expect((await stored(id)).credentials_encrypted).toBeNull();
    });

    it('answers a supplier callback whose key is not a message id with 400 naming the field, and an unknown message with 404', async () => {
      const created = (await call('POST', '/api/suppliers', { name: 'Callback checks', kind: 'health_insurer', channel: { ...HTTP, answers: 'callback' } })).json();
      const callback = (idempotencyKey: string) => h.app.inject({
        method: 'POST', url: `/api/supplier-callbacks/${created.id}`, headers: { authorization: `Bearer ${created.callbackToken}` },
        payload: { idempotencyKey, status: 'processed' },
      });
      // 36 characters of hex digits and dashes, but no UUID: PostgreSQL would refuse it as one.
      const malformed = await callback(`${'-'.repeat(36)}:1`);
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().issues.map((i: { field: string }) => i.field)).toContain('body.idempotencyKey');
      const unknown = await callback('00000000-0000-4000-8000-000000000000:1');
      expect(unknown.statusCode).toBe(404);
    });

    it('takes a callback only with the supplier\'s own token, for its own message and a version it has', async () => {
      const own = (await call('POST', '/api/suppliers', { name: 'Callback own', kind: 'health_insurer', channel: { ...HTTP, answers: 'callback' } })).json();
      const other = (await call('POST', '/api/suppliers', { name: 'Callback other', kind: 'health_insurer', channel: { ...HTTP, answers: 'callback' } })).json();
      const employerId = await createEmployer(h);
      const personId = await insertPerson(h, employerId, 'CB-1');
      // At version 2: an answer to version 1 is kept (the proof) but wakes no workflow.
      const [m] = await h.db.insert(messages).values({
        employerId, supplierId: own.id, personId, kind: 'enrollment', status: 'sent', version: 2, factDate: '2026-01-01', sendDate: '2026-01-01', createdBy: 'test',
      }).returning({ id: messages.id });
      const callback = (supplierId: string, token: string, version: number) => h.app.inject({
        method: 'POST', url: `/api/supplier-callbacks/${supplierId}`, headers: { authorization: `Bearer ${token}` },
        payload: { idempotencyKey: `${m.id}:${version}`, status: 'processed' },
      });
      expect((await callback(own.id, other.callbackToken, 1)).statusCode).toBe(401);
      expect((await callback('00000000-0000-4000-8000-000000000000', own.callbackToken, 1)).statusCode).toBe(401);
      // Another supplier's message is no message of this one, whatever its token.
      expect((await callback(other.id, other.callbackToken, 1)).statusCode).toBe(404);
      expect((await callback(own.id, own.callbackToken, 3)).statusCode).toBe(404);
      expect(await h.db.select().from(messageAnswers).where(eq(messageAnswers.messageId, m.id))).toEqual([]);
      expect((await callback(own.id, own.callbackToken, 1)).statusCode).toBe(202);
      expect(await h.db.select({ version: messageAnswers.version, via: messageAnswers.via, applied: messageAnswers.applied }).from(messageAnswers)
        .where(eq(messageAnswers.messageId, m.id))).toEqual([{ version: 1, via: 'callback', applied: false }]);
    });

    it('takes credentials as suppliers issue them — Basic, OAuth2 client credentials, a client certificate — sealed, never shown back', async () => {
      const PEM = (label: string) => `-----BEGIN ${label}-----\nTUlJQ2ZUQ0NBV1dnQXdJQkFnSVVTZWNyZXQ=\n-----END ${label}-----\n`;
      const shapes = [
        { type: 'basic', username: 'mutaflow', password: API_KEY },
        { type: 'oauth2_client_credentials', tokenUrl: 'https://id.insurer.example/oauth2/token', clientId: 'mutaflow', clientSecret: API_KEY, scope: 'messages' },
        { type: 'client_certificate', certificate: PEM('CERTIFICATE'), privateKey: PEM('PRIVATE KEY'), passphrase: API_KEY, serverCa: PEM('CERTIFICATE') },
      ];
      for (const credentials of shapes) {
        const res = await call('POST', '/api/suppliers', { name: `Creds ${credentials.type.replaceAll('_', ' ')}`, kind: 'hospitalisation', channel: HTTP, credentials });
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({ hasCredentials: true });
        expect(res.body).not.toContain(API_KEY);
        expect(res.body).not.toContain('PRIVATE KEY');
        const row = await stored(res.json().id);
        expect(row.credentials_encrypted).not.toContain(API_KEY);
        expect(TEST_SECRETS.open(row.credentials_encrypted!)).toEqual(credentials);
        const read = await call('GET', `/api/suppliers/${res.json().id}`);
        expect(read.body).not.toContain(API_KEY);
      }
      const incomplete = await call('POST', '/api/suppliers', { name: 'X', kind: 'hospitalisation', channel: HTTP, credentials: { type: 'oauth2_client_credentials', tokenUrl: 'https://id.example/t', clientSecret: API_KEY } });
      expect(incomplete.statusCode).toBe(400);
      expect(incomplete.body).not.toContain(API_KEY);
    });

    it('corrects a supplier\'s name, kind and fields; null fields go back to the kind\'s defaults', async () => {
      const id = (await call('POST', '/api/suppliers', { name: 'Hospi', kind: 'external' })).json().id as string;
      const patched = await call('PATCH', `/api/suppliers/${id}`, { name: 'Hospi Plus', kind: 'hospitalisation', fields: ['lastName', 'birthDate', 'street'] });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ name: 'Hospi Plus', kind: 'hospitalisation', fields: ['lastName', 'birthDate', 'street'] });
      expect((await call('GET', `/api/suppliers/${id}`)).json()).toMatchObject({ kind: 'hospitalisation', fields: ['lastName', 'birthDate', 'street'] });
      // Only what is sent changes.
      expect((await call('PATCH', `/api/suppliers/${id}`, { fields: null })).json()).toMatchObject({ name: 'Hospi Plus', kind: 'hospitalisation', fields: null });
      for (const bad of [{}, { kind: 'bank' }, { fields: ['salary'] }, { name: 'X', channel: HTTP }]) {
        const res = await call('PATCH', `/api/suppliers/${id}`, bad);
        expect(res.statusCode).toBe(400);
      }
      expect((await call('GET', `/api/suppliers/${id}`)).json()).toMatchObject({ name: 'Hospi Plus', kind: 'hospitalisation', fields: null });
      expect((await call('PATCH', '/api/suppliers/00000000-0000-4000-8000-000000000000', { name: 'Nobody' })).statusCode).toBe(404);
    });

    it('keeps the supplier\'s own column headers in its report format, only for columns the report has', async () => {
      const id = (await call('POST', '/api/suppliers', { name: 'Eigen formaat', kind: 'group_insurance' })).json().id as string;
      const format = { fileType: 'csv', columns: ['employeeNumber', 'lastName'], headerLabels: { lastName: 'NAAM_VERZEKERDE' } };
      const put = await call('PUT', `/api/suppliers/${id}/report-settings`, { format });
      expect(put.statusCode).toBe(200);
      expect((await call('GET', `/api/suppliers/${id}/report-settings`)).json().format).toMatchObject({ headerLabels: { lastName: 'NAAM_VERZEKERDE' } });
      const refused = await call('PUT', `/api/suppliers/${id}/report-settings`, { format: { ...format, headerLabels: { firstName: 'VOORNAAM' } } });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().message).toContain('headerLabels');
      expect((await call('GET', `/api/suppliers/${id}/report-settings`)).json().format.headerLabels).toEqual({ lastName: 'NAAM_VERZEKERDE' });
    });

    it('refuses bad channels, unknown fields and secrets in odd places', async () => {
      const bad = [
        { name: 'X', kind: 'health_insurer', channel: { transport: 'http', baseUrl: 'ftp://x.example' } },
        { name: 'X', kind: 'health_insurer', channel: { transport: 'carrier-pigeon' } },
        { name: 'X', kind: 'bank' },
        { name: 'X', kind: 'external', fields: ['salary'] },
        { name: 'X', kind: 'external', credentials: { apiKey: API_KEY, password: API_KEY } },
      ];
      for (const payload of bad) {
        const res = await call('POST', '/api/suppliers', payload);
        expect(res.statusCode).toBe(400);
        expect(res.body).not.toContain(API_KEY);
      }
      expect((await call('GET', '/api/suppliers/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
      expect((await call('PUT', '/api/suppliers/00000000-0000-4000-8000-000000000000/channel', { channel: HTTP })).statusCode).toBe(404);
    });
  });

  it('describes every route in the OpenAPI document', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/suppliers', '/api/suppliers/{id}/channel', '/api/plans', '/api/employers/{id}/suppliers/{supplierId}', '/api/enrollments/{id}',
      '/api/employers/{id}/enrollments/import', '/api/employers/{id}/enrollments/changes-import', '/api/employers/{id}/onboarding-profiles',
      '/api/persons/{id}/family-members']) expect(paths).toContain(p);
  });

  describe('plans', () => {
    it('creates plans for a supplier, lists them by supplier, and keeps codes unique per supplier', async () => {
      const supplierId = (await call('POST', '/api/suppliers', { name: 'Pensioenfonds', kind: 'group_insurance' })).json().id;
      const a = await call('POST', '/api/plans', { supplierId, name: 'Pensioen', code: 'PEN' });
      expect(a.statusCode).toBe(201);
      expect(a.json()).toMatchObject({ supplierId, name: 'Pensioen', code: 'PEN' });
      const b = await call('POST', '/api/plans', { supplierId, name: 'ANW-hiaat' });
      expect(b.json()).toMatchObject({ code: null });
      expect((await call('POST', '/api/plans', { supplierId, name: 'Again', code: 'PEN' })).statusCode).toBe(409);
      expect((await call('POST', '/api/plans', { supplierId: '00000000-0000-4000-8000-000000000000', name: 'X' })).statusCode).toBe(404);
      const list = await call('GET', `/api/plans?supplierId=${supplierId}`);
      expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['ANW-hiaat', 'Pensioen']);
      expect((await call('GET', `/api/plans/${a.json().id}`)).json()).toMatchObject({ id: a.json().id });
    });

    it('shows a plan\'s premium formula, and changes or removes it (a new tariff)', async () => {
      const supplierId = (await call('POST', '/api/suppliers', { name: 'Hospitalisatieverzekeraar', kind: 'hospitalisation' })).json().id;
      const tariff = { kind: 'per_family_member', insuredCents: 2500, partnerCents: 2500, childCents: 900, maxPaidChildren: 2, employerShareBasisPoints: 10_000 };
      const plan = (await call('POST', '/api/plans', { supplierId, name: 'Hospi', premiumFormula: tariff })).json();
      expect(plan.premiumFormula).toMatchObject(tariff);
      expect((await call('GET', `/api/plans?supplierId=${supplierId}`)).json().items[0].premiumFormula).toMatchObject(tariff);
      const next = { kind: 'fixed', amountCents: 3100, employerShareBasisPoints: 7500 };
      const changed = await call('PATCH', `/api/plans/${plan.id}`, { premiumFormula: next });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ name: 'Hospi', premiumFormula: { ...next, proRataWorkSchedule: false } });
      const refused = await call('PATCH', `/api/plans/${plan.id}`, { premiumFormula: { kind: 'fixed', amountCents: -1 } });
      expect(refused.statusCode).toBe(400);
      expect((await call('GET', `/api/plans/${plan.id}`)).json().premiumFormula).toMatchObject(next);
      expect((await call('PATCH', `/api/plans/${plan.id}`, { premiumFormula: null })).json().premiumFormula).toBeNull();
      expect((await call('POST', '/api/plans', { supplierId, name: 'Bare' })).json().premiumFormula).toBeNull();

      // Used by an employer's contribution file: the formula cannot just go.
      const used = (await call('POST', '/api/plans', { supplierId, name: 'Used', premiumFormula: next })).json();
      await h.db.insert(contributionSettings).values({ employerId: await createEmployer(h), layout: { format: 'csv', payCodes: { [used.id]: '7001' } }, updatedBy: 'test' });
      const inUse = await call('PATCH', `/api/plans/${used.id}`, { premiumFormula: null });
      expect(inUse.statusCode).toBe(409);
      expect(inUse.json().error).toBe('plan_formula_in_use');
      expect((await call('GET', `/api/plans/${used.id}`)).json().premiumFormula).toMatchObject(next);
    });
  });

  describe('employer suppliers', () => {
    it('links suppliers to an employer and says what blocks sending', async () => {
      const employerId = await createEmployer(h);
      const none = (await call('POST', '/api/suppliers', { name: 'Arbodienst', kind: 'external' })).json().id;
      const noCreds = (await call('POST', '/api/suppliers', { name: 'Hospitalisatie', kind: 'hospitalisation', channel: HTTP })).json().id;

      const link = await call('POST', `/api/employers/${employerId}/suppliers`, { supplierId: none, collectiveNumber: 'C-77', startDate: '2026-01-01' });
      expect(link.statusCode).toBe(201);
      expect(link.json()).toMatchObject({
        employerId, supplierId: none, supplierName: 'Arbodienst', collectiveNumber: 'C-77', startDate: '2026-01-01', deliverFrom: '2026-01-01',
        canSend: false, blockers: ['the employer has no valid KvK number', 'the supplier has no message channel'],
      });
      const dup = await call('POST', `/api/employers/${employerId}/suppliers`, { supplierId: none, collectiveNumber: 'C-78', startDate: '2026-01-01' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error).toBe('already_linked');

      const second = await call('POST', `/api/employers/${employerId}/suppliers`, { supplierId: noCreds, collectiveNumber: 'H-1', startDate: '2026-01-01', deliverFrom: '2026-02-01' });
      expect(second.json()).toMatchObject({ deliverFrom: '2026-02-01', blockers: ['the employer has no valid KvK number', 'the channel has no credentials'] });

      const changed = await call('PUT', `/api/employers/${employerId}/suppliers/${none}`, { collectiveNumber: 'C-79', deliverFrom: '2026-03-01' });
      expect(changed.statusCode).toBe(200);
      expect(changed.json()).toMatchObject({ collectiveNumber: 'C-79', startDate: '2026-01-01', deliverFrom: '2026-03-01' });
      expect((await call('PUT', `/api/employers/${employerId}/suppliers/${none}`, {})).statusCode).toBe(400);

      const list = await call('GET', `/api/employers/${employerId}/suppliers`);
      expect(list.json().items.map((l: { supplierName: string }) => l.supplierName)).toEqual(['Arbodienst', 'Hospitalisatie']);

      const be = await createEmployer(h, { country: 'BE' });
      const beLink = await call('POST', `/api/employers/${be}/suppliers`, { supplierId: none, collectiveNumber: 'B-1', startDate: '2026-01-01' });
      expect(beLink.json().blockers).toContain('the employer has no valid KBO number');

      const ready = await createEmployer(h, { companyNumber: '12345678' });
      const full = (await call('POST', '/api/suppliers', { name: 'Verzekeraar', kind: 'health_insurer', channel: HTTP, credentials: { apiKey: API_KEY } })).json().id;
      const ok = await call('POST', `/api/employers/${ready}/suppliers`, { supplierId: full, collectiveNumber: 'V-1', startDate: '2026-01-01' });
      expect(ok.json()).toMatchObject({ canSend: true, blockers: [] });

      expect((await call('POST', '/api/employers/00000000-0000-4000-8000-000000000000/suppliers', { supplierId: full, collectiveNumber: 'x', startDate: '2026-01-01' })).statusCode).toBe(404);
      expect((await call('PUT', `/api/employers/${ready}/suppliers/${none}`, { collectiveNumber: 'x' })).statusCode).toBe(404);
      expect((await call('POST', `/api/employers/${ready}/suppliers`, { supplierId: none, collectiveNumber: 'x', startDate: '2026-02-30' })).statusCode).toBe(400);
    });
  });

  describe('onboarding profiles', () => {
    it('stores the plans a new hire is enrolled in', async () => {
      const employerId = await createEmployer(h);
      const supplierId = (await call('POST', '/api/suppliers', { name: 'Ziekenfonds', kind: 'health_insurer' })).json().id;
      const planA = (await call('POST', '/api/plans', { supplierId, name: 'A' })).json().id;
      const planB = (await call('POST', '/api/plans', { supplierId, name: 'B' })).json().id;
      const res = await call('POST', `/api/employers/${employerId}/onboarding-profiles`, {
        name: 'Bedienden', category: 'white_collar', plans: [{ planId: planA }, { planId: planB, startOffsetDays: 60 }],
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        employerId, name: 'Bedienden', category: 'white_collar', plans: [{ planId: planA, startOffsetDays: 0 }, { planId: planB, startOffsetDays: 60 }],
      });
      const all = await call('POST', `/api/employers/${employerId}/onboarding-profiles`, { name: 'Iedereen', plans: [{ planId: planA }] });
      expect(all.json().category).toBeNull();

      const unknown = await call('POST', `/api/employers/${employerId}/onboarding-profiles`, { name: 'X', plans: [{ planId: '00000000-0000-4000-8000-000000000000' }] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().message).toContain('plans.0.planId');
      expect((await call('POST', `/api/employers/${employerId}/onboarding-profiles`, { name: 'X', plans: [{ planId: planA }, { planId: planA }] })).statusCode).toBe(400);
      expect((await call('POST', `/api/employers/${employerId}/onboarding-profiles`, { name: 'X', plans: [{ planId: planA, startOffsetDays: 1.5 }] })).statusCode).toBe(400);

      const list = await call('GET', `/api/employers/${employerId}/onboarding-profiles`);
      expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['Bedienden', 'Iedereen']);
    });
  });

  describe('family members', () => {
    it('adds partners and children, checking the national id without echoing it', async () => {
      const employerId = await createEmployer(h);
      const personId = await insertPerson(h, employerId, 'F-1');
      const partner = await call('POST', `/api/persons/${personId}/family-members`, {
        relation: 'partner', firstName: 'Piet', lastName: 'Jansen', birthDate: '1984-02-29', gender: 'M', nationalId: '1112.22.333',
      });
      expect(partner.statusCode).toBe(201);
      expect(partner.json()).toMatchObject({ personId, relation: 'partner', lastName: 'Jansen', nationalId: '111222333', namePrefix: null });
      const child = await call('POST', `/api/persons/${personId}/family-members`, { relation: 'child', lastName: 'Jansen', birthDate: '2015-06-01' });
      expect(child.json()).toMatchObject({ relation: 'child', nationalId: null, gender: null });

      const badId = await call('POST', `/api/persons/${personId}/family-members`, { relation: 'child', lastName: 'Jansen', birthDate: '2015-06-01', nationalId: '987654321' });
      expect(badId.statusCode).toBe(400);
      expect(badId.json().message).toContain('nationalId');
      expect(badId.body).not.toContain('987654321');
      expect((await call('POST', `/api/persons/${personId}/family-members`, { relation: 'cousin', lastName: 'J', birthDate: '2015-06-01' })).statusCode).toBe(400);
      expect((await call('POST', `/api/persons/${personId}/family-members`, { relation: 'child', lastName: 'J', birthDate: '2999-01-01' })).statusCode).toBe(400);
      expect((await call('POST', '/api/persons/00000000-0000-4000-8000-000000000000/family-members', { relation: 'child', lastName: 'J', birthDate: '2015-06-01' })).statusCode).toBe(404);

      const list = await call('GET', `/api/persons/${personId}/family-members`);
      expect(list.json().items.map((f: { relation: string }) => f.relation)).toEqual(['partner', 'child']);
    });
  });
});
