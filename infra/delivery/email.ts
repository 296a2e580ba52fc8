import nodemailer from 'nodemailer';
import { assertPlainFileName, causeText, DEFAULT_TIMEOUT_MS, DeliveryError, type DeliveryOptions, redact, type Receipt, type ReportFile } from './common';
import { STRICT_OUTBOUND } from '../outbound';
import type { EmailTarget } from './schema';

const DEFAULT_EMAIL_SUBJECT = 'Mutaflow report {fileName}';

/**
 * The Message-ID of a report e-mail, derived from the idempotency key only: a repeated delivery
 * of the same report version carries the same Message-ID, so the recipient (and its mail
 * system's duplicate filter) recognises it. Characters outside RFC 5322 `atext` become '.'.
 */
export function reportMessageId(idempotencyKey: string): string {
  const local = idempotencyKey.replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+/g, '.').replace(/^\.+|\.+$/g, '') || 'report';
  return `<${local}@mutaflow>`;
}

/**
 * The configured SMTP server's transport, its host for messages and the URL's password to redact.
 * TLS is required (`smtps://`, or STARTTLS on `smtp://`): a server that offers no STARTTLS is
 * refused rather than sent the report in clear. Only the insecure local-testing switch lets a
 * session stay in plain text. The server is the operator's (MUTAFLOW_SMTP_URL), not a supplier's.
 */
function smtpTransport(opts: DeliveryOptions) {
  if (!opts.smtpUrl) throw new DeliveryError('email', 'no SMTP server configured (MUTAFLOW_SMTP_URL)', false, 'no-smtp');
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const insecure = (opts.outbound ?? STRICT_OUTBOUND).insecureLocalTesting;
  const urlSecrets: string[] = [];
  let server: string;
  let url: URL;
  try {
    url = new URL(opts.smtpUrl);
    server = url.host;
    if (url.password) urlSecrets.push(decodeURIComponent(url.password), url.password);
  } catch {
    throw new DeliveryError('email', 'MUTAFLOW_SMTP_URL is not a URL', false, 'bad-smtp-url');
  }
  if (!insecure) {
    // The URL's own options win over ours in nodemailer: drop any that would weaken TLS.
    for (const key of [...url.searchParams.keys()]) {
      if (/^(requireTLS|ignoreTLS|opportunisticTLS|tls\b|tls\.)/i.test(key)) url.searchParams.delete(key);
    }
  }
  const transporter = nodemailer.createTransport({
    url: url.toString(),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    ...(insecure ? {} : { requireTLS: true }),
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return { server, urlSecrets, transporter };
}

/** E-mail over SMTP (`MUTAFLOW_SMTP_URL`): one message, the report attached; subject and body name only the file. */
export async function deliverEmail(target: EmailTarget, file: ReportFile, opts: DeliveryOptions): Promise<Receipt> {
  assertPlainFileName('email', file.name);
  const { server, urlSecrets, transporter } = smtpTransport(opts);
  const messageId = reportMessageId(file.idempotencyKey);
  const subject = (target.subject ?? DEFAULT_EMAIL_SUBJECT).split('{fileName}').join(file.name);
  try {
    const info = await transporter.sendMail({
      from: opts.mailFrom,
      to: target.to,
      cc: target.cc,
      subject,
      messageId,
      headers: { 'X-Mutaflow-Idempotency-Key': file.idempotencyKey },
      text: [
        `Attached: ${file.name}.`,
        '',
        'Sent by Mutaflow. A message with the same Message-ID is a repeat delivery of the same report version.',
        '',
      ].join('\n'),
      attachments: [{ filename: file.name, content: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), contentType: file.contentType }],
    });
    return {
      messageId: info.messageId ?? messageId,
      response: typeof info.response === 'string' ? info.response.slice(0, 300) : undefined,
      accepted: (info.accepted ?? []).map(String),
      rejected: (info.rejected ?? []).map(String),
    };
  } catch (err) {
    throw classify(err, server, urlSecrets);
  } finally {
    transporter.close();
  }
}

export interface Notice {
  to: string[];
  subject: string;
  text: string;
  /** The same notice sent twice carries the same Message-ID (see reportMessageId). */
  idempotencyKey: string;
}

/**
 * A plain notice to people (a case's reminder, an escalation): no attachment. Callers keep
 * personal data out of subject and body — a reference and a link are enough.
 */
export async function sendNotice(notice: Notice, opts: DeliveryOptions): Promise<Receipt> {
  const { server, urlSecrets, transporter } = smtpTransport(opts);
  const messageId = reportMessageId(notice.idempotencyKey);
  try {
    const info = await transporter.sendMail({
      from: opts.mailFrom, to: notice.to, subject: notice.subject, messageId, text: notice.text,
      headers: { 'X-Mutaflow-Idempotency-Key': notice.idempotencyKey },
    });
    return { messageId: info.messageId ?? messageId, accepted: (info.accepted ?? []).map(String), rejected: (info.rejected ?? []).map(String) };
  } catch (err) {
    throw classify(err, server, urlSecrets);
  } finally {
    transporter.close();
  }
}

function classify(err: unknown, server: string, secrets: string[]): DeliveryError {
  const e = err as { code?: string; responseCode?: number; command?: string };
  const text = redact(causeText(err), undefined, secrets);
  const code = e.code ?? '';
  if (code === 'EAUTH' || code === 'ENOAUTH' || code === 'EOAUTH2') {
    return new DeliveryError('email', `${server} refused the SMTP credentials (${text})`, false, 'auth');
  }
  if (typeof e.responseCode === 'number') {
    // 4xx: transient (greylisting, mailbox busy); 5xx: permanent (unknown recipient, message refused).
    const retryable = e.responseCode < 500;
    return new DeliveryError('email', `${server} answered ${e.responseCode} (${text})`, retryable, `smtp-${e.responseCode}`);
  }
  if (code === 'ETLS' || code === 'ECONFIG' || code === 'EENVELOPE' || code === 'EMESSAGE' || code === 'EREQUIRETLS') {
    return new DeliveryError('email', `${server}: ${text}`, false, code);
  }
  return new DeliveryError('email', `cannot deliver via ${server} (${code || text})`, true, code || 'smtp');
}
