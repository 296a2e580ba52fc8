/**
 * The API's side of outbound safety and its own hardening: supplier addresses and report
 * deliveries are checked when they are set (each error names its field), security headers on
 * every /api answer, HSTS behind https, /docs behind authentication when configured.
 * The policy here is the strict one (no insecure switch) with a resolver stub: no DNS, no packet.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app';
import { WEB_CSP } from '../../api/plugins/web';
import { outboundPolicy } from '../../infra/outbound';
import type { Harness } from '../support/harness';
import { TEST_SECRETS, startHarness } from '../support/harness';

const ZONE: Record<string, string[]> = {
  'metadata.google.internal': ['169.254.169.254'],
  'sftp.intranet.test': ['10.9.8.7'],
  'api.insurer.test': ['93.184.216.34'],
  'sftp.insurer.test': ['93.184.216.35'],
};
const strict = outboundPolicy({
  resolve: async (host) => ZONE[host] ?? Promise.reject(Object.assign(new Error('no such name'), { code: 'ENOTFOUND' })),
});

let h: Harness;
let supplierId: string;
const extraApps: FastifyInstance[] = [];

beforeAll(async () => {
  h = await startHarness({ worker: false, outbound: strict });
  const res = await h.app.inject({ method: 'POST', url: '/api/suppliers', headers: h.auth, payload: { name: `Insurer ${randomUUID()}`, kind: 'health_insurer' } });
  expect(res.statusCode).toBe(201);
  supplierId = res.json().id;
});
afterAll(async () => {
  for (const app of extraApps) await app.close();
  await h?.close();
});

const appWith = async (extra: { publicUrl?: string; docsPublic?: boolean }) => {
  const app = await buildApp({
    db: h.db, temporal: h.client, taskQueue: h.taskQueue, files: h.files, secrets: TEST_SECRETS, publicUrl: extra.publicUrl ?? 'http://127.0.0.1:9',
    maxUploadBytes: 1024 * 1024, docsPublic: extra.docsPublic, webUi: false,
  });
  extraApps.push(app);
  await app.ready();
  return app;
};

describe('supplier addresses are checked when they are set', () => {
  const channel = (baseUrl: string) => h.app.inject({
    method: 'PUT', url: `/api/suppliers/${supplierId}/channel`, headers: h.auth, payload: { channel: { transport: 'http', baseUrl } },
  });

  it.each([
    ['http://api.insurer.test/v1', /https/],
    ['https://169.254.169.254/latest/meta-data', /link-local/],
    ['https://metadata.google.internal/computeMetadata/v1', /link-local/],
    ['https://127.0.0.1:4010', /loopback/],
    ['https://[::1]/', /loopback/],
    ['https://10.0.0.1/', /private/],
  ])('refuses %s, naming body.channel.baseUrl', async (baseUrl, why) => {
    const res = await channel(baseUrl);
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/^body\.channel\.baseUrl: /);
    expect(res.json().message).toMatch(why);
  });

  it('accepts an https address on the internet, and refuses the same on create', async () => {
    expect((await channel('https://api.insurer.test/v1')).statusCode).toBe(200);
    const created = await h.app.inject({
      method: 'POST', url: '/api/suppliers', headers: h.auth,
      payload: { name: `Insurer ${randomUUID()}`, kind: 'health_insurer', channel: { transport: 'http', baseUrl: 'https://169.254.169.254/' } },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().message).toMatch(/^body\.channel\.baseUrl: /);
  });

  const settings = (payload: Record<string, unknown>) => h.app.inject({ method: 'PUT', url: `/api/suppliers/${supplierId}/report-settings`, headers: h.auth, payload });
  const pin = `SHA256:${'B'.repeat(43)}`;

  it('an SFTP delivery needs a pinned host key and a host that is not internal', async () => {
    const unpinned = await settings({ delivery: { transport: 'sftp', host: 'sftp.insurer.test', username: 'acme' } });
    expect(unpinned.statusCode).toBe(400);
    expect(unpinned.json().message).toMatch(/^body\.delivery\.hostKeySha256: required/);
    const internal = await settings({ delivery: { transport: 'sftp', host: 'sftp.intranet.test', username: 'acme', hostKeySha256: pin } });
    expect(internal.statusCode).toBe(400);
    expect(internal.json().message).toMatch(/^body\.delivery\.host: .*private/);
  });

  it('a report that can carry national ids leaves only PGP-encrypted; download needs nothing', async () => {
    const http = await settings({ delivery: { transport: 'http', url: 'https://api.insurer.test/reports' } });
    expect(http.statusCode).toBe(400);
    expect(http.json().message).toMatch(/^body\.pgpPublicKey: required/);
    const plainHttp = await settings({ delivery: { transport: 'http', url: 'http://api.insurer.test/reports' } });
    expect(plainHttp.json().message).toMatch(/^body\.delivery\.url: must be https/);
    const sftp = await settings({ delivery: { transport: 'sftp', host: 'sftp.insurer.test', username: 'acme', hostKeySha256: pin } });
    expect(sftp.json().message).toMatch(/^body\.pgpPublicKey: required/);
    // Without national ids (no id column, no old/new values) a report may go unencrypted.
    const noIds = await settings({
      format: { columns: ['changeKind', 'effectiveDate', 'employeeNumber', 'planCode'] },
      delivery: { transport: 'sftp', host: 'sftp.insurer.test', username: 'acme', hostKeySha256: pin },
    });
    expect(noIds.statusCode).toBe(200);
    expect((await settings({ delivery: { transport: 'download' }, format: { columns: ['nationalId', 'lastName'] } })).statusCode).toBe(200);
  });
});

describe('security headers', () => {
  it('every /api answer carries them — a list, an error and the health check alike', async () => {
    for (const [url, headers] of [['/api/suppliers', h.auth], ['/api/suppliers', {}], ['/health', {}]] as const) {
      const res = await h.app.inject({ method: 'GET', url, headers });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'none'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('the web UI keeps its own CSP (self only) under the same headers', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(WEB_CSP);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('HSTS only behind https', async () => {
    const app = await appWith({ publicUrl: 'https://mutaflow.example' });
    const res = await app.inject({ method: 'GET', url: '/api/suppliers', headers: h.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('/docs', () => {
  it('is open by default (development)', async () => {
    expect((await h.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });

  it('needs a signed-in principal when protected (production)', async () => {
    const app = await appWith({ docsPublic: false });
    for (const url of ['/docs', '/docs/json', '/docs/static/index.html']) {
      expect((await app.inject({ method: 'GET', url })).statusCode).toBe(401);
    }
    expect((await app.inject({ method: 'GET', url: '/docs/json', headers: h.auth })).statusCode).toBe(200);
  });
});
