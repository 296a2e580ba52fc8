import type { CanonicalField} from '../../../domain/payroll/canonical';
import { CANONICAL_FIELDS, REQUIRED_FIELDS } from '../../../domain/payroll/canonical';
import type { ImportError} from '../../../domain/payroll/import-errors';
import { describeImportError } from '../../../domain/payroll/import-errors';
import type { MappingProfile} from '../../../domain/payroll/mapping-profile';
import { DEFAULT_PROFILE, PROFILE_PRESETS, mappingProfileSchema } from '../../../domain/payroll/mapping-profile';
import type { Cell, MappedRow, RowMapper} from '../../../domain/payroll/row-mapper';
import { cellText, compileRowMapper } from '../../../domain/payroll/row-mapper';

const NL = PROFILE_PRESETS['nl-payroll-csv'];
const BE = PROFILE_PRESETS['be-payroll-xlsx'];

function compile(header: Cell[], profile: MappingProfile = DEFAULT_PROFILE, file = 'export.csv', headerRow = 1): RowMapper {
  const r = compileRowMapper(header, profile, file, headerRow);
  if ('errors' in r) throw new Error(`unexpected header errors: ${JSON.stringify(r.errors)}`);
  return r.mapper;
}

function headerErrors(header: Cell[], profile: MappingProfile = DEFAULT_PROFILE, file = 'export.csv', headerRow = 1): ImportError[] {
  const r = compileRowMapper(header, profile, file, headerRow);
  if (!('errors' in r)) throw new Error('expected header errors');
  return r.errors;
}

function mapRow(mapper: RowMapper, cells: Cell[], row = 2): { mapped: MappedRow | null; errors: ImportError[] } {
  const errors: ImportError[] = [];
  return { mapped: mapper.map(cells, row, errors), errors };
}

const get = (row: MappedRow, field: CanonicalField) => row.canonical[CANONICAL_FIELDS.indexOf(field)];

/** The canonical row as an object, for readable expectations. */
const asObject = (row: MappedRow) => Object.fromEntries(CANONICAL_FIELDS.map((f, i) => [f, row.canonical[i]]));

// ---- canonical (default profile) ----

const CANONICAL_HEADER: string[] = [...CANONICAL_FIELDS];
const CANONICAL_ROW: Record<CanonicalField, string> = {
  employeeNumber: '0001', nationalId: '111222333', lastName: 'Jansen', namePrefix: '', firstName: 'Anna', initials: 'A.',
  birthDate: '1985-04-12', gender: 'F', nationality: 'NL', maritalStatus: 'single', street: 'Kerkstraat', houseNumber: '1',
  postalCode: '3511CD', city: 'Utrecht', country: 'NL', partnerLastName: '', partnerNamePrefix: '', category: 'white_collar',
  salaryClass: '5', workSchedulePercent: '100', grossMonthlySalary: '3500.00', hireDate: '2020-01-01', exitDate: '',
};
const canonicalCells = (over: Partial<Record<CanonicalField, Cell>> = {}, header: string[] = CANONICAL_HEADER): Cell[] => {
  const row: Record<string, Cell> = { ...CANONICAL_ROW, ...over };
  return header.map((h) => row[h] ?? '');
};

// ---- Dutch CSV (rows copied from ../shared/samples/nl-payroll-export-2026-09.csv) ----

const NL_HEADER = ('Personeelsnummer;BSN;Achternaam;Voorvoegsel;Voornamen;Voorletters;Geboortedatum;Geslacht;Nationaliteit;'
  + 'Burgerlijke staat;Straat;Huisnummer;Postcode;Woonplaats;Land;Naam partner;Voorvoegsel partner;Soort werknemer;Schaal;'
  + 'Deeltijdpercentage;Bruto maandsalaris;Datum in dienst;Datum uit dienst;Kostenplaats').split(';');
const NL_ROW_1 = '00001;282251236;Çelik;;Inge;I.;01-03-1986;M;NL;SA;Kerkstraat;234;4811MN;Breda;NL;Bos;;Arbeider;1;80;3578,66;01-03-2013;;100 Productie'.split(';');
const NL_ROW_2 = '00002;874717425;Öztürk;;Mehmet;M.;12-11-1981;M;NL;SA;Nieuwe Gracht;72;4811MN;Breda;NL;Peeters;;Bediende;2;60;5726,85;01-03-2014;;200 Verkoop'.split(';');
const NL_ROW_6 = '00006;724638234;Jansen;;Sanne;S.;05-03-1997;V;NL;O;Molenweg;219;2511EF;Den Haag;NL;;;Arbeider;2;100;4170,33;01-06-2023;;300 Staf'.split(';');
const NL_ROW_8 = '00008;271762512;Vries;de;Noël;N.;04-08-1982;M;NL;G;Stationsplein;58;5611GH;Eindhoven;NL;Visser;;Bediende;6;50;6939,63;01-11-2013;;300 Staf'.split(';');
/** A Dutch row with some cells replaced, by header name. */
const nlRow = (over: Record<string, Cell> = {}, base: Cell[] = NL_ROW_1): Cell[] =>
  NL_HEADER.map((h, i) => (h in over ? over[h] : base[i]));

