import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { contributionSettings, plans, suppliers } from '../../../db/schema';
import { ApiError, notFound } from '../../errors';
import { type PremiumFormula, premiumFormulaSchema } from '../../../domain/contributions/premium-formula';
import { idParams } from '../employers/schemas';
import { planCreate, planList, planPatch, planQuery, planView } from './schemas';

type Plan = typeof plans.$inferSelect;

/** A formula stored otherwise than through the API (by hand, in SQL) and not fitting the schema shows as none rather than failing the list. */
const formulaOf = (stored: unknown): PremiumFormula | null => {
  const parsed = premiumFormulaSchema.safeParse(stored);
  return stored !== null && parsed.success ? parsed.data : null;
};

const planViewOf = (p: Plan) => ({
  id: p.id, supplierId: p.supplierId, name: p.name, code: p.code, premiumFormula: formulaOf(p.premiumFormula), createdAt: p.createdAt.toISOString(),
});

const planRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/plans', {
    config: { permission: 'suppliers.manage' },
    schema: { tags: ['plans'], summary: 'Create a plan (a product of a supplier)', body: planCreate, response: { 201: planView } },
  }, async (request, reply) => {
    const { supplierId, name, code, premiumFormula } = request.body;
    const row = await app.db.transaction(async (tx) => {
      // Locks the supplier so two requests cannot both add the same code.
      const [supplier] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, supplierId)).for('update');
      if (!supplier) throw notFound('supplier');
      if (code) {
        const [taken] = await tx.select({ id: plans.id }).from(plans).where(and(eq(plans.supplierId, supplierId), eq(plans.code, code))).limit(1);
        if (taken) throw new ApiError(409, 'plan_code_taken', `code: the supplier already has a plan with this code (${taken.id})`);
      }
      const [created] = await tx.insert(plans).values({ supplierId, name, code: code ?? null, premiumFormula: premiumFormula ?? null }).returning();
      return created;
    });
    return reply.status(201).send(planViewOf(row));
  });

  app.get('/api/plans', {
    config: { permission: 'suppliers.view' },
    schema: { tags: ['plans'], summary: 'Plans, optionally of one supplier', querystring: planQuery, response: { 200: planList } },
  }, async (request) => {
    const { supplierId } = request.query;
    const rows = await app.db.select().from(plans).where(supplierId ? eq(plans.supplierId, supplierId) : undefined)
      .orderBy(asc(plans.name), asc(plans.id)).limit(5000);
    return { items: rows.map(planViewOf) };
  });

  app.get('/api/plans/:id', {
    config: { permission: 'suppliers.view' },
    schema: { tags: ['plans'], summary: 'A plan', params: idParams, response: { 200: planView } },
  }, async (request) => {
    const [row] = await app.db.select().from(plans).where(eq(plans.id, request.params.id));
    if (!row) throw notFound('plan');
    return planViewOf(row);
  });

  app.patch('/api/plans/:id', {
    config: { permission: 'suppliers.manage' },
    schema: { tags: ['plans'], summary: 'Rename a plan, change its code (unique within the supplier; null removes it) or its premium formula', params: idParams, body: planPatch, response: { 200: planView } },
  }, async (request) => {
    const { name, code, premiumFormula } = request.body;
    const row = await app.db.transaction(async (tx) => {
      const [current] = await tx.select().from(plans).where(eq(plans.id, request.params.id));
      if (!current) throw notFound('plan');
      // Locks the supplier as creating a plan does: two requests cannot both take the same code.
      await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, current.supplierId)).for('update');
      if (code) {
        const [taken] = await tx.select({ id: plans.id }).from(plans).where(and(eq(plans.supplierId, current.supplierId), eq(plans.code, code))).limit(1);
        if (taken && taken.id !== current.id) throw new ApiError(409, 'plan_code_taken', `code: the supplier already has a plan with this code (${taken.id})`);
      }
      if (premiumFormula === null) {
        // A contribution file computing this plan would drop it silently: the pay code goes first.
        const [user] = await tx.select({ employerId: contributionSettings.employerId }).from(contributionSettings)
          .where(sql`${contributionSettings.layout}->'payCodes' ? ${current.id}`).limit(1);
        if (user) throw new ApiError(409, 'plan_formula_in_use', 'premiumFormula: an employer\'s contribution file has a pay code for this plan; remove it there first');
      }
      const [updated] = await tx.update(plans).set({
        ...(name !== undefined ? { name } : {}), ...(code !== undefined ? { code } : {}), ...(premiumFormula !== undefined ? { premiumFormula } : {}),
      })
        .where(eq(plans.id, current.id)).returning();
      return updated;
    });
    return planViewOf(row);
  });
};

export default planRoutes;
