/** The payroll import activity tests' ground: a database and file store, employers, and uploads recorded as the API records them. */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Db } from '../../db/client';
import { employers, payrollImports } from '../../db/schema';
import { DEFAULT_PROFILE } from '../../domain/payroll/mapping-profile';
import type { FileStore } from '../../infra/file-store';
import { testDb, testFiles } from './harness';

/** For a describe block: a database connection and the file store, opened before its tests; `use` receives them. */
export function useDbAndFiles(use: (db: Db, files: FileStore) => void): void {
  let db: Db | undefined;
  beforeAll(async () => {
    db = testDb();
    use(db, await testFiles());
  });
  afterAll(async () => { await db?.$client.end(); });
}

/** A Dutch employer with the default mapping profile. */
export const newEmployer = async (db: Db) => (await db.insert(employers).values({ name: 'a', country: 'NL', mappingProfile: DEFAULT_PROFILE }).returning())[0].id;

/** What the API does on upload: file the bytes, record the import. */
export async function newImport(db: Db, files: FileStore, employerId: string, csv: string | Buffer, period: string, fileName = 'p.csv'): Promise<string> {
  const sha = createHash('sha256').update(csv).digest('hex');
  await mkdir(dirname(files.uploadPath(sha)), { recursive: true });
  await writeFile(files.uploadPath(sha), csv);
  const id = randomUUID();
  await db.insert(payrollImports).values({ id, employerId, period, fileName, fileSha256: sha, fileSize: csv.length, uploadedBy: 't', workflowId: `w-${id}` });
  return id;
}
