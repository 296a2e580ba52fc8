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

/** The secrets of a channel: never returned by the API, never logged, encrypted at rest. */
export const channelCredentialsSchema = z.object({ apiKey: z.string().min(1).max(4096) });
export type ChannelCredentials = z.output<typeof channelCredentialsSchema>;

export const sendsMessages = (c: SupplierChannel): c is Extract<SupplierChannel, { transport: 'http' }> => c.transport === 'http';
