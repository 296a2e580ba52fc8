/** Developer aid: the XLSX path's phases — zip guard, streaming reading, mapping (tsx bench/xlsx-phases.ts file.xlsx). */
import { guardXlsx } from '../activities/payroll/file/xlsx-guard';
import { readXlsx } from '../activities/payroll/file/xlsx-reader';
import { DEFAULT_PROFILE } from '../domain/payroll/mapping-profile';
import type { RowMapper } from '../domain/payroll/row-mapper';
import { compileRowMapper } from '../domain/payroll/row-mapper';

void (async () => {
  const file = process.argv[2];
  let t = performance.now();
  await guardXlsx(file, file, undefined, { sheets: 'declared' });
  console.log('zip guard as the reader runs it (the sheet counted by its declared size)', Math.round(performance.now() - t), 'ms');
  for (const map of [false, true]) {
    let mapper: RowMapper | undefined;
    let rows = 0;
    t = performance.now();
    await readXlsx(file, file, DEFAULT_PROFILE, {
      header: (c) => { const r = compileRowMapper(c, DEFAULT_PROFILE, file, 1); if ('mapper' in r) mapper = r.mapper; },
      row: (c, r) => { rows++; if (map) mapper!.map(c, r, []); },
      rowError: () => undefined,
    });
    console.log(map ? 'guard + reading + mapping' : 'guard + reading', Math.round(performance.now() - t), 'ms', rows, 'rows');
  }
})();
