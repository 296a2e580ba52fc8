import { z } from 'zod';
import { BORDEREAU_RESOLUTIONS } from '../../../db/schema';
import { BORDEREAU_CHANGES, COMMUNICATED_CHANGES, DATA_FIELDS, DIFFERENCE_KINDS } from '../../../domain/reconciliation/bordereau';

/** What the bordereau routes answer (domain/reconciliation/bordereau.ts holds the meaning of each field). */
const amount = z.union([z.string(), z.number()]).nullable().optional();

const bordereauDifferenceSchema = z.object({
  part: z.enum(['persons', 'data', 'changes']),
  kind: z.enum(DIFFERENCE_KINDS),
  nationalId: z.string(),
  memberKey: z.string().optional().describe('a covered family member: their line on the bordereau'),
  row: z.number().int().optional().describe('the bordereau line'),
  field: z.enum(DATA_FIELDS).optional(),
  change: z.enum([...new Set([...BORDEREAU_CHANGES, ...COMMUNICATED_CHANGES])]).optional().describe('a change on the bordereau, or one we communicated'),
  billed: amount,
  expected: amount,
  withinCorrectionWindow: z.boolean().optional().describe('left and still billed: still inside the insurer\'s correction window'),
  fingerprint: z.string(),
  status: z.enum(['open', 'recurring_accepted']),
  resolution: z.enum(BORDEREAU_RESOLUTIONS).nullable(),
  correctionMessageId: z.uuid().nullable(),
});

export const bordereauRunSchema = z.object({
  id: z.uuid(), employerId: z.uuid(), supplierId: z.uuid(), period: z.string(), status: z.enum(['current', 'replaced']),
  createdAt: z.string(), result: z.enum(['no_communication', 'reconciled']), lines: z.number().int(), correctionWindowDays: z.number().int(),
  purgedAt: z.string().nullable().describe('when the lines and differences went at the end of their retention term'),
  differenceCount: z.number().int().optional().describe('a purged run: how many differences it had'),
  message: z.string().optional().describe('a period with nothing communicated yet'),
  differences: z.array(bordereauDifferenceSchema),
});

export const bordereauUploadedSchema = bordereauRunSchema.extend({ replacedRunId: z.uuid().nullable() });

export const bordereauListSchema = z.object({
  items: z.array(z.object({ id: z.uuid(), period: z.string(), status: z.enum(['current', 'replaced']), createdAt: z.string() })),
});
