import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { RULE_KINDS, RULE_TEMPLATES, SEVERITIES, auditRuleSchema, describeRule, type AuditRule } from '../../../domain/audit/rules';
import { auditRuleVersions, auditRules, employers } from '../../../db/schema';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { actorOf } from '../../actor';

const labels = z.object({ nl: z.string(), fr: z.string(), en: z.string() });
const ruleView = z.object({
  id: z.uuid(), employerId: z.uuid(), name: z.string(), severity: z.enum(SEVERITIES), kind: z.enum(RULE_KINDS),
  population: z.unknown().nullable(), definition: z.unknown(), enabled: z.boolean(), version: z.number().int(), templateId: z.string().nullable(),
  description: labels.describe('what the rule checks, in words'), updatedAt: z.string(), updatedBy: z.string(),
});
const versionView = z.object({
  version: z.number().int(), name: z.string(), severity: z.enum(SEVERITIES), population: z.unknown().nullable(), definition: z.unknown(),
  enabled: z.boolean(), createdAt: z.string(), createdBy: z.string(),
});

const describe = (r: Pick<AuditRule, 'population' | 'definition'>) => ({ nl: describeRule(r, 'nl'), fr: describeRule(r, 'fr'), en: describeRule(r, 'en') });
const view = (r: typeof auditRules.$inferSelect) => {
  const rule = { population: r.population as AuditRule['population'], definition: r.definition as AuditRule['definition'] };
  return {
    id: r.id, employerId: r.employerId, name: r.name, severity: r.severity, kind: r.kind, population: r.population ?? null, definition: r.definition,
    enabled: r.enabled, version: r.version, templateId: r.templateId, description: describe(rule), updatedAt: r.updatedAt.toISOString(), updatedBy: r.updatedBy,
  };
};

/** A rule as written, or a template by id with any of its parts replaced: one shape, so errors name their path. */
const createBody = z.strictObject({
  templateId: z.string().max(100).optional(),
  name: auditRuleSchema.shape.name.optional(),
  severity: auditRuleSchema.shape.severity.optional(),
  population: auditRuleSchema.shape.population,
  definition: auditRuleSchema.shape.definition.optional(),
  enabled: z.boolean().optional(),
});

/**
 * An employer's audit rules (domain/audit/rules.ts): listed, created (from a template or
 * written out), changed — every change is a new version, and findings name the version that
 * raised them. A rule is switched off with `enabled: false`, never deleted: its findings keep it.
 */
const auditRuleRoutes: FastifyPluginAsyncZod = async (app) => {
  const load = async (id: string) => {
    const [r] = await app.db.select().from(auditRules).where(eq(auditRules.id, id));
    if (!r) throw notFound('audit rule');
    return r;
  };

  app.get('/api/audit-rule-templates', {
    config: { permission: 'controls.view' },
    schema: {
      tags: ['audit'], summary: 'Rule templates to start from',
      response: { 200: z.object({ items: z.array(z.object({ id: z.string(), labels, rule: z.unknown(), description: labels })) }) },
    },
  }, async () => ({ items: RULE_TEMPLATES.map((t) => ({ id: t.id, labels: t.labels, rule: t.rule, description: describe(t.rule) })) }));

  app.get('/api/employers/:id/audit-rules', {
    config: { permission: 'controls.view' },
    schema: { tags: ['audit'], summary: "An employer's audit rules", params: z.object({ id: z.uuid() }), response: { 200: z.object({ items: z.array(ruleView) }) } },
  }, async (request) => {
    authorizeEmployer(request, request.params.id);
    const rows = await app.db.select().from(auditRules).where(eq(auditRules.employerId, request.params.id)).orderBy(asc(auditRules.createdAt), asc(auditRules.id));
    return { items: rows.map(view) };
  });

  app.post('/api/employers/:id/audit-rules', {
    config: { permission: 'controls.manage' },
    schema: {
      tags: ['audit'], summary: 'Add a rule: written out, or { templateId } (with name, severity or enabled to change)',
      params: z.object({ id: z.uuid() }), body: createBody, response: { 201: ruleView },
    },
  }, async (request, reply) => {
    const employerId = request.params.id;
    authorizeEmployer(request, employerId);
    const [employer] = await app.db.select({ id: employers.id }).from(employers).where(eq(employers.id, employerId));
    if (!employer) throw notFound('employer');
    const { templateId, ...body } = request.body;
    const template = templateId === undefined ? undefined : RULE_TEMPLATES.find((t) => t.id === templateId);
    if (templateId !== undefined && !template) throw new ApiError(400, 'validation', `body.templateId: no template "${templateId}" (GET /api/audit-rule-templates)`);
    const merged = { ...template?.rule, ...Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)) };
    for (const key of ['name', 'severity', 'definition'] as const) {
      if (merged[key] === undefined) throw new ApiError(400, 'validation', `body.${key}: required (or a templateId to start from)`);
    }
    const rule: AuditRule = auditRuleSchema.parse(merged);
    const by = actorOf(request);
    const row = await app.db.transaction(async (tx) => {
      const [r] = await tx.insert(auditRules).values({
        employerId, name: rule.name, severity: rule.severity, kind: rule.definition.kind, population: rule.population ?? null, definition: rule.definition,
        enabled: rule.enabled, templateId: templateId ?? null, updatedBy: by,
      }).returning();
      await tx.insert(auditRuleVersions).values({ ruleId: r.id, version: 1, name: r.name, severity: r.severity, population: r.population, definition: r.definition, enabled: r.enabled, createdBy: by });
      return r;
    });
    return reply.code(201).send(view(row));
  });

  app.get('/api/audit-rules/:id', {
    config: { permission: 'controls.view' },
    schema: { tags: ['audit'], summary: 'A rule with every version', params: z.object({ id: z.uuid() }), response: { 200: ruleView.extend({ versions: z.array(versionView) }) } },
  }, async (request) => {
    const r = await load(request.params.id);
    authorizeEmployer(request, r.employerId);
    const versions = await app.db.select().from(auditRuleVersions).where(eq(auditRuleVersions.ruleId, r.id)).orderBy(asc(auditRuleVersions.version));
    return {
      ...view(r),
      versions: versions.map((v) => ({ version: v.version, name: v.name, severity: v.severity, population: v.population ?? null, definition: v.definition, enabled: v.enabled, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy })),
    };
  });

  app.put('/api/audit-rules/:id', {
    config: { permission: 'controls.manage' },
    schema: { tags: ['audit'], summary: 'Change a rule: a new version (findings already raised keep theirs)', params: z.object({ id: z.uuid() }), body: auditRuleSchema, response: { 200: ruleView } },
  }, async (request) => {
    const current = await load(request.params.id);
    authorizeEmployer(request, current.employerId);
    const rule = request.body;
    const by = actorOf(request);
    const row = await app.db.transaction(async (tx) => {
      const [r] = await tx.update(auditRules).set({
        name: rule.name, severity: rule.severity, kind: rule.definition.kind, population: rule.population ?? null, definition: rule.definition, enabled: rule.enabled,
        version: sql`${auditRules.version} + 1`, updatedAt: new Date(), updatedBy: by,
      }).where(and(eq(auditRules.id, current.id))).returning();
      await tx.insert(auditRuleVersions).values({ ruleId: r.id, version: r.version, name: r.name, severity: r.severity, population: r.population, definition: r.definition, enabled: r.enabled, createdBy: by });
      return r;
    });
    return view(row);
  });
};

export default auditRuleRoutes;
