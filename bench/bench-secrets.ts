import { SecretBox } from '../infra/secret-box';

/** One fixed key for a benchmark's processes (the files they share are sealed at rest like the real ones). */
export const BENCH_SECRETS = SecretBox.fromBase64(Buffer.alloc(32, 7).toString('base64'));
