import { bsnAtOrAfter, compactNationalId,
  checkNationalId, isValidBsn, isValidInsz, isValidKbo, isValidKvk, normaliseCompanyNumber,
} from '../../../domain/shared/identifiers';

/** Independent re-implementation of the BSN 11-check: the check digit for eight leading digits, or null when none exists. */
function bsnCheckDigit(first8: string): number | null {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(first8[i]);
  const d9 = sum % 11;
  return d9 === 10 ? null : d9;
}

/** An INSZ for a birth date (yy, mm, dd) and a 3-digit serial, using the pre-2000 or the 2000+ rule. */
function makeInsz(yymmdd: string, serial: string, bornFrom2000: boolean): string {
  const first9 = `${yymmdd}${serial}`;
  const base = Number(first9) + (bornFrom2000 ? 2_000_000_000 : 0);
  return `${first9}${String(97 - (base % 97)).padStart(2, '0')}`;
}

const preMillenniumCheckHolds = (insz: string) => 97 - (Number(insz.slice(0, 9)) % 97) === Number(insz.slice(9));

/** A deterministic pseudo-random digit string (no Math.random: failures must reproduce). */
function* digitStrings(length: number, count: number, seed = 12345): Generator<string> {
  let x = seed;
  for (let n = 0; n < count; n++) {
    let s = '';
    for (let i = 0; i < length; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      s += String(x % 10);
    }
    yield s;
  }
}

describe('isValidBsn', () => {
  it.each(['111222333', '123456782', '012345672', '282251236', '874717425'])('accepts the valid BSN %s', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true);
  });

  it('hand-checked: 111222333 sums to 66 and 123456782 to 154, both multiples of 11', () => {
    // 9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3 − 3 = 66; 9·1+8·2+7·3+6·4+5·5+4·6+3·7+2·8 − 2 = 154
    expect(66 % 11).toBe(0);
    expect(154 % 11).toBe(0);
    expect(bsnCheckDigit('11122233')).toBe(3);
    expect(bsnCheckDigit('12345678')).toBe(2);
  });

  it.each([
    ['wrong check digit', '111222334'],
    ['wrong check digit', '123456783'],
    ['all zeros (passes the arithmetic, but is not a BSN)', '000000000'],
    ['8 digits', '11122233'],
    ['10 digits', '1112223330'],
    ['a letter', '11122233a'],
    ['surrounding space (callers strip formatting)', ' 111222333'],
    ['dots (callers strip formatting)', '111.222.333'],
    ['empty', ''],
  ])('rejects %s: %s', (_why, bsn) => {
    expect(isValidBsn(bsn)).toBe(false);
  });

  it('agrees with an independent 11-check on every possible last digit of many prefixes', () => {
    let valid = 0;
    for (const first8 of digitStrings(8, 300)) {
      const expected = bsnCheckDigit(first8);
      for (let d = 0; d <= 9; d++) {
        const bsn = `${first8}${d}`;
        const shouldBeValid = d === expected && bsn !== '000000000';
        expect(isValidBsn(bsn)).toBe(shouldBeValid);
        if (shouldBeValid) valid++;
      }
    }
    expect(valid).toBeGreaterThan(200); // most prefixes have a check digit (10/11 of them)
  });

  it('detects every single-digit typo of a valid BSN', () => {
    const bsn = '123456782';
    for (let i = 0; i < 9; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === bsn[i]) continue;
        const typo = bsn.slice(0, i) + d + bsn.slice(i + 1);
        expect(isValidBsn(typo)).toBe(false);
      }
    }
  });

  it('detects every swap of two different adjacent digits', () => {
    const bsn = '123456782';
    for (let i = 0; i < 8; i++) {
      if (bsn[i] === bsn[i + 1]) continue;
      const swapped = bsn.slice(0, i) + bsn[i + 1] + bsn[i] + bsn.slice(i + 2);
      expect(isValidBsn(swapped)).toBe(false);
    }
  });
});

