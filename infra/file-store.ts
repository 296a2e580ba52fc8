import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Files on disk under one root: uploads stored by content hash (the same file twice is one
 * file), and each import's canonical snapshot by import id. In docker-compose the root is a
 * volume shared by api and worker.
 */
export class FileStore {
  constructor(readonly root: string) {}

  uploadPath(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new RangeError('not a sha256');
    return join(this.root, 'uploads', sha256.slice(0, 2), sha256);
  }

  snapshotPath(importId: string): string {
    if (!/^[0-9a-f-]{36}$/.test(importId)) throw new RangeError('not an import id');
    return join(this.root, 'snapshots', `${importId}.snapshot`);
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
    if (!(await stat(path).catch(() => null))) await this.writeWhole(path, bytes);
    return { sha256, size: bytes.length, path };
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

  /** Written under a temporary name, then renamed: a reader never sees half a file. */
  private async writeWhole(path: string, bytes: Uint8Array): Promise<void> {
    await this.ensureDirs();
    const tmp = this.tempPath();
    await writeFile(tmp, bytes);
    await rename(tmp, path);
  }

  readAccidentDocument(documentId: string): Promise<Buffer> {
    return readFile(this.accidentDocumentPath(documentId));
  }

  async ensureDirs(): Promise<void> {
    await mkdir(join(this.root, 'uploads'), { recursive: true });
    await mkdir(join(this.root, 'snapshots'), { recursive: true });
    await mkdir(join(this.root, 'tmp'), { recursive: true });
  }

  tempPath(): string {
    return join(this.root, 'tmp', randomUUID());
  }

  /**
   * Streams an upload to disk, hashing as it goes, and files it under its hash.
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
      await pipeline(source, meter, createWriteStream(tmp));
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
}

export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the file is larger than ${Math.round(maxBytes / 1024 ** 2)} MiB`);
    this.name = 'UploadTooLargeError';
  }
}
