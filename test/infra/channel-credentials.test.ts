/**
 * Channel credentials as suppliers issue them, on the wire against loopback servers: Basic,
 * OAuth2 client credentials (a token endpoint on loopback; the token cached until it nearly
 * expires) and a client certificate (an https server that demands one, with a CA made here by
 * openssl). The secrets never appear in an error.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { channelCredentialsSchema } from '../../domain/suppliers/channel';
import { DeliveryError } from '../../infra/delivery/common';
import { forgetToken, requestAuth } from '../../infra/delivery/channel-auth';
import { postMessage } from '../../infra/delivery/message-http';
import { TEST_OUTBOUND } from '../support/outbound';

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const seen: { url?: string; headers: IncomingMessage['headers']; body: string; clientCert?: string }[] = [];
let handle: Handler;
const listener = (req: IncomingMessage, res: ServerResponse) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const socket = req.socket as TLSSocket;
    const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
    seen.push({ url: req.url, headers: req.headers, body, clientCert: peer?.subject?.CN as string | undefined });
    handle(req, body, res);
  });
};
const json = (status: number, body: unknown): Handler => (_req, _body, res) => { res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)); };

let http: Server;
let httpUrl: string;
beforeAll(async () => {
  http = createServer(listener);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  http.closeAllConnections();
  await new Promise((r) => http.close(r));
});
beforeEach(() => { seen.length = 0; });

describe('channel credentials', () => {
  it('are one of the shapes suppliers issue; `{ apiKey }` alone stays an API key', () => {
    expect(channelCredentialsSchema.safeParse({ apiKey: 'k' }).success).toBe(true);
    expect(channelCredentialsSchema.safeParse({ type: 'basic', username: 'mutaflow', password: 'pw' }).success).toBe(true);
    expect(channelCredentialsSchema.safeParse({ type: 'basic', username: 'a:b', password: 'pw' }).success).toBe(false);
    expect(channelCredentialsSchema.safeParse({ type: 'oauth2_client_credentials', tokenUrl: 'https://id.example/token', clientId: 'c', clientSecret: 's' }).success).toBe(true);
    expect(channelCredentialsSchema.safeParse({ type: 'oauth2_client_credentials', tokenUrl: 'ftp://id.example/token', clientId: 'c', clientSecret: 's' }).success).toBe(false);
    expect(channelCredentialsSchema.safeParse({ type: 'client_certificate', certificate: 'not pem', privateKey: 'x' }).success).toBe(false);
    expect(channelCredentialsSchema.safeParse({ apiKey: 'k', extra: 1 }).success).toBe(false);
  });

  it('username and password go as Basic', async () => {
    handle = json(202, { status: 'received' });
    const auth = await requestAuth({ type: 'basic', username: 'mutaflow', password: 'pä55:word' }, { timeoutMs: 2000, outbound: TEST_OUTBOUND });
    const res = await postMessage({ baseUrl: httpUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND, ...auth }, 'm:1', {});
    expect(res.status).toBe(202);
    expect(seen[0].headers.authorization).toBe(`Basic ${Buffer.from('mutaflow:pä55:word').toString('base64')}`);
  });

  it('deliveries to one supplier share a kept-alive connection', async () => {
    handle = json(202, { status: 'received' });
    let opened = 0;
    const count = () => { opened++; };
    http.on('connection', count);
    try {
      for (const key of ['c:1', 'c:2', 'c:3']) await postMessage({ baseUrl: httpUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND, apiKey: 'k' }, key, {});
    } finally {
      http.off('connection', count);
    }
    expect(seen).toHaveLength(3);
    // One new connection at most (an earlier test's may still be open).
    expect(opened).toBeLessThanOrEqual(1);
  });

  it('OAuth2 client credentials: a token from the token endpoint, cached until shortly before it expires', async () => {
    let issued = 0;
    handle = (req, body, res) => {
      if (req.url === '/token') {
        issued++;
        const form = new URLSearchParams(body);
        const ok = req.headers.authorization === `Basic ${Buffer.from('client-1:s3cret').toString('base64')}` && form.get('grant_type') === 'client_credentials';
        if (!ok) return json(401, { error: 'invalid_client' })(req, body, res);
        return json(200, { access_token: `tok-${issued}`, token_type: 'Bearer', expires_in: 300, scope: form.get('scope') })(req, body, res);
      }
      return json(req.headers.authorization?.startsWith('Bearer tok-') ? 202 : 401, { status: 'received' })(req, body, res);
    };
    const creds = channelCredentialsSchema.parse({ type: 'oauth2_client_credentials', tokenUrl: `${httpUrl}/token`, clientId: 'client-1', clientSecret: 's3cret', scope: 'messages' });
    let now = 1_000_000;
    const clock = () => now;
    const first = await requestAuth(creds, { timeoutMs: 2000, now: clock, outbound: TEST_OUTBOUND });
    expect(first.authorization).toBe('Bearer tok-1');
    expect((await postMessage({ baseUrl: httpUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND, ...first }, 'm:1', {})).status).toBe(202);
    expect(seen[0].body).toContain('scope=messages');
    // Within its lifetime (300 s, renewed 60 s early): the same token, no second fetch.
    now += 200_000;
    expect((await requestAuth(creds, { timeoutMs: 2000, now: clock, outbound: TEST_OUTBOUND })).authorization).toBe('Bearer tok-1');
    // Many at once when it ran out: one fetch.
    now += 50_000;
    const together = await Promise.all([1, 2, 3].map(() => requestAuth(creds, { timeoutMs: 2000, now: clock, outbound: TEST_OUTBOUND })));
    expect(together.map((a) => a.authorization)).toEqual(['Bearer tok-2', 'Bearer tok-2', 'Bearer tok-2']);
    expect(issued).toBe(2);
    // Refused by the supplier (revoked early): forgotten, the next request gets a new one.
    forgetToken(creds);
    expect((await requestAuth(creds, { timeoutMs: 2000, now: clock, outbound: TEST_OUTBOUND })).authorization).toBe('Bearer tok-3');

    const wrong = channelCredentialsSchema.parse({ ...creds, clientSecret: 'wrong-secret' });
    const err = await requestAuth(wrong, { timeoutMs: 2000, now: clock, outbound: TEST_OUTBOUND }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ retryable: false, code: 'token-http-401' });
    expect((err as Error).message).toContain('client credentials refused');
    expect((err as Error).message).not.toContain('wrong-secret');
  });

  describe('a client certificate (mTLS)', () => {
    let dir: string;
    let https: HttpsServer;
    let httpsUrl: string;
    const file = (name: string) => readFileSync(join(dir, name), 'utf8');
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    const signed = (name: string, cn: string, ext: string) => {
      openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${cn}`);
      writeFileSync(join(dir, `${name}.ext`), ext);
      openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '2', '-extfile', `${name}.ext`);
    };

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'mutaflow-mtls-'));
      // The supplier's own CA signs its server certificate (for 127.0.0.1) and the client certificate it issued to Mutaflow.
      openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Supplier test CA');
      signed('server', '127.0.0.1', 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
      signed('client', 'mutaflow-client', 'extendedKeyUsage=clientAuth\n');
      signed('client2', 'mutaflow-client-2', 'extendedKeyUsage=clientAuth\n');
      // A client certificate from another CA: the supplier must refuse it.
      openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'other.key', '-out', 'other.pem', '-days', '2', '-subj', '/CN=someone else');
      https = createHttpsServer({ key: file('server.key'), cert: file('server.pem'), ca: file('ca.pem'), requestCert: true, rejectUnauthorized: true }, listener);
      await new Promise<void>((r) => https.listen(0, '127.0.0.1', r));
      httpsUrl = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      https?.closeAllConnections();
      if (https) await new Promise((r) => https.close(r));
      rmSync(dir, { recursive: true, force: true });
    });

    it('presents the certificate on the connection (with an API key beside it) and trusts the supplier\'s CA', async () => {
      handle = json(202, { status: 'received', reference: 'MTLS-1' });
      const creds = channelCredentialsSchema.parse({
        type: 'client_certificate', certificate: file('client.pem'), privateKey: file('client.key'), serverCa: file('ca.pem'), apiKey: 'k-beside',
      });
      const res = await postMessage({ baseUrl: httpsUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND, ...await requestAuth(creds, { timeoutMs: 2000, outbound: TEST_OUTBOUND }) }, 'm:1', { kind: 'enrollment' });
      expect(res).toEqual({ status: 202, ok: true, answer: { status: 'received', reference: 'MTLS-1' } });
      expect(seen[0]).toMatchObject({ url: '/messages', clientCert: 'mutaflow-client', body: '{"kind":"enrollment"}' });
      expect(seen[0].headers).toMatchObject({ authorization: 'Bearer k-beside', 'idempotency-key': 'm:1' });
    });

    it('keeps a connection alive for the certificate it was opened with, and for that one only', async () => {
      handle = json(202, { status: 'received' });
      const connections: string[] = [];
      const count = (socket: TLSSocket) => { connections.push(String(socket.remotePort)); };
      https.on('secureConnection', count);
      try {
        const post = async (name: string, key: string) => {
          const creds = channelCredentialsSchema.parse({ type: 'client_certificate', certificate: file(`${name}.pem`), privateKey: file(`${name}.key`), serverCa: file('ca.pem') });
          await postMessage({ baseUrl: httpsUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND, ...await requestAuth(creds, { timeoutMs: 2000, outbound: TEST_OUTBOUND }) }, key, {});
        };
        await post('client', 'k:1');
        await post('client2', 'k:2');
        await post('client', 'k:3');
        await post('client2', 'k:4');
        expect(seen.map((r) => r.clientCert)).toEqual(['mutaflow-client', 'mutaflow-client-2', 'mutaflow-client', 'mutaflow-client-2']);
        // One connection per certificate, each used twice (the first test's, for `client`, may still be open).
        expect(connections.length).toBeGreaterThanOrEqual(1);
        expect(connections.length).toBeLessThanOrEqual(2);
      } finally {
        https.off('secureConnection', count);
      }
    });

    it('without it, or with one the supplier did not issue, the connection is refused — and no key shows in the error', async () => {
      handle = json(202, { status: 'received' });
      const none = await postMessage({ baseUrl: httpsUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND, tls: undefined, apiKey: 'k' }, 'm:2', {}).catch((e: unknown) => e);
      expect(none).toBeInstanceOf(DeliveryError);
      const other = channelCredentialsSchema.parse({ type: 'client_certificate', certificate: file('other.pem'), privateKey: file('other.key'), serverCa: file('ca.pem') });
      const err = await postMessage({ baseUrl: httpsUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND, ...await requestAuth(other, { timeoutMs: 2000, outbound: TEST_OUTBOUND }) }, 'm:3', {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeliveryError);
      expect((err as Error).message).not.toContain('PRIVATE KEY');
      expect(seen).toEqual([]);
      // Not over plain http: the certificate would be pointless there.
      const plain = channelCredentialsSchema.parse({ type: 'client_certificate', certificate: file('client.pem'), privateKey: file('client.key') });
      const refused = await postMessage({ baseUrl: httpUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND, ...await requestAuth(plain, { timeoutMs: 2000, outbound: TEST_OUTBOUND }) }, 'm:4', {}).catch((e: unknown) => e);
      expect(refused).toMatchObject({ retryable: false, code: 'tls-needs-https' });
    });
  });
});
