/**
 * Generated bad payroll files: mutations of a valid month (CSV or XLSX) and what the system must
 * do with each — accept it with exactly its content, or refuse it whole naming row and column,
 * the database unchanged. The expected outcome comes from the domain's row mapper applied to the
 * cells the mutation meant to write; the upload goes through the API, the file reader, the
 * import workflow and PostgreSQL. Shared by the suite (a seed-fixed sample) and
 * bench/bad-files.bench.ts (the full run). No jest here: a broken property throws.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import Papa from 'papaparse';
import type { FastifyInstance } from 'fastify';
import { CANONICAL_FIELDS } from '../../domain/payroll/canonical';
import type { ImportError } from '../../domain/payroll/import-errors';
import { mappingProfileSchema } from '../../domain/payroll/mapping-profile';
import { type Cell, compileRowMapper } from '../../domain/payroll/row-mapper';
import type { Db } from '../../db/client';
import { BASE_PERSON, BSNS } from './canonical-csv';

type Row = Cell[];
export interface Model { header: string[]; rows: Row[] }

const START: Model = {
  header: [...CANONICAL_FIELDS],
  rows: [0, 1, 2, 3, 4].map((i) => {
    const p: Record<string, string> = {
      ...BASE_PERSON, employeeNumber: String(1001 + i), nationalId: BSNS[i], lastName: ['Jansen', 'Bakker', 'Smit', 'de Vries', 'Visser'][i],
      firstName: ['Anna', 'Bram', 'Sanne', 'Daan', 'Eva'][i], grossMonthlySalary: ['3500.00', '4100.50', '2999.99', '5200', '3100.25'][i],
      exitDate: i === 4 ? '2026-09-30' : '',
    };
    return CANONICAL_FIELDS.map((f) => p[f]);
  }),
};

export type Mutation =
  | { kind: 'cell'; row: number; col: number; value: Cell }
  | { kind: 'dropRow'; row: number }
  | { kind: 'duplicateRow'; row: number }
  | { kind: 'swapRows'; a: number; b: number }
  | { kind: 'blankRow'; at: number }
  | { kind: 'dropColumn'; col: number }
  | { kind: 'extraColumn'; name: string; values: string[] };

export type Dialect = { crlf: boolean; bom: boolean; delimiter: ',' | ';' | '\t' };
export type FileDamage = { kind: 'none' } | { kind: 'truncate'; fraction: number } | { kind: 'suffix'; bytes: number[] };

export interface MutatedFile {
  format: 'csv' | 'xlsx';
  mutations: Mutation[];
  dialect: Dialect;
  damage: FileDamage;
}

// What payroll exports hold when they go wrong: typos, wrong formats, quoting and line-break
// trouble, formulas, odd Unicode, and everything else fast-check thinks of.
const TRICKY = [
  '', ' ', '   ', '=1+1', '+31 6 1234', '-5', '@SUM(A1)', '"', '""', '"quoted"', ',', ';', '\t', 'a\nb', 'line\r\nbreak', 'x\u0000y',
  '\uFEFFbom', 'é', 'Ærø', 'ß', '😀', 'Ω≈ç', 'x'.repeat(300), '31-12-2020', '2020-02-30', '2020-13-01', '12/31/2020', '1e3', '3.500,00',
  '3,500.00', 'NaN', 'Infinity', '-0', '000123', ' 1001 ', '1001', '1002', 'M', 'f', 'X', 'married', 'white_collar', 'NL', 'nl', 'BE', 'ZZ',
  '100', '100.5', '101', '0', '2026-09-30', '1985-04-12', '2031-01-01', '123456782', '123456783', '85073100328', 'null', 'undefined',
];

const text = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);
/** XML 1.0 cannot hold most control characters: a spreadsheet program never writes them. */
const XML_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/; // eslint-disable-line no-control-regex
const xlsxText = text.filter((s) => !XML_UNSAFE.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')));
const xlsxCell: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 4, arbitrary: xlsxText },
  { weight: 1, arbitrary: fc.double({ noNaN: true, min: -1e7, max: 1e7 }) },
  { weight: 1, arbitrary: fc.integer({ min: -10, max: 80000 }) },
  { weight: 1, arbitrary: fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()))) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const mutation = (format: 'csv' | 'xlsx'): fc.Arbitrary<Mutation> => fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('cell' as const), row: fc.nat(9), col: fc.nat(CANONICAL_FIELDS.length - 1), value: format === 'csv' ? text : xlsxCell }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dropRow' as const), row: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicateRow' as const), row: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('swapRows' as const), a: fc.nat(9), b: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('blankRow' as const), at: fc.nat(9) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dropColumn' as const), col: fc.nat(CANONICAL_FIELDS.length - 1) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('extraColumn' as const),
      name: fc.constantFrom('Notitie', 'Afdeling', 'kostenplaats', 'Lastname', 'EMPLOYEENUMBER', ' ', ''),
      values: fc.array(format === 'csv' ? text : xlsxText, { minLength: 10, maxLength: 10 }),
    }),
  },
);

