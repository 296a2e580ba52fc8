/**
 * `npm run bench:cycle`: a monthly cycle end to end on the dev server for 50,000 employees
 * (3 % churn, 5 suppliers), and for 25,000 in the same run to show how it grows. The benchmark
 * uploads the month's payroll through the API, starts the cycle, completes every task through
 * the API as HR would, and waits for the cycle to close (reports rendered and delivered).
 * Prints the time per stage and in total; records in docs/benchmarks.md. BENCH_CYCLE_SIZES scales it.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { newToken, seedAdminToken } from '../api/plugins/auth';
import type { Db } from '../db/client';
import { utcDate } from '../domain/shared/calendar';
import { buildSimulator } from '../simulator/app';
import { startBenchStack } from './stack';
import { apiCaller, completeOpenTasks, enrollEveryone, linkEmployer, OTHER_SUPPLIERS, recordBenchmark, waitForCycle } from './bench-api';
import { writeSnapshotCsv } from './generate-snapshot';

const SIZES = (process.env.BENCH_CYCLE_SIZES ?? '25000,50000').split(',').map(Number);
const OUT = resolve(__dirname, 'out');
const FIRST_PERIOD = '2026-08';
const PERIOD = '2026-09';

interface StageTimes { importMs: number; toTasksMs: number; tasks: number; tasksMs: number; closeMs: number; totalMs: number; reports: number; hires: number }

async function main() {
  await mkdir(OUT, { recursive: true });
  const results = new Map<number, StageTimes>();
  const stack = await startBenchStack({ name: 'cycle', outDir: OUT, pgPort: 54396, temporalPort: 54395 });
  try {
    const { app, db } = stack;
    const token = newToken();
    await seedAdminToken(db, token, 'bench');
    for (const size of SIZES) {
      results.set(size, await runCycle({ app, db, token, size }));
      console.log(size, results.get(size));
    }
  } finally {
    await stack.stop();
  }

  const date = utcDate(Date.now());
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const table = [
    `### Monthly cycle — ${date}`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}; Temporal CLI dev server, embedded PostgreSQL 18; API, worker and simulator in one process. `
      + '5 suppliers (a health insurer by messages that confirms enrollments with the employer, a group insurer, a hospitalisation plan, a lease-car company, accounting); every employee enrolled with the four plan suppliers; 3 % churn and 5 % field changes; reports delivered by download.',
    '',
    '| employees | payroll import + diff (the cycle waiting) | cycle to its tasks | tasks completed through the API | messages started, reports, delivery, close | **total** | target |',
    '|---:|---:|---:|---:|---:|---:|---|',
    ...[...results].map(([n, r]) => `| ${n.toLocaleString('en')} | ${s(r.importMs)} | ${s(r.toTasksMs)} | ${r.tasks} in ${s(r.tasksMs)} | ${s(r.closeMs)} (${r.reports} reports) | **${s(r.totalMs)}** | ${n === 50_000 ? '≤ 90 s' : ''} |`),
    '',
  ].join('\n');
  console.log(`\n${table}`);
  if (SIZES.includes(50_000)) await recordBenchmark('cycle', table);
}

async function runCycle({ app, db, token, size }: { app: FastifyInstance; db: Db; token: string; size: number }): Promise<StageTimes> {
  const { call, upload } = apiCaller(app, token);
  const m0 = join(OUT, `cycle-${size}-m0.csv`);
  const m1 = join(OUT, `cycle-${size}-m1.csv`);
  if (!existsSync(m0)) await writeSnapshotCsv(m0, { employees: size, month: 0, seed: 11, firstPeriod: FIRST_PERIOD });
  if (!existsSync(m1)) await writeSnapshotCsv(m1, { employees: size, month: 1, seed: 11, firstPeriod: FIRST_PERIOD });

  // The employer, its five suppliers and their plans; last month's payroll; everybody enrolled.
  const companyNumber = String(10_000_000 + Math.floor(Math.random() * 89_999_999));
  const employer = await call('POST', '/api/employers', { name: `Bench ${size}`, country: 'NL', companyNumber });
  const apiKey = randomUUID();
  const insurer = await call('POST', '/api/suppliers', { name: 'Zorgverzekeraar', kind: 'health_insurer', channel: { transport: 'http', baseUrl: 'http://127.0.0.1:9', answers: 'callback' }, credentials: { apiKey } });
  const sim = buildSimulator({ apiKey, callbackToken: insurer.callbackToken, processingDelayMs: 0 });
  const simUrl = await sim.listen({ port: 0, host: '127.0.0.1' });
  try {
    await call('PUT', `/api/suppliers/${insurer.id}/channel`, { channel: { transport: 'http', baseUrl: simUrl, answers: 'callback' } });
    await sim.inject({ method: 'POST', url: '/admin/collectives', payload: { collectiveNumber: `ZZ-${size}`, companyNumber } });
    const suppliers = [insurer, ...await Promise.all(OTHER_SUPPLIERS.map((o) => call('POST', '/api/suppliers', o)))];
    await call('PUT', `/api/suppliers/${insurer.id}/report-settings`, { confirmKinds: ['enrollment'] });
    const plans = await linkEmployer(call, employer.id, suppliers, `ZZ-${size}`);
    await upload(employer.id, m0, FIRST_PERIOD);
    await enrollEveryone(db, employer.id, plans);

    // Measured: the cycle (started as its schedule would, before the payroll arrives), this month's
    // payroll, the tasks completed by "HR", until the cycle closes.
    const t0 = performance.now();
    await call('POST', `/api/employers/${employer.id}/cycles/${PERIOD}`);
    const imported = await upload(employer.id, m1, PERIOD);
    const t1 = performance.now();
    let cycle = await waitForCycle(call, employer.id, PERIOD, (c) => c.progress?.stage === 'tasks' || c.status === 'closed');
    const t2 = performance.now();
    const tasks = await completeOpenTasks(call, cycle.id, PERIOD);
    const t3 = performance.now();
    cycle = await waitForCycle(call, employer.id, PERIOD, (c) => c.status === 'closed');
    const t4 = performance.now();
    // Not measured: the messages the cycle started finish before the next size runs (the server is shared).
    for (const until = Date.now() + 600_000; Date.now() < until;) {
      const [{ n }] = (await db.execute<{ n: number }>(sql`select count(*)::int as n from messages where employer_id = ${employer.id} and status in ('not_sent', 'queued', 'sent')`)).rows;
      if (n === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    return {
      importMs: t1 - t0, toTasksMs: t2 - t1, tasks, tasksMs: t3 - t2, closeMs: t4 - t3, totalMs: t4 - t0,
      reports: cycle.summary.counts?.reports ?? 0, hires: imported.changeCounts.hire ?? 0,
    };
  } finally {
    await sim.close();
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
