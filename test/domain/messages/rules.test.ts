import {
  afterSendEffect, earliestAcceptedStart, missingFields, requiredFields, sendDateFor, startTooOld,
} from '../../../domain/messages/rules';
import { addDays, daysBetween } from '../../../domain/shared/calendar';
import { STATUS_LABELS_NL, canCancel, canResend, countsAsSent } from '../../../domain/messages/lifecycle';
import { buildPayload, idempotencyKey } from '../../../domain/messages/payload';
import { SecretBox } from '../../../infra/secret-box';

describe('message rules (docs/architecture.md §5)', () => {
  it('send date = fact + 1 day, never before deliverFrom', () => {
    expect(sendDateFor('2026-11-30', '2026-01-01')).toBe('2026-12-01');
    expect(sendDateFor('2026-12-31', '2026-01-01')).toBe('2027-01-01');
    expect(sendDateFor('2026-02-28', '2026-01-01')).toBe('2026-03-01');
    expect(sendDateFor('2026-11-01', '2026-11-15')).toBe('2026-11-15');
  });

  it('calendar arithmetic ignores time zones and leap years trip nothing', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-01-01', '2026-12-31')).toBe(364);
    expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
  });

  it.each([[119, false], [120, false], [121, true]])('an enrollment starting %i days before it leaves fails: %s', (age, fails) => {
    const finding = startTooOld('enrollment', addDays('2026-11-25', -age), '2026-11-25');
    expect(finding !== null).toBe(fails);
    if (finding) {
      expect(finding.code).toBe('start_too_old');
      expect(finding.message).toContain(`${age} days`);
      expect(finding.suggestion).toContain('2026-07-28');
    }
  });

  it('the earliest accepted start passes the 120-day rule, one day earlier fails (from today, or a later deliver-from)', () => {
    for (const deliverFrom of [null, '2020-01-01', '2026-12-20']) {
      const today = '2026-11-25';
      const earliest = earliestAcceptedStart(today, deliverFrom);
      const leaves = (start: string) => {
        const send = sendDateFor(start, deliverFrom ?? start);
        return send > today ? send : today;
      };
      expect(startTooOld('enrollment', earliest, leaves(earliest))).toBeNull();
      expect(startTooOld('enrollment', addDays(earliest, -1), leaves(addDays(earliest, -1)))).not.toBeNull();
    }
    expect(earliestAcceptedStart('2026-11-25', null)).toBe('2026-07-28');
    expect(earliestAcceptedStart('2026-11-25', '2026-12-20')).toBe(addDays('2026-12-20', -120));
  });

  it('the 120-day rule concerns enrollments only', () => {
    expect(startTooOld('termination', '2025-01-01', '2026-11-25')).toBeNull();
    expect(startTooOld('change', '2025-01-01', '2026-11-25')).toBeNull();
  });

  it('insurers need identity and address for an enrollment; others identity only', () => {
    expect(requiredFields('enrollment', 'health_insurer')).toEqual(expect.arrayContaining(['nationalId', 'birthDate', 'street', 'postalCode']));
    expect(requiredFields('enrollment', 'external')).toEqual(['nationalId', 'lastName', 'birthDate']);
    expect(requiredFields('termination', 'health_insurer')).toEqual(['nationalId', 'lastName', 'birthDate']);
    expect(missingFields({ nationalId: '1', lastName: '', birthDate: null }, ['nationalId', 'lastName', 'birthDate'])).toEqual(['lastName', 'birthDate']);
  });

  it('after sending: national id, birth date, start and end re-send; names and address only flag', () => {
    expect(afterSendEffect(['nationalId'])).toEqual({ resend: true, flag: [] });
    expect(afterSendEffect(['startDate'])).toEqual({ resend: true, flag: [] });
    expect(afterSendEffect(['street', 'city'])).toEqual({ resend: false, flag: ['street', 'city'] });
    expect(afterSendEffect(['birthDate', 'lastName'])).toEqual({ resend: true, flag: ['lastName'] });
    expect(afterSendEffect(['grossMonthlySalary'])).toEqual({ resend: false, flag: [] });
  });

  it('queued counts as sent; resend and cancel follow the status', () => {
    expect(countsAsSent('queued')).toBe(true);
    expect(countsAsSent('not_sent')).toBe(false);
    expect(canResend('send_failed')).toBe(true);
    expect(canResend('rejected')).toBe(true);
    expect(canResend('processed')).toBe(true);
    expect(canResend('incomplete')).toBe(false);
    expect(canResend('cancelled')).toBe(false);
    expect(canCancel('not_sent')).toBe(true);
    expect(canCancel('queued')).toBe(false);
    expect(STATUS_LABELS_NL.send_failed).toBe('Fout bij verzenden');
  });
});

describe('message payload', () => {
  it('carries the channel\'s fields and nothing beyond the person fields', () => {
    const body = buildPayload({
      messageId: 'm', version: 2, kind: 'change', collectiveNumber: 'ZZ', employer: { country: 'NL', companyNumber: '12345678' },
      person: { nationalId: '123456782', lastName: 'Jansen', grossMonthlySalary: '4000.00', custom: { x: 1 } },
      familyMember: null, coverage: null, changedFields: ['street'], callbackUrl: null,
    });
    expect(body).toMatchObject({ messageId: 'm', version: 2, insured: 'employee', changedFields: ['street'] });
    expect(JSON.stringify(body)).not.toContain('4000.00');
    expect(body).not.toHaveProperty('callbackUrl');
    expect(idempotencyKey('m', 2)).toBe('m:2');
  });
});

describe('secret box', () => {
  const box = new SecretBox(Buffer.alloc(32, 1));
  it('seals with a fresh IV each time and opens what it sealed', () => {
    const a = box.seal({ apiKey: 'top-secret-key' });
    const b = box.seal({ apiKey: 'top-secret-key' });
    expect(a).not.toBe(b);
    expect(a).not.toContain('top-secret');
    expect(box.open(a)).toEqual({ apiKey: 'top-secret-key' });
  });
  it('refuses a tampered value or another key', () => {
    const sealed = box.seal({ apiKey: 'k' });
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => new SecretBox(Buffer.alloc(32, 2)).open(sealed)).toThrow();
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});