// ---- Belgian XLSX (the cells the XLSX reader delivers for ../shared/samples/be-payroll-export-2026-09.xlsx) ----

const BE_HEADER = ['Matricule', 'NISS', 'Nom', 'Prénom', 'Date de naissance', 'Sexe', 'Nationalité', 'État civil', 'Rue', 'Numéro',
  'Code postal', 'Localité', 'Pays', 'Nom du conjoint', 'Statut', 'Classe barémique', 'Régime de travail (%)',
  'Salaire mensuel brut', "Date d'entrée", 'Date de sortie'];
const BE_ROW_1: Cell[] = ['E00001', '86030165080', 'Çelik', 'Inge', new Date('1986-03-01T00:00:00.000Z'), 'M', 'BE', 'Cohabitant légal',
  'Kerkstraat', '234', '7000', 'Mons', 'BE', 'Bos', 'Ouvrier', '1', 80, 3578.66, new Date('2013-03-01T00:00:00.000Z'), ''];
const beRow = (over: Record<string, Cell> = {}): Cell[] => BE_HEADER.map((h, i) => (h in over ? over[h] : BE_ROW_1[i]));

describe('compileRowMapper: header', () => {
  it('maps the canonical headers with the default profile', () => {
    const mapper = compile(CANONICAL_HEADER);
    expect(mapper.customColumns).toEqual([]);
    expect(mapper.keyIndex).toBe(0);
    expect(mapper.keyColumn).toBe('employeeNumber');
  });

  it('matches canonical headers ignoring case, surrounding spaces, a BOM and column order', () => {
    const shuffled = [...CANONICAL_HEADER].reverse();
    const header = shuffled.map((h, i) => (i % 2 ? h.toUpperCase() : ` ${h.toLowerCase()} `));
    header[0] = `\uFEFF${header[0]}`;
    const mapper = compile(header);
    expect(mapper.customColumns).toEqual([]);
    const { mapped, errors } = mapRow(mapper, canonicalCells({}, shuffled));
    expect(errors).toEqual([]);
    expect(asObject(mapped!)).toEqual({
      ...CANONICAL_ROW, namePrefix: null, partnerLastName: null, partnerNamePrefix: null, exitDate: null, grossMonthlySalary: '3500',
    });
  });

  it('matches profile headers ignoring case and surrounding spaces', () => {
    const header = NL_HEADER.map((h, i) => (i % 2 ? h.toUpperCase() : ` ${h.toLowerCase()}  `));
    const mapper = compile(header, NL);
    expect(mapper.customColumns).toEqual([header[header.length - 1].trim()]);
    const { mapped, errors } = mapRow(mapper, NL_ROW_1);
    expect(errors).toEqual([]);
    expect(get(mapped!, 'nationalId')).toBe('282251236');
  });

  it('still understands canonical header names under a profile with its own headers', () => {
    const header = NL_HEADER.map((h) => (h === 'BSN' ? 'nationalId' : h));
    const { mapped, errors } = mapRow(compile(header, NL), NL_ROW_1);
    expect(errors).toEqual([]);
    expect(get(mapped!, 'nationalId')).toBe('282251236');
  });

  it('ignores empty header cells: they become neither canonical nor custom columns', () => {
    const header: Cell[] = ['', null, ...CANONICAL_HEADER, undefined, '  '];
    const mapper = compile(header);
    expect(mapper.customColumns).toEqual([]);
    expect(mapper.keyIndex).toBe(2);
  });

  it('reports missing required columns by name, at the header row, in one error', () => {
    const header = CANONICAL_HEADER.filter((h) => h !== 'nationalId' && h !== 'birthDate');
    const errors = headerErrors(header, DEFAULT_PROFILE, 'sept.csv', 3);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'missing_required_column', file: 'sept.csv', row: 3 });
    expect(errors[0].message).toContain('nationalId');
    expect(errors[0].message).toContain('birthDate');
    for (const f of REQUIRED_FIELDS.filter((x) => x !== 'nationalId' && x !== 'birthDate')) expect(errors[0].message).not.toContain(f);
    expect(errors[0].message).not.toMatch(/delimiter/);
  });

  it("names the profile's source header of a missing required column", () => {
    const errors = headerErrors(NL_HEADER.filter((h) => h !== 'BSN'), NL);
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('missing_required_column');
    expect(errors[0].message).toContain('nationalId ("BSN")');
  });

  it('hints at the delimiter when the header is a single column', () => {
    const errors = headerErrors([NL_HEADER.join(';')], DEFAULT_PROFILE, 'export.csv', 1);
    expect(errors).toHaveLength(1);
    expect(errors[0].code).toBe('missing_required_column');
    expect(errors[0].message).toMatch(/single column.*delimiter/);
    for (const f of REQUIRED_FIELDS) expect(errors[0].message).toContain(f);
  });

  it('hints at the delimiter for a single canonical column too, and for an empty header', () => {
    expect(headerErrors(['employeeNumber', '', ''])[0].message).toMatch(/delimiter/);
    expect(headerErrors([])[0].message).toMatch(/delimiter/);
  });

  it('refuses a header that appears twice, ignoring case', () => {
    const errors = headerErrors([...CANONICAL_HEADER, 'Notitie', ' NOTITIE'], DEFAULT_PROFILE, 'f.csv', 2);
    expect(errors).toEqual([expect.objectContaining({ code: 'duplicate_column', file: 'f.csv', row: 2, column: 'NOTITIE' })]);
  });

  it('refuses a canonical header that appears twice', () => {
    const errors = headerErrors([...CANONICAL_HEADER, 'LastName']);
    expect(errors).toEqual([expect.objectContaining({ code: 'duplicate_column', column: 'LastName' })]);
  });

  it('refuses two different headers that map to the same field', () => {
    const errors = headerErrors([...NL_HEADER, 'nationalId'], NL);
    expect(errors).toEqual([expect.objectContaining({ code: 'duplicate_column', column: 'nationalId', field: 'nationalId' })]);
    expect(errors[0].message).toContain('nationalId');
  });

  it('reports duplicates and missing columns together', () => {
    const errors = headerErrors(['employeeNumber', 'employeeNumber', 'lastName']);
    expect(errors.map((e) => e.code).sort()).toEqual(['duplicate_column', 'missing_required_column']);
  });
});

