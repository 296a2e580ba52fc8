import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { MappingProfile } from '../../../domain/payroll/mapping-profile';
import { detectEncoding, hasUtf8Bom } from '../../../domain/payroll/text-encoding';
import { readHead } from '../../../infra/read-head';
import { detectDelimiter, detectNewline, fieldCountError, isBlank } from './csv-reader';
import type { RowSink } from './row-sink';

const CHUNK_BYTES = 4 * 1024 * 1024;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Thrown when a file that looked plain turns out not to be (a quote or a byte that is not
 * UTF-8 further on): whoever started reading starts again with readCsv, which reads every
 * CSV and names every error.
 */
export class NotPlainCsv extends Error {
  constructor() {
    super('not a plain CSV file');
  }
}

/**
 * Reads a *plain* CSV file — UTF-8, no quotes anywhere, lines ending in \n or \r\n — as bytes:
 * each data line is offered to the sink's `rawLine` undecoded (most rows are unchanged since
 * last month and are recognised by their bytes alone), and only the others are decoded and
 * split. Row numbers, the header, blank lines and field-count errors are as readCsv gives them.
 * Returns false, having delivered nothing, when the file's start shows it is not plain.
 */
export async function readPlainCsv(path: string, file: string, profile: MappingProfile, sink: RowSink): Promise<boolean> {
  if (!sink.rawLine) return false;
  const head = await readHead(path);
  if (detectEncoding(head, file, profile.encoding) !== 'utf-8') return false;
  const bom = hasUtf8Bom(head) ? 3 : 0;
  if (head.includes(QUOTE) || head.indexOf(LF) < 0) return false;
  const headText = head.toString('utf8', bom);
  if (!headText.trim()) return false;
  const newline = detectNewline(headText);
  if (newline === '\r') return false;
  const delimiter = profile.delimiter === 'auto' ? detectDelimiter(headText.slice(0, headText.search(/\r?\n|$/))) : profile.delimiter;
  const delimiterByte = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || delimiterByte > 0x7f) return false;

  let row = 0;
  let headerSeen = false;
  let expected = 0;
  const line = (bytes: Buffer, start: number, end: number) => {
    if (end > start && bytes[end - 1] === CR) end--;
    row++;
    if (!headerSeen) {
      if (row < profile.headerRow) return;
      headerSeen = true;
      const cells = bytes.toString('utf8', start, end).split(delimiter);
      expected = cells.length;
      sink.header(cells, row, { delimiter });
      return;
    }
    if (end === start) return;
    const handled = sink.rawLine!(bytes, start, end, row);
    if (handled === true) return;
    const text = bytes.toString('utf8', start, end);
    if (handled === undefined && sink.rawRow?.(text, row)) return;
    const cells = text.split(delimiter);
    if (isBlank(cells)) return;
    const countError = fieldCountError(cells, expected, file, row);
    if (countError) sink.rowError(countError);
    else sink.row(cells, row, text);
  };
  /** Complete lines of `bytes[0..end)`; throws NotPlainCsv before delivering any of them when they are not plain. */
  const lines = (bytes: Buffer, end: number) => {
    const region = bytes.subarray(0, end);
    if (region.includes(QUOTE) || !isUtf8(region)) throw new NotPlainCsv();
    for (let start = 0; start < end;) {
      let at = bytes.indexOf(LF, start);
      if (at < 0 || at > end) at = end;
      line(bytes, start, at);
      start = at + 1;
    }
  };

  let pending: Buffer | undefined;
  let bytesRead = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES, start: bom }) as AsyncIterable<Buffer>) {
    bytesRead += chunk.length;
    const bytes = pending ? Buffer.concat([pending, chunk]) : chunk;
    const cut = bytes.lastIndexOf(LF);
    if (cut < 0) {
      pending = bytes;
      continue;
    }
    lines(bytes, cut);
    pending = cut + 1 < bytes.length ? bytes.subarray(cut + 1) : undefined;
    sink.progress?.(bytesRead, row);
    await sink.drain?.();
  }
  if (pending) lines(pending, pending.length);
  // No header: readCsv names what is wrong with the file.
  if (!headerSeen) throw new NotPlainCsv();
  return true;
}
