import { lookup as dnsLookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { agentFor } from './outbound-agents';

/**
 * Where Mutaflow may connect on a supplier's behalf (supplier `baseUrl`, report URLs, SFTP hosts),
 * and how. A supplier's address is typed in by an administrator of that supplier, so it must not
 * be a way to reach the machines around Mutaflow: the cloud's metadata service (169.254.169.254),
 * the database, Temporal, an intranet. Every name is resolved and every address it resolves to
 * must be public unicast — unless an administrator allowed that host explicitly
 * (`MUTAFLOW_OUTBOUND_ALLOW`). The connection then goes to the address that was checked, never
 * to a second resolution (a name that answers differently the second time — DNS rebinding —
 * gains nothing).
 */
export interface OutboundPolicy {
  /** Hosts (names as written, or addresses) an administrator allowed although they are not public. */
  allow: readonly AllowedHost[];
  /**
   * Local testing only: plain http channels, SFTP without a pinned host key, SMTP without TLS and
   * reports with personal data without PGP are accepted. Never in production; logged at start.
   */
  insecureLocalTesting: boolean;
  /** Name → addresses. The system resolver by default; tests pass a stub (no packet leaves). */
  resolve: (hostname: string) => Promise<string[]>;
}

export interface AllowedHost {
  /** Lower-case name or normalised address (IPv6 without brackets). */
  host: string;
  /** Absent: any port. */
  port?: number;
}

const systemResolve = async (hostname: string): Promise<string[]> =>
  (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** Nothing private allowed, secure transports required, the system resolver: what a deployment gets unless configured. */
export const STRICT_OUTBOUND: OutboundPolicy = Object.freeze({ allow: [], insecureLocalTesting: false, resolve: systemResolve });

export function outboundPolicy(opts: { allow?: readonly AllowedHost[] | string; insecureLocalTesting?: boolean; resolve?: OutboundPolicy['resolve'] } = {}): OutboundPolicy {
  const allow = typeof opts.allow === 'string' ? parseOutboundAllow(opts.allow) : (opts.allow ?? []);
  return { allow, insecureLocalTesting: opts.insecureLocalTesting ?? false, resolve: opts.resolve ?? systemResolve };
}

const normaliseHost = (host: string) => host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');

/** `host[:port],[v6]:port,…` → entries; throws naming the entry that is not one. */
export function parseOutboundAllow(text: string): AllowedHost[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]\s]+)(?::(\d{1,5}))?$/.exec(entry) ?? (ipaddr.IPv6.isValid(entry) ? [entry, entry] : null);
    const port = m?.[2] === undefined ? undefined : Number(m[2]);
    if (!m || (port !== undefined && (port < 1 || port > 65535))) throw new Error(`MUTAFLOW_OUTBOUND_ALLOW: "${entry}" is not host[:port]`);
    const host = normaliseHost(m[1]);
    return port === undefined ? { host } : { host, port };
  });
}

/** A destination refused before any connection: not retryable, the same answer every time. */
export class OutboundRefused extends Error {
  override readonly name = 'OutboundRefused';
  readonly code = 'outbound-refused';
}

/** Public unicast: what the internet is made of. Everything else (private, loopback, link-local, CGNAT, reserved, …) is internal. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

const allowed = (policy: OutboundPolicy, host: string, port: number) =>
  policy.allow.some((a) => a.host === host && (a.port === undefined || a.port === port));

/** ipaddr.js's range names in words for error messages. */
const RANGE_WORDS: Record<string, string> = {
  linkLocal: 'link-local (cloud metadata)', loopback: 'loopback', private: 'private', uniqueLocal: 'private (unique-local)',
  carrierGradeNat: 'carrier-grade NAT', unspecified: 'unspecified', multicast: 'multicast', broadcast: 'broadcast', reserved: 'reserved',
};

export interface VettedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Resolves `hostname` and checks every address it has; answers the one to connect to.
 * Refused when any address is not public and neither the name nor that address is allowed for
 * this port. Runs before any connection is made.
 */
export async function vetDestination(policy: OutboundPolicy, hostname: string, port: number): Promise<VettedAddress> {
  const host = normaliseHost(hostname);
  if (!host) throw new OutboundRefused('no host');
  let addresses: string[];
  if (ipaddr.isValid(host)) {
    addresses = [host];
  } else {
    addresses = await policy.resolve(host);
    if (!addresses.length) throw Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' });
  }
  const nameAllowed = allowed(policy, host, port);
  for (const address of addresses) {
    const plain = ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
    if (isPublicAddress(plain) || nameAllowed || allowed(policy, plain, port)) continue;
    const range = ipaddr.isValid(plain) ? ipaddr.process(plain).range() : 'invalid';
    throw new OutboundRefused(`${host}:${port} resolves to a ${RANGE_WORDS[range] ?? range} address; an administrator must allow it (MUTAFLOW_OUTBOUND_ALLOW)`);
  }
  const first = ipaddr.process(addresses[0]);
  return { address: first.toString(), family: first.kind() === 'ipv6' ? 6 : 4 };
}

