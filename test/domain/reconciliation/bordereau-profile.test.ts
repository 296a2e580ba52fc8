import { bordereauProfileSchema, mapBordereau } from '../../../domain/reconciliation/bordereau-profile';

const profile = bordereauProfileSchema.parse({
  columns: { INSZ: 'nationalId', Type: 'role', Voornaam: 'firstName', Geboortedatum: 'birthDate', Premie: 'premium', Code: 'movementCode', Loon: 'salary', 'Arbeidsduur %': 'workSchedulePercent' },
  decimalSeparator: ',', thousandsSeparator: '.', dateFormats: ['dd/mm/yyyy'],
});

describe('mapBordereau', () => {
  it('maps lines, euros to cents half up, family members keyed by birth date and first name', () => {
    const m = mapBordereau([
      ['INSZ', 'Type', 'Voornaam', 'Geboortedatum', 'Premie', 'Code', 'Loon', 'Arbeidsduur %'],
      ['85.01.01-001.01', 'T', 'Jan', '01/01/1985', '30,005', '05', '3.000,00', '80'],
      ['85.01.01-001.01', 'K', 'Lea', '05/05/2018', '10,00', '', '', ''],
      ['', '', '', '', '', '', '', ''],
    ], profile);
    expect(m).toEqual({ ok: true, lines: [
      { row: 2, nationalId: '85010100101', role: 'insured', memberKey: null, firstName: 'Jan', lastName: null, birthDate: '1985-01-01', salaryCents: 300_000, workSchedulePercent: 80, category: null, premiumCents: 3001, movementCode: '05' },
      { row: 3, nationalId: '85010100101', role: 'child', memberKey: '2018-05-05/lea', firstName: 'Lea', lastName: null, birthDate: '2018-05-05', salaryCents: null, workSchedulePercent: null, category: null, premiumCents: 1000, movementCode: null },
    ] });
  });

  it('refuses the whole file naming row and column of each problem', () => {
    const m = mapBordereau([
      ['INSZ', 'Type', 'Voornaam', 'Geboortedatum', 'Premie', 'Code', 'Loon', 'Arbeidsduur %'],
      ['85010100101', 'T', 'Jan', '31/02/1985', 'abc', '', '', '120'],
      ['85010100101', 'X', 'Jan', '', '1', '', '', ''],
      ['85010100202', 'T', '', '', '1', '', '', ''],
      ['85010100202', 'T', '', '', '1', '', '', ''],
    ], profile);
    expect(m).toEqual({ ok: false, problems: [
      { row: 2, column: 'Geboortedatum', code: 'invalid_date' },
      { row: 2, column: 'Premie', code: 'invalid_number' },
      { row: 2, column: 'Arbeidsduur %', code: 'invalid_number' },
      { row: 3, column: 'Type', code: 'invalid_role' },
      { row: 5, column: 'INSZ', code: 'duplicate_line' },
    ] });
  });

  it('names a missing required column, and an empty file', () => {
    expect(mapBordereau([['INSZ'], ['1']], profile)).toEqual({ ok: false, problems: [{ row: 1, column: 'premium', code: 'missing_column' }] });
    expect(mapBordereau([['INSZ', 'Premie']], profile)).toEqual({ ok: false, problems: [{ row: 1, column: '', code: 'empty_file' }] });
  });
});
