import { outboundHttp, type OutboundHttpResponse, type OutboundPolicy, STRICT_OUTBOUND } from '../outbound';
import { DeliveryError } from './common';
import { classifyNetwork } from './http';
import type { ClientTls } from './channel-auth';

/**
 * The HTTP/JSON message channel (docs/http-message-channel.md) on the wire: one request, its
 * status and its JSON answer. What a status means for the message is the caller's decision.
 * The rules of the report transport hold here too (`infra/outbound.ts`): https only, the supplier's
 * address vetted before connecting, a deadline per request, redirects not followed (a POST must not
 * silently turn into a GET), at most 64 KiB of answer read.
 * A request that gets no answer throws a DeliveryError (code `timeout` when the deadline passed).
 */
export interface MessageEndpoint {
  /** Without a trailing slash. */
  baseUrl: string;
  timeoutSeconds: number;
  /** Sent as `Authorization: Bearer`; never in an error. */
  apiKey?: string;
  /** Allowed destinations and transports (default: nothing private, https only). */
  outbound?: OutboundPolicy;
  /** The whole `Authorization` header (Basic, an OAuth2 bearer token: infra/delivery/channel-auth.ts); wins over `apiKey`. */
  authorization?: string;
  /** A client certificate for the connection (mTLS). */
  tls?: ClientTls;
}

export interface MessageHttpAnswer {
  status: number;
  ok: boolean;
  /** The parsed JSON answer; `{}` when there is none or it is not a JSON object. */
  answer: Record<string, unknown>;
}

const MAX_ANSWER_BODY = 64 * 1024;

/** POST {baseUrl}/messages with `Idempotency-Key`: a repeat finds the supplier's first record. */
export function postMessage(endpoint: MessageEndpoint, idempotencyKey: string, body: unknown): Promise<MessageHttpAnswer> {
  return postMessageText(endpoint, idempotencyKey, JSON.stringify(body));
}

/** The same with the body's JSON text as it is to go on the wire (the text kept as proof is the text sent). */
export function postMessageText(endpoint: MessageEndpoint, idempotencyKey: string, bodyText: string): Promise<MessageHttpAnswer> {
  return request(endpoint, '/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: bodyText,
  });
}

/** GET {baseUrl}/messages/{key}: what the supplier did with the message. */
export function getMessageAnswer(endpoint: MessageEndpoint, idempotencyKey: string): Promise<MessageHttpAnswer> {
  return request(endpoint, `/messages/${encodeURIComponent(idempotencyKey)}`, { method: 'GET', headers: {} });
}

async function request(endpoint: MessageEndpoint, path: string, init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string }): Promise<MessageHttpAnswer> {
  const url = new URL(`${endpoint.baseUrl}${path}`);
  const timeoutMs = endpoint.timeoutSeconds * 1000;
  const authorization = endpoint.authorization ?? (endpoint.apiKey ? `Bearer ${endpoint.apiKey}` : undefined);
  const headers = { ...init.headers, ...(authorization ? { authorization } : {}) };
  if (endpoint.tls && url.protocol !== 'https:') throw new DeliveryError('http', `a client certificate needs an https URL (${url.host})`, false, 'tls-needs-https');
  let response: OutboundHttpResponse;
  try {
    response = await outboundHttp(endpoint.outbound ?? STRICT_OUTBOUND, {
      url, method: init.method, headers, body: init.body, timeoutMs, maxBodyBytes: MAX_ANSWER_BODY, clientCertificate: endpoint.tls,
    });
  } catch (err) {
    if (err instanceof DeliveryError) throw err;
    throw classifyNetwork(err, url.host, timeoutMs, { bearerToken: authorization, privateKey: endpoint.tls?.key, passphrase: endpoint.tls?.passphrase });
  }
  const ok = response.status >= 200 && response.status < 300;
  return { status: response.status, ok, answer: response.truncated ? {} : parseObject(response.body.toString('utf8')) };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const json: unknown = JSON.parse(text);
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
