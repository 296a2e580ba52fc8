import { createReadStream } from 'node:fs';
import { isAscii, isUtf8 } from 'node:buffer';
import { PayrollFileError } from '../../../domain/payroll/import-errors';
import type { MappingProfile } from '../../../domain/payroll/mapping-profile';
import { type TextEncoding, detectEncoding, fixWindows1252, hasUtf8Bom } from '../../../domain/payroll/text-encoding';
import { readHead } from '../../../infra/read-head';
import { detectDelimiter, detectNewline, fieldCountError, isBlank } from './csv-reader';
import type { RowSink } from './row-sink';

const CHUNK_BYTES = 4 * 1024 * 1024;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Thrown when the byte reader meets what only the text reader reads exactly as it should (a
 * quote that does not close a field, line breaks of two kinds, a byte that is not UTF-8 in a
 * UTF-8 file): whoever started reading starts again with readCsv, which reads every CSV and
 * names every error.
 */
export class NotPlainCsv extends Error {
  constructor() {
    super('not a plain CSV file');
  }
}

/**
 * Windows-1252 by table: ISO-8859-1 (a native, one-byte decoding) is Windows-1252 except in
 * 0x80–0x9F, where Windows-1252 has € and the typographic quotes. ISO-8859-1 files are read the
 * same way, as the text reader reads them (the WHATWG encoding standard makes the label
 * iso-8859-1 mean windows-1252; its C1 controls never occur in text).
 */
const cp1252 = (bytes: Buffer, start: number, end: number) => fixWindows1252(bytes.toString('latin1', start, end));
const utf8 = (bytes: Buffer, start: number, end: number) => bytes.toString('utf8', start, end);

/**
 * Reads a CSV file as bytes, in one pass: UTF-8 (with or without a BOM) or Windows-1252 /
 * ISO-8859-1, any of the single-byte delimiters, LF or CRLF line breaks, quoted fields (with
 * delimiters, doubled quotes and line breaks inside). Each data line without a quote is offered
 * to the sink's `rawLine` undecoded (most rows are unchanged since last month and are recognised
 * by their bytes alone; a Windows-1252 line only when it is ASCII, else decoded by table and
 * offered to `rawRow` as the text reader does); only the others are decoded and split. A record
 * with a quote is split quote-aware and delivered as cells, as the text reader (papaparse)
 * delivers it. Row numbers (records, as papaparse counts them), the header, blank lines and
 * field-count errors are as readCsv gives them.
 * Returns false, having delivered nothing, when the file's start shows it is not for this reader.
 */
