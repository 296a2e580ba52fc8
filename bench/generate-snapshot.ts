import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from 'exceljs';
import { CANONICAL_FIELDS } from '../domain/payroll/canonical';

/**
 * Realistic, reproducible payroll snapshots for demos and benchmarks: N employees in the
 * canonical columns plus custom ones, with monthly churn (hires and departures) and field
 * changes spread over the columns. Month 0 is the baseline; month k applies k months of churn.
 * No real people: names come from short lists, BSNs are generated to pass the 11-check.
 */
export interface SnapshotSpec {
  employees: number;
  month: number;
  seed?: number;
  /** Hires + departures per month, as a fraction of employees (default 0.03). */
  churn?: number;
  /** Persons with field changes per month, as a fraction (default 0.05). */
  changeRate?: number;
  /** Total columns, canonical plus custom (default 40). */
  columns?: number;
  /** The period of month 0 (default 2026-01): hire and exit dates fall in the right months. */
  firstPeriod?: string;
}

const LAST = ['Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer', 'Mulder', 'Peeters', 'Maes', 'Claes', 'Öztürk', 'Çelik', 'Lemaître', 'Nowak'];
const FIRST = ['Anna', 'Daan', 'Sanne', 'Lucas', 'Emma', 'Noah', 'Julia', 'Sem', 'Mila', 'Finn', 'Inge', 'Mehmet', 'Tomasz', 'Lotte', 'Bart', 'Eva'];
const STREETS = ['Kerkstraat', 'Dorpsstraat', 'Molenweg', 'Stationsplein', 'Beukenlaan', 'Schoolstraat', 'Nieuwe Gracht', 'Markt'];
const CITIES: [string, string][] = [['3511CD', 'Utrecht'], ['4811MN', 'Breda'], ['9711IJ', 'Groningen'], ['2511EF', 'Den Haag'], ['1011AB', 'Amsterdam']];
const MARITAL = ['single', 'married', 'cohabiting', 'divorced', 'widowed'];

/** Small fast PRNG (mulberry32): seeded per person and month here, any person is reproducible alone; the other generators share it. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const mix = (...n: number[]) => n.reduce((h, x) => Math.imul(h ^ x, 2654435761) >>> 0, 0x9e3779b9);
const pick = <T>(r: () => number, list: readonly T[]) => list[Math.floor(r() * list.length)];
const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function generateBsn(r: () => number): string {
  for (;;) {
    const d = Array.from({ length: 8 }, () => Math.floor(r() * 10));
    if (d[0] === 0) d[0] = 1;
    const sum = d.reduce((s, x, i) => s + (9 - i) * x, 0);
    const check = sum % 11;
    if (check < 10) return d.join('') + check;
  }
}

type Row = Record<string, string>;

/** `YYYY-MM` of month `m` after `first`. */
function periodOf(first: string, m: number): string {
  const [y, mo] = first.split('-').map(Number);
  const t = y * 12 + (mo - 1) + m;
  return `${Math.floor(t / 12)}-${pad((t % 12) + 1, 2)}`;
}

/** A Dutch payroll's nationalities, roughly: mostly Dutch, some neighbours, a few from further. */
const NATIONALITIES = [...Array<string>(15).fill('NL'), 'BE', 'BE', 'DE', 'PL', 'TR'];

function basePerson(index: number, seed: number, hireMonth: number, firstPeriod: string): Row {
  const r = rng(mix(seed, index, 1));
  const last = pick(r, LAST);
  const prefixMatch = /^(de|van den|van der|van) (.*)$/.exec(last);
  const [postalCode, city] = pick(r, CITIES);
  // Drawn before the hire date (the order of draws keeps every other field as it was), but an
  // age at hire of 18–62 and no one older than 67 in the first period: birth and hire years drawn
  // apart made one person in six a child at hire, findings of the audit's age rule no payroll has.
  const ageDraw = r();
  const first = pick(r, FIRST);
  const hire = hireMonth <= 0
    ? `${2000 + Math.floor(r() * 25)}-${pad(1 + Math.floor(r() * 12), 2)}-01`
    : `${periodOf(firstPeriod, hireMonth)}-01`;
  const hireYear = Number(hire.slice(0, 4));
  const ageAtHire = 18 + Math.floor(ageDraw * Math.min(45, 49 - (Number(firstPeriod.slice(0, 4)) - hireYear)));
  const birthYear = hireYear - ageAtHire - 1;
  const marital = pick(r, MARITAL);
  return {
    employeeNumber: `E${pad(index, 7)}`,
    nationalId: generateBsn(r),
    lastName: prefixMatch ? prefixMatch[2] : last,
    namePrefix: prefixMatch ? prefixMatch[1] : '',
    firstName: first,
    initials: `${first[0]}.`,
    birthDate: `${birthYear}-${pad(1 + Math.floor(r() * 12), 2)}-${pad(1 + Math.floor(r() * 28), 2)}`,
    gender: pick(r, ['M', 'F', 'X', 'M', 'F']),
    nationality: pick(r, NATIONALITIES),
    maritalStatus: marital,
    street: pick(r, STREETS),
    houseNumber: String(1 + Math.floor(r() * 250)),
    postalCode,
    city,
    country: 'NL',
    partnerLastName: marital === 'married' || marital === 'cohabiting' ? pick(r, LAST).replace(/^(de|van den|van der|van) /, '') : '',
    partnerNamePrefix: '',
    category: r() < 0.6 ? 'white_collar' : 'blue_collar',
    salaryClass: String(1 + Math.floor(r() * 12)),
    workSchedulePercent: pick(r, ['100', '100', '80', '60', '50']),
    grossMonthlySalary: (2200 + Math.floor(r() * 600000) / 100).toFixed(2),
    hireDate: hire,
    exitDate: '',
  };
}

