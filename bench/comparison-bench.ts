/**
 * The comparison line of `npm run bench:controls`: two generated files of N rows (side A a payroll
 * export: `;`, decimal comma, dd-mm-yyyy, Dutch headers; side B an HR sheet saved as CSV: `,`,
 * ISO dates, decimal point, its own headers, national ids with dots on half the rows), 20 field
 * pairs (8 text, 8 amounts ± 0.50, 4 dates ± 2 days). Mutaflow's comparison (the activity: read,
 * join, store the result lines) runs in its own process for a clean peak RSS; DuckDB does the same
 * full outer join with the same normalisation and tolerances on the same files, in the same run.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { once } from 'node:events';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Db } from '../db/client';
import { comparisonDefinitions, comparisonRuns, employers } from '../db/schema';
import { DEFAULT_PROFILE } from '../domain/payroll/mapping-profile';
import { comparisonDefinitionSchema } from '../domain/reconciliation/comparison-definition';
import { FileStore } from '../infra/file-store';
import { runDuckDb } from './duckdb';
import { BENCH_SECRETS } from './bench-secrets';
import { rng } from './generate-snapshot';

const TEXT_A = ['Achternaam', 'Voornaam', 'Straat', 'Woonplaats', 'Afdeling', 'Functie', 'Kostenplaats', 'Email'];
const TEXT_B = ['Last name', 'First name', 'Street', 'City', 'Department', 'Job', 'Cost centre', 'E-mail'];
const AMOUNT_A = ['Salaris', 'Bonus', 'Toeslag 1', 'Toeslag 2', 'Toeslag 3', 'Toeslag 4', 'Toeslag 5', 'Toeslag 6'];
const AMOUNT_B = ['Salary', 'Bonus', 'Allowance 1', 'Allowance 2', 'Allowance 3', 'Allowance 4', 'Allowance 5', 'Allowance 6'];
const DATE_A = ['Geboortedatum', 'Datum in dienst', 'Datum uit dienst', 'Laatste verhoging'];
const DATE_B = ['Birth date', 'Start date', 'End date', 'Last raise'];

const WORDS = ['Jansen', 'de Vries', 'Peeters', 'Maes', 'Öztürk', 'Lemaître', 'Bakker', 'Visser', 'Claes', 'Nowak', 'Smit', 'Mulder'];
const FIRST = ['Anna', 'Daan', 'Sanne', 'Lucas', 'Émilie', 'Noah', 'Julia', 'Mehmet', 'Inge', 'Bart'];
const CITIES = ['Utrecht', 'Breda', 'Gent', 'Liège', 'Den Haag', 'Antwerpen'];

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

interface Person { key: string; text: string[]; amounts: number[]; dates: ([number, number, number] | null)[] }

function person(i: number): Person {
  const r = rng(i * 7919 + 17);
  const date = (y0: number, span: number): [number, number, number] => [y0 + Math.floor(r() * span), 1 + Math.floor(r() * 12), 1 + Math.floor(r() * 28)];
  return {
    key: String(100_000_000 + i * 7).padStart(9, '0'),
    text: [
      WORDS[Math.floor(r() * WORDS.length)], FIRST[Math.floor(r() * FIRST.length)], `Kerkstraat ${1 + Math.floor(r() * 200)}`,
      CITIES[Math.floor(r() * CITIES.length)], `Dept ${Math.floor(r() * 40)}`, `Functie ${Math.floor(r() * 90)}`, `CC-${Math.floor(r() * 500)}`,
      `p${i}@example.test`,
    ],
    amounts: [2000 + Math.floor(r() * 400000) / 100, Math.floor(r() * 100000) / 100, ...Array.from({ length: 6 }, () => Math.floor(r() * 50000) / 100)],
    dates: [date(1960, 45), date(2000, 26), r() < 0.2 ? date(2026, 1) : null, date(2020, 6)],
  };
}

/** Writes the pair; returns what B was made to differ in (only-in-A, only-in-B, differences beyond tolerance). */
export async function writeComparisonPair(pathA: string, pathB: string, rows: number): Promise<{ onlyA: number; onlyB: number; differences: number }> {
  const a = createWriteStream(pathA);
  const b = createWriteStream(pathB);
  const write = async (s: ReturnType<typeof createWriteStream>, text: string) => {
    if (!s.write(text)) await once(s, 'drain');
  };
  await write(a, `${['BSN', ...TEXT_A, ...AMOUNT_A, ...DATE_A].join(';')}\r\n`);
  await write(b, `${['National ID', ...TEXT_B, ...AMOUNT_B, ...DATE_B].join(',')}\n`);
  let onlyA = 0;
  let onlyB = 0;
  let differences = 0;
  let bufA: string[] = [];
  let bufB: string[] = [];
  const flush = async () => {
    await write(a, bufA.join(''));
    await write(b, bufB.join(''));
    bufA = [];
    bufB = [];
  };
  for (let i = 0; i < rows; i++) {
    const p = person(i);
    const dA = p.dates.map((d) => (d ? `${pad(d[2])}-${pad(d[1])}-${d[0]}` : ''));
    bufA.push(`${p.key};${p.text.join(';')};${p.amounts.map((x) => x.toFixed(2).replace('.', ',')).join(';')};${dA.join(';')}\r\n`);
    if (i % 100 === 0) {
      onlyA++;
    } else {
      const text = [...p.text];
      const amounts = [...p.amounts];
      const dates = p.dates.map((d) => (d ? [...d] as [number, number, number] : null));
      if (i % 10 === 3) {
        // Within every tolerance: case, spaces, cents, a day.
        text[0] = text[0].toUpperCase();
        text[2] = text[2].replace(' ', '  ');
        amounts[0] += 0.3;
        if (dates[1] && dates[1][2] < 28) dates[1][2] += 1;
      }
      if (i % 20 === 1) {
        const field = Math.floor(i / 20) % 20;
        if (field < 8) text[field] = `${text[field]}x`;
        else if (field < 16) amounts[field - 8] += 10;
        else if (dates[field - 16]) dates[field - 16]![0] += 1;
        else dates[field - 16] = [2030, 1, 1];
        differences++;
      }
      const key = i % 2 ? `${p.key.slice(0, 3)}.${p.key.slice(3, 6)}.${p.key.slice(6)}` : p.key;
      const dB = dates.map((d) => (d ? `${d[0]}-${pad(d[1])}-${pad(d[2])}` : ''));
      bufB.push(`${key},${text.join(',')},${amounts.map((x) => x.toFixed(2)).join(',')},${dB.join(',')}\n`);
    }
    if (i % 200 === 199) {
      onlyB++;
      const q = person(rows + i);
      bufB.push(`${String(900_000_000 + i)},${q.text.join(',')},${q.amounts.map((x) => x.toFixed(2)).join(',')},${q.dates.map((d) => (d ? `${d[0]}-${pad(d[1])}-${pad(d[2])}` : '')).join(',')}\n`);
    }
    if (bufA.length >= 10_000) await flush();
  }
  await flush();
  a.end();
  b.end();
  await Promise.all([once(a, 'finish'), once(b, 'finish')]);
  return { onlyA, onlyB, differences };
}

