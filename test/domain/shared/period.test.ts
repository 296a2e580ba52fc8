import { PERIOD_PATTERN, isPeriod, periodBounds } from '../../../domain/shared/period';

describe('periodBounds', () => {
  it.each([
    ['2026-02', '2026-02-01', '2026-02-28'],
    ['2024-02', '2024-02-01', '2024-02-29'],
    ['2000-02', '2000-02-01', '2000-02-29'],
    ['1900-02', '1900-02-01', '1900-02-28'],
    ['2100-02', '2100-02-01', '2100-02-28'],
    ['2026-01', '2026-01-01', '2026-01-31'],
    ['2026-04', '2026-04-01', '2026-04-30'],
    ['2026-09', '2026-09-01', '2026-09-30'],
    ['2026-12', '2026-12-01', '2026-12-31'],
  ])('%s runs from %s to %s', (period, from, to) => {
    expect(periodBounds(period)).toEqual({ from, to });
  });

  it('gives the right length for every month of a year', () => {
    const lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    lengths.forEach((days, i) => {
      const mm = String(i + 1).padStart(2, '0');
      expect(periodBounds(`2027-${mm}`)).toEqual({ from: `2027-${mm}-01`, to: `2027-${mm}-${days}` });
    });
  });

  it.each(['2026-13', '2026-00', '2026-2', '26-02', '2026-02-01', '2026/02', '', ' 2026-02', '2026-02 ', 'feb 2026'])(
    'throws a RangeError for %p', (period) => {
      expect(() => periodBounds(period)).toThrow(RangeError);
      expect(() => periodBounds(period)).toThrow('period must be YYYY-MM');
    });
});

describe('isPeriod', () => {
  it('accepts YYYY-MM only', () => {
    expect(isPeriod('2026-02')).toBe(true);
    expect(isPeriod('1999-12')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-2')).toBe(false);
    expect(isPeriod('2026-02-01')).toBe(false);
    expect(PERIOD_PATTERN.test('2026-10')).toBe(true);
  });
});
