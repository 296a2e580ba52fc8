import { loadConfig } from '../config';
import { demoCodes } from './demo-users';

/**
 * `npx tsx scripts/demo-totp.ts`: the current sign-in codes of the demo users who need a second
 * factor (the demo's stand-in for an authenticator app). A code is good once, for about 30 s.
 */
async function main() {
  const config = loadConfig();
  const codes = await demoCodes(config.dataDir);
  const left = 30 - (Math.floor(Date.now() / 1000) % 30);
  for (const [email, code] of Object.entries(codes)) console.log(`${email.padEnd(28)} ${code}   (${left} s left)`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
