/**
 * Two systems' files with a known difference of every kind, and the definition that compares
 * them: side A the payroll's Dutch export (nl-payroll-csv profile: `;`, decimal comma,
 * dd-mm-yyyy), side B an HR spreadsheet saved as CSV (its own headers, ISO dates, decimal point).
 * Keyed on the national id, written with dots on one side and without a leading zero on the other.
 */
export const FIXTURE_DEFINITION = {
  name: 'Payroll vs HR sheet',
  sideA: { source: 'file', label: 'Payroll', profile: { preset: 'nl-payroll-csv' } },
  sideB: { source: 'file', label: 'HR sheet', profile: { delimiter: ',', dateFormats: ['yyyy-mm-dd'] } },
  key: [{ a: 'nationalId', b: 'National ID' }],
  fields: [
    { type: 'text', a: 'lastName', b: 'Name', name: 'name' },
    { type: 'amount', a: 'grossMonthlySalary', b: 'Salary', name: 'salary', absolute: 0.5, percent: 1 },
    { type: 'date', a: 'hireDate', b: 'Start date', name: 'hire date', days: 2 },
    { type: 'text', a: 'Afdeling', b: 'Dept', name: 'department' },
  ],
};

// Row numbers count the header as row 1.
export const FIXTURE_A = [
  'Personeelsnummer;BSN;Achternaam;Bruto maandsalaris;Datum in dienst;Afdeling',
  '0001;111222333;Jansen;3500,00;01-01-2020;Sales', // 2: agrees within every tolerance
  '0002;123456782;Bakker;4000,00;01-03-2019;IT', // 3: salary differs (4100), name agrees ignoring accents
  '0003;100000009;Smit;2800,00;15-06-2021;HR', // 4: only in A
  '0004;111111110;De Vries;onbekend;01-02-2022;HR', // 5: salary does not parse on A
  '0005;222222220;Peeters;5000,00;01-01-2020;Sales', // 6: hire date differs (2020-02-01), department differs, salary within 1 %
  '0006;123456782;Bakker;4000,00;01-03-2019;IT', // 7: duplicate key on A (first on row 3)
  '0007;;Leeg;1000,00;01-01-2020;IT', // 8: empty key on A
  '0008;012345672;Claes;3000,00;01-09-2023;IT', // 9: key agrees without its leading zero
].join('\r\n') + '\r\n';

export const FIXTURE_B = [
  'Emp No,National ID,Name,Salary,Start date,Dept',
  '1,111.222.333,JANSEN ,3500.40,2020-01-03,sales', // 2
  '2,123456782,Bäkker,4100,2019-03-01,IT', // 3
  '4,111111110,de  vries,3000,2022-02-01,HR', // 4
  '5,222-222-220,Peeters,5040,2020-02-01,Marketing', // 5
  '9,555555555,Nieuw,2500,2024-01-01,IT', // 6: only in B
  '4,111111110,de vries,3000,2022-31-02,HR', // 7: duplicate key on B (first on row 4); its date would not parse either
  '8,12345672,Claes,3000,2023-09-01,IT', // 8
  '10,666666666,Janssens,1000,31-02-2020,IT', // 9: only in B, start date does not parse on B
].join('\n') + '\n';

/** What comparing FIXTURE_A with FIXTURE_B finds, in kind order. */
export const FIXTURE_EXPECTED = [
  { kind: 'only_in_a', key: '100000009', aRow: 4 },
  { kind: 'only_in_b', key: '555555555', bRow: 6 },
  { kind: 'only_in_b', key: '666666666', bRow: 9 },
  { kind: 'duplicate_key', side: 'a', key: '123456782', row: 7, firstRow: 3 },
  { kind: 'duplicate_key', side: 'b', key: '111111110', row: 7, firstRow: 4 },
  { kind: 'unparseable', side: 'a', key: '111111110', row: 5, column: 'Bruto maandsalaris', field: 'salary', value: 'onbekend', reason: 'not_a_number' },
  { kind: 'unparseable', side: 'a', key: null, row: 8, column: 'BSN', field: 'nationalId / National ID', value: null, reason: 'empty_key' },
  { kind: 'unparseable', side: 'b', key: '111111110', row: 7, column: 'Start date', field: 'hire date', value: '2022-31-02', reason: 'not_a_date' },
  { kind: 'unparseable', side: 'b', key: '666666666', row: 9, column: 'Start date', field: 'hire date', value: '31-02-2020', reason: 'not_a_date' },
  { kind: 'difference', key: '123456782', field: 'salary', aValue: '4000', bValue: '4100', aRow: 3, bRow: 3 },
  { kind: 'difference', key: '222222220', field: 'hire date', aValue: '2020-01-01', bValue: '2020-02-01', aRow: 6, bRow: 5 },
  { kind: 'difference', key: '222222220', field: 'department', aValue: 'Sales', bValue: 'Marketing', aRow: 6, bRow: 5 },
];
