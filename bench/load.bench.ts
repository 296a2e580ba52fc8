/**
 * `npx tsx bench/load.bench.ts`: 50 concurrent API users (autocannon) list persons, messages and
 * tasks while a 100k-row monthly payroll import and 1,000 insurer messages run. Target: p99 of
 * every list ≤ 300 ms, no errors. Prints a table for docs/benchmarks.md, with the machine and
 * its load average (the host is shared: a busy neighbour shows in the figures), and the CPU each
 * process used. The worker runs in its own process, as in docker-compose, and with the Temporal dev
 * server at a lower CPU priority (BACKGROUND_NICE); the users and the insurer run in processes of
 * their own, off the API's event loop.
 * BENCH_LOAD_ROWS and BENCH_LOAD_MESSAGES scale it.
 */
import { fork, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFile, mkdir, rm } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type autocannon from 'autocannon';
import { eq, inArray, sql } from 'drizzle-orm';
import { hashToken, newToken, seedAdminToken } from '../api/plugins/auth';
import { employerSuppliers, employers, enrollments, messageEvents, messages, payrollImports, persons, plans, suppliers, tasks } from '../db/schema';
import { DAY_MS, utcDate } from '../domain/shared/calendar';
import { bsnAtOrAfter } from '../domain/shared/identifiers';
import { DEFAULT_PROFILE } from '../domain/payroll/mapping-profile';
import { writeSnapshotCsv } from './generate-snapshot';
import { processCpuSeconds } from './process-cpu';
import { startBenchStack } from './stack';

const ROWS = Number(process.env.BENCH_LOAD_ROWS ?? 100_000);
const MESSAGES = Number(process.env.BENCH_LOAD_MESSAGES ?? 1_000);
const USERS = 50;
/**
 * The worker and the Temporal dev server run at this nice level (weight 137 against the API's and
 * PostgreSQL's 1024, about 1 : 7.5), roughly what docker-compose's `cpu_shares: 128` gives them
 * (1 : 5 to 1 : 8, by cgroup version): users are answered first, the import and the messages take
 * the rest. BENCH_LOAD_NICE=0 measures without.
 */
const BACKGROUND_NICE = Number(process.env.BENCH_LOAD_NICE ?? 9);
const TARGET_P99_MS = 300;
const OUT = resolve(__dirname, 'out');
const daysAgo = (n: number) => utcDate(Date.now() - n * DAY_MS);

