import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { calculationProblem, calculationSchema, fieldsSchema, type FieldDefinition } from '../../../domain/benefits/fields';
import { ELIGIBILITY_REASONS } from '../../../domain/eligibility/changes';
import { describeFilter, filterSchema, type Filter } from '../../../domain/eligibility/filter';
import { benefitEligibilityChanges, benefitRecords, benefitSettings, benefitTypes, employers, persons } from '../../../db/schema';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { recordPersonsRead } from '../../plugins/audit';
import { actorOf } from '../../actor';
import { reviewEligibility } from '../../../activities/benefits/eligibility';
import { cyclePeriodFor } from '../../../domain/shared/calendar';

const labels = z.object({ nl: z.string(), fr: z.string(), en: z.string() });
const typeBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  fields: fieldsSchema,
  /** Who qualifies, besides being in service (domain/eligibility/filter.ts); omitted: everyone in service. */
  eligibility: filterSchema.nullish(),
  calculation: calculationSchema.nullish(),
  active: z.boolean().default(true),
});
const typeView = z.object({
  id: z.uuid(), employerId: z.uuid(), name: z.string(), fields: z.array(z.unknown()), eligibility: z.unknown().nullable(), eligibilityVersion: z.number().int(),
  eligibilityDescription: labels.describe('who qualifies, in words'), calculation: z.unknown().nullable(), active: z.boolean(), updatedAt: z.string(), updatedBy: z.string(),
});
type TypeRow = typeof benefitTypes.$inferSelect;

const describe = (f: Filter | null) => ({ nl: describeFilter(f, 'nl'), fr: describeFilter(f, 'fr'), en: describeFilter(f, 'en') });
const view = (t: TypeRow) => ({
  id: t.id, employerId: t.employerId, name: t.name, fields: t.fields, eligibility: t.eligibility ?? null, eligibilityVersion: t.eligibilityVersion,
  eligibilityDescription: describe(t.eligibility ?? null), calculation: t.calculation ?? null, active: t.active, updatedAt: t.updatedAt.toISOString(), updatedBy: t.updatedBy,
});

const checkCalculation = (body: z.output<typeof typeBody>) => {
  const problem = calculationProblem(body.calculation, body.fields);
  if (problem) throw new ApiError(400, 'validation', `body.${problem}`);
};

/**
 * Internal benefit types (credit card, phone, budget, …): their own fields, who is eligible
 * (the one eligibility engine), an optional calculation; the employer's address for the monthly
 * overview of eligibility changes, and those changes.
 */
