import { CANONICAL_FIELDS } from '../../../domain/payroll/canonical';
import { RULE_TEMPLATES, ageOn, auditRuleSchema, compileRule, describeRule, rowReader, type AuditRule } from '../../../domain/audit/rules';

const reader = (data: Record<string, string | null>) => (f: string) => data[f] ?? null;
const rule = (over: Partial<AuditRule> & Pick<AuditRule, 'definition'>): AuditRule => auditRuleSchema.parse({ name: 'r', severity: 'warning', ...over });
const template = (id: string) => RULE_TEMPLATES.find((t) => t.id === id)!.rule;

describe('audit rules at their boundaries', () => {
  it('presence: one hit per empty field, only inside the population', () => {
    const r = compileRule(rule({ definition: { kind: 'presence', fields: ['grossMonthlySalary', 'workSchedulePercent'] }, population: { field: 'status', equals: 'active' } }));
    expect(r(reader({ status: 'active', grossMonthlySalary: null, workSchedulePercent: '80' }), null)).toEqual([{ field: 'grossMonthlySalary', value: null, previousValue: null }]);
    expect(r(reader({ status: 'active', grossMonthlySalary: '1', workSchedulePercent: '80' }), null)).toEqual([]);
    expect(r(reader({ status: 'departed' }), null)).toEqual([]);
  });

  it('validity: minimum salary for a class and category (inclusive)', () => {
    const r = compileRule(rule({ definition: { kind: 'validity', check: { op: 'range', field: 'grossMonthlySalary', min: 2000 } },
      population: { and: [{ field: 'category', equals: 'white_collar' }, { field: 'salaryClass', equals: 'A' }] } }));
    const p = (salary: string, category = 'white_collar') => reader({ category, salaryClass: 'A', grossMonthlySalary: salary });
    expect(r(p('2000.00'), null)).toEqual([]);
    expect(r(p('1999.99'), null)).toEqual([{ field: 'grossMonthlySalary', value: '1999.99', previousValue: null }]);
    expect(r(p('1999.99', 'blue_collar'), null)).toEqual([]);
    expect(r(p('not a number'), null)).toHaveLength(1);
  });

  it('validity: age 15–75 at hire, to the day', () => {
    expect(ageOn('2010-06-15', '2025-06-14')).toBe(14);
    expect(ageOn('2010-06-15', '2025-06-15')).toBe(15);
    const r = compileRule(template('age-at-hire'));
    const at = (birthDate: string, hireDate: string) => r(reader({ birthDate, hireDate }), null).length;
    expect(at('2010-06-15', '2025-06-14')).toBe(1);
    expect(at('2010-06-15', '2025-06-15')).toBe(0);
    expect(at('1950-06-15', '2026-06-14')).toBe(0); // 75
    expect(at('1950-06-15', '2026-06-15')).toBe(1); // 76
    expect(at('2008-02-29', '2023-02-28')).toBe(1); // not 15 until 1 March
    expect(at('2008-02-29', '2023-03-01')).toBe(0);
  });

  it('validity: exit not before hire; the same day is fine', () => {
    const r = compileRule(template('exit-after-hire'));
    expect(r(reader({ hireDate: '2026-03-01', exitDate: '2026-03-01' }), null)).toEqual([]);
    expect(r(reader({ hireDate: '2026-03-01', exitDate: '2026-02-28' }), null)).toEqual([{ field: 'exitDate', value: '2026-02-28', previousValue: null }]);
    expect(r(reader({ hireDate: '2026-03-01', exitDate: null }), null)).toEqual([]);
  });

  it('validity: national ids pass their checks (BSN 11-check, INSZ mod-97)', () => {
    const r = compileRule(template('national-id-valid'));
    expect(r(reader({ nationalId: '111222333' }), null)).toEqual([]);
    expect(r(reader({ nationalId: '111222334' }), null)).toHaveLength(1);
    expect(r(reader({ nationalId: '85073003328' }), null)).toEqual([]);
    expect(r(reader({ nationalId: '85073003329' }), null)).toHaveLength(1);
  });

  it('validity: work schedule 0–100 % inclusive, and a value list', () => {
    const r = compileRule(template('schedule-range'));
    for (const ok of ['0', '100', '50.5']) expect(r(reader({ workSchedulePercent: ok }), null)).toEqual([]);
    for (const bad of ['-0.01', '100.01']) expect(r(reader({ workSchedulePercent: bad }), null)).toHaveLength(1);
    const oneOf = compileRule(rule({ definition: { kind: 'validity', check: { op: 'oneOf', field: 'custom.Afdeling', values: ['A', 'B'] } } }));
    expect(oneOf(reader({ 'custom.Afdeling': 'B' }), null)).toEqual([]);
    expect(oneOf(reader({ 'custom.Afdeling': 'C' }), null)).toHaveLength(1);
  });

  it('change: an increase of more than x %, exactly x % is fine', () => {
    const r = compileRule(template('salary-increase'));
    const step = (before: string, after: string) => r(reader({ grossMonthlySalary: after }), reader({ grossMonthlySalary: before }));
    expect(step('3000.00', '3300.00')).toEqual([]);
    expect(step('3000.00', '3300.01')).toEqual([{ field: 'grossMonthlySalary', value: '3300.01', previousValue: '3000.00' }]);
    expect(step('0', '1')).toHaveLength(1);
    expect(r(reader({ grossMonthlySalary: '9999' }), null)).toEqual([]); // new person: nothing to compare
  });

  it('change: any decrease; a change of schedule, category, birth date or national id', () => {
    const down = compileRule(template('salary-decrease'));
    expect(down(reader({ grossMonthlySalary: '2999.99' }), reader({ grossMonthlySalary: '3000.00' }))).toHaveLength(1);
    expect(down(reader({ grossMonthlySalary: '3000.00' }), reader({ grossMonthlySalary: '3000.00' }))).toEqual([]);
    for (const id of ['schedule-change', 'category-change', 'birth-date-change', 'national-id-change']) {
      const t = template(id);
      const field = (t.definition as { check: { field: string } }).check.field;
      const r = compileRule(t);
      expect(r(reader({ [field]: 'b' }), reader({ [field]: 'a' }))).toEqual([{ field, value: 'b', previousValue: 'a' }]);
      expect(r(reader({ [field]: 'a' }), reader({ [field]: 'a' }))).toEqual([]);
    }
  });

  it('refuses a malformed rule naming the path', () => {
    const bad = auditRuleSchema.safeParse({ name: 'x', severity: 'fatal', definition: { kind: 'validity', check: { op: 'range', field: 'grossMonthlySalary' } } });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['severity']));
    expect(auditRuleSchema.safeParse({ name: 'x', severity: 'info', definition: { kind: 'presence', fields: ['salary'] } }).success).toBe(false);
    for (const t of RULE_TEMPLATES) expect(auditRuleSchema.safeParse(t.rule).success).toBe(true);
  });

  it('describes rules in NL, FR and EN', () => {
    const r = template('minimum-salary-class');
    expect(describeRule(r, 'nl')).toBe('Bruto maandsalaris ≥ 2000 voor Categorie = bedienden en Salarisschaal = 1');
    expect(describeRule(r, 'fr')).toContain('Salaire mensuel brut ≥ 2000 pour');
    expect(describeRule(template('salary-increase'), 'en')).toBe('Gross monthly salary rises by more than 10 %');
  });

  it('reads a snapshot row with status derived from the exit date and the period', () => {
    const idx = new Map(CANONICAL_FIELDS.map((f, i) => [f as string, i]));
    const row = CANONICAL_FIELDS.map((f) => (f === 'exitDate' ? '2026-02-28' : null));
    const read = rowReader(idx, new Map([['custom.Afdeling', 0]]), '2026-03-01', row, ['X']);
    expect(read('status')).toBe('departed');
    expect(read('custom.Afdeling')).toBe('X');
    expect(rowReader(idx, new Map(), '2026-02-01', row, [])('status')).toBe('active');
  });
});
