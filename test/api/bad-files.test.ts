/**
 * Bad payroll files, each uploaded through the API (`?wait=true`). Every case checks that the
 * answer is a 4xx that names what is wrong (code, and row/column where there is one), that it
 * does not echo the personal value that was wrong, and that the database is unchanged.
 * Every file is generated here; none is committed.
 */
import { randomBytes } from 'node:crypto';
import { constants as zlibConstants, deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { CANONICAL_FIELDS } from '../../domain/payroll/canonical';
import { isValidBsn, isValidInsz } from '../../domain/shared/identifiers';
import type { Harness} from '../support/harness';
import { createEmployer, startHarness, uploadForm } from '../support/harness';

// ---------------------------------------------------------------------------------------------
// Files

type Row = Record<string, string>;

const BASE: Row = {
  employeeNumber: '0001', nationalId: '111222333', lastName: 'Jansen', namePrefix: '', firstName: 'Anna', initials: 'A.',
  birthDate: '1985-04-12', gender: 'F', nationality: 'NL', maritalStatus: 'single', street: 'Kerkstraat', houseNumber: '1',
  postalCode: '3511CD', city: 'Utrecht', country: 'NL', partnerLastName: '', partnerNamePrefix: '', category: 'white_collar',
  salaryClass: '5', workSchedulePercent: '100', grossMonthlySalary: '3500.00', hireDate: '2020-01-01', exitDate: '',
};
/** A second, valid person: the bad value goes on the row after it (row 3). */
const OTHER: Row = { employeeNumber: '0002', nationalId: '123456782', lastName: 'Bakker', firstName: 'Bram' };

const quote = (v: string, d: string) => (v.includes(d) || v.includes('"') || /[\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const line = (values: string[], d = ',') => values.map((v) => quote(v, d)).join(d);
const values = (over: Row = {}, fields: readonly string[] = CANONICAL_FIELDS) => {
  const row = { ...BASE, ...over };
  return fields.map((f) => row[f] ?? '');
};
const person = (over: Row = {}) => line(values(over));
const HEADER = line([...CANONICAL_FIELDS]);
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';
/** Header, a valid person on row 2, and `over` applied to a third person on row 3. */
const badRow3 = (over: Row) => csv(person(OTHER), person({ employeeNumber: '0003', nationalId: '100000009', lastName: 'Smit', ...over }));

async function xlsx(rows: (string | number | null)[][], sheetName = 'Blad1'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const validXlsx = () => xlsx([[...CANONICAL_FIELDS], values(OTHER)]);

// A minimal zip writer, for archives exceljs would never write.

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf: Uint8Array, crc = 0): number {
  let c = ~crc;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

interface ZipEntry { name: string; compressed: Buffer; crc: number; size: number }

function writeZip(entries: ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(e.crc, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by
    dir.writeUInt16LE(20, 6); // needed
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(e.crc, 16);
    dir.writeUInt32LE(e.compressed.length, 20);
    dir.writeUInt32LE(e.size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, e.compressed);
    central.push(dir, name);
    offset += local.length + name.length + e.compressed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

const entry = (name: string, data: Buffer): ZipEntry => ({ name, compressed: deflateRawSync(data), crc: crc32(data), size: data.length });

async function unzip(buf: Buffer): Promise<{ name: string; data: Buffer }[]> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true }, (err, z) => (err ? reject(err) : resolve(z!))));
  const out: { name: string; data: Buffer }[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (e: yauzl.Entry) => {
      zip.openReadStream(e, async (err, stream) => {
        if (err || !stream) return reject(err);
        const chunks: Buffer[] = [];
        for await (const c of stream) chunks.push(c as Buffer);
        out.push({ name: e.fileName, data: Buffer.concat(chunks) });
        zip.readEntry();
      });
    });
    zip.readEntry();
  });
  return out;
}

