import type { CanonicalField } from '../../../domain/payroll/canonical';
import { CANONICAL_FIELDS } from '../../../domain/payroll/canonical';
import type { DetectedChange, EarlierPerson, Values} from '../../../domain/payroll/snapshot-diff';
import { CHANGE_KINDS, diffPerson } from '../../../domain/payroll/snapshot-diff';

type Person = Partial<Record<CanonicalField, string | null>>;

const BASE: Record<CanonicalField, string | null> = {
  employeeNumber: '0001', nationalId: '111222333', lastName: 'Berg', namePrefix: 'van der', firstName: 'Anna',
  initials: 'A.', birthDate: '1985-04-12', gender: 'F', nationality: 'NL', maritalStatus: 'single', street: 'Kerkstraat',
  houseNumber: '1', postalCode: '3511CD', city: 'Utrecht', country: 'NL', partnerLastName: null, partnerNamePrefix: null,
  category: 'white_collar', salaryClass: '5', workSchedulePercent: '100', grossMonthlySalary: '3500', hireDate: '2020-01-01',
  exitDate: null,
};

/** Values in CANONICAL_FIELDS order from a partial person on top of BASE. */
const values = (over: Person = {}): Values => {
  const p = { ...BASE, ...over };
  return CANONICAL_FIELDS.map((f) => p[f] ?? null);
};

const change = (field: CanonicalField, oldValue: string | null, newValue: string | null): DetectedChange =>
  ({ kind: 'change', field, oldValue, newValue });

describe('values helper', () => {
  it('puts every field at its CANONICAL_FIELDS index', () => {
    const v = values({ city: 'Gent' });
    expect(v).toHaveLength(CANONICAL_FIELDS.length);
    expect(v[CANONICAL_FIELDS.indexOf('city')]).toBe('Gent');
    expect(v[CANONICAL_FIELDS.indexOf('exitDate')]).toBeNull();
  });
});

