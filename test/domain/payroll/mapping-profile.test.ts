import { CANONICAL_FIELDS, REQUIRED_FIELDS } from '../../../domain/payroll/canonical';
import { DEFAULT_PROFILE, PROFILE_PRESETS, mappingProfileSchema } from '../../../domain/payroll/mapping-profile';

describe('mappingProfileSchema', () => {
  it('fills every default for an empty profile', () => {
    expect(mappingProfileSchema.parse({})).toEqual({
      name: 'canonical',
      format: 'auto',
      headerRow: 1,
      delimiter: 'auto',
      encoding: 'auto',
      columns: {},
      dateFormats: ['yyyy-mm-dd'],
      decimalSeparator: '.',
      thousandsSeparator: '',
      valueMaps: {},
      splitNamePrefix: false,
    });
  });

  it('has no default sheet (the first sheet is read)', () => {
    expect(mappingProfileSchema.parse({}).sheet).toBeUndefined();
  });

  it('DEFAULT_PROFILE is the empty profile with its defaults', () => {
    expect(DEFAULT_PROFILE).toEqual(mappingProfileSchema.parse({}));
  });

  it('keeps what is given and defaults the rest', () => {
    const p = mappingProfileSchema.parse({
      name: 'mine', delimiter: ';', columns: { Naam: 'lastName' }, dateFormats: ['dd-mm-yyyy', 'yyyymmdd'],
      decimalSeparator: ',', thousandsSeparator: '.', sheet: 2, valueMaps: { gender: { V: 'F' } },
    });
    expect(p).toMatchObject({
      name: 'mine', delimiter: ';', columns: { Naam: 'lastName' }, dateFormats: ['dd-mm-yyyy', 'yyyymmdd'],
      decimalSeparator: ',', thousandsSeparator: '.', sheet: 2, valueMaps: { gender: { V: 'F' } },
      format: 'auto', encoding: 'auto', headerRow: 1, splitNamePrefix: false,
    });
  });

  it('accepts a sheet by name or 1-based position', () => {
    expect(mappingProfileSchema.parse({ sheet: 'Personnel' }).sheet).toBe('Personnel');
    expect(mappingProfileSchema.parse({ sheet: 1 }).sheet).toBe(1);
  });

  it.each([
    ['a column mapped to an unknown field', { columns: { Naam: 'surname' } }],
    ['an empty source header', { columns: { '': 'lastName' } }],
    ['header row 0', { headerRow: 0 }],
    ['header row 51', { headerRow: 51 }],
    ['a fractional header row', { headerRow: 1.5 }],
    ['no date formats', { dateFormats: [] }],
    ['an unknown date format', { dateFormats: ['mm/dd/yyyy'] }],
    ['a semicolon as decimal separator', { decimalSeparator: ';' }],
    ['an unknown thousands separator', { thousandsSeparator: "'" }],
    ['an unknown delimiter', { delimiter: ':' }],
    ['an unknown encoding', { encoding: 'latin1' }],
    ['an unknown format', { format: 'ods' }],
    ['sheet 0', { sheet: 0 }],
    ['an empty sheet name', { sheet: '' }],
    ['value maps for an unknown field', { valueMaps: { sex: { V: 'F' } } }],
    ['an empty name', { name: '' }],
    ['a name of 101 characters', { name: 'x'.repeat(101) }],
  ])('refuses %s', (_why, input) => {
    expect(mappingProfileSchema.safeParse(input).success).toBe(false);
  });
});

describe('PROFILE_PRESETS', () => {
  it('offers the canonical, Dutch CSV and Belgian XLSX presets', () => {
    expect(Object.keys(PROFILE_PRESETS).sort()).toEqual(['be-payroll-xlsx', 'canonical', 'nl-payroll-csv']);
    expect(PROFILE_PRESETS.canonical).toBe(DEFAULT_PROFILE);
  });

  it.each(Object.keys(PROFILE_PRESETS))('%s is a valid profile that survives a round trip', (name) => {
    const preset = PROFILE_PRESETS[name];
    expect(preset.name).toBe(name);
    expect(mappingProfileSchema.parse(JSON.parse(JSON.stringify(preset)))).toEqual(preset);
  });

  it('every preset maps each canonical field from at most one header and covers the required ones', () => {
    for (const preset of Object.values(PROFILE_PRESETS)) {
      const targets = Object.values(preset.columns);
      expect(new Set(targets).size).toBe(targets.length);
      if (targets.length) for (const f of REQUIRED_FIELDS) expect(targets).toContain(f);
    }
  });

  it('nl-payroll-csv reads the Dutch export: every canonical field, ";", dd-mm-yyyy, decimal comma, code lists', () => {
    const nl = PROFILE_PRESETS['nl-payroll-csv'];
    expect(nl).toMatchObject({ format: 'csv', delimiter: ';', dateFormats: ['dd-mm-yyyy'], decimalSeparator: ',', thousandsSeparator: '' });
    expect(Object.values(nl.columns).sort()).toEqual([...CANONICAL_FIELDS].sort());
    expect(nl.columns).toMatchObject({ Personeelsnummer: 'employeeNumber', BSN: 'nationalId', 'Datum uit dienst': 'exitDate' });
    expect(nl.valueMaps.gender).toEqual({ M: 'M', V: 'F', X: 'X' });
    expect(nl.valueMaps.maritalStatus).toEqual({ O: 'single', G: 'married', SA: 'cohabiting', S: 'divorced', W: 'widowed' });
    expect(nl.valueMaps.category).toEqual({ Bediende: 'white_collar', Arbeider: 'blue_collar' });
    expect(nl.splitNamePrefix).toBe(false);
  });

  it('be-payroll-xlsx reads the Belgian export: sheet Personnel, French headers, words for codes, split prefixes', () => {
    const be = PROFILE_PRESETS['be-payroll-xlsx'];
    expect(be).toMatchObject({ format: 'xlsx', sheet: 'Personnel', dateFormats: ['dd/mm/yyyy', 'yyyy-mm-dd'], splitNamePrefix: true });
    expect(be.columns).toMatchObject({ Matricule: 'employeeNumber', NISS: 'nationalId', Nom: 'lastName', "Date d'entrée": 'hireDate' });
    expect(Object.values(be.columns)).not.toContain('namePrefix');
    expect(be.valueMaps.maritalStatus?.['Cohabitant légal']).toBe('cohabiting');
    expect(be.valueMaps.category).toEqual({ 'Employé': 'white_collar', Ouvrier: 'blue_collar' });
  });

  it('maps codes only onto allowed values', () => {
    const allowed: Record<string, string[]> = {
      gender: ['M', 'F', 'X'],
      maritalStatus: ['single', 'married', 'cohabiting', 'divorced', 'widowed'],
      category: ['white_collar', 'blue_collar'],
    };
    for (const preset of Object.values(PROFILE_PRESETS)) {
      for (const [field, map] of Object.entries(preset.valueMaps)) {
        for (const v of Object.values(map ?? {})) expect(allowed[field]).toContain(v);
      }
    }
  });
});
