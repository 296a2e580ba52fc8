import type { ImportError } from './import-errors';

export type TextEncoding = 'utf-8' | 'windows-1252';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function hasUtf8Bom(head: Uint8Array): boolean {
  return head.length >= 3 && UTF8_BOM.every((b, i) => head[i] === b);
}

/**
 * Decides how a text file is encoded from its first bytes: a BOM or valid UTF-8 means UTF-8,
 * anything else that is text is read as Windows-1252 (what Dutch and Belgian payroll
 * systems write when they do not write UTF-8). UTF-16 and binary content are refused.
 */
export function detectEncoding(head: Uint8Array, file: string, requested: 'auto' | TextEncoding): TextEncoding | ImportError {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return { code: 'unsupported_encoding', file, message: 'the file is UTF-16 encoded; export it as UTF-8 or Windows-1252 CSV' };
  }
  if (head.includes(0)) {
    return { code: 'unsupported_format', file, message: 'the file holds binary data: it is neither CSV text nor an XLSX workbook' };
  }
  if (requested !== 'auto') return requested;
  if (hasUtf8Bom(head)) return 'utf-8';
  return isValidUtf8Prefix(head) ? 'utf-8' : 'windows-1252';
}

/** Valid UTF-8, allowing a multi-byte character cut off at the end of the sample. */
function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Step back over an incomplete trailing sequence (at most 3 continuation bytes).
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const b = bytes[end - back];
    if ((b & 0xc0) !== 0x80) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      if (need > back) end -= back;
      break;
    }
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}
