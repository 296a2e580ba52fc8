import { createHash } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/**
 * Kept-alive connections for outbound HTTP, one pool per destination. A connection per request
 * cost every message a TCP handshake (and, over https, a TLS handshake) on both ends: most of a
 * delivery's CPU after the database (docs/benchmarks.md, messages).
 *
 * A pool is keyed by everything that makes a connection what it is: the scheme, the vetted
 * address and port it goes to (outbound.ts vets every request; a name that resolves elsewhere
 * gets another pool), the name the certificate is checked against, and the client certificate
 * (by a hash of it, never the key itself in a map key): a connection opened with one supplier's
 * certificate serves that certificate only.
 */
const MAX_POOLS = 256;
/** Idle connections are closed after this, or 1 s before the server says it closes them (Keep-Alive: timeout=N). */
const IDLE_MS = 4_000;

const pools = new Map<string, HttpAgent>();

export interface Destination {
  https: boolean;
  address: string;
  port: number;
  servername?: string;
  clientCertificate?: { cert: string; key: string; passphrase?: string; ca?: string };
}

export function agentFor(d: Destination): HttpAgent {
  const certificate = d.clientCertificate ? createHash('sha256').update(JSON.stringify(d.clientCertificate)).digest('hex') : '';
  const key = [d.https ? 'https' : 'http', d.address, d.port, d.servername ?? '', certificate].join('|');
  let agent = pools.get(key);
  if (agent) {
    // Most recently used last: the first is the one to let go when there are too many.
    pools.delete(key);
  } else {
    const options = { keepAlive: true, maxSockets: 64, maxFreeSockets: 16, scheduling: 'lifo' as const, timeout: IDLE_MS };
    agent = d.https ? new HttpsAgent(options) : new HttpAgent(options);
    if (pools.size >= MAX_POOLS) {
      const [oldest, pool] = pools.entries().next().value!;
      pools.delete(oldest);
      closeIdle(pool);
    }
  }
  pools.set(key, agent);
  return agent;
}

/** The pool's idle connections closed; its requests under way finish, and their connections close once idle. */
function closeIdle(agent: HttpAgent) {
  for (const sockets of Object.values(agent.freeSockets)) for (const s of sockets ?? []) s.destroy();
}