describe('row mapper: canonical profile', () => {
  const mapper = compile(CANONICAL_HEADER);

  it('normalises a canonical row', () => {
    const { mapped, errors } = mapRow(mapper, canonicalCells({
      nationalId: '111.222.333', gender: 'f', nationality: 'be', country: 'nl', maritalStatus: 'Married', category: 'BLUE_COLLAR',
      grossMonthlySalary: '03500.50', workSchedulePercent: '80.0', lastName: '  Jansen  ',
    }));
    expect(errors).toEqual([]);
    expect(asObject(mapped!)).toEqual({
      ...CANONICAL_ROW, nationalId: '111222333', gender: 'F', nationality: 'BE', country: 'NL', maritalStatus: 'married',
      category: 'blue_collar', grossMonthlySalary: '3500.5', workSchedulePercent: '80', namePrefix: null, partnerLastName: null,
      partnerNamePrefix: null, exitDate: null,
    });
    expect(mapped!.custom).toEqual([]);
  });

  it('keeps leading zeros of the employee number', () => {
    const { mapped } = mapRow(mapper, canonicalCells({ employeeNumber: '000042' }));
    expect(get(mapped!, 'employeeNumber')).toBe('000042');
  });

  it('reads an INSZ and pads a BSN that lost its leading zero', () => {
    expect(get(mapRow(mapper, canonicalCells({ nationalId: '86.03.01-650.80' })).mapped!, 'nationalId')).toBe('86030165080');
    expect(get(mapRow(mapper, canonicalCells({ nationalId: '12345672' })).mapped!, 'nationalId')).toBe('012345672');
  });

  it('refuses a decimal comma under the default profile', () => {
    const { mapped, errors } = mapRow(mapper, canonicalCells({ grossMonthlySalary: '3500,00' }), 4);
    expect(mapped).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ code: 'invalid_number', row: 4, column: 'grossMonthlySalary', field: 'grossMonthlySalary' })]);
  });

  it('refuses a date outside the profile formats', () => {
    const { errors } = mapRow(mapper, canonicalCells({ birthDate: '12-04-1985' }));
    expect(errors).toEqual([expect.objectContaining({ code: 'invalid_date', field: 'birthDate', column: 'birthDate' })]);
    expect(errors[0].message).toContain('yyyy-mm-dd');
  });

  it('refuses values outside a field range', () => {
    expect(mapRow(mapper, canonicalCells({ workSchedulePercent: '100.5' })).errors)
      .toEqual([expect.objectContaining({ code: 'out_of_range', field: 'workSchedulePercent' })]);
    expect(mapRow(mapper, canonicalCells({ grossMonthlySalary: '-100' })).errors)
      .toEqual([expect.objectContaining({ code: 'out_of_range', field: 'grossMonthlySalary' })]);
    expect(get(mapRow(mapper, canonicalCells({ grossMonthlySalary: '0', workSchedulePercent: '0' })).mapped!, 'grossMonthlySalary')).toBe('0');
  });

  it('refuses an unknown code and a country that is not ISO alpha-2', () => {
    const { errors } = mapRow(mapper, canonicalCells({ gender: 'V', nationality: 'NLD', maritalStatus: 'samenwonend' }));
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['invalid_value', 'gender'], ['invalid_country', 'nationality'], ['invalid_value', 'maritalStatus'],
    ]);
    expect(errors[0].message).toContain('M, F, X');
    expect(errors[0].message).not.toContain('mapped code');
  });

  it('does not split name prefixes unless the profile asks', () => {
    const { mapped } = mapRow(mapper, canonicalCells({ lastName: 'van der Berg' }));
    expect(get(mapped!, 'lastName')).toBe('van der Berg');
    expect(get(mapped!, 'namePrefix')).toBeNull();
  });

  it('reports a missing required value with row, column and field', () => {
    const { mapped, errors } = mapRow(mapper, canonicalCells({ lastName: '   ' }), 9);
    expect(mapped).toBeNull();
    expect(errors).toEqual([{ code: 'missing_value', file: 'export.csv', row: 9, column: 'lastName', field: 'lastName', message: 'last name is required' }]);
  });

  it('reports every missing required value of a row', () => {
    const { errors } = mapRow(mapper, canonicalCells({ lastName: '', birthDate: '', hireDate: '' }));
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['missing_value', 'lastName'], ['missing_value', 'birthDate'], ['missing_value', 'hireDate'],
    ]);
  });

  it('reports an invalid required value once, not also as missing, and still the other missing values', () => {
    const { errors } = mapRow(mapper, canonicalCells({ nationalId: '111222334', birthDate: '1985-02-30', lastName: '' }));
    expect(errors.map((e) => [e.code, e.field])).toEqual([
      ['invalid_national_id', 'nationalId'], ['invalid_date', 'birthDate'], ['missing_value', 'lastName'],
    ]);
  });

  it('treats the cells missing from a short row as empty', () => {
    const cells = canonicalCells().slice(0, CANONICAL_FIELDS.indexOf('hireDate'));
    const { mapped, errors } = mapRow(mapper, cells);
    expect(mapped).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ code: 'missing_value', field: 'hireDate' })]);
  });

  it('accepts an exit date on the hire date and refuses one before it', () => {
    expect(mapRow(mapper, canonicalCells({ hireDate: '2020-01-01', exitDate: '2020-01-01' })).errors).toEqual([]);
    const { mapped, errors } = mapRow(mapper, canonicalCells({ hireDate: '2020-01-01', exitDate: '2019-12-31' }), 5);
    expect(mapped).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ code: 'exit_before_hire', row: 5, column: 'exitDate', field: 'exitDate' })]);
  });

  it('appends to the errors it is given and judges the row on its own errors only', () => {
    const errors: ImportError[] = [{ code: 'field_count', file: 'export.csv', row: 1, message: 'earlier problem' }];
    expect(mapper.map(canonicalCells(), 2, errors)).not.toBeNull();
    expect(errors).toHaveLength(1);
    expect(mapper.map(canonicalCells({ lastName: '' }), 3, errors)).toBeNull();
    expect(errors).toHaveLength(2);
    expect(errors[1]).toMatchObject({ code: 'missing_value', row: 3 });
  });
});