/** A `net` lookup that answers only the vetted address: the socket connects to what was checked. */
function pinnedLookup(vetted: VettedAddress): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: vetted.address, family: vetted.family }]);
    else callback(null, vetted.address, vetted.family);
  }) as unknown as LookupFunction;
}

/** https is required for personal data on the wire, unless the insecure local-testing switch is on. */
export function transportRefusal(policy: OutboundPolicy, url: URL): string | undefined {
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && policy.insecureLocalTesting) return undefined;
  return url.protocol === 'http:' ? 'must be https (plain http only with MUTAFLOW_INSECURE_LOCAL_TESTING)' : 'must be an https URL';
}

export interface OutboundHttpRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: OutgoingHttpHeaders;
  body?: Uint8Array | string;
  timeoutMs: number;
  /** Read at most this much of the answer; the rest is dropped with the connection. */
  maxBodyBytes: number;
  /** A client certificate (mTLS) for this connection only. */
  clientCertificate?: { cert: string; key: string; passphrase?: string; ca?: string };
}

export interface OutboundHttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** At most `maxBodyBytes`. */
  body: Buffer;
  truncated: boolean;
}

/**
 * One HTTP request to a vetted address: https required (see `transportRefusal`), the destination
 * checked before the socket opens, redirects never followed (the 3xx is the answer), the answer
 * cut at `maxBodyBytes`, one deadline for connect + answer. Network errors keep Node's `code`;
 * the deadline throws a `TimeoutError`; a refused destination an `OutboundRefused`.
 */
export async function outboundHttp(policy: OutboundPolicy, req: OutboundHttpRequest): Promise<OutboundHttpResponse> {
  const refusal = transportRefusal(policy, req.url);
  if (refusal) throw new OutboundRefused(`${req.url.protocol}//${req.url.host}: ${refusal}`);
  const https = req.url.protocol === 'https:';
  const port = Number(req.url.port || (https ? 443 : 80));
  const vetted = await vetDestination(policy, req.url.hostname, port);
  const send = https ? httpsRequest : httpRequest;
  const servername = https && !ipaddr.isValid(normaliseHost(req.url.hostname)) ? req.url.hostname : undefined;
  const clientCertificate = https ? req.clientCertificate : undefined;
  return new Promise<OutboundHttpResponse>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void) => { if (!settled) { settled = true; clearTimeout(timer); fn(); } };
    const r = send(req.url, {
      method: req.method,
      headers: { ...req.headers, ...(req.body !== undefined ? { 'content-length': Buffer.byteLength(req.body) } : {}) },
      lookup: pinnedLookup(vetted),
      // Certificates are checked against the name, the connection goes to the vetted address.
      ...(servername ? { servername } : {}),
      ...(clientCertificate ? {
        cert: clientCertificate.cert, key: clientCertificate.key, passphrase: clientCertificate.passphrase,
        ...(clientCertificate.ca ? { ca: clientCertificate.ca } : {}),
      } : {}),
      // Kept alive, shared only by requests to the same vetted address with the same client certificate.
      agent: agentFor({ https, address: vetted.address, port, servername, clientCertificate }),
    }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = () => finish(() => resolve({
        status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).subarray(0, req.maxBodyBytes), truncated,
      }));
      res.on('data', (chunk: Buffer) => {
        if (truncated) return;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= req.maxBodyBytes) {
          truncated = size > req.maxBodyBytes;
          r.destroy();
          done();
        }
      });
      res.on('end', done);
      res.on('error', () => done());
      res.on('aborted', () => done());
    });
    const timer = setTimeout(() => {
      r.destroy();
      finish(() => reject(Object.assign(new Error(`no answer within ${req.timeoutMs} ms`), { name: 'TimeoutError' })));
    }, req.timeoutMs);
    r.on('error', (err) => finish(() => reject(err)));
    r.end(req.body);
  });
}

/**
 * A short, printable excerpt of a peer's own words: no control characters or markup, no long digit
 * runs (a national id echoed back) unless `maskDigits` is off (references, codes), at most `max` characters.
 */
export function sanitizeExcerpt(text: unknown, max = 200, maskDigits = true): string | undefined {
  if (typeof text !== 'string') return undefined;
  const masked = maskDigits ? text.replace(/\d(?:[ ./-]?\d){8,}/g, '…') : text;
  const clean = masked
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]+/g, ' ')
    .replace(/<[^>]{0,200}>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) return undefined;
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
