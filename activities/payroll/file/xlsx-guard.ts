import yauzl from 'yauzl';
import { type ImportError, PayrollFileError } from '../../../domain/payroll/import-errors';

export interface XlsxLimits {
  /** Total inflated bytes of the workbook's parts. */
  maxInflatedBytes: number;
  /** Inflated / compressed, per part above 1 MiB: spreadsheet XML compresses ~10–30×, bombs ~1000×. */
  maxRatio: number;
}

/**
 * 1 GiB inflated: the largest realistic payroll photo, ~1 M rows (a spreadsheet's own limit is
 * 1 048 576) × ~30 cells × ~35 bytes of sheet XML per cell (`<c r="AB123456" s="1" t="s"><v>…</v></c>`),
 * is about 1 GB. Configurable with MUTAFLOW_MAX_XLSX_INFLATED_MB (config.ts).
 */
export const DEFAULT_XLSX_LIMITS: XlsxLimits = { maxInflatedBytes: 1024 ** 3, maxRatio: 200 };

const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

const openZip = (path: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => (err ? reject(err) : resolve(zip!))));

export interface GuardOptions {
  /**
   * `declared`: worksheets count with their declared size and are not inflated here. For a reader
   * that inflates them itself with yauzl's size check and a parser that refuses XML left open
   * (xlsx-reader.ts): the sheet, most of a workbook, is then inflated once instead of twice.
   */
  sheets?: 'inflate' | 'declared';
}

/**
 * Checks that a file is a sound XLSX workbook before any spreadsheet library inflates it:
 * a zip with the workbook parts, within size and compression-ratio limits. Every part is
 * inflated here once, counting bytes (yauzl stops a part that inflates past its declared size),
 * so a zip bomb is refused after at most `maxInflatedBytes` of work and with flat memory —
 * worksheets too, unless the caller inflates them under the same checks itself (GuardOptions).
 */
export async function guardXlsx(path: string, file: string, limits: XlsxLimits = DEFAULT_XLSX_LIMITS, { sheets = 'inflate' }: GuardOptions = {}): Promise<void> {
  const fail = (code: ImportError['code'], message: string): never => {
    throw new PayrollFileError([{ code, file, message }]);
  };
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(path);
  } catch {
    return fail('not_xlsx', 'the file is not a readable XLSX workbook (not a zip archive, or cut off)');
  }
  const names = new Set<string>();
  let inflated = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: yauzl.Entry) => {
        names.add(entry.fileName);
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        const declared = entry.uncompressedSize;
        if (inflated + declared > limits.maxInflatedBytes) {
          return reject(new PayrollFileError([{ code: 'xlsx_too_large', file, message: `the workbook inflates to more than ${Math.round(limits.maxInflatedBytes / 1024 ** 2)} MiB` }]));
        }
        if (declared > 1024 ** 2 && declared / Math.max(1, entry.compressedSize) > limits.maxRatio) {
          return reject(new PayrollFileError([{ code: 'xlsx_too_large', file, message: `part ${entry.fileName} is compressed ${Math.round(declared / Math.max(1, entry.compressedSize))}× — refused as a zip bomb` }]));
        }
        const isSheet = SHEET_PART.test(entry.fileName);
        if (isSheet && sheets === 'declared') {
          inflated += declared;
          return zip.readEntry();
        }
        let tail = Buffer.alloc(0);
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > limits.maxInflatedBytes) stream.destroy(new PayrollFileError([{ code: 'xlsx_too_large', file, message: 'the workbook inflates beyond the size limit — refused as a zip bomb' }]));
            if (isSheet) tail = Buffer.concat([tail, chunk.subarray(-64)]).subarray(-64);
          });
          stream.on('error', reject);
          stream.on('end', () => {
            // The spreadsheet parser ends quietly on XML that stops half-way: a sheet must close.
            if (isSheet && !/<\/(\w+:)?worksheet>\s*$/.test(tail.toString('latin1'))) {
              return reject(new PayrollFileError([{ code: 'damaged_xlsx', file, message: `the XLSX workbook is damaged: the worksheet ${entry.fileName} is cut off` }]));
            }
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } catch (err) {
    zip.close();
    if (err instanceof PayrollFileError) throw err;
    return fail('damaged_xlsx', 'the XLSX workbook is damaged (a part does not inflate to its declared size, or the archive is cut off)');
  }
  zip.close();
  if (!names.has('xl/workbook.xml') || ![...names].some((n) => SHEET_PART.test(n))) {
    fail('not_xlsx', 'the zip archive is not an XLSX workbook (no xl/workbook.xml or worksheets)');
  }
}
