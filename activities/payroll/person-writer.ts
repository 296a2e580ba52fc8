import type { PoolClient } from 'pg';
import { CANONICAL_FIELDS } from '../../domain/payroll/canonical';
import { type CopyIn, copyIn, copyValue } from '../../infra/pg-copy';
import { type BatchContext, type PendingPerson, writePersonBatch } from './person-batch';
import { DELTA_SEPARATOR, type LineSink, type SnapshotHeader, keyOf, parseSnapshotLine } from './snapshot-file';

/** A delta line (`next SOH prev`, either side empty when absent) as the person it stands for. */
function pendingFromDelta(line: string): PendingPerson {
  const at = line.indexOf(DELTA_SEPARATOR);
  const next = at < 0 ? line : line.slice(0, at) || undefined;
  const prev = at < 0 ? undefined : line.slice(at + 1);
  return { key: keyOf(next ?? prev!), next, prev };
}

/** What both sinks hold: their connection and batch, how many people went out, the first failure, whether they were stopped. */
abstract class SinkState {
  protected failure: { error: unknown } | undefined;
  protected stopped = false;
  /** People written so far. */
  done = 0;

  constructor(
    protected readonly client: PoolClient,
    protected readonly ctx: BatchContext,
    protected readonly onWritten: (rows: number) => void = () => undefined,
  ) {}

  protected fail(error: unknown): void {
    this.failure ??= { error };
  }
}

/**
 * Stores people in batches on one connection (in its transaction) without making the caller
 * wait for each: batches queue up and are written in order, the changes of one still running
 * in the server while Node prepares the next. `catchUp` bounds the queue; the first failure
 * stops the writing and is thrown from `catchUp` or `finish`.
 */
export class PersonWriter extends SinkState implements PersonSink {
  private batch: PendingPerson[] = [];
  /** One promise per queued batch, oldest first; each settles when its batch is sent. */
  private queue: Promise<void>[] = [];
  private tail: Promise<void> = Promise.resolve();
  /** The last batch's changes statement, still running. */
  private written: Promise<void> = Promise.resolve();

  constructor(client: PoolClient, ctx: BatchContext, private readonly batchSize: number, onWritten?: (rows: number) => void) {
    super(client, ctx, onWritten);
  }

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
    private readonly writer: PersonSink,
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

  async abort(): Promise<void> {}
}

/** What a delta is stored through: batches of statements (PersonWriter) or one COPY (PersonCopier). */
export interface PersonSink {
  /** People stored (or sent to be) so far. */
  readonly done: number;
  take(person: PendingPerson): void;
  catchUp(ahead: number): Promise<void>;
  finish(): Promise<void>;
  stop(): Promise<void>;
}

const EXIT_AT = CANONICAL_FIELDS.indexOf('exitDate');
const COPY_BYTES = 1 << 20;

/** Characters JSON escapes (quote, backslash, controls) or may (surrogates, when alone). */
// eslint-disable-next-line no-control-regex -- the control characters are what JSON escapes
const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON value of `s`, in COPY's text format (JSON leaves no raw tab or line break; its backslashes are doubled). */
function jsonForCopy(s: string | null | undefined): string {
  if (s == null) return 'null';
  return JSON_ESCAPED.test(s) ? JSON.stringify(s).replace(/\\/g, '\\\\') : `"${s}"`;
}

/** `"name":` of each name, the first after `{`, the others after `,`. */
const keysOf = (names: readonly string[]) => names.map((name, i) => `${i ? ',' : '{'}${jsonForCopy(name)}:`);
const CANONICAL_KEYS = keysOf(CANONICAL_FIELDS);

/**
 * persons.data as JSON text in COPY's text format: the canonical fields, then `custom` — the
 * object writePersonBatch has PostgreSQL build from the same line (jsonb orders keys itself).
 * Keys are written out, not set on an object, so that a custom column named like an object's own
 * property stays a key. `customKeys`: `"name":` of each custom column, the first after `{`.
 */
function dataForCopy(canonical: (string | null)[], customKeys: string[], custom: (string | null)[]): string {
  let json = '';
  for (let i = 0; i < CANONICAL_KEYS.length; i++) json += CANONICAL_KEYS[i] + jsonForCopy(canonical[i]);
  json += customKeys.length ? ',"custom":' : ',"custom":{';
  for (let i = 0; i < customKeys.length; i++) json += customKeys[i] + jsonForCopy(custom[i]);
  return `${json}}}`;
}

/**
 * An employer's first photo (no baseline, no import of the period to replace, nobody stored
 * yet): every person is new and no change is recorded, so the people go to `persons` through
 * one `COPY … FROM STDIN` as the file is read, instead of batches of INSERT … ON CONFLICT …
 * RETURNING. The same rows as PersonWriter stores (a test compares the two), in the caller's
 * transaction: a rejected file rolls the copy back with the rest.
 */
export class PersonCopier extends SinkState implements PersonSink {
  private copy: CopyIn | undefined;
  private text: string[] = [];
  private textBytes = 0;
  private sent: Promise<void> = Promise.resolve();
  /** `"name":` of each custom column, for the header they were made from. */
  private customOf: string[] | undefined;
  private customKeys: string[] = [];

  take(person: PendingPerson): void {
    if (this.stopped) return;
    const { canonical, custom } = parseSnapshotLine(person.next!);
    const status = canonical[EXIT_AT] ? 'departed' : 'active';
    if (this.customOf !== this.ctx.custom) {
      this.customOf = this.ctx.custom;
      this.customKeys = keysOf(this.ctx.custom);
    }
    const line = `${this.ctx.employerId}\t${copyValue(person.key)}\t${dataForCopy(canonical, this.customKeys, custom)}\t${status}\t${this.ctx.importId}\n`;
    this.text.push(line);
    this.textBytes += line.length;
    this.done++;
    if (this.textBytes >= COPY_BYTES) this.send();
  }

  private send(): void {
    if (!this.text.length || this.stopped) return;
    const chunk = Buffer.from(this.text.join(''), 'utf8');
    this.text = [];
    this.textBytes = 0;
    const done = this.done;
    this.copy ??= copyIn(this.client, 'copy persons (employer_id, employee_number, data, status, last_import_id) from stdin');
    const copy = this.copy;
    this.sent = this.sent.then(async () => {
      if (this.failure || this.stopped) return;
      try {
        await copy.write(chunk);
        this.onWritten(done);
      } catch (err) {
        this.failure ??= { error: err };
      }
    });
  }

  /** Waits until what was taken is on its way to the server (at most one chunk behind when `ahead` > 0). */
  async catchUp(ahead: number): Promise<void> {
    if (ahead === 0) this.send();
    await this.sent;
    if (this.failure) throw this.failure.error;
  }

  async finish(): Promise<void> {
    this.send();
    await this.sent;
    if (!this.failure && this.copy) {
      try {
        await this.copy.end();
      } catch (err) {
        this.failure = { error: err };
      }
    }
    if (this.failure) throw this.failure.error;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.text = [];
    await this.sent;
    await this.copy?.fail('import stopped');
  }
}
