import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { PoolClient } from 'pg';

/** The parts of pg's connection a COPY ... FROM STDIN speaks through (pg's own protocol methods). */
interface CopyConnection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
  stream: Writable;
}

/**
 * `COPY … FROM STDIN` on a pg client, through the driver's own extension point (a Submittable
 * given to `client.query`, as pg-query-stream and pg-copy-streams are) and its connection's
 * CopyData / CopyDone / CopyFail messages. pg-copy-streams does the same as a Writable; it is not
 * a dependency of this project, and this is all the import needs: write, end, fail, with the
 * socket's back-pressure.
 *
 * Statements queued on the client before it run first; the copy's data is sent once the server
 * has answered CopyInResponse (`write` waits for that).
 */
export class CopyIn {
  private connection: CopyConnection | undefined;
  private error: Error | undefined;
  private readonly ready: Promise<void>;
  private readonly done: Promise<number>;
  private settleReady!: { resolve: () => void; reject: (err: Error) => void };
  private settleDone!: { resolve: (rows: number) => void; reject: (err: Error) => void };
  private rowCount = 0;
  private ended = false;

  constructor(private readonly text: string) {
    this.ready = new Promise((resolve, reject) => { this.settleReady = { resolve, reject }; });
    this.done = new Promise((resolve, reject) => { this.settleDone = { resolve, reject }; });
    // Observed by whoever awaits them; a failure before then must not count as unhandled.
    this.ready.catch(() => undefined);
    this.done.catch(() => undefined);
  }

  /** Called by pg when the statement's turn comes. */
  submit(connection: CopyConnection): void {
    this.connection = connection;
    connection.query(this.text);
  }

  handleCopyInResponse(): void {
    this.settleReady.resolve();
  }

  handleCommandComplete(msg: { text?: string }): void {
    this.rowCount = Number(/COPY (\d+)/.exec(msg.text ?? '')?.[1] ?? 0);
  }

  handleReadyForQuery(): void {
    if (this.error) this.settleDone.reject(this.error);
    else this.settleDone.resolve(this.rowCount);
  }

  handleError(err: Error): void {
    this.error = err;
    this.settleReady.reject(err);
    // pg calls no handleReadyForQuery on a query that failed.
    this.settleDone.reject(err);
  }

  /** Not expected of a COPY FROM; pg calls these on whatever query is active. */
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}

  /** Sends bytes of COPY data; resolves when the socket can take more. */
  async write(chunk: Buffer): Promise<void> {
    await this.ready;
    const connection = this.connection!;
    connection.sendCopyFromChunk(chunk);
    if (connection.stream.writableNeedDrain) await once(connection.stream, 'drain');
  }

  /** Ends the data; resolves with the rows copied, or rejects with the server's error. */
  async end(): Promise<number> {
    await this.ready;
    if (!this.ended) {
      this.ended = true;
      this.connection!.endCopyFrom();
    }
    return this.done;
  }

  /** Abandons the copy: the server rolls the statement back (and its transaction is failed). */
  async fail(message: string): Promise<void> {
    try {
      await this.ready;
    } catch {
      return;
    }
    if (!this.ended) {
      this.ended = true;
      this.connection!.sendCopyFail(message);
    }
    await this.done.catch(() => undefined);
  }
}

/** Starts `COPY … FROM STDIN` on the client (queued behind what it already runs). */
export function copyIn(client: Pick<PoolClient, 'query'>, text: string): CopyIn {
  const copy = new CopyIn(text);
  client.query(copy as never);
  return copy;
}
