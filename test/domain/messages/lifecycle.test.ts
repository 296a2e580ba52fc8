import {
  MESSAGE_CAUSES, MESSAGE_MOVES, MESSAGE_STATUSES, STATUS_LABELS, STATUS_LABELS_NL, UNSENT_STATUSES, allowedFrom, canCancel, canResend,
  countsAsSent, isAllowedMove, isUnsent,
} from '../../../domain/messages/lifecycle';
import en from '../../../web/i18n/en.json';
import fr from '../../../web/i18n/fr.json';
import nl from '../../../web/i18n/nl.json';

const listed = (from: string | null, cause: string, to: string) => MESSAGE_MOVES.some((m) => m.from === from && m.cause === cause && m.to === to);

describe('the message lifecycle table', () => {
  it('allows every move it lists, and nothing else for any status, cause and target', () => {
    for (const from of [null, ...MESSAGE_STATUSES]) {
      for (const cause of MESSAGE_CAUSES) {
        for (const to of MESSAGE_STATUSES) {
          expect([from, cause, to, isAllowedMove(from, cause, to)]).toEqual([from, cause, to, listed(from, cause, to)]);
          if (from !== null) expect(allowedFrom(cause, to).includes(from)).toBe(listed(from, cause, to));
        }
      }
    }
  });

  it('holds the moves the code makes today', () => {
    const rows = MESSAGE_MOVES.map((m) => `${m.from ?? '∅'}>${m.to}:${m.cause}`).sort();
    expect(rows).toEqual([
      '∅>incomplete:created', '∅>not_sent:created',
      'incomplete>cancelled:cancelled', 'incomplete>cancelled:declined_by_employer', 'incomplete>incomplete:data_missing',
      'incomplete>not_sent:data_complete', 'incomplete>send_failed:no_channel', 'incomplete>send_failed:start_too_old',
      'not_sent>cancelled:cancelled', 'not_sent>cancelled:declined_by_employer', 'not_sent>incomplete:data_missing',
      'not_sent>not_sent:assessed', 'not_sent>not_sent:held_by_finding', 'not_sent>queued:handed_to_transport', 'not_sent>send_failed:no_channel',
      'not_sent>send_failed:retries_exhausted', 'not_sent>send_failed:start_too_old',
      'processed>not_sent:auto_resend', 'processed>not_sent:resend',
      'queued>incomplete:data_missing', 'queued>not_sent:auto_resend', 'queued>not_sent:resend', 'queued>processed:supplier_answer',
      'queued>rejected:supplier_answer', 'queued>send_failed:refused_by_supplier', 'queued>send_failed:retries_exhausted',
      'queued>sent:delivered',
      'rejected>not_sent:auto_resend', 'rejected>not_sent:resend',
      'send_failed>not_sent:resend',
      'sent>not_sent:auto_resend', 'sent>not_sent:resend', 'sent>processed:supplier_answer', 'sent>rejected:supplier_answer', 'sent>sent:redelivered',
    ].sort());
    // No row twice; every cause is used.
    expect(new Set(rows).size).toBe(rows.length);
    expect([...new Set(MESSAGE_MOVES.map((m) => m.cause))].sort()).toEqual([...MESSAGE_CAUSES].sort());
  });

  it('nothing leaves processed/rejected except a resend, and nothing leaves cancelled', () => {
    expect(MESSAGE_MOVES.filter((m) => m.from === 'cancelled')).toEqual([]);
    for (const done of ['processed', 'rejected'] as const) {
      expect(MESSAGE_MOVES.filter((m) => m.from === done).map((m) => m.cause).sort()).toEqual(['auto_resend', 'resend']);
    }
  });

  it('keeps the predicates as they were', () => {
    const truth = (p: (s: (typeof MESSAGE_STATUSES)[number]) => boolean) => MESSAGE_STATUSES.filter(p);
    expect(truth(isUnsent)).toEqual(['incomplete', 'not_sent']);
    expect(UNSENT_STATUSES).toEqual(['incomplete', 'not_sent']);
    expect(truth(canCancel)).toEqual(['incomplete', 'not_sent']);
    expect(truth(countsAsSent)).toEqual(['queued', 'sent', 'processed', 'rejected']);
    expect(truth(canResend)).toEqual(['queued', 'send_failed', 'sent', 'processed', 'rejected']);
  });

  it('labels every status in the words of the web UI', () => {
    for (const s of MESSAGE_STATUSES) {
      const key = `messageStatus.${s}` as keyof typeof nl;
      expect(STATUS_LABELS[s]).toEqual({ nl: nl[key], fr: fr[key as keyof typeof fr], en: en[key as keyof typeof en] });
      expect(STATUS_LABELS_NL[s]).toBe(STATUS_LABELS[s].nl);
    }
    expect(STATUS_LABELS_NL.send_failed).toBe('Fout bij verzenden');
  });
});
