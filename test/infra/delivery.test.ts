import type { IncomingMessage, Server } from 'node:http';
import { createServer } from 'node:http';
import type { Socket } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportFile} from '../../infra/delivery';
import { DeliveryError, deliverReport, deliveryTargetSchema, reportMessageId } from '../../infra/delivery';
import { encryptAndSign, encryptedFileName, generateSigningKey, PGP_CONTENT_TYPE } from '../../infra/pgp';
import { freePort } from '../support/free-port';
import { createGpgHome } from '../support/gpg';
import type { TestSmtp } from '../support/smtp';
import { attachment, header, startSmtp } from '../support/smtp';
import type { TestSshd } from '../support/sshd';
import { sshKeygen, startSshd } from '../support/sshd';
import { TEST_OUTBOUND } from '../support/outbound';

const bytes = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from('SECRET-REPORT-CONTENT-1234567890'), Buffer.alloc(64, 7)]);
const file = (over: Partial<ReportFile> = {}): ReportFile => ({
  name: 'Mutaflow_2025-03_Insurer.xlsx',
  bytes,
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  idempotencyKey: '6f1c0c7e-5d7a-4c52-9a4f-0d3f7a1b2c3d:1',
  ...over,
});
const opts = { mailFrom: 'mutaflow@localhost', timeoutMs: 15_000, outbound: TEST_OUTBOUND };

/** Catches the DeliveryError (fails the test if the call succeeds or throws something else). */
async function failure(p: Promise<unknown>): Promise<DeliveryError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(DeliveryError);
    return err as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

/** No secret and no file content in what an error says. */
function expectClean(err: DeliveryError, secrets: string[]) {
  const text = `${err.message} ${String(err.stack)} ${JSON.stringify(err)}`;
  for (const s of [...secrets, 'SECRET-REPORT-CONTENT', bytes.toString('base64').slice(0, 24)]) {
    for (const line of s.split('\n').filter((l) => l.length >= 16)) expect(text).not.toContain(line);
  }
}

