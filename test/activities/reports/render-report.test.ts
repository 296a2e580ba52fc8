import ExcelJS from 'exceljs';
import { loadWorkbook, sheetValues } from '../../support/xlsx';
import { REPORT_CONTENT_TYPES, renderReport } from '../../../activities/reports/render-report';
import type { ReportFormat, ReportLine} from '../../../domain/reports/format';
import { reportFormatSchema } from '../../../domain/reports/format';

const meta = { supplierName: 'Zorg & Co', employerName: 'ACME', period: '2026-09', version: 1 };

const person = { employeeNumber: 'E001', lastName: 'Jansen', firstName: 'Anna', grossMonthlySalary: '3578.6', birthDate: '1980-02-29' };

const lines: ReportLine[] = [
  { kind: 'enrollment', effectiveDate: '2026-09-01', insured: 'employee', person, plan: { code: 'ZV1', name: 'Zorg; Basis' }, startDate: '2026-09-01' },
  { kind: 'change', effectiveDate: '2026-09-15', insured: 'employee', person: { ...person, lastName: "=cmd|' /C calc'!A0", grossMonthlySalary: '-12.50' }, field: 'grossMonthlySalary', oldValue: '3578.6', newValue: '-12.50' },
];

const load = loadWorkbook;

const values = sheetValues;

describe('renderReport CSV', () => {
  const csv = (over: Partial<ReportFormat>) => reportFormatSchema.parse({ fileType: 'csv', ...over });

  it('writes UTF-8 with BOM, CRLF, semicolons, decimal commas, quoting where needed and neutralised text', async () => {
    const format = csv({ columns: ['changeKind', 'employeeNumber', 'lastName', 'grossMonthlySalary', 'planName', 'startDate'] });
    const r = await renderReport(format, lines, meta);
    expect(r.fileName).toBe('Zorg_Co_ACME_2026-09.csv');
    expect(r.contentType).toBe(REPORT_CONTENT_TYPES.csv);
    expect(r.lineCount).toBe(2);
    const expected = '\uFEFF'
      + 'Mutatie;Personeelsnummer;Achternaam;Bruto maandsalaris;Product;Begindatum\r\n'
      + 'Aansluiting;E001;Jansen;3578,60;"Zorg; Basis";01-09-2026\r\n'
      + "Wijziging;E001;'=cmd|' /C calc'!A0;-12,50;;\r\n";
    expect(r.bytes.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('quotes per RFC 4180 with a comma delimiter and writes a dot decimal unquoted', async () => {
    const format = csv({ csvDelimiter: ',', decimalSeparator: '.', dateFormat: 'yyyy-mm-dd', language: 'en', columns: ['lastName', 'grossMonthlySalary', 'birthDate'] });
    const r = await renderReport(format, [{ ...lines[0], person: { ...person, lastName: 'Jansen, "Jr"' } }], meta);
    expect(r.bytes.toString('utf8')).toBe('\uFEFFLast name,Gross monthly salary,Date of birth\r\n"Jansen, ""Jr""",3578.60,1980-02-29\r\n');
  });

  it('writes the header of an empty report', async () => {
    const r = await renderReport(csv({ columns: ['lastName', 'firstName'], csvDelimiter: '\t' }), [], meta);
    expect(r.bytes.toString('utf8')).toBe('\uFEFFAchternaam\tVoornaam\r\n');
    expect(r.lineCount).toBe(0);
  });
});

describe('renderReport XLSX', () => {
  const xlsx = (over: Partial<ReportFormat>) => reportFormatSchema.parse({ fileType: 'xlsx', ...over });
  const columns: ReportFormat['columns'] = ['changeKind', 'lastName', 'grossMonthlySalary', 'birthDate', 'field', 'oldValue', 'newValue'];

  it('writes one sheet with a bold, frozen French header, dates as text in the format and decimals as numbers', async () => {
    const r = await renderReport(xlsx({ language: 'fr', dateFormat: 'dd/mm/yyyy', columns }), lines, meta);
    expect(r.fileName).toBe('Zorg_Co_ACME_2026-09.xlsx');
    expect(r.contentType).toBe(REPORT_CONTENT_TYPES.xlsx);
    const wb = await load(r.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Mutations']);
    const ws = wb.worksheets[0];
    expect(values(ws)).toEqual([
      ['Type de mutation', 'Nom', 'Salaire mensuel brut', 'Date de naissance', 'Donnée modifiée', 'Ancienne valeur', 'Nouvelle valeur'],
      ['Affiliation', 'Jansen', 3578.6, '29/02/1980'],
      ['Modification', "'=cmd|' /C calc'!A0", -12.5, '29/02/1980', 'Salaire mensuel brut', '3578,60', '-12,50'],
    ]);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('C2').type).toBe(ExcelJS.ValueType.Number);
    expect(ws.getCell('C2').numFmt).toBe('0.00');
    expect(ws.getCell('D2').type).toBe(ExcelJS.ValueType.String);
  });

  it('never writes formula-looking text as a formula', async () => {
    const r = await renderReport(xlsx({ columns }), lines, meta);
    const ws = (await load(r.bytes)).worksheets[0];
    const cell = ws.getCell('B3');
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(String(cell.value).startsWith("'")).toBe(true);
    ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
  });

  it('writes a sheet per change kind that has lines', async () => {
    const r = await renderReport(xlsx({ language: 'fr', sheetPerKind: true, columns: ['changeKind', 'lastName'] }), lines, meta);
    const wb = await load(r.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Affiliation', 'Modification']);
    expect(values(wb.getWorksheet('Affiliation')!)).toEqual([['Type de mutation', 'Nom'], ['Affiliation', 'Jansen']]);
    expect(values(wb.getWorksheet('Modification')!)).toEqual([['Type de mutation', 'Nom'], ['Modification', "'=cmd|' /C calc'!A0"]]);
  });

  it('writes the header of an empty report on one sheet', async () => {
    const r = await renderReport(xlsx({ sheetPerKind: true, columns: ['lastName', 'firstName'] }), [], meta);
    const wb = await load(r.bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Mutaties']);
    expect(values(wb.worksheets[0])).toEqual([['Achternaam', 'Voornaam']]);
    expect(r.lineCount).toBe(0);
  });
});
