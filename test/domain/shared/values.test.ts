import {
  DATE_FORMATS, excelSerialToIso, isoDate, jsDateToIso, looksLikeFormula, normaliseDecimal, numberToDecimal,
  parseDateText, parseDecimalText,
} from '../../../domain/shared/values';

describe('isoDate', () => {
  it('formats a real day with zero padding', () => {
    expect(isoDate(2026, 3, 5)).toBe('2026-03-05');
    expect(isoDate(2026, 12, 31)).toBe('2026-12-31');
  });

  it.each([
    [2026, 2, 29], [2025, 2, 29], [2100, 2, 29], [1900, 2, 29], [2026, 4, 31], [2026, 13, 1], [2026, 0, 1], [2026, 1, 0],
    [1899, 12, 31], [2200, 1, 1],
  ])('refuses %i-%i-%i', (y, m, d) => {
    expect(isoDate(y, m, d)).toBeNull();
  });

  it('accepts leap days of leap years, including 2000', () => {
    expect(isoDate(2024, 2, 29)).toBe('2024-02-29');
    expect(isoDate(2000, 2, 29)).toBe('2000-02-29');
  });

  it('accepts the edges of the payroll range', () => {
    expect(isoDate(1900, 1, 1)).toBe('1900-01-01');
    expect(isoDate(2199, 12, 31)).toBe('2199-12-31');
  });
});

describe('parseDateText', () => {
  it('lists the supported formats', () => {
    expect([...DATE_FORMATS]).toEqual(['yyyy-mm-dd', 'dd-mm-yyyy', 'dd/mm/yyyy', 'dd.mm.yyyy', 'yyyymmdd']);
  });

  it.each([
    ['yyyy-mm-dd', '2026-03-15'],
    ['dd-mm-yyyy', '15-03-2026'],
    ['dd/mm/yyyy', '15/03/2026'],
    ['dd.mm.yyyy', '15.03.2026'],
    ['yyyymmdd', '20260315'],
  ] as const)('reads %s', (format, text) => {
    expect(parseDateText(text, [format])).toBe('2026-03-15');
  });

  it('reads day-first, never month-first', () => {
    expect(parseDateText('01/02/2026', ['dd/mm/yyyy'])).toBe('2026-02-01');
    expect(parseDateText('02/13/2026', ['dd/mm/yyyy'])).toBeNull();
  });

  it('accepts single-digit day and month in separated formats', () => {
    expect(parseDateText('1-2-2026', ['dd-mm-yyyy'])).toBe('2026-02-01');
    expect(parseDateText('2026-2-1', ['yyyy-mm-dd'])).toBe('2026-02-01');
    expect(parseDateText('5.7.1986', ['dd.mm.yyyy'])).toBe('1986-07-05');
  });

  it.each([
    ['31-02-2026', 'no 31 February'],
    ['30-02-2024', 'no 30 February'],
    ['29-02-2025', '2025 is no leap year'],
    ['29-02-1900', '1900 is no leap year'],
    ['31-04-2026', 'April has 30 days'],
    ['00-01-2026', 'day 0'],
    ['15-00-2026', 'month 0'],
    ['15-13-2026', 'month 13'],
    ['31-12-1899', 'before 1900'],
    ['01-01-2200', 'after 2199'],
    ['01-01-0000', 'year 0'],
  ])('refuses %s (%s)', (text) => {
    expect(parseDateText(text, ['dd-mm-yyyy'])).toBeNull();
  });

  it('accepts 29 February in leap years', () => {
    expect(parseDateText('29-02-2024', ['dd-mm-yyyy'])).toBe('2024-02-29');
    expect(parseDateText('29-02-2000', ['dd-mm-yyyy'])).toBe('2000-02-29');
    expect(parseDateText('20240229', ['yyyymmdd'])).toBe('2024-02-29');
  });

  it('refuses an impossible compact date', () => {
    expect(parseDateText('20260231', ['yyyymmdd'])).toBeNull();
    expect(parseDateText('20251301', ['yyyymmdd'])).toBeNull();
  });

  it('refuses text in a format that is not listed', () => {
    expect(parseDateText('2026-03-15', ['dd-mm-yyyy'])).toBeNull();
    expect(parseDateText('15-03-2026', ['yyyy-mm-dd'])).toBeNull();
    expect(parseDateText('15/03/2026', ['dd-mm-yyyy', 'dd.mm.yyyy'])).toBeNull();
    expect(parseDateText('2026-03-15', [])).toBeNull();
  });

  it('tries the formats in order', () => {
    const formats = ['dd/mm/yyyy', 'yyyy-mm-dd'] as const;
    expect(parseDateText('15/03/2026', formats)).toBe('2026-03-15');
    expect(parseDateText('2026-03-15', formats)).toBe('2026-03-15');
  });

  it.each(['', ' 2026-03-15', '2026-03-15 ', '2026-03-15T00:00:00', '15-03-26', 'gisteren', '2026/03/15', '202603155'])(
    'refuses %p', (text) => {
      expect(parseDateText(text, DATE_FORMATS)).toBeNull();
    });
});

