/** Configuration that bounds what Mutaflow accepts and where it may connect. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { loadConfig } from '../../config';
import { DEFAULT_XLSX_LIMITS, guardXlsx } from '../../activities/payroll/file/xlsx-guard';

describe('configuration', () => {
  it('sizes uploads to the largest realistic payroll photo by default, and lets an operator change it', () => {
    const config = loadConfig({});
    expect(config.MUTAFLOW_MAX_UPLOAD_MB).toBe(300);
    expect(config.MUTAFLOW_MAX_XLSX_INFLATED_MB).toBe(1024);
    expect(DEFAULT_XLSX_LIMITS.maxInflatedBytes).toBe(1024 ** 3);
    expect(loadConfig({ MUTAFLOW_MAX_UPLOAD_MB: '50', MUTAFLOW_MAX_XLSX_INFLATED_MB: '200' })).toMatchObject({ MUTAFLOW_MAX_UPLOAD_MB: 50, MUTAFLOW_MAX_XLSX_INFLATED_MB: 200 });
    expect(() => loadConfig({ MUTAFLOW_MAX_UPLOAD_MB: '0' })).toThrow(/MUTAFLOW_MAX_UPLOAD_MB/);
  });

  it('allows no internal destination and no insecure transport unless told, naming a bad entry', () => {
    expect(loadConfig({})).toMatchObject({ MUTAFLOW_OUTBOUND_ALLOW: [], MUTAFLOW_INSECURE_LOCAL_TESTING: false });
    expect(loadConfig({ MUTAFLOW_OUTBOUND_ALLOW: '127.0.0.1:4010, sftp.intranet.example', MUTAFLOW_INSECURE_LOCAL_TESTING: 'true' })).toMatchObject({
      MUTAFLOW_OUTBOUND_ALLOW: [{ host: '127.0.0.1', port: 4010 }, { host: 'sftp.intranet.example' }], MUTAFLOW_INSECURE_LOCAL_TESTING: true,
    });
    expect(() => loadConfig({ MUTAFLOW_OUTBOUND_ALLOW: 'http://x/' })).toThrow(/MUTAFLOW_OUTBOUND_ALLOW/);
  });

  it('serves /docs without signing in only outside production, unless configured', () => {
    expect(loadConfig({}).docsPublic).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).docsPublic).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', MUTAFLOW_DOCS_PUBLIC: 'true' }).docsPublic).toBe(true);
  });
});

describe('the XLSX inflated-size limit', () => {
  it('refuses a workbook that inflates beyond the configured limit, naming the file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('payroll');
    for (let i = 0; i < 2000; i += 1) ws.addRow([`E${i}`, 'Jansen', '2026-01-01', 3000 + i]);
    const path = join(await mkdtemp(join(tmpdir(), 'xlsx-limit-')), 'photo.xlsx');
    await writeFile(path, Buffer.from(await wb.xlsx.writeBuffer()));
    await expect(guardXlsx(path, 'photo.xlsx')).resolves.toBeUndefined();
    await expect(guardXlsx(path, 'photo.xlsx', { ...DEFAULT_XLSX_LIMITS, maxInflatedBytes: 20_000 }))
      .rejects.toMatchObject({ errors: [{ code: 'xlsx_too_large', file: 'photo.xlsx' }] });
  });
});
