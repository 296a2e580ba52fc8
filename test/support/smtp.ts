import { SMTPServer } from 'smtp-server';
import type { Db } from '../../db/client';
import { freePort } from './free-port';
import { testDb } from './harness';

export interface ReceivedMail {
  from: string | null;
  to: string[];
  /** The message as sent (headers + MIME body), CRLF line ends. */
  raw: string;
}

export interface TestSmtp {
  url: string;
  port: number;
  messages: ReceivedMail[];
  /** Makes the next messages fail at the end of DATA with this SMTP reply (null: accept again). */
  failWith(reply: { code: number; message: string } | null): void;
  stop(): Promise<void>;
}

/** A real SMTP server (the `smtp-server` package) on a free loopback port: no auth, no TLS, keeps what it receives. */
export async function startSmtp(): Promise<TestSmtp> {
  const port = await freePort();
  const messages: ReceivedMail[] = [];
  let failure: { code: number; message: string } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failure) {
          const err = Object.assign(new Error(failure.message), { responseCode: failure.code });
          callback(err);
          return;
        }
        messages.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback(null, 'Message queued as test-1');
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    failWith(reply) { failure = reply; },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A header's value (unfolded) from a raw message or MIME part. */
export function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0];
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

/** The base64 body of the MIME part whose headers mention `filename`, decoded. */
export function attachment(raw: string, fileName: string): Buffer | undefined {
  const parts = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  const part = parts.find((p) => header(p, 'Content-Disposition')?.includes(fileName));
  if (!part) return undefined;
  const body = part.split(/\r?\n\r?\n/).slice(1).join('\n');
  return Buffer.from(body.replace(/--[^\r\n]*--\s*$/, '').replace(/\s+/g, ''), 'base64');
}

/** For a test file: a database connection and a mail server, opened before its tests and closed after them; `use` receives both. */
export function useDbAndSmtp(use: (db: Db, smtp: TestSmtp) => void): void {
  let db: Db | undefined;
  let smtp: TestSmtp | undefined;
  beforeAll(async () => {
    db = testDb();
    smtp = await startSmtp();
    use(db, smtp);
  });
  afterAll(async () => {
    await smtp?.stop();
    await db?.$client.end();
  });
}
