/** Developer aid: time the import's per-row phases on one CSV (tsx bench/phases.ts file.csv). */
import { readCsv } from '../activities/payroll/file/csv-reader';
import { snapshotLine } from '../activities/payroll/snapshot-file';
import { DEFAULT_PROFILE } from '../domain/payroll/mapping-profile';
import type { RowMapper } from '../domain/payroll/row-mapper';
import { compileRowMapper } from '../domain/payroll/row-mapper';

const file = process.argv[2];
async function phase(name: string, level: number) {
  let mapper: RowMapper | undefined;
  const errs: unknown[] = [];
  let n = 0;
  const t = performance.now();
  await readCsv(file, file, DEFAULT_PROFILE, {
    header: (c) => { const r = compileRowMapper(c, DEFAULT_PROFILE, file, 1); if ('mapper' in r) mapper = r.mapper; },
    row: (c, r) => {
      n++;
      if (level < 1) return;
      const m = mapper!.map(c, r, errs as never);
      if (level >= 2 && m) snapshotLine('', m.canonical, m.custom);
    },
    rowError: () => undefined,
  });
  console.log(name.padEnd(10), `${Math.round(performance.now() - t)} ms`, n, 'rows');
}
void (async () => { await phase('parse', 0); await phase('map', 1); await phase('map+line', 2); })();
