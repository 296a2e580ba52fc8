import { outboundPolicy } from '../../infra/outbound';
import { EncryptionCodec, encryptedDataConverter } from '../../infra/payload-codec';

/** No DNS from tests: `localhost` is loopback, any other name does not exist (as on a machine without network). */
async function offlineResolve(host: string): Promise<string[]> {
  if (host === 'localhost') return ['127.0.0.1'];
  throw Object.assign(new Error(`${host}: no such name (tests resolve nothing)`), { code: 'ENOTFOUND' });
}

/**
 * The tests' suppliers (the simulator, sshd, SMTP and HTTP peers) listen on 127.0.0.1 over plain
 * transports: allowed here explicitly, as an administrator would, not by weakening the check.
 */
export const TEST_OUTBOUND = outboundPolicy({ allow: '127.0.0.1', insecureLocalTesting: true, resolve: offlineResolve });

/** A fixed payload key: a test can decrypt what Temporal stored; a worker process gets it as MUTAFLOW_PAYLOAD_KEY. */
export const TEST_PAYLOAD_KEY_BASE64 = Buffer.alloc(32, 9).toString('base64');
export const TEST_PAYLOAD_CODEC = new EncryptionCodec(Buffer.from(TEST_PAYLOAD_KEY_BASE64, 'base64'));
export const TEST_DATA_CONVERTER = encryptedDataConverter(TEST_PAYLOAD_CODEC);
