import { assertPlainFileName, DEFAULT_TIMEOUT_MS, DeliveryError, type DeliveryOptions, redact, type Receipt, type ReportFile, TRANSIENT_NETWORK_CODES } from './common';
import { outboundHttp, type OutboundHttpResponse, OutboundRefused, sanitizeExcerpt, STRICT_OUTBOUND } from '../outbound';
import type { DeliveryCredentials, HttpTarget } from './schema';

/** `attachment; filename="<ascii>"; filename*=UTF-8''<percent-encoded>` (RFC 6266). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return ascii === name ? `attachment; filename="${name}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

const RETRYABLE_STATUS = new Set([408, 425, 429]);
const MAX_RECEIPT_BODY = 64 * 1024;

/**
 * HTTP: one POST of the file's bytes with `Idempotency-Key: <reportId>:<version>` (the receiver
 * answers a repeat with its first answer), `Content-Disposition` naming the file and, when set,
 * `Authorization: Bearer`. Only https (unless the insecure local-testing switch is on), only to a
 * vetted address (`infra/outbound.ts`), redirects are not followed (a POST must not silently turn
 * into a GET), at most 64 KiB of the answer read.
 */
export async function deliverHttp(target: HttpTarget, credentials: DeliveryCredentials | undefined, file: ReportFile, opts: DeliveryOptions): Promise<Receipt> {
  assertPlainFileName('http', file.name);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const url = new URL(target.url);
  const where = url.host;
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    'Content-Disposition': contentDisposition(file.name),
    'Idempotency-Key': file.idempotencyKey,
    'User-Agent': 'Mutaflow',
    Accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
  };
  if (credentials?.bearerToken) headers.Authorization = `Bearer ${credentials.bearerToken}`;

  let response: OutboundHttpResponse;
  try {
    response = await outboundHttp(opts.outbound ?? STRICT_OUTBOUND, {
      url, method: target.method ?? 'POST', headers, body: file.bytes, timeoutMs, maxBodyBytes: MAX_RECEIPT_BODY,
    });
  } catch (err) {
    throw classifyNetwork(err, where, timeoutMs, credentials);
  }
  const { status } = response;
  if (status >= 200 && status < 300) {
    const reference = referenceOf(response);
    return reference === undefined ? { status } : { status, reference };
  }
  const retryAfterMs = parseRetryAfter(headerText(response.headers['retry-after']));
  if (status >= 300 && status < 400) {
    throw new DeliveryError('http', `${where} answered ${status} (a redirect; configure the final URL)`, false, `http-${status}`);
  }
  const retryable = status >= 500 || RETRYABLE_STATUS.has(status);
  const hint = status === 401 || status === 403 ? ' (credentials refused)' : '';
  throw new DeliveryError('http', `${where} answered ${status}${hint}`, retryable, `http-${status}`, retryAfterMs);
}

/**
 * A failed request as a DeliveryError: timeouts and network errors retryable; TLS and a refused
 * destination not; secrets redacted. `transport` names who asked (reports: http; messages too).
 */
export function classifyNetwork(err: unknown, where: string, timeoutMs: number, credentials: DeliveryCredentials | undefined): DeliveryError {
  if (err instanceof OutboundRefused) return new DeliveryError('http', `refused before connecting: ${err.message}`, false, err.code);
  const e = err as { name?: string; code?: string; cause?: { code?: string; name?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.cause?.name === 'ConnectTimeoutError') {
    return new DeliveryError('http', `no answer from ${where} within ${timeoutMs} ms`, true, 'timeout');
  }
  const code = e?.code ?? e?.cause?.code ?? '';
  if (TRANSIENT_NETWORK_CODES.has(code)) return new DeliveryError('http', `cannot reach ${where} (${code})`, true, code);
  if (/CERT|SSL|TLS|VERIFY/i.test(code)) return new DeliveryError('http', `TLS with ${where} failed (${code})`, false, code);
  const text = redact(String((err as Error)?.message ?? err), credentials);
  return new DeliveryError('http', `cannot reach ${where} (${code || text})`, true, code || 'network');
}

const headerText = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

/** The receiver's reference for the upload: a JSON `reference`/`id`/`receiptId`, else the `Location` header. */
function referenceOf(response: OutboundHttpResponse): string | undefined {
  const pick = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? sanitizeExcerpt(String(v), 200, false) : undefined);
  if (/json/i.test(headerText(response.headers['content-type']) ?? '') && !response.truncated) {
    try {
      const json = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
      if (json && typeof json === 'object') {
        const found = pick(json.reference) ?? pick(json.id) ?? pick(json.receiptId);
        if (found !== undefined) return found;
      }
    } catch {
      // not JSON after all
    }
  }
  return pick(headerText(response.headers.location) ?? undefined);
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
