import { changedFields, correctionPreview, dataChangeEffect } from '../../../domain/messages/data-change';

describe('what a correction does to a message (domain/messages/data-change.ts)', () => {
  it('changed fields: given and different; absent and empty-as-null count as null', () => {
    expect(changedFields({ street: 'A', city: null }, { street: 'A', city: undefined, houseNumber: '1' })).toEqual(['houseNumber']);
    expect(changedFields({ street: 'A' }, { street: 'B' })).toEqual(['street']);
  });

  it('unsent messages re-check; sent ones re-send (identity, dates) or are marked (names, address); change messages stay', () => {
    expect(dataChangeEffect({ status: 'incomplete', kind: 'enrollment' }, ['street'])).toEqual({ effect: 'recheck' });
    expect(dataChangeEffect({ status: 'sent', kind: 'enrollment' }, ['birthDate', 'street'])).toEqual({ effect: 'resend' });
    expect(dataChangeEffect({ status: 'processed', kind: 'termination' }, ['street'])).toEqual({ effect: 'flag', fields: ['street'] });
    expect(dataChangeEffect({ status: 'sent', kind: 'change' }, ['birthDate'])).toEqual({ effect: 'none' });
    expect(dataChangeEffect({ status: 'send_failed', kind: 'enrollment' }, ['birthDate'])).toEqual({ effect: 'none' });
    expect(dataChangeEffect({ status: 'sent', kind: 'enrollment' }, ['salaryClass'])).toEqual({ effect: 'none' });
  });

  it('previews completes, stays/becomes incomplete, will fail (120 days), re-sent and changed since sent', () => {
    const breach = { code: 'start_too_old', message: 'm' };
    expect(correctionPreview({ status: 'incomplete', kind: 'enrollment' }, ['street'], { missing: [], tooOld: null }).outcome).toBe('completes');
    expect(correctionPreview({ status: 'incomplete', kind: 'enrollment' }, ['street'], { missing: ['city'], tooOld: null })).toEqual({ outcome: 'stays_incomplete', missing: ['city'], flagged: [] });
    expect(correctionPreview({ status: 'not_sent', kind: 'enrollment' }, ['street'], { missing: ['street'], tooOld: null }).outcome).toBe('becomes_incomplete');
    expect(correctionPreview({ status: 'incomplete', kind: 'enrollment' }, ['street'], { missing: [], tooOld: breach }).outcome).toBe('will_fail');
    expect(correctionPreview({ status: 'not_sent', kind: 'enrollment' }, ['street'], { missing: [], tooOld: null }).outcome).toBe('rechecked');
    expect(correctionPreview({ status: 'sent', kind: 'enrollment' }, ['nationalId'], null).outcome).toBe('resent');
    expect(correctionPreview({ status: 'sent', kind: 'enrollment' }, ['lastName'], null)).toEqual({ outcome: 'changed_since_sent', missing: [], flagged: ['lastName'] });
    expect(correctionPreview({ status: 'cancelled', kind: 'enrollment' }, ['lastName'], null).outcome).toBe('unaffected');
  });
});
