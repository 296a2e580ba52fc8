/**
 * Files at rest: a payroll upload, its snapshot and a report are sealed on disk — read back from
 * the disk, no national id, name or salary shows — and open only under their own row and with a
 * configured key (several readable, the first writing).
 */
import { existsSync } from 'node:fs';
import { readFile, readdir, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { FileStore } from '../../infra/file-store';
import { SEALED_FILE_MAGIC, SecretBox } from '../../infra/secret-box';
import { BSNS, canonicalCsv, personRow } from '../support/canonical-csv';
import type { Harness } from '../support/harness';
import { TEST_SECRETS, createEmployer, startHarness, uploadForm } from '../support/harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.close(); });

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('files at rest', () => {
  const csv = canonicalCsv(
    personRow({ employeeNumber: '0001', nationalId: BSNS[0], lastName: 'Oudendijk', grossMonthlySalary: '4321.09' }),
    personRow({ employeeNumber: '0002', nationalId: BSNS[1], lastName: 'Veenstra', grossMonthlySalary: '5678.12' }),
  );

  it('seals the upload and the snapshot: no national id, name or salary on disk, and the download is the file as sent', async () => {
    const employerId = await createEmployer(h);
    const res = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(csv, 'payroll.csv', '2026-09') });
    expect(res.statusCode).toBe(201);
    const importId = res.json().id as string;
    const report = await h.files.saveReport(Buffer.from(`nationalId;lastName\n${BSNS[0]};Oudendijk\n`));

    const onDisk = await filesUnder(h.files.root);
    const upload = onDisk.find((p) => p.includes(`${join('uploads', '')}`))!;
    const snapshot = h.files.snapshotPath(importId);
    expect(onDisk).toEqual(expect.arrayContaining([upload, snapshot, report.path]));
    for (const path of onDisk) {
      const bytes = await readFile(path);
      const text = bytes.toString('latin1');
      for (const secret of [BSNS[0], BSNS[1], 'Oudendijk', 'Veenstra', '4321.09', '5678.12']) expect({ path, found: text.includes(secret) }).toEqual({ path, found: false });
    }
    for (const path of [upload, snapshot]) expect((await readFile(path)).subarray(0, 4)).toEqual(SEALED_FILE_MAGIC);
    expect(SecretBox.keyIdOf(await readFile(upload))).toBe(TEST_SECRETS.keyId);
    expect((await readFile(report.path))[0]).toBe(2);
    // No plain copy left behind in tmp/.
    expect(onDisk.filter((p) => p.startsWith(join(h.files.root, 'tmp', '')))).toEqual([]);

    const download = await h.app.inject({ method: 'GET', url: `/api/payroll-imports/${importId}/file`, headers: h.auth });
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(csv);
    expect((await h.files.readReport(report.sha256)).toString()).toContain('Oudendijk');
  });

  it('binds a sealed snapshot to its import: copied under another import id it does not open', async () => {
    const employerId = await createEmployer(h);
    const res = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(csv, 'payroll.csv', '2026-09') });
    const importId = res.json().id as string;
    const other = randomUUID();
    await copyFile(h.files.snapshotPath(importId), h.files.snapshotPath(other));
    await expect(h.files.withSnapshot(importId, async (path) => (await readFile(path, 'utf8')).includes('0001'))).resolves.toBe(true);
    await expect(h.files.withSnapshot(other, async () => 'opened')).rejects.toThrow(/failed its check/);
  });

  it("keeps last month's lines of the people an import found changed sealed beside its snapshot, bound to both", async () => {
    const employerId = await createEmployer(h);
    const first = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(csv, 'payroll.csv', '2026-09') });
    expect(first.statusCode).toBe(201);
    expect(existsSync(h.files.snapshotPath(first.json().id as string, 'changed'))).toBe(false);
    const raised = csv.replace('4321.09', '4444.44');
    const res = await h.app.inject({ method: 'POST', url: `/api/employers/${employerId}/payroll-imports?wait=true`, headers: h.auth, payload: uploadForm(raised, 'payroll.csv', '2026-10') });
    expect(res.statusCode).toBe(201);
    const importId = res.json().id as string;
    const changed = h.files.snapshotPath(importId, 'changed');
    const bytes = await readFile(changed);
    expect(bytes.subarray(0, 4)).toEqual(SEALED_FILE_MAGIC);
    for (const secret of [BSNS[0], 'Oudendijk', '4321.09']) expect(bytes.toString('latin1').includes(secret)).toBe(false);
    // Opened: the header and the one person who changed, as last month had them.
    const lines = (await h.files.withSnapshot(importId, (path) => readFile(path, 'utf8'), 'changed')).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('4321.09');
    expect(lines[1]).not.toContain('Veenstra');
    // Not under another import, nor as the import's own snapshot.
    const other = randomUUID();
    await copyFile(changed, h.files.snapshotPath(other, 'changed'));
    await expect(h.files.withSnapshot(other, async () => 'opened', 'changed')).rejects.toThrow(/failed its check/);
    await copyFile(changed, h.files.snapshotPath(importId));
    await expect(h.files.withSnapshot(importId, async () => 'opened')).rejects.toThrow(/failed its check/);
  });

  it('rotates keys: the new key seals, the old one still opens, a store without it cannot', async () => {
    const oldKey = Buffer.alloc(32, 7); // TEST_SECRETS' key
    const newKey = Buffer.alloc(32, 9);
    const rotated = new FileStore(h.files.root, new SecretBox([newKey, oldKey]));
    const newOnly = new FileStore(h.files.root, new SecretBox(newKey));
    const before = await h.files.saveReport(Buffer.from(`before rotation ${randomUUID()}`));
    const after = await rotated.saveReport(Buffer.from(`after rotation ${randomUUID()}`));
    expect(SecretBox.keyIdOf(await readFile(before.path))).toBe(TEST_SECRETS.keyId);
    expect(SecretBox.keyIdOf(await readFile(after.path))).toBe(new SecretBox(newKey).keyId);
    expect((await rotated.readReport(before.sha256)).toString()).toMatch(/^before rotation/);
    expect((await rotated.readReport(after.sha256)).toString()).toMatch(/^after rotation/);
    await expect(newOnly.readReport(before.sha256)).rejects.toThrow(/not configured/);
    await expect(h.files.readReport(after.sha256)).rejects.toThrow(/not configured/);
    // Values too (credentials, TOTP secrets): bound to their row by associated data.
    const sealed = TEST_SECRETS.seal({ apiKey: 'k' }, 'supplier:1');
    expect(new SecretBox([newKey, oldKey]).open(sealed, 'supplier:1')).toEqual({ apiKey: 'k' });
    expect(() => TEST_SECRETS.open(sealed, 'supplier:2')).toThrow();
    expect(SecretBox.fromBase64(`${newKey.toString('base64')},${oldKey.toString('base64')}`).keyId).toBe(new SecretBox(newKey).keyId);
  });
});
