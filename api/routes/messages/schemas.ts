import { z } from 'zod';
import { cursorParam } from '../../keyset-cursor';
import { MESSAGE_KINDS } from '../../../db/schema';
import { MESSAGE_STATUSES } from '../../../domain/messages/lifecycle';

export const messageParams = z.object({ id: z.uuid() });

export const messageListQuery = z.object({
  status: z.enum(MESSAGE_STATUSES).optional(),
  supplierId: z.uuid().optional(),
  employerId: z.uuid().optional(),
  personId: z.uuid().optional(),
  kind: z.enum(MESSAGE_KINDS).optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('true: sent, and not answered within the supplier\'s answer window'),
  cursor: cursorParam,
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const finding = z.object({ code: z.string(), message: z.string(), suggestion: z.string().optional(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe('the figures the message names, for translation') });

const messageView = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  supplierId: z.uuid(),
  personId: z.uuid(),
  enrollmentId: z.uuid().nullable(),
  kind: z.enum(MESSAGE_KINDS),
  status: z.enum(MESSAGE_STATUSES),
  statusLabel: z.string().describe('The status as the users know it (Dutch)'),
  version: z.number().int(),
  factDate: z.string(),
  sendDate: z.string(),
  missingFields: z.array(z.string()),
  changedFields: z.array(z.string()),
  changedSinceSent: z.array(z.string()).describe('Fields changed after sending that do not resend by themselves'),
  warnings: z.array(finding),
  failure: finding.nullable(),
  supplierReference: z.string().nullable(),
  receiptDate: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorText: z.string().nullable(),
  cancelReason: z.string().nullable(),
  sentAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  answerDueAt: z.string().nullable().describe('The end of the supplier\'s answer window (set when sent)'),
  overdue: z.boolean().describe('Sent, and the supplier did not answer within its answer window'),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  workflowId: z.string(),
});

const messageEventView = z.object({
  version: z.number().int(),
  from: z.string().nullable(),
  to: z.string(),
  at: z.string(),
  cause: z.string(),
  actor: z.string(),
  detail: z.unknown().nullable(),
});

export const messageWithEvents = messageView.extend({ events: z.array(messageEventView) });

export const messageList = z.object({ items: z.array(messageView), nextCursor: z.string().nullable() });

export const cancelBody = z.object({ reason: z.string().trim().min(3).max(500) });

export const bodyParams = z.object({ id: z.uuid(), version: z.coerce.number().int().min(1) });

/** What was sent, what came back: one document per message. */
export const messageProof = z.object({
  message: messageView,
  versions: z.array(z.object({
    version: z.number().int(),
    handedOverAt: z.string().describe('when the body was handed to the supplier\'s channel (first attempt)'),
    sha256: z.string().describe('SHA-256 of the body\'s UTF-8 bytes, as stored when it was sent'),
    size: z.number().int(),
    body: z.string().describe('the exact JSON text sent (hash it to check)'),
  })),
  events: z.array(messageEventView),
  answers: z.array(z.object({
    version: z.number().int(), status: z.enum(['processed', 'rejected']), receiptDate: z.string().nullable(), errorCode: z.string().nullable(),
    errorText: z.string().nullable(), reference: z.string().nullable(), via: z.enum(['callback', 'polling']), receivedAt: z.string(), applied: z.boolean(),
  })).describe('the supplier\'s answers as received, one per version'),
  receipts: z.array(z.object({
    version: z.number().int(), at: z.string(), accepted: z.boolean(), httpStatus: z.number().int().nullable(), reference: z.string().nullable(),
  })).describe('how the supplier\'s channel took each delivery: accepted (HTTP 2xx, its reference) or refused'),
});
