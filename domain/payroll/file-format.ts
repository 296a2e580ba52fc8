import type { ImportError } from './import-errors';
import type { MappingProfile } from './mapping-profile';
import { detectEncoding } from './text-encoding';

export type PayrollFormat = 'csv' | 'xlsx';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls

/** Which reader a file needs, from its first bytes, its name and the profile — or why none fits. */
export function sniffFormat(head: Uint8Array, fileName: string, profile: MappingProfile): PayrollFormat | ImportError {
  const file = fileName;
  if (head.length === 0) return { code: 'empty_file', file, message: 'the file is empty' };
  const isZip = ZIP_MAGIC.every((b, i) => head[i] === b);
  if (OLE_MAGIC.every((b, i) => head[i] === b)) {
    return { code: 'unsupported_format', file, message: 'legacy .xls workbooks are not read; save it as .xlsx or CSV' };
  }
  const namedXlsx = /\.xlsx$/i.test(fileName);
  if (profile.format === 'xlsx' || namedXlsx) {
    if (!isZip) return { code: 'not_xlsx', file, message: `${namedXlsx ? 'the file is named .xlsx but' : 'the profile expects XLSX but the file'} is not an XLSX workbook` };
    return 'xlsx';
  }
  if (isZip) {
    if (profile.format === 'csv') return { code: 'unsupported_format', file, message: 'the profile expects CSV but the file is a zip archive' };
    return 'xlsx';
  }
  // UTF-16 and binary content are refused here, before any import is started.
  const encoding = detectEncoding(head, file, profile.encoding);
  return typeof encoding === 'string' ? 'csv' : encoding;
}
