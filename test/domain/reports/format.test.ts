import { CANONICAL_FIELDS } from '../../../domain/payroll/canonical';
import { SUPPLIER_KINDS } from '../../../domain/suppliers/supplier-kind';
import type { ReportFormat, ReportLine} from '../../../domain/reports/format';
import {
  CHANGE_KIND_LABELS, INSURED_LABELS, REPORT_COLUMNS, REPORT_COLUMN_IDS, REPORT_LINE_KINDS,
  defaultReportFormat, fieldLabel, formatDate, formatDecimal, groupBySheet, neutraliseCell, reportFileName,
  reportFormatSchema, reportRows,
} from '../../../domain/reports/format';

const format = (over: Partial<ReportFormat> = {}): ReportFormat => reportFormatSchema.parse(over);

const line = (over: Partial<ReportLine> = {}): ReportLine => ({
  kind: 'change',
  effectiveDate: '2026-09-01',
  insured: 'employee',
  person: { employeeNumber: 'E001', lastName: 'Jansen', firstName: 'Anna', nationalId: '111222333', birthDate: '1980-02-29', grossMonthlySalary: '3578.6', workSchedulePercent: '80' },
  ...over,
});

const issuePaths = (input: unknown) => {
  const r = reportFormatSchema.safeParse(input);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

describe('reportFormatSchema', () => {
  it('fills every option with a default', () => {
    expect(reportFormatSchema.parse({})).toEqual({
      fileType: 'xlsx', language: 'nl', columns: expect.arrayContaining(['changeKind', 'employeeNumber', 'lastName']),
      dateFormat: 'dd-mm-yyyy', decimalSeparator: ',', csvDelimiter: ';', sheetPerKind: false,
      fileNamePattern: '{supplier}_{employer}_{period}.{ext}', headerLabels: {},
    });
    expect(reportFormatSchema.parse({}).columns).not.toContain('nationalId');
  });

  it.each([
    [{ fileType: 'pdf' }, 'fileType'],
    [{ language: 'de' }, 'language'],
    [{ columns: [] }, 'columns'],
    [{ columns: ['lastName', 'shoeSize'] }, 'columns.1'],
    [{ columns: ['lastName', 'firstName', 'lastName'] }, 'columns'],
    [{ dateFormat: 'mm/dd/yyyy' }, 'dateFormat'],
    [{ decimalSeparator: ' ' }, 'decimalSeparator'],
    [{ csvDelimiter: '|' }, 'csvDelimiter'],
    [{ sheetPerKind: 'yes' }, 'sheetPerKind'],
    [{ fileNamePattern: '{supplier}_{month}.{ext}' }, 'fileNamePattern'],
    [{ fileNamePattern: '{supplier}.csv' }, 'fileNamePattern'],
    [{ colums: ['lastName'] }, ''],
    [{ headerLabels: { shoeSize: 'Maat' } }, 'headerLabels'],
    [{ headerLabels: { lastName: '  ' } }, 'headerLabels.lastName'],
    [{ columns: ['lastName'], headerLabels: { firstName: 'Voornaam' } }, 'headerLabels'],
  ])('rejects %j at %s', (input, path) => {
    expect(issuePaths(input)).toContain(path);
  });

  it('writes the supplier\'s own header for the columns it names, the language\'s label for the others', () => {
    const f = format({ columns: ['employeeNumber', 'lastName', 'firstName'], language: 'fr', headerLabels: { lastName: 'NOM_ASSURE', employeeNumber: 'Matricule RH' } });
    expect(reportRows(f, [line()]).header).toEqual(['Matricule RH', 'NOM_ASSURE', REPORT_COLUMNS.firstName.labels.fr]);
    expect(reportRows(f, [line()]).rows[0]).toEqual(['E001', 'Jansen', 'Anna']);
  });

  it('says why a duplicate column or a bad pattern is refused', () => {
    const r = reportFormatSchema.safeParse({ columns: ['lastName', 'lastName'], fileNamePattern: '{x}.{ext}' });
    expect(r.success).toBe(false);
    const messages = r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(expect.arrayContaining([
      'columns: a column may appear only once', expect.stringMatching(/^fileNamePattern: unknown placeholder/),
    ]));
  });
});

describe('labels', () => {
  it('labels every column and change kind in Dutch, French and English', () => {
    for (const id of REPORT_COLUMN_IDS) {
      for (const lang of ['nl', 'fr', 'en'] as const) expect(REPORT_COLUMNS[id].labels[lang]).toMatch(/\S/);
    }
    for (const kind of REPORT_LINE_KINDS) expect(Object.keys(CHANGE_KIND_LABELS[kind]).sort()).toEqual(['en', 'fr', 'nl']);
    expect(REPORT_LINE_KINDS.map((k) => CHANGE_KIND_LABELS[k].nl))
      .toEqual(['Aansluiting', 'Afsluiting', 'Indienst', 'Uitdienst', 'Herindienst', 'Wijziging']);
    expect(REPORT_LINE_KINDS.map((k) => CHANGE_KIND_LABELS[k].fr))
      .toEqual(['Affiliation', 'Désaffiliation', 'Entrée en service', 'Sortie de service', 'Rentrée', 'Modification']);
    expect(INSURED_LABELS.child).toEqual({ nl: 'Kind', fr: 'Enfant', en: 'Child' });
  });

  it('has a column for every canonical field, so a changed field is always labelled', () => {
    for (const f of CANONICAL_FIELDS) expect(REPORT_COLUMN_IDS).toContain(f);
    expect(fieldLabel('grossMonthlySalary', 'fr')).toBe('Salaire mensuel brut');
    expect(fieldLabel('customThing', 'nl')).toBe('customThing');
  });

  it('writes the header, the kind, the insured and the changed field in the report language', () => {
    const columns = ['changeKind', 'insured', 'field', 'lastName'] as const;
    const l = line({ field: 'street', oldValue: 'Dorpsstraat', newValue: 'Kerkstraat' });
    expect(reportRows(format({ language: 'fr', columns: [...columns] }), [l]))
      .toEqual({ header: ['Type de mutation', 'Assuré', 'Donnée modifiée', 'Nom'], rows: [['Modification', 'Travailleur', 'Rue', 'Jansen']] });
    expect(reportRows(format({ language: 'nl', columns: [...columns] }), [l]).rows)
      .toEqual([['Wijziging', 'Werknemer', 'Straat', 'Jansen']]);
    expect(reportRows(format({ language: 'en', columns: [...columns] }), [l]).header)
      .toEqual(['Change type', 'Insured', 'Changed field', 'Last name']);
  });
});

describe('dates and decimals', () => {
  it.each([
    ['yyyy-mm-dd', '2026-03-05'], ['dd-mm-yyyy', '05-03-2026'], ['dd/mm/yyyy', '05/03/2026'], ['dd.mm.yyyy', '05.03.2026'],
  ] as const)('writes %s', (fmt, expected) => {
    expect(formatDate('2026-03-05', fmt)).toBe(expected);
  });

  it('leaves text that is no ISO date to the caller', () => {
    expect(formatDate('05-03-2026', 'yyyy-mm-dd')).toBeNull();
  });

  it.each([
    ['3578.6', ',', 2, '3578,60'], ['3578.6', '.', undefined, '3578.6'], ['80', ',', undefined, '80'],
    ['-12.5', ',', 2, '-12,50'], ['0.005', '.', 2, '0.01'], ['-0.004', '.', 2, '0.00'], ['1.999', ',', 2, '2,00'],
    ['12.50', '.', undefined, '12.5'], ['1e3', '.', 2, null], ['1,5', '.', 2, null],
  ] as const)('formats %s with %s and %s decimals as %s', (text, sep, decimals, expected) => {
    expect(formatDecimal(text, sep, decimals)).toBe(expected);
  });

  it('formats date and decimal columns, and old and new values by the changed field', () => {
    const f = format({ fileType: 'csv', dateFormat: 'dd.mm.yyyy', columns: ['effectiveDate', 'birthDate', 'grossMonthlySalary', 'workSchedulePercent', 'oldValue', 'newValue'] });
    expect(reportRows(f, [
      line({ field: 'grossMonthlySalary', oldValue: '3000', newValue: '3578.6' }),
      line({ field: 'birthDate', oldValue: '1980-02-28', newValue: '1980-02-29' }),
      line({ field: 'gender', oldValue: 'M', newValue: null }),
    ]).rows).toEqual([
      ['01.09.2026', '29.02.1980', '3578,60', '80', '3000,00', '3578,60'],
      ['01.09.2026', '29.02.1980', '3578,60', '80', '28.02.1980', '29.02.1980'],
      ['01.09.2026', '29.02.1980', '3578,60', '80', 'M', null],
    ]);
  });

  it('writes decimals as numbers for XLSX', () => {
    const f = format({ fileType: 'xlsx', columns: ['grossMonthlySalary', 'workSchedulePercent'] });
    expect(reportRows(f, [line()]).rows).toEqual([[3578.6, 80]]);
  });

  it('takes identity columns from the family member, the rest from the employee', () => {
    const f = format({ columns: ['employeeNumber', 'insured', 'lastName', 'firstName', 'nationalId', 'birthDate', 'planName', 'startDate'] });
    const child = line({
      kind: 'enrollment', insured: 'child', member: { lastName: 'Jansen', firstName: 'Pim', birthDate: '2015-06-01' },
      plan: { code: 'ZV1', name: 'Zorg Basis' }, startDate: '2026-09-01',
    });
    expect(reportRows(f, [child]).rows).toEqual([['E001', 'Kind', 'Jansen', 'Pim', null, '01-06-2015', 'Zorg Basis', '01-09-2026']]);
  });
});

describe('neutraliseCell', () => {
  it.each([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ['+1', "'+1"],
    ['-1+1', "'-1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "' x"],
    ['\rx', "' x"],
    ['-Jansen', "'-Jansen"],
  ])('neutralises %j', (text, expected) => {
    expect(neutraliseCell(text)).toBe(expected);
  });

  it('flattens tabs and line breaks inside a value and leaves ordinary text alone', () => {
    expect(neutraliseCell('Dorps\tstraat\r\n12\n')).toBe('Dorps straat 12 ');
    expect(neutraliseCell('Jansen-de Vries')).toBe('Jansen-de Vries');
    expect(neutraliseCell('')).toBe('');
  });

  it('neutralises text cells but keeps a signed number in a decimal column a number', () => {
    const person = { lastName: '-Jansen', firstName: '=1+1', employeeNumber: '+31', grossMonthlySalary: '-12.50' };
    const columns: ReportFormat['columns'] = ['lastName', 'firstName', 'employeeNumber', 'grossMonthlySalary'];
    expect(reportRows(format({ fileType: 'xlsx', columns }), [line({ person })]).rows)
      .toEqual([["'-Jansen", "'=1+1", "'+31", -12.5]]);
    expect(reportRows(format({ fileType: 'csv', columns }), [line({ person })]).rows)
      .toEqual([["'-Jansen", "'=1+1", "'+31", '-12,50']]);
  });

  it('neutralises a decimal column that holds no number, and old and new values of text fields', () => {
    const f = format({ fileType: 'xlsx', columns: ['grossMonthlySalary', 'oldValue', 'newValue', 'planName'] });
    const l = line({
      person: { grossMonthlySalary: '=HYPERLINK("x")' }, field: 'street', oldValue: '@x', newValue: '-1', plan: { code: null, name: '+Plan' },
    });
    expect(reportRows(f, [l]).rows).toEqual([["'=HYPERLINK(\"x\")", "'@x", "'-1", "'+Plan"]]);
  });
});

describe('groupBySheet', () => {
  const lines = [line({ kind: 'change' }), line({ kind: 'enrollment' }), line({ kind: 'change' })];

  it('puts every line on one sheet named by the language', () => {
    expect(groupBySheet(format({ language: 'fr' }), lines).map((s) => [s.name, s.rows.length])).toEqual([['Mutations', 3]]);
  });

  it('gives each change kind with lines its own sheet, in a fixed order', () => {
    const sheets = groupBySheet(format({ sheetPerKind: true, columns: ['changeKind'] }), lines);
    expect(sheets.map((s) => [s.name, s.rows])).toEqual([['Aansluiting', [['Aansluiting']]], ['Wijziging', [['Wijziging'], ['Wijziging']]]]);
  });

  it('keeps one header-only sheet for an empty report', () => {
    expect(groupBySheet(format({ sheetPerKind: true, language: 'en', columns: ['lastName'] }), []))
      .toEqual([{ name: 'Changes', header: ['Last name'], rows: [] }]);
  });
});

describe('reportFileName', () => {
  const meta = { supplierName: 'Achmea Zorg', employerName: 'ACME B.V.', period: '2026-09', version: 2 };

  it('fills the default pattern', () => {
    expect(reportFileName(format({ fileType: 'csv' }), meta)).toBe('Achmea_Zorg_ACME_B.V._2026-09.csv');
  });

  it('fills every placeholder', () => {
    expect(reportFileName(format({ fileNamePattern: 'mut-{period}-v{version}-{supplier}.{ext}' }), meta))
      .toBe('mut-2026-09-v2-Achmea_Zorg.xlsx');
  });

  it('sanitises names to letters, digits, dot, dash and underscore', () => {
    const name = reportFileName(format(), { ...meta, supplierName: 'Société Générale / Crédit', employerName: '../../etc/passwd' });
    expect(name).toBe('Societe_Generale_Credit_.._.._etc_passwd_2026-09.xlsx');
    expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it('never yields a hidden file, an empty name or an overlong one', () => {
    expect(reportFileName(format({ fileNamePattern: '{supplier}.{ext}' }), { ...meta, supplierName: '..' })).toBe('report.xlsx');
    const long = reportFileName(format({ fileType: 'csv' }), { ...meta, supplierName: 'x'.repeat(500) });
    expect(long.length).toBe(200);
    expect(long.endsWith('.csv')).toBe(true);
  });
});

describe('defaultReportFormat', () => {
  it('gives every kind a valid format: XLSX for insurers, CSV for external and internal suppliers', () => {
    for (const kind of SUPPLIER_KINDS) {
      const f = defaultReportFormat(kind);
      expect(reportFormatSchema.parse(f)).toEqual(f);
      expect(f.language).toBe('nl');
      expect(f.fileType).toBe(kind === 'external' || kind === 'internal' ? 'csv' : 'xlsx');
      expect(f.columns.slice(0, 2)).toEqual(['changeKind', 'effectiveDate']);
    }
  });

  it('minimises what external suppliers get: no national id, birth date or salary', () => {
    const { columns } = defaultReportFormat('external');
    for (const c of ['nationalId', 'birthDate', 'grossMonthlySalary', 'salaryClass', 'workSchedulePercent'] as const) expect(columns).not.toContain(c);
    expect(columns).toEqual(expect.arrayContaining(['employeeNumber', 'lastName', 'street', 'planName', 'startDate', 'endDate']));
  });

  it('gives insurers identity and plan, group insurance and accident the salary', () => {
    expect(defaultReportFormat('health_insurer').columns).toEqual(expect.arrayContaining(['nationalId', 'birthDate', 'street', 'planCode', 'insured']));
    expect(defaultReportFormat('health_insurer').columns).not.toContain('grossMonthlySalary');
    expect(defaultReportFormat('group_insurance').columns).toEqual(expect.arrayContaining(['nationalId', 'grossMonthlySalary', 'workSchedulePercent']));
    expect(defaultReportFormat('accident').columns).toEqual(expect.arrayContaining(['nationalId', 'category', 'grossMonthlySalary', 'workSchedulePercent']));
    expect(defaultReportFormat('internal').columns).toEqual(expect.arrayContaining(['employeeNumber', 'category', 'salaryClass', 'grossMonthlySalary']));
    expect(defaultReportFormat('internal').columns).not.toContain('nationalId');
  });
});
