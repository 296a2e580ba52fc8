/**
 * Developer aid: time the one-pass validate of month 1 against month 0, no database (tsx bench/validate-only.ts m0.csv m1.csv).
 * DECIMAL_COMMA=1: amounts with a decimal comma (the Windows-1252 files of bench:real-files); AS_TEXT=1: the text reader.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSnapshot } from '../activities/payroll/snapshot-builder';
import { loadBaseline } from '../activities/payroll/baseline';
import { DEFAULT_PROFILE, mappingProfileSchema } from '../domain/payroll/mapping-profile';

void (async () => {
  const [m0, m1] = process.argv.slice(2);
  const dir = await mkdtemp(join(tmpdir(), 'validate-'));
  const profile = process.env.DECIMAL_COMMA ? mappingProfileSchema.parse({ decimalSeparator: ',' }) : DEFAULT_PROFILE;
  const base = { fileName: 'f.csv', profile, readAsText: Boolean(process.env.AS_TEXT) };
  let t = performance.now();
  const s0 = process.env.BASELINE_SNAPSHOT ?? join(dir, 's0');
  if (!process.env.BASELINE_SNAPSHOT) {
    await buildSnapshot({ ...base, sourcePath: m0, snapshotPath: s0, delta: join(dir, 'd0') });
    console.log('month 0 (no baseline)', Math.round(performance.now() - t), 'ms; snapshot at', s0);
  }
  t = performance.now();
  const loaded = await loadBaseline(s0);
  console.log('load baseline', Math.round(performance.now() - t));
  t = performance.now();
  const r = await buildSnapshot({ ...base, sourcePath: m1, snapshotPath: join(dir, 's1'), delta: join(dir, 'd1'), baseline: loaded.baseline, baselineSource: loaded.header.source });
  console.log('month 1 against baseline', Math.round(performance.now() - t), r.ok && r.deltaCount, 'in', dir);
  console.log('peak RSS MB', Math.round(process.resourceUsage().maxRSS / 1024));
})();