describe('row mapper: national id errors never hold the id', () => {
  const cases = ['111222334', '86.03.01-650.81', '86030165081', '1234567', '8603016508123'];
  it.each(cases)('invalid id %p', (id) => {
    const { mapped, errors } = mapRow(compile(NL_HEADER, NL, 'okt.csv'), nlRow({ BSN: id }), 7);
    expect(mapped).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: 'invalid_national_id', file: 'okt.csv', row: 7, column: 'BSN', field: 'nationalId' });
    const everything = JSON.stringify(errors) + describeImportError(errors[0]);
    expect(describeImportError(errors[0])).toContain('row 7');
    expect(describeImportError(errors[0])).toContain('BSN');
    const digits = id.replace(/\D/g, '');
    expect(everything).not.toContain(id);
    for (let i = 0; i + 4 <= digits.length; i++) expect(everything).not.toContain(digits.slice(i, i + 4));
  });

  it('never holds the names, ids or amounts of a row full of bad values', () => {
    const secrets = { BSN: '987654321', Achternaam: '=Geheimnaam', Geboortedatum: '31-02-1985', 'Bruto maandsalaris': '4.321,98', Geslacht: 'Qz' };
    const { errors } = mapRow(compile(NL_HEADER, NL), nlRow(secrets));
    expect(errors.length).toBe(5);
    const text = JSON.stringify(errors);
    for (const v of ['987654321', '9876', 'Geheimnaam', '31-02-1985', '4.321', '321,98', 'Qz']) expect(text).not.toContain(v);
  });
});

