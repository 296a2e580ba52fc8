import { formatCarriesNationalIds, reportFormatSchema } from '../domain/reports/format';
import type { DeliveryTarget } from '../infra/delivery';
import { type OutboundPolicy, OutboundRefused, transportRefusal, vetDestination } from '../infra/outbound';
import { ApiError } from './errors';

/**
 * What an administrator may set as a supplier's address, checked when it is set so the mistake
 * shows at once and names its field. The transports check again before every connection
 * (infra/outbound.ts): a name may resolve differently later.
 */
const invalid = (field: string, message: string) => new ApiError(400, 'validation', `${field}: ${message}`, { issues: [{ field, message }] });

async function vetHost(policy: OutboundPolicy, field: string, host: string, port: number): Promise<void> {
  try {
    await vetDestination(policy, host, port);
  } catch (err) {
    if (err instanceof OutboundRefused) throw invalid(field, err.message);
    // A name that does not resolve from here (yet) is not refused: the delivery checks it when it connects.
  }
}

/** A message channel's `baseUrl` or a report's HTTP `url`: https, and not an internal address. */
export async function checkSupplierUrl(policy: OutboundPolicy, field: string, text: string): Promise<void> {
  const url = new URL(text);
  const refusal = transportRefusal(policy, url);
  if (refusal) throw invalid(field, refusal);
  await vetHost(policy, field, url.hostname, Number(url.port || (url.protocol === 'https:' ? 443 : 80)));
}

/**
 * A report delivery: its address (http url, sftp host), a pinned SFTP host key, and PGP when the
 * report can carry national ids (`format` as it will be stored) and leaves Mutaflow.
 */
export async function checkDeliveryTarget(
  policy: OutboundPolicy, target: DeliveryTarget, opts: { hasPgpKey: boolean; format: unknown },
): Promise<void> {
  if (target.transport === 'http') await checkSupplierUrl(policy, 'body.delivery.url', target.url);
  if (target.transport === 'sftp') {
    if (!target.hostKeySha256 && !policy.insecureLocalTesting) {
      throw invalid('body.delivery.hostKeySha256', 'required: pin the server\'s host key (ssh-keyscan host | ssh-keygen -lf -)');
    }
    await vetHost(policy, 'body.delivery.host', target.host, target.port ?? 22);
  }
  if (target.transport !== 'download' && !opts.hasPgpKey && !policy.insecureLocalTesting) {
    const format = reportFormatSchema.safeParse(opts.format);
    if (!format.success || formatCarriesNationalIds(format.data)) {
      throw invalid('body.pgpPublicKey', 'required: the report can carry national ids and leaves Mutaflow only PGP-encrypted (or choose the download transport)');
    }
  }
}
