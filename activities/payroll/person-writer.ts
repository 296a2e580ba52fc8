import type { PoolClient } from 'pg';
import { type BatchContext, type PendingPerson, writePersonBatch } from './person-batch';
import { DELTA_SEPARATOR, type LineSink, type SnapshotHeader, keyOf } from './snapshot-file';

/** A delta line (`next SOH prev`, either side empty when absent) as the person it stands for. */
function pendingFromDelta(line: string): PendingPerson {
  const at = line.indexOf(DELTA_SEPARATOR);
  const next = at < 0 ? line : line.slice(0, at) || undefined;
  const prev = at < 0 ? undefined : line.slice(at + 1);
  return { key: keyOf(next ?? prev!), next, prev };
}

/**
 * Stores people in batches on one connection (in its transaction) without making the caller
 * wait for each: batches queue up and are written in order, the changes of one still running
 * in the server while Node prepares the next. `catchUp` bounds the queue; the first failure
 * stops the writing and is thrown from `catchUp` or `finish`.
 */
export class PersonWriter {
  private batch: PendingPerson[] = [];
  /** One promise per queued batch, oldest first; each settles when its batch is sent. */
  private queue: Promise<void>[] = [];
  private tail: Promise<void> = Promise.resolve();
  /** The last batch's changes statement, still running. */
  private written: Promise<void> = Promise.resolve();
  private failure: { error: unknown } | undefined;
  private stopped = false;
  /** People written so far. */
  done = 0;

  constructor(
    private readonly client: PoolClient,
    private readonly ctx: BatchContext,
    private readonly batchSize: number,
    private readonly onWritten: (rows: number) => void = () => undefined,
  ) {}

  take(person: PendingPerson): void {
    this.batch.push(person);
    if (this.batch.length >= this.batchSize) this.send();
  }

  private send(): void {
    if (!this.batch.length || this.stopped) return;
    const batch = this.batch;
    this.batch = [];
    const step = this.tail.then(async () => {
      if (this.failure || this.stopped) return;
      try {
        const next = await writePersonBatch(this.client, this.ctx, batch);
        await this.written;
        this.written = next.written;
        this.done += batch.length;
        this.onWritten(this.done);
      } catch (err) {
        // An earlier batch's failed statement is the cause of what failed after it.
        await this.written.catch((earlier) => this.fail(earlier));
        this.fail(err);
      }
    });
    this.tail = step;
    this.queue.push(step);
    void step.then(() => this.queue.shift());
  }

  private fail(error: unknown): void {
    this.failure ??= { error };
  }

  /** Waits until at most `ahead` batches are queued; throws the first failure. */
  async catchUp(ahead: number): Promise<void> {
    while (this.queue.length > ahead) await this.queue[0];
    if (this.failure) throw this.failure.error;
  }

  /** Writes what is left and waits until every statement has run. */
  async finish(): Promise<void> {
    this.send();
    await this.tail;
    await this.written.catch((err) => this.fail(err));
    if (this.failure) throw this.failure.error;
  }

  /** Stops writing (nothing further is sent) and waits for what is in flight; its errors don't matter any more. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.batch = [];
    await this.tail;
    await this.written.catch(() => undefined);
  }
}

/**
 * A delta stored as the snapshot builder produces it, instead of written to a file: its first
 * line is the snapshot header (the custom columns), every other line one person for the writer.
 */
export class DeltaFeed implements LineSink {
  private headerSeen = false;

  constructor(
    private readonly writer: PersonWriter,
    private readonly ctx: BatchContext,
    /** Keys still to be accounted for; each person delivered is removed from it. */
    private readonly touched: Set<string>,
  ) {}

  add(line: string): void {
    if (!this.headerSeen) {
      this.headerSeen = true;
      this.ctx.custom = (JSON.parse(line) as SnapshotHeader).custom;
      return;
    }
    const person = pendingFromDelta(line);
    this.touched.delete(person.key);
    this.writer.take(person);
  }

  addBytes(bytes: Buffer, start: number, end: number, prefix = ''): void {
    this.add(`${prefix}${bytes.toString('utf8', start, end)}`);
  }

  /** Two batches may wait while the file is read on: the server is never idle, memory stays flat. */
  drain(): Promise<void> {
    return this.writer.catchUp(2);
  }

  async close(): Promise<void> {}

  abort(): void {}
}
