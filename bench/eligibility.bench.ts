/**
 * `npm run bench:eligibility`: the monthly eligibility review of BENCH_ELIGIBILITY_PERSONS people
 * (default 50,000) × 10 internal benefit types — each person's data read on the period's last day
 * (age, seniority and status derived), every type's rule evaluated, the reasons of whoever is out
 * explained, and the result compared with last month's stored states — exactly the work
 * `reviewEligibility` does between loading and storing. Target ≤ 3 s. Results go to stdout and, at
 * full size, to docs/benchmarks.md.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type PersonInput, type StoredStates, evaluateEligibility } from '../activities/benefits/eligibility';
import type { EligibilityState } from '../domain/eligibility/changes';
import type { Filter } from '../domain/eligibility/filter';
import { utcDate } from '../domain/shared/calendar';

const PERSONS = Number(process.env.BENCH_ELIGIBILITY_PERSONS ?? 50_000);
const TARGET_MS = 3_000;

/** A small deterministic generator (mulberry32): the same people every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

function people(n: number, rnd: () => number): PersonInput[] {
  const out: PersonInput[] = [];
  for (let i = 0; i < n; i++) {
    const birth = `${1960 + Math.floor(rnd() * 45)}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
    const hire = `${2000 + Math.floor(rnd() * 27)}-${pad(1 + Math.floor(rnd() * 12))}-${pad(1 + Math.floor(rnd() * 28))}`;
    out.push({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      missing: false,
      data: {
        employeeNumber: String(i), birthDate: birth, hireDate: hire > '2026-03-31' ? '2026-03-15' : hire, exitDate: rnd() < 0.03 ? '2026-03-10' : null,
        category: rnd() < 0.6 ? 'white_collar' : 'blue_collar', salaryClass: String(1 + Math.floor(rnd() * 9)),
        workSchedulePercent: String([40, 50, 60, 80, 100][Math.floor(rnd() * 5)]), country: rnd() < 0.7 ? 'NL' : 'BE',
        custom: { 'Lease car': rnd() < 0.3 ? 'yes' : 'no', Department: ['Sales', 'IT', 'Ops', 'Finance'][Math.floor(rnd() * 4)] },
      },
    });
  }
  return out;
}

/** Ten benefit types over every kind of condition the engine has. */
const RULES: (Filter | null)[] = [
  null,
  { field: 'category', equals: 'white_collar' },
  { and: [{ field: 'age', range: { min: 25 } }, { field: 'seniority', range: { min: 1 } }] },
  { field: 'salaryClass', in: ['6', '7', '8', '9'] },
  { and: [{ field: 'workSchedulePercent', range: { min: 50 } }, { field: 'country', equals: 'BE' }] },
  { or: [{ field: 'custom.Lease car', equals: 'yes' }, { field: 'custom.Department', equals: 'Sales' }] },
  { and: [{ field: 'age', range: { min: 55 } }, { field: 'category', equals: 'white_collar' }] },
  { and: [{ field: 'seniority', range: { min: 5 } }, { field: 'workSchedulePercent', range: { min: 80 } }] },
  { field: 'custom.Department', in: ['IT', 'Finance'] },
  { and: [{ field: 'country', equals: 'NL' }, { field: 'salaryClass', in: ['1', '2', '3'] }, { field: 'age', range: { max: 30 } }] },
];

async function main() {
  const rnd = random(16);
  const persons = people(PERSONS, rnd);
  const types = RULES.map((eligibility, i) => ({ id: `10000000-0000-4000-8000-${String(i).padStart(12, '0')}`, eligibility, eligibilityVersion: 1 }));
  // Last month's states, as February's review stored them.
  const stored: StoredStates = new Map(types.map((t) => [t.id, new Map<string, EligibilityState>()]));
  for (const s of evaluateEligibility(types, persons, new Map(), '2026-02-28').states) stored.get(s.typeId)!.set(s.personId, s.state);
  // A few changes between the months: category changes and leavers.
  for (let i = 0; i < persons.length; i += 97) persons[i].data.category = persons[i].data.category === 'white_collar' ? 'blue_collar' : 'white_collar';

  const runs: number[] = [];
  let result: ReturnType<typeof evaluateEligibility> | undefined;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    result = evaluateEligibility(types, persons, stored, '2026-03-31');
    runs.push(performance.now() - t0);
  }
  const best = Math.min(...runs);
  const reasons = new Map<string, number>();
  for (const c of result!.changes) for (const r of c.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const table = [
    `### Eligibility of internal benefits — ${utcDate(Date.now())}`,
    '',
    `\`npm run bench:eligibility\` (BENCH_ELIGIBILITY_PERSONS scales it). Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, `
      + `${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}; the machine was shared with other work during the run (the lead re-runs it on a quiet one).`
      + ' The review between loading and storing: each person read on the period\'s last day (age, seniority, status derived), ten types\' rules'
      + ' (category, salary class, age, seniority, work time, country, custom columns; and/or), the reasons of whoever is out, compared with last month. Not included: loading the persons and storing the changed states in PostgreSQL (the first review of a type stores every person\'s state).',
    '',
    '| persons × types | changes found | states to store | wall (best of 3; all runs) | target |',
    '|---:|---:|---:|---:|---|',
    `| ${PERSONS.toLocaleString('en')} × ${types.length} | ${result!.changes.length.toLocaleString('en')} (${[...reasons].map(([r, n]) => `${r} ${n}`).join(', ')}) | ${result!.states.length.toLocaleString('en')} | **${s(best)}** (${runs.map(s).join(', ')}) | ≤ 3 s |`,
    '',
  ].join('\n');
  console.log(`\n${table}`);
  if (best > TARGET_MS) console.log(`above the ${TARGET_MS / 1000} s target`);
  if (PERSONS === 50_000) {
    const docPath = resolve(__dirname, '..', 'docs', 'benchmarks.md');
    const existing = existsSync(docPath) ? await readFile(docPath, 'utf8') : '# Benchmarks\n\n';
    const open = '<!-- bench:eligibility -->';
    const close = '<!-- /bench:eligibility -->';
    const [head, rest] = existing.includes(open) ? existing.split(open) : [`${existing.trimEnd()}\n\n`, ''];
    const tail = rest.includes(close) ? rest.split(close)[1] : '\n';
    await writeFile(docPath, `${head}${open}\n${table}${close}${tail}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
