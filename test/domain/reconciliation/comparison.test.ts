import { comparisonDefinitionSchema } from '../../../domain/reconciliation/comparison-definition';
import type { ComparisonResult } from '../../../domain/reconciliation/comparison-matcher';
import {
  ComparisonJoin, RESULT_KINDS, normaliseKeyPart, valueTest, valuesAgree,
} from '../../../domain/reconciliation/comparison-matcher';
import { compileSide, displayKey } from '../../../domain/reconciliation/comparison-side';
import { pairName } from '../../../domain/reconciliation/comparison-definition';
import { FIXTURE_A, FIXTURE_B, FIXTURE_DEFINITION, FIXTURE_EXPECTED } from '../../support/comparison-fixture';

const lines = (text: string, delimiter: string) => text.split(/\r?\n/).filter(Boolean).map((l) => l.split(delimiter));

function compare(definitionInput: unknown, a: string, b: string) {
  const definition = comparisonDefinitionSchema.parse(definitionInput);
  const results: ComparisonResult[] = [];
  const emit = (r: ComparisonResult) => results.push(r.kind === 'unparseable' && r.key === null ? r : { ...r, key: displayKey(r.key!) } as ComparisonResult);
  const join = new ComparisonJoin(definition.fields.map((pair) => ({ name: pairName(pair), pair })), emit);
  for (const [side, text, delimiter] of [['a', a, ';'], ['b', b, ','] ] as const) {
    const [header, ...rows] = lines(text, delimiter);
    const compiled = compileSide(definition, side, header, `${side}.csv`, 1);
    if ('errors' in compiled) throw new Error(JSON.stringify(compiled.errors));
    rows.forEach((cells, i) => {
      const row = compiled.reader.read(cells, i + 2, (r) => join.result(r));
      if (row && side === 'a') join.addA(row);
      else if (row) join.addB(row);
    });
  }
  join.finish();
  return { results, counts: join.counts };
}

const byKind = (rs: object[]) => [...rs].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

