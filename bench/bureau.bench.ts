/**
 * `npm run bench:bureau`: a payroll bureau's month. Many employers (200 × 2,500 employees by
 * default, and 100 in the same run to show growth), five suppliers shared by all of them, each
 * employer with last month's payroll imported and everyone enrolled. Measured: every employer's
 * cycle started, this month's payroll (3 % churn) uploaded through the API, the tasks completed
 * as HR would, until every cycle has closed (reports rendered and delivered) — `BENCH_BUREAU_PARALLEL`
 * employers at once, as a bureau's staff would; then the month's insurer messages drained, beside
 * a minimal one-activity workflow measured in the same run. Prints per stage, the slowest and the
 * median employer, peak RSS; records in docs/benchmarks.md at the default sizes.
 * BENCH_BUREAU_EMPLOYERS ("100,200") and BENCH_BUREAU_EMPLOYEES (2500) scale it. HR confirms the
 * month's confirmations a page at a time (POST /api/tasks/complete) and does the other tasks one
 * by one; BENCH_BUREAU_BULK=0 confirms one by one too.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { inArray, sql } from 'drizzle-orm';
import { newToken, seedAdminToken } from '../api/plugins/auth';
import { messages } from '../db/schema';
import { utcDate } from '../domain/shared/calendar';
import { buildSimulator } from '../simulator/app';
import { apiCaller, completeOpenTasks, enrollEveryone, linkEmployer, OTHER_SUPPLIERS, recordBenchmark, waitForCycle } from './bench-api';
import { startBenchStack } from './stack';
import { writeSnapshotCsv } from './generate-snapshot';

const SIZES = (process.env.BENCH_BUREAU_EMPLOYERS ?? '100,200').split(',').map(Number);
const EMPLOYEES = Number(process.env.BENCH_BUREAU_EMPLOYEES ?? 2_500);
const PARALLEL = Number(process.env.BENCH_BUREAU_PARALLEL ?? 8);
/** Confirmations confirmed a page at a time, as the task list offers (BENCH_BUREAU_BULK=0: one by one). */
const BULK = process.env.BENCH_BUREAU_BULK !== '0';
const DEFAULT_RUN = !process.env.BENCH_BUREAU_EMPLOYERS && !process.env.BENCH_BUREAU_EMPLOYEES;
const OUT = resolve(__dirname, 'out');
const FIRST_PERIOD = '2026-08';
const PERIOD = '2026-09';
const FINISHED = ['processed', 'rejected', 'send_failed'] as const;

/** Runs `work` over `items`, `parallel` at a time. */
async function inParallel<T, R>(items: T[], parallel: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i], i);
    }
  }));
  return results;
}

interface MonthResult {
  employers: number; people: number; setupMs: number; monthMs: number; tasks: number; reports: number;
  medianCycleMs: number; slowestCycleMs: number; messages: number; drainMs: number; messageRate: number;
  minimalRate: number; peakRssMb: number;
}

