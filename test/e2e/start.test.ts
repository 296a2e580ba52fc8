import type { ChildProcess} from 'node:child_process';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../support/free-port';
import { DEMO_PASSWORD, demoCodes } from '../../scripts/demo-users';

/** Processes whose command line mentions the folder (PostgreSQL and Temporal keep their data there). */
const processesUsing = (dir: string) =>
  execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes(dir) && !l.includes('ps -eo'));

/** `npm run demo` as a newcomer runs it: everything embedded, demo data, Ctrl-C stops it all. */
describe('the demo command', () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('starts PostgreSQL, Temporal, worker and API with demo data, and stops them all on SIGINT', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'mutaflow-e2e-'));
    const [port, pgPort, temporalPort, uiPort, simPort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    const root = resolve(__dirname, '..', '..');
    child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'start.ts'), '--demo'], {
      cwd: root,
      env: {
        ...process.env, DATABASE_URL: '', TEMPORAL_ADDRESS: '', MUTAFLOW_ADMIN_TOKEN: '',
        MUTAFLOW_DATA_DIR: dataDir, PORT: String(port), MUTAFLOW_PG_PORT: String(pgPort),
        MUTAFLOW_TEMPORAL_PORT: String(temporalPort), MUTAFLOW_TEMPORAL_UI_PORT: String(uiPort),
        MUTAFLOW_SIMULATOR_PORT: String(simPort),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d) => { output += d; });
    child.stderr!.on('data', (d) => { output += d; });
    const exited = new Promise<number | null>((r) => child!.once('exit', (code) => r(code)));

    const deadline = Date.now() + 150_000;
    while (!output.includes('Ctrl-C stops everything') && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(output).toContain('Ctrl-C stops everything');
    expect(output).toMatch(/demo import 2026-10: \d+ employees, changes \{.*"hire"/);

    const base = `http://127.0.0.1:${port}`;
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', db: 'ok', temporal: 'ok' });
    expect((await fetch(`http://127.0.0.1:${uiPort}/`)).status).toBe(200);
    const token = (await readFile(join(dataDir, 'admin-token'), 'utf8')).trim();
    const importId = /payroll-imports\/([0-9a-f-]{36})\/changes/.exec(output)![1];
    const changes = (await (await fetch(`${base}/api/payroll-imports/${importId}/changes?limit=5`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: unknown[] };
    expect(changes.items.length).toBe(5);

    // The demo's messages move through their statuses by themselves, at the simulator's pace.
    const employerId = /messages\?employerId=([0-9a-f-]{36})/.exec(output)![1];
    const summary = async () => (await fetch(`${base}/api/messages/summary?employerId=${employerId}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<Record<string, number>>;
    let counts = await summary();
    for (const until = Date.now() + 60_000; !(counts.processed >= 5 && counts.rejected >= 1) && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 500));
      counts = await summary();
    }
    expect(counts).toMatchObject({ processed: expect.any(Number), rejected: 1, send_failed: 1, not_sent: 1, incomplete: 1 });
    expect(counts.processed).toBeGreaterThanOrEqual(5);

    // The demo's cycle waits on a task, then on its monthly comparison's review; completing them through the API lets the cycle close.
    expect(output).toMatch(/demo cycle 2026-10: tasks, waiting for 1 open task\(s\)/);
    const cycleId = /api\/cycles\/([0-9a-f-]{36})/.exec(output)![1];
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const open = (await (await fetch(`${base}/api/tasks?cycleId=${cycleId}&status=open`, { headers: auth })).json()) as { items: { id: string; kind: string }[] };
    expect(open.items.map((t) => t.kind)).toEqual(['complete_data']);
    const done = await fetch(`${base}/api/tasks/${open.items[0].id}/complete`, { method: 'POST', headers: auth, body: JSON.stringify({ result: { value: 'Kerkstraat' } }) });
    expect(done.status).toBe(200);
    // Then the demo's monthly comparison runs in the cycle: its differences wait for a review.
    let review: { id: string } | undefined;
    for (const until = Date.now() + 30_000; !review && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 300));
      review = ((await (await fetch(`${base}/api/tasks?cycleId=${cycleId}&status=open&kind=review_comparison`, { headers: auth })).json()) as { items: { id: string }[] }).items[0];
    }
    expect(review).toBeDefined();
    const reviewed = await fetch(`${base}/api/tasks/${review!.id}/complete`, { method: 'POST', headers: auth, body: JSON.stringify({ result: { acknowledged: true, reason: 'the fund corrects its list' } }) });
    expect(reviewed.status).toBe(200);
    let cycle = { status: '' };
    for (const until = Date.now() + 30_000; cycle.status !== 'closed' && Date.now() < until;) {
      await new Promise((r) => setTimeout(r, 300));
      cycle = (await (await fetch(`${base}/api/cycles/${cycleId}`, { headers: auth })).json()) as { status: string };
    }
    expect(cycle.status).toBe('closed');

    // An open accident case with its deadline, planned reminders, and health data only for its role.
    const [, reference, declareBy] = /demo accident (ACC-\d{6}): declare by (\d{4}-\d{2}-\d{2})/.exec(output)!;
    const accidentId = /api\/accidents\/([0-9a-f-]{36})/.exec(output)![1];
    const accident = (await (await fetch(`${base}/api/accidents/${accidentId}`, { headers: auth })).json()) as Record<string, any>;
    expect(accident).toMatchObject({ reference, status: 'open', deadline: { date: declareBy, overdue: false }, detailsRestricted: true });
    expect(accident.reminders.length).toBeGreaterThan(0);
    const managerToken = /Bearer (mf_[A-Za-z0-9_-]+)" \S+\/api\/accidents\/\S+\s+\(the accident-manager role/.exec(output)![1];
    const asManager = (await (await fetch(`${base}/api/accidents/${accidentId}`, { headers: { authorization: `Bearer ${managerToken}` } })).json()) as Record<string, any>;
    expect(asManager.details.injuries.length).toBe(1);
    // The documented logins: HR with the password alone, the admin also with the code the demo's helper prints.
    const signIn = (body: object) => fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await signIn({ email: 'hr@mutaflow.demo', password: DEMO_PASSWORD })).status).toBe(200);
    expect((await signIn({ email: 'admin@mutaflow.demo', password: DEMO_PASSWORD })).status).toBe(401);
    const codes = await demoCodes(dataDir);
    expect((await signIn({ email: 'admin@mutaflow.demo', password: DEMO_PASSWORD, totp: codes['admin@mutaflow.demo'] })).status).toBe(200);
    expect(processesUsing(dataDir).length).toBeGreaterThan(0);

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    // Nothing left behind: no PostgreSQL, no Temporal dev server.
    await new Promise((r) => setTimeout(r, 500));
    expect(processesUsing(dataDir)).toEqual([]);
  }, 200_000);
});