export const mutatedFile = (format: 'csv' | 'xlsx'): fc.Arbitrary<MutatedFile> => fc.record({
  format: fc.constant(format),
  mutations: fc.array(mutation(format), { minLength: 1, maxLength: 4 }),
  dialect: format === 'csv'
    ? fc.record({ crlf: fc.boolean(), bom: fc.boolean(), delimiter: fc.constantFrom(',' as const, ';' as const, '\t' as const) })
    : fc.constant({ crlf: false, bom: false, delimiter: ',' as const }),
  damage: fc.oneof(
    { weight: 8, arbitrary: fc.constant({ kind: 'none' as const }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('suffix' as const), bytes: fc.array(fc.nat(255), { minLength: 1, maxLength: 16 }) }) },
  ),
});

/** The month after the mutations, as cells (what the file means to say). */
function applyMutations(mutations: Mutation[]): Model {
  const m: Model = { header: [...START.header], rows: START.rows.map((r) => [...r]) };
  for (const x of mutations) {
    const n = m.rows.length;
    switch (x.kind) {
      case 'cell':
        if (n && x.col < m.header.length) m.rows[x.row % n][x.col] = x.value;
        break;
      case 'dropRow':
        if (n > 1) m.rows.splice(x.row % n, 1);
        break;
      case 'duplicateRow':
        if (n) m.rows.splice(x.row % n + 1, 0, [...m.rows[x.row % n]]);
        break;
      case 'swapRows':
        if (n) [m.rows[x.a % n], m.rows[x.b % n]] = [m.rows[x.b % n], m.rows[x.a % n]];
        break;
      case 'blankRow':
        m.rows.splice(x.at % (n + 1), 0, m.header.map(() => ''));
        break;
      case 'dropColumn':
        if (m.header.length > 1) {
          const c = x.col % m.header.length;
          m.header.splice(c, 1);
          for (const r of m.rows) r.splice(c, 1);
        }
        break;
      case 'extraColumn':
        m.header.push(x.name);
        m.rows.forEach((r, i) => r.push(x.values[i % x.values.length]));
        break;
    }
  }
  return m;
}

const csvQuote = (v: string, d: string) => (v.includes(d) || v.includes('"') || /[\r\n]/.test(v) || v !== v.trim() && v.trim() === '' ? `"${v.replace(/"/g, '""')}"` : v);
const asText = (c: Cell) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c));

/** The records a CSV reader meets: a blank record stays blank (it holds only delimiters). */
function renderCsv(m: Model, d: Dialect): Buffer {
  const nl = d.crlf ? '\r\n' : '\n';
  const line = (cells: Cell[]) => cells.map((c) => csvQuote(asText(c), d.delimiter)).join(d.delimiter);
  const body = [line(m.header), ...m.rows.map(line)].join(nl) + nl;
  return Buffer.concat([d.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(body, 'utf8')]);
}