describe('row mapper: Dutch payroll preset', () => {
  const mapper = compile(NL_HEADER, NL, 'nl-payroll-export-2026-09.csv');

  it('maps a sample row onto the canonical row, keeping the cost centre as a custom column', () => {
    expect(mapper.customColumns).toEqual(['Kostenplaats']);
    const { mapped, errors } = mapRow(mapper, NL_ROW_1);
    expect(errors).toEqual([]);
    expect(asObject(mapped!)).toEqual({
      employeeNumber: '00001', nationalId: '282251236', lastName: 'Çelik', namePrefix: null, firstName: 'Inge', initials: 'I.',
      birthDate: '1986-03-01', gender: 'M', nationality: 'NL', maritalStatus: 'cohabiting', street: 'Kerkstraat',
      houseNumber: '234', postalCode: '4811MN', city: 'Breda', country: 'NL', partnerLastName: 'Bos', partnerNamePrefix: null,
      category: 'blue_collar', salaryClass: '1', workSchedulePercent: '80', grossMonthlySalary: '3578.66',
      hireDate: '2013-03-01', exitDate: null,
    });
    expect(mapped!.custom).toEqual(['100 Productie']);
  });

  it('maps the code lists: V → F, SA → cohabiting, O → single, G → married, Bediende → white_collar', () => {
    const r2 = mapRow(mapper, NL_ROW_2).mapped!;
    expect([get(r2, 'maritalStatus'), get(r2, 'category')]).toEqual(['cohabiting', 'white_collar']);
    const r6 = mapRow(mapper, NL_ROW_6).mapped!;
    expect([get(r6, 'gender'), get(r6, 'maritalStatus'), get(r6, 'category')]).toEqual(['F', 'single', 'blue_collar']);
    const r8 = mapRow(mapper, NL_ROW_8).mapped!;
    expect([get(r8, 'namePrefix'), get(r8, 'lastName'), get(r8, 'maritalStatus'), get(r8, 'grossMonthlySalary')])
      .toEqual(['de', 'Vries', 'married', '6939.63']);
  });

  it('matches codes ignoring case and surrounding spaces', () => {
    const { mapped, errors } = mapRow(mapper, nlRow({ Geslacht: ' v ', 'Burgerlijke staat': 'sa', 'Soort werknemer': 'BEDIENDE' }));
    expect(errors).toEqual([]);
    expect([get(mapped!, 'gender'), get(mapped!, 'maritalStatus'), get(mapped!, 'category')]).toEqual(['F', 'cohabiting', 'white_collar']);
  });

  it('still accepts the canonical values themselves', () => {
    const { mapped, errors } = mapRow(mapper, nlRow({ Geslacht: 'F', 'Burgerlijke staat': 'divorced', 'Soort werknemer': 'blue_collar' }));
    expect(errors).toEqual([]);
    expect([get(mapped!, 'gender'), get(mapped!, 'maritalStatus'), get(mapped!, 'category')]).toEqual(['F', 'divorced', 'blue_collar']);
  });

  it('refuses an unknown code and says that mapped codes were tried', () => {
    const { errors } = mapRow(mapper, nlRow({ 'Burgerlijke staat': 'Q' }));
    expect(errors).toEqual([expect.objectContaining({ code: 'invalid_value', column: 'Burgerlijke staat', field: 'maritalStatus' })]);
    expect(errors[0].message).toContain('mapped code');
  });

  it('reads decimal commas and refuses a dot', () => {
    expect(get(mapRow(mapper, nlRow({ 'Bruto maandsalaris': '4170,30' })).mapped!, 'grossMonthlySalary')).toBe('4170.3');
    expect(mapRow(mapper, nlRow({ 'Bruto maandsalaris': '4170.30' })).errors)
      .toEqual([expect.objectContaining({ code: 'invalid_number', column: 'Bruto maandsalaris' })]);
    expect(mapRow(mapper, nlRow({ 'Bruto maandsalaris': '3.578,66' })).errors)
      .toEqual([expect.objectContaining({ code: 'invalid_number' })]);
  });

  it('reads thousands separators when the profile declares them', () => {
    const withThousands = mappingProfileSchema.parse({ ...NL, thousandsSeparator: '.' });
    const m = compile(NL_HEADER, withThousands);
    expect(get(mapRow(m, nlRow({ 'Bruto maandsalaris': '3.578,66' })).mapped!, 'grossMonthlySalary')).toBe('3578.66');
    expect(mapRow(m, nlRow({ 'Bruto maandsalaris': '3578.66' })).errors)
      .toEqual([expect.objectContaining({ code: 'invalid_number', field: 'grossMonthlySalary' })]);
  });

  it('reads dd-mm-yyyy and refuses impossible dates and other formats', () => {
    expect(get(mapRow(mapper, nlRow({ 'Datum uit dienst': '29-02-2024' })).mapped!, 'exitDate')).toBe('2024-02-29');
    for (const bad of ['31-02-2026', '29-02-2025', '2026-02-01', '01/02/2026', '01-02-26']) {
      const { mapped, errors } = mapRow(mapper, nlRow({ 'Datum uit dienst': bad }), 12);
      expect(mapped).toBeNull();
      expect(errors).toEqual([expect.objectContaining({ code: 'invalid_date', row: 12, column: 'Datum uit dienst', field: 'exitDate' })]);
      expect(errors[0].message).toContain('dd-mm-yyyy');
    }
  });

  it('reads an Excel serial written as text in a date column', () => {
    expect(get(mapRow(mapper, nlRow({ 'Datum in dienst': '45000' })).mapped!, 'hireDate')).toBe('2023-03-15');
    expect(get(mapRow(mapper, nlRow({ 'Datum in dienst': '45000.5' })).mapped!, 'hireDate')).toBe('2023-03-15');
    expect(mapRow(mapper, nlRow({ 'Datum in dienst': '4500' })).errors).toEqual([expect.objectContaining({ code: 'invalid_date' })]);
  });

  it('refuses an exit date before the hire date', () => {
    const { mapped, errors } = mapRow(mapper, nlRow({ 'Datum in dienst': '01-03-2013', 'Datum uit dienst': '28-02-2013' }), 3);
    expect(mapped).toBeNull();
    expect(errors).toEqual([{
      code: 'exit_before_hire', file: 'nl-payroll-export-2026-09.csv', row: 3, column: 'Datum uit dienst', field: 'exitDate',
      message: 'exit date lies before the hire date',
    }]);
  });

  it('reports a missing required value under its own header', () => {
    const { errors } = mapRow(mapper, nlRow({ Achternaam: '' }), 6);
    expect(errors).toEqual([expect.objectContaining({ code: 'missing_value', row: 6, column: 'Achternaam', field: 'lastName' })]);
  });

  it('does not split the last name (the export has its own prefix column)', () => {
    const { mapped } = mapRow(mapper, nlRow({ Achternaam: 'van der Berg' }));
    expect([get(mapped!, 'namePrefix'), get(mapped!, 'lastName')]).toEqual([null, 'van der Berg']);
  });
});