describe('isValidInsz', () => {
  it.each(['86030165080', '81111282610', '98111954451'])('accepts the pre-2000 INSZ %s from the Belgian sample', (insz) => {
    expect(isValidInsz(insz)).toBe(true);
  });

  it('hand-checked: 860301650 mod 97 = 17, so the check is 80', () => {
    expect(860301650 % 97).toBe(17);
    expect(makeInsz('860301', '650', false)).toBe('86030165080');
  });

  it('accepts a person born in 2003 (check computed with the 2-prefix) that the pre-2000 rule alone would refuse', () => {
    const insz = makeInsz('030517', '123', true);
    expect(insz).toBe('03051712376');
    expect(preMillenniumCheckHolds(insz)).toBe(false);
    expect(isValidInsz(insz)).toBe(true);
  });

  it('accepts the same first nine digits with the pre-2000 check (a 1903 birth)', () => {
    const insz = makeInsz('030517', '123', false);
    expect(insz).toBe('03051712347');
    expect(isValidInsz(insz)).toBe(true);
  });

  it('uses check 97 (not 00) when the first nine are a multiple of 97', () => {
    expect(97_000_000 % 97).toBe(0);
    expect(isValidInsz('09700000097')).toBe(true);
    expect(isValidInsz('09700000000')).toBe(false);
  });

  it.each([
    ['wrong check digits', '86030165081'],
    ['wrong check digits for a 2003 birth', '03051712377'],
    ['10 digits', '8603016508'],
    ['12 digits', '860301650800'],
    ['formatted (callers strip formatting)', '86.03.01-650.80'],
    ['a letter', '8603016508a'],
    ['empty', ''],
  ])('rejects %s: %s', (_why, insz) => {
    expect(isValidInsz(insz)).toBe(false);
  });

  it('agrees with both rules on generated ids and refuses every other check', () => {
    for (const first9 of digitStrings(9, 200, 777)) {
      const pre = makeInsz(first9.slice(0, 6), first9.slice(6), false);
      const post = makeInsz(first9.slice(0, 6), first9.slice(6), true);
      expect(isValidInsz(pre)).toBe(true);
      expect(isValidInsz(post)).toBe(true);
      for (let c = 0; c <= 99; c += 7) {
        const candidate = `${first9}${String(c).padStart(2, '0')}`;
        expect(isValidInsz(candidate)).toBe(candidate === pre || candidate === post);
      }
    }
  });
});

describe('checkNationalId', () => {
  it('accepts a formatted INSZ and returns the bare digits', () => {
    expect(checkNationalId('86.03.01-650.80')).toEqual({ ok: true, kind: 'insz', value: '86030165080' });
  });

  it('accepts an INSZ with spaces and slashes', () => {
    expect(checkNationalId(' 860301 650/80 ')).toEqual({ ok: true, kind: 'insz', value: '86030165080' });
  });

  it('accepts a 2000s INSZ', () => {
    expect(checkNationalId('03.05.17-123.76')).toEqual({ ok: true, kind: 'insz', value: '03051712376' });
  });

  it('accepts a BSN, bare or formatted', () => {
    expect(checkNationalId('111222333')).toEqual({ ok: true, kind: 'bsn', value: '111222333' });
    expect(checkNationalId(' 1112.22.333 ')).toEqual({ ok: true, kind: 'bsn', value: '111222333' });
    expect(checkNationalId('123 456 782')).toEqual({ ok: true, kind: 'bsn', value: '123456782' });
  });

  it('pads an 8-digit BSN whose leading zero a spreadsheet dropped', () => {
    expect(checkNationalId('12345672')).toEqual({ ok: true, kind: 'bsn', value: '012345672' });
  });

  it('refuses an 8-digit value that is no BSN even when padded', () => {
    // 011122233: 0+8+7+6+10+8+6+6 = 51, minus 3 = 48, not a multiple of 11
    const r = checkNationalId('11122233');
    expect(r.ok).toBe(false);
  });

  it('restores the leading zero a spreadsheet dropped from an INSZ of a 2000s birth', () => {
    expect(checkNationalId('8603016508')).toEqual({ ok: true, kind: 'insz', value: '08603016508' });
  });

  it.each([
    ['a BSN with a wrong check digit', '111222334', /BSN/],
    ['an INSZ with a wrong check', '86030165081', /INSZ/],
    ['a formatted INSZ with a wrong check', '86.03.01-650.81', /INSZ/],
    ['too few digits', '1234567', /7 digits/],
    ['10 digits that are no INSZ with its leading zero restored', '1112223330', /10 digits/],
    ['12 digits', '860301650800', /12 digits/],
    ['letters', 'NL111222333B01', /characters other than digits/],
    ['empty', '', /./],
    ['only separators', ' .-/ ', /./],
    ['all zeros', '000000000', /BSN/],
  ])('refuses %s', (_why, raw, reason) => {
    const r = checkNationalId(raw);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toMatch(reason);
  });

  it('never echoes the input, nor any run of its digits, in the reason', () => {
    const inputs = [
      '111222334', '86030165081', '86.03.01-650.81', '1234567', '1112223330', '860301650800',
      'NL111222333B01', '987654321', '12345678', '99999999999', '1112223334445556667', 'x86030165080',
    ];
    for (const raw of inputs) {
      const r = checkNationalId(raw);
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.reason).not.toContain(raw);
      const digits = raw.replace(/\D/g, '');
      expect(r.reason).not.toContain(digits);
      // no run of three digits or more at all: a reason may name a digit count, never the id
      expect(r.reason).not.toMatch(/\d{3,}/);
      // and no four consecutive digits of the input in any form
      for (let i = 0; i + 4 <= digits.length; i++) expect(r.reason).not.toContain(digits.slice(i, i + 4));
    }
  });
});