/**
 * `mib` MiB of worksheet XML (whitespace inside <sheetData>) as one raw deflate stream, built
 * without ever holding the inflated part: each piece is deflated on its own and ended with a
 * full flush (byte-aligned, no back-references), so the deflated 1 MiB of filler can simply be
 * repeated. The CRC runs over the inflated bytes, 1 MiB at a time.
 */
function bombSheet(mib: number): { compressed: Buffer; crc: number; size: number } {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  const tail = Buffer.from('</sheetData></worksheet>');
  const filler = Buffer.alloc(1024 * 1024, 0x20);
  const piece = (b: Buffer) => deflateRawSync(b, { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH });
  const deflatedFiller = piece(filler);
  let crc = crc32(head);
  for (let i = 0; i < mib; i++) crc = crc32(filler, crc);
  crc = crc32(tail, crc);
  return {
    compressed: Buffer.concat([piece(head), ...Array<Buffer>(mib).fill(deflatedFiller), deflateRawSync(tail)]),
    crc,
    size: head.length + mib * filler.length + tail.length,
  };
}

/** The workbook with its first sheet part replaced. */
async function withSheet(workbook: Buffer, sheet: ZipEntry): Promise<Buffer> {
  const entries = await unzip(workbook);
  return writeZip(entries.map((e) => (e.name === sheet.name ? sheet : entry(e.name, e.data))));
}

let bombPart: ReturnType<typeof bombSheet> | undefined;

/**
 * A real workbook whose first sheet is replaced by ~300 MiB of XML that deflates ~1000×.
 * `declaredSize` lets the archive lie about the inflated size.
 */
async function xlsxBomb(declaredSize?: number): Promise<Buffer> {
  const sheet = (bombPart ??= bombSheet(300));
  return withSheet(await validXlsx(), { name: 'xl/worksheets/sheet1.xml', ...sheet, size: declaredSize ?? sheet.size });
}

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.alloc(504)]);

// ---------------------------------------------------------------------------------------------
// Uploading and checking

const upload = (h: Harness, employerId: string, content: Buffer | string, fileName: string, period?: string) =>
  h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(content, fileName, period) });

async function setProfile(h: Harness, employerId: string, profile: Record<string, unknown>) {
  const res = await h.app.inject({ method: 'PUT', url: `/api/employers/${employerId}/mapping-profile`, headers: h.auth, payload: profile });
  expect(res.statusCode).toBe(200);
}

async function dbState(h: Harness, employerId: string) {
  const count = async (sql: string) => Number((await h.db.$client.query(sql, [employerId])).rows[0].n);
  return {
    persons: await count('select count(*) as n from persons where employer_id = $1'),
    changes: await count('select count(*) as n from payroll_changes where employer_id = $1'),
    completedImports: await count(`select count(*) as n from payroll_imports where employer_id = $1 and status = 'completed'`),
  };
}

async function personsOf(h: Harness, employerId: string) {
  const { rows } = await h.db.$client.query(
    'select id, employee_number, data, status, last_import_id, updated_at from persons where employer_id = $1 order by employee_number', [employerId]);
  return rows;
}

interface Expected {
  status: number;
  /** The answer's `error`. */
  error: string;
  /** What errors[0] must hold (code, row, column, field, …). */
  first?: Record<string, unknown>;
  /** errors[0].message (or the answer's message when there is no errors list). */
  message?: RegExp;
  /** Personal values in the file that must not come back. */
  secrets?: string[];
}