describe('row mapper: formula-like values', () => {
  const mapper = compile(NL_HEADER, NL);

  it.each([
    ['Achternaam', "=cmd|' /C calc'!A0", 'lastName'],
    ['Voornamen', '+HYPERLINK("http://evil.example","klik")', 'firstName'],
    ['Personeelsnummer', '@SUM(A1:A9)', 'employeeNumber'],
    ['BSN', '=111222333', 'nationalId'],
    ['Geboortedatum', '=TODAY()', 'birthDate'],
    ['Bruto maandsalaris', '-2+3', 'grossMonthlySalary'],
    ['Geslacht', '=V', 'gender'],
    ['Land', '=NL', 'country'],
  ])('refuses %s %p in a canonical column', (column, value, field) => {
    const { mapped, errors } = mapRow(mapper, nlRow({ [column]: value }), 4);
    expect(mapped).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ code: 'formula_like_value', row: 4, column, field })]);
    expect(JSON.stringify(errors)).not.toContain(value);
  });

  it.each(['=1+1', '+HYPERLINK("http://evil.example")', '-cmd', '@SUM(A1)'])('refuses %p in a custom column', (value) => {
    const { mapped, errors } = mapRow(mapper, nlRow({ Kostenplaats: value }), 8);
    expect(mapped).toBeNull();
    expect(errors).toEqual([expect.objectContaining({ code: 'formula_like_value', row: 8, column: 'Kostenplaats' })]);
    expect(errors[0].field).toBeUndefined();
  });

  it('accepts signed plain numbers in a custom column', () => {
    for (const value of ['-12', '+31', '-12,5', '-']) {
      const { mapped, errors } = mapRow(mapper, nlRow({ Kostenplaats: value }));
      expect(errors).toEqual([]);
      expect(mapped!.custom).toEqual([value]);
    }
  });
});