describe('diffPerson', () => {
  it('knows the change kinds', () => {
    expect([...CHANGE_KINDS]).toEqual(['hire', 'departure', 'rehire', 'missing', 'change']);
  });

  describe('hire', () => {
    it('reports a new employee number as one hire with the hire date', () => {
      expect(diffPerson(undefined, values({ hireDate: '2026-02-01' }))).toEqual([
        { kind: 'hire', field: 'hireDate', oldValue: null, newValue: '2026-02-01' },
      ]);
    });

    it('reports only the hire, not every field, for a new person', () => {
      const changes = diffPerson(undefined, values({ hireDate: '2026-02-01', grossMonthlySalary: '4000' }));
      expect(changes).toHaveLength(1);
      expect(changes[0].kind).toBe('hire');
    });
  });

  describe('unchanged', () => {
    it('reports nothing for identical values', () => {
      expect(diffPerson(values(), values())).toEqual([]);
    });

    it('reports nothing for a departed person still in the export unchanged', () => {
      const departed = values({ exitDate: '2026-01-31' });
      expect(diffPerson(departed, values({ exitDate: '2026-01-31' }))).toEqual([]);
    });

    it('does not treat the key column as a change', () => {
      expect(diffPerson(values({ employeeNumber: '0001' }), values({ employeeNumber: '1' }))).toEqual([]);
    });
  });

  describe('field changes', () => {
    it('reports one change per differing field, with old and new value, in canonical order', () => {
      const prev = values();
      const next = values({ grossMonthlySalary: '3600', street: 'Markt', houseNumber: '12', lastName: 'Bakker' });
      expect(diffPerson(prev, next)).toEqual([
        change('lastName', 'Berg', 'Bakker'),
        change('street', 'Kerkstraat', 'Markt'),
        change('houseNumber', '1', '12'),
        change('grossMonthlySalary', '3500', '3600'),
      ]);
    });

    it('reports a value that is cleared and one that is filled in', () => {
      const prev = values({ namePrefix: 'van der', partnerLastName: null });
      const next = values({ namePrefix: null, partnerLastName: 'Jansen' });
      expect(diffPerson(prev, next)).toEqual([
        change('namePrefix', 'van der', null),
        change('partnerLastName', null, 'Jansen'),
      ]);
    });

    it('reports a change of national id and birth date', () => {
      const next = values({ nationalId: '123456782', birthDate: '1985-04-21' });
      expect(diffPerson(values(), next)).toEqual([
        change('nationalId', '111222333', '123456782'),
        change('birthDate', '1985-04-12', '1985-04-21'),
      ]);
    });

    it('can report every non-key field at once', () => {
      const prev = values();
      const nextObj: Person = {};
      for (const f of CANONICAL_FIELDS) if (f !== 'employeeNumber' && f !== 'exitDate') nextObj[f] = `new-${f}`;
      const changes = diffPerson(prev, values(nextObj));
      expect(changes.map((c) => c.field)).toEqual(CANONICAL_FIELDS.filter((f) => f !== 'employeeNumber' && f !== 'exitDate'));
      expect(changes.every((c) => c.kind === 'change')).toBe(true);
    });

    it('reports a corrected hire date as a field change', () => {
      expect(diffPerson(values({ hireDate: '2020-01-01' }), values({ hireDate: '2020-02-01' }))).toEqual([
        change('hireDate', '2020-01-01', '2020-02-01'),
      ]);
    });

    it('reports a corrected exit date of a person who already left as a field change, not a second departure', () => {
      const prev = values({ exitDate: '2026-01-31' });
      const next = values({ exitDate: '2026-02-28' });
      expect(diffPerson(prev, next)).toEqual([change('exitDate', '2026-01-31', '2026-02-28')]);
    });
  });

  describe('departure', () => {
    it('reports a filled exit date as a departure', () => {
      expect(diffPerson(values(), values({ exitDate: '2026-02-28' }))).toEqual([
        { kind: 'departure', field: 'exitDate', oldValue: null, newValue: '2026-02-28' },
      ]);
    });

    it('reports the departure and the other field changes, but no exitDate change', () => {
      const changes = diffPerson(values(), values({ exitDate: '2026-02-28', city: 'Breda', workSchedulePercent: '80' }));
      expect(changes).toEqual([
        { kind: 'departure', field: 'exitDate', oldValue: null, newValue: '2026-02-28' },
        change('city', 'Utrecht', 'Breda'),
        change('workSchedulePercent', '100', '80'),
      ]);
      expect(changes.filter((c) => c.field === 'exitDate')).toHaveLength(1);
    });

    it('reports nothing when a departed person drops off the export', () => {
      expect(diffPerson(values({ exitDate: '2026-01-31' }), undefined)).toEqual([]);
    });
  });

  describe('missing', () => {
    it('reports a person absent without exit date as missing', () => {
      expect(diffPerson(values(), undefined)).toEqual([{ kind: 'missing', field: null, oldValue: null, newValue: null }]);
    });

    it('reports nothing when the person is in neither snapshot', () => {
      expect(diffPerson(undefined, undefined)).toEqual([]);
      expect(diffPerson(undefined, undefined, { values: values(), status: 'missing' })).toEqual([]);
    });
  });

  describe('rehire', () => {
    it('reports a cleared exit date with a new hire date as a rehire, without hireDate/exitDate changes', () => {
      const prev = values({ hireDate: '2020-01-01', exitDate: '2025-12-31' });
      const next = values({ hireDate: '2026-02-01', exitDate: null });
      expect(diffPerson(prev, next)).toEqual([
        { kind: 'rehire', field: 'hireDate', oldValue: '2020-01-01', newValue: '2026-02-01' },
      ]);
    });

    it('reports a cleared exit date with the same hire date as a rehire', () => {
      const prev = values({ exitDate: '2025-12-31' });
      const next = values({ exitDate: null });
      expect(diffPerson(prev, next)).toEqual([
        { kind: 'rehire', field: 'hireDate', oldValue: '2020-01-01', newValue: '2020-01-01' },
      ]);
    });

    it('reports a rehire together with the other field changes', () => {
      const prev = values({ exitDate: '2025-12-31', grossMonthlySalary: '3500' });
      const next = values({ hireDate: '2026-02-01', grossMonthlySalary: '3900', category: 'blue_collar' });
      const changes = diffPerson(prev, next);
      expect(changes).toEqual([
        { kind: 'rehire', field: 'hireDate', oldValue: '2020-01-01', newValue: '2026-02-01' },
        change('category', 'white_collar', 'blue_collar'),
        change('grossMonthlySalary', '3500', '3900'),
      ]);
      expect(changes.some((c) => c.kind === 'change' && (c.field === 'hireDate' || c.field === 'exitDate'))).toBe(false);
    });

    it('reports a rehire and a new departure when the person came back after the exit and left again', () => {
      const prev = values({ hireDate: '2020-01-01', exitDate: '2025-06-30' });
      const next = values({ hireDate: '2025-09-01', exitDate: '2026-02-28' });
      expect(diffPerson(prev, next)).toEqual([
        { kind: 'rehire', field: 'hireDate', oldValue: '2020-01-01', newValue: '2025-09-01' },
        { kind: 'departure', field: 'exitDate', oldValue: null, newValue: '2026-02-28' },
      ]);
    });

    it('never reports a hire for a person in the previous snapshot', () => {
      const prev = values({ exitDate: '2025-12-31' });
      const next = values({ hireDate: '2026-03-01' });
      expect(diffPerson(prev, next).some((c) => c.kind === 'hire')).toBe(false);
    });
  });

  describe('earlier (known from the persons table, absent from the previous snapshot)', () => {
    it('reports a departed person who comes back as a rehire, not a hire', () => {
      const earlier: EarlierPerson = { values: values({ hireDate: '2019-05-01', exitDate: '2024-12-31' }), status: 'departed' };
      const next = values({ hireDate: '2026-02-01' });
      expect(diffPerson(undefined, next, earlier)).toEqual([
        { kind: 'rehire', field: 'hireDate', oldValue: '2019-05-01', newValue: '2026-02-01' },
      ]);
    });

    it('reports a departed person who comes back with other data as a rehire plus field changes', () => {
      const earlier: EarlierPerson = { values: values({ exitDate: '2024-12-31', city: 'Utrecht' }), status: 'departed' };
      const next = values({ hireDate: '2026-02-01', city: 'Gent', country: 'BE' });
      expect(diffPerson(undefined, next, earlier)).toEqual([
        { kind: 'rehire', field: 'hireDate', oldValue: '2020-01-01', newValue: '2026-02-01' },
        change('city', 'Utrecht', 'Gent'),
        change('country', 'NL', 'BE'),
      ]);
    });

    it('reports a missing person who reappears with the same data as nothing at all', () => {
      const earlier: EarlierPerson = { values: values(), status: 'missing' };
      expect(diffPerson(undefined, values(), earlier)).toEqual([]);
    });

    it('reports a missing person who reappears with other data as field changes, not a hire', () => {
      const earlier: EarlierPerson = { values: values(), status: 'missing' };
      const changes = diffPerson(undefined, values({ street: 'Markt' }), earlier);
      expect(changes).toEqual([change('street', 'Kerkstraat', 'Markt')]);
    });

    it('reports a missing person who reappears with an exit date as a departure', () => {
      const earlier: EarlierPerson = { values: values(), status: 'missing' };
      expect(diffPerson(undefined, values({ exitDate: '2026-01-15' }), earlier)).toEqual([
        { kind: 'departure', field: 'exitDate', oldValue: null, newValue: '2026-01-15' },
      ]);
    });

    it('compares with the previous snapshot, not the earlier data, when both are given', () => {
      const prev = values({ street: 'Markt' });
      const earlier: EarlierPerson = { values: values({ street: 'Oude straat' }), status: 'active' };
      expect(diffPerson(prev, values({ street: 'Markt' }), earlier)).toEqual([]);
      expect(diffPerson(prev, values({ street: 'Dam' }), earlier)).toEqual([change('street', 'Markt', 'Dam')]);
    });
  });

  it('reports a hire and a departure for someone hired and gone within the period', () => {
    expect(diffPerson(undefined, values({ hireDate: '2026-10-01', exitDate: '2026-10-20' }))).toEqual([
      { kind: 'hire', field: 'hireDate', oldValue: null, newValue: '2026-10-01' },
      { kind: 'departure', field: 'exitDate', oldValue: null, newValue: '2026-10-20' },
    ]);
  });

  it('does not modify its inputs', () => {
    const prev = values({ exitDate: '2025-12-31' });
    const next = values({ hireDate: '2026-02-01', city: 'Breda' });
    const prevCopy = [...prev];
    const nextCopy = [...next];
    diffPerson(prev, next);
    expect(prev).toEqual(prevCopy);
    expect(next).toEqual(nextCopy);
  });
});
