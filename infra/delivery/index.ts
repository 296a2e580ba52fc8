import { DeliveryError, type DeliveryOptions, type Receipt, type ReportFile } from './common';
import { deliverEmail } from './email';
import { deliverHttp } from './http';
import { type DeliveryCredentials, deliveryCredentialsSchema, type DeliveryTarget, deliveryTargetSchema } from './schema';
import { deliverSftp } from './sftp';

export { DeliveryError } from './common';
export type { DeliveryOptions, Receipt, ReportFile } from './common';
export * from './schema';
export { reportMessageId, sendNotice } from './email';
export { contentDisposition } from './http';

/**
 * Delivers one report file over the supplier's transport and returns the peer's receipt.
 *
 * `target` and `credentials` are validated here (jsonb and opened secrets come in as they are
 * stored); an invalid one is a non-retryable DeliveryError. Every failure is a DeliveryError whose
 * `retryable` says whether another attempt may help. Idempotent per `file.idempotencyKey`
 * (`<reportId>:<version>`) as far as each transport allows: SFTP skips a file already delivered
 * (same name, same size), HTTP sends `Idempotency-Key`, e-mail repeats the same Message-ID.
 * The once-per-report guarantee itself is the caller's `report_deliveries` row.
 */
export async function deliverReport(
  target: DeliveryTarget | unknown,
  credentials: DeliveryCredentials | null | undefined,
  file: ReportFile,
  opts: DeliveryOptions,
): Promise<Receipt> {
  const parsedTarget = deliveryTargetSchema.safeParse(target);
  if (!parsedTarget.success) {
    const transport = (target as { transport?: unknown })?.transport;
    const known = transport === 'sftp' || transport === 'email' || transport === 'http' || transport === 'download';
    const fields = issueFields(parsedTarget.error.issues);
    throw new DeliveryError(known ? transport : 'delivery', `invalid delivery target (${fields})`, false, 'bad-target');
  }
  const t = parsedTarget.data;
  const parsedCredentials = deliveryCredentialsSchema.safeParse(credentials ?? {});
  if (!parsedCredentials.success) {
    // Only field names: the values are secrets.
    const fields = issueFields(parsedCredentials.error.issues);
    throw new DeliveryError(t.transport, `invalid delivery credentials (${fields})`, false, 'bad-credentials');
  }
  const c = parsedCredentials.data;
  switch (t.transport) {
    case 'sftp': return deliverSftp(t, c, file, opts);
    case 'email': return deliverEmail(t, file, opts);
    case 'http': return deliverHttp(t, c, file, opts);
    case 'download': return { available: true };
  }
}

/** Where the issues are (field paths, unknown key names) — never the values. */
function issueFields(issues: { path: PropertyKey[]; code: string; keys?: string[] }[]): string {
  return issues.map((i) => {
    const path = i.path.map(String).join('.');
    if (i.code === 'unrecognized_keys' && i.keys) return `unknown ${i.keys.join(', ')}`;
    return path || i.code;
  }).join('; ');
}
