/**
 * One comparison run of the controls benchmark, in its own process so that its peak RSS is its own.
 * Usage: tsx bench/comparison-run.ts <databaseUrl> <filesDir> <runId>. Prints one JSON line.
 */
import { createComparisonActivities } from '../activities/reconciliation/comparison-run';
import { createDb } from '../db/client';
import { FileStore } from '../infra/file-store';
import { BENCH_SECRETS } from './bench-secrets';

async function main() {
  const [databaseUrl, filesDir, runId] = process.argv.slice(2);
  const db = createDb(databaseUrl, 2);
  const t0 = performance.now();
  const outcome = await createComparisonActivities({ db, files: new FileStore(filesDir, BENCH_SECRETS) }).runComparison(runId);
  const wallMs = Math.round(performance.now() - t0);
  await db.$client.end();
  if (!outcome.ok) throw new Error(`bench file refused: ${outcome.errorCount} error(s)`);
  console.log(JSON.stringify({ wallMs, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), counts: outcome.counts }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