/** Checks an answer and, when an import was recorded, its stored view too. */
async function expectRefused(h: Harness, res: Awaited<ReturnType<typeof upload>>, x: Expected) {
  if (res.statusCode !== x.status) throw new Error(`expected ${x.status}, got ${res.statusCode}: ${res.body}`);
  expect(res.statusCode).toBeGreaterThanOrEqual(400);
  expect(res.statusCode).toBeLessThan(500);
  const body = res.json();
  expect(body.error).toBe(x.error);
  if (x.first) {
    expect(Array.isArray(body.errors)).toBe(true);
    expect(body.errors[0]).toMatchObject(x.first);
  }
  if (x.message) expect(body.errors?.[0]?.message ?? body.message).toMatch(x.message);
  const stored = body.importId
    ? await h.app.inject({ method: 'GET', url: `/api/payroll-imports/${body.importId}`, headers: h.auth })
    : undefined;
  if (stored) {
    expect(stored.statusCode).toBe(200);
    expect(stored.json().status).toBe('failed');
  }
  for (const secret of x.secrets ?? []) {
    expect(res.body).not.toContain(secret);
    if (stored) expect(stored.body).not.toContain(secret);
  }
}

async function expectNothingStored(h: Harness, employerId: string) {
  expect(await dbState(h, employerId)).toEqual({ persons: 0, changes: 0, completedImports: 0 });
}

// ---------------------------------------------------------------------------------------------
// The cases

interface Case extends Expected {
  name: string;
  file: () => Buffer | string | Promise<Buffer | string>;
  fileName?: string;
  /** Default 2026-09; null sends no period. */
  period?: string | null;
  profile?: Record<string, unknown>;
}

const ROW3 = { row: 3 };
const col = (field: string) => ({ column: field, field });

