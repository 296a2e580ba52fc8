import { z } from 'zod';
import { premiumFormulaSchema } from '../../../domain/contributions/premium-formula';

export const planCreate = z.object({
  supplierId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  /** The supplier's own product code; unique within the supplier. */
  code: z.string().trim().min(1).max(100).optional(),
  /** What the supplier bills per insured person a month, and the employer/employee split (docs/benefits.md, "Contributions"). */
  premiumFormula: premiumFormulaSchema.optional(),
}).strict();

export const planPatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  code: z.string().trim().min(1).max(100).nullable().optional(),
  premiumFormula: premiumFormulaSchema.nullable().optional()
    .describe('corrects the formula (null removes it; not while an employer\'s contribution file has a pay code for the plan). The next contribution file recomputes '
      + 'every month of its correction window with it and corrects what was deducted; bordereaux reconciled from then on use it. A tariff that changes from a date '
      + 'on is not modelled: it would correct the months before that date too'),
}).strict();

export const planView = z.object({
  id: z.uuid(),
  supplierId: z.uuid(),
  name: z.string(),
  code: z.string().nullable(),
  premiumFormula: premiumFormulaSchema.nullable().describe('what the supplier bills per insured person a month, and the employer/employee split'),
  createdAt: z.string(),
});

export const planQuery = z.object({ supplierId: z.uuid().optional() });

export const planList = z.object({ items: z.array(planView) });