describe('delivery: sftp to a real OpenSSH server', () => {
  let sshd: TestSshd;
  let target: { transport: 'sftp'; host: string; port: number; username: string; directory: string; hostKeySha256: string };
  let keys: string;

  beforeAll(async () => {
    sshd = await startSshd();
    target = { transport: 'sftp', host: sshd.host, port: sshd.port, username: sshd.username, directory: sshd.dir, hostKeySha256: sshd.hostKeySha256 };
    keys = await mkdtemp(join(tmpdir(), 'mf-keys-'));
  });
  afterAll(async () => {
    await sshd?.stop();
    if (keys) await rm(keys, { recursive: true, force: true });
  });

  it('uploads under a temporary name and renames: the file lands under its final name, no .part left', async () => {
    const receipt = await deliverReport(target, { privateKey: sshd.privateKey }, file(), opts);
    expect(receipt).toEqual({ path: join(sshd.dir, file().name), size: bytes.length, hostKeySha256: sshd.hostKeySha256, alreadyPresent: false });
    expect((await readFile(join(sshd.dir, file().name))).equals(bytes)).toBe(true);
    expect((await readdir(sshd.dir)).sort()).toEqual([file().name]);
  });

  it('an encrypted, signed report delivered over SFTP is decrypted and verified by the real gpg', async () => {
    const mutaflow = await generateSigningKey({ name: 'Mutaflow', email: 'mutaflow@localhost' });
    const gpg = await createGpgHome();
    try {
      const supplier = await gpg.generateKey('Insurer <reports@insurer.example>');
      await gpg.importKey(mutaflow.publicKey);
      const name = encryptedFileName('Mutaflow_2025-03_Insurer.xlsx');
      const encrypted = await encryptAndSign(bytes, supplier.publicKey, mutaflow.privateKey, { fileName: 'Mutaflow_2025-03_Insurer.xlsx' });
      await deliverReport(target, { privateKey: sshd.privateKey }, file({ name, bytes: encrypted, contentType: PGP_CONTENT_TYPE, idempotencyKey: 'enc:1' }), opts);
      const res = await gpg.decrypt(await readFile(join(sshd.dir, name)));
      expect(res.exitCode).toBe(0);
      expect(res.plaintext.equals(bytes)).toBe(true);
      expect(res.validSignatureFingerprints).toHaveLength(1);
      expect(res.literal?.fileName).toBe('Mutaflow_2025-03_Insurer.xlsx');
    } finally {
      await gpg.cleanup();
      await rm(join(sshd.dir, encryptedFileName('Mutaflow_2025-03_Insurer.xlsx')), { force: true });
    }
  });

  it('a retry after success uploads nothing again (same name, same size)', async () => {
    const path = join(sshd.dir, file().name);
    const before = await stat(path);
    await new Promise((r) => setTimeout(r, 1100));
    const receipt = await deliverReport(target, { privateKey: sshd.privateKey }, file(), opts);
    expect(receipt).toMatchObject({ path, size: bytes.length, alreadyPresent: true });
    const after = await stat(path);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.ino).toBe(before.ino);
  });

  it('removes a stale .part left by an interrupted attempt, and replaces a different file of the same name', async () => {
    const name = 'stale.csv';
    await writeFile(join(sshd.dir, `.${name}.part`), 'half a fil');
    await writeFile(join(sshd.dir, name), 'an older, longer version of the report');
    const receipt = await deliverReport(target, { privateKey: sshd.privateKey }, file({ name, idempotencyKey: 'r2:2' }), opts);
    expect(receipt).toMatchObject({ size: bytes.length, alreadyPresent: false });
    expect((await readFile(join(sshd.dir, name))).equals(bytes)).toBe(true);
    expect((await readdir(sshd.dir)).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('without a pin, accepts the host and reports its key in the receipt', async () => {
    const { hostKeySha256: _pin, ...unpinned } = target;
    const receipt = await deliverReport({ ...unpinned, directory: sshd.dir }, { privateKey: sshd.privateKey }, file({ name: 'unpinned.xlsx' }), opts);
    expect(receipt.hostKeySha256).toBe(sshd.hostKeySha256);
  });

  it('refuses a host whose key is not the pinned one (not retryable)', async () => {
    const wrongPin = `SHA256:${Buffer.alloc(32, 1).toString('base64').replace(/=+$/, '')}`;
    const err = await failure(deliverReport({ ...target, hostKeySha256: wrongPin }, { privateKey: sshd.privateKey }, file({ name: 'pinned.xlsx' }), opts));
    expect(err.retryable).toBe(false);
    expect(err.code).toBe('host-key');
    expect(err.message).toMatch(/^sftp: /);
    expect(err.message).toContain(sshd.hostKeySha256);
    expectClean(err, [sshd.privateKey]);
    expect(await readdir(sshd.dir)).not.toContain('pinned.xlsx');
  });

  it('a key the server does not know is an authentication failure (not retryable), without the key in the message', async () => {
    const stranger = await sshKeygen(keys, 'stranger');
    const err = await failure(deliverReport(target, { privateKey: stranger.privateKey }, file({ name: 'stranger.xlsx' }), opts));
    expect(err.retryable).toBe(false);
    expect(err.code).toBe('auth');
    expectClean(err, [stranger.privateKey]);
  });

  it('a password the server does not accept is an authentication failure too', async () => {
    const err = await failure(deliverReport(target, { password: 'hunter2-very-secret' }, file({ name: 'pw.xlsx' }), opts));
    expect(err).toMatchObject({ retryable: false, code: 'auth' });
    expectClean(err, ['hunter2-very-secret']);
    expect(err.message).not.toContain('hunter2');
  });

  it('a closed port is retryable', async () => {
    const port = await freePort();
    const err = await failure(deliverReport({ ...target, port }, { privateKey: sshd.privateKey }, file(), opts));
    expect(err).toMatchObject({ retryable: true, code: 'ECONNREFUSED' });
  });

  it('a peer that accepts the connection but never speaks SSH times out (retryable)', async () => {
    const sockets: Socket[] = [];
    const silent = createNetServer((socket) => { sockets.push(socket); });
    const port = await freePort();
    await new Promise<void>((resolve) => silent.listen(port, '127.0.0.1', () => resolve()));
    try {
      const err = await failure(deliverReport({ ...target, port }, { privateKey: sshd.privateKey }, file(), { ...opts, timeoutMs: 500 }));
      expect(err).toMatchObject({ retryable: true, code: 'timeout' });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('a missing folder is not retryable', async () => {
    const err = await failure(deliverReport({ ...target, directory: join(sshd.dir, 'no-such-folder') }, { privateKey: sshd.privateKey }, file(), opts));
    expect(err).toMatchObject({ retryable: false, code: 'no-such-folder' });
    expectClean(err, [sshd.privateKey]);
  });
});

describe('delivery: e-mail to a real SMTP server', () => {
  let smtp: TestSmtp;
  beforeAll(async () => { smtp = await startSmtp(); });
  afterAll(async () => { await smtp?.stop(); });

  it('sends one message with the report attached and a Message-ID derived from the idempotency key', async () => {
    const target = { transport: 'email', to: ['reports@insurer.example'], cc: ['copy@insurer.example'] };
    const receipt = await deliverReport(target, null, file(), { ...opts, smtpUrl: smtp.url });
    const messageId = reportMessageId(file().idempotencyKey);
    expect(messageId).toBe('<6f1c0c7e-5d7a-4c52-9a4f-0d3f7a1b2c3d.1@mutaflow>');
    expect(receipt).toMatchObject({ messageId, accepted: ['reports@insurer.example', 'copy@insurer.example'], rejected: [] });
    expect(String(receipt.response)).toContain('250');

    expect(smtp.messages).toHaveLength(1);
    const mail = smtp.messages[0];
    expect(mail.from).toBe('mutaflow@localhost');
    expect(mail.to.sort()).toEqual(['copy@insurer.example', 'reports@insurer.example']);
    expect(header(mail.raw, 'Message-ID')).toBe(messageId);
    expect(header(mail.raw, 'Subject')).toBe(`Mutaflow report ${file().name}`);
    expect(header(mail.raw, 'X-Mutaflow-Idempotency-Key')).toBe(file().idempotencyKey);
    expect(mail.raw).toContain(`filename=${file().name}`);
    expect(attachment(mail.raw, file().name)?.equals(bytes)).toBe(true);
  });

  it('a repeat carries the same Message-ID; a custom subject names the file', async () => {
    const before = smtp.messages.length;
    await deliverReport({ transport: 'email', to: ['reports@insurer.example'], subject: 'Maandrapport {fileName}' }, null, file(), { ...opts, smtpUrl: smtp.url });
    const mail = smtp.messages[before];
    expect(header(mail.raw, 'Message-ID')).toBe(reportMessageId(file().idempotencyKey));
    expect(header(mail.raw, 'Subject')).toBe(`Maandrapport ${file().name}`);
  });

  it('a 5xx reply is not retryable, a 4xx reply is', async () => {
    smtp.failWith({ code: 550, message: 'mailbox unavailable' });
    try {
      const permanent = await failure(deliverReport({ transport: 'email', to: ['x@insurer.example'] }, null, file(), { ...opts, smtpUrl: smtp.url }));
      expect(permanent).toMatchObject({ retryable: false, code: 'smtp-550' });
      expectClean(permanent, []);
      smtp.failWith({ code: 451, message: 'try again later' });
      const transient = await failure(deliverReport({ transport: 'email', to: ['x@insurer.example'] }, null, file(), { ...opts, smtpUrl: smtp.url }));
      expect(transient).toMatchObject({ retryable: true, code: 'smtp-451' });
    } finally {
      smtp.failWith(null);
    }
  });

  it('an unreachable server is retryable; no SMTP server configured is not', async () => {
    const port = await freePort();
    const down = await failure(deliverReport({ transport: 'email', to: ['x@insurer.example'] }, null, file(), { ...opts, smtpUrl: `smtp://user:pa55word-xyz@127.0.0.1:${port}` }));
    expect(down.retryable).toBe(true);
    expect(down.message).not.toContain('pa55word');
    const none = await failure(deliverReport({ transport: 'email', to: ['x@insurer.example'] }, null, file(), opts));
    expect(none).toMatchObject({ retryable: false, code: 'no-smtp' });
  });
});

describe('delivery: http', () => {
  let server: Server;
  let url: string;
  let status = 201;
  const received: { headers: IncomingMessage['headers']; body: Buffer; method?: string; url?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks), method: req.method, url: req.url });
        if (req.url === '/slow') return; // never answers
        res.statusCode = status;
        if (status === 201) {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ reference: 'upload-42', echo: 'ignored' }));
        } else {
          res.end(`error page quoting ${req.headers.authorization}`);
        }
      });
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('POSTs the bytes with content type, disposition, idempotency key and bearer token; 2xx is a receipt', async () => {
    status = 201;
    const receipt = await deliverReport({ transport: 'http', url: `${url}/reports?x=1` }, { bearerToken: 'tok-123456789' }, file(), opts);
    expect(receipt).toEqual({ status: 201, reference: 'upload-42' });
    const req = received[received.length - 1];
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/reports?x=1');
    expect(req.body.equals(bytes)).toBe(true);
    expect(req.headers['content-type']).toBe(file().contentType);
    expect(req.headers['content-disposition']).toBe(`attachment; filename="${file().name}"`);
    expect(req.headers['idempotency-key']).toBe(file().idempotencyKey);
    expect(req.headers.authorization).toBe('Bearer tok-123456789');
  });

  it('a non-ASCII file name gets an RFC 6266 filename*', async () => {
    status = 201;
    await deliverReport({ transport: 'http', url }, null, file({ name: 'Rapport_Février.csv' }), opts);
    const req = received[received.length - 1];
    expect(req.headers['content-disposition']).toBe(`attachment; filename="Rapport_F_vrier.csv"; filename*=UTF-8''Rapport_F%C3%A9vrier.csv`);
    expect(req.headers.authorization).toBeUndefined();
  });

  it('5xx is retryable, 429 too; 400 and 401 are not — and nothing secret is in the message', async () => {
    for (const [code, retryable] of [[503, true], [500, true], [429, true], [400, false], [401, false], [404, false]] as const) {
      status = code;
      const err = await failure(deliverReport({ transport: 'http', url }, { bearerToken: 'tok-123456789' }, file(), opts));
      expect(err).toMatchObject({ retryable, code: `http-${code}`, transport: 'http' });
      expect(err.message).toMatch(new RegExp(`^http: 127\\.0\\.0\\.1:\\d+ answered ${code}`));
      expectClean(err, ['tok-123456789']);
    }
  });

  it('connection refused and timeouts are retryable', async () => {
    const port = await freePort();
    const refused = await failure(deliverReport({ transport: 'http', url: `http://127.0.0.1:${port}/` }, null, file(), opts));
    expect(refused).toMatchObject({ retryable: true, code: 'ECONNREFUSED' });
    const slow = await failure(deliverReport({ transport: 'http', url: `${url}/slow` }, null, file(), { ...opts, timeoutMs: 300 }));
    expect(slow).toMatchObject({ retryable: true, code: 'timeout' });
  });
});

