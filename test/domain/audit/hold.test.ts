import { holdsPerson, sendGate } from '../../../domain/audit/hold';

describe('the hold of a blocking finding', () => {
  it('holds only while a blocking finding is open', () => {
    expect(holdsPerson({ severity: 'blocking', status: 'open' })).toBe(true);
    expect(holdsPerson({ severity: 'blocking', status: 'acknowledged' })).toBe(false);
    expect(holdsPerson({ severity: 'blocking', status: 'resolved' })).toBe(false);
    expect(holdsPerson({ severity: 'warning', status: 'open' })).toBe(false);
    expect(holdsPerson({ severity: 'info', status: 'open' })).toBe(false);
  });

  it('lets a message go with no finding or only warnings, and keeps it while any blocking one is open', () => {
    expect(sendGate([])).toBe('go');
    expect(sendGate([{ severity: 'warning', status: 'open' }, { severity: 'info', status: 'open' }])).toBe('go');
    expect(sendGate([{ severity: 'warning', status: 'open' }, { severity: 'blocking', status: 'open' }])).toBe('held');
    expect(sendGate([{ severity: 'blocking', status: 'acknowledged' }, { severity: 'blocking', status: 'resolved' }])).toBe('go');
  });
});