describe('excelSerialToIso', () => {
  it.each([
    [45000, '2023-03-15'],
    [44197, '2021-01-01'],
    [36526, '2000-01-01'],
    [36585, '2000-02-29'],
    [61, '1900-03-01'],
    [109574, '2199-12-31'],
  ])('serial %d is %s', (serial, iso) => {
    expect(excelSerialToIso(serial)).toBe(iso);
  });

  it('ignores the time of day in a fractional serial', () => {
    expect(excelSerialToIso(45000.25)).toBe('2023-03-15');
    expect(excelSerialToIso(45000.9999)).toBe('2023-03-15');
  });

  it.each([0, -1, 0.5, 109575, 2_958_466, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'refuses %p', (serial) => {
      expect(excelSerialToIso(serial)).toBeNull();
    });
});

describe('jsDateToIso', () => {
  it('reads a UTC-midnight date as the XLSX reader delivers it', () => {
    expect(jsDateToIso(new Date(Date.UTC(2024, 1, 29)))).toBe('2024-02-29');
    expect(jsDateToIso(new Date('1986-03-01T00:00:00.000Z'))).toBe('1986-03-01');
  });

  it('rounds a value a few milliseconds before midnight up to that midnight', () => {
    expect(jsDateToIso(new Date(Date.UTC(2024, 2, 15) - 3))).toBe('2024-03-15');
    expect(jsDateToIso(new Date(Date.UTC(2024, 0, 1) - 1))).toBe('2024-01-01');
  });

  it('keeps the calendar day of a date-time cell, whatever its time of day', () => {
    // A date-time cell (serial 45000.75 = 2023-03-15 18:00) must give the same day as excelSerialToIso.
    expect(excelSerialToIso(45000.75)).toBe('2023-03-15');
    expect(jsDateToIso(new Date(Date.UTC(2023, 2, 15, 18)))).toBe('2023-03-15');
    expect(jsDateToIso(new Date(Date.UTC(2023, 2, 15, 12)))).toBe('2023-03-15');
    expect(jsDateToIso(new Date(Date.UTC(2023, 2, 15, 23, 59)))).toBe('2023-03-15');
    expect(jsDateToIso(new Date(Date.UTC(2023, 2, 15, 0, 0, 1)))).toBe('2023-03-15');
  });

  it('handles dates before 1970', () => {
    expect(jsDateToIso(new Date(Date.UTC(1961, 6, 13)))).toBe('1961-07-13');
    expect(jsDateToIso(new Date(Date.UTC(1961, 6, 13) - 2))).toBe('1961-07-13');
    expect(jsDateToIso(new Date(Date.UTC(1961, 6, 13, 15)))).toBe('1961-07-13');
  });

  it('refuses an invalid Date and dates outside the payroll range', () => {
    expect(jsDateToIso(new Date('not a date'))).toBeNull();
    expect(jsDateToIso(new Date(Date.UTC(1850, 0, 1)))).toBeNull();
    expect(jsDateToIso(new Date(Date.UTC(2300, 0, 1)))).toBeNull();
  });
});

describe('parseDecimalText', () => {
  it.each([
    ['3.578,60', ',', '.', '3578.6'],
    ['3.578,66', ',', '.', '3578.66'],
    ['1.234.567,00', ',', '.', '1234567'],
    ['3578,66', ',', '', '3578.66'],
    ['80', ',', '', '80'],
    ['-12,5', ',', '', '-12.5'],
    ['1 234,56', ',', ' ', '1234.56'],
    ['1,234.5', '.', ',', '1234.5'],
    ['1,234,567', '.', ',', '1234567'],
    ['-1.234,5', ',', '.', '-1234.5'],
    ['999,99', ',', '.', '999.99'],
    ['1234,5', ',', '.', '1234.5'],
    ['3500.00', '.', '', '3500'],
    ['007.50', '.', '', '7.5'],
    ['0.05', '.', '', '0.05'],
    ['-0.00', '.', '', '0'],
    ['100', '.', '', '100'],
  ] as const)('%p with decimal %p and thousands %p is %p', (text, dec, thou, expected) => {
    expect(parseDecimalText(text, dec, thou)).toBe(expected);
  });

  it.each([
    ['1,5', '.', '', 'a comma where the decimal separator is a dot'],
    ['1.5', ',', '', 'a dot where the decimal separator is a comma and no thousands separator'],
    ['3.578,60', ',', '', 'a thousands dot the profile does not declare'],
    ['3.578,60', '.', ',', 'separators swapped'],
    ['1.5', ',', '.', 'a dot decimal where the dot groups thousands'],
    ['3578.66', ',', '.', 'a dot decimal where the dot groups thousands (not 357866)'],
    ['12.34,5', ',', '.', 'a thousands group of two digits'],
    ['1.2345,5', ',', '.', 'a thousands group of four digits'],
    ['1234.567,5', ',', '.', 'a leading group of four digits'],
    ['1,5', '.', ',', 'a comma decimal where the comma groups thousands'],
    ['1,234,5', '.', ',', 'a trailing group of one digit'],
    ['12,5.5', '.', ',', 'a thousands separator in the wrong place'],
    ['1,2,3', ',', '', 'two decimal commas'],
    ['', '.', '', 'empty'],
    ['abc', '.', '', 'letters'],
    ['12a', '.', '', 'trailing letter'],
    ['.5', '.', '', 'no integer part'],
    ['5.', '.', '', 'no fraction after the separator'],
    ['+5', '.', '', 'a plus sign'],
    ['1e3', '.', '', 'exponent'],
    [' 12', '.', '', 'leading space'],
    ['€ 12', '.', '', 'a currency sign'],
    ['-', '.', '', 'a lone minus'],
  ] as const)('refuses %p (decimal %p, thousands %p): %s', (text, dec, thou, _why) => {
    expect(parseDecimalText(text, dec, thou)).toBeNull();
  });
});

describe('normaliseDecimal', () => {
  it.each([
    ['007.500', '7.5'], ['0.50', '0.5'], ['-007', '-7'], ['-0.00', '0'], ['0', '0'], ['000', '0'], ['10', '10'],
    ['10.0', '10'], ['-3.140', '-3.14'],
  ])('%p → %p', (input, expected) => {
    expect(normaliseDecimal(input)).toBe(expected);
  });
});

describe('numberToDecimal', () => {
  it('removes binary floating-point artefacts', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(numberToDecimal(0.1 + 0.2)).toBe('0.3');
    expect(numberToDecimal(0.1 * 3)).toBe('0.3');
    expect(numberToDecimal(1.005 * 1000)).toBe('1005');
  });

  it.each([
    [3578.66, '3578.66'], [100, '100'], [80, '80'], [-12.5, '-12.5'], [0, '0'], [-0, '0'], [1234567.89, '1234567.89'],
    [0.05, '0.05'],
  ])('%p → %p', (n, expected) => {
    expect(numberToDecimal(n)).toBe(expected);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e21, 1e-7])('refuses %p', (n) => {
    expect(numberToDecimal(n)).toBeNull();
  });
});

describe('looksLikeFormula', () => {
  it.each([
    "=cmd|' /C calc'!A0",
    '=1+1',
    '=HYPERLINK("http://x")',
    '+HYPERLINK("http://evil.example","click")',
    '-2+3',
    '+1+1',
    '-A1',
    '-cmd',
    '@SUM(A1:A2)',
    '\t=1',
    '\r=1',
  ])('flags %p', (text) => {
    expect(looksLikeFormula(text)).toBe(true);
  });

  it.each([
    '', '-12', '+31', '-', '+', '12.5', '-12.5', '-12,5', '-1.234,56', '+0', 'abc', 'Jansen', "'t Hart",
    'a=b', '100 Productie', ' =1',
    // digits and punctuation only: a phone number or a range, never a function call
    '+31 6 12345678', '+32 (0)2 123 45 67', '-1-1',
  ])('does not flag %p', (text) => {
    expect(looksLikeFormula(text)).toBe(false);
  });
});
