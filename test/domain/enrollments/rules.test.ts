import { dateOrderRefusal, endDateEffect, overlaps, resolvePlanCode } from '../../../domain/enrollments/rules';

describe('enrollment rules', () => {
  it('ends an open enrollment, corrects an end, and never removes one', () => {
    expect(endDateEffect(null, '2026-06-30')).toBe('ended');
    expect(endDateEffect('2026-05-31', '2026-06-30')).toBe('updated');
    expect(endDateEffect('2026-06-30', '2026-06-30')).toBe('unchanged');
    expect(endDateEffect('2026-06-30', null)).toBe('unchanged');
  });

  it('names the date that breaks the order: the end when it was given, else the start', () => {
    const next = { startDate: '2026-07-01', endDate: '2026-06-30' };
    expect(dateOrderRefusal(next, true)).toEqual({ kind: 'invalid', field: 'endDate', message: 'must be on or after startDate' });
    expect(dateOrderRefusal(next, false)).toEqual({ kind: 'invalid', field: 'startDate', message: 'must be on or before the enrollment\'s end date' });
    expect(dateOrderRefusal({ startDate: '2026-06-30', endDate: '2026-06-30' }, true)).toBeNull();
  });

  it('lets an open end overlap everything after its start', () => {
    expect(overlaps({ startDate: '2026-01-01', endDate: null }, { startDate: '2030-01-01', endDate: '2030-01-31' })).toBe(true);
    expect(overlaps({ startDate: '2026-01-01', endDate: '2026-01-31' }, { startDate: '2026-02-01', endDate: null })).toBe(false);
  });

  it('resolves a shared plan code to the plan of the linked supplier', () => {
    const plans = [{ id: 'a', supplierId: 's1' }, { id: 'b', supplierId: 's2' }];
    expect(resolvePlanCode(plans, new Set(['s2']))).toEqual(plans[1]);
    expect(resolvePlanCode(plans, new Set())).toBe('ambiguous');
    expect(resolvePlanCode([], new Set())).toBe('unknown');
  });
});
