import { compileFilter, describeFilter, filterSchema, type Filter } from '../../../domain/eligibility/filter';

const reader = (data: Record<string, string | null>) => (f: string) => data[f] ?? null;

describe('eligibility filter', () => {
  const person = reader({ category: 'white_collar', salaryClass: '5', grossMonthlySalary: '2500.00', hireDate: '2024-03-01', 'custom.Afdeling': 'Bakkerij', status: 'active' });

  it('equals, in, exists on canonical, custom and derived fields', () => {
    expect(compileFilter({ field: 'category', equals: 'white_collar' })(person)).toBe(true);
    expect(compileFilter({ field: 'category', equals: 'blue_collar' })(person)).toBe(false);
    expect(compileFilter({ field: 'salaryClass', in: ['4', '5'] })(person)).toBe(true);
    expect(compileFilter({ field: 'custom.Afdeling', equals: 'Bakkerij' })(person)).toBe(true);
    expect(compileFilter({ field: 'exitDate', exists: false })(person)).toBe(true);
    expect(compileFilter({ field: 'exitDate', exists: true })(person)).toBe(false);
    expect(compileFilter(undefined)(person)).toBe(true);
  });

  it('ranges are inclusive, numeric or by date; an empty value is outside', () => {
    expect(compileFilter({ field: 'grossMonthlySalary', range: { min: 2500 } })(person)).toBe(true);
    expect(compileFilter({ field: 'grossMonthlySalary', range: { min: 2500.01 } })(person)).toBe(false);
    expect(compileFilter({ field: 'grossMonthlySalary', range: { max: 2500 } })(person)).toBe(true);
    expect(compileFilter({ field: 'hireDate', range: { min: '2024-03-01', max: '2024-03-31' } })(person)).toBe(true);
    expect(compileFilter({ field: 'hireDate', range: { min: '2024-03-02' } })(person)).toBe(false);
    expect(compileFilter({ field: 'exitDate', range: { min: '2000-01-01' } })(person)).toBe(false);
  });

  it('and / or nest', () => {
    const f: Filter = { or: [{ field: 'category', equals: 'blue_collar' }, { and: [{ field: 'salaryClass', equals: '5' }, { field: 'status', equals: 'active' }] }] };
    expect(compileFilter(f)(person)).toBe(true);
    expect(compileFilter({ and: [{ field: 'salaryClass', equals: '5' }, { field: 'status', equals: 'departed' }] })(person)).toBe(false);
  });

  it('refuses unknown fields, empty ranges and mixed bounds, naming the path', () => {
    const bad = filterSchema.safeParse({ and: [{ field: 'salary', equals: '1' }] });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error!.issues)).toContain('canonical field');
    expect(filterSchema.safeParse({ field: 'hireDate', range: {} }).success).toBe(false);
    expect(filterSchema.safeParse({ field: 'hireDate', range: { min: 1, max: '2024-01-01' } }).success).toBe(false);
    expect(filterSchema.safeParse({ field: 'hireDate', equals: 'x', extra: 1 }).success).toBe(false);
    expect(filterSchema.safeParse({ field: 'custom.Afdeling', in: ['A'] }).success).toBe(true);
  });

  it('describes itself in NL, FR and EN', () => {
    const f: Filter = { and: [{ field: 'category', equals: 'white_collar' }, { field: 'status', equals: 'active' }] };
    expect(describeFilter(f, 'nl')).toBe('Categorie = bedienden en Status = in dienst');
    expect(describeFilter(f, 'fr')).toBe('Catégorie = employés et Statut = en service');
    expect(describeFilter(f, 'en')).toBe('Category = white-collar and Status = active');
    expect(describeFilter(null, 'en')).toBe('everyone');
  });
});
