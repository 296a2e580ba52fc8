/**
 * Developer aid: time the import of month 1 (importPayrollFile: read, diff and store in one pass)
 * repeatedly on a kept database (tsx bench/apply-only.ts m0.csv m1.csv [runs]). The first run
 * loads month 0 (slow, once); every run imports month 1 in a transaction that is rolled back
 * instead of committed, so the next run starts from the same state. Time per statement is listed;
 * COMPARE=1 adds the CPU seconds of this process and of PostgreSQL instead (see below).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { createPayrollImportActivities } from '../activities/payroll/import';
import { createDb } from '../db/client';
import { runMigrations } from '../db/migrate';
import { employers, payrollImports } from '../db/schema';
import { DEFAULT_PROFILE } from '../domain/payroll/mapping-profile';
import { startEmbeddedPostgres } from '../infra/embedded-postgres';
import { FileStore } from '../infra/file-store';
import { SecretBox } from '../infra/secret-box';

const OUT = resolve(__dirname, 'out');

async function importFile(db: ReturnType<typeof createDb>, files: FileStore, employerId: string, file: string, period: string) {
  const sha = createHash('sha256').update(`${file}-${randomUUID()}`).digest('hex');
  await mkdir(dirname(files.uploadPath(sha)), { recursive: true });
  await copyFile(file, files.uploadPath(sha));
  const importId = randomUUID();
  await db.insert(payrollImports).values({
    id: importId, employerId, period, fileName: 'f.csv', fileSha256: sha, fileSize: 0, uploadedBy: 'bench', workflowId: `bench-${importId}`,
  });
  return importId;
}

void (async () => {
  const [m0, m1, runsArg] = process.argv.slice(2);
  const state = join(OUT, 'apply-only.json');
  const pg = await startEmbeddedPostgres({ dataDir: join(OUT, 'pg-apply'), port: 54398, database: 'mutaflow_apply', persistent: true });
  try {
    const db = createDb(pg.url, 2);
    const files = new FileStore(join(OUT, 'files-apply'), new SecretBox(Buffer.alloc(32, 3)));
    await files.ensureDirs();
    let importId: string;
    if (!existsSync(state)) {
      await runMigrations(db);
      const [employer] = await db.insert(employers).values({ name: 'apply', country: 'NL', mappingProfile: DEFAULT_PROFILE }).returning();
      const activities = createPayrollImportActivities({ db, files });
      const first = await importFile(db, files, employer.id, m0, '2026-01');
      await activities.importPayrollFile(first);
      importId = await importFile(db, files, employer.id, m1, '2026-02');
      await writeFile(state, JSON.stringify({ importId }));
      console.log('prepared', importId);
    } else {
      importId = (JSON.parse(await readFile(state, 'utf8')) as { importId: string }).importId;
      await runMigrations(db);
    }
    // Every transaction this pool hands out ends in a rollback; time spent per statement is summed.
    const spent = new Map<string, number>();
    const pool = db.$client as Pool;
    const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
    type Done = (err: Error | undefined, client?: PoolClient, release?: () => void) => void;
    (pool as unknown as { connect: (cb?: Done) => Promise<PoolClient> | void }).connect = (cb?: Done) => {
      // pool.query asks with a callback, the activities with a promise.
      if (cb) {
        wrapped().then((client) => cb(undefined, client, () => client.release()), (err: Error) => cb(err));
        return;
      }
      return wrapped();
    };
    const wrapped = async () => {
      const client = await connect();
      if ((client as { wrapped?: boolean }).wrapped) return client;
      (client as { wrapped?: boolean }).wrapped = true;
      const query = client.query.bind(client) as (...a: unknown[]) => Promise<unknown>;
      (client as unknown as { query: (...a: unknown[]) => Promise<unknown> }).query = async (...a: unknown[]) => {
        const t = performance.now();
        const name = String(a[0]).replace(/\s+/g, ' ').slice(0, 40);
        try {
          return await query(...(a[0] === 'commit' ? ['rollback', ...a.slice(1)] : a));
        } finally {
          spent.set(name, (spent.get(name) ?? 0) + performance.now() - t);
        }
      };
      return client;
    };
    const activities = createPayrollImportActivities({ db, files, batchSize: Number(process.env.BATCH_SIZE ?? 5_000) });
    if (process.env.COMPARE) {
      // COMPARE=1: the whole import with the CPU it used. Every run is rolled back.
      // CPU seconds of this process and of every PostgreSQL process, to see which side bounds a run.
      const pgCpu = () => execSync(`ps -u postgres -o cputimes= 2>/dev/null || true`, { encoding: 'utf8' })
        .split('\n').reduce((sum, v) => sum + (Number(v.trim()) || 0), 0);
      const cpu = () => ({ node: process.cpuUsage(), pg: pgCpu() });
      const used = (from: ReturnType<typeof cpu>) => {
        const node = process.cpuUsage(from.node);
        return `node ${((node.user + node.system) / 1e6).toFixed(1)} s cpu, postgres ${(pgCpu() - from.pg).toFixed(0)} s cpu`;
      };
      for (let i = 0; i < Number(runsArg ?? 3); i++) {
        const t = performance.now();
        const c = cpu();
        const out = await activities.importPayrollFile(importId);
        console.log('one pass ', Math.round(performance.now() - t), 'ms', used(c), JSON.stringify(out.ok && out.changeCounts));
      }
      await db.$client.end();
      return;
    }
    for (let i = 0; i < Number(runsArg ?? 3); i++) {
      const t = performance.now();
      const out = await activities.importPayrollFile(importId);
      console.log('import', Math.round(performance.now() - t), 'ms', JSON.stringify(out.ok && out.changeCounts));
      for (const [name, ms] of spent) if (ms > 50) console.log('   ', Math.round(ms), 'ms in', name);
      spent.clear();
    }
    await db.$client.end();
  } finally {
    await pg.stop();
  }
})();
