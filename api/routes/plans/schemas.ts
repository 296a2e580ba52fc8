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
    .describe('a new tariff (null removes it): contribution files and bordereau reconciliations made from now on use it; files already issued keep their amounts'),
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
