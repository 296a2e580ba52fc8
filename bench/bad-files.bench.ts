/**
 * `npx tsx bench/bad-files.bench.ts`: the full property run over generated bad payroll files — by
 * default 1,000 mutations (half CSV, half XLSX) of a valid month, each uploaded through the API
 * and checked: accepted with exactly its content, or refused whole naming row and column with
 * the database unchanged (test/support/payroll-mutations.ts; the suite runs a seed-fixed 90).
 * BENCH_MUTATIONS scales it, BENCH_SEED repeats a run. Prints the outcome; a broken property
 * stops the run with the case.
 */
import { mkdir } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { newToken, seedAdminToken } from '../api/plugins/auth';
import type { MutatedFile, World } from '../test/support/payroll-mutations';
import { checkMutatedFile, mutatedFile } from '../test/support/payroll-mutations';
import { startBenchStack } from './stack';

const N = Number(process.env.BENCH_MUTATIONS ?? 1_000);
const SEED = Number(process.env.BENCH_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = 2;
const OUT = resolve(__dirname, 'out');

async function main() {
  await mkdir(OUT, { recursive: true });
  const stack = await startBenchStack({ name: 'bad-files', outDir: OUT, pgPort: 54386, temporalPort: 54385 });
  try {
    const token = newToken();
    await seedAdminToken(stack.db, token, 'bench');
    const w: World = { app: stack.app, db: stack.db, auth: { authorization: `Bearer ${token}` }, spare: [] };
    const cases: MutatedFile[] = [
      ...fc.sample(mutatedFile('csv'), { seed: SEED, numRuns: Math.ceil(N / 2) }),
      ...fc.sample(mutatedFile('xlsx'), { seed: SEED + 1, numRuns: Math.floor(N / 2) }),
    ];
    const tally = new Map<string, number>();
    const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
    const load = loadavg()[0];
    const started = Date.now();
    let next = 0;
    let failure: unknown;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < cases.length && !failure) {
        const f = cases[next++];
        try {
          const outcome = await checkMutatedFile(w, f);
          count(`${f.format} ${outcome}${f.damage.kind === 'none' ? '' : ` (bytes damaged: ${f.damage.kind})`}`);
        } catch (err) {
          failure ??= err;
        }
        if (next % 100 === 0) console.log(`[bench] ${next}/${cases.length}`);
      }
    }));
    const seconds = (Date.now() - started) / 1000;
    if (failure) {
      console.error(`[bench] property broken (seed ${SEED}):`, failure);
      process.exitCode = 1;
      return;
    }
    console.log(`\n### Bad payroll files (property run) — ${new Date().toISOString().slice(0, 10)}\n`);
    console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}, load average ${load.toFixed(2)} at start. Seed ${SEED}, ${cases.length} mutations, ${CONCURRENCY} at a time, ${seconds.toFixed(0)} s.\n`);
    console.log('| outcome | files |\n|---|---:|');
    for (const [key, n] of [...tally].sort()) console.log(`| ${key} | ${n} |`);
    console.log(`\nEvery one held the property: accepted with exactly its content, or refused whole naming row and column with the database unchanged.`);
  } finally {
    await stack.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
