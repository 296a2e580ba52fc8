import { DeliveryError } from './common';
import { classifyNetwork, readLimited } from './http';
import { type ClientTls, tlsRequest } from './channel-auth';

/**
 * The HTTP/JSON message channel (docs/http-message-channel.md) on the wire: one request, its
 * status and its JSON answer. What a status means for the message is the caller's decision.
 * The rules of the report transport hold here too: a deadline per request, redirects not followed
 * (a POST must not silently turn into a GET), at most 64 KiB of answer read.
 * A request that gets no answer throws a DeliveryError (code `timeout` when the deadline passed).
 */
export interface MessageEndpoint {
  /** Without a trailing slash. */
  baseUrl: string;
  timeoutSeconds: number;
  /** Sent as `Authorization: Bearer`; never in an error. */
  apiKey?: string;
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
  return request(endpoint, '/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
  });
}

/** GET {baseUrl}/messages/{key}: what the supplier did with the message. */
export function getMessageAnswer(endpoint: MessageEndpoint, idempotencyKey: string): Promise<MessageHttpAnswer> {
  return request(endpoint, `/messages/${encodeURIComponent(idempotencyKey)}`, { method: 'GET', headers: {} });
}

async function request(endpoint: MessageEndpoint, path: string, init: { method: string; headers: Record<string, string>; body?: string }): Promise<MessageHttpAnswer> {
  const url = new URL(`${endpoint.baseUrl}${path}`);
  const timeoutMs = endpoint.timeoutSeconds * 1000;
  const authorization = endpoint.authorization ?? (endpoint.apiKey ? `Bearer ${endpoint.apiKey}` : undefined);
  const headers = { ...init.headers, ...(authorization ? { authorization } : {}) };
  if (endpoint.tls) {
    try {
      const res = await tlsRequest(url, { ...init, headers }, endpoint.tls, AbortSignal.timeout(timeoutMs), MAX_ANSWER_BODY);
      return { status: res.status, ok: res.status >= 200 && res.status < 300, answer: parseObject(res.text) };
    } catch (err) {
      if (err instanceof DeliveryError) throw err;
      throw classifyNetwork(err, url.host, timeoutMs, { bearerToken: authorization, privateKey: endpoint.tls.key, passphrase: endpoint.tls.passphrase });
    }
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { ...init, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    text = await readLimited(response, MAX_ANSWER_BODY).catch(() => '');
  } catch (err) {
    throw classifyNetwork(err, url.host, timeoutMs, authorization ? { bearerToken: authorization } : undefined);
  }
  return { status: response.status, ok: response.ok, answer: parseObject(text) };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const json: unknown = JSON.parse(text);
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