export async function readPlainCsv(path: string, file: string, profile: MappingProfile, sink: RowSink): Promise<boolean> {
  if (!sink.rawLine) return false;
  const head = await readHead(path);
  const encoding = detectEncoding(head, file, profile.encoding);
  if (typeof encoding !== 'string') return false;
  const singleByte = (encoding satisfies TextEncoding) === 'windows-1252';
  const decode = singleByte ? cp1252 : utf8;
  // Skipped whatever the encoding, as readCsv skips it.
  const bom = hasUtf8Bom(head) ? 3 : 0;
  if (head.indexOf(LF) < 0) return false;
  const headText = decode(head, bom, head.length);
  if (!headText.trim()) return false;
  const newline = detectNewline(headText);
  if (newline === '\r') return false;
  const crlf = newline === '\r\n';
  const delimiter = profile.delimiter === 'auto' ? detectDelimiter(headText.slice(0, headText.search(/\r?\n|$/))) : profile.delimiter;
  const delimiterByte = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || delimiterByte > 0x7f || delimiterByte === QUOTE || delimiterByte === CR || delimiterByte === LF) return false;

  let row = 0;
  let headerSeen = false;
  let expected = 0;

  /** A record split into cells (header or quoted record), delivered as readCsv delivers it. */
  const record = (cells: string[], sourceLine?: string) => {
    if (!headerSeen) {
      if (row < profile.headerRow) return;
      headerSeen = true;
      expected = cells.length;
      sink.header(cells, row, { delimiter });
      return;
    }
    if (isBlank(cells)) return;
    const countError = fieldCountError(cells, expected, file, row);
    if (countError) sink.rowError(countError);
    else sink.row(cells, row, sourceLine);
  };

  /** A line without a quote, `bytes[start..end)` without its line break. */
  const line = (bytes: Buffer, start: number, end: number, ascii: boolean) => {
    row++;
    if (!headerSeen) {
      record(decode(bytes, start, end).split(delimiter));
      return;
    }
    if (end === start) return;
    let text: string;
    if (ascii || !singleByte) {
      const handled = sink.rawLine!(bytes, start, end, row);
      if (handled === true) return;
      text = decode(bytes, start, end);
      if (handled === undefined && sink.rawRow?.(text, row)) return;
    } else {
      // Windows-1252 beyond ASCII: its bytes are not the UTF-8 the baseline was hashed from.
      text = decode(bytes, start, end);
      if (sink.rawRow?.(text, row)) return;
    }
    const cells = text.split(delimiter);
    if (isBlank(cells)) return;
    const countError = fieldCountError(cells, expected, file, row);
    if (countError) sink.rowError(countError);
    else sink.row(cells, row, text);
  };

  /**
   * The end of a line ending at the LF at `lf`, without its CR; NotPlainCsv when the line break
   * is not the file's (the text reader splits on the file's line break only).
   */
  const lineEnd = (bytes: Buffer, lf: number, start: number): number => {
    const cr = lf > start && bytes[lf - 1] === CR;
    if (cr !== crlf) throw new NotPlainCsv();
    return cr ? lf - 1 : lf;
  };

  /**
   * The record starting at `start` that holds a quote, split quote-aware as papaparse splits it:
   * a field starting with a quote runs to the quote closing it (two quotes inside stand for one),
   * which must be followed by the delimiter, the line break or the end of the file; a quote
   * elsewhere is a character like any other. Returns the cells and where the next record starts,
   * or undefined when the record does not end before `len` and more bytes are to come.
   */
  const quotedRecord = (bytes: Buffer, start: number, len: number, final: boolean): { cells: string[]; next: number } | undefined => {
    const cells: string[] = [];
    let p = start;
    for (;;) {
      if (p < len && bytes[p] === QUOTE) {
        let value = '';
        let from = p + 1;
        for (;;) {
          const at = bytes.indexOf(QUOTE, from);
          // Never closed: at the end of the file, the text reader names the error.
          if (at < 0 || at >= len) {
            if (final) throw new NotPlainCsv();
            return undefined;
          }
          if (at + 1 >= len) {
            if (!final) return undefined;
            cells.push(value + decode(bytes, from, at));
            return { cells, next: len };
          }
          const after = bytes[at + 1];
          if (after === QUOTE) {
            value += decode(bytes, from, at + 1);
            from = at + 2;
            continue;
          }
          value += decode(bytes, from, at);
          if (after === delimiterByte) {
            cells.push(value);
            p = at + 2;
            break;
          }
          if (!crlf && after === LF) {
            cells.push(value);
            return { cells, next: at + 2 };
          }
          if (crlf && after === CR) {
            if (at + 2 >= len) {
              if (!final) return undefined;
              throw new NotPlainCsv();
            }
            if (bytes[at + 2] !== LF) throw new NotPlainCsv();
            cells.push(value);
            return { cells, next: at + 3 };
          }
          // Text after a closing quote: malformed, the text reader names it.
          throw new NotPlainCsv();
        }
        // The delimiter after a closing quote was the file's last byte: one empty field more.
        if (p >= len) {
          if (!final) return undefined;
          cells.push('');
          return { cells, next: len };
        }
        continue;
      }
      let delim = bytes.indexOf(delimiterByte, p);
      if (delim >= len) delim = -1;
      let lf = bytes.indexOf(LF, p);
      if (lf >= len) lf = -1;
      if (delim >= 0 && (lf < 0 || delim < lf)) {
        cells.push(decode(bytes, p, delim));
        p = delim + 1;
        continue;
      }
      if (lf >= 0) {
        cells.push(decode(bytes, p, lineEnd(bytes, lf, p)));
        return { cells, next: lf + 1 };
      }
      if (!final) return undefined;
      if (crlf && len > p && bytes[len - 1] === CR) throw new NotPlainCsv();
      cells.push(decode(bytes, p, len));
      return { cells, next: len };
    }
  };

  /** Delivers the records of `bytes[0..len)`; returns where the first one not complete starts. */
  const records = (bytes: Buffer, len: number, final: boolean): number => {
    const asciiChunk = isAscii(bytes.subarray(0, len));
    if (!singleByte && !asciiChunk && !isUtf8(bytes.subarray(0, len))) {
      // A cut-off character at the end of a chunk is completed by the next one.
      const cut = final ? len : bytes.lastIndexOf(LF, len - 1) + 1;
      if (cut <= 0 || !isUtf8(bytes.subarray(0, cut))) throw new NotPlainCsv();
    }
    let quote = bytes.indexOf(QUOTE);
    if (quote >= len) quote = -1;
    let start = 0;
    while (start < len) {
      if (quote >= 0 && quote < start) {
        quote = bytes.indexOf(QUOTE, start);
        if (quote >= len) quote = -1;
      }
      let lf = bytes.indexOf(LF, start);
      if (lf >= len) lf = -1;
      if (quote >= 0 && (lf < 0 || quote < lf)) {
        const r = quotedRecord(bytes, start, len, final);
        if (!r) return start;
        row++;
        record(r.cells);
        start = r.next;
        continue;
      }
      if (lf < 0) {
        if (!final) return start;
        if (crlf && bytes[len - 1] === CR) throw new NotPlainCsv();
        line(bytes, start, len, asciiChunk || isAscii(bytes.subarray(start, len)));
        return len;
      }
      const end = lineEnd(bytes, lf, start);
      line(bytes, start, end, asciiChunk || !singleByte || isAscii(bytes.subarray(start, end)));
      start = lf + 1;
    }
    return len;
  };

  /**
   * The text reader refuses a chunk with malformed quoting before delivering any of its rows, so
   * a file error the sink raises (a header that does not fit) may not be the one it reports: with
   * a quote in the chunk, it decides.
   */
  const deliver = (bytes: Buffer, final: boolean): number => {
    try {
      return records(bytes, bytes.length, final);
    } catch (err) {
      if (err instanceof PayrollFileError && bytes.includes(QUOTE)) throw new NotPlainCsv();
      throw err;
    }
  };

  let pending: Buffer | undefined;
  let bytesRead = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES, start: bom }) as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    const bytes = pending ? Buffer.concat([pending, chunk]) : chunk;
    const done = deliver(bytes, false);
    pending = done < bytes.length ? bytes.subarray(done) : undefined;
    sink.progress?.(bytesRead, row);
    await sink.drain?.();
  }
  if (pending) deliver(pending, true);
  // No header: readCsv names what is wrong with the file.
  if (!headerSeen) throw new NotPlainCsv();
  return true;
}
