import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { type ImportError, PayrollFileError } from '../../../domain/payroll/import-errors';
import type { MappingProfile } from '../../../domain/payroll/mapping-profile';
import type { Cell } from '../../../domain/payroll/row-mapper';
import { type RowSink, SheetRows } from './row-sink';
import { type SheetTag, type SheetXmlHandler, SheetXmlScanner } from './sheet-xml-scanner';
import { type XlsxLimits, guardXlsx } from './xlsx-guard';

/*
 * A streaming XLSX reader: the zip's parts through yauzl, their XML through saxes and the sheet's
 * through SheetXmlScanner (sheet-xml-scanner.ts says why), the sheet row by row without holding
 * its XML or building a spreadsheet library's Row and Cell objects (exceljs' streaming reader took
 * ~2× the time of the XML parse alone). It delivers the cells exceljs'
 * streaming reader delivered (test/activities/payroll/xlsx-parity.test.ts compares the two on every
 * fixture and on workbooks written for each feature), except where exceljs lost data:
 * - a formula's cached result that is 0, false or "" (exceljs dropped falsy results: an empty cell);
 *   a boolean result stays a boolean (exceljs: 1), a date-formatted result is a date (exceljs: the serial);
 * - an inline string of several runs is every run (exceljs: the last run);
 * - text is decoded once (exceljs decoded entities of inline strings and string results twice:
 *   "&amp;lt;" in the XML became "<"), CDATA is text, a character split between two zip chunks
 *   stays one character (exceljs decoded each chunk on its own);
 * - the sheet at a position is the workbook's sheet at that position (exceljs: the zip's order);
 * - prefixed element names (<x:c>), rows and cells without a reference, `t="d"` ISO dates and
 *   `date1904="true"` are read as the format defines them; phonetic runs (<rPh>) are not text.
 */

/** Number formats Excel builds in (ids below 164) that show dates or times. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58, 81]);

/**
 * A format code shows a date or time when, outside quoted text and [brackets], it holds one of
 * y m d h s (the rule exceljs applies; "General", "0.00", "#,##0 €" are numbers).
 */
export function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/\\(.)/g, '$1').replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare);
}

/** Days between 1899-12-30 (serial 0) and 1970-01-01; the 1904 system starts 1,462 days later. */
const UNIX_EPOCH_SERIAL = 25569;
const DATE_1904_OFFSET = 1462;

/** A serial as the JS Date exceljs gives (UTC, rounded to the millisecond), so hashes of rows stay as they were. */
function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - UNIX_EPOCH_SERIAL + (date1904 ? DATE_1904_OFFSET : 0)) * 24 * 3600 * 1000));
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** "AB12" → 28 (1-based); 0 when the reference holds no column letters. */
function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A structural problem in a part: named by part (and sheet, row, cell when known), never by content. */
class XlsxDamage extends Error {
  constructor(readonly where: string, readonly row?: number) {
    super(where);
  }
}

interface Zip {
  entries: Map<string, yauzl.Entry>;
  file: yauzl.ZipFile;
}

async function openZip(path: string): Promise<Zip> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err ? reject(err) : resolve(zip!))));
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((resolve, reject) => {
    file.on('error', reject);
    file.on('end', resolve);
    file.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry);
      file.readEntry();
    });
    file.readEntry();
  });
  return { entries, file };
}

/** The zip or the XML of a part is broken (as opposed to the sink failing, which propagates as is). */
class UnreadablePart extends Error {}

/** What a part's bytes are fed to: a saxes parser (through a UTF-8 decoder), or the sheet's scanner. */
interface XmlReader {
  write(chunk: Buffer): void;
  close(): void;
}

/** A saxes parser set up by `setup`, for the small parts (workbook, relationships, styles, shared strings). */
function saxesReader(setup: (parser: SaxesParser) => void): XmlReader {
  const parser = new SaxesParser({ position: false });
  setup(parser);
  const decoder = new StringDecoder('utf8');
  return {
    write: (chunk) => { parser.write(decoder.write(chunk)); },
    close: () => { parser.write(decoder.end()); parser.close(); },
  };
}

/**
 * Streams one part's bytes through `parser`; `afterChunk` runs between chunks (the sheet delivers
 * its rows there, awaiting the sink).
 */
