/**
 * `npm run bench:messages`: 5,000 insurer messages end to end (workflow → HTTP → simulator →
 * callback → API → signal → processed) on a Temporal dev server, against a minimal
 * one-activity workflow in the same run. Prints messages/s, the ratio and the history events
 * per happy-path message, and records them in docs/benchmarks.md. BENCH_MESSAGES scales it.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { hashToken } from '../api/plugins/auth';
import { employerSuppliers, employers, enrollments, messageEvents, messages, persons, plans, suppliers } from '../db/schema';
import { DAY_MS, utcDate } from '../domain/shared/calendar';
import { bsnAtOrAfter } from '../domain/shared/identifiers';
import { DEFAULT_PROFILE } from '../domain/payroll/mapping-profile';
import { buildSimulator } from '../simulator/app';
import { startBenchStack } from './stack';
import { messageWorkflowId } from '../workflows/shared';

const N = Number(process.env.BENCH_MESSAGES ?? 5_000);
/** The minimal workflows and the messages run in this many alternating rounds of N / ROUNDS each. */
const ROUNDS = 2;
const OUT = resolve(__dirname, 'out');
const daysAgo = (n: number) => utcDate(Date.now() - n * DAY_MS);

const bsn = (i: number) => bsnAtOrAfter(30_000_000 + i * 10).bsn;

/**
 * CPU time of the whole machine (every process: Temporal, PostgreSQL, this one), in ms: /proc/stat's
 * user, nice, system, irq and softirq ticks (USER_HZ, 100 on Linux). Idle, iowait and the
 * hypervisor's steal are not work done here; guest time is inside user already.
 */
function machineBusyMs(): number {
  const [user, nice, system, , , irq, softirq] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq) * 1000) / 100;
}

/** What a phase cost in CPU, per workflow: the whole machine's, and this process's (worker, API, simulator). */
function cpuMeter() {
  const machine0 = machineBusyMs();
  const own0 = process.cpuUsage();
  return (n: number) => {
    const own = process.cpuUsage(own0);
    return { machineMsPer: (machineBusyMs() - machine0) / n, nodeMsPer: (own.user + own.system) / 1000 / n };
  };
}

