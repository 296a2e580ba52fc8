import { z } from 'zod';
import { CONFIRM_KINDS } from '../../../domain/suppliers/confirmation';

const isoDate = z.iso.date();

export const linkCreate = z.object({
  supplierId: z.uuid(),
  /** collectiviteitsnummer: the employer's contract number at the supplier. */
  collectiveNumber: z.string().trim().min(1).max(100),
  startDate: isoDate,
  /** No message leaves before this date (aanleveren vanaf); default: startDate. */
  deliverFrom: isoDate.optional(),
  confirmKinds: z.array(z.enum(CONFIRM_KINDS)).nullable().optional()
    .describe('change kinds this employer confirms before the supplier hears of them (message or report); null or absent: the supplier\'s report settings'),
}).strict();

export const linkUpdate = z.object({
  collectiveNumber: z.string().trim().min(1).max(100).optional(),
  startDate: isoDate.optional(),
  deliverFrom: isoDate.optional(),
  confirmKinds: z.array(z.enum(CONFIRM_KINDS)).nullable().optional()
    .describe('this employer\'s own confirmation kinds for the supplier; null: back to the supplier\'s setting'),
}).strict().refine((b) => Object.keys(b).length > 0, 'give at least one of collectiveNumber, startDate, deliverFrom, confirmKinds');

export const linkParams = z.object({ id: z.uuid(), supplierId: z.uuid() });

export const linkView = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  supplierId: z.uuid(),
  supplierName: z.string(),
  collectiveNumber: z.string(),
  startDate: z.string(),
  deliverFrom: z.string(),
  /** The employer's own confirmation kinds for this supplier; null: the supplier's setting applies. */
  confirmKinds: z.array(z.string()).nullable(),
  /** What waits for the employer's confirmation for this pair, whichever setting it comes from. */
  effectiveConfirmKinds: z.array(z.string()),
  /** Whether messages to this supplier can leave for this employer; `blockers` say why not. */
  canSend: z.boolean(),
  blockers: z.array(z.string()),
  createdAt: z.string(),
});

export const linkList = z.object({ items: z.array(linkView) });
