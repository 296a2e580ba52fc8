import { createReadStream, createWriteStream, WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { CANONICAL_FIELDS } from '../domain/canonical';

/**
 * The canonical snapshot of one import, kept beside the uploaded file as next month's baseline.
 * Line 1: a JSON header. Then one line per person: the canonical values as a JSON array, a tab,
 * and the custom columns as a JSON array. JSON escapes tabs, so the first tab ends the canonical
 * part — comparing that text is how unchanged people are recognised without parsing them.
 */
export const SNAPSHOT_FORMAT = 'mutaflow-snapshot/1';

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  fields: readonly string[];
  custom: string[];
}

export class SnapshotWriter {
  private buffer: string[] = [];
  private bufferedChars = 0;
  private readonly out: WriteStream;

  constructor(path: string, custom: string[]) {
    this.out = createWriteStream(path);
    const header: SnapshotHeader = { format: SNAPSHOT_FORMAT, fields: CANONICAL_FIELDS, custom };
    this.buffer.push(`${JSON.stringify(header)}\n`);
  }

  add(canonicalJson: string, custom: (string | null)[]): void {
    const line = `${canonicalJson}\t${JSON.stringify(custom)}\n`;
    this.buffer.push(line);
    this.bufferedChars += line.length;
  }

  /** Writes what is buffered; resolves once the file can take more (flat memory on big imports). */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const text = this.buffer.join('');
    this.buffer = [];
    this.bufferedChars = 0;
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }

  abort(): void {
    this.out.destroy();
  }
}

export const canonicalPart = (line: string) => {
  const tab = line.indexOf('\t');
  return tab < 0 ? line : line.slice(0, tab);
};

/** Employee number of a snapshot line without parsing it: the first JSON string of the array. */
export function keyOf(canonicalJson: string): string {
  let end = 2;
  while (end < canonicalJson.length) {
    const c = canonicalJson.charCodeAt(end);
    if (c === 92 /* \\ */) end += 2;
    else if (c === 34 /* " */) break;
    else end++;
  }
  const raw = canonicalJson.slice(2, end);
  return raw.includes('\\') ? (JSON.parse(canonicalJson.slice(1, end + 1)) as string) : raw;
}

/** Reads a snapshot line by line. */
export async function* readSnapshot(path: string): AsyncGenerator<{ header: SnapshotHeader } | { line: string }> {
  const rl = createInterface({ input: createReadStream(path, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let first = true;
  for await (const line of rl) {
    if (first) {
      first = false;
      const header = JSON.parse(line) as SnapshotHeader;
      if (header.format !== SNAPSHOT_FORMAT) throw new Error(`unknown snapshot format ${header.format}`);
      yield { header };
      continue;
    }
    if (line) yield { line };
  }
}
