import { resolve } from 'node:path';
import { z } from 'zod';
import { type AllowedHost, type OutboundPolicy, outboundPolicy, parseOutboundAllow } from './infra/outbound';
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
  /** The health administrator's operator token: the only one who grants health access (accident managers) at first. Unset: none (npm start generates one into the data folder). */
  MUTAFLOW_HEALTH_ADMIN_TOKEN: optionalText,
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
  /**
   * The largest payroll photo accepted, in MiB. Default 300: the largest realistic file is about
   * 1 M rows (a spreadsheet's own limit is 1 048 576; the largest employers here have a few
   * hundred thousand people) × ~300 bytes per CSV row (the 25 canonical fields and a few custom
   * ones) ≈ 300 MB. Larger only with a reason: every byte is stored, parsed and diffed.
   */
  MUTAFLOW_MAX_UPLOAD_MB: z.coerce.number().int().positive().max(4096).default(300),
  /**
   * How far an XLSX may inflate, in MiB (all parts together; checked before any spreadsheet
   * library reads it). Default 1024: the same 1 M rows × ~30 cells × ~35 bytes of sheet XML per
   * cell (`<c r="AB123456" s="1" t="s"><v>…</v></c>`) ≈ 1 GB. A zip bomb stops there.
   */
  MUTAFLOW_MAX_XLSX_INFLATED_MB: z.coerce.number().int().positive().max(8192).default(1024),
  /**
   * Hosts a supplier's address may resolve to although they are not public (loopback, private,
   * link-local …): `host[:port],…` as written in the supplier's URL or as the address, e.g.
   * `127.0.0.1:4010,sftp.intranet.example:22`. Empty: only public addresses.
   */
  MUTAFLOW_OUTBOUND_ALLOW: z.string().default('').transform((text, ctx): AllowedHost[] => {
    try {
      return parseOutboundAllow(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  }),
  /**
   * Local testing and the demo only: plain http channels, SFTP without a pinned host key, SMTP
   * without TLS, reports with national ids and declarations without PGP. Logged at start.
   */
  MUTAFLOW_INSECURE_LOCAL_TESTING: z.stringbool().default(false),
  /** OpenAPI (/docs) without signing in. Default: yes, except with NODE_ENV=production. */
  MUTAFLOW_DOCS_PUBLIC: z.stringbool().optional(),
  /**
   * base64 of 32 bytes: encrypts Temporal payloads (workflow and activity arguments, results,
   * histories). Unset: derived from MUTAFLOW_SECRET_KEY, which API and worker share already.
   */
  MUTAFLOW_PAYLOAD_KEY: optionalText,
  NODE_ENV: optionalText,
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
  /** Whether /docs is served without authentication. */
  docsPublic: boolean;
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
  return {
    ...parsed.data, dataDir, retention, filesDir: resolve(parsed.data.MUTAFLOW_FILES_DIR ?? `${dataDir}/files`),
    docsPublic: parsed.data.MUTAFLOW_DOCS_PUBLIC ?? parsed.data.NODE_ENV !== 'production',
  };
}

/** Where suppliers may be reached from this process, and whether insecure transports are allowed; says so when they are. */
export function outboundOf(config: Pick<Config, 'MUTAFLOW_OUTBOUND_ALLOW' | 'MUTAFLOW_INSECURE_LOCAL_TESTING'>, warn: (line: string) => void): OutboundPolicy {
  if (config.MUTAFLOW_INSECURE_LOCAL_TESTING) {
    warn('MUTAFLOW_INSECURE_LOCAL_TESTING is on: plain http channels, unpinned SFTP host keys, SMTP without TLS and unencrypted personal data are accepted — local testing only, never in production');
  }
  if (config.MUTAFLOW_OUTBOUND_ALLOW.length) {
    warn(`outbound: non-public destinations allowed: ${config.MUTAFLOW_OUTBOUND_ALLOW.map((a) => (a.port ? `${a.host}:${a.port}` : a.host)).join(', ')}`);
  }
  return outboundPolicy({ allow: config.MUTAFLOW_OUTBOUND_ALLOW, insecureLocalTesting: config.MUTAFLOW_INSECURE_LOCAL_TESTING });
}