async function main() {
  await mkdir(OUT, { recursive: true });
  // The photos: each employer has its own people (seed per employer); generated once, reused.
  const photos = (i: number) => [0, 1].map((month) => join(OUT, `bureau-${EMPLOYEES}-e${i}-m${month}.csv`));
  const most = Math.max(...SIZES);
  for (let i = 0; i < most; i++) {
    for (const [month, path] of photos(i).entries()) {
      if (!existsSync(path)) await writeSnapshotCsv(path, { employees: EMPLOYEES, month, seed: 1000 + i, firstPeriod: FIRST_PERIOD });
    }
  }
  let peakRss = 0;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage.rss()); }, 250);
  const results: MonthResult[] = [];
  const stack = await startBenchStack({
    name: 'bureau', outDir: OUT, pgPort: 54392, temporalPort: 54391,
    worker: { workflowsPath: require.resolve('./workflows'), extraActivities: { benchNoop: async () => undefined } },
  });
  try {
    const { app, db, client, taskQueue } = stack;
    const token = newToken();
    await seedAdminToken(db, token, 'bench');
    const { call, upload } = apiCaller(app, token);

    // The bureau's suppliers, shared by every employer: one health insurer answering over HTTP.
    const apiKey = randomUUID();
    const insurer = await call('POST', '/api/suppliers', { name: 'Zorgverzekeraar', kind: 'health_insurer', channel: { transport: 'http', baseUrl: 'http://127.0.0.1:9', answers: 'callback' }, credentials: { apiKey } });
    const sim = buildSimulator({ apiKey, callbackToken: insurer.callbackToken, processingDelayMs: 0 });
    stack.stops.push(() => sim.close());
    const simUrl = await sim.listen({ port: 0, host: '127.0.0.1' });
    await call('PUT', `/api/suppliers/${insurer.id}/channel`, { channel: { transport: 'http', baseUrl: simUrl, answers: 'callback' } });
    await call('PUT', `/api/suppliers/${insurer.id}/report-settings`, { confirmKinds: ['enrollment'] });
    const suppliers = [insurer, ...await Promise.all(OTHER_SUPPLIERS.map((o) => call('POST', '/api/suppliers', o)))];
    const plansOf = new Map<string, string>();

    let offset = 0;
    for (const size of SIZES) {
      // Setup, not measured: the employers, their links, last month's payroll, everyone enrolled.
      let t = performance.now();
      const employerIds = await inParallel(Array.from({ length: size }, (_, k) => offset + k), 4, async (i) => {
        const companyNumber = String(20_000_000 + i);
        const employer = await call('POST', '/api/employers', { name: `Bureau klant ${i}`, country: 'NL', companyNumber });
        await sim.inject({ method: 'POST', url: '/admin/collectives', payload: { collectiveNumber: `ZZ-${i}`, companyNumber } });
        const plans = await linkEmployer(call, employer.id, suppliers, `ZZ-${i}`, plansOf);
        await upload(employer.id, photos(i % most)[0], FIRST_PERIOD);
        await enrollEveryone(db, employer.id, plans);
        return employer.id as string;
      });
      offset += size;
      const setupMs = performance.now() - t;

      // The anchor in the same run: as many minimal workflows as the month will have messages (estimated).
      const anchorCount = Math.max(500, Math.round(size * EMPLOYEES * 0.015));
      t = performance.now();
      const anchorIds = Array.from({ length: anchorCount }, () => `minimal-${randomUUID()}`);
      await inParallel(anchorIds, 64, (id) => client.workflow.start('minimalWorkflow', { workflowId: id, taskQueue, args: [id] }));
      for (const id of anchorIds) await client.workflow.getHandle(id).result();
      const minimalRate = anchorCount / ((performance.now() - t) / 1000);

      // Measured: the month of every employer, PARALLEL at once.
      peakRss = 0;
      const monthStart = performance.now();
      const perEmployer = await inParallel(employerIds, PARALLEL, async (employerId, k) => {
        const t0 = performance.now();
        await call('POST', `/api/employers/${employerId}/cycles/${PERIOD}`);
        await upload(employerId, photos(k % most)[1], PERIOD);
        const cycle = await waitForCycle(call, employerId, PERIOD, (c) => c.progress?.stage === 'tasks' || c.status === 'closed');
        const tasks = await completeOpenTasks(call, cycle.id, PERIOD, 2, BULK);
        const closed = await waitForCycle(call, employerId, PERIOD, (c) => c.status === 'closed');
        return { ms: performance.now() - t0, tasks, reports: Number(closed.summary.counts?.reports ?? 0) };
      });
      const monthMs = performance.now() - monthStart;

      // The month's insurer messages drain (they started during the cycles); measured from the
      // first message's creation to the last one's end.
      const scope = inArray(messages.employerId, employerIds);
      for (const until = Date.now() + 3_600_000; Date.now() < until;) {
        const [{ open }] = await db.select({ open: sql<number>`count(*) filter (where ${messages.status} not in ${FINISHED} and ${messages.status} not in ('incomplete', 'cancelled'))::int` }).from(messages).where(scope);
        if (open === 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const [drain] = await db.select({
        n: sql<number>`count(*)::int`,
        first: sql<string>`min(${messages.createdAt})::text`, last: sql<string>`max(${messages.updatedAt})::text`,
      }).from(messages).where(sql`${scope} and ${messages.status} in ${FINISHED}`);
      const drainMs = drain.n ? Date.parse(drain.last) - Date.parse(drain.first) : 0;

      const cycles = perEmployer.map((e) => e.ms).sort((a, b) => a - b);
      results.push({
        employers: size, people: size * EMPLOYEES, setupMs, monthMs,
        tasks: perEmployer.reduce((s, e) => s + e.tasks, 0), reports: perEmployer.reduce((s, e) => s + e.reports, 0),
        medianCycleMs: cycles[Math.floor(cycles.length / 2)], slowestCycleMs: cycles[cycles.length - 1],
        messages: drain.n, drainMs, messageRate: drainMs ? drain.n / (drainMs / 1000) : 0, minimalRate,
        peakRssMb: Math.round(peakRss / 2 ** 20),
      });
      console.log(results[results.length - 1]);
    }
  } catch (err) {
    // Said before the stack stops: a client call still retrying then fails loudly and ends the process.
    console.error('bench:bureau failed:', err);
    throw err;
  } finally {
    clearInterval(sampler);
    await stack.stop();
  }

  const s = (ms: number) => (ms >= 120_000 ? `${(ms / 60_000).toFixed(1)} min` : `${(ms / 1000).toFixed(1)} s`);
  const table = [
    `### A payroll bureau's month — ${utcDate(Date.now())}`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}; Temporal CLI dev server, embedded PostgreSQL 18; API, worker and supplier simulator in one process. `
      + `${EMPLOYEES.toLocaleString('en')} employees per employer, 3 % churn and 5 % field changes, 5 suppliers shared by all employers (a health insurer by messages that confirms enrollments, four by monthly report); ${PARALLEL} employers handled at once; `
      + `${BULK ? 'confirmations confirmed 100 at a time (POST /api/tasks/complete), other tasks one by one' : 'every task completed one by one'}.`,
    '',
    '| employers | people | month: imports, diffs, cycles, tasks, reports | tasks | reports | employer cycle: median / slowest | messages | drain | messages/s vs minimal workflow | peak RSS |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.employers} | ${r.people.toLocaleString('en')} | **${s(r.monthMs)}** | ${r.tasks.toLocaleString('en')} | ${r.reports} | ${s(r.medianCycleMs)} / ${s(r.slowestCycleMs)} (${(r.slowestCycleMs / r.medianCycleMs).toFixed(2)} ×) | ${r.messages.toLocaleString('en')} | ${s(r.drainMs)} | ${r.messageRate.toFixed(1)} vs ${r.minimalRate.toFixed(1)}: **${(r.messageRate / r.minimalRate).toFixed(2)} ×** | ${r.peakRssMb} MB |`),
    '',
    'Targets: the month ≤ 10 min at 200 employers and linear in employers; messages ≥ 0.7 × the minimal workflow; slowest employer within 2 × the median; ≤ 1.5 GB.',
    '',
  ].join('\n');
  console.log(`\n${table}`);
  if (DEFAULT_RUN) await recordBenchmark('bureau', table);
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
