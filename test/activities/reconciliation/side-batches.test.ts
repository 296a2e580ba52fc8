/**
 * The comparison's file sides read into batches — in place and in a worker thread — give the join
 * exactly what reading row by row into it gives (the path before batches): the same results in
 * the same order and the same counts, on seeded awkward files; and a file that does not map is
 * refused with the same errors either way.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileSide, replay } from '../../../activities/reconciliation/side-batches';
import { readCsv } from '../../../activities/payroll/file/csv-reader';
import { NotPlainCsv } from '../../../activities/payroll/file/plain-csv-reader';
import { rng } from '../../../bench/generate-snapshot';
import { PayrollFileError } from '../../../domain/payroll/import-errors';
import type { Cell } from '../../../domain/payroll/row-mapper';
import { type ComparisonDefinition, type SideId, comparisonDefinitionSchema, pairName } from '../../../domain/reconciliation/comparison-definition';
import { type ComparisonResult, ComparisonJoin } from '../../../domain/reconciliation/comparison-matcher';
import { compileSide } from '../../../domain/reconciliation/comparison-side';

const DEFINITION = comparisonDefinitionSchema.parse({
  name: 'property',
  sideA: { source: 'file', label: 'A', profile: { delimiter: ';', decimalSeparator: ',', thousandsSeparator: '.', dateFormats: ['dd-mm-yyyy', 'yyyymmdd'] } },
  sideB: { source: 'file', label: 'B', profile: { delimiter: ',', dateFormats: ['yyyy-mm-dd', 'dd/mm/yyyy'] } },
  key: [{ a: 'Id', b: 'ID' }, { a: 'Ref', b: 'Ref', ignoreCase: false }],
  fields: [
    { type: 'text', a: 'Naam', b: 'Name' },
    { type: 'text', a: 'Plaats', b: 'City', ignoreSpaces: false },
    { type: 'amount', a: 'Loon', b: 'Salary', absolute: 0.5, percent: 1 },
    { type: 'amount', a: 'Bonus', b: 'Bonus' },
    { type: 'date', a: 'Start', b: 'Start', days: 2 },
    { type: 'exact', a: 'Code', b: 'Code' },
  ],
});

const NAMES = ['Jansen', 'jansen ', 'Öztürk', 'Ozturk', 'Lemaître', 'de  Vries', 'De Vries', '', '  ', 'Ńowak', 'Smit€', '"Quoted; name"', 'Émilie', 'a\u0301b'];
const CITIES = ['Gent', 'gent', 'Den Haag', 'Den  Haag', 'Liège', '', 'São Paulo'];
const AMOUNTS_A = ['1234,50', '1.234,50', '0,00', '-12,5', '00012', '1,2,3', 'abc', '', ' 12,50 ', '€ 12,50', '12,50 EUR', '1.2', '1e3', '٣', '12,', ',5', '-0', '007,100'];
const AMOUNTS_B = ['1234.50', '1234.5', '0', '-12.5', '12', '1,234.50', 'x', '', '12.50', '€12.50', '1e3', '12.', '.5', '-0.00', '7.1', '1234.99'];
const DATES_A = ['01-02-2020', '1-2-2020', '31-02-2020', '20200201', '2020-02-01', '', '15-06-1899', '29-02-2024', '٠١-02-2020', 'x'];
const DATES_B = ['2020-02-01', '2020-2-1', '2020-02-03', '01/02/2020', '2020-02-30', '', '45000', '2024-02-29', '2020-02-04'];
const CODES = ['A', 'a', 'B', '', 'Ä'];

const pick = <T>(r: () => number, xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
const quote = (v: string, d: string) => (v.includes(d) || v.includes('"') ? `"${v.replaceAll('"', '""')}"` : v);

/** Two files over a shared pool of keys: duplicates and empty keys on both sides, values of every awkward shape. */
function files(seed: number, rows: number): { a: string; b: string } {
  const r = rng(seed);
  const key = () => {
    const n = Math.floor(r() * rows * 0.8);
    const id = r() < 0.02 ? '' : r() < 0.5 ? String(n).padStart(9, '0') : `${String(n).slice(0, 3)}.${String(n).slice(3)}`;
    return [id, pick(r, ['x', 'X', 'y'])];
  };
  const a = ['Id;Ref;Naam;Plaats;Loon;Bonus;Start;Code'];
  const b = ['ID,Ref,Name,City,Salary,Bonus,Start,Code'];
  for (let i = 0; i < rows; i++) {
    a.push([...key(), pick(r, NAMES), pick(r, CITIES), pick(r, AMOUNTS_A), pick(r, AMOUNTS_A), pick(r, DATES_A), pick(r, CODES)].map((v) => quote(v, ';')).join(';'));
    b.push([...key(), pick(r, NAMES), pick(r, CITIES), pick(r, AMOUNTS_B), pick(r, AMOUNTS_B), pick(r, DATES_B), pick(r, CODES)].map((v) => quote(v, ',')).join(','));
    if (r() < 0.01) a.push('');
  }
  return { a: `${a.join('\r\n')}\r\n`, b: `${b.join('\n')}\n` };
}

