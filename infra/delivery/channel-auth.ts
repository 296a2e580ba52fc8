import { createHash } from 'node:crypto';
import type { ChannelCredentials } from '../../domain/suppliers/channel';
import { DeliveryError } from './common';
import { type OutboundPolicy, STRICT_OUTBOUND, outboundHttp } from '../outbound';
import { classifyNetwork } from './http';

/**
 * A supplier's channel credentials turned into what a request carries: an `Authorization`
 * header (API key, Basic, or an OAuth2 bearer token fetched with client credentials and cached)
 * and, for a client certificate, the TLS material of the connection (mTLS). No secret reaches a
 * log or an error message.
 */

/** A client certificate for mutual TLS, and the supplier's CA when its server certificate is not a public one. */
export interface ClientTls {
  cert: string;
  key: string;
  passphrase?: string;
  ca?: string;
}

export interface RequestAuth {
  /** The `Authorization` header's value. */
  authorization?: string;
  tls?: ClientTls;
}

/** Renew a cached token this long before the supplier says it expires. */
const EXPIRY_MARGIN_MS = 60_000;
const MAX_TOKEN_ANSWER = 64 * 1024;

interface CachedToken { token: string; expiresAt: number }
const tokens = new Map<string, CachedToken>();
const pending = new Map<string, Promise<CachedToken>>();

type OAuth2 = Extract<ChannelCredentials, { type: 'oauth2_client_credentials' }>;
const cacheKey = (c: OAuth2) => createHash('sha256').update(JSON.stringify([c.tokenUrl, c.clientId, c.clientSecret, c.scope ?? '', c.audience ?? ''])).digest('hex');

/** How a request to the supplier authenticates. `now` is the caller's clock (tests move it). */
export async function requestAuth(credentials: ChannelCredentials | undefined, opts: { timeoutMs: number; now?: () => number; outbound?: OutboundPolicy }): Promise<RequestAuth> {
  if (!credentials) return {};
  switch (credentials.type) {
    case undefined:
    case 'api_key':
      return { authorization: `Bearer ${credentials.apiKey}` };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64')}` };
    case 'oauth2_client_credentials':
      return { authorization: `Bearer ${await oauth2Token(credentials, opts.timeoutMs, opts.now ?? Date.now, opts.outbound ?? STRICT_OUTBOUND)}` };
    case 'client_certificate':
      return {
        ...(credentials.apiKey ? { authorization: `Bearer ${credentials.apiKey}` } : {}),
        tls: { cert: credentials.certificate, key: credentials.privateKey, passphrase: credentials.passphrase, ca: credentials.serverCa },
      };
  }
}

/** The supplier refused our token (401): the next request fetches a new one. */
export function forgetToken(credentials: ChannelCredentials | undefined): void {
  if (credentials?.type === 'oauth2_client_credentials') tokens.delete(cacheKey(credentials));
}

/**
 * A bearer token from the supplier's token endpoint (RFC 6749 §4.4: client credentials, the
 * client authenticated with HTTP Basic), kept until EXPIRY_MARGIN_MS before it expires; one
 * fetch at a time per client, however many messages wait for it.
 */
async function oauth2Token(c: OAuth2, timeoutMs: number, now: () => number, outbound: OutboundPolicy): Promise<string> {
  const key = cacheKey(c);
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > now()) return cached.token;
  let inFlight = pending.get(key);
  if (!inFlight) {
    inFlight = fetchToken(c, timeoutMs, now, outbound).finally(() => pending.delete(key));
    pending.set(key, inFlight);
  }
  const fresh = await inFlight;
  tokens.set(key, fresh);
  return fresh.token;
}

// The token endpoint is another of the supplier's servers: the same outbound rules (no private
// addresses unless allowed, https, no redirects, a capped answer).
async function fetchToken(c: OAuth2, timeoutMs: number, now: () => number, outbound: OutboundPolicy): Promise<CachedToken> {
  const url = new URL(c.tokenUrl);
  const form = new URLSearchParams({ grant_type: 'client_credentials' });
  if (c.scope) form.set('scope', c.scope);
  if (c.audience) form.set('audience', c.audience);
  const basic = Buffer.from(`${encodeURIComponent(c.clientId)}:${encodeURIComponent(c.clientSecret)}`).toString('base64');
  let response: { status: number; ok: boolean };
  let text: string;
  try {
    const r = await outboundHttp(outbound, {
      url, method: 'POST', timeoutMs, maxBodyBytes: MAX_TOKEN_ANSWER,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', authorization: `Basic ${basic}` },
      body: form.toString(),
    });
    response = { status: r.status, ok: r.status >= 200 && r.status < 300 };
    text = r.body.toString('utf8');
  } catch (err) {
    throw classifyNetwork(err, url.host, timeoutMs, { password: c.clientSecret });
  }
  if (!response.ok) {
    // 5xx and throttling pass; a refusal of our client credentials does not.
    const retryable = response.status >= 500 || response.status === 429 || response.status === 408;
    throw new DeliveryError('http', `the token endpoint ${url.host} answered ${response.status}${response.status === 400 || response.status === 401 ? ' (client credentials refused)' : ''}`, retryable, `token-http-${response.status}`);
  }
  let body: { access_token?: unknown; expires_in?: unknown; token_type?: unknown } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Handled below: no token in it.
  }
  if (typeof body.access_token !== 'string' || !body.access_token) {
    throw new DeliveryError('http', `the token endpoint ${url.host} answered without an access_token`, true, 'token-missing');
  }
  const lifetimeMs = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in * 1000 : 3_600_000;
  return { token: body.access_token, expiresAt: now() + Math.max(lifetimeMs - EXPIRY_MARGIN_MS, 0) };
}
