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

/**
 * Windows-1252's characters for the bytes 0x80–0x9F, where it differs from ISO-8859-1 (five
 * bytes it leaves undefined keep their C1 code, as the WHATWG encoding standard says). Written
 * out because Node 20's TextDecoder('windows-1252') decodes these bytes as ISO-8859-1's C1
 * controls: a payroll's "€" or "’" must not turn into an invisible control character.
 */
export const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'
  + '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

// The C1 range, which ISO-8859-1 (and Node's Windows-1252 decoder) decode bytes 0x80–0x9F to.
const HAS_C1 = /[\u0080-\u009f]/;
const C1 = /[\u0080-\u009f]/g;
const fromC1 = (c: string) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80];

/** Text decoded from Windows-1252 bytes as ISO-8859-1, with 0x80–0x9F as Windows-1252 has them. */
export function fixWindows1252(latin1: string): string {
  return HAS_C1.test(latin1) ? latin1.replace(C1, fromC1) : latin1;
}
