import { type OutboundPolicy, sanitizeExcerpt } from '../outbound';
import type { DeliveryCredentials, Transport } from './schema';

/** One report file to deliver. */
export interface ReportFile {
  /** The file name the supplier sees (already `.asc` when encrypted). */
  name: string;
  bytes: Uint8Array;
  contentType: string;
  /** `<reportId>:<version>`: the same key is the same delivery, whatever the attempt. */
  idempotencyKey: string;
}

/** What the peer acknowledged; stored in `report_deliveries.receipt`. Never personal data or secrets. */
export type Receipt = Record<string, unknown>;

export interface DeliveryOptions {
  /** nodemailer transport URL, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@mail.example:465. */
  smtpUrl?: string;
  mailFrom: string;
  /** Per attempt (connect + transfer). Default 60 s. */
  timeoutMs?: number;
  /** Which destinations are allowed and whether insecure transports are (default: none private, secure only). */
  outbound?: OutboundPolicy;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * A delivery that failed. `retryable` tells the caller whether another attempt may succeed
 * (network, timeouts, 5xx) or not (refused credentials, host-key mismatch, 4xx, bad target).
 * The message names the transport and the cause — never credentials or file content.
 */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly transport: Transport | 'delivery',
    message: string,
    readonly retryable: boolean,
    /** A short machine-readable cause, e.g. ECONNREFUSED, auth, host-key, http-503, smtp-550. */
    readonly code?: string,
    /** The peer asked to wait this long before trying again (HTTP Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(`${transport}: ${message}`);
  }
}

/** A plain file name: no folders, nothing hidden behind `.`/`..`. */
export function assertPlainFileName(transport: Transport, name: string): void {
  if (!name || name === '.' || name === '..' || /[/\\\0\r\n]/.test(name)) {
    throw new DeliveryError(transport, 'the report file name is not a plain file name', false, 'bad-name');
  }
}

/** Removes every secret (and its common encodings) from a text that is about to leave this module, and cuts it to a sanitized excerpt. */
export function redact(text: string, credentials: DeliveryCredentials | undefined, extra: (string | undefined)[] = []): string {
  let out = text;
  const secrets = [credentials?.password, credentials?.privateKey, credentials?.passphrase, credentials?.bearerToken, ...extra]
    .filter((s): s is string => typeof s === 'string' && s.length >= 3);
  for (const secret of secrets) {
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
      out = out.split(form).join('***');
    }
    // A private key's lines one by one (a parser may quote a single line).
    for (const line of secret.split(/\r?\n/)) if (line.length >= 16) out = out.split(line).join('***');
  }
  // A peer's (or a library's) own words: a short, printable excerpt, never a whole page.
  return sanitizeExcerpt(out, 300) ?? '';
}

/** `message` of anything thrown, without the "Error: " prefix. */
export function causeText(err: unknown): string {
  if (err instanceof Error) return err.message.replace(/^Error: /, '');
  return String(err);
}

/** Node's network error codes that mean "try again later". */
export const TRANSIENT_NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EHOSTUNREACH', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN',
  'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ESOCKET', 'ECONNECTION', 'ETIMEOUT', 'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
]);

/** Runs `work` with a deadline; `onTimeout` aborts whatever `work` holds open. */
export async function withDeadline<T>(ms: number, work: Promise<T>, onTimeout: () => void, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(timeoutError());
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
