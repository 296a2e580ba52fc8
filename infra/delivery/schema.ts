import { z } from 'zod';

/**
 * Where a supplier's report goes (`supplier_report_settings.delivery`). Never secrets: those are
 * `deliveryCredentialsSchema`, sealed into `delivery_credentials_encrypted`. Unknown keys are
 * refused so a password cannot slip into the plain jsonb column.
 */

/** OpenSSH's `SHA256:` fingerprint of a host key: base64 of its SHA-256, prefix and padding optional. */
const hostKeySha256Pattern = /^(SHA256:)?[A-Za-z0-9+/]{43}=?$/;

const sftpTargetSchema = z.strictObject({
  transport: z.literal('sftp'),
  host: z.string().trim().min(1).max(253),
  port: z.number().int().min(1).max(65535).default(22),
  username: z.string().min(1).max(256),
  /** Remote folder; relative paths start in the login directory. */
  directory: z.string().min(1).max(1024).default('.'),
  /** Pin: the host key's SHA-256 (as `ssh-keygen -lf` prints it). Set: any other host key is refused. */
  hostKeySha256: z.string().trim().regex(hostKeySha256Pattern, 'base64 SHA-256 of the host key, e.g. SHA256:…').optional(),
});

const emailTargetSchema = z.strictObject({
  transport: z.literal('email'),
  to: z.array(z.email()).min(1).max(50),
  cc: z.array(z.email()).max(50).optional(),
  /** `{fileName}` is replaced by the report's file name. Default: "Mutaflow report {fileName}". */
  subject: z.string().trim().min(1).max(200).optional(),
});

const httpTargetSchema = z.strictObject({
  transport: z.literal('http'),
  url: z.url({ protocol: /^https?$/ }).refine((url) => {
    const parsed = new URL(url);
    return !parsed.username && !parsed.password;
  }, 'no credentials in the URL: use the bearer token credential'),
  method: z.literal('POST').default('POST'),
});

const downloadTargetSchema = z.strictObject({
  transport: z.literal('download'),
});

export const deliveryTargetSchema = z.discriminatedUnion('transport', [
  sftpTargetSchema,
  emailTargetSchema,
  httpTargetSchema,
  downloadTargetSchema,
]);

export type DeliveryTarget = z.output<typeof deliveryTargetSchema>;
export type SftpTarget = z.output<typeof sftpTargetSchema>;
export type EmailTarget = z.output<typeof emailTargetSchema>;
export type HttpTarget = z.output<typeof httpTargetSchema>;
export type Transport = DeliveryTarget['transport'];

/** The delivery's secrets; sealed with SecretBox, never returned by the API. */
export const deliveryCredentialsSchema = z.strictObject({
  /** SFTP password. */
  password: z.string().min(1).optional(),
  /** SFTP private key (OpenSSH or PEM). */
  privateKey: z.string().min(1).optional(),
  /** Passphrase of `privateKey`, if it has one. */
  passphrase: z.string().min(1).optional(),
  /** HTTP `Authorization: Bearer …`. */
  bearerToken: z.string().min(1).optional(),
});

export type DeliveryCredentials = z.output<typeof deliveryCredentialsSchema>;