async function main() {
  await mkdir(OUT, { recursive: true });
  const m0 = join(OUT, `load-m0-${ROWS}.csv`);
  const m1 = join(OUT, `load-m1-${ROWS}.csv`);
  await writeSnapshotCsv(m0, { employees: ROWS, month: 0, firstPeriod: '2026-08' });
  await writeSnapshotCsv(m1, { employees: ROWS, month: 1, firstPeriod: '2026-08' });

  const stack = await startBenchStack({ name: 'load', outDir: OUT, pgPort: 54384, temporalPort: 54383, workerProcess: true, backgroundNice: BACKGROUND_NICE });
  try {
    const { db, secrets, messageWorkflows, apiUrl } = stack;
    const token = newToken();
    await seedAdminToken(db, token, 'bench');
    const auth = { authorization: `Bearer ${token}` };
    const api = async (method: string, path: string, body?: object | FormData) => {
      const res = await fetch(`${apiUrl}${path}`, {
        method, headers: body instanceof FormData || !body ? auth : { ...auth, 'content-type': 'application/json' },
        body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const upload = async (employerId: string, path: string, period: string, wait: boolean) => {
      const form = new FormData();
      form.set('period', period);
      form.set('file', new Blob([await readFile(path)]), `payroll-${period}.csv`);
      return api('POST', `/api/employers/${employerId}/payroll-imports${wait ? '?wait=true' : ''}`, form);
    };

    // The employer the users look at: last month's 100k people already in.
    const employer = await api('POST', '/api/employers', { name: 'Load employer', country: 'NL' });
    const employerId = employer.id as string;
    let t = performance.now();
    await upload(employerId, m0, '2026-08', true);
    console.log(`[bench] baseline ${ROWS} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // The messages: their own employer and insurer (the simulator answering by callback).
    const callbackToken = randomUUID();
    // The insurer is not part of the system under load: it runs in a process of its own.
    const sim = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'simulator', 'main.ts')], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, SIMULATOR_PORT: '0', SIMULATOR_API_KEY: 'bench-key', SIMULATOR_CALLBACK_TOKEN: callbackToken, SIMULATOR_DELAY_MS: '0', SIMULATOR_LOG_LEVEL: 'warn' },
    });
    stack.stops.push(async () => { sim.kill(); });
    const simUrl = await new Promise<string>((resolveUrl, reject) => {
      sim.stdout.setEncoding('utf8').on('data', (line: string) => {
        const url = /listening on (\S+)/.exec(line)?.[1];
        if (url) resolveUrl(url);
      });
      sim.once('exit', (code) => reject(new Error(`the simulator ended (${code}) before it listened`)));
    });
    const [msgEmployer] = await db.insert(employers).values({ name: 'Load messages', country: 'NL', companyNumber: '12345678', mappingProfile: DEFAULT_PROFILE }).returning();
    const [supplier] = await db.insert(suppliers).values({
      name: 'load insurer', kind: 'health_insurer', channel: { transport: 'http', baseUrl: simUrl, answers: 'callback', pollEveryMinutes: 60, timeoutSeconds: 30 },
      credentialsEncrypted: secrets.seal({ apiKey: 'bench-key' }), callbackTokenHash: hashToken(callbackToken),
    }).returning();
    const [plan] = await db.insert(plans).values({ supplierId: supplier.id, name: 'Basis' }).returning();
    await db.insert(employerSuppliers).values({ employerId: msgEmployer.id, supplierId: supplier.id, collectiveNumber: 'ZZ-1', startDate: '2020-01-01', deliverFrom: '2020-01-01' });
    const collective = await fetch(`${simUrl}/admin/collectives`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ collectiveNumber: 'ZZ-1', companyNumber: '12345678' }) });
    if (!collective.ok) throw new Error(`simulator /admin/collectives: ${collective.status}`);
    const people = await db.insert(persons).values(Array.from({ length: MESSAGES }, (_, i) => ({
      employerId: msgEmployer.id, employeeNumber: `M${i}`, status: 'active' as const, lastImportId: randomUUID(),
      data: { employeeNumber: `M${i}`, nationalId: bsnAtOrAfter(40_000_000 + i * 10).bsn, lastName: 'Jansen', birthDate: '1980-01-01', gender: 'M', street: 'Dorpsstraat', houseNumber: '1', postalCode: '1234AB', city: 'Ede', country: 'NL' },
    }))).returning({ id: persons.id });
    const enrolled = await db.insert(enrollments).values(people.map((p) => ({ personId: p.id, planId: plan.id, startDate: daysAgo(5) }))).returning({ id: enrollments.id, personId: enrollments.personId });
    const created = await db.insert(messages).values(enrolled.map((e) => ({
      employerId: msgEmployer.id, supplierId: supplier.id, personId: e.personId, enrollmentId: e.id, kind: 'enrollment' as const,
      status: 'not_sent' as const, factDate: daysAgo(5), sendDate: daysAgo(4), createdBy: 'bench',
    }))).returning({ id: messages.id });
    await db.insert(messageEvents).values(created.map((m) => ({ messageId: m.id, version: 1, toStatus: 'not_sent', cause: 'created', actor: 'bench' })));
    const ids = created.map((m) => m.id);
    // Open tasks to list (confirmation tasks as a cycle leaves them), on both employers.
    await db.insert(tasks).values(Array.from({ length: 2_000 }, (_, i) => ({
      employerId: i % 2 ? employerId : msgEmployer.id, kind: 'confirm_enrollment' as const, subject: { personId: people[i % people.length].id }, dueAt: new Date(Date.now() + (i % 30) * DAY_MS),
    })));
    await db.execute(sql`vacuum analyze`);

    // 50 users: a third each on persons, messages and tasks (first pages, 100 a page, as the UI asks).
    const lists = [
      { name: 'persons', path: `/api/persons?employerId=${employerId}`, connections: 17 },
      { name: 'messages', path: `/api/messages?employerId=${msgEmployer.id}`, connections: 17 },
      { name: 'tasks', path: '/api/tasks?status=open', connections: USERS - 34 },
    ];
    const load = loadavg().map((x) => x.toFixed(2)).join(' / ');
    // The token goes by environment, not argv: other users of the host can read a process's argv.
    const users = fork(join(__dirname, 'load-users.ts'), [JSON.stringify(lists.map((l) => ({ ...l, url: `${apiUrl}${l.path}` })))], {
      execArgv: ['--import', 'tsx'], env: { ...process.env, BENCH_LOAD_AUTHORIZATION: auth.authorization },
    });
    stack.stops.push(async () => { users.kill(); });
    const usersExited = new Promise<never>((_, reject) => users.once('exit', (code) => reject(new Error(`the users' process ended (${code}) before its results`))));
    usersExited.catch(() => undefined); // awaited below, in a race; a stop that kills it is no error
    type UsersReport = { results: autocannon.Result[]; windows: { from: number; answers: number; p50: number; p99: number }[] };
    const usersDone = Promise.race([new Promise<UsersReport>((resolveReport) => users.on('message', (m) => { if (typeof m === 'object' && m && 'results' in m) resolveReport(m as UsersReport); })), usersExited]);
    await Promise.race([new Promise<void>((started) => users.once('message', () => started())), usersExited]);

    // Where the CPU goes while the users list: each process, by what it is.
    const groupOf = (pid: number, cmd: string) => (pid === process.pid ? 'API (bench process)' : cmd.includes('worker/main.ts') ? 'worker' : cmd.includes('load-users.ts') ? 'users (autocannon)'
      : cmd.includes('simulator/main.ts') ? 'insurer (simulator)' : cmd.startsWith('postgres') || cmd.includes('/bin/postgres') ? 'PostgreSQL' : /temporal\b.*server start-dev/.test(cmd) ? 'Temporal dev server' : undefined);
    const cpuBefore = processCpuSeconds(groupOf);

    // The work: the monthly import and the messages, started together.
    t = performance.now();
    const started = await upload(employerId, m1, '2026-09', false);
    const importId = (started.importId ?? started.id) as string;
    let next = 0;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (next < ids.length) await messageWorkflows.start([{ messageId: ids[next++], version: 1 }]);
    }));
    let importMs = 0;
    let messagesMs = 0;
    let importStatus = 'running';
    for (;;) {
      const [imp] = await db.select({ status: payrollImports.status, rowCount: payrollImports.rowCount }).from(payrollImports).where(eq(payrollImports.id, importId));
      if (!importMs && imp.status !== 'running') {
        importMs = performance.now() - t;
        importStatus = imp.status;
      }
      const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(messages).where(inArray(messages.status, ['processed', 'rejected', 'send_failed']));
      if (!messagesMs && n >= ids.length) messagesMs = performance.now() - t;
      if (importMs && messagesMs) break;
      if (performance.now() - t > 540_000) throw new Error('import or messages not done within 9 minutes');
      await new Promise((r) => setTimeout(r, 250));
    }
    const wallMs = performance.now() - t;
    const cpuAfter = processCpuSeconds(groupOf);
    users.send('stop');
    const report = await usersDone;
    const results = report.results.map((r, i) => ({ ...lists[i], r }));
    const [{ processed }] = await db.select({ processed: sql<number>`count(*) filter (where status = 'processed')::int` }).from(messages).where(eq(messages.supplierId, supplier.id));

    const errorsOf = (r: autocannon.Result) => r.errors + r.timeouts + r.non2xx;
    const pass = results.every((x) => x.r.latency.p99 <= TARGET_P99_MS && errorsOf(x.r) === 0) && importStatus === 'completed' && processed === ids.length;
    const table = [
      `### API lists under load — ${utcDate(Date.now())}`,
      '',
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}; load average ${load} (1/5/15 min) when the load began, on a host shared with other work. `
        + 'Temporal CLI dev server, embedded PostgreSQL 18; the worker in its own process (as docker-compose runs it), the API in the bench process; the users (autocannon) and the insurer (simulator) each in a process of their own. '
        + (BACKGROUND_NICE ? `The worker and the Temporal dev server at nice ${BACKGROUND_NICE} (as compose's \`cpu_shares: 128\`): the API and PostgreSQL first.` : 'Every process at the same CPU priority.'),
      '',
      `While ${USERS} users listed (autocannon, ${USERS} connections, each answer awaited before the next request): a monthly import of ${ROWS.toLocaleString('en')} rows over a `
        + `${ROWS.toLocaleString('en')}-person baseline (${importStatus} in ${(importMs / 1000).toFixed(1)} s) and ${ids.length.toLocaleString('en')} insurer messages end to end `
        + `(${processed} processed in ${(messagesMs / 1000).toFixed(1)} s). Measured over ${(wallMs / 1000).toFixed(1)} s.`,
      '',
      '| list (first page, 100) | users | requests | req/s | p50 | p97.5 | **p99** | max | errors | target |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
      ...results.map((x) => `| \`GET ${x.path.replace(/=[0-9a-f-]{36}/, '=…')}\` | ${x.connections} | ${x.r.requests.total.toLocaleString('en')} | ${x.r.requests.average.toFixed(0)} | ${x.r.latency.p50} ms | ${x.r.latency.p97_5} ms | **${x.r.latency.p99} ms** | ${x.r.latency.max} ms | ${errorsOf(x.r)} | p99 ≤ ${TARGET_P99_MS} ms, 0 errors |`),
      '',
      `Result: **${pass ? 'met' : 'not met'}**.`,
      '',
      `The three lists' answers by 5-second window since the users began (the import runs first): ${report.windows.map((w) => `${w.from} s: p50 ${w.p50} / p99 ${w.p99} ms`).join('; ')}.`,
      '',
      `CPU over the measurement (${(wallMs / 1000).toFixed(1)} s, ${cpus().length} cores): `
        + [...cpuAfter].map(([group, s]) => `${group} ${(s - (cpuBefore.get(group) ?? 0)).toFixed(1)} s`).join(', ')
        + `; the API process's CPU per list page, at most (the upload, the workflow starts and the supplier callbacks count in it too): ${((((cpuAfter.get('API (bench process)') ?? 0) - (cpuBefore.get('API (bench process)') ?? 0)) * 1000) / results.reduce((n, x) => n + x.r.requests.total, 0)).toFixed(2)} ms.`,
      '',
    ].join('\n');
    console.log(`\n${table}`);
  } finally {
    await stack.stop();
    await rm(m0, { force: true });
    await rm(m1, { force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