async function parsePart(zip: Zip, name: string, parser: XmlReader, afterChunk?: () => Promise<void>): Promise<void> {
  const entry = zip.entries.get(name);
  if (!entry) return;
  const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.file.openReadStream(entry, (err, s) => (err || !s ? reject(new UnreadablePart()) : resolve(s))));
  const write = (chunk: Buffer | null) => {
    try {
      if (chunk === null) parser.close();
      else parser.write(chunk);
    } catch (err) {
      if (err instanceof XlsxDamage || err instanceof PayrollFileError) throw err;
      throw new UnreadablePart();
    }
  };
  const iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await iterator.next();
      } catch {
        throw new UnreadablePart();
      }
      if (next.done) break;
      write(next.value);
      if (afterChunk) await afterChunk();
    }
    write(null);
    if (afterChunk) await afterChunk();
  } finally {
    (stream as NodeJS.ReadableStream & { destroy(): void }).destroy();
  }
}

interface SheetRef { name: string; part: string }

interface WorkbookInfo {
  sheets: SheetRef[];
  date1904: boolean;
  stylesPart: string;
  sharedStringsPart: string;
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const partNumber = (name: string) => Number(SHEET_PART.exec(name)![1]);

/** A relationship target, resolved against the folder of the part that names it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

async function readWorkbook(zip: Zip): Promise<WorkbookInfo> {
  const rels = new Map<string, { target: string; type: string }>();
  await parsePart(zip, 'xl/_rels/workbook.xml.rels', saxesReader((p) => p.on('opentag', (tag: SaxesTagPlain) => {
    if (localName(tag.name) === 'Relationship') {
      rels.set(tag.attributes.Id, { target: resolveTarget('xl', tag.attributes.Target ?? ''), type: tag.attributes.Type ?? '' });
    }
  })));
  const sheets: SheetRef[] = [];
  let date1904 = false;
  await parsePart(zip, 'xl/workbook.xml', saxesReader((p) => p.on('opentag', (tag: SaxesTagPlain) => {
    const name = localName(tag.name);
    if (name === 'workbookPr') date1904 = tag.attributes.date1904 === '1' || tag.attributes.date1904 === 'true';
    else if (name === 'sheet') {
      const rid = Object.entries(tag.attributes).find(([k]) => localName(k) === 'id' && k !== 'sheetId')?.[1];
      const rel = rid === undefined ? undefined : rels.get(rid);
      if (rel && zip.entries.has(rel.target)) sheets.push({ name: tag.attributes.name ?? '', part: rel.target });
    }
  })));
  if (sheets.length === 0) {
    // No relationships to follow: the worksheets in the order of their numbers, named as exceljs named them.
    for (const [name] of [...zip.entries].filter(([n]) => SHEET_PART.test(n)).sort(([a], [b]) => partNumber(a) - partNumber(b))) {
      sheets.push({ name: `Sheet${partNumber(name)}`, part: name });
    }
  }
  const byType = (suffix: string, fallback: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target ?? fallback;
  return {
    sheets, date1904,
    stylesPart: byType('/styles', 'xl/styles.xml'),
    sharedStringsPart: byType('/sharedStrings', 'xl/sharedStrings.xml'),
  };
}

/** Per cell style (index into cellXfs): does its number format show a date? */
async function readDateStyles(zip: Zip, part: string): Promise<boolean[]> {
  const customFormats = new Map<number, string>();
  const styleFormats: number[] = [];
  let inCellXfs = false;
  await parsePart(zip, part, saxesReader((p) => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const name = localName(tag.name);
      if (name === 'numFmt') customFormats.set(parseInt(tag.attributes.numFmtId, 10), tag.attributes.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) styleFormats.push(parseInt(tag.attributes.numFmtId ?? '0', 10));
    });
    p.on('closetag', (tag) => {
      if (localName(tag.name) === 'cellXfs') inCellXfs = false;
    });
  }));
  return styleFormats.map((id) => {
    if (!id) return false;
    const custom = customFormats.get(id);
    return custom !== undefined ? isDateFormatCode(custom) : BUILTIN_DATE_FORMATS.has(id);
  });
}

/** Shared strings in order; an empty one is null (a cell pointing at it is empty, as before). */
async function readSharedStrings(zip: Zip, part: string): Promise<(string | null)[]> {
  const strings: (string | null)[] = [];
  let inSi = false;
  let inPhonetic = 0;
  let inT = false;
  let text = '';
  await parsePart(zip, part, saxesReader((p) => {
    p.on('opentag', (tag: SaxesTagPlain) => {
      const name = localName(tag.name);
      if (name === 'si') { inSi = true; text = ''; }
      else if (name === 'rPh') inPhonetic++;
      else if (name === 't' && inSi && inPhonetic === 0 && !tag.isSelfClosing) inT = true;
    });
    const onText = (t: string) => { if (inT) text += t; };
    p.on('text', onText);
    p.on('cdata', onText);
    p.on('closetag', (tag) => {
      const name = localName(tag.name);
      if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic--;
      else if (name === 'si') { strings.push(text === '' ? null : text); inSi = false; }
    });
  }));
  return strings;
}