describe('comparison of two systems\' files', () => {
  it('finds every kind of difference in the fixture, and nothing within tolerance', () => {
    const { results, counts } = compare(FIXTURE_DEFINITION, FIXTURE_A, FIXTURE_B);
    expect(byKind(results)).toEqual(byKind(FIXTURE_EXPECTED));
    for (const kind of RESULT_KINDS) expect(results.some((r) => r.kind === kind)).toBe(true);
    expect(counts).toMatchObject({ rowsA: 7, rowsB: 8, matched: 5, only_in_a: 1, only_in_b: 2, duplicate_key: 2, unparseable: 4, difference: 3 });
  });

  it('refuses a side whose file lacks a key or field column, naming row and column', () => {
    const definition = comparisonDefinitionSchema.parse(FIXTURE_DEFINITION);
    const header = ['Emp No', 'National ID', 'Name', 'Salary', 'Dept'];
    const compiled = compileSide(definition, 'b', header, 'hr.csv', 1);
    expect(compiled).toEqual({ errors: [expect.objectContaining({ code: 'missing_required_column', file: 'hr.csv', row: 1, column: 'Start date', field: 'field hire date' })] });
    const twice = compileSide(definition, 'b', [...header, 'Start date', 'start date'], 'hr.csv', 1);
    expect(twice).toEqual({ errors: [expect.objectContaining({ code: 'duplicate_column', column: 'Start date' })] });
  });

  it('normalises keys: dots, dashes, spaces, leading zeros and case, each as the key part says', () => {
    const all = { ignorePunctuation: true, ignoreLeadingZeros: true, ignoreCase: true };
    expect(normaliseKeyPart('85.07.30-033 61', all)).toBe('85073003361');
    expect(normaliseKeyPart('000123', all)).toBe('123');
    expect(normaliseKeyPart('0', all)).toBe('0');
    expect(normaliseKeyPart('ab-12', all)).toBe('AB12');
    expect(normaliseKeyPart(' - ', all)).toBeNull();
    expect(normaliseKeyPart('000123', { ...all, ignoreLeadingZeros: false })).toBe('000123');
    expect(normaliseKeyPart('ab-12', { ...all, ignoreCase: false, ignorePunctuation: false })).toBe('ab-12');
  });

  it('holds amounts within ± absolute or ± percent of A, at the boundary and just past it', () => {
    const abs = valueTest({ type: 'amount', a: 'x', b: 'y', absolute: 0.5, percent: 0 });
    expect(valuesAgree(abs, '100', '100.5')).toBe(true);
    expect(valuesAgree(abs, '100', '99.5')).toBe(true);
    expect(valuesAgree(abs, '100', '100.51')).toBe(false);
    expect(valuesAgree(abs, '0.1', '0.6')).toBe(true);
    const pct = valueTest({ type: 'amount', a: 'x', b: 'y', absolute: 0, percent: 2 });
    expect(valuesAgree(pct, '1000', '1020')).toBe(true);
    expect(valuesAgree(pct, '1000', '980')).toBe(true);
    expect(valuesAgree(pct, '1000', '1020.01')).toBe(false);
    const exactAmount = valueTest({ type: 'amount', a: 'x', b: 'y', absolute: 0, percent: 0 });
    expect(valuesAgree(exactAmount, '1', '1.001')).toBe(false);
    expect(valuesAgree(exactAmount, null, null)).toBe(true);
    expect(valuesAgree(exactAmount, '1', null)).toBe(false);
  });

  it('holds dates within ± days, and text ignoring case, spaces and accents unless told otherwise', () => {
    const days = valueTest({ type: 'date', a: 'x', b: 'y', days: 3 });
    expect(valuesAgree(days, '2026-02-27', '2026-03-02')).toBe(true);
    expect(valuesAgree(days, '2026-03-02', '2026-02-26')).toBe(false);
    const sameDay = valueTest({ type: 'date', a: 'x', b: 'y', days: 0 });
    expect(valuesAgree(sameDay, '2026-03-02', '2026-03-03')).toBe(false);
    const text = valueTest({ type: 'text', a: 'x', b: 'y', ignoreCase: true, ignoreSpaces: true, ignoreAccents: true });
    expect(valuesAgree(text, 'Van der Berg', 'vanderberg')).toBe(true);
    expect(valuesAgree(text, 'Hélène', 'HELENE')).toBe(true);
    expect(valuesAgree(text, 'Hélène', 'Helena')).toBe(false);
    const strict = valueTest({ type: 'text', a: 'x', b: 'y', ignoreCase: false, ignoreSpaces: false, ignoreAccents: false });
    expect(valuesAgree(strict, 'Hélène', 'Helene')).toBe(false);
    expect(valuesAgree(strict, 'a  b', 'a b')).toBe(true);
    expect(valuesAgree(strict, 'ab', 'Ab')).toBe(false);
    const code = valueTest({ type: 'exact', a: 'x', b: 'y' });
    expect(valuesAgree(code, 'A1', 'a1')).toBe(false);
  });

  it('applies the side\'s value maps to code fields', () => {
    const { results } = compare({
      name: 'codes',
      sideA: { source: 'file', profile: { preset: 'nl-payroll-csv' } },
      sideB: { source: 'file', profile: { delimiter: ',' } },
      key: [{ a: 'employeeNumber', b: 'id' }],
      fields: [{ type: 'exact', a: 'gender', b: 'sex' }],
    }, 'Personeelsnummer;Geslacht\n1;V\n2;M\n', 'id,sex\n1,F\n2,F\n');
    expect(results).toEqual([{ kind: 'difference', key: '2', field: 'gender / sex', aValue: 'M', bValue: 'F', aRow: 3, bRow: 3 }]);
  });

  it('refuses definitions with two pairs of the same name', () => {
    const parsed = comparisonDefinitionSchema.safeParse({ ...FIXTURE_DEFINITION, fields: [{ type: 'exact', a: 'x', b: 'x' }, { type: 'text', a: 'x', b: 'x' }] });
    expect(parsed.success).toBe(false);
  });
});