const benefitTypeRoutes: FastifyPluginAsyncZod = async (app) => {
  const requireEmployer = async (request: FastifyRequest, id: string) => {
    authorizeEmployer(request, id, {}, 'employer');
    const [e] = await app.db.select({ id: employers.id }).from(employers).where(eq(employers.id, id));
    if (!e) throw notFound('employer');
  };
  const load = async (request: FastifyRequest, id: string) => {
    const [t] = await app.db.select().from(benefitTypes).where(eq(benefitTypes.id, id));
    if (!t) throw notFound('benefit type');
    authorizeEmployer(request, t.employerId, {}, 'benefit type');
    return t;
  };

  app.get('/api/employers/:id/benefit-types', {
    config: { permission: 'benefits.view' },
    schema: { tags: ['benefits'], summary: "An employer's internal benefit types", params: z.object({ id: z.uuid() }), response: { 200: z.object({ items: z.array(typeView) }) } },
  }, async (request) => {
    await requireEmployer(request, request.params.id);
    const rows = await app.db.select().from(benefitTypes).where(eq(benefitTypes.employerId, request.params.id)).orderBy(asc(benefitTypes.name), asc(benefitTypes.id));
    return { items: rows.map(view) };
  });

  app.post('/api/employers/:id/benefit-types', {
    config: { permission: 'benefits.manage' },
    schema: { tags: ['benefits'], summary: 'Define an internal benefit type with its fields', params: z.object({ id: z.uuid() }), body: typeBody, response: { 201: typeView } },
  }, async (request, reply) => {
    await requireEmployer(request, request.params.id);
    checkCalculation(request.body);
    const { name, fields, eligibility, calculation, active } = request.body;
    const [row] = await app.db.insert(benefitTypes).values({
      employerId: request.params.id, name, fields, eligibility: eligibility ?? null, calculation: calculation ?? null, active, updatedBy: actorOf(request),
    }).returning();
    return reply.code(201).send(view(row));
  });

  app.get('/api/benefit-types/:id', {
    config: { permission: 'benefits.view' },
    schema: { tags: ['benefits'], summary: 'A benefit type', params: z.object({ id: z.uuid() }), response: { 200: typeView } },
  }, async (request) => view(await load(request, request.params.id)));

  app.put('/api/benefit-types/:id', {
    config: { permission: 'benefits.manage' },
    schema: {
      tags: ['benefits'], summary: 'Change a benefit type',
      description: 'Fields may be added, relabelled or removed; a field that records hold values of keeps its type. A changed eligibility is named as the reason in the next review.',
      params: z.object({ id: z.uuid() }), body: typeBody, response: { 200: typeView },
    },
  }, async (request) => {
    const current = await load(request, request.params.id);
    checkCalculation(request.body);
    const { name, fields, eligibility, calculation, active } = request.body;
    const row = await app.db.transaction(async (tx) => {
      const [locked] = await tx.select().from(benefitTypes).where(eq(benefitTypes.id, current.id)).for('update');
      const before = new Map(locked.fields.map((f) => [f.key, f]));
      for (const f of fields) {
        const old: FieldDefinition | undefined = before.get(f.key);
        if (!old || old.type === f.type) continue;
        const [used] = await tx.select({ id: benefitRecords.id }).from(benefitRecords)
          .where(and(eq(benefitRecords.typeId, current.id), sql`${benefitRecords.values}->>${f.key} is not null`)).limit(1);
        if (used) throw new ApiError(409, 'field_in_use', `body.fields: "${f.label}" (${f.key}) holds values in records; its type stays ${old.type}`);
      }
      const ruleChanged = JSON.stringify(locked.eligibility ?? null) !== JSON.stringify(eligibility ?? null);
      const [r] = await tx.update(benefitTypes).set({
        name, fields, eligibility: eligibility ?? null, calculation: calculation ?? null, active, updatedAt: new Date(), updatedBy: actorOf(request),
        ...(ruleChanged ? { eligibilityVersion: sql`${benefitTypes.eligibilityVersion} + 1` } : {}),
      }).where(eq(benefitTypes.id, current.id)).returning();
      return r;
    });
    return view(row);
  });

  const settingsView = z.object({ employerId: z.uuid(), reportEmail: z.string().nullable() });
  app.get('/api/employers/:id/benefit-settings', {
    config: { permission: 'benefits.view' },
    schema: { tags: ['benefits'], summary: 'Where the monthly overview of eligibility changes is e-mailed', params: z.object({ id: z.uuid() }), response: { 200: settingsView } },
  }, async (request) => {
    await requireEmployer(request, request.params.id);
    const [s] = await app.db.select().from(benefitSettings).where(eq(benefitSettings.employerId, request.params.id));
    return { employerId: request.params.id, reportEmail: s?.reportEmail ?? null };
  });

  app.put('/api/employers/:id/benefit-settings', {
    config: { permission: 'benefits.manage' },
    schema: {
      tags: ['benefits'], summary: 'Set (or clear, with null) the address of the monthly overview of eligibility changes',
      params: z.object({ id: z.uuid() }), body: z.strictObject({ reportEmail: z.email().max(254).nullable() }), response: { 200: settingsView },
    },
  }, async (request) => {
    await requireEmployer(request, request.params.id);
    const values = { employerId: request.params.id, reportEmail: request.body.reportEmail, updatedAt: new Date(), updatedBy: actorOf(request) };
    await app.db.insert(benefitSettings).values(values).onConflictDoUpdate({ target: benefitSettings.employerId, set: values });
    return { employerId: request.params.id, reportEmail: request.body.reportEmail };
  });

  app.post('/api/employers/:id/benefit-eligibility-reviews', {
    config: { permission: 'benefits.manage' },
    schema: {
      tags: ['benefits'], summary: 'Review eligibility now, on the last day of a period (e.g. after changing a rule); the cycle and each import do it by themselves',
      params: z.object({ id: z.uuid() }), body: z.strictObject({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a period yyyy-mm') }),
      response: { 200: z.object({ changes: z.number().int(), taskIds: z.array(z.uuid()) }) },
    },
  }, async (request) => {
    await requireEmployer(request, request.params.id);
    const now = Date.now();
    if (request.body.period > cyclePeriodFor(now)) throw new ApiError(400, 'validation', 'body.period: only a month that has ended can be reviewed');
    return reviewEligibility(app.db, { employerId: request.params.id, period: request.body.period, source: 'on_demand', now });
  });

  app.get('/api/employers/:id/benefit-eligibility-changes', {
    config: { permission: 'benefits.view' },
    schema: {
      tags: ['benefits'], summary: 'Who newly qualifies for a benefit and who no longer does, and why (a period, or the lines of a review task)',
      params: z.object({ id: z.uuid() }),
      querystring: z.object({ period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional(), taskId: z.uuid().optional(), typeId: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(5000).default(1000) }),
      response: {
        200: z.object({
          items: z.array(z.object({
            id: z.uuid(), typeId: z.uuid(), typeName: z.string(), personId: z.uuid(), employeeNumber: z.string(), period: z.string(), onDate: z.string(),
            change: z.enum(['newly_eligible', 'no_longer_eligible']), reasons: z.array(z.enum(ELIGIBILITY_REASONS)), source: z.string(), taskId: z.uuid().nullable(),
          })),
        }),
      },
    },
  }, async (request) => {
    await requireEmployer(request, request.params.id);
    const { period, taskId, typeId, limit } = request.query;
    const c = benefitEligibilityChanges;
    const conds = [eq(c.employerId, request.params.id)];
    if (period) conds.push(eq(c.period, period));
    if (taskId) conds.push(eq(c.taskId, taskId));
    if (typeId) conds.push(eq(c.typeId, typeId));
    const rows = await app.db.select({ c, employeeNumber: persons.employeeNumber, typeName: benefitTypes.name }).from(c)
      .innerJoin(persons, eq(persons.id, c.personId)).innerJoin(benefitTypes, eq(benefitTypes.id, c.typeId))
      .where(and(...conds)).orderBy(asc(c.createdAt), asc(persons.employeeNumber)).limit(limit);
    recordPersonsRead(request, rows.map((r) => r.c.personId));
    return {
      items: rows.map(({ c: r, employeeNumber, typeName }) => ({
        id: r.id, typeId: r.typeId, typeName, personId: r.personId, employeeNumber, period: r.period, onDate: r.onDate,
        change: r.change, reasons: r.reasons, source: r.source, taskId: r.taskId,
      })),
    };
  });
};

export default benefitTypeRoutes;
