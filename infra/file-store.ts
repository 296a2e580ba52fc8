import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SEALED_FILE_MAGIC, SecretBox } from './secret-box';

/**
 * Files on disk under one root, every one sealed with the secret box (payroll photos, snapshots
 * and reports hold national ids and salaries): uploads stored by content hash (the same file
 * twice is one file), each import's canonical snapshot by import id, reports by the hash of the
 * bytes sent, accident documents by id. Each sealed file is bound to its row: a snapshot by its
 * import id (associated data), uploads and reports by their content hash (checked on opening) —
 * a file moved under another row's name does not open. Plain text exists only transiently under
 * tmp/ while a worker reads it. In docker-compose the root is a volume shared by api and worker.
 */
export class FileStore {
  constructor(readonly root: string, private readonly box: SecretBox) {}

  uploadPath(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('not a sha256');
    return join(this.root, 'uploads', sha256.slice(0, 2), sha256);
  }

  /** An import's snapshot, or (`changed`) last month's lines of the people it found changed. */
  snapshotPath(importId: string, part: SnapshotPart = 'snapshot'): string {
    if (!/^[0-9a-f-]{36}$/.test(importId)) throw new RangeError('not an import id');
    return join(this.root, 'snapshots', `${importId}.${part}`);
  }

  /** A monthly report as it was sent, by the hash of its bytes. */
  reportPath(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('not a sha256');
    return join(this.root, 'reports', sha256.slice(0, 2), sha256);
  }

