import { TextDecoder } from 'node:util';
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { type ImportError, PayrollFileError } from '../../../domain/payroll/import-errors';
import type { MappingProfile } from '../../../domain/payroll/mapping-profile';
import type { Cell } from '../../../domain/payroll/row-mapper';
import { type TextEncoding, detectEncoding, fixWindows1252, hasUtf8Bom } from '../../../domain/payroll/text-encoding';
import type { RowSink } from './row-sink';

const CANDIDATE_DELIMITERS = [';', ',', '\t', '|'] as const;
const CHUNK_BYTES = 4 * 1024 * 1024;

/** The delimiter that splits the header line into the most fields (quotes respected). */
export function detectDelimiter(firstLine: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const d of CANDIDATE_DELIMITERS) {
    let count = 0;
    let quoted = false;
    for (let i = 0; i < firstLine.length; i++) {
      const c = firstLine[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && c === d) count++;
    }
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export function detectNewline(text: string): '\r\n' | '\n' | '\r' {
  const lf = text.indexOf('\n');
  if (lf > 0 && text[lf - 1] === '\r') return '\r\n';
  if (lf >= 0) return '\n';
  return text.includes('\r') ? '\r' : '\n';
}

export const isBlank = (row: string[]) => row.every((c) => c.trim() === '');

/** A record whose field count differs from the header's (trailing empty fields are tolerated). */
export function fieldCountError(row: string[], expected: number, file: string, rowNumber: number): ImportError | undefined {
  if (row.length === expected || (row.length > expected && row.slice(expected).every((c) => c === ''))) return undefined;
  return {
    code: 'field_count', file, row: rowNumber,
    message: `has ${row.length} field(s) where the header has ${expected}${row.length < expected ? ' (is the file cut off, or the delimiter wrong?)' : ''}`,
  };
}

/** How many leading bytes are valid UTF-8 (a sequence cut off at the end counts as valid). */
function validUtf8Length(bytes: Uint8Array): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  return lo;
}

/**
 * Streams a CSV file through papaparse's parser in large chunks, delivering each record
 * to the sink with its 1-based row number (the header is row `profile.headerRow`).
 * Memory stays flat: only one chunk and the partial record at its end are held.
 */
export async function readCsv(path: string, file: string, profile: MappingProfile, sink: RowSink): Promise<void> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let decoder: TextDecoder | undefined;
  let parser: Papa.Parser | undefined;
  let pending = '';
  let rowNumber = 0;
  let bytesRead = 0;
  let headerSeen = false;
  let expectedFields = 0;

  let delimiter = ',';
  let newline: '\r\n' | '\n' | '\r' = '\n';

  const deliverRow = (row: string[], sourceLine?: string) => {
    if (rowNumber < profile.headerRow) return;
    if (!headerSeen) {
      headerSeen = true;
      expectedFields = row.length;
      sink.header(row, rowNumber, { delimiter });
      return;
    }
    if (isBlank(row)) return;
    const countError = fieldCountError(row, expectedFields, file, rowNumber);
    if (countError) {
      sink.rowError(countError);
      return;
    }
    sink.row(row as Cell[], rowNumber, sourceLine);
  };

  const deliver = (rows: string[][], errors: Papa.ParseError[]) => {
    for (const err of errors) {
      throw new PayrollFileError([{
        code: 'malformed_csv', file, row: rowNumber + (err.row ?? 0) + 1,
        message: err.code === 'MissingQuotes'
          ? 'a quoted field is never closed (is the file cut off?)'
          : `the CSV cannot be read (${err.code})`,
      }]);
    }
    for (const row of rows) {
      rowNumber++;
      deliverRow(row);
    }
  };

  /**
   * Complete lines of a chunk without any quote: each is offered whole to the sink first (most
   * rows are unchanged since last month and need no splitting), then split on the delimiter.
   */
  const deliverLines = (text: string) => {
    const sep = newline === '\r' ? '\r' : '\n';
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf(sep, start);
      if (end < 0) end = text.length;
      let line = text.slice(start, end);
      start = end + 1;
      if (line.charCodeAt(line.length - 1) === 13) line = line.slice(0, -1);
      rowNumber++;
      if (line.length === 0) continue;
      if (sink.rawRow!(line, rowNumber)) continue;
      deliverRow(line.split(delimiter), line);
    }
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let bytes: Uint8Array = chunk;
    if (!decoder) {
      const encoding = detectEncoding(chunk.subarray(0, 64 * 1024), file, profile.encoding);
      if (typeof encoding !== 'string') throw new PayrollFileError([encoding]);
      if (hasUtf8Bom(chunk)) bytes = chunk.subarray(3);
      decoder = new TextDecoder(encoding satisfies TextEncoding, { fatal: true });
    }
    let text: string;
    try {
      text = decoder.decode(bytes, { stream: true });
      if (decoder.encoding === 'windows-1252') text = fixWindows1252(text);
    } catch {
      // Name the row holding the first bad byte: the rows parsed so far, plus the line breaks
      // in the unparsed text before it (a quoted line break counts as a row here).
      const valid = validUtf8Length(bytes);
      const before = pending + new TextDecoder('utf-8').decode(bytes.subarray(0, valid));
      const breaks = before.match(/\r\n|\n|\r/g)?.length ?? 0;
      throw new PayrollFileError([{
        code: 'invalid_encoding', file, row: rowNumber + 1 + breaks,
        message: `the bytes at offset ${bytesRead + (chunk.length - bytes.length) + valid} are not valid ${decoder.encoding}; save the file as UTF-8 or Windows-1252`,
      }]);
    }
    bytesRead += chunk.length;
    const input = pending + text;
    if (!parser) {
      if (!input.trim()) { pending = input; continue; }
      const firstLine = input.slice(0, input.search(/\r?\n|$/));
      delimiter = profile.delimiter === 'auto' ? detectDelimiter(firstLine) : profile.delimiter;
      newline = detectNewline(input.slice(0, 64 * 1024));
      parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
    }
    const cut = headerSeen && sink.rawRow && !input.includes('"') ? input.lastIndexOf(newline === '\r' ? '\r' : '\n') : -1;
    if (cut >= 0) {
      deliverLines(input.slice(0, cut));
      pending = input.slice(cut + 1);
    } else {
      const result = parser.parse(input, 0, true);
      pending = input.substring(result.meta.cursor);
      deliver(result.data, result.errors);
    }
    sink.progress?.(bytesRead, rowNumber);
    await sink.drain?.();
  }
  let end: string;
  try {
    end = decoder?.decode() ?? '';
    if (decoder?.encoding === 'windows-1252') end = fixWindows1252(end);
  } catch {
    // The last bytes start a character that never ends: a file cut off, or not UTF-8.
    const breaks = pending.match(/\r\n|\n|\r/g)?.length ?? 0;
    throw new PayrollFileError([{
      code: 'invalid_encoding', file, row: rowNumber + 1 + breaks,
      message: `the file ends inside a ${decoder!.encoding} character (is it cut off?); save the file as UTF-8 or Windows-1252`,
    }]);
  }
  const tail = pending + end;
  if (tail.trim()) {
    if (!parser) {
      delimiter = profile.delimiter === 'auto' ? detectDelimiter(tail.split(/\r?\n/)[0]) : profile.delimiter;
      newline = detectNewline(tail);
      parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
    }
    const result = parser.parse(tail, 0, false);
    deliver(result.data, result.errors);
  }
  if (!headerSeen) {
    throw new PayrollFileError([{ code: 'empty_file', file, message: bytesRead === 0 ? 'the file is empty' : 'the file holds no header row' }]);
  }
}
