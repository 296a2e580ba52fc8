import { loadWorkbook, sheetValues } from '../../support/xlsx';
import { renderAccidentReportXlsx } from '../../../activities/accidents/accident-report-xlsx';
import type { AccidentReport} from '../../../domain/accidents/stats';
import { accidentReport } from '../../../domain/accidents/stats';

const load = loadWorkbook;
const values = sheetValues;

const report: AccidentReport = accidentReport({
  from: '2026-01-01', to: '2026-01-28', groupBy: 'category', fullTimeWeeklyHours: 35,
  persons: [
    { hireDate: null, exitDate: null, workSchedulePercent: 100, department: null, category: 'blue_collar' }, // 140 h
    { hireDate: null, exitDate: null, workSchedulePercent: 50, department: null, category: 'white_collar' }, // 70 h
  ],
  accidents: [
    { id: 'a1', occurredOn: '2026-01-05', incapacityFrom: '2026-01-06', workResumedOn: '2026-01-16', fatal: false, minor: false, department: null, category: 'blue_collar' },
    { id: 'a2', occurredOn: '2026-01-07', incapacityFrom: null, workResumedOn: null, fatal: false, minor: true, department: null, category: 'blue_collar' },
    { id: 'a3', occurredOn: '2026-01-09', incapacityFrom: '2026-01-10', workResumedOn: '2026-01-11', fatal: false, minor: false, department: null, category: null },
  ],
});

describe('renderAccidentReportXlsx', () => {
  it('writes a Dutch sheet with translated headers, a row per group, a bold total and numeric rates', async () => {
    const wb = await load(await renderAccidentReportXlsx(report, 'nl'));
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(['Ongevallen', 'Definities']);
    const ws = wb.getWorksheet('Ongevallen')!;
    expect(values(ws)).toEqual([
      ['Categorie', 'Ongevallen', 'Lichte ongevallen (EHBO-register)', 'Ongevallen met ten minste 1 verloren dag', 'Verloren kalenderdagen', 'Gepresteerde uren (geschat)', 'Frequentiegraad', 'Werkelijke ernstgraad'],
      // 1 × 1,000,000 / 140 = 7142.857…; 10 × 1,000 / 140 = 71.428…
      ['Arbeider', 2, 1, 1, 10, 140, 7142.86, 71.43],
      // Accident without hours: the rates are left empty, not zero.
      ['Onbekend', 1, 0, 1, 1, 0],
      ['Bediende', 0, 0, 0, 0, 70, 0, 0],
      // 2 × 1,000,000 / 210; 11 × 1,000 / 210
      ['Totaal', 3, 1, 2, 11, 210, 9523.81, 52.38],
    ]);
    expect(ws.getRow(3).getCell(7).value).toBeNull();
    expect(ws.getRow(3).getCell(8).value).toBeNull();
    const total = ws.getRow(5);
    expect(total.getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(1).font?.bold).toBeFalsy();
    expect(ws.getRow(2).getCell(7).numFmt).toBe('0.00');
    expect(ws.getRow(2).getCell(8).numFmt).toBe('0.00');
    expect(typeof ws.getRow(2).getCell(7).value).toBe('number');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('explains the rates in the chosen language on the definitions sheet', async () => {
    const fr = await load(await renderAccidentReportXlsx(report, 'fr'));
    expect(values(fr.worksheets[0])[0]).toEqual(['Catégorie', 'Accidents', 'Accidents bénins (registre des premiers soins)', 'Accidents avec au moins 1 jour perdu', 'Jours calendrier perdus', 'Heures prestées (estimées)', 'Taux de fréquence', 'Taux de gravité réel']);
    const defs = values(fr.getWorksheet('Définitions')!);
    expect(defs[0]).toEqual(['Terme', 'Signification']);
    expect(defs.find((r) => r[0] === 'Taux de fréquence')?.[1]).toContain('1 000 000');
    expect(defs.find((r) => r[0] === 'Taux de gravité réel')?.[1]).toContain('× 1 000 / heures prestées');
    expect(defs.find((r) => r[0] === 'Période')?.[1]).toBe('2026-01-01 – 2026-01-28');
    expect(defs.find((r) => r[0] === 'Heures par semaine à temps plein')?.[1]).toBe(35);

    const en = await load(await renderAccidentReportXlsx(report, 'en'));
    expect(en.worksheets.map((ws) => ws.name)).toEqual(['Accidents', 'Definitions']);
    expect(values(en.worksheets[1]).find((r) => r[0] === 'Severity rate')?.[1]).toContain('Calendar days lost × 1,000 / hours worked');
  });

  it('keeps months and departments as they are, and still writes an empty report', async () => {
    const empty = accidentReport({ from: '2026-01-01', to: '2026-01-31', groupBy: 'month', persons: [], accidents: [] });
    const ws = (await load(await renderAccidentReportXlsx(empty, 'en'))).worksheets[0];
    expect(values(ws)).toEqual([
      ['Month', 'Accidents', 'Minor accidents (first-aid register)', 'Accidents with at least 1 day lost', 'Calendar days lost', 'Hours worked (estimated)', 'Frequency rate', 'Severity rate'],
      ['Total', 0, 0, 0, 0, 0],
    ]);
    const byDept = accidentReport({ from: '2026-01-01', to: '2026-01-31', groupBy: 'department', persons: [{ hireDate: null, exitDate: null, workSchedulePercent: 100, department: '=SUM(A1)', category: null }], accidents: [] });
    const row = (await load(await renderAccidentReportXlsx(byDept, 'en'))).worksheets[0].getRow(2);
    // A department name that looks like a formula stays text.
    expect(row.getCell(1).value).toBe('=SUM(A1)');
  });
});
