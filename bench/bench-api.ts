/**
 * What the end-to-end benchmarks do through the API as a user would: call a route, upload a
 * month's payroll, set up an employer with the five suppliers of the cycle benchmarks, complete
 * a cycle's open tasks as HR, and write a result table into docs/benchmarks.md.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/client';

export type Call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => Promise<any>;

export function apiCaller(app: FastifyInstance, token: string) {
  const headers = { authorization: `Bearer ${token}` };
  const call: Call = async (method, url, payload) => {
    const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  const upload = async (employerId: string, path: string, period: string) => {
    const form = new FormData();
    form.set('period', period);
    form.set('file', new Blob([await readFile(path)]), `payroll-${period}.csv`);
    const res = await app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers, payload: form });
    if (res.statusCode !== 201) throw new Error(`import: ${res.statusCode} ${res.body}`);
    return res.json();
  };
  return { call, upload };
}

/** The cycle benchmarks' suppliers beside the health insurer: a pension fund, hospitalisation, lease cars, accounting. */
export const OTHER_SUPPLIERS = [
  { name: 'Pensioenfonds', kind: 'group_insurance' }, { name: 'Hospitalisatie', kind: 'hospitalisation' },
  { name: 'Leaseauto', kind: 'external' }, { name: 'Boekhouding', kind: 'internal' },
] as const;

/**
 * Links an employer to the suppliers (the first is the health insurer, with `collectiveNumber`),
 * gives it one plan per plan supplier and an onboarding profile into the insurer's plan. Returns the plan ids.
 */
export async function linkEmployer(call: Call, employerId: string, suppliers: { id: string; kind: string }[], collectiveNumber: string, plansOf?: Map<string, string>): Promise<string[]> {
  const plans: string[] = [];
  for (const [i, s] of suppliers.entries()) {
    await call('POST', `/api/employers/${employerId}/suppliers`, { supplierId: s.id, collectiveNumber: i === 0 ? collectiveNumber : `C-${i}`, startDate: '2026-01-01' });
    if (s.kind === 'internal') continue;
    // A bureau's employers share the suppliers' plans; one employer alone gets its own.
    let plan = plansOf?.get(s.id);
    if (!plan) {
      plan = (await call('POST', '/api/plans', { supplierId: s.id, name: `Plan ${i}` })).id as string;
      plansOf?.set(s.id, plan);
    }
    plans.push(plan);
  }
  await call('POST', `/api/employers/${employerId}/onboarding-profiles`, { name: 'Iedereen', plans: [{ planId: plans[0] }] });
  return plans;
}

/** The initial enrollment load (setup, not measured): every person of the employer in the plans, no messages. */
export async function enrollEveryone(db: Db, employerId: string, plans: string[]): Promise<void> {
  await db.execute(sql`insert into enrollments (person_id, plan_id, start_date, source)
    select p.id, pl.id, '2026-01-01', 'initial_import' from persons p cross join unnest(${`{${plans.join(',')}}`}::uuid[]) as pl(id) where p.employer_id = ${employerId}`);
}

/** Polls the employer's cycle of `period` until `done` says so. */
export async function waitForCycle(call: Call, employerId: string, period: string, done: (cycle: any) => boolean): Promise<any> {
  for (;;) {
    const [cycle] = (await call('GET', `/api/cycles?employerId=${employerId}&period=${period}`)).items;
    if (cycle && done(cycle)) return cycle;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Completes every open task of the cycle as HR would (`parallel` at once). Returns how many. */
export async function completeOpenTasks(call: Call, cycleId: string, period: string, parallel = 8, bulk = false): Promise<number> {
  const open: { id: string; kind: string }[] = [];
  for (let cursor: string | null = null; ;) {
    const page: any = await call('GET', `/api/tasks?cycleId=${cycleId}&status=open&limit=500${cursor ? `&cursor=${cursor}` : ''}`);
    open.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  // Confirmations as HR does them in the task list: a page selected and confirmed at once
  // (POST /api/tasks/complete); the others one by one.
  const confirmations = bulk ? open.filter((t) => t.kind.startsWith('confirm_')) : [];
  for (let at = 0; at < confirmations.length; at += 100) {
    await call('POST', '/api/tasks/complete', { items: confirmations.slice(at, at + 100).map((t) => ({ taskId: t.id, result: { confirm: true } })) });
  }
  const single = bulk ? open.filter((t) => !t.kind.startsWith('confirm_')) : open;
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < single.length) {
      const t = single[next++];
      const result = t.kind === 'complete_data' ? { value: 'Kerkstraat' }
        : t.kind === 'complete_effective_date' ? { value: `${period}-01` }
          : t.kind === 'review_missing' ? { acknowledged: true }
            : t.kind === 'resolve_correction' ? { resolution: 'keep_ours' } : { confirm: true };
      await call('POST', `/api/tasks/${t.id}/complete`, { result });
    }
  }));
  return open.length;
}

/** Replaces the benchmark's block (between `<!-- bench:name -->` markers) in docs/benchmarks.md. */
export async function recordBenchmark(name: string, table: string): Promise<void> {
  const docPath = resolve(__dirname, '..', 'docs', 'benchmarks.md');
  const existing = existsSync(docPath) ? await readFile(docPath, 'utf8') : '# Benchmarks\n\n';
  const [start, end] = [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`];
  const next = existing.includes(start)
    ? `${existing.split(start)[0]}${start}\n${table}${end}${existing.split(end)[1] ?? ''}`
    : `${existing.trimEnd()}\n\n${start}\n${table}${end}\n`;
  await writeFile(docPath, next);
  console.log(`recorded in ${docPath}`);
}
