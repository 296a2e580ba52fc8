import { z } from 'zod';
import { DEFAULT_ANSWER_WINDOW_WORKING_DAYS } from '../messages/rules';

/**
 * How a supplier is reached, without its secrets (those are stored encrypted apart).
 * `http`: the HTTP/JSON message channel of docs/http-message-channel.md; answers come by
 * callback, and are polled for when none came (`pollEveryMinutes`).
 * `none`: the supplier hears from us only through the monthly report — no messages.
 */
export const supplierChannelSchema = z.discriminatedUnion('transport', [
  z.object({ transport: z.literal('none') }),
  z.object({
    transport: z.literal('http'),
    baseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
    /** callback: the supplier calls us back (polling is the fallback); polling: we ask. */
    answers: z.enum(['callback', 'polling']).default('callback'),
    pollEveryMinutes: z.number().int().min(1).max(7 * 24 * 60).default(60),
    /** Per-request timeout; a request without an answer by then is retried. */
    timeoutSeconds: z.number().int().min(1).max(300).default(30),
    /** Working days the supplier has to answer a sent message; later, HR gets a task and the monitor marks it overdue. */
    answerWindowWorkingDays: z.number().int().min(1).max(60).optional().describe(`default ${DEFAULT_ANSWER_WINDOW_WORKING_DAYS}`),
  }),
]);

export type SupplierChannel = z.output<typeof supplierChannelSchema>;

const secret = z.string().min(1).max(4096);
const pem = (what: string) => z.string().max(65_536).refine((v) => /-----BEGIN [A-Z0-9 ]+-----[\s\S]+-----END [A-Z0-9 ]+-----/.test(v), `must be PEM (${what})`);

/**
 * The secrets of a channel, as suppliers issue them: never returned by the API, never logged,
 * sealed at rest. An API key is sent as `Authorization: Bearer`; username and password as
 * `Basic`; OAuth2 client credentials are exchanged at the supplier's token endpoint for a bearer
 * token (cached until shortly before it expires); a client certificate authenticates the TLS
 * connection itself (mTLS), optionally beside an API key. `{ apiKey }` without a type is an API key.
 */
export const channelCredentialsSchema = z.union([
  z.object({ type: z.literal('api_key').optional(), apiKey: secret }).strict(),
  z.object({ type: z.literal('basic'), username: z.string().min(1).max(500).refine((u) => !u.includes(':'), 'must not contain ":"'), password: secret }).strict(),
  z.object({
    type: z.literal('oauth2_client_credentials'),
    tokenUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
    clientId: z.string().min(1).max(500), clientSecret: secret,
    scope: z.string().max(1000).optional(), audience: z.string().max(1000).optional(),
  }).strict(),
  z.object({
    type: z.literal('client_certificate'),
    certificate: pem('the client certificate, with its chain'), privateKey: pem('the certificate\'s private key'),
    passphrase: secret.optional(),
    /** The CA that signed the supplier's server certificate, when it is not a public one. */
    serverCa: pem('the supplier\'s CA certificate').optional(),
    apiKey: secret.optional(),
  }).strict(),
]);
export type ChannelCredentials = z.output<typeof channelCredentialsSchema>;

export const sendsMessages = (c: SupplierChannel): c is Extract<SupplierChannel, { transport: 'http' }> => c.transport === 'http';