describe('row mapper: Belgian XLSX preset', () => {
  const mapper = compile(BE_HEADER, BE, 'be-payroll-export-2026-09.xlsx');

  it('maps a sample row with Date cells and numbers', () => {
    expect(mapper.customColumns).toEqual([]);
    const { mapped, errors } = mapRow(mapper, BE_ROW_1);
    expect(errors).toEqual([]);
    expect(asObject(mapped!)).toEqual({
      employeeNumber: 'E00001', nationalId: '86030165080', lastName: 'Çelik', namePrefix: null, firstName: 'Inge', initials: null,
      birthDate: '1986-03-01', gender: 'M', nationality: 'BE', maritalStatus: 'cohabiting', street: 'Kerkstraat',
      houseNumber: '234', postalCode: '7000', city: 'Mons', country: 'BE', partnerLastName: 'Bos', partnerNamePrefix: null,
      category: 'blue_collar', salaryClass: '1', workSchedulePercent: '80', grossMonthlySalary: '3578.66',
      hireDate: '2013-03-01', exitDate: null,
    });
  });

  it('splits the prefix off the last name', () => {
    const { mapped } = mapRow(mapper, beRow({ Nom: 'van der Berg' }));
    expect([get(mapped!, 'namePrefix'), get(mapped!, 'lastName')]).toEqual(['van der', 'Berg']);
    const { mapped: m2 } = mapRow(mapper, beRow({ Nom: 'Van den Bossche' }));
    expect([get(m2!, 'namePrefix'), get(m2!, 'lastName')]).toEqual(['Van den', 'Bossche']);
    const { mapped: m3 } = mapRow(mapper, beRow({ Nom: 'Vandenberghe' }));
    expect([get(m3!, 'namePrefix'), get(m3!, 'lastName')]).toEqual([null, 'Vandenberghe']);
  });

  it('does not split when the file has a filled prefix column', () => {
    const profile = mappingProfileSchema.parse({ splitNamePrefix: true });
    const m = compile(CANONICAL_HEADER, profile);
    const { mapped } = mapRow(m, canonicalCells({ lastName: 'van Dam', namePrefix: 'de' }));
    expect([get(mapped!, 'namePrefix'), get(mapped!, 'lastName')]).toEqual(['de', 'van Dam']);
    const { mapped: m2 } = mapRow(m, canonicalCells({ lastName: 'van Dam', namePrefix: '' }));
    expect([get(m2!, 'namePrefix'), get(m2!, 'lastName')]).toEqual(['van', 'Dam']);
  });

  it('maps the marital status words, ignoring case', () => {
    const words: [string, string][] = [
      ['Célibataire', 'single'], ['Marié(e)', 'married'], ['marié(e)', 'married'], ['Divorcé(e)', 'divorced'], ['Veuf/Veuve', 'widowed'],
    ];
    for (const [word, status] of words) {
      expect(get(mapRow(mapper, beRow({ 'État civil': word })).mapped!, 'maritalStatus')).toBe(status);
    }
    expect(get(mapRow(mapper, beRow({ Statut: 'Employé' })).mapped!, 'category')).toBe('white_collar');
  });

  it('reads Excel serial numbers in date columns', () => {
    const { mapped, errors } = mapRow(mapper, beRow({ "Date d'entrée": 45000, 'Date de sortie': 45000.75 }));
    expect(errors).toEqual([]);
    expect([get(mapped!, 'hireDate'), get(mapped!, 'exitDate')]).toEqual(['2023-03-15', '2023-03-15']);
  });

  it('reads a date-time cell as its calendar day', () => {
    const { mapped } = mapRow(mapper, beRow({ 'Date de sortie': new Date(Date.UTC(2026, 8, 30, 17, 30)) }));
    expect(get(mapped!, 'exitDate')).toBe('2026-09-30');
  });

  it('reads date text in either of its formats', () => {
    expect(get(mapRow(mapper, beRow({ 'Date de naissance': '01/03/1986' })).mapped!, 'birthDate')).toBe('1986-03-01');
    expect(get(mapRow(mapper, beRow({ 'Date de naissance': '1986-03-01' })).mapped!, 'birthDate')).toBe('1986-03-01');
  });

  it('refuses a bad Excel date and an invalid Date cell', () => {
    expect(mapRow(mapper, beRow({ 'Date de naissance': 0 })).errors)
      .toEqual([expect.objectContaining({ code: 'invalid_date', field: 'birthDate', column: 'Date de naissance' })]);
    expect(mapRow(mapper, beRow({ 'Date de naissance': new Date('garbage') })).errors)
      .toEqual([expect.objectContaining({ code: 'invalid_date', field: 'birthDate' })]);
    expect(mapRow(mapper, beRow({ 'Date de naissance': new Date(Date.UTC(1850, 0, 1)) })).errors)
      .toEqual([expect.objectContaining({ code: 'invalid_date', field: 'birthDate' })]);
  });

  it('reads numbers in decimal columns without floating-point artefacts and checks their range', () => {
    expect(get(mapRow(mapper, beRow({ 'Salaire mensuel brut': 0.1 + 0.2 })).mapped!, 'grossMonthlySalary')).toBe('0.3');
    expect(get(mapRow(mapper, beRow({ 'Régime de travail (%)': 100 })).mapped!, 'workSchedulePercent')).toBe('100');
    expect(mapRow(mapper, beRow({ 'Régime de travail (%)': 120 })).errors)
      .toEqual([expect.objectContaining({ code: 'out_of_range', field: 'workSchedulePercent', column: 'Régime de travail (%)' })]);
    expect(mapRow(mapper, beRow({ 'Salaire mensuel brut': Number.NaN })).errors)
      .toEqual([expect.objectContaining({ code: 'invalid_number', field: 'grossMonthlySalary' })]);
  });

  it('reads numbers in text and id columns as their digits', () => {
    const { mapped, errors } = mapRow(mapper, beRow({ Matricule: 1001, NISS: 86030165080, 'Code postal': 7000, 'Classe barémique': 3 }));
    expect(errors).toEqual([]);
    expect([get(mapped!, 'employeeNumber'), get(mapped!, 'nationalId'), get(mapped!, 'postalCode'), get(mapped!, 'salaryClass')])
      .toEqual(['1001', '86030165080', '7000', '3']);
  });

  it('pads a numeric BSN cell that lost its leading zero', () => {
    expect(get(mapRow(mapper, beRow({ NISS: 12345672 })).mapped!, 'nationalId')).toBe('012345672');
  });
});

