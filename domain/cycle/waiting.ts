import type { MessageStatus } from '../messages/lifecycle';

/**
 * Whom a message in a status waits on, as the cycle page shows it: the employer must act
 * (complete the data, fix what failed or was refused), the supplier must answer, or nobody yet
 * (it waits for its send date, or the transport has it). Final statuses wait on no one.
 */
export type WaitsOn = 'employer' | 'supplier' | 'send_date' | 'transport';

const MESSAGE_WAITS_ON: Partial<Record<MessageStatus, WaitsOn>> = {
  incomplete: 'employer', send_failed: 'employer', rejected: 'employer', not_sent: 'send_date', queued: 'transport', sent: 'supplier',
};

export const messageWaitsOn = (status: MessageStatus): WaitsOn | null => MESSAGE_WAITS_ON[status] ?? null;

/** The statuses in which a message still waits on someone. */
export const WAITING_MESSAGE_STATUSES = Object.keys(MESSAGE_WAITS_ON) as MessageStatus[];
