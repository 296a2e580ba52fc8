import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryError } from '../../infra/delivery/common';
import { getMessageAnswer, postMessage } from '../../infra/delivery/message-http';
import { TEST_OUTBOUND } from '../support/outbound';

/** A supplier on loopback whose answer each test sets. */
let server: Server;
let baseUrl: string;
let handle: (req: IncomingMessage, body: string, res: ServerResponse) => void;
const seen: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      handle(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => { seen.length = 0; });

const json = (status: number, body: unknown) => (_req: IncomingMessage, _body: string, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

describe('the message channel on the wire', () => {
  it('posts the message with its idempotency key and bearer key, and returns status and answer', async () => {
    handle = json(202, { status: 'received', reference: 'SIM-1' });
    const res = await postMessage({ baseUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND, apiKey: 'k-123' }, 'm:1', { kind: 'enrollment' });
    expect(res).toEqual({ status: 202, ok: true, answer: { status: 'received', reference: 'SIM-1' } });
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/messages', body: '{"kind":"enrollment"}' });
    expect(seen[0].headers).toMatchObject({ 'idempotency-key': 'm:1', authorization: 'Bearer k-123', 'content-type': 'application/json' });
  });

  it('asks for the answer by key; a refusal keeps its status, a body that is not JSON is no answer', async () => {
    handle = json(200, { status: 'processed', receiptDate: '2026-11-02' });
    expect(await getMessageAnswer({ baseUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND }, 'a b:2')).toMatchObject({ status: 200, answer: { status: 'processed' } });
    expect(seen[0]).toMatchObject({ method: 'GET', url: '/messages/a%20b%3A2' });
    expect(seen[0].headers.authorization).toBeUndefined();
    handle = (_req, _body, res) => { res.writeHead(422).end('not json'); };
    expect(await postMessage({ baseUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND }, 'm:1', {})).toEqual({ status: 422, ok: false, answer: {} });
  });

  it('does not follow a redirect', async () => {
    handle = (req, _body, res) => {
      if (req.url === '/elsewhere') json(200, { status: 'received' })(req, _body, res);
      else res.writeHead(302, { location: `${baseUrl}/elsewhere` }).end();
    };
    expect(await postMessage({ baseUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND }, 'm:1', {})).toMatchObject({ status: 302, ok: false });
    expect(seen.map((s) => s.url)).toEqual(['/messages']);
  });

  it('reads at most 64 KiB of an answer', async () => {
    handle = json(200, { status: 'processed', padding: 'x'.repeat(100 * 1024) });
    expect(await getMessageAnswer({ baseUrl, timeoutSeconds: 5, outbound: TEST_OUTBOUND }, 'm:1')).toEqual({ status: 200, ok: true, answer: {} });
  });

  it('a supplier that does not answer in time is a timeout, without the key in the error', async () => {
    handle = () => { /* never answers */ };
    const err = await postMessage({ baseUrl, timeoutSeconds: 1, outbound: TEST_OUTBOUND, apiKey: 'secret-key-123' }, 'm:1', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ code: 'timeout', retryable: true });
    expect(String((err as Error).message)).not.toContain('secret-key-123');
  });

  it('a supplier that cannot be reached is a retryable network error', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = await postMessage({ baseUrl: `http://127.0.0.1:${port}`, timeoutSeconds: 5, outbound: TEST_OUTBOUND }, 'm:1', {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true, code: 'ECONNREFUSED' });
  });
});