interface SheetRow { number: number; cells: Cell[] }

/**
 * Reads a worksheet part's XML (through SheetXmlScanner), pushing each completed row to `rows`
 * (the caller takes them between chunks). Cells sit at the column their reference names; a row's
 * cells end at its last cell with a value (an error or a formula without a result counts, as
 * exceljs counted it).
 */
function sheetHandler(rows: SheetRow[], ctx: { sheet: string; dateStyles: boolean[]; shared: (string | null)[]; date1904: boolean; at: { row: number; col: number } }): SheetXmlHandler {
  const { dateStyles, shared, date1904, at } = ctx;
  const styleIsDate = (s: string | undefined): boolean | undefined => {
    if (!s) return undefined;
    const i = parseInt(s, 10);
    // Style 0 is the default style: never a date (as exceljs had it).
    if (!i || i >= dateStyles.length) return undefined;
    return dateStyles[i];
  };
  let inSheetData = false;
  let inRow = false;
  let rowNumber = 0;
  let rowDate = false;
  let values: Cell[] = [];
  let length = 0;
  // The cell being read.
  let inCell = false;
  let col = 0;
  let type = '';
  let date = false;
  let hasF = false;
  let hasV = false;
  let hasIs = false;
  let phonetic = 0;
  let text = '';
  let isText = '';
  let inIs = false;

  const damaged = (what: string): never => {
    throw new XlsxDamage(`sheet "${ctx.sheet}", cell ${columnLetters(col)}${rowNumber}: ${what}`, rowNumber);
  };

  const number = (): Cell => {
    const n = parseFloat(text);
    return date && Number.isFinite(n) ? serialToDate(n, date1904) : n;
  };

  const handler: SheetXmlHandler = {
    // True while a <v> or an inline string's <t> is read.
    wantsText: false,
    text(t: string) { text += t; },
    open(name: string, tag: SheetTag, selfClosing: boolean) {
      if (inCell) {
        switch (name) {
          case 'v': hasV = true; handler.wantsText = true; text = ''; break;
          case 'f': hasF = true; break;
          case 'is': hasIs = true; inIs = true; isText = ''; break;
          case 'rPh': phonetic++; break;
          case 't': if (inIs && phonetic === 0) { handler.wantsText = true; text = ''; } break;
          default: break;
        }
        if (selfClosing) handler.wantsText = false;
        return;
      }
      if (name === 'c' && inRow) {
        inCell = true;
        const ref = tag.attr('r');
        const c = ref ? columnOf(ref) : 0;
        col = c > 0 ? c : col + 1;
        at.col = col;
        type = tag.attr('t') ?? 'n';
        const own = styleIsDate(tag.attr('s'));
        date = own ?? rowDate;
        hasF = hasV = hasIs = inIs = handler.wantsText = false;
        phonetic = 0;
      } else if (name === 'row' && inSheetData) {
        inRow = true;
        const ref = tag.attr('r');
        const r = ref ? parseInt(ref, 10) : NaN;
        rowNumber = Number.isFinite(r) && r > 0 ? r : rowNumber + 1;
        at.row = rowNumber;
        at.col = 0;
        rowDate = styleIsDate(tag.attr('s')) ?? false;
        values = [];
        length = 0;
        col = 0;
      } else if (name === 'sheetData') {
        inSheetData = !selfClosing;
      }
    },
    close(name: string) {
      if (inCell) {
        if (name === 'v') handler.wantsText = false;
        else if (name === 't' && handler.wantsText) { isText += text; handler.wantsText = false; }
        else if (name === 'rPh') phonetic--;
        else if (name === 'is') inIs = false;
        else if (name === 'c') {
          inCell = false;
          let value: Cell = null;
          let present = true;
          if (hasF) {
            if (!hasV) value = null;
            else if (type === 'str') value = text === '' ? null : text;
            else if (type === 'b') value = parseInt(text, 10) !== 0;
            else if (type === 'e') value = null;
            else {
              const n = parseFloat(text);
              value = Number.isNaN(n) ? null : date ? serialToDate(n, date1904) : n;
            }
          } else if (type === 'inlineStr') {
            if (hasIs) value = isText;
            else if (hasV) value = text;
            else present = false;
          } else if (!hasV) {
            present = false;
          } else {
            switch (type) {
              case 's': {
                const i = parseInt(text, 10);
                if (!(i >= 0 && i < shared.length)) damaged('refers to a shared string the workbook does not hold');
                value = shared[i];
                present = value !== null;
                break;
              }
              case 'str': value = text; break;
              case 'b': value = parseInt(text, 10) !== 0; break;
              case 'e': value = null; break;
              case 'd': {
                const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) || !text.includes('T') ? text : `${text}Z`);
                value = Number.isNaN(d.getTime()) ? null : d;
                present = value !== null;
                break;
              }
              default: value = number(); break;
            }
          }
          if (present) {
            values[col - 1] = value;
            if (col > length) length = col;
          }
        }
        return;
      }
      if (name === 'row' && inRow) {
        inRow = false;
        const cells: Cell[] = new Array<Cell>(length);
        for (let i = 0; i < length; i++) cells[i] = values[i] ?? null;
        rows.push({ number: rowNumber, cells });
      } else if (name === 'sheetData') {
        inSheetData = false;
      }
    },
  };
  return handler;
}