/** The join fed row by row, as the comparison read its sides before batches. */
async function referenceRun(definition: ComparisonDefinition, pathA: string, pathB: string) {
  const results: ComparisonResult[] = [];
  const join = new ComparisonJoin(definition.fields.map((pair) => ({ name: pairName(pair), pair })), (x) => results.push(x));
  for (const [side, path] of [['a', pathA], ['b', pathB]] as [SideId, string][]) {
    const spec = side === 'a' ? definition.sideA : definition.sideB;
    if (spec.source !== 'file') throw new Error('file sides only');
    let reader: ReturnType<typeof compileSide> | undefined;
    await readCsv(path, `${side}.csv`, spec.profile, {
      header(cells: Cell[], row: number) { reader = compileSide(definition, side, cells, `${side}.csv`, row); },
      row(cells: Cell[], row: number) {
        if (!reader || !('reader' in reader)) throw new Error('header');
        const parsed = reader.reader.read(cells, row, (x) => join.result(x));
        if (parsed && side === 'a') join.addA(parsed);
        else if (parsed) join.addB(parsed);
      },
      rowError() { throw new Error('row error'); },
    });
  }
  join.finish();
  return { results, counts: join.counts };
}

async function batchedRun(definition: ComparisonDefinition, pathA: string, pathB: string, threaded: boolean, plainBytes = true) {
  const results: ComparisonResult[] = [];
  const join = new ComparisonJoin(definition.fields.map((pair) => ({ name: pairName(pair), pair })), (x) => results.push(x));
  // Side B opened first, as the comparison does: in a thread it reads while side A is taken.
  const b = await openFileSide(pathB, 'b.csv', definition, 'b', threaded, plainBytes);
  const a = await openFileSide(pathA, 'a.csv', definition, 'a', threaded, plainBytes);
  try {
    const rowsA = await a.consume((batch) => replay(batch, join, 'a'), () => Promise.resolve());
    const rowsB = await b.consume((batch) => replay(batch, join, 'b'), () => Promise.resolve());
    join.finish();
    return { results, counts: join.counts, rows: rowsA + rowsB };
  } finally {
    await a.close();
    await b.close();
  }
}

