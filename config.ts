import { resolve } from 'node:path';
import { z } from 'zod';
import { type RetentionMonths, parseRetention } from './domain/retention/policy';

const optionalText = z.string().trim().min(1).optional().catch(undefined);
/** Unset or empty is "not given"; anything given must hold, or the start fails naming the field. */
const blankAsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** Everything configurable, from the environment, parsed once. */
export const configSchema = z.object({
  /** What the API and worker connect as: the application role (rows only; the audit log append-only). */
  DATABASE_URL: optionalText,
  /** The role that owns the schema and runs the migrations. Unset: migrations run over DATABASE_URL (one role, weaker: see docs/access.md). */
  MIGRATION_DATABASE_URL: optionalText,
  TEMPORAL_ADDRESS: optionalText,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_CLI_PATH: optionalText,
  MUTAFLOW_TASK_QUEUE: z.string().default('mutaflow'),
  MUTAFLOW_DATA_DIR: z.string().default('data'),
  MUTAFLOW_FILES_DIR: optionalText,
  /** Seeds the admin API token; a short one is refused (a guessable default must not start). */
  MUTAFLOW_ADMIN_TOKEN: z.preprocess(blankAsUnset, z.string().trim().min(32, 'at least 32 characters (openssl rand -base64 32)').optional()),
  /** base64 of 32 bytes: encrypts channel credentials. Unset: generated once into the data folder. */
  MUTAFLOW_SECRET_KEY: optionalText,
  /** Where suppliers reach our callbacks, e.g. https://mutaflow.example.com (default: this API's own address). */
  MUTAFLOW_PUBLIC_URL: optionalText,
  /** Where report e-mails go out, a nodemailer URL, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@mail.example:465. Unset: no e-mail delivery. */
  MUTAFLOW_SMTP_URL: optionalText,
  /** The From address of report e-mails. */
  MUTAFLOW_MAIL_FROM: z.string().trim().min(1).default('mutaflow@localhost'),
  /** Armoured OpenPGP private key (v4, no passphrase) that signs encrypted reports. Unset: generated once into the data folder. */
  MUTAFLOW_PGP_PRIVATE_KEY: optionalText,
  MUTAFLOW_MAX_UPLOAD_MB: z.coerce.number().int().positive().default(1024),
  MUTAFLOW_PG_PORT: z.coerce.number().int().positive().default(54329),
  MUTAFLOW_TEMPORAL_PORT: z.coerce.number().int().positive().default(7233),
  MUTAFLOW_TEMPORAL_UI_PORT: z.coerce.number().int().positive().default(8233),
  /** The demo's insurer simulator (npm run demo). */
  MUTAFLOW_SIMULATOR_PORT: z.coerce.number().int().positive().default(4010),
  /** Where process owners open the Temporal UI (the web UI links workflows there). npm start knows its own. */
  MUTAFLOW_TEMPORAL_UI_URL: optionalText,
  /** Browser sessions: minutes without use, and hours after login, until a session ends. */
  MUTAFLOW_SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  MUTAFLOW_SESSION_MAX_HOURS: z.coerce.number().int().positive().default(12),
  /** Retention terms in months per kind, e.g. `payroll_photos=13,persons=24` (defaults and minimums: domain/retention/policy.ts). */
  MUTAFLOW_RETENTION: optionalText,
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().nonnegative().default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.output<typeof configSchema>;

export interface Config extends Env {
  dataDir: string;
  filesDir: string;
  retention: RetentionMonths;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid configuration: ${fields}`);
  }
  const dataDir = resolve(parsed.data.MUTAFLOW_DATA_DIR);
  let retention: RetentionMonths;
  try {
    retention = parseRetention(parsed.data.MUTAFLOW_RETENTION);
  } catch (err) {
    throw new Error(`invalid configuration: MUTAFLOW_RETENTION: ${(err as Error).message}`, { cause: err });
  }
  return { ...parsed.data, dataDir, retention, filesDir: resolve(parsed.data.MUTAFLOW_FILES_DIR ?? `${dataDir}/files`) };
}
