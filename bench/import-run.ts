/**
 * One measurement of the import benchmark, in its own process so that its peak RSS is its own.
 * Usage: tsx bench/import-run.ts <parse|import> <file> [databaseUrl employerId period filesDir]
 * Prints one JSON line: { wallMs, rows, peakRssMb }.
 */
import { createReadStream } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createPayrollImportActivities } from '../activities/payroll/import';
import { readCsv } from '../activities/payroll/file/csv-reader';
import { DEFAULT_PROFILE } from '../domain/payroll/mapping-profile';
import { createDb } from '../db/client';
import { payrollImports } from '../db/schema';
import { FileStore } from '../infra/file-store';
import { SecretBox } from '../infra/secret-box';

async function main() {
  const [mode, file, databaseUrl, employerId, period, filesDir] = process.argv.slice(2);
  const started = performance.now();
  let rows = 0;
  if (mode === 'parse') {
    // The floor: the same CSV reader, every record delivered, nothing validated or stored.
    await readCsv(file, file, DEFAULT_PROFILE, { header: () => undefined, row: () => { rows++; }, rowError: () => undefined });
  } else {
    const db = createDb(databaseUrl, 2);
    const files = new FileStore(filesDir, new SecretBox(Buffer.alloc(32, 3)));
    await files.ensureDirs();
    // Sealed at rest as the API files it.
    const { sha256: sha } = await files.saveUpload(createReadStream(file), Number.MAX_SAFE_INTEGER);
    const importId = randomUUID();
    await db.insert(payrollImports).values({
      id: importId, employerId, period, fileName: file.split('/').pop()!, fileSha256: sha, fileSize: 0, uploadedBy: 'bench', workflowId: `bench-${importId}`,
    });
    const t0 = performance.now();
    const activities = createPayrollImportActivities({ db, files });
    const imported = await activities.importPayrollFile(importId);
    if (!imported.ok) throw new Error(`bench file rejected: ${imported.errorCount} errors`);
    const out = { rows: imported.rowCount, changes: imported.changeCounts };
    const wallMs = Math.round(performance.now() - t0);
    await db.$client.end();
    console.log(JSON.stringify({ wallMs, ...out, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
    return;
  }
  console.log(JSON.stringify({ wallMs: Math.round(performance.now() - started), rows, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
