import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadBaseline } from '../../../activities/payroll/baseline';
import { NotPlainCsv, readPlainCsv } from '../../../activities/payroll/file/plain-csv-reader';
import { type BuildResult, buildSnapshot } from '../../../activities/payroll/snapshot-builder';
import { CANONICAL_FIELDS } from '../../../domain/payroll/canonical';
import { DEFAULT_PROFILE, type MappingProfile, mappingProfileSchema } from '../../../domain/payroll/mapping-profile';
import { WINDOWS_1252_HIGH } from '../../../domain/payroll/text-encoding';
import { BASE_PERSON, BSNS } from '../../support/canonical-csv';

/**
 * The files payroll systems really write — Windows-1252 and ISO-8859-1, semicolons and tabs,
 * CRLF, quoted fields, a BOM, decimal commas — are read by the byte reader in one pass. Its
 * outcome must be the text reader's (the reference): same people, changes, errors and order,
 * i.e. the same result, delta and snapshot (source hashes aside).
 */
describe('CSV byte reader against the text reader', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'csv-byte-reader-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  interface Shape { delimiter: string; newline: '\n' | '\r\n'; encoding: 'utf-8' | 'windows-1252' | 'iso-8859-1'; bom?: boolean; quoteAll?: boolean }
  const HEADERS = [...CANONICAL_FIELDS, 'note'];

  const cell = (v: string, s: Shape) =>
    (s.quoteAll || v.includes(s.delimiter) || v.includes('"') || v.includes('\n') || v.includes('\r') ? `"${v.replace(/"/g, '""')}"` : v);
  const person = (i: number, over: Record<string, string> = {}): Record<string, string> =>
    ({ ...BASE_PERSON, employeeNumber: `A${String(i).padStart(6, '0')}`, nationalId: BSNS[i % BSNS.length], note: `n${i}`, ...over });
  function fileOf(rows: Record<string, string>[], s: Shape): Buffer {
    const text = [HEADERS, ...rows.map((r) => HEADERS.map((h) => r[h] ?? ''))].map((cells) => cells.map((c) => cell(c, s)).join(s.delimiter)).join(s.newline) + s.newline;
    // ISO-8859-1 has no euro sign nor typographic quotes (its 0x80–0x9F are controls).
    const body = s.encoding === 'utf-8' ? Buffer.from(text, 'utf8') : encode1252(s.encoding === 'iso-8859-1' ? text.replace(/€/g, 'EUR').replace(/’/g, "'") : text);
    if (s.encoding === 'iso-8859-1') expect(body.some((b) => b >= 0x80 && b <= 0x9f)).toBe(false);
    return s.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  }
  /** Windows-1252 (ISO-8859-1 for the characters below 0x100 outside 0x80–0x9F). */
  function encode1252(text: string): Buffer {
    return Buffer.from([...text].map((c) => {
      const at = WINDOWS_1252_HIGH.indexOf(c);
      if (at >= 0) return 0x80 + at;
      const code = c.charCodeAt(0);
      if (code > 0xff) throw new Error(`not in Windows-1252: ${c}`);
      return code;
    }));
  }

  let n = 0;
  // The snapshot's record separators are control characters.
  // eslint-disable-next-line no-control-regex
  const withoutHashes = async (path: string) => (await readFile(path, 'utf8').catch(() => '')).replace(/(^|\n|\u0001)[^\u001d\u0001\n]*\u001d/g, '$1');
  /** Month 1 against month 0, both read the same way: the result and the files without source hashes. */
  async function build(month0: Buffer, month1: Buffer, profile: MappingProfile, readAsText: boolean) {
    const base = join(dir, `${n++}`);
    const common = { fileName: 'p.csv', profile, readAsText };
    await writeFile(`${base}-m0.csv`, month0);
    const first = await buildSnapshot({ ...common, sourcePath: `${base}-m0.csv`, snapshotPath: `${base}-s0`, delta: `${base}-d0` });
    let second: BuildResult = first;
    if (first.ok) {
      const loaded = await loadBaseline(`${base}-s0`);
      await writeFile(`${base}-m1.csv`, month1);
      second = await buildSnapshot({
        ...common, sourcePath: `${base}-m1.csv`, snapshotPath: `${base}-s1`, delta: `${base}-d1`, baseline: loaded.baseline, baselineSource: loaded.header.source,
      });
    }
    return { first, second, snapshot: await withoutHashes(`${base}-s1`), delta: await withoutHashes(`${base}-d1`) };
  }
  /** Whether the byte reader reads the file to its end without handing it to the text reader. */
  async function readsAsBytes(content: Buffer, profile: MappingProfile): Promise<boolean> {
    const path = join(dir, `${n++}-probe.csv`);
    await writeFile(path, content);
    const sink = { header: () => undefined, rawLine: () => false, row: () => undefined, rowError: () => undefined };
    try {
      return await readPlainCsv(path, 'p.csv', profile, sink);
    } catch (err) {
      if (err instanceof NotPlainCsv) return false;
      throw err;
    }
  }
  async function expectSameAsText(month0: Buffer, month1: Buffer, profile: MappingProfile) {
    const bytes = await build(month0, month1, profile, false);
    const text = await build(month0, month1, profile, true);
    expect(bytes.first).toEqual(text.first);
    expect(bytes.second).toEqual(text.second);
    expect(bytes.delta).toEqual(text.delta);
    expect(bytes.snapshot).toEqual(text.snapshot);
    return bytes.second;
  }

  const dutch = mappingProfileSchema.parse({ decimalSeparator: ',' });
  const months = (size: number, money: (v: string) => string = (v) => v) => {
    const m0 = Array.from({ length: size }, (_, i) => person(i, { grossMonthlySalary: money('3500.25') }));
    const m1 = m0.map((p) => ({ ...p }));
    m1[3] = { ...m1[3], lastName: 'Öztürk', street: 'Rue de l’Église', grossMonthlySalary: money('3612.50') };
    m1[5] = { ...m1[5], exitDate: '2026-02-28' };
    m1.splice(8, 1);
    m1.push(person(size + 1, { lastName: 'Lemaître', firstName: 'Zoë', note: 'prijs € 5, "netto"', grossMonthlySalary: money('2999.99') }));
    m1[1] = { ...m1[1], note: 'Kerkstraat 1;\r\n2e verdieping, "achter"' };
    return { m0, m1 };
  };

  const cases: { name: string; shape: Shape; profile: MappingProfile; money?: (v: string) => string }[] = [
    { name: 'Windows-1252, semicolons, CRLF, decimal commas', shape: { delimiter: ';', newline: '\r\n', encoding: 'windows-1252' }, profile: dutch, money: (v) => v.replace('.', ',') },
    { name: 'ISO-8859-1, tabs, LF', shape: { delimiter: '\t', newline: '\n', encoding: 'iso-8859-1' }, profile: DEFAULT_PROFILE },
    { name: 'UTF-8 with a BOM, commas, quoted names with commas and doubled quotes', shape: { delimiter: ',', newline: '\n', encoding: 'utf-8', bom: true }, profile: DEFAULT_PROFILE },
    { name: 'UTF-8, commas, decimal commas in quotes, CRLF', shape: { delimiter: ',', newline: '\r\n', encoding: 'utf-8' }, profile: dutch, money: (v) => v.replace('.', ',') },
    { name: 'Windows-1252, every field quoted, semicolons', shape: { delimiter: ';', newline: '\r\n', encoding: 'windows-1252', quoteAll: true }, profile: dutch, money: (v) => v.replace('.', ',') },
  ];

  for (const c of cases) {
    it(`${c.name}: the same people, changes and order, read as bytes`, async () => {
      const { m0, m1 } = months(40, c.money);
      const [f0, f1] = [fileOf(m0, c.shape), fileOf(m1, c.shape)];
      if (c.shape.encoding !== 'utf-8') expect(f1.includes(Buffer.from('Öztürk', 'utf8'))).toBe(false);
      expect(await readsAsBytes(f1, c.profile)).toBe(true);
      const result = await expectSameAsText(f0, f1, c.profile);
      expect(result).toEqual({ ok: true, rowCount: 40, deltaCount: 5, changedWritten: false });
    });

    it(`${c.name}: the same errors (file, row, column) as the text reader`, async () => {
      const { m0, m1 } = months(20, c.money);
      m1[2] = { ...m1[2], grossMonthlySalary: 'veel', note: 'a "quoted", note' };
      m1[6] = { ...m1[6], birthDate: '31-02-1980', lastName: 'Çelik, "Ç"' };
      m1[9] = { ...m1[9], employeeNumber: m1[10].employeeNumber };
      const [f0, f1] = [fileOf(m0, c.shape), fileOf(m1, c.shape)];
      expect(await readsAsBytes(f1, c.profile)).toBe(true);
      const result = await expectSameAsText(f0, f1, c.profile);
      expect(result).toMatchObject({ ok: false, errorCount: 3 });
      if (!result.ok) {
        expect(result.errors.map((e) => [e.code, e.row, e.column])).toEqual([
          ['invalid_number', 4, 'grossMonthlySalary'], ['invalid_date', 8, 'birthDate'], ['duplicate_employee_number', 12, 'employeeNumber'],
        ]);
      }
    });
  }

  it('reads quoted records across the 4 MiB chunk boundary of a Windows-1252 file as the text reader does', async () => {
    const shape: Shape = { delimiter: ';', newline: '\r\n', encoding: 'windows-1252' };
    const { m0, m1 } = months(33_000, (v) => v.replace('.', ','));
    // Every 7th row quoted, one with a line break inside: some lie across the chunk boundary (~5 MB of rows).
    for (let i = 0; i < m1.length; i += 7) m1[i] = { ...m1[i], note: i % 2 ? `café; "${i}"` : `r${i}\r\nvolgende` };
    const [f0, f1] = [fileOf(m0, shape), fileOf(m1, shape)];
    expect(f1.length).toBeGreaterThan(4 * 1024 * 1024);
    expect(await readsAsBytes(f1, dutch)).toBe(true);
    expect(await expectSameAsText(f0, f1, dutch)).toMatchObject({ ok: true, rowCount: 33_000 });
  });

  it('hands malformed quoting to the text reader, which names the error', async () => {
    const { m0, m1 } = months(10);
    const shape: Shape = { delimiter: ',', newline: '\n', encoding: 'utf-8' };
    const bad = Buffer.concat([fileOf(m1, shape), Buffer.from('A000099,"never closed\n')]);
    expect(await readsAsBytes(bad, DEFAULT_PROFILE)).toBe(false);
    const result = await expectSameAsText(fileOf(m0, shape), bad, DEFAULT_PROFILE);
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'malformed_csv' }] });
  });

  /**
   * Generated files of every shape, with values holding delimiters, quotes, line breaks, accents,
   * the euro sign, spaces and bad values, sometimes malformed: the byte reader and the text reader
   * give the same outcome. The seed is fixed: a failure repeats.
   */
  it('gives the text reader\'s outcome on generated files (property)', async () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '\t', '"', '\n', 'é', 'ü', '€', 'ß', '’', '1', '.'), maxLength: 12 });
    const shape = fc.record({
      delimiter: fc.constantFrom(',', ';', '\t'),
      newline: fc.constantFrom('\n' as const, '\r\n' as const),
      encoding: fc.constantFrom('utf-8' as const, 'windows-1252' as const),
      bom: fc.boolean(),
      quoteAll: fc.boolean(),
    });
    const edit = fc.record({
      at: fc.nat(14),
      field: fc.constantFrom('lastName', 'street', 'city', 'note', 'grossMonthlySalary', 'firstName', 'employeeNumber', 'exitDate'),
      value: text,
    });
    const scenario = fc.record({ shape, edits: fc.array(edit, { maxLength: 8 }), drop: fc.array(fc.nat(14), { maxLength: 3 }), comma: fc.boolean(), stray: fc.option(fc.nat(2000), { freq: 2 }) });
    let asBytes = 0;
    let runs = 0;
    await fc.assert(fc.asyncProperty(scenario, async ({ shape: s, edits, drop, comma, stray }) => {
      runs++;
      const profile = comma ? dutch : DEFAULT_PROFILE;
      const money = (v: string) => (comma ? v.replace('.', ',') : v);
      const m0 = Array.from({ length: 15 }, (_, i) => person(i, { grossMonthlySalary: money('3500.25') }));
      let m1 = m0.map((p) => ({ ...p }));
      for (const e of edits) m1[e.at] = { ...m1[e.at], [e.field]: e.value };
      m1 = m1.filter((_, i) => !drop.includes(i));
      const f0 = fileOf(m0, s);
      let f1 = fileOf(m1, s);
      // A quote dropped somewhere: malformed, or a quote inside an unquoted field.
      if (stray !== null) f1 = Buffer.concat([f1.subarray(0, stray % f1.length), Buffer.from('"'), f1.subarray(stray % f1.length)]);
      if (await readsAsBytes(f1, profile)) asBytes++;
      const bytes = await build(f0, f1, profile, false);
      const reference = await build(f0, f1, profile, true);
      expect(bytes.second).toEqual(reference.second);
      expect(bytes.delta).toEqual(reference.delta);
      expect(bytes.snapshot).toEqual(reference.snapshot);
    }), { seed: 1807, numRuns: 200 });
    // Most generated files are read as bytes (the rest, malformed, by the text reader).
    expect(asBytes / runs).toBeGreaterThan(0.5);
  });
});
