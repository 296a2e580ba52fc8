/**
 * A large workbook is read in a worker thread: the sink must receive what the reader in the
 * importing thread gives it — the same header, rows, row numbers and cell types, the same errors
 * for a damaged sheet — and an error of the sink must stop the worker and come through as it is.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { PayrollFileError } from '../../../domain/payroll/import-errors';
import { DEFAULT_PROFILE } from '../../../domain/payroll/mapping-profile';
import type { Cell } from '../../../domain/payroll/row-mapper';
import { decodeRows, encodeRows, readXlsxThreaded } from '../../../activities/payroll/file/xlsx-thread';
import { readXlsx } from '../../../activities/payroll/file/xlsx-reader';

type Read = { calls: unknown[] } | { error: { code: string; row?: number; message: string }[]; calls: unknown[] };

/** Every call the sink receives, with cell types spelled out (1 and true, a Date and its serial differ). */
async function readWith(reader: typeof readXlsx, path: string): Promise<Read> {
  const calls: unknown[] = [];
  const typed = (cells: Cell[]) => cells.map((c) => (c instanceof Date ? { date: c.getTime() } : c === null ? null : { [typeof c]: c }));
  try {
    await reader(path, 'payroll.xlsx', DEFAULT_PROFILE, {
      header: (cells, row) => { calls.push(['header', row, typed(cells)]); },
      row: (cells, row) => { calls.push(['row', row, typed(cells)]); },
      rowError: () => undefined,
    });
    return { calls };
  } catch (err) {
    if (!(err instanceof PayrollFileError)) throw err;
    return { error: err.errors, calls };
  }
}

const threaded: typeof readXlsx = (path, file, profile, sink, limits) => readXlsxThreaded(path, file, profile, sink, limits, true);

let dir: string;
beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'xlsx-thread-')); });
afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

let n = 0;
async function save(bytes: Uint8Array): Promise<string> {
  const path = join(dir, `w${++n}.xlsx`);
  await writeFile(path, bytes);
  return path;
}

/** A workbook of one hand-written sheet. */
function crafted(sheet: string): Uint8Array {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>'),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><workbook ${ns}><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`),
    'xl/worksheets/sheet1.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><worksheet ${ns}><sheetData>${sheet}</sheetData></worksheet>`),
  });
}

describe('XLSX read in a worker thread', () => {
  it('gives the sink what the reader in this thread gives it (2,500 rows of every cell type)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Blad1');
    ws.addRow(['employeeNumber', ...Array.from({ length: 11 }, (_, i) => `kolom ${i}`)]);
    for (let r = 0; r < 2500; r++) {
      ws.addRow([`E${r}`, `tekst ${r} é€😀`, r * 1.5, -r, new Date(Date.UTC(1960 + (r % 60), r % 12, 1 + (r % 28))), r % 2 === 0,
        r % 7 === 0 ? null : '', { formula: '1+1', result: r % 3 === 0 ? 0 : 2 }, { richText: [{ text: 'a' }, { text: `b${r}` }] }, r % 5 === 0 ? null : r, '\\n"\'<&>', r % 11 === 0 ? { error: '#N/A' } : 'x']);
      if (r % 500 === 0) ws.addRow([]);
    }
    const path = await save(new Uint8Array(await wb.xlsx.writeBuffer()));
    const here = await readWith(readXlsx, path);
    expect('error' in here).toBe(false);
    expect((here as { calls: unknown[] }).calls).toHaveLength(2501);
    expect(await readWith(threaded, path)).toEqual(here);
  });

  it('reads the fixture workbooks as this thread does', async () => {
    for (const fixtures of [join(__dirname, '../../fixtures'), join(__dirname, '../../../../shared/samples')]) {
      const names = (await readdir(fixtures).catch(() => [] as string[])).filter((f) => f.endsWith('.xlsx'));
      for (const name of names) {
        const path = join(fixtures, name);
        expect(await readWith(threaded, path)).toEqual(await readWith(readXlsx, path));
      }
    }
  });

  it('refuses a damaged sheet with the same errors, after the same rows', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>E${i}</t></is></c></row>`).join('');
    for (const sheet of [
      `<row r="1"><c r="A1" t="inlineStr"><is><t>employeeNumber</t></is></c></row>${rows}<row r="9000"><c r="A9000"><v>1</x></c></row>`,
      `<row r="1"><c r="A1" t="inlineStr"><is><t>employeeNumber</t></is></c></row>${rows}<row r="9000"><c r="A9000" t="s"><v>4</v></c></row>`,
      '',
    ]) {
      const path = await save(crafted(sheet));
      const here = await readWith(readXlsx, path);
      expect(here).toMatchObject({ error: [{ code: expect.stringMatching(/damaged_xlsx|empty_file/) }] });
      expect(await readWith(threaded, path)).toEqual(here);
    }
  });

  it('lets an error of the sink through as it is, and stops the worker', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="inlineStr"><is><t>E${i}</t></is></c></row>`).join('');
    const path = await save(crafted(`<row r="1"><c r="A1" t="inlineStr"><is><t>employeeNumber</t></is></c></row>${rows}`));
    const boom = new Error('database went away');
    let seen = 0;
    await expect(threaded(path, 'p.xlsx', DEFAULT_PROFILE, { header: () => undefined, row: () => { if (++seen === 1500) throw boom; }, rowError: () => undefined })).rejects.toBe(boom);
    expect(seen).toBe(1500);
  });

  it('keeps every cell type across the threads', () => {
    const rows = [
      { number: 3, cells: ['', 'a\u00e9😀', 0, -0, 1.5e300, Number.NaN, true, false, null, new Date(0), new Date(Date.UTC(1904, 0, 1))] as Cell[] },
      { number: 7, cells: [] },
      { number: 8, cells: [null, null] },
      // A row numbered past 2^31 (the reader takes the number the sheet gives).
      { number: 3_000_000_000, cells: ['x'] },
    ];
    const out: { number: number; cells: Cell[] }[] = [];
    decodeRows(encodeRows(rows), (cells, number) => out.push({ number, cells }));
    expect(out).toEqual(rows);
    expect(Object.is(out[0].cells[3], -0)).toBe(true);
    decodeRows(encodeRows([{ number: 1, cells: [new Date(Number.NaN)] }]), (cells) => expect(Number.isNaN((cells[0] as Date).getTime())).toBe(true));
  });
});