  async saveReport(bytes: Uint8Array): Promise<{ sha256: string; size: number; path: string }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = this.reportPath(sha256);
    await mkdir(dirname(path), { recursive: true });
    if (!(await stat(path).catch(() => null))) await this.writeWhole(path, this.box.sealBytes(bytes, `report:${sha256}`));
    return { sha256, size: bytes.length, path };
  }

  /** The report's bytes exactly as sent: opened, and checked against the hash it is filed under. */
  async readReport(sha256: string): Promise<Buffer> {
    const stored = await readFile(this.reportPath(sha256));
    // A report stored before files were sealed is its plain bytes (the hash check below still holds).
    const bytes = createHash('sha256').update(stored).digest('hex') === sha256 ? stored : this.box.openBytes(stored, `report:${sha256}`);
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) throw new Error('a report file does not match its hash');
    return bytes;
  }

  /** An accident document, sealed (health data): by document id, never by content. */
  accidentDocumentPath(documentId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(documentId)) throw new RangeError('not a document id');
    return join(this.root, 'accidents', documentId.slice(0, 2), `${documentId}.sealed`);
  }

  async saveAccidentDocument(documentId: string, sealed: Uint8Array): Promise<void> {
    const path = this.accidentDocumentPath(documentId);
    await mkdir(dirname(path), { recursive: true });
    await this.writeWhole(path, sealed);
  }

  /** A statement batch's ZIP (every PDF of an employer's persons), sealed and bound to its batch id. */
  statementBatchPath(batchId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(batchId)) throw new RangeError('not a batch id');
    return join(this.root, 'statements', batchId.slice(0, 2), `${batchId}.zip.sealed`);
  }

  async saveStatementBatch(batchId: string, bytes: Uint8Array): Promise<{ sha256: string; size: number }> {
    const path = this.statementBatchPath(batchId);
    await mkdir(dirname(path), { recursive: true });
    await this.writeWhole(path, this.box.sealBytes(bytes, statementBatchAad(batchId)));
    return { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
  }

  async readStatementBatch(batchId: string): Promise<Buffer> {
    return this.box.openBytes(await readFile(this.statementBatchPath(batchId)), statementBatchAad(batchId));
  }

  /** Written under a temporary name, then renamed: a reader never sees half a file. */
  private async writeWhole(path: string, bytes: Uint8Array): Promise<void> {
    await this.ensureDirs();
    const tmp = this.tempPath();
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, path);
  }

  readAccidentDocument(documentId: string): Promise<Buffer> {
    return readFile(this.accidentDocumentPath(documentId));
  }

  async ensureDirs(): Promise<void> {
    await mkdir(join(this.root, 'uploads'), { recursive: true });
    await mkdir(join(this.root, 'snapshots'), { recursive: true });
    await mkdir(join(this.root, 'tmp'), { recursive: true, mode: 0o700 });
  }

  tempPath(): string {
    return join(this.root, 'tmp', randomUUID());
  }

  /** Plain files a crashed worker left in tmp/ (older than an hour): removed at start and by the purge. */
  async sweepTemp(olderThanMs = 3_600_000): Promise<number> {
    const dir = join(this.root, 'tmp');
    let removed = 0;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const info = await stat(join(dir, name)).catch(() => null);
      if (info && Date.now() - info.mtimeMs > olderThanMs) {
        await rm(join(dir, name), { force: true, recursive: true });
        removed++;
      }
    }
    return removed;
  }

  /**
   * Streams an upload to disk, sealed and hashed as it goes, and files it under its hash.
   * Throws `UploadTooLargeError` past `maxBytes` (nothing is kept then).
   */
  async saveUpload(source: Readable, maxBytes: number): Promise<{ sha256: string; size: number; path: string }> {
    await this.ensureDirs();
    const tmp = this.tempPath();
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > maxBytes) return done(new UploadTooLargeError(maxBytes));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, this.box.sealStream(UPLOAD_AAD), createWriteStream(tmp, { mode: 0o600 }));
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
    // A stream cut off by a byte limit (multipart's fileSize) ends without an error.
    if ((source as Readable & { truncated?: boolean }).truncated) {
      await rm(tmp, { force: true });
      throw new UploadTooLargeError(maxBytes);
    }
    const sha256 = hash.digest('hex');
    const path = this.uploadPath(sha256);
    await mkdir(dirname(path), { recursive: true });
    const existing = await stat(path).catch(() => null);
    if (existing) await rm(tmp, { force: true });
    else await rename(tmp, path);
    return { sha256, size, path };
  }

  /** The uploaded file's plain bytes as a stream (downloads), checked against its hash at the end. */
  async uploadStream(sha256: string): Promise<Readable> {
    return this.openSealedStream(this.uploadPath(sha256), UPLOAD_AAD, sha256);
  }

  /**
   * The first bytes of an upload, to tell its format: read without waiting for the tag at the
   * end (the import opens the whole file, checked, before it trusts a row).
   */
  async uploadHead(sha256: string, bytes = 64 * 1024): Promise<Buffer> {
    const stream = await this.openSealedStream(this.uploadPath(sha256), UPLOAD_AAD, null);
    const chunks: Buffer[] = [];
    let have = 0;
    try {
      for await (const chunk of stream) {
        chunks.push(chunk as Buffer);
        have += (chunk as Buffer).length;
        if (have >= bytes) break;
      }
    } finally {
      stream.destroy();
    }
    return Buffer.concat(chunks).subarray(0, bytes);
  }

  /** Seals a plain file (a snapshot just written under tmp/) into the import's snapshot; the plain one goes. */
  async sealSnapshot(plainPath: string, importId: string, part: SnapshotPart = 'snapshot'): Promise<void> {
    const tmp = this.tempPath();
    try {
      await pipeline(createReadStream(plainPath), this.box.sealStream(snapshotAad(importId, part)), createWriteStream(tmp, { mode: 0o600 }));
      await rename(tmp, this.snapshotPath(importId, part));
    } finally {
      await rm(tmp, { force: true });
      await rm(plainPath, { force: true });
    }
  }

  /**
   * Runs `work` on a plain copy of an upload (readers that need a file: XLSX is read at random),
   * under tmp/ and removed afterwards whatever happens.
   */
  withUpload<T>(sha256: string, work: (path: string) => Promise<T>): Promise<T> {
    return this.withPlain(this.uploadPath(sha256), UPLOAD_AAD, sha256, work);
  }

  /** Likewise for an import's snapshot. */
  withSnapshot<T>(importId: string, work: (path: string) => Promise<T>, part: SnapshotPart = 'snapshot'): Promise<T> {
    return this.withPlain(this.snapshotPath(importId, part), snapshotAad(importId, part), null, work);
  }

  private async withPlain<T>(path: string, aad: string, sha256: string | null, work: (path: string) => Promise<T>): Promise<T> {
    await this.ensureDirs();
    const plain = this.tempPath();
    try {
      await pipeline(await this.openSealedStream(path, aad, sha256), createWriteStream(plain, { mode: 0o600 }));
      return await work(plain);
    } finally {
      await rm(plain, { force: true });
    }
  }

  /** Header and tag read first, then the ciphertext between them streamed through the box (and the hash checked). */
  private async openSealedStream(path: string, aad: string, sha256: string | null): Promise<Readable> {
    const fd = await open(path, 'r');
    let header: Buffer;
    let tag: Buffer;
    let size: number;
    try {
      size = (await fd.stat()).size;
      header = Buffer.alloc(SecretBox.FILE_HEADER);
      tag = Buffer.alloc(SecretBox.FILE_TAG);
      await fd.read(header, 0, header.length, 0);
      if (size >= SecretBox.FILE_HEADER + SecretBox.FILE_TAG) await fd.read(tag, 0, tag.length, size - tag.length);
    } finally {
      await fd.close();
    }
    // Written before files were sealed (an older data folder): read as it is, the hash still checked.
    if (!header.subarray(0, 4).equals(SEALED_FILE_MAGIC)) return sha256 ? createReadStream(path).pipe(hashCheck(sha256)) : createReadStream(path);
    const opener = this.box.openStream(header, tag, aad);
    const body: Readable = size > SecretBox.FILE_HEADER + SecretBox.FILE_TAG
      ? createReadStream(path, { start: SecretBox.FILE_HEADER, end: size - SecretBox.FILE_TAG - 1 })
      : Readable.from([]);
    const plain = body.pipe(opener);
    body.on('error', (err) => opener.destroy(err));
    if (!sha256) return plain;
    const check = hashCheck(sha256);
    opener.on('error', (err) => check.destroy(err));
    return plain.pipe(check);
  }
}

/** Passes the bytes on, and fails at the end unless they hash to `sha256`. */
function hashCheck(sha256: string): Transform {
  const hash = createHash('sha256');
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      done(hash.digest('hex') === sha256 ? null : new Error('a stored file does not match its hash'));
    },
  });
}

/** An accident document's sealed bytes are bound to its row: copied under another document's id they do not open. */
export const accidentDocumentAad = (documentId: string) => `mutaflow:accident-document:${documentId}`;

const statementBatchAad = (batchId: string) => `mutaflow:statement-batch:${batchId}`;

/** Uploads are content-addressed: the hash checked on opening binds them to their import rows. */
const UPLOAD_AAD = 'mutaflow:upload';
export type SnapshotPart = 'snapshot' | 'changed';
// The snapshot's keeps the form it had before there were parts: files sealed then still open.
const snapshotAad = (importId: string, part: SnapshotPart) => (part === 'snapshot' ? `mutaflow:snapshot:${importId}` : `mutaflow:snapshot:${importId}:${part}`);

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${Math.round(maxBytes / 1024 ** 2)} MiB`);
    this.name = 'UploadTooLargeError';
  }
}