async function renderXlsx(m: Model): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Blad1');
  ws.addRow(m.header);
  for (const r of m.rows) {
    const row = ws.addRow(r.map((c) => (c === '' ? null : c)));
    r.forEach((c, i) => {
      if (c instanceof Date) row.getCell(i + 1).numFmt = 'yyyy-mm-dd';
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface Expectation {
  /** Accepted: each person's canonical values by employee number. */
  accepted?: Map<string, Record<string, string | null>>;
  /** Refused: where (row, column) the domain finds each problem. */
  refused?: ImportError[];
  /** The bytes were damaged: refused, or accepted with what the file still says. */
  damaged: boolean;
}

/**
 * What the system must do with the month `m`: its header and rows through the domain's row
 * mapper (as the import runs it), duplicates of an employee number on the later row.
 * A CSV record that is all blank is skipped; in XLSX an empty row is too.
 */
function expectFor(m: Model, profileJson: unknown, format: 'csv' | 'xlsx'): Expectation {
  const profile = mappingProfileSchema.parse(profileJson);
  // A NUL byte marks a binary file: refused whole before any row is read.
  if (format === 'csv' && [m.header, ...m.rows].some((r) => r.some((c) => asText(c).includes('\u0000')))) {
    return { refused: [{ code: 'unsupported_format', file: 'month', message: '' }], damaged: false };
  }
  const file = 'month';
  const compiled = compileRowMapper(m.header, profile, file, 1);
  if ('errors' in compiled) return { refused: compiled.errors, damaged: false };
  const errors: ImportError[] = [];
  const seen = new Map<string, number>();
  const accepted = new Map<string, Record<string, string | null>>();
  m.rows.forEach((cells, i) => {
    const rowNumber = i + 2;
    const values = format === 'csv' ? cells.map(asText) : cells.map((c) => (c === '' ? null : c));
    if (values.every((c) => c === null || c === undefined || (typeof c === 'string' && c.trim() === ''))) return;
    const mapped = compiled.mapper.map(values, rowNumber, errors);
    if (!mapped) return;
    const key = mapped.canonical[0]!;
    if (seen.has(key)) {
      errors.push({ code: 'duplicate_employee_number', file, row: rowNumber, column: compiled.mapper.keyColumn, field: 'employeeNumber', message: '' });
      return;
    }
    seen.set(key, rowNumber);
    accepted.set(key, {
      ...Object.fromEntries(CANONICAL_FIELDS.map((f, j) => [f, mapped.canonical[j]])),
      ...Object.fromEntries(compiled.mapper.customColumns.map((c, j) => [`custom:${c}`, mapped.custom[j]])),
    });
  });
  if (accepted.size === 0 && errors.length === 0) return { refused: [{ code: 'header_only', file, message: '' }], damaged: false };
  return errors.length ? { refused: errors, damaged: false } : { accepted, damaged: false };
}

async function renderFile(f: MutatedFile): Promise<{ bytes: Buffer; model: Model }> {
  const model = applyMutations(f.mutations);
  let bytes = f.format === 'csv' ? renderCsv(model, f.dialect) : await renderXlsx(model);
  if (f.damage.kind === 'truncate') {
    let cut = Math.floor(bytes.length * f.damage.fraction);
    // A CSV cut inside a UTF-8 sequence is a different fault (encoding): cut before it.
    if (f.format === 'csv') while (cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut--;
    bytes = bytes.subarray(0, cut);
  }
  if (f.damage.kind === 'suffix') bytes = Buffer.concat([bytes, Buffer.from(f.damage.bytes)]);
  return { bytes, model };
}

/** Whole-file problems that sit on no row and no column. */
const FILE_LEVEL = new Set(['empty_file', 'header_only', 'unsupported_format', 'unsupported_encoding', 'not_xlsx', 'damaged_xlsx', 'xlsx_too_large', 'sheet_not_found', 'too_many_rows', 'file_too_large']);

export interface World {
  app: FastifyInstance; db: Db; auth: { authorization: string };
  /** Employers holding only the baseline month (a refused month leaves them so): reused. */
  spare?: { id: string; profile: unknown; state: string }[];
}
export type Outcome = 'accepted' | 'refused';

async function employerState(w: World, employerId: string) {
  const q = (sql: string) => w.db.$client.query(sql, [employerId]).then((r) => r.rows);
  return JSON.stringify({
    persons: await q('select employee_number, data, status, last_import_id from persons where employer_id = $1 order by employee_number'),
    changes: await q('select count(*)::int as n from payroll_changes where employer_id = $1'),
    imports: await q(`select id, status from payroll_imports where employer_id = $1 and status <> 'failed' order by id`),
  });
}

const describe = (e: { code?: string; row?: number; column?: string }) => `${e.code}@${e.row ?? '-'}:${e.column ?? '-'}`;

/**
 * Uploads one generated month for a fresh employer with a baseline month, and checks the
 * property. Returns the outcome; throws with the case's details when the property is broken.
 */
export async function checkMutatedFile(w: World, f: MutatedFile): Promise<Outcome> {
  const { bytes, model } = await renderFile(f);
  const upload = (employerId: string, content: Buffer, name: string, period: string) => {
    const form = new FormData();
    form.set('period', period);
    form.set('file', new Blob([content]), name);
    // An import that neither completes nor fails (an activity retried for ever) is a failure too.
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within 30 s: the import neither completed nor failed\n  case: ${JSON.stringify(f)}`)), 30_000);
    });
    return Promise.race([w.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: w.auth, payload: form }), timeout])
      .finally(() => clearTimeout(timer));
  };
  let employer = w.spare?.pop();
  if (!employer) {
    const created = await w.app.inject({ method: 'POST', url: '/api/employers', headers: w.auth, payload: { name: 'Property employer', country: 'NL' } });
    if (created.statusCode !== 201) throw new Error(`create employer: ${created.statusCode} ${created.body}`);
    const id = created.json().id as string;
    // A baseline month first: a refused month must leave it exactly as it was.
    const baseline = await upload(id, renderCsv(START, { crlf: false, bom: false, delimiter: ',' }), 'sept.csv', '2026-09');
    if (baseline.statusCode !== 201) throw new Error(`baseline: ${baseline.statusCode} ${baseline.body}`);
    employer = { id, profile: created.json().mappingProfile, state: await employerState(w, id) };
  }
  const { id: employerId, profile, state: before } = employer;
  const res = await upload(employerId, bytes, `okt.${f.format}`, '2026-10');
  const expected = f.damage.kind === 'none' ? { ...expectFor(model, profile, f.format), mayRefuse: false } : damagedExpectation(model, bytes, f, profile);
  const where = () => `\n  case: ${JSON.stringify(f)}\n  answer: ${res.statusCode} ${res.body.slice(0, 600)}`;

  if (res.statusCode === 201) {
    if (expected.refused) throw new Error(`accepted, but the domain refuses it (${expected.refused.map(describe).join(', ') || 'damaged'})${where()}`);
    const { rows } = await w.db.$client.query('select employee_number, data, status from persons where employer_id = $1', [employerId]);
    const stored = new Map(rows.map((r) => [r.employee_number as string, r.data as Record<string, unknown>]));
    const status = new Map(rows.map((r) => [r.employee_number as string, r.status as string]));
    const want = expected.accepted!;
    const mismatch: string[] = [];
    for (const [key, values] of want) {
      const got = stored.get(key);
      if (!got || status.get(key) === 'missing') {
        mismatch.push(`${key} missing`);
        continue;
      }
      for (const field of Object.keys(values)) {
        const value = field.startsWith('custom:') ? (got.custom as Record<string, unknown> | undefined)?.[field.slice(7)] : got[field];
        if ((value ?? null) !== values[field]) mismatch.push(`${key}.${field}`);
      }
    }
    // Last month's people absent now are kept, flagged missing (or still departed).
    for (const key of stored.keys()) if (!want.has(key) && !['missing', 'departed'].includes(status.get(key)!)) mismatch.push(`${key} not in the file`);
    if (mismatch.length) throw new Error(`accepted, but stored content differs from the file: ${mismatch.slice(0, 10).join(', ')}${where()}`);
    return 'accepted';
  }

  if (res.statusCode < 400 || res.statusCode >= 500) throw new Error(`neither accepted nor refused${where()}`);
  const body = res.json() as { error?: string; errors?: ImportError[] };
  const errors = body.errors ?? [];
  if (!errors.length) throw new Error(`refused without errors${where()}`);
  for (const e of errors) {
    const placed = typeof e.row === 'number' && (typeof e.column === 'string' || e.code === 'field_count' || e.code === 'missing_required_column' || e.code === 'malformed_csv' || e.code === 'invalid_encoding');
    if (!placed && !FILE_LEVEL.has(e.code)) throw new Error(`refused, but ${describe(e)} names no row and column${where()}`);
  }
  if (expected.accepted && !expected.mayRefuse) throw new Error(`refused, but the domain accepts it${where()}`);
  if (expected.refused?.length && !expected.mayRefuse) {
    // Every problem reported sits where the domain finds one (a file stops at the first unreadable record).
    const known = new Set(expected.refused.map((e) => `${e.row}:${e.column ?? '-'}`));
    const rowsWithProblems = new Set(expected.refused.map((e) => e.row));
    for (const e of errors) {
      if (FILE_LEVEL.has(e.code) && expected.refused.some((x) => x.code === e.code)) continue;
      if (!known.has(`${e.row}:${e.column ?? '-'}`) && !rowsWithProblems.has(e.row)) {
        throw new Error(`refused at ${describe(e)}, where the domain sees no problem (it sees ${expected.refused.map(describe).join(', ')})${where()}`);
      }
    }
  }
  const after = await employerState(w, employerId);
  if (after !== before) throw new Error(`refused, but the database changed${where()}`);
  w.spare?.push(employer);
  return 'refused';
}

/**
 * What a damaged file still says. A cut CSV: its text read by a reference parser (papaparse,
 * whole text at once); bytes after a CSV's or a zip's end change nothing or make it refused;
 * a cut workbook is refused.
 */
function damagedExpectation(model: Model, bytes: Buffer, f: MutatedFile, profile: unknown): Expectation & { mayRefuse: boolean } {
  if (f.damage.kind === 'suffix') return { ...expectFor(model, profile, f.format), damaged: true, mayRefuse: true };
  if (f.format === 'xlsx') return { refused: [], damaged: true, mayRefuse: true };
  let text = bytes.toString('utf8');
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { delimiter: f.dialect.delimiter, newline: f.dialect.crlf ? '\r\n' : '\n', skipEmptyLines: false });
  if (parsed.errors.length || parsed.data.length === 0) return { refused: [], damaged: true, mayRefuse: true };
  const [header, ...rows] = parsed.data;
  const width = header.length;
  const cut = rows.findIndex((r) => r.length < width && !(r.length === 1 && r[0] === ''));
  if (cut >= 0) {
    return { refused: [{ code: 'field_count', file: 'month', row: cut + 2, message: '' }], damaged: true, mayRefuse: false };
  }
  return { ...expectFor({ header, rows: rows.filter((r) => !(r.length === 1 && r[0] === '')) }, profile, 'csv'), damaged: true, mayRefuse: false };
}