export const BENCH_DEFINITION = comparisonDefinitionSchema.parse({
  name: 'bench: payroll vs HR sheet',
  sideA: { source: 'file', label: 'Payroll', profile: { ...DEFAULT_PROFILE, delimiter: ';', decimalSeparator: ',', dateFormats: ['dd-mm-yyyy'] } },
  sideB: { source: 'file', label: 'HR sheet', profile: { ...DEFAULT_PROFILE, delimiter: ',' } },
  key: [{ a: 'BSN', b: 'National ID' }],
  fields: [
    ...TEXT_A.map((f, i) => ({ type: 'text', a: f, b: TEXT_B[i], name: TEXT_B[i] })),
    ...AMOUNT_A.map((f, i) => ({ type: 'amount', a: f, b: AMOUNT_B[i], name: AMOUNT_B[i], absolute: 0.5 })),
    ...DATE_A.map((f, i) => ({ type: 'date', a: f, b: DATE_B[i], name: DATE_B[i], days: 2 })),
  ],
});

/** The same join by hand in DuckDB: key normalised, 20 pairs compared with the same tolerances. */
export function duckDbStatements(pathA: string, pathB: string): string[] {
  const q = (c: string) => `"${c}"`;
  const key = (c: string) => `upper(ltrim(regexp_replace(${q(c)}, '[\\s./_-]', '', 'g'), '0'))`;
  const text = (c: string) => `lower(strip_accents(regexp_replace(${q(c)}, '\\s', '', 'g')))`;
  const sideA = [
    `${key('BSN')} as k`,
    ...TEXT_A.map((c, i) => `${text(c)} as t${i}`),
    ...AMOUNT_A.map((c, i) => `try_cast(replace(${q(c)}, ',', '.') as decimal(18,2)) as m${i}`),
    ...DATE_A.map((c, i) => `try_strptime(${q(c)}, '%d-%m-%Y')::date as d${i}`),
  ];
  const sideB = [
    `${key('National ID')} as k`,
    ...TEXT_B.map((c, i) => `${text(c)} as t${i}`),
    ...AMOUNT_B.map((c, i) => `try_cast(${q(c)} as decimal(18,2)) as m${i}`),
    ...DATE_B.map((c, i) => `try_cast(${q(c)} as date) as d${i}`),
  ];
  const differs = (x: string, y: string, tolerant: string) => `(case when ${x} is null and ${y} is null then 0 when ${x} is null or ${y} is null then 1 when ${tolerant} then 0 else 1 end)`;
  const pairs = [
    ...TEXT_A.map((_, i) => differs(`a.t${i}`, `b.t${i}`, `a.t${i} = b.t${i}`)),
    ...AMOUNT_A.map((_, i) => differs(`a.m${i}`, `b.m${i}`, `abs(a.m${i} - b.m${i}) <= 0.5`)),
    ...DATE_A.map((_, i) => differs(`a.d${i}`, `b.d${i}`, `abs(date_diff('day', a.d${i}, b.d${i})) <= 2`)),
  ];
  return [
    `create temp table a as select ${sideA.join(', ')} from read_csv('${pathA}', delim=';', header=true, all_varchar=true, quote='"')`,
    `create temp table b as select ${sideB.join(', ')} from read_csv('${pathB}', delim=',', header=true, all_varchar=true, quote='"')`,
    `select count(*) filter (where b.k is null) as only_a, count(*) filter (where a.k is null) as only_b,
       count(*) filter (where a.k is not null and b.k is not null) as matched,
       coalesce(sum(case when a.k is not null and b.k is not null then ${pairs.join(' + ')} else 0 end), 0) as differences
     from a full outer join b on a.k = b.k`,
  ];
}