describe('isValidKvk', () => {
  it.each(['12345678', '1234 5678', '12.34.56.78', '00000001'])('accepts %s (8 digits, no check digit)', (kvk) => {
    expect(isValidKvk(kvk)).toBe(true);
  });

  it.each(['1234567', '123456789', 'abcdefgh', '1234567a', ''])('rejects %s', (kvk) => {
    expect(isValidKvk(kvk)).toBe(false);
  });
});

describe('isValidKbo', () => {
  const kboCheck = (first8: string) => String(97 - (Number(first8) % 97)).padStart(2, '0');

  it('0403170701 is valid: 4031707 mod 97 = 96, so the check is 01', () => {
    expect(4031707 % 97).toBe(96);
    expect(kboCheck('04031707')).toBe('01');
    expect(isValidKbo('0403170701')).toBe(true);
  });

  it.each(['BE 0403.170.701', 'BE0403170701', 'be0403170701', '0403.170.701', '0403 170 701', '0403-170-701'])(
    'accepts the written form %s', (kbo) => {
      expect(isValidKbo(kbo)).toBe(true);
    });

  it('accepts a constructed number starting with 1', () => {
    const kbo = `12345678${kboCheck('12345678')}`;
    expect(isValidKbo(kbo)).toBe(true);
  });

  it('rejects a number with a valid check that starts with 2', () => {
    const kbo = `22345678${kboCheck('22345678')}`;
    expect(kbo).toHaveLength(10);
    expect(isValidKbo(kbo)).toBe(false);
  });

  it.each([
    ['wrong check', '0403170702'],
    ['wrong check, formatted', 'BE 0403.170.702'],
    ['9 digits (leading zero dropped)', '403170701'],
    ['11 digits', '04031707010'],
    ['letters', '0403170A01'],
    ['a KvK number', '12345678'],
    ['empty', ''],
  ])('rejects %s: %s', (_why, kbo) => {
    expect(isValidKbo(kbo)).toBe(false);
  });

  it('agrees with the mod-97 rule for generated numbers', () => {
    for (const rest of digitStrings(7, 100, 4242)) {
      for (const lead of ['0', '1']) {
        const first8 = `${lead}${rest}`;
        const good = `${first8}${kboCheck(first8)}`;
        expect(isValidKbo(good)).toBe(true);
        const badCheck = (Number(kboCheck(first8)) % 97) + 1;
        expect(isValidKbo(`${first8}${String(badCheck).padStart(2, '0')}`)).toBe(false);
      }
    }
  });
});

describe('normaliseCompanyNumber', () => {
  it('returns the bare digits of a valid Belgian number', () => {
    expect(normaliseCompanyNumber('BE', 'BE 0403.170.701')).toBe('0403170701');
    expect(normaliseCompanyNumber('BE', '0403170701')).toBe('0403170701');
  });

  it('returns the bare digits of a Dutch KvK number', () => {
    expect(normaliseCompanyNumber('NL', '1234 5678')).toBe('12345678');
    expect(normaliseCompanyNumber('NL', '12.34.56.78')).toBe('12345678');
  });

  it('returns null when the number does not fit the country', () => {
    expect(normaliseCompanyNumber('NL', '0403170701')).toBeNull();
    expect(normaliseCompanyNumber('BE', '12345678')).toBeNull();
    expect(normaliseCompanyNumber('BE', 'BE 0403.170.702')).toBeNull();
    expect(normaliseCompanyNumber('NL', '1234567')).toBeNull();
  });
});

describe('made-up BSNs', () => {
  it('bsnAtOrAfter gives valid BSNs in order, skipping prefixes without a check digit', () => {
    const { bsn, used } = bsnAtOrAfter(10_000_000);
    expect(isValidBsn(bsn)).toBe(true);
    expect(bsn.startsWith(String(used))).toBe(true);
    const next = bsnAtOrAfter(used + 1);
    expect(next.used).toBeGreaterThan(used);
    for (let n = 20_000_000; n < 20_000_050; n++) expect(isValidBsn(bsnAtOrAfter(n).bsn)).toBe(true);
  });
});

describe('compactNationalId', () => {
  it('drops the dots, dashes and spaces an id is written with, and nothing else', () => {
    expect(compactNationalId('86.03.01-650.80')).toBe('86030165080');
    expect(compactNationalId(' 1234 56 782 ')).toBe('123456782');
    expect(compactNationalId('12\t34')).toBe('1234');
    // Not a checker: letters and slashes stay for checkNationalId to refuse.
    expect(compactNationalId('86/03/01 A')).toBe('86/03/01A');
    expect(compactNationalId('.-')).toBe('');
  });
});
