/**
 * The message lifecycle in one table: every status, what users call it, and every move a
 * message may make (from, cause → to). The database refuses nothing by itself: db/queries
 * moves a message only along a row of MESSAGE_MOVES, and the predicates below are read off it.
 * Pure: the workflow code imports it.
 */

export const MESSAGE_STATUSES = ['incomplete', 'not_sent', 'queued', 'send_failed', 'sent', 'processed', 'rejected', 'cancelled'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** The labels the users know (web/i18n `messageStatus.*` holds the same words). */
export const STATUS_LABELS: Record<MessageStatus, { nl: string; fr: string; en: string }> = {
  incomplete: { nl: 'Incompleet', fr: 'Incomplet', en: 'Incomplete' },
  not_sent: { nl: 'Niet verzonden', fr: 'Non envoyé', en: 'Not sent' },
  queued: { nl: 'Klaargezet', fr: 'En file d\'attente', en: 'Queued' },
  send_failed: { nl: 'Fout bij verzenden', fr: 'Échec de l\'envoi', en: 'Send failed' },
  sent: { nl: 'Verzonden', fr: 'Envoyé', en: 'Sent' },
  processed: { nl: 'Verwerkt', fr: 'Traité', en: 'Processed' },
  rejected: { nl: 'Afgekeurd', fr: 'Refusé', en: 'Rejected' },
  cancelled: { nl: 'Geannuleerd', fr: 'Annulé', en: 'Cancelled' },
};

export const STATUS_LABELS_NL = Object.fromEntries(MESSAGE_STATUSES.map((s) => [s, STATUS_LABELS[s].nl])) as Record<MessageStatus, string>;

/** Why a message moves; recorded as the event's `cause`. */
export const MESSAGE_CAUSES = [
  'created', 'assessed', 'data_missing', 'data_complete', 'no_channel', 'start_too_old', 'handed_to_transport', 'delivered',
  'refused_by_supplier', 'retries_exhausted', 'supplier_answer', 'cancelled', 'declined_by_employer', 'resend', 'auto_resend',
  'redelivered', 'held_by_finding',
] as const;
export type MessageCause = (typeof MESSAGE_CAUSES)[number];

export interface MessageMove {
  /** null: the message is created. */
  from: MessageStatus | null;
  cause: MessageCause;
  to: MessageStatus;
}

const moves = (from: readonly (MessageStatus | null)[], cause: MessageCause, to: MessageStatus): MessageMove[] =>
  from.map((f) => ({ from: f, cause, to }));

// Only for writing the table down; the exported predicates are read off the table.
const UNSENT = ['incomplete', 'not_sent'] as const;
const SENT = ['queued', 'sent', 'processed', 'rejected'] as const;

/**
 * Every allowed move. A move onto the status the message already has (e.g. `not_sent` assessed
 * again) is allowed and records no event.
 */
export const MESSAGE_MOVES: readonly MessageMove[] = [
  // Created in its first status: incomplete when data is missing, else not sent.
  ...moves([null], 'created', 'incomplete'),
  ...moves([null], 'created', 'not_sent'),
  // The workflow (re-)assesses an unsent message.
  ...moves(['not_sent'], 'assessed', 'not_sent'),
  // Its person is held by an open blocking audit finding: it stays unsent (recorded, the status stays).
  ...moves(['not_sent'], 'held_by_finding', 'not_sent'),
  ...moves(['incomplete'], 'data_complete', 'not_sent'),
  ...moves([...UNSENT, 'queued'], 'data_missing', 'incomplete'),
  ...moves(UNSENT, 'no_channel', 'send_failed'),
  ...moves(UNSENT, 'start_too_old', 'send_failed'),
  // Delivery.
  ...moves(['not_sent'], 'handed_to_transport', 'queued'),
  ...moves(['queued'], 'delivered', 'sent'),
  // A poll answered 404: the same version again under the same key (recorded, the status stays).
  ...moves(['sent'], 'redelivered', 'sent'),
  ...moves(['queued'], 'refused_by_supplier', 'send_failed'),
  ...moves(['not_sent', 'queued'], 'retries_exhausted', 'send_failed'),
  // The supplier's answer (by callback or polling).
  ...moves(['queued', 'sent'], 'supplier_answer', 'processed'),
  ...moves(['queued', 'sent'], 'supplier_answer', 'rejected'),
  // Cancelled by HR, or declined by the employer in the monthly cycle: only what has not left.
  ...moves(UNSENT, 'cancelled', 'cancelled'),
  ...moves(UNSENT, 'declined_by_employer', 'cancelled'),
  // A new version: by hand after a failure, a rejection or any sent message; by itself when
  // identifying data of a sent message changed.
  ...moves(['send_failed', ...SENT], 'resend', 'not_sent'),
  ...moves(SENT, 'auto_resend', 'not_sent'),
];

/** The statuses from which `cause` may move a message to `to` (empty: no such move). */
export function allowedFrom(cause: MessageCause, to: MessageStatus): MessageStatus[] {
  return MESSAGE_MOVES.filter((m) => m.cause === cause && m.to === to && m.from !== null).map((m) => m.from!);
}

export function isAllowedMove(from: MessageStatus | null, cause: MessageCause, to: MessageStatus): boolean {
  return MESSAGE_MOVES.some((m) => m.from === from && m.cause === cause && m.to === to);
}

/** Not yet handed to the transport (HR may still cancel it): data changes flow into the message itself. */
export const UNSENT_STATUSES: readonly MessageStatus[] = allowedFrom('cancelled', 'cancelled');
/** `queued` counts as sent for the user: what a data change re-sends by itself. */
const SENT_STATUSES: readonly MessageStatus[] = allowedFrom('auto_resend', 'not_sent');
const RESENDABLE: readonly MessageStatus[] = allowedFrom('resend', 'not_sent');

export const isUnsent = (s: MessageStatus) => UNSENT_STATUSES.includes(s);
export const countsAsSent = (s: MessageStatus) => SENT_STATUSES.includes(s);
export const canCancel = (s: MessageStatus) => isAllowedMove(s, 'cancelled', 'cancelled');
/** Resend: after a failure, a rejection, or any sent message (a new version; history kept). */
export const canResend = (s: MessageStatus) => RESENDABLE.includes(s);

/** Sent (or handed over) and not answered by the end of the supplier's answer window. */
export const isAnswerOverdue = (m: { status: MessageStatus; answerDueAt: Date | null }, nowMs: number) =>
  (m.status === 'queued' || m.status === 'sent') && m.answerDueAt !== null && m.answerDueAt.getTime() < nowMs;
