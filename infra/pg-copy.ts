import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { type CopyStreamQuery, from as copyFrom } from 'pg-copy-streams';

/**
 * `COPY … FROM STDIN` on a pg client: pg-copy-streams' Writable, behind the three calls the
 * import needs — write (with the socket's back-pressure), end (the rows copied, or the server's
 * error) and fail (CopyFail: the server rolls the statement back and fails its transaction).
 * Statements queued on the client before it run first.
 */
export class CopyIn {
  private error: Error | undefined;
  private readonly done: Promise<void>;

  constructor(private readonly stream: CopyStreamQuery) {
    stream.on('error', (err: Error) => { this.error ??= err; });
    this.done = finished(stream);
    // Observed by whoever awaits it; a failure before then must not count as unhandled.
    this.done.catch(() => undefined);
  }

  /** Sends bytes of COPY data; resolves when the socket can take more. */
  async write(chunk: Buffer): Promise<void> {
    if (this.error) throw this.error;
    if (!this.stream.write(chunk)) await Promise.race([once(this.stream, 'drain'), this.done]);
    if (this.error) throw this.error;
  }

  /** Ends the data; resolves with the rows copied, or rejects with the server's error. */
  async end(): Promise<number> {
    if (!this.stream.writableEnded) this.stream.end();
    await this.done;
    if (this.error) throw this.error;
    return this.stream.rowCount;
  }

  /** Abandons the copy: the server rolls the statement back (and its transaction is failed). */
  async fail(message: string): Promise<void> {
    if (!this.stream.destroyed) this.stream.destroy(new Error(message));
    await this.done.catch(() => undefined);
  }
}

/** A value in COPY's text format: backslash, tab and line breaks escaped; null is `\N`. */
export function copyValue(s: string | null | undefined): string {
  if (s == null) return '\\N';
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/** Starts `COPY … FROM STDIN` on the client (queued behind what it already runs). */
export function copyIn(client: Pick<PoolClient, 'query'>, text: string): CopyIn {
  return new CopyIn(client.query(copyFrom(text)) as unknown as CopyStreamQuery);
}

/**
 * One `COPY … FROM STDIN` of the text `batches` yields (whole lines each, made as they are sent);
 * resolves with the rows copied. The server's error rejects it; a failure while making or sending
 * a batch abandons the copy (CopyFail) and is thrown.
 */
export async function copyBatches(client: Pick<PoolClient, 'query'>, text: string, batches: Iterable<string>, failMessage: string): Promise<number> {
  const copy = copyIn(client, text);
  try {
    for (const batch of batches) await copy.write(Buffer.from(batch));
    return await copy.end();
  } catch (err) {
    await copy.fail(failMessage);
    throw err;
  }
}