async function startAll<T>(items: T[], start: (item: T) => Promise<unknown>, concurrency = 64) {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await start(items[next++]);
  }));
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const stack = await startBenchStack({
    name: 'messages', outDir: OUT, pgPort: 54398, temporalPort: 54397,
    worker: { workflowsPath: require.resolve('./workflows'), extraActivities: { benchNoop: async () => undefined } },
  });
  try {
    const { db, client, secrets, messageWorkflows, taskQueue } = stack;
    const callbackToken = randomUUID();
    const sim = buildSimulator({ apiKey: 'bench-key', callbackToken, processingDelayMs: 0 });
    stack.stops.push(() => sim.close());
    const simUrl = await sim.listen({ port: 0, host: '127.0.0.1' });

    // The data: one employer and insurer, N people each with an enrollment and its message.
    const [employer] = await db.insert(employers).values({ name: 'bench', country: 'NL', companyNumber: '12345678', mappingProfile: DEFAULT_PROFILE }).returning();
    const [supplier] = await db.insert(suppliers).values({
      name: 'bench insurer', kind: 'health_insurer', channel: { transport: 'http', baseUrl: simUrl, answers: 'callback', pollEveryMinutes: 60, timeoutSeconds: 30 },
      credentialsEncrypted: secrets.seal({ apiKey: 'bench-key' }), callbackTokenHash: hashToken(callbackToken),
    }).returning();
    const [plan] = await db.insert(plans).values({ supplierId: supplier.id, name: 'Basis' }).returning();
    await db.insert(employerSuppliers).values({ employerId: employer.id, supplierId: supplier.id, collectiveNumber: 'ZZ-1', startDate: '2020-01-01', deliverFrom: '2020-01-01' });
    await sim.inject({ method: 'POST', url: '/admin/collectives', payload: { collectiveNumber: 'ZZ-1', companyNumber: '12345678' } });
    const ids: string[] = [];
    for (let from = 0; from < N; from += 1000) {
      const count = Math.min(1000, N - from);
      const people = await db.insert(persons).values(Array.from({ length: count }, (_, k) => {
        const i = from + k;
        return {
          employerId: employer.id, employeeNumber: `B${i}`, status: 'active' as const, lastImportId: randomUUID(),
          data: { employeeNumber: `B${i}`, nationalId: bsn(i), lastName: 'Jansen', birthDate: '1980-01-01', gender: 'M', street: 'Dorpsstraat', houseNumber: '1', postalCode: '1234AB', city: 'Ede', country: 'NL' },
        };
      })).returning({ id: persons.id });
      const enrolled = await db.insert(enrollments).values(people.map((p) => ({ personId: p.id, planId: plan.id, startDate: daysAgo(5) }))).returning({ id: enrollments.id, personId: enrollments.personId });
      const created = await db.insert(messages).values(enrolled.map((e) => ({
        employerId: employer.id, supplierId: supplier.id, personId: e.personId, enrollmentId: e.id, kind: 'enrollment' as const,
        status: 'not_sent' as const, factDate: daysAgo(5), sendDate: daysAgo(4), createdBy: 'bench',
      }))).returning({ id: messages.id });
      await db.insert(messageEvents).values(created.map((m) => ({ messageId: m.id, version: 1, toStatus: 'not_sent', cause: 'created', actor: 'bench' })));
      ids.push(...created.map((m) => m.id));
    }

    // Warm-up: the worker's first workflow tasks pay for the bundle's first run.
    await client.workflow.execute('minimalWorkflow', { workflowId: `warm-${randomUUID()}`, taskQueue, args: ['warm'] });

    // Alternating rounds (minimal, messages, minimal, messages): this host's speed drifts by tens
    // of percent within minutes, and a drift then weighs on both sides of the ratio alike.
    const perRound = Math.ceil(N / ROUNDS);
    let minimalMs = 0;
    let messagesMs = 0;
    const minimalTotal = { machineMsPer: 0, nodeMsPer: 0 };
    const messageTotal = { machineMsPer: 0, nodeMsPer: 0 };
    const add = (to: typeof minimalTotal, from: typeof minimalTotal) => { to.machineMsPer += from.machineMsPer; to.nodeMsPer += from.nodeMsPer; };
    for (let round = 0; round < ROUNDS; round++) {
      const slice = ids.slice(round * perRound, (round + 1) * perRound);
      let t = performance.now();
      let cpu = cpuMeter();
      const minimalIds = slice.map(() => `minimal-${randomUUID()}`);
      await startAll(minimalIds, (id) => client.workflow.start('minimalWorkflow', { workflowId: id, taskQueue, args: [id] }));
      for (const id of minimalIds) await client.workflow.getHandle(id).result();
      minimalMs += performance.now() - t;
      add(minimalTotal, cpu(1));

      t = performance.now();
      cpu = cpuMeter();
      await startAll(slice, (id) => messageWorkflows.start([{ messageId: id, version: 1 }]));
      const done = round * perRound + slice.length;
      for (;;) {
        const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(messages).where(inArray(messages.status, ['processed', 'rejected', 'send_failed']))).slice(0, 1);
        if (n >= done) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      messagesMs += performance.now() - t;
      add(messageTotal, cpu(1));
    }
    const perWorkflow = (total: typeof minimalTotal) => ({ machineMsPer: +(total.machineMsPer / N).toFixed(1), nodeMsPer: +(total.nodeMsPer / N).toFixed(1) });
    const minimalCpu = perWorkflow(minimalTotal);
    const messageCpu = perWorkflow(messageTotal);
    const [{ processed }] = await db.select({ processed: sql<number>`count(*) filter (where status = 'processed')::int` }).from(messages).where(eq(messages.supplierId, supplier.id));
    const received = (await sim.inject({ method: 'GET', url: '/admin/messages' })).json().count as number;
    const sample = await client.workflow.getHandle(messageWorkflowId(ids[Math.floor(N / 2)])).fetchHistory();
    const events = sample.events!.length;
    console.log('sample history:', sample.events!.map((e) => Object.keys(e).find((k) => k.endsWith('EventAttributes') && (e as Record<string, unknown>)[k])?.replace('EventAttributes', '') ?? '?').join(' '));

    const minimalRate = N / (minimalMs / 1000);
    const messageRate = N / (messagesMs / 1000);
    const ratio = messageRate / minimalRate;
    const result = { n: N, minimalMs: Math.round(minimalMs), messagesMs: Math.round(messagesMs), minimalRate: +minimalRate.toFixed(1), messageRate: +messageRate.toFixed(1), ratio: +ratio.toFixed(2), events, processed, received, minimalCpu, messageCpu };
    console.log(result);
    const date = utcDate(Date.now());
    const table = [
      `### Insurer messages — ${date}`,
      '',
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}; Temporal CLI dev server (SQLite in memory), embedded PostgreSQL 18, simulator answering at once; worker, API and simulator in one process. CPU per workflow: the machine's busy time (/proc/stat: Temporal, PostgreSQL and this process) and this process's own, over each phase, divided by its workflows. The two kinds run in ${ROUNDS} alternating rounds of ${Math.ceil(N / ROUNDS).toLocaleString('en')} (minimal, messages, minimal, messages), so that the host's drift weighs on both.`,
      '',
      '| measurement | workflows | wall | per second | CPU per workflow: whole machine / this process | target |',
      '|---|---:|---:|---:|---:|---|',
      `| minimal workflow (one no-op activity) | ${N.toLocaleString('en')} | ${(minimalMs / 1000).toFixed(1)} s | ${minimalRate.toFixed(1)} | ${minimalCpu.machineMsPer} / ${minimalCpu.nodeMsPer} ms | |`,
      `| **insurer message end to end** (prepare → deliver over HTTP → callback → signal → apply) | ${N.toLocaleString('en')} | ${(messagesMs / 1000).toFixed(1)} s | **${messageRate.toFixed(1)}** | ${messageCpu.machineMsPer} / ${messageCpu.nodeMsPer} ms | ≥ 0.7 × minimal: **${ratio.toFixed(2)} ×** |`,
      '',
      `History events per happy-path message: **${events}** (target ≤ 14). Processed: ${processed} of ${N}; records at the simulator: ${received} (exactly one per message).`,
      '',
    ].join('\n');
    console.log(`\n${table}`);
    if (N === 5_000) {
      const docPath = resolve(__dirname, '..', 'docs', 'benchmarks.md');
      const existing = existsSync(docPath) ? await readFile(docPath, 'utf8') : '# Benchmarks\n\n';
      const [start, end] = ['<!-- bench:messages -->', '<!-- /bench:messages -->'];
      const next = existing.includes(start)
        ? `${existing.split(start)[0]}${start}\n${table}${end}${existing.split(end)[1] ?? ''}`
        : `${existing.trimEnd()}\n\n${start}\n${table}${end}\n`;
      await writeFile(docPath, next);
      console.log(`recorded in ${docPath}`);
    }
  } finally {
    await stack.stop();
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(err);
  process.exit(1);
});
