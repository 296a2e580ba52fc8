/**
 * Outbound requests to suppliers (SSRF): no packet leaves loopback here. Names resolve through a
 * stub to private, link-local and metadata addresses and are refused before any connection; the
 * only real peers are listeners on 127.0.0.1, which count every connection they get.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { deliverReport, DeliveryError } from '../../infra/delivery';
import { getMessageAnswer, postMessage } from '../../infra/delivery/message-http';
import {
  isPublicAddress, outboundHttp, outboundPolicy, OutboundRefused, parseOutboundAllow, sanitizeExcerpt, vetDestination,
} from '../../infra/outbound';
import { startSmtp } from '../support/smtp';

/** Names → addresses, as a hostile or careless DNS would answer; counts the questions. */
const ZONE: Record<string, string[]> = {
  'metadata.google.internal': ['169.254.169.254'],
  'aws-metadata.test': ['fd00:ec2::254'],
  'alibaba-metadata.test': ['100.100.100.200'],
  'intranet.test': ['10.1.2.3'],
  'router.test': ['192.168.1.1'],
  'loopback.test': ['127.0.0.1'],
  'mapped.test': ['::ffff:127.0.0.1'],
  'v6-loopback.test': ['::1'],
  'mixed.test': ['93.184.216.34', '10.0.0.7'],
  'public.test': ['93.184.216.34'],
};
let questions: string[] = [];
const stubResolve = async (host: string) => {
  questions.push(host);
  const found = ZONE[host];
  if (!found) throw Object.assign(new Error(`no such name ${host}`), { code: 'ENOTFOUND' });
  return found;
};
const strict = outboundPolicy({ resolve: stubResolve });

/** A loopback HTTP peer that counts connections and answers what the test sets. */
let http: Server;
let httpPort: number;
let connections = 0;
let requests: { method?: string; url?: string }[] = [];
let answer: (res: import('node:http').ServerResponse) => void = (res) => res.writeHead(200).end('{}');

beforeAll(async () => {
  http = createHttpServer((req, res) => {
    requests.push({ method: req.method, url: req.url });
    req.resume();
    req.on('end', () => answer(res));
  });
  http.on('connection', () => { connections += 1; });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  httpPort = (http.address() as AddressInfo).port;
});
afterAll(async () => {
  http.closeAllConnections();
  await new Promise((r) => http.close(r));
});
beforeEach(() => {
  questions = [];
  connections = 0;
  requests = [];
  answer = (res) => res.writeHead(200).end('{}');
});

const failure = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a failure'); }, (e: unknown) => e as DeliveryError);
const file = { name: 'r.csv', bytes: new TextEncoder().encode('a;b\n'), contentType: 'text/csv', idempotencyKey: 'r:1' };

describe('the address check', () => {
  it.each(Object.entries(ZONE).filter(([name]) => name !== 'public.test'))('refuses %s (%s) before connecting', async (name) => {
    await expect(vetDestination(strict, name, 443)).rejects.toBeInstanceOf(OutboundRefused);
    expect(questions).toEqual([name]);
  });

  it.each(['127.0.0.1', '::1', '[::1]', '0.0.0.0', '169.254.169.254', '10.0.0.1', '172.16.5.4', '192.168.0.1', '100.64.0.1', '::ffff:169.254.169.254', 'fe80::1', 'fc00::1', '224.0.0.1'])(
    'refuses the address %s without asking DNS', async (address) => {
      await expect(vetDestination(strict, address, 80)).rejects.toBeInstanceOf(OutboundRefused);
      expect(questions).toEqual([]);
    });

  it('lets public addresses through and answers the address to connect to', async () => {
    expect(await vetDestination(strict, 'public.test', 443)).toEqual({ address: '93.184.216.34', family: 4 });
    expect(isPublicAddress('2606:4700::1111')).toBe(true);
    expect(isPublicAddress('169.254.169.254')).toBe(false);
  });

  it('allows a host only as an administrator wrote it: name or address, and port when given', async () => {
    const policy = outboundPolicy({ resolve: stubResolve, allow: 'intranet.test:22,127.0.0.1:8080,[::1]' });
    expect(policy.allow).toEqual([{ host: 'intranet.test', port: 22 }, { host: '127.0.0.1', port: 8080 }, { host: '::1' }]);
    expect(await vetDestination(policy, 'intranet.test', 22)).toMatchObject({ address: '10.1.2.3' });
    await expect(vetDestination(policy, 'intranet.test', 23)).rejects.toBeInstanceOf(OutboundRefused);
    expect(await vetDestination(policy, 'loopback.test', 8080)).toMatchObject({ address: '127.0.0.1' });
    await expect(vetDestination(policy, 'metadata.google.internal', 80)).rejects.toBeInstanceOf(OutboundRefused);
    expect(await vetDestination(policy, '[::1]', 9999)).toMatchObject({ address: '::1', family: 6 });
    expect(() => parseOutboundAllow('host:99999')).toThrow(/host:99999/);
  });
});