describe('row mapper: custom columns', () => {
  const header = ['Kostenplaats', ...CANONICAL_HEADER.slice(0, 5), 'Afdeling', ...CANONICAL_HEADER.slice(5), 'Notitie', 'Startdatum'];
  const mapper = compile(header);

  it('keeps custom columns in header order, as written', () => {
    expect(mapper.customColumns).toEqual(['Kostenplaats', 'Afdeling', 'Notitie', 'Startdatum']);
  });

  it('keeps custom values in the same order, trimmed, with empty as null', () => {
    const row: Record<string, Cell> = { ...CANONICAL_ROW, Kostenplaats: ' 100 Productie ', Afdeling: '', Notitie: 42, Startdatum: new Date(Date.UTC(2024, 0, 15)) };
    const { mapped, errors } = mapRow(mapper, header.map((h) => row[h]));
    expect(errors).toEqual([]);
    expect(mapped!.custom).toEqual(['100 Productie', null, '42', '2024-01-15']);
    expect(get(mapped!, 'lastName')).toBe('Jansen');
    expect(get(mapped!, 'hireDate')).toBe('2020-01-01');
  });

  it('keeps a custom value that is a date-like text untouched', () => {
    const row: Record<string, Cell> = { ...CANONICAL_ROW, Startdatum: '15-01-2024', Notitie: true };
    expect(mapRow(mapper, header.map((h) => row[h])).mapped!.custom).toEqual([null, null, 'true', '15-01-2024']);
  });
});

describe('cellText', () => {
  it('turns each cell kind into trimmed text or null', () => {
    expect(cellText(null)).toBeNull();
    expect(cellText(undefined)).toBeNull();
    expect(cellText('')).toBeNull();
    expect(cellText('   ')).toBeNull();
    expect(cellText(' a ')).toBe('a');
    expect(cellText(12.5)).toBe('12.5');
    expect(cellText(Number.NaN)).toBeNull();
    expect(cellText(false)).toBe('false');
    expect(cellText(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
    expect(cellText(new Date('x'))).toBeNull();
  });
});