/**
 * Streams the chosen sheet of an XLSX workbook to the sink, row by row.
 * The sheet is the profile's `sheet` (name or 1-based position in the workbook), else the first.
 */
export async function readXlsx(path: string, file: string, profile: MappingProfile, sink: RowSink, limits?: XlsxLimits): Promise<void> {
  // The sheet is inflated once, below: yauzl stops it past its declared size, and saxes refuses XML left open.
  await guardXlsx(path, file, limits, { sheets: 'declared' });
  const fail = (code: ImportError['code'], message: string, row?: number): never => {
    throw new PayrollFileError([{ code, file, ...(row !== undefined ? { row } : {}), message }]);
  };
  let zip: Zip;
  try {
    zip = await openZip(path);
  } catch {
    return fail('damaged_xlsx', 'the XLSX workbook cannot be read (damaged or not produced by a spreadsheet program)');
  }
  let stage = 'the workbook';
  const at = { row: 0, col: 0 };
  try {
    const book = await readWorkbook(zip);
    const wanted = profile.sheet;
    const sheet = wanted === undefined ? book.sheets[0]
      : typeof wanted === 'number' ? book.sheets[wanted - 1]
        : book.sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!sheet) {
      return fail('sheet_not_found', `no sheet ${typeof wanted === 'number' ? `at position ${wanted}` : `named "${wanted}"`}; the workbook has ${book.sheets.map((s) => `"${s.name}"`).join(', ') || 'no sheets'}`);
    }
    stage = 'the styles';
    const dateStyles = await readDateStyles(zip, book.stylesPart);
    stage = 'the shared strings';
    const shared = await readSharedStrings(zip, book.sharedStringsPart);
    stage = `sheet "${sheet.name}"`;

    const rows: SheetRow[] = [];
    const feed = new SheetRows(profile.headerRow, sink);
    let sinceDrain = 0;
    const deliver = async () => {
      for (const { number, cells } of rows) {
        if (feed.offer(cells, number)) sinceDrain++;
      }
      rows.length = 0;
      if (sinceDrain >= 5000) {
        sinceDrain = 0;
        sink.progress?.(0, feed.lastRow);
        await sink.drain?.();
      }
    };
    const scanner = new SheetXmlScanner(sheetHandler(rows, { sheet: sheet.name, dateStyles, shared, date1904: book.date1904, at }));
    await parsePart(zip, sheet.part, scanner, deliver);
    if (!feed.headerSeen) {
      fail(feed.lastRow === 0 ? 'empty_file' : 'header_only', `sheet "${sheet.name}" holds no header row`);
    }
  } catch (err) {
    if (err instanceof PayrollFileError) throw err;
    if (err instanceof XlsxDamage) return fail('damaged_xlsx', `the XLSX workbook is damaged: ${err.where}`, err.row);
    if (!(err instanceof UnreadablePart)) throw err;
    // A parser error names the part and place, never the content.
    const where = stage.startsWith('sheet') && at.row > 0 ? `${stage}, ${at.col > 0 ? `cell ${columnLetters(at.col)}${at.row}` : `row ${at.row}`}` : stage;
    return fail('damaged_xlsx', `the XLSX workbook is damaged: ${where} is not well-formed XML`, stage.startsWith('sheet') && at.row > 0 ? at.row : undefined);
  } finally {
    zip.file.close();
  }
}
