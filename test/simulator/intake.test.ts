import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildSimulator } from '../../simulator/app';
import {
  addDays, API_KEY, auth, decided, insz, keyOf, message, nextBsn, poll, registerCollective,
  send, sendAndDecide, TODAY,
} from './helpers';

describe('insurer simulator: intake, answers and rules', () => {
  let app: FastifyInstance;
  let logs = '';

  beforeAll(async () => {
    const stream = new Writable({ write(chunk, _enc, cb) { logs += String(chunk); cb(); } });
    app = buildSimulator({ apiKey: API_KEY, processingDelayMs: 10, today: () => TODAY, logger: { level: 'trace', stream } });
    await app.ready();
  });
  afterAll(() => app.close());
  beforeEach(async () => {
    await app.inject({ method: 'POST', url: '/admin/reset' });
    await registerCollective(app);
  });

  describe('refusals at once', () => {
    it('401 without or with a wrong bearer token, before anything else', async () => {
      const body = message();
      for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: API_KEY }]) {
        const res = await app.inject({ method: 'POST', url: '/messages', headers: { ...headers, 'idempotency-key': keyOf(body) }, payload: body });
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
      }
      const garbage = await app.inject({ method: 'POST', url: '/messages', headers: { 'content-type': 'application/json' }, payload: '{"x' });
      expect(garbage.statusCode).toBe(401);
      const polled = await app.inject({ method: 'GET', url: '/messages/a:1' });
      expect(polled.statusCode).toBe(401);
    });

    it('400 without an Idempotency-Key', async () => {
      const res = await app.inject({ method: 'POST', url: '/messages', headers: auth, payload: message() });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_MISSING' });
    });

    it('400 for a body that is not a JSON object, without quoting it', async () => {
      const res = await app.inject({ method: 'POST', url: '/messages', headers: { ...auth, 'idempotency-key': 'k:1', 'content-type': 'application/json' }, payload: '{"lastName":"Jansen' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('BODY_INVALID');
      expect(res.body).not.toContain('Jansen');
      const array = await send(app, [1, 2], 'k:2');
      expect(array.statusCode).toBe(400);
    });

    it.each([
      ['messageId', (m: any) => { delete m.messageId; }],
      ['version', (m: any) => { m.version = null; }],
      ['kind', (m: any) => { delete m.kind; }],
      ['collectiveNumber', (m: any) => { m.collectiveNumber = ' '; }],
      ['employer.companyNumber', (m: any) => { delete m.employer.companyNumber; }],
      ['person.nationalId', (m: any) => { delete m.person.nationalId; }],
      ['person.lastName', (m: any) => { m.person.lastName = ''; }],
      ['person.birthDate', (m: any) => { delete m.person.birthDate; }],
      ['coverage.startDate', (m: any) => { delete m.coverage.startDate; }],
    ])('422 FIELD_MISSING for %s', async (field, mutate) => {
      const body = message();
      mutate(body);
      const res = await send(app, body, 'key:1');
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({ code: 'FIELD_MISSING', message: expect.stringContaining(field) });
      expect((await app.inject({ method: 'GET', url: '/admin/messages' })).json().count).toBe(0);
    });

    it('422 FIELD_MISSING for a termination without an end date; enrollment does not need one', async () => {
      const termination = await send(app, message({ kind: 'termination', endDate: null }));
      expect(termination.statusCode).toBe(422);
      expect(termination.json()).toMatchObject({ code: 'FIELD_MISSING', message: expect.stringContaining('coverage.endDate') });
      expect((await send(app, message({ kind: 'enrollment', endDate: null }))).statusCode).toBe(202);
    });

    it('422 FIELD_INVALID for a value of the wrong shape', async () => {
      const body = message();
      (body as any).kind = 'transfer';
      (body.coverage as any).startDate = '01-11-2026';
      const res = await send(app, body);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'FIELD_INVALID' });
      expect(res.json().message).toEqual(expect.stringContaining('kind'));
      expect(res.json().message).toEqual(expect.stringContaining('coverage.startDate'));
    });

    it('422 BSN_INVALID for a BSN failing the 11-check (NL) and an INSZ failing mod-97 (BE), without echoing it', async () => {
      const nl = await send(app, message({ nationalId: '123456789' }));
      expect(nl.statusCode).toBe(422);
      expect(nl.json().code).toBe('BSN_INVALID');
      expect(nl.body).not.toContain('123456789');

      const validInsz = insz('860301650');
      const bad = `${validInsz.slice(0, 9)}${String((Number(validInsz.slice(9)) + 1) % 100).padStart(2, '0')}`;
      const be = await send(app, message({ country: 'BE', nationalId: bad }));
      expect(be.statusCode).toBe(422);
      expect(be.json().code).toBe('BSN_INVALID');
      expect(be.body).not.toContain(bad);
      // A BSN is no INSZ: the employer's country decides which check applies.
      expect((await send(app, message({ country: 'BE', nationalId: nextBsn() }))).json().code).toBe('BSN_INVALID');
      expect((await send(app, message({ country: 'BE', nationalId: validInsz }))).statusCode).toBe(202);
    });

    it('allows unknown fields', async () => {
      const body = { ...message(), somethingNew: { a: 1 } };
      (body.person as any).middleName = 'x';
      expect((await send(app, body)).statusCode).toBe(202);
    });
  });

  describe('idempotency and polling', () => {
    it('records a key once: 202 then 200 with the same body', async () => {
      const body = message();
      const first = await send(app, body);
      expect(first.statusCode).toBe(202);
      expect(first.json()).toEqual({ status: 'received', reference: 'SIM-000001' });
      const again = await send(app, body);
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual(first.json());
      await decided(app, keyOf(body));
      const afterDecision = await send(app, body);
      expect(afterDecision.statusCode).toBe(200);
      expect(afterDecision.json()).toEqual(first.json());
      const list = (await app.inject({ method: 'GET', url: '/admin/messages' })).json();
      expect(list.count).toBe(1);
    });

    it('gives sequential references and treats a new version as a new message', async () => {
      const v1 = message();
      const v2 = { ...v1, version: 2 };
      expect((await send(app, v1)).json().reference).toBe('SIM-000001');
      expect((await send(app, v2)).json().reference).toBe('SIM-000002');
      expect((await send(app, message())).json().reference).toBe('SIM-000003');
    });

    it('polls: 404 for an unknown key, received, then the decision', async () => {
      expect((await poll(app, 'nope:1')).statusCode).toBe(404);
      const body = message();
      await send(app, body);
      const early = await poll(app, keyOf(body));
      expect(early.statusCode).toBe(200);
      expect(early.json()).toEqual({ status: 'received', reference: 'SIM-000001', receiptDate: TODAY, errorCode: null, errorText: null });
      expect(await decided(app, keyOf(body))).toEqual({ status: 'processed', reference: 'SIM-000001', receiptDate: TODAY, errorCode: null, errorText: null });
      // The key's colon may arrive unencoded.
      expect((await app.inject({ method: 'GET', url: `/messages/${keyOf(body)}`, headers: auth })).json().status).toBe('processed');
    });
  });

  describe('rejections after processing', () => {
    it('COLLECTIVE_UNKNOWN', async () => {
      const answer = await sendAndDecide(app, message({ collectiveNumber: 'ZZ-99999' }));
      expect(answer).toMatchObject({ status: 'rejected', errorCode: 'COLLECTIVE_UNKNOWN', errorText: expect.any(String) });
    });

    it('COLLECTIVE_MISMATCH, while a differently written equal company number matches', async () => {
      expect(await sendAndDecide(app, message({ companyNumber: '87654321' }))).toMatchObject({ status: 'rejected', errorCode: 'COLLECTIVE_MISMATCH' });
      await registerCollective(app, 'BE-1', '0403.170.701');
      expect(await sendAndDecide(app, message({ collectiveNumber: 'BE-1', companyNumber: 'BE0403170701', country: 'BE', nationalId: insz('860301650') })))
        .toMatchObject({ status: 'processed' });
    });

    it.each([
      [119, 'processed'],
      [120, 'processed'],
      [121, 'rejected'],
    ])('enrollment starting %i days before the receipt date is %s', async (days, status) => {
      const answer = await sendAndDecide(app, message({ startDate: addDays(TODAY, -days) }));
      expect(answer.status).toBe(status);
      if (status === 'rejected') expect(answer.errorCode).toBe('START_TOO_OLD');
    });

    it('accepts an enrollment starting in the future', async () => {
      expect((await sendAndDecide(app, message({ startDate: addDays(TODAY, 60) }))).status).toBe('processed');
    });

    it('ALREADY_INSURED when insured through another collective; enrolling again here is fine', async () => {
      const bsn = nextBsn();
      const seeded = await app.inject({ method: 'POST', url: '/admin/insured', payload: { nationalId: bsn, collectiveNumber: 'OTHER-1' } });
      expect(seeded.statusCode).toBe(201);
      expect(seeded.body).not.toContain(bsn);
      expect(await sendAndDecide(app, message({ nationalId: bsn }))).toMatchObject({ status: 'rejected', errorCode: 'ALREADY_INSURED' });

      const here = nextBsn();
      expect((await sendAndDecide(app, message({ nationalId: here }))).status).toBe('processed');
      expect((await sendAndDecide(app, message({ nationalId: here }))).status).toBe('processed');
    });

    it('termination closes the insurance, after which another collective may enroll the person', async () => {
      await registerCollective(app, 'ZZ-2', '99999999');
      const bsn = nextBsn();
      expect((await sendAndDecide(app, message({ nationalId: bsn }))).status).toBe('processed');
      const elsewhere = message({ nationalId: bsn, collectiveNumber: 'ZZ-2', companyNumber: '99999999' });
      expect(await sendAndDecide(app, elsewhere)).toMatchObject({ status: 'rejected', errorCode: 'ALREADY_INSURED' });
      expect((await sendAndDecide(app, message({ kind: 'termination', nationalId: bsn }))).status).toBe('processed');
      // Terminated: a second termination finds nobody.
      expect(await sendAndDecide(app, message({ kind: 'termination', nationalId: bsn }))).toMatchObject({ status: 'rejected', errorCode: 'NOT_INSURED' });
      expect((await sendAndDecide(app, { ...elsewhere, version: 2 })).status).toBe('processed');
    });

    it('NOT_INSURED for a termination or change of someone this collective does not insure', async () => {
      const bsn = nextBsn();
      await app.inject({ method: 'POST', url: '/admin/insured', payload: { nationalId: bsn, collectiveNumber: 'OTHER-1' } });
      expect(await sendAndDecide(app, message({ kind: 'termination', nationalId: bsn }))).toMatchObject({ status: 'rejected', errorCode: 'NOT_INSURED' });
      expect(await sendAndDecide(app, message({ kind: 'change', nationalId: bsn }))).toMatchObject({ status: 'rejected', errorCode: 'NOT_INSURED' });
      expect(await sendAndDecide(app, message({ kind: 'change' }))).toMatchObject({ status: 'rejected', errorCode: 'NOT_INSURED' });
    });

    it('processes a change for someone insured here', async () => {
      const bsn = nextBsn();
      await sendAndDecide(app, message({ nationalId: bsn }));
      expect((await sendAndDecide(app, message({ kind: 'change', nationalId: bsn }))).status).toBe('processed');
    });

    it('checks the collective before the person', async () => {
      const answer = await sendAndDecide(app, message({ collectiveNumber: 'ZZ-99999', startDate: '2020-01-01' }));
      expect(answer.errorCode).toBe('COLLECTIVE_UNKNOWN');
    });
  });

  describe('admin', () => {
    it('lists messages without personal data', async () => {
      const bsn = nextBsn();
      const body = message({ nationalId: bsn, lastName: 'Vermeulen-Zwart' });
      await sendAndDecide(app, body);
      const res = await app.inject({ method: 'GET', url: '/admin/messages' });
      expect(res.json()).toEqual({
        count: 1,
        messages: [expect.objectContaining({
          idempotencyKey: keyOf(body), messageId: body.messageId, version: 1, kind: 'enrollment',
          status: 'processed', reference: 'SIM-000001', errorCode: null,
        })],
      });
      expect(res.body).not.toContain(bsn);
      expect(res.body).not.toContain('Vermeulen');
    });

    it('reset forgets messages, registries and references', async () => {
      const body = message();
      await sendAndDecide(app, body);
      await app.inject({ method: 'POST', url: '/admin/reset' });
      expect((await poll(app, keyOf(body))).statusCode).toBe(404);
      expect((await sendAndDecide(app, message())).errorCode).toBe('COLLECTIVE_UNKNOWN');
      expect((await app.inject({ method: 'GET', url: '/admin/messages' })).json().messages[0].reference).toBe('SIM-000001');
    });

    it('validates admin bodies and answers health', async () => {
      const res = await app.inject({ method: 'POST', url: '/admin/collectives', payload: { collectiveNumber: 'X' } });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('BODY_INVALID');
      expect((await app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });
      expect((await app.inject({ method: 'GET', url: '/nope' })).statusCode).toBe(404);
    });
  });

  it('never logs personal values or the api key', async () => {
    const bsn = nextBsn();
    await sendAndDecide(app, message({ nationalId: bsn, lastName: 'Oosterhuis' }));
    await send(app, message({ nationalId: '123456789', lastName: 'Oosterhuis' }));
    expect(logs).toContain('message decided');
    // Timings and timestamps are long digit runs that can hold any 9 digits by chance.
    const withoutNumbers = logs.replace(/"(time|responseTime)":[0-9.e+-]+/g, '');
    expect(withoutNumbers).not.toContain(bsn);
    expect(withoutNumbers).not.toContain('123456789');
    expect(logs).not.toContain('Oosterhuis');
    expect(logs).not.toContain(API_KEY);
  });
});