describe('requests never reach a refused address', () => {
  it('a message to a name that resolves to loopback is refused, the loopback listener sees nothing', async () => {
    const err = await failure(postMessage({ baseUrl: `http://loopback.test:${httpPort}`, timeoutSeconds: 5, outbound: outboundPolicy({ resolve: stubResolve, insecureLocalTesting: true }) }, 'm:1', {}));
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ code: 'outbound-refused', retryable: false });
    expect(connections).toBe(0);
  });

  it('the same name allowed explicitly is reached, at the address that was checked', async () => {
    const policy = outboundPolicy({ resolve: stubResolve, insecureLocalTesting: true, allow: `loopback.test:${httpPort}` });
    expect(await getMessageAnswer({ baseUrl: `http://loopback.test:${httpPort}`, timeoutSeconds: 5, outbound: policy }, 'm:1')).toMatchObject({ status: 200 });
    expect(connections).toBe(1);
  });

  it('a listener on 127.0.0.1 is refused unless allowed', async () => {
    const insecureOnly = outboundPolicy({ insecureLocalTesting: true });
    const err = await failure(postMessage({ baseUrl: `http://127.0.0.1:${httpPort}`, timeoutSeconds: 5, outbound: insecureOnly }, 'm:1', {}));
    expect(err).toMatchObject({ code: 'outbound-refused' });
    expect(connections).toBe(0);
    const allowed = outboundPolicy({ insecureLocalTesting: true, allow: '127.0.0.1' });
    expect(await postMessage({ baseUrl: `http://127.0.0.1:${httpPort}`, timeoutSeconds: 5, outbound: allowed }, 'm:1', {})).toMatchObject({ status: 200 });
    expect(connections).toBe(1);
  });

  it('DNS rebinding gains nothing: the name is resolved once, the connection goes to that answer', async () => {
    let calls = 0;
    // First answer: the allowed loopback listener; any later answer: an address where nothing listens.
    const rebinding = async () => { calls += 1; return [calls === 1 ? '127.0.0.1' : '127.0.0.2']; };
    const policy = outboundPolicy({ resolve: rebinding, insecureLocalTesting: true, allow: `rebind.test:${httpPort}` });
    const res = await outboundHttp(policy, { url: new URL(`http://rebind.test:${httpPort}/x`), method: 'GET', headers: {}, timeoutMs: 5000, maxBodyBytes: 1024 });
    expect(res.status).toBe(200);
    expect(calls).toBe(1);
    expect(requests).toEqual([{ method: 'GET', url: '/x' }]);
  });

  it('a report to a metadata name, and an SFTP host on an intranet, are refused before connecting (not retryable)', async () => {
    const opts = { mailFrom: 'm@localhost', outbound: strict, timeoutMs: 5000 };
    const http1 = await failure(deliverReport({ transport: 'http', url: 'https://metadata.google.internal/computeMetadata/v1/' }, null, file, opts));
    expect(http1).toMatchObject({ transport: 'http', code: 'outbound-refused', retryable: false });
    const sftp = await failure(deliverReport(
      { transport: 'sftp', host: 'intranet.test', port: 22, username: 'u', hostKeySha256: `SHA256:${'A'.repeat(43)}` }, { password: 'pw-123456' }, file, opts));
    expect(sftp).toMatchObject({ transport: 'sftp', code: 'outbound-refused', retryable: false });
    expect(sftp.message).not.toContain('pw-123456');
  });

  it('an SFTP server on 127.0.0.1 is refused unless allowed: the listener sees no connection', async () => {
    let tcpConnections = 0;
    const tcp: TcpServer = createTcpServer((s) => { tcpConnections += 1; s.destroy(); });
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    const port = (tcp.address() as AddressInfo).port;
    try {
      const target = { transport: 'sftp', host: '127.0.0.1', port, username: 'u', hostKeySha256: `SHA256:${'A'.repeat(43)}` };
      const refused = await failure(deliverReport(target, { password: 'x-123' }, file, { mailFrom: 'm@localhost', outbound: outboundPolicy(), timeoutMs: 3000 }));
      expect(refused).toMatchObject({ code: 'outbound-refused' });
      expect(tcpConnections).toBe(0);
      const allowed = await failure(deliverReport(target, { password: 'x-123' }, file, { mailFrom: 'm@localhost', outbound: outboundPolicy({ allow: `127.0.0.1:${port}` }), timeoutMs: 3000 }));
      expect(allowed.code).not.toBe('outbound-refused');
      expect(tcpConnections).toBe(1);
    } finally {
      await new Promise((r) => tcp.close(r));
    }
  });
});