const CHANGEABLE: [string, (r: () => number, row: Row) => string][] = [
  ['street', (r) => pick(r, STREETS)],
  ['houseNumber', (r) => String(1 + Math.floor(r() * 250))],
  ['maritalStatus', (r, row) => pick(r, MARITAL.filter((m) => m !== row.maritalStatus))],
  ['workSchedulePercent', (r, row) => (row.workSchedulePercent === '100' ? '80' : '100')],
  ['grossMonthlySalary', (r, row) => (Number(row.grossMonthlySalary) * (1.01 + r() * 0.05)).toFixed(2)],
  ['salaryClass', (r, row) => String(Number(row.salaryClass) + 1)],
  ['lastName', (r) => pick(r, LAST).replace(/^(de|van den|van der|van) /, '')],
  ['category', (r, row) => (row.category === 'white_collar' ? 'blue_collar' : 'white_collar')],
];

export function customColumnNames(columns: number): string[] {
  const extra = Math.max(0, columns - CANONICAL_FIELDS.length);
  return Array.from({ length: extra }, (_, i) => (i === 0 ? 'costCentre' : i === 1 ? 'department' : `custom${pad(i - 1, 2)}`));
}

/** The rows of month `month`, in employee-number order, as canonical text values. */
export function* snapshotRows(spec: SnapshotSpec): Generator<Row> {
  const seed = spec.seed ?? 42;
  const churn = spec.churn ?? 0.03;
  const changeRate = spec.changeRate ?? 0.05;
  const firstPeriod = spec.firstPeriod ?? '2026-01';
  const hiresPerMonth = Math.round((spec.employees * churn) / 2);
  const custom = customColumnNames(spec.columns ?? 40);
  const total = spec.employees + hiresPerMonth * spec.month;
  for (let i = 1; i <= total; i++) {
    const hireMonth = i <= spec.employees ? 0 : Math.ceil((i - spec.employees) / hiresPerMonth);
    const row = basePerson(i, seed, hireMonth, firstPeriod);
    let departed = false;
    for (let m = Math.max(1, hireMonth + 1); m <= spec.month; m++) {
      const r = rng(mix(seed, i, m, 7));
      if (departed) continue;
      if (r() < churn / 2) {
        departed = true;
        row.exitDate = `${periodOf(firstPeriod, m)}-28`;
        continue;
      }
      if (r() < changeRate) {
        const n = 1 + Math.floor(r() * 3);
        for (let k = 0; k < n; k++) {
          const [field, next] = pick(r, CHANGEABLE);
          row[field] = next(r, row);
        }
      }
    }
    const cr = rng(mix(seed, i, 99));
    custom.forEach((c, k) => { row[c] = k === 0 ? `CC${pad(Math.floor(cr() * 40), 3)}` : k === 1 ? pick(cr, ['Productie', 'Verkoop', 'Staf', 'Logistiek']) : String(Math.floor(cr() * 1000)); });
    yield row;
  }
}

const csvCell = (v: string, d: string) => (v.includes(d) || v.includes('"') || v.includes('\n') ? `"${v.replace(/"/g, '""')}"` : v);

/** How a payroll system writes its export: the plain canonical CSV by default. */
export interface CsvShape {
  delimiter?: string;
  /** CRLF line breaks (Windows exports). */
  crlf?: boolean;
  /** Windows-1252 instead of UTF-8 (the generated names are all in it). */
  windows1252?: boolean;
  /** Amounts with a decimal comma. */
  decimalComma?: boolean;
}

export async function writeSnapshotCsv(path: string, spec: SnapshotSpec, shape: CsvShape = {}): Promise<number> {
  const { delimiter = ',', crlf = false, windows1252 = false, decimalComma = false } = shape;
  const newline = crlf ? '\r\n' : '\n';
  const out = createWriteStream(path);
  const headers = [...CANONICAL_FIELDS, ...customColumnNames(spec.columns ?? 40)];
  const write = async (text: string) => {
    if (!out.write(Buffer.from(text, windows1252 ? 'latin1' : 'utf8'))) await once(out, 'drain');
  };
  let buf = `${headers.join(delimiter)}${newline}`;
  let rows = 0;
  for (const row of snapshotRows(spec)) {
    if (decimalComma) row.grossMonthlySalary = row.grossMonthlySalary.replace('.', ',');
    buf += `${headers.map((h) => csvCell(row[h] ?? '', delimiter)).join(delimiter)}${newline}`;
    rows++;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  out.end();
  await once(out, 'finish');
  return rows;
}

/**
 * `excelLike`: as a spreadsheet program saves it — strings in the shared-strings table, dates as
 * serials with a date format, amounts as numbers — instead of every value as an inline string.
 */
export async function writeSnapshotXlsx(path: string, spec: SnapshotSpec, shape: { excelLike?: boolean } = {}): Promise<number> {
  const excelLike = shape.excelLike === true;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: excelLike, useStyles: excelLike });
  const sheet = workbook.addWorksheet('Payroll');
  const headers = [...CANONICAL_FIELDS, ...customColumnNames(spec.columns ?? 40)];
  sheet.addRow(headers).commit();
  const dateFormat = 'dd-mm-yyyy';
  let rows = 0;
  for (const row of snapshotRows(spec)) {
    const added = sheet.addRow(headers.map((h) => {
      const v = row[h] ?? '';
      if (!excelLike) return v;
      const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      if (date) return new Date(Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3])));
      return /^-?(0|[1-9]\d{0,8})(\.\d+)?$/.test(v) && h !== 'employeeNumber' ? Number(v) : v;
    }));
    if (excelLike) added.eachCell((cell) => { if (cell.value instanceof Date) cell.numFmt = dateFormat; });
    added.commit();
    rows++;
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