export interface ComparisonBenchResult {
  rows: number;
  ours: { wallMs: number; cpuMs: number; peakRssMb: number; counts: Record<string, number> };
  duck: { wallMs: number; peakRssMb: number; onlyA: number; onlyB: number; matched: number; differences: number };
  expected: { onlyA: number; onlyB: number; differences: number };
}

/** Generates the pair (once per size), runs ours (in a child process) and DuckDB's. */
export async function benchComparison(opts: { outDir: string; rows: number; db: Db; databaseUrl: string }): Promise<ComparisonBenchResult> {
  const pathA = join(opts.outDir, `compare-${opts.rows}-a.csv`);
  const pathB = join(opts.outDir, `compare-${opts.rows}-b.csv`);
  const expectedPath = `${pathB}.expected.json`;
  if (!existsSync(expectedPath)) {
    const t = performance.now();
    const expected = await writeComparisonPair(pathA, pathB, opts.rows);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(expectedPath, JSON.stringify(expected));
    console.log(`generated ${pathA} and ${pathB} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const { readFile } = await import('node:fs/promises');
  const expected = JSON.parse(await readFile(expectedPath, 'utf8')) as ComparisonBenchResult['expected'];

  const filesDir = join(opts.outDir, 'files-compare');
  const files = new FileStore(filesDir, BENCH_SECRETS);
  await files.ensureDirs();
  // Uploads are content-addressed and their hash is checked on opening: the file's own hash.
  const store = async (path: string) => {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    const sha = hash.digest('hex');
    await mkdir(dirname(files.uploadPath(sha)), { recursive: true });
    await copyFile(path, files.uploadPath(sha));
    return sha;
  };
  const [employer] = await opts.db.insert(employers).values({ name: 'Bench', country: 'NL', mappingProfile: DEFAULT_PROFILE }).returning();
  const [definition] = await opts.db.insert(comparisonDefinitions).values({ employerId: employer.id, name: BENCH_DEFINITION.name, definition: BENCH_DEFINITION, createdBy: 'bench' }).returning();
  const runId = randomUUID();
  await opts.db.insert(comparisonRuns).values({
    id: runId, definitionId: definition.id, employerId: employer.id, definitionVersion: 1, definition: BENCH_DEFINITION,
    aFileName: 'a.csv', aFileSha256: await store(pathA), aFileSize: 0, bFileName: 'b.csv', bFileSha256: await store(pathB), bFileSize: 0,
    startedBy: 'bench', workflowId: `bench-${runId}`,
  });

  // BENCH_PROFILE=1 writes a CPU profile of our run into bench/out/profiles.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', join(opts.outDir, 'profiles')] : [];
  const out = execFileSync(process.execPath, ['--import', 'tsx', ...profile, join(__dirname, 'comparison-run.ts'), opts.databaseUrl, filesDir, runId],
    { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] });
  const ours = JSON.parse(out.trim().split('\n').pop()!) as ComparisonBenchResult['ours'];
  console.log(`comparison process: wall ${ours.wallMs} ms, CPU ${ours.cpuMs} ms (all threads), peak RSS ${ours.peakRssMb} MB`);

  const duck = runDuckDb(duckDbStatements(pathA, pathB));
  const [onlyA, onlyB, matched, differences] = duck.rows[0].map(Number);
  return { rows: opts.rows, ours, duck: { wallMs: duck.wallMs, peakRssMb: duck.peakRssMb, onlyA, onlyB, matched, differences }, expected };
}