describe('delivery: download and target validation', () => {
  it('download sends nothing', async () => {
    expect(await deliverReport({ transport: 'download' }, null, file(), opts)).toEqual({ available: true });
  });

  it('an invalid target is a non-retryable error naming fields, never values', async () => {
    const err = await failure(deliverReport({ transport: 'sftp', host: 'h', username: 'u', password: 'in-the-wrong-place' }, null, file(), opts));
    expect(err).toMatchObject({ retryable: false, code: 'bad-target' });
    expect(err.message).toContain('password');
    expect(err.message).not.toContain('in-the-wrong-place');
    const unknown = await failure(deliverReport({ transport: 'pigeon' }, null, file(), opts));
    expect(unknown.retryable).toBe(false);
  });

  it('the schema fills defaults and refuses credentials in an HTTP URL', () => {
    expect(deliveryTargetSchema.parse({ transport: 'sftp', host: 'sftp.insurer.example', username: 'acme' }))
      .toEqual({ transport: 'sftp', host: 'sftp.insurer.example', port: 22, username: 'acme', directory: '.' });
    expect(deliveryTargetSchema.safeParse({ transport: 'http', url: 'https://u:p@insurer.example/in' }).success).toBe(false);
    expect(deliveryTargetSchema.safeParse({ transport: 'http', url: 'ftp://insurer.example/in' }).success).toBe(false);
    expect(deliveryTargetSchema.safeParse({ transport: 'email', to: [] }).success).toBe(false);
    expect(deliveryTargetSchema.safeParse({ transport: 'email', to: ['not-an-address'] }).success).toBe(false);
  });
});
