import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBaseline } from '../../../activities/payroll/baseline';
import type { BuildResult} from '../../../activities/payroll/snapshot-builder';
import { buildSnapshot } from '../../../activities/payroll/snapshot-builder';
import { LineWriter } from '../../../activities/payroll/snapshot-file';
import { DEFAULT_PROFILE } from '../../../domain/payroll/mapping-profile';
import { BSNS, canonicalCsv, personRow } from '../../support/canonical-csv';

/**
 * Plain CSV files (UTF-8, no quotes) are read as bytes, unchanged rows recognised without
 * decoding: the outcome must be the text reader's — same people, changes, order and errors.
 */
describe('snapshot builder: plain CSV read as bytes', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'snapshot-builder-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  // ~128 bytes a row: 45,000 rows (5.8 MB) span two 4 MiB chunks.
  const row = (i: number, over: Record<string, string> = {}) =>
    personRow({ employeeNumber: `A${String(i).padStart(6, '0')}`, nationalId: BSNS[i % BSNS.length], ...over });
  const month0 = Array.from({ length: 45_000 }, (_, i) => row(i));

  let n = 0;
  /** Builds month 1 against month 0, both read the same way; returns the result and the files' text without source hashes. */
  async function build(month1: string | Buffer, readAsText: boolean) {
    const base = join(dir, `${n++}`);
    const common = { fileName: 'p.csv', profile: DEFAULT_PROFILE, readAsText };
    await writeFile(`${base}-m0.csv`, canonicalCsv(...month0));
    const first = await buildSnapshot({ ...common, sourcePath: `${base}-m0.csv`, snapshotPath: `${base}-s0`, delta: `${base}-d0` });
    expect(first.ok).toBe(true);
    const loaded = await loadBaseline(`${base}-s0`);
    await writeFile(`${base}-m1.csv`, month1);
    const result = await buildSnapshot({
      ...common, sourcePath: `${base}-m1.csv`, snapshotPath: `${base}-s1`, delta: `${base}-d1`, changedBaseline: `${base}-c1`, baseline: loaded.baseline, baselineSource: loaded.header.source,
    });
    // Source hashes may differ between readers (cells or line); what they recognise may not.
    // The snapshot's record separators are control characters.
    // eslint-disable-next-line no-control-regex
    const withoutHashes = async (path: string) => (await readFile(path, 'utf8').catch(() => '')).replace(/(^|\n|\u0001)[^\u001d\u0001\n]*\u001d/g, '$1');
    return { result, snapshot: await withoutHashes(`${base}-s1`), delta: await withoutHashes(`${base}-d1`), changedText: await withoutHashes(`${base}-c1`), changed: `${base}-c1`, baseline: `${base}-s0` };
  }
  async function expectSameAsText(month1: string | Buffer): Promise<BuildResult> {
    const bytes = await build(month1, false);
    const text = await build(month1, true);
    expect(bytes.result).toEqual(text.result);
    expect(bytes.delta).toEqual(text.delta);
    expect(bytes.snapshot).toEqual(text.snapshot);
    expect(bytes.changedText).toEqual(text.changedText);
    return bytes.result;
  }

  const month1Rows = () => {
    const rows = month0.slice();
    rows[5] = row(5, { street: 'Molenweg' });
    rows[20_000] = row(20_000, { exitDate: '2026-02-28' });
    rows.splice(100, 2);
    rows.push(row(50_000), row(50_001, { lastName: 'de Vries' }));
    rows.splice(10, 0, '');
    return rows;
  };

  it('finds the same changes, hires, departures and absences as the text reader', async () => {
    const result = await expectSameAsText(canonicalCsv(...month1Rows()));
    expect(result).toEqual({ ok: true, rowCount: 45_000, deltaCount: 6, changedWritten: true });
  });

  it("keeps last month's lines of the people whose line changed, under last month's header, for the audit", async () => {
    const rows = month1Rows();
    // In the second chunk, read again as text: what the first reading kept goes.
    rows[40_000] = rows[40_000].replace('Kerkstraat', '"Kerkstraat, achter"');
    const built = await build(canonicalCsv(...rows), false);
    const last = await loadBaseline(built.baseline);
    const changed = await loadBaseline(built.changed);
    expect(changed.header).toEqual(last.header);
    // Changed: the new street, the exit date, the quoted street. Not the hires, the absent, or anyone unchanged.
    const keys = ['A000005', 'A020000', 'A040001'];
    expect(changed.baseline.size).toBe(keys.length);
    keys.forEach((k, i) => {
      expect(changed.baseline.findKey(k)).toBe(i + 1);
      expect(changed.baseline.line(i + 1)).toBe(last.baseline.line(last.baseline.findKey(k)));
    });
    for (const k of ['A000006', 'A000100', 'A050000']) expect(changed.baseline.findKey(k)).toBe(0);
  });

  it('reads CRLF files and a last line without a line break the same way', async () => {
    const csv = canonicalCsv(...month1Rows()).replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    expect(await expectSameAsText(csv)).toMatchObject({ ok: true, rowCount: 45_000 });
  });

  it('starts again as text when a quote appears after the first chunk', async () => {
    const rows = month1Rows();
    // Row 40,000 lies at ~5.1 MB: in the second chunk, after the first was delivered as plain.
    rows[40_000] = rows[40_000].replace('Kerkstraat', '"Kerkstraat, achter"');
    expect(await expectSameAsText(canonicalCsv(...rows))).toMatchObject({ ok: true, deltaCount: 7 });
  });

  it('names the same row as the text reader for a byte that is not UTF-8 after the first chunk', async () => {
    const csv = Buffer.from(canonicalCsv(...month1Rows()), 'utf8');
    const at = csv.length - 50;
    csv[at] = 0xff;
    const result = await expectSameAsText(csv);
    expect(result).toMatchObject({ ok: false, errors: [{ code: 'invalid_encoding' }] });
  });

  it('reports duplicates of unchanged rows and rows with a wrong field count as the text reader does', async () => {
    const rows = month1Rows();
    rows.push(row(7), row(25_000), 'A999999,123');
    const result = await expectSameAsText(canonicalCsv(...rows));
    expect(result).toMatchObject({ ok: false, errorCount: 3 });
    if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual(['duplicate_employee_number', 'duplicate_employee_number', 'field_count']);
  });
});

describe('LineWriter', () => {
  it('keeps text lines, runs of consecutive byte lines and single byte lines in order', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'line-writer-'));
    try {
      const bytes = Buffer.from('a1\na2\na3\na4\nlast');
      const line = (n: number) => { const starts = [0, 3, 6, 9, 12]; return [starts[n], n === 4 ? bytes.length : starts[n + 1] - 1] as const; };
      const w = new LineWriter(join(dir, 'out'), 'header');
      w.addBytes(bytes, ...line(0));
      w.addBytes(bytes, ...line(1));
      w.add('t1');
      w.addBytes(bytes, ...line(3));
      w.addBytes(bytes, ...line(2));
      await w.flush();
      w.addBytes(bytes, ...line(4));
      w.addBytes(bytes, ...line(0), '\u0001');
      w.addBytes(bytes, ...line(1));
      await w.close();
      expect(await readFile(join(dir, 'out'), 'utf8')).toBe('header\na1\na2\nt1\na4\na3\nlast\n\u0001a1\na2\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