const cases: Case[] = [
  // Empty and near-empty files
  { name: 'an empty file (0 bytes)', file: () => Buffer.alloc(0), status: 400, error: 'empty_file', first: { code: 'empty_file', file: 'payroll.csv' } },
  { name: 'a file holding only a UTF-8 BOM', file: () => Buffer.from([0xef, 0xbb, 0xbf]), status: 422, error: 'invalid_payroll_file', first: { code: 'empty_file' } },
  { name: 'a file holding only blank lines', file: () => '\n\r\n  \n', status: 422, error: 'invalid_payroll_file', first: { code: 'empty_file' } },
  { name: 'a header without rows', file: () => csv(), status: 422, error: 'invalid_payroll_file', first: { code: 'header_only' } },

  // Shape of the text
  {
    name: 'a pipe-separated file where the profile says comma', profile: { name: 'x', delimiter: ',' },
    file: () => [line([...CANONICAL_FIELDS], '|'), line(values({ lastName: 'Pijpema' }), '|')].join('\n') + '\n',
    status: 422, error: 'invalid_payroll_file', first: { code: 'missing_required_column', row: 1 }, message: /delimiter/, secrets: ['Pijpema', '111222333'],
  },
  {
    name: 'a colon-separated file (no delimiter the reader knows)',
    file: () => [line([...CANONICAL_FIELDS], ':'), line(values({ lastName: 'Dubbelpunt' }), ':')].join('\n') + '\n',
    status: 422, error: 'invalid_payroll_file', first: { code: 'missing_required_column', row: 1 }, message: /delimiter/, secrets: ['Dubbelpunt', '111222333'],
  },
  {
    name: 'a UTF-16LE file with BOM', file: () => utf16le(csv(person({ lastName: 'Zestien' }))),
    status: 415, error: 'unsupported_encoding', first: { code: 'unsupported_encoding' }, secrets: ['Zestien'],
  },
  {
    name: 'Windows-1252 bytes where the profile forces UTF-8', profile: { name: 'x', encoding: 'utf-8' },
    file: () => Buffer.from(badRow3({ lastName: 'Müllerström' }), 'latin1'),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_encoding', ...ROW3 }, message: /UTF-8/, secrets: ['Müllerström', 'M\\u00fcllerstr'],
  },
  {
    name: 'a CSV cut off in its last row',
    file: () => { const text = badRow3({ lastName: 'Afgekapt' }); return text.slice(0, text.indexOf('Afgekapt') + 4); },
    status: 422, error: 'invalid_payroll_file', first: { code: 'field_count', ...ROW3 }, message: /cut off/, secrets: ['Afge', '100000009'],
  },
  {
    name: 'a row with more fields than the header', file: () => csv(person(OTHER), `${person({ employeeNumber: '0003', lastName: 'Teveel' })},extra,Geheimwaarde`),
    status: 422, error: 'invalid_payroll_file', first: { code: 'field_count', ...ROW3 }, secrets: ['Teveel', 'Geheimwaarde'],
  },
  {
    name: 'an unterminated quote',
    file: () => csv(person(OTHER), person({ employeeNumber: '0003', lastName: 'Open' }).replace('Open', '"Openhaakje, nooit dicht'), person({ employeeNumber: '0004' })),
    status: 422, error: 'invalid_payroll_file', first: { code: 'malformed_csv', ...ROW3 }, message: /never closed/, secrets: ['Openhaakje'],
  },

  // Header problems
  {
    name: 'no nationalId column',
    file: () => [line(CANONICAL_FIELDS.filter((f) => f !== 'nationalId')), line(values({ lastName: 'Zonderbsn' }, CANONICAL_FIELDS.filter((f) => f !== 'nationalId')))].join('\n'),
    status: 422, error: 'invalid_payroll_file', first: { code: 'missing_required_column', row: 1 }, message: /nationalId/, secrets: ['Zonderbsn'],
  },
  {
    name: 'a column that appears twice',
    file: () => [`${HEADER},LASTNAME`, `${person({ lastName: 'Eerste' })},Tweede`].join('\n'),
    status: 422, error: 'invalid_payroll_file', first: { code: 'duplicate_column', row: 1, column: 'LASTNAME' }, secrets: ['Eerste', 'Tweede'],
  },

  // Row values
  {
    name: 'an employee number that appears twice',
    file: () => csv(person(OTHER), person({ lastName: 'Jansen' }), person({ ...OTHER, nationalId: '111111110', lastName: 'Dubbelganger' })),
    status: 422, error: 'invalid_payroll_file', first: { code: 'duplicate_employee_number', row: 4, ...col('employeeNumber') }, message: /row 2\b/, secrets: ['Dubbelganger', '111111110'],
  },
  {
    name: 'a BSN failing the 11-check', file: () => badRow3({ nationalId: '123456789' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_national_id', ...ROW3, ...col('nationalId') }, message: /11-check/, secrets: ['123456789'],
  },
  {
    name: 'an INSZ failing the mod-97 check', file: () => badRow3({ nationalId: '85.07.31-003.29' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_national_id', ...ROW3, ...col('nationalId') }, message: /INSZ/, secrets: ['85.07.31-003.29', '85073100329'],
  },
  {
    name: 'a national id with letters', file: () => badRow3({ nationalId: '12345678X' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_national_id', ...ROW3, ...col('nationalId') }, message: /digits/, secrets: ['12345678X'],
  },
  {
    name: 'a national id of the wrong length', file: () => badRow3({ nationalId: '1234567890' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_national_id', ...ROW3, ...col('nationalId') }, message: /10 digits/, secrets: ['1234567890'],
  },
  {
    name: 'an impossible date 31-02-2026 (dd-mm-yyyy profile)', profile: { name: 'x', dateFormats: ['dd-mm-yyyy'] },
    file: () => csv(person({ ...OTHER, birthDate: '12-04-1985', hireDate: '01-01-2020' }), person({ employeeNumber: '0003', nationalId: '100000009', birthDate: '03-07-1979', hireDate: '31-02-2026' })),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_date', ...ROW3, ...col('hireDate') }, secrets: ['31-02-2026', '03-07-1979'],
  },
  {
    name: 'an impossible birth date 1985-02-30', file: () => badRow3({ birthDate: '1985-02-30' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_date', ...ROW3, ...col('birthDate') }, secrets: ['1985-02-30'],
  },
  {
    name: 'a date in the wrong format for the profile (12/31/2026 under yyyy-mm-dd)', file: () => badRow3({ hireDate: '12/31/2026' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_date', ...ROW3, ...col('hireDate') }, message: /yyyy-mm-dd/, secrets: ['12/31/2026'],
  },
  {
    name: 'a birth year of 1850', file: () => badRow3({ birthDate: '1850-06-15' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_date', ...ROW3, ...col('birthDate') }, secrets: ['1850-06-15'],
  },
  {
    name: 'a non-numeric salary', file: () => badRow3({ grossMonthlySalary: 'EUR 4321' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_number', ...ROW3, ...col('grossMonthlySalary') }, secrets: ['EUR 4321', '4321'],
  },
  {
    name: 'a negative salary', file: () => badRow3({ grossMonthlySalary: '-4321.55' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'out_of_range', ...ROW3, ...col('grossMonthlySalary') }, secrets: ['4321.55'],
  },
  {
    name: 'a work schedule of 150 %', file: () => badRow3({ workSchedulePercent: '150.75' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'out_of_range', ...ROW3, ...col('workSchedulePercent') }, message: /100/, secrets: ['150.75'],
  },
  {
    name: 'an invalid gender code', file: () => badRow3({ gender: 'vrouwelijk' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_value', ...ROW3, ...col('gender') }, secrets: ['vrouwelijk'],
  },
  {
    name: 'an invalid marital status', file: () => badRow3({ maritalStatus: 'gescheiden' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_value', ...ROW3, ...col('maritalStatus') }, secrets: ['gescheiden'],
  },
  {
    name: 'a three-letter country code', file: () => badRow3({ country: 'NLD' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_country', ...ROW3, ...col('country') }, secrets: ['NLD'],
  },
  {
    name: 'an exit date before the hire date', file: () => badRow3({ hireDate: '2021-03-01', exitDate: '2019-11-30' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'exit_before_hire', ...ROW3, ...col('exitDate') }, secrets: ['2019-11-30', '2021-03-01'],
  },
  {
    name: 'an empty last name', file: () => badRow3({ lastName: '', firstName: 'Wilhelmina' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'missing_value', ...ROW3, ...col('lastName') }, secrets: ['Wilhelmina', '100000009'],
  },
  {
    name: 'a DDE formula in a canonical column', file: () => badRow3({ street: "=cmd|' /C calc'!A0" }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'formula_like_value', ...ROW3, ...col('street') }, secrets: ['cmd|', 'calc'],
  },
  {
    name: 'an @-formula in a custom column',
    file: () => [`${HEADER},Afdeling`, `${person(OTHER)},Verkoop`, `${person({ employeeNumber: '0003', nationalId: '100000009' })},@SUM(A1)`].join('\n'),
    status: 422, error: 'invalid_payroll_file', first: { code: 'formula_like_value', ...ROW3, column: 'Afdeling' }, secrets: ['@SUM', 'SUM(A1)'],
  },
  {
    name: 'a +HYPERLINK formula in a quoted cell', file: () => badRow3({ city: '+HYPERLINK("http://evil.example/?x")' }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'formula_like_value', ...ROW3, ...col('city') }, secrets: ['HYPERLINK', 'evil.example'],
  },

  // Not the format it claims
  {
    name: 'CSV text named .xlsx', fileName: 'x.xlsx', file: () => csv(person({ lastName: 'Verkleed' })),
    status: 415, error: 'not_xlsx', first: { code: 'not_xlsx', file: 'x.xlsx' }, secrets: ['Verkleed'],
  },
  {
    name: 'a legacy .xls (OLE) workbook', fileName: 'payroll.xls', file: () => OLE,
    status: 415, error: 'unsupported_format', first: { code: 'unsupported_format' }, message: /\.xls/,
  },
  {
    name: 'a zip archive where the profile expects CSV', profile: { name: 'x', format: 'csv' }, file: () => validXlsx(),
    status: 415, error: 'unsupported_format', first: { code: 'unsupported_format' }, secrets: ['Bakker'],
  },
  {
    name: '50 MB of random bytes named payroll.csv', file: () => {
      // 2 in 65,536 random files start with a UTF-16 byte order mark and are (rightly) refused as UTF-16 instead.
      const bytes = randomBytes(50 * 1024 * 1024);
      if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) bytes[0] = 0x00;
      return bytes;
    },
    status: 415, error: 'unsupported_format', first: { code: 'unsupported_format', file: 'payroll.csv' }, message: /binary/,
  },
  {
    name: 'a real XLSX cut in half', fileName: 'payroll.xlsx', file: async () => { const b = await validXlsx(); return b.subarray(0, b.length >> 1); },
    status: 422, error: 'invalid_payroll_file', first: { code: 'not_xlsx' }, secrets: ['Bakker'],
  },
  {
    name: 'a zip archive without workbook parts, named .xlsx', fileName: 'payroll.xlsx',
    file: () => writeZip([entry('payroll.csv', Buffer.from(csv(person({ lastName: 'Ingepakt' }))))]),
    status: 422, error: 'invalid_payroll_file', first: { code: 'not_xlsx' }, message: /workbook/, secrets: ['Ingepakt'],
  },
  {
    name: 'an XLSX whose sheet part does not inflate', fileName: 'payroll.xlsx',
    file: async () => withSheet(await validXlsx(), { name: 'xl/worksheets/sheet1.xml', compressed: Buffer.alloc(64, 0xff), crc: 0, size: 4096 }),
    status: 422, error: 'invalid_payroll_file', first: { code: 'damaged_xlsx' }, secrets: ['Bakker'],
  },
  {
    name: 'an XLSX whose sheet XML is cut off', fileName: 'payroll.xlsx',
    file: async () => {
      const xml = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>employeeNumber</t></is></c><c r="B1" t="inlineStr"><is><t>Afgebro');
      return withSheet(await validXlsx(), entry('xl/worksheets/sheet1.xml', xml));
    },
    status: 422, error: 'invalid_payroll_file', first: { code: 'damaged_xlsx' }, secrets: ['Afgebro'],
  },
  {
    name: 'an XLSX whose sheet the profile names does not exist', profile: { name: 'x', format: 'xlsx', sheet: 'Personeel' },
    fileName: 'payroll.xlsx', file: () => validXlsx(),
    status: 422, error: 'invalid_payroll_file', first: { code: 'sheet_not_found' }, message: /Personeel/, secrets: ['Bakker', '123456782'],
  },
  {
    name: 'an XLSX holding a header only', fileName: 'payroll.xlsx', file: () => xlsx([[...CANONICAL_FIELDS]]),
    status: 422, error: 'invalid_payroll_file', first: { code: 'header_only' },
  },
  {
    name: 'an XLSX with an invalid BSN cell on row 3', fileName: 'payroll.xlsx',
    file: () => xlsx([[...CANONICAL_FIELDS], values(OTHER), values({ employeeNumber: '0003', nationalId: '987654320', lastName: 'Rekenblad' })]),
    status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_national_id', ...ROW3, ...col('nationalId') }, secrets: ['987654320'],
  },
  {
    name: 'an XLSX with its header on row 3 and a DDE formula text cell', fileName: 'payroll.xlsx', profile: { name: 'x', headerRow: 3 },
    file: () => xlsx([['Salarisadministratie Test BV'], [], [...CANONICAL_FIELDS], values(OTHER), values({ employeeNumber: '0003', nationalId: '100000009', initials: '=2+5+cmd|\' /C notepad\'!A0' })]),
    status: 422, error: 'invalid_payroll_file', first: { code: 'formula_like_value', row: 5, ...col('initials') }, secrets: ['notepad'],
  },

  // The form itself
  {
    name: 'no period field', period: null, file: () => csv(person({ lastName: 'Zonderperiode' })),
    status: 400, error: 'validation', message: /period/, secrets: ['Zonderperiode', '111222333'],
  },
  {
    name: 'period 2026-13', period: '2026-13', file: () => csv(person({ lastName: 'Dertiende' })),
    status: 400, error: 'validation', message: /period/, secrets: ['Dertiende', '111222333'],
  },
];

describe('bad payroll files through the API', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h?.close(); });

  it('generates the values it means to generate', () => {
    // The "valid" ids really are valid, and the bad ones really are bad.
    for (const id of ['111222333', '123456782', '100000009', '111111110']) expect(isValidBsn(id)).toBe(true);
    expect(isValidInsz('85073100328')).toBe(true);
    for (const id of ['123456789', '987654320']) expect(isValidBsn(id)).toBe(false);
    expect(isValidInsz('85073100329')).toBe(false);
    // The bomb's deflate stream and CRC are sound (checked on a small one).
    const small = bombSheet(3);
    const inflated = inflateRawSync(small.compressed);
    expect(inflated.length).toBe(small.size);
    expect(crc32(inflated)).toBe(small.crc);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it.each(cases.map((c) => [c.name, c] as const))('refuses %s', async (_name, c) => {
    const employerId = await createEmployer(h);
    if (c.profile) await setProfile(h, employerId, c.profile);
    const res = await upload(h, employerId, await c.file(), c.fileName ?? 'payroll.csv', c.period === null ? undefined : c.period ?? '2026-09');
    await expectRefused(h, res, c);
    await expectNothingStored(h, employerId);
  });

  /** Uploads a zip bomb: it must be refused without the process' memory growing past 500 MB. */
  const uploadWithFlatMemory = async (bomb: Buffer) => {
    const employerId = await createEmployer(h);
    const rss = process.memoryUsage().rss;
    const res = await upload(h, employerId, bomb, 'payroll.xlsx', '2026-09');
    expect(process.memoryUsage().rss - rss).toBeLessThan(500 * 1024 * 1024);
    return { employerId, res };
  };

  it('refuses an XLSX zip bomb with flat memory', async () => {
    const bomb = await xlsxBomb();
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const { employerId, res } = await uploadWithFlatMemory(bomb);
    await expectRefused(h, res, { status: 422, error: 'invalid_payroll_file', first: { code: 'xlsx_too_large' }, message: /zip bomb/, secrets: ['Bakker'] });
    await expectNothingStored(h, employerId);
  });

  it('refuses an XLSX zip bomb that lies about its inflated size', async () => {
    // Declared under 1 MiB, so the ratio check does not see it: inflating must stop at the declared size.
    const bomb = await xlsxBomb(512 * 1024);
    const { employerId, res } = await uploadWithFlatMemory(bomb);
    await expectRefused(h, res, { status: 422, error: 'invalid_payroll_file', first: { code: 'damaged_xlsx' }, secrets: ['Bakker'] });
    await expectNothingStored(h, employerId);
  });

  describe('after a baseline month', () => {
    let employerId: string;
    let baselineId: string;
    let baselinePersons: unknown[];
    const month = (...rows: string[]) => csv(...rows);
    const jansen = { lastName: 'Jansen' };
    const bakker = OTHER;
    const smit = { employeeNumber: '0003', nationalId: '100000009', lastName: 'Smit', firstName: 'Sanne' };

    beforeAll(async () => {
      employerId = await createEmployer(h);
      const res = await upload(h, employerId, month(person(jansen), person(bakker), person(smit)), 'sept.csv', '2026-09');
      expect(res.statusCode).toBe(201);
      baselineId = res.json().id;
      baselinePersons = await personsOf(h, employerId);
      expect(baselinePersons).toHaveLength(3);
    });

    afterEach(async () => {
      expect(await personsOf(h, employerId)).toEqual(baselinePersons);
      expect(await dbState(h, employerId)).toEqual({ persons: 3, changes: 0, completedImports: 1 });
      const { rows } = await h.db.$client.query(`select id from payroll_imports where employer_id = $1 and status = 'completed'`, [employerId]);
      expect(rows.map((r) => r.id)).toEqual([baselineId]);
    });

    const next = (content: string | Buffer, fileName = 'okt.csv') => upload(h, employerId, content, fileName, '2026-10');

    it('refuses a month where an employee number appears twice', async () => {
      const res = await next(month(person({ ...jansen, street: 'Markt' }), person(bakker), person(smit), person({ ...bakker, nationalId: '111111110', lastName: 'Tweelingbroer' })));
      await expectRefused(h, res, {
        status: 422, error: 'invalid_payroll_file',
        first: { code: 'duplicate_employee_number', row: 5, column: 'employeeNumber', field: 'employeeNumber' }, message: /row 3\b/,
        secrets: ['Tweelingbroer', '111111110'],
      });
    });

    it('refuses a month where a known person\'s BSN turns invalid', async () => {
      const res = await next(month(person(jansen), person({ ...bakker, nationalId: '123456783' }), person(smit)));
      await expectRefused(h, res, {
        status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_national_id', row: 3, column: 'nationalId' }, secrets: ['123456783'],
      });
    });

    it('refuses a month where a departure predates the hire', async () => {
      const res = await next(month(person(jansen), person(bakker), person({ ...smit, exitDate: '2019-10-31' })));
      await expectRefused(h, res, {
        status: 422, error: 'invalid_payroll_file', first: { code: 'exit_before_hire', row: 4, column: 'exitDate' }, secrets: ['2019-10-31'],
      });
    });

    it('refuses a month cut off mid-row, with everyone present before the cut', async () => {
      const text = month(person({ ...jansen, grossMonthlySalary: '3600' }), person(bakker), person(smit));
      const res = await next(text.slice(0, text.lastIndexOf('Sanne')));
      await expectRefused(h, res, {
        status: 422, error: 'invalid_payroll_file', first: { code: 'field_count', row: 4 }, secrets: ['Smit', '100000009'],
      });
    });

    it('refuses a month with a formula in a custom column and a bad salary, listing both', async () => {
      const res = await next([`${HEADER},Notitie`, `${person(jansen)},ok`, `${person({ ...bakker, grossMonthlySalary: '3.500,00' })},ok`, `${person(smit)},=HYPERLINK("x")`].join('\n'));
      await expectRefused(h, res, {
        status: 422, error: 'invalid_payroll_file', first: { code: 'invalid_number', row: 3, column: 'grossMonthlySalary' }, secrets: ['3.500,00', 'HYPERLINK'],
      });
      expect(res.json().errors).toEqual([
        expect.objectContaining({ code: 'invalid_number', row: 3, column: 'grossMonthlySalary' }),
        expect.objectContaining({ code: 'formula_like_value', row: 4, column: 'Notitie' }),
      ]);
    });

    it('still refuses a file too large for the upload limit', async () => {
      const small = await startHarness({ maxUploadBytes: 1024, worker: false });
      try {
        const big = month(...Array.from({ length: 20 }, (_, i) => person({ employeeNumber: String(100 + i), lastName: 'Grootbestand' })));
        expect(big.length).toBeGreaterThan(1024);
        const res = await small.app.inject({
          method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: small.auth, payload: uploadForm(big, 'okt.csv', '2026-10'),
        });
        await expectRefused(small, res, {
          status: 413, error: 'file_too_large', first: { code: 'file_too_large', file: 'okt.csv' }, secrets: ['Grootbestand', '111222333'],
        });
        const fresh = await createEmployer(small);
        const res2 = await small.app.inject({
          method: 'POST', url: `/api/employers/${fresh}/payroll-imports?wait=true`, headers: small.auth, payload: uploadForm(big, 'okt.csv', '2026-10'),
        });
        await expectRefused(small, res2, { status: 413, error: 'file_too_large', first: { code: 'file_too_large' }, secrets: ['Grootbestand'] });
        await expectNothingStored(small, fresh);
      } finally {
        await small.close();
      }
    });
  });
});
