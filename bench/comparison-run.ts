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
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const outcome = await createComparisonActivities({ db, files: new FileStore(filesDir, BENCH_SECRETS) }).runComparison(runId);
  const wallMs = Math.round(performance.now() - t0);
  // The process's CPU time, worker threads included: on a shared host a steadier guide than the wall.
  const cpu = process.cpuUsage(cpu0);
  await db.$client.end();
  if (!outcome.ok) throw new Error(`bench file refused: ${outcome.errorCount} error(s)`);
  console.log(JSON.stringify({ wallMs, cpuMs: Math.round((cpu.user + cpu.system) / 1000), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), counts: outcome.counts }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
