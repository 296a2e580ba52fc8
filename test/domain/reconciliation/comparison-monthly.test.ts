import { findingsOf, missingSides, monthlyStep } from '../../../domain/reconciliation/comparison-monthly';

const photo = { sideA: { source: 'payroll' as const, label: 'Mutaflow' } };
const files = { sideA: { source: 'file' as const, label: 'A', profile: {} as never } };
const clean = { only_in_a: 0, only_in_b: 0, duplicate_key: 0, unparseable: 0, difference: 0, rowsA: 2, rowsB: 2, matched: 2 };

describe('a monthly comparison in the cycle', () => {
  it('needs a file for each side that is a file: side B alone when side A is the payroll photo', () => {
    expect(missingSides(photo, [])).toEqual(['b']);
    expect(missingSides(files, [])).toEqual(['a', 'b']);
    expect(missingSides(files, ['b'])).toEqual(['a']);
    expect(missingSides(files, ['a', 'b'])).toEqual([]);
  });

  it('asks for the upload, then runs, then asks for a review only when the run found something', () => {
    expect(monthlyStep(files, ['a'], null)).toEqual({ step: 'upload', missing: ['b'] });
    expect(monthlyStep(photo, ['b'], null)).toEqual({ step: 'run' });
    expect(monthlyStep(photo, ['b'], { status: 'running', counts: {} })).toEqual({ step: 'running' });
    expect(monthlyStep(photo, ['b'], { status: 'failed', counts: {} })).toEqual({ step: 'refused' });
    expect(monthlyStep(photo, ['b'], { status: 'completed', counts: clean })).toEqual({ step: 'done' });
    expect(monthlyStep(photo, ['b'], { status: 'completed', counts: { ...clean, difference: 2, only_in_b: 1 } })).toEqual({ step: 'review', findings: 3 });
  });

  it('counts every kind of result but the rows read and matched', () => {
    expect(findingsOf(clean)).toBe(0);
    expect(findingsOf({ ...clean, duplicate_key: 1, unparseable: 2 })).toBe(3);
  });
});