describe('no redirects, capped bodies, https required', () => {
  it('a 307 is the answer, never followed (a POST with a national id must not be re-posted elsewhere)', async () => {
    answer = (res) => res.writeHead(307, { location: `http://127.0.0.1:${httpPort}/elsewhere` }).end();
    const policy = outboundPolicy({ insecureLocalTesting: true, allow: '127.0.0.1' });
    expect(await postMessage({ baseUrl: `http://127.0.0.1:${httpPort}`, timeoutSeconds: 5, outbound: policy }, 'm:1', { nationalId: '123456782' })).toMatchObject({ status: 307, ok: false });
    const report = await failure(deliverReport({ transport: 'http', url: `http://127.0.0.1:${httpPort}/reports` }, null, file, { mailFrom: 'm@localhost', outbound: policy }));
    expect(report).toMatchObject({ code: 'http-307', retryable: false });
    expect(requests.map((r) => r.url)).toEqual(['/messages', '/reports']);
  });

  it('reads at most the cap of an answer, however much the peer sends', async () => {
    answer = (res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(Buffer.alloc(4 * 1024 * 1024, 0x61)); };
    const res = await outboundHttp(outboundPolicy({ insecureLocalTesting: true, allow: '127.0.0.1' }), {
      url: new URL(`http://127.0.0.1:${httpPort}/big`), method: 'GET', headers: {}, timeoutMs: 5000, maxBodyBytes: 64 * 1024,
    });
    expect(res.body.length).toBe(64 * 1024);
    expect(res.truncated).toBe(true);
  });

  it('plain http is refused without the insecure local-testing switch, even to an allowed host', async () => {
    const policy = outboundPolicy({ allow: '127.0.0.1' });
    const message = await failure(postMessage({ baseUrl: `http://127.0.0.1:${httpPort}`, timeoutSeconds: 5, outbound: policy }, 'm:1', {}));
    expect(message).toMatchObject({ code: 'outbound-refused', retryable: false });
    expect(message.message).toMatch(/https/);
    const report = await failure(deliverReport({ transport: 'http', url: `http://127.0.0.1:${httpPort}/r` }, null, file, { mailFrom: 'm@localhost', outbound: policy }));
    expect(report).toMatchObject({ code: 'outbound-refused' });
    expect(connections).toBe(0);
  });

  it('an SFTP target without a pinned host key is refused without the switch', async () => {
    const err = await failure(deliverReport({ transport: 'sftp', host: '127.0.0.1', port: 22, username: 'u' }, { password: 'x-123' }, file, { mailFrom: 'm@localhost', outbound: outboundPolicy({ allow: '127.0.0.1' }) }));
    expect(err).toMatchObject({ code: 'no-host-key-pin', retryable: false });
  });

  it('SMTP without STARTTLS is refused without the switch, accepted with it', async () => {
    const smtp = await startSmtp();
    try {
      const target = { transport: 'email', to: ['reports@insurer.example'] };
      const refused = await failure(deliverReport(target, null, file, { mailFrom: 'm@localhost', smtpUrl: `${smtp.url}?ignoreTLS=true`, outbound: outboundPolicy(), timeoutMs: 5000 }));
      expect(refused).toMatchObject({ transport: 'email', retryable: false });
      expect(smtp.messages).toHaveLength(0);
      await deliverReport(target, null, file, { mailFrom: 'm@localhost', smtpUrl: smtp.url, outbound: outboundPolicy({ insecureLocalTesting: true }), timeoutMs: 5000 });
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await smtp.stop();
    }
  });
});

describe('a peer\'s own words', () => {
  it('are kept only as a short sanitized excerpt', () => {
    const raw = `<html><body>Error\u0000\u202e for 123456782 and 85.07.30-033.28 on 2026-11-02 ${'x'.repeat(1000)}</body></html>`;
    const excerpt = sanitizeExcerpt(raw)!;
    expect(excerpt.length).toBeLessThanOrEqual(200);
    expect(excerpt).not.toMatch(/123456782|85\.07\.30-033\.28|<|\u202e/);
    expect(excerpt).not.toContain('\u0000');
    expect(excerpt).toContain('2026-11-02');
    expect(sanitizeExcerpt('   ')).toBeUndefined();
    expect(sanitizeExcerpt('REF-123456789', 200, false)).toBe('REF-123456789');
  });
});
