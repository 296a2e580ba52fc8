import { z } from 'zod';
import { buildSimulator } from './app';

const emptyAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z.object({
  SIMULATOR_PORT: z.preprocess(emptyAsUnset, z.coerce.number().int().min(0).max(65535).default(4010)),
  SIMULATOR_HOST: z.preprocess(emptyAsUnset, z.string().default('127.0.0.1')),
  SIMULATOR_API_KEY: z.preprocess(emptyAsUnset, z.string({ error: 'is required (the Bearer token Mutaflow sends)' }).min(1)),
  SIMULATOR_CALLBACK_TOKEN: z.preprocess(emptyAsUnset, z.string().optional()),
  SIMULATOR_DELAY_MS: z.preprocess(emptyAsUnset, z.coerce.number().int().nonnegative().default(200)),
  SIMULATOR_LOG_LEVEL: z.preprocess(emptyAsUnset, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
});

/** The simulator on its own: `tsx simulator/main.ts`. */
async function main() {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const env = parsed.data;
  const app = buildSimulator({
    apiKey: env.SIMULATOR_API_KEY,
    callbackToken: env.SIMULATOR_CALLBACK_TOKEN,
    processingDelayMs: env.SIMULATOR_DELAY_MS,
    logger: { level: env.SIMULATOR_LOG_LEVEL, redact: { paths: ['req.headers.authorization'], censor: '[redacted]' } },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.close().then(() => process.exit(0), () => process.exit(1)));
  }
  const url = await app.listen({ host: env.SIMULATOR_HOST, port: env.SIMULATOR_PORT });
  console.log(`insurer simulator listening on ${url}`);
  if (!env.SIMULATOR_CALLBACK_TOKEN) console.log('SIMULATOR_CALLBACK_TOKEN is not set: callbacks go out without a bearer token');
  if (!['127.0.0.1', 'localhost', '::1'].includes(env.SIMULATOR_HOST)) console.log('warning: the /admin endpoints have no authentication');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