describe('comparison sides in batches, in place and in a worker thread', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'side-batches-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it.each([[1, 300], [2, 2_000], [3, 12_001]])('seed %i, %i rows a side: the same results in the same order as row by row', async (seed, rows) => {
    const { a, b } = files(seed, rows);
    const pathA = join(dir, `a-${seed}.csv`);
    const pathB = join(dir, `b-${seed}.csv`);
    await writeFile(pathA, a);
    await writeFile(pathB, b);
    const reference = await referenceRun(DEFINITION, pathA, pathB);
    // The data reaches every kind of result.
    for (const kind of ['only_in_a', 'only_in_b', 'duplicate_key', 'unparseable', 'difference'] as const) expect(reference.counts[kind]).toBeGreaterThan(0);
    // Read as bytes (unquoted lines written from their bytes) and as text, in place and in a thread.
    for (const [threaded, plainBytes] of [[false, true], [true, true], [false, false], [true, false]]) {
      const run = await batchedRun(DEFINITION, pathA, pathB, threaded, plainBytes);
      expect(run.counts).toEqual(reference.counts);
      expect(run.results).toEqual(reference.results);
    }
  });

  it('reads plain values from the bytes exactly as the text path does: amounts, text, keys, their edges', async () => {
    // One value of each shape per row, so that a wrong one shows as a difference against a text-read side.
    const amounts = ['0', '-0', '00012', '007,100', '0,00', '-0,50', '12,', ',5', '-', '1.234,50', '123456789012345', '1234567890123456', '-12,5000', '10', '+1'];
    const texts = ['Jansen', ' Jansen', 'Jansen ', 'a\tb', 'Ünal', 'x~y', 'éa', '!', '  '];
    const a = ['Id;Ref;Naam;Plaats;Loon;Bonus;Start;Code'];
    let id = 1;
    for (const amount of amounts) for (const text of texts) a.push([String(id++).padStart(4, '0'), 'x', text, text, amount, amount, '01-02-2020', 'A'].join(';'));
    const pathA = join(dir, 'values-a.csv');
    await writeFile(pathA, `${a.join('\n')}\n`);
    const sideOf = async (plainBytes: boolean) => {
      const results: ComparisonResult[] = [];
      const rows: string[] = [];
      const join = new ComparisonJoin(DEFINITION.fields.map((pair) => ({ name: pairName(pair), pair })), (x) => results.push(x));
      const s = await openFileSide(pathA, 'a.csv', DEFINITION, 'a', false, plainBytes);
      await s.consume((batch) => {
        let start = 0;
        for (let i = 0; i < batch.count; i++) {
          rows.push(Buffer.from(batch.bytes.subarray(start, batch.end[i])).toString('utf8').replaceAll('\x1f', '|'));
          start = batch.end[i];
        }
        replay(batch, join, 'a');
      }, () => Promise.resolve());
      return { rows, results };
    };
    const bytes = await sideOf(true);
    const text = await sideOf(false);
    expect(bytes.rows).toHaveLength(amounts.length * texts.length);
    expect(bytes.rows).toEqual(text.rows);
    expect(bytes.results).toEqual(text.results);
    // The key (its parts apart), then the values: "-0" is 0, a tab inside text a space.
    expect(bytes.rows[9]).toBe('10|xJansen|Jansen|0|0|2020-02-01|A');
    expect(bytes.rows[12]).toBe('13|xa b|a b|0|0|2020-02-01|A');
    expect(bytes.results.filter((r) => r.kind === 'unparseable').length).toBeGreaterThan(0);
  });

  it('starts over as text when a file read as bytes turns out not to be plain CSV', async () => {
    const pathA = join(dir, 'mixed-a.csv');
    // LF line breaks, then a CRLF one: only the text reader reads that as it should.
    await writeFile(pathA, 'Id;Ref;Naam;Plaats;Loon;Bonus;Start;Code\n1;x;a;b;1;2;01-01-2020;A\n2;x;a;b;1;2;01-01-2020;A\r\n');
    for (const threaded of [false, true]) {
      const s = await openFileSide(pathA, 'a.csv', DEFINITION, 'a', threaded, true);
      try {
        await expect(s.consume(() => undefined, () => Promise.resolve())).rejects.toBeInstanceOf(NotPlainCsv);
      } finally {
        await s.close();
      }
    }
  });

  it('refuses a file that does not map with the same errors in a thread as in place', async () => {
    const pathA = join(dir, 'bad-a.csv');
    const pathB = join(dir, 'bad-b.csv');
    await writeFile(pathA, 'Id;Ref;Naam;Plaats;Loon;Bonus;Start;Code\r\n1;x;a;b;1;2;01-01-2020;A\r\n2;x;a\r\n');
    await writeFile(pathB, 'ID,Ref,Name,City,Salaris,Bonus,Start,Code\n1,x,a,b,1,2,2020-01-01,A\n');
    for (const [path, side] of [[pathA, 'a'], [pathB, 'b']] as [string, SideId][]) {
      const outcomes = [];
      for (const threaded of [false, true]) {
        const s = await openFileSide(path, `${side}.csv`, DEFINITION, side, threaded);
        const join = new ComparisonJoin([], () => undefined);
        try {
          outcomes.push(await s.consume((batch) => replay(batch, join, side), () => Promise.resolve()).then(() => null, (err: unknown) => err));
        } finally {
          await s.close();
        }
      }
      const [inPlace, inThread] = outcomes;
      expect(inPlace).toBeInstanceOf(PayrollFileError);
      expect(inThread).toBeInstanceOf(PayrollFileError);
      expect((inThread as PayrollFileError).errors).toEqual((inPlace as PayrollFileError).errors);
      expect((inPlace as PayrollFileError).errors[0]).toMatchObject(side === 'a' ? { code: 'field_count', row: 3 } : { code: 'missing_required_column' });
    }
  });
});
