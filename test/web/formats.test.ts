/**
 * Dates and amounts as each language of the UI writes them, fields included (web/src/i18n.ts):
 * Dutch dd-mm-jjjj, French jj/mm/aaaa, English dd/mm/yyyy — whatever the browser's own locale.
 * The browser tests type and read Dutch dates; this covers all three languages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datePlaceholder, fmtDate, fmtMoney, parseDate, setLanguage } from '../../web/src/i18n';

beforeAll(() => {
  // What setLanguage needs of a browser: the dictionaries over fetch, and <html lang>.
  (globalThis as { document?: unknown }).document = { documentElement: {} };
  jest.spyOn(globalThis, 'fetch').mockImplementation(async (url) => {
    const lang = /\/i18n\/(\w+)\.json$/.exec(String(url))![1];
    return new Response(readFileSync(join(__dirname, '../../web/i18n', `${lang}.json`)), { status: 200 });
  });
});
afterAll(() => {
  jest.restoreAllMocks();
  delete (globalThis as { document?: unknown }).document;
});

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe.each([
  ['nl', '31-12-2026', 'dd-mm-jjjj', '€ 1.234,50', ['31-12-2026', '31/12/2026', '1-2-2027', '2026-12-31']],
  ['fr', '31/12/2026', 'jj/mm/aaaa', '1 234,50 €', ['31/12/2026', '31.12.2026', '1/2/2027', '2026-12-31']],
  ['en', '31/12/2026', 'dd/mm/yyyy', '€1,234.50', ['31/12/2026', '31-12-2026', '1/2/2027', '2026-12-31']],
])('%s', (lang, shown, placeholder, money, typed) => {
  beforeAll(async () => { await setLanguage(lang); });

  it('shows dates and amounts in the language\'s format', () => {
    expect(fmtDate('2026-12-31')).toBe(shown);
    expect(fmtDate('2026-12-31T23:30:00Z')).toMatch(/^(31|01)[-/.](12|01)[-/.](2026|2027)$/);
    expect(datePlaceholder()).toBe(placeholder);
    expect(nbsp(fmtMoney(123450))).toBe(money);
    expect(fmtMoney(null)).toBe('');
  });

  it('reads a date typed the language\'s way (day first, any separator, or ISO) as yyyy-mm-dd', () => {
    expect(typed.map((text) => parseDate(text))).toEqual(['2026-12-31', '2026-12-31', '2027-02-01', '2026-12-31']);
  });

  it('refuses what is not a date of the calendar, and leaves an empty field empty', () => {
    for (const bad of ['12/31/2026', '30-02-2026', '31-12-26', 'morgen', '2026-13-01', '00-01-2026']) expect(parseDate(bad)).toBeNull();
    expect(parseDate('   ')).toBe('');
  });
});
