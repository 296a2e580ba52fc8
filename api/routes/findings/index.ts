import { and, desc, eq, ne, or, isNull, sql, type SQL } from 'drizzle-orm';
import { exactInstant } from '../../../db/queries/row-json';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { z } from 'zod';
import { RULE_KINDS, SEVERITIES, describeRule, type AuditRule } from '../../../domain/audit/rules';
import { FINDING_STATUSES, auditFindings, auditRuleVersions, cycles, payrollImports, taskAnswers, tasks } from '../../../db/schema';
import { type SealedValues, releaseOutsideCycle, runAudit } from '../../../activities/audit/run-audit';
import { renderFindingsXlsx } from '../../../activities/audit/findings-xlsx';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer, mayUse } from '../../plugins/auth';
import { authorizePersonFilter, employerScope } from '../../scope';
import { cursorParam, decodeCursor, pageOf } from '../../keyset-cursor';
import { actorOf } from '../../actor';

const labels = z.object({ nl: z.string(), fr: z.string(), en: z.string() });
const findingView = z.object({
  id: z.uuid(), importId: z.uuid(), runId: z.uuid(), employerId: z.uuid(), personId: z.uuid().nullable(), employeeNumber: z.string(),
  ruleId: z.uuid(), ruleVersion: z.number().int(), ruleName: z.string(), rule: labels.describe('what the rule (at that version) checks'),
  severity: z.enum(SEVERITIES), kind: z.enum(RULE_KINDS), field: z.string(),
  values: z.object({ value: z.string().nullable(), previousValue: z.string().nullable() }).optional()
    .describe('only for a reader with persons.view: the values are personal data (absent once the import\'s photo went with its retention term)'),
  status: z.enum(FINDING_STATUSES), resolution: z.string().nullable(), reason: z.string().nullable(), resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(), createdAt: z.string(),
});

const selection = {
  f: auditFindings,
  name: auditRuleVersions.name, population: auditRuleVersions.population, definition: auditRuleVersions.definition,
  cursorAt: exactInstant(auditFindings.createdAt),
};
type Row = { f: typeof auditFindings.$inferSelect; name: string; population: unknown; definition: unknown; cursorAt: string };

const listQuery = z.object({
  employerId: z.uuid().optional(), importId: z.uuid().optional(), personId: z.uuid().optional(), ruleId: z.uuid().optional(),
  severity: z.enum(SEVERITIES).optional(), status: z.enum(FINDING_STATUSES).optional(), field: z.string().max(210).optional(),
});

/**
 * Audit findings: listed and filtered (the one cursor), one by one, exported as XLSX in NL/FR/EN,
 * acknowledged with a reason (findings.acknowledge), and the rules run again on demand. The
 * values are sealed at rest and shown only to readers who may see the person (persons.view).
 */
const findingRoutes: FastifyPluginAsyncZod = async (app) => {
  const deps = () => ({ db: app.db, files: app.files, secrets: app.secrets, messageWorkflows: app.messageWorkflows });
  const view = (request: FastifyRequest, { f, name, population, definition }: Row) => {
    const rule = { population: population as AuditRule['population'], definition: definition as AuditRule['definition'] };
    return {
      id: f.id, importId: f.importId, runId: f.runId, employerId: f.employerId, personId: f.personId, employeeNumber: f.employeeNumber,
      ruleId: f.ruleId, ruleVersion: f.ruleVersion, ruleName: name, rule: { nl: describeRule(rule, 'nl'), fr: describeRule(rule, 'fr'), en: describeRule(rule, 'en') },
      severity: f.severity, kind: f.kind, field: f.field,
      // Empty once the import's photo went with its retention term: the values went with it.
      ...(mayUse(request, 'persons.view') && f.sealedValues ? { values: app.secrets.open<SealedValues>(f.sealedValues) } : {}),
      status: f.status, resolution: f.resolution, reason: f.reason, resolvedBy: f.resolvedBy, resolvedAt: f.resolvedAt?.toISOString() ?? null, createdAt: f.createdAt.toISOString(),
    };
  };
  const base = () => app.db.select(selection).from(auditFindings)
    .innerJoin(auditRuleVersions, and(eq(auditRuleVersions.ruleId, auditFindings.ruleId), eq(auditRuleVersions.version, auditFindings.ruleVersion)));

  /** The list's conditions; a finding carried to a later run is history, not listed unless asked for by status. */
  const conditions = async (request: FastifyRequest, q: z.infer<typeof listQuery>): Promise<(SQL | undefined)[]> => {
    await authorizePersonFilter(app.db, request, q.personId);
    const conds: (SQL | undefined)[] = [employerScope(request, auditFindings.employerId, q.employerId)];
    if (q.importId) conds.push(eq(auditFindings.importId, q.importId));
    if (q.personId) conds.push(eq(auditFindings.personId, q.personId));
    if (q.ruleId) conds.push(eq(auditFindings.ruleId, q.ruleId));
    if (q.severity) conds.push(eq(auditFindings.severity, q.severity));
    if (q.field) conds.push(eq(auditFindings.field, q.field));
    if (q.status) conds.push(eq(auditFindings.status, q.status));
    conds.push(or(isNull(auditFindings.resolution), ne(auditFindings.resolution, 'raised_again')));
    return conds;
  };

  const load = async (request: FastifyRequest, id: string) => {
    const [row] = await base().where(eq(auditFindings.id, id));
    if (!row) throw notFound('finding');
    authorizeEmployer(request, row.f.employerId, { personId: row.f.personId });
    return row as Row;
  };

  app.get('/api/findings', {
    config: { permission: 'findings.view' },
    schema: {
      tags: ['audit'], summary: 'Audit findings, newest first, in pages',
      querystring: listQuery.extend({ cursor: cursorParam, limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.object({ items: z.array(findingView), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => {
    const { cursor, limit, ...q } = request.query;
    const conds = await conditions(request, q);
    if (cursor) {
      const [at, id] = decodeCursor(cursor, ['instant', 'uuid']);
      conds.push(sql`(${auditFindings.createdAt}, ${auditFindings.id}) < (${at}::timestamptz, ${id}::uuid)`);
    }
    const rows = await base().where(and(...conds)).orderBy(desc(auditFindings.createdAt), desc(auditFindings.id)).limit(limit + 1) as Row[];
    const page = pageOf(rows, limit, (r) => [r.cursorAt, r.f.id]);
    return { ...page, items: page.items.map((r) => view(request, r)) };
  });

  app.get('/api/findings/export', {
    config: { permission: 'findings.view' },
    schema: {
      tags: ['audit'], summary: "An import's findings as XLSX (values only with persons.view)",
      querystring: listQuery.extend({ importId: z.uuid(), lang: z.enum(['nl', 'fr', 'en']).default('nl') }),
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
  }, async (request, reply) => {
    const { lang, ...q } = request.query;
    const [imp] = await app.db.select({ employerId: payrollImports.employerId, period: payrollImports.period }).from(payrollImports).where(eq(payrollImports.id, q.importId));
    if (!imp) throw notFound('payroll import');
    authorizeEmployer(request, imp.employerId);
    const rows = await base().where(and(...await conditions(request, q))).orderBy(sql`case ${auditFindings.severity} when 'blocking' then 0 when 'warning' then 1 else 2 end`, auditFindings.employeeNumber, auditFindings.id) as Row[];
    const showValues = mayUse(request, 'persons.view');
    const bytes = await renderFindingsXlsx(rows.map((r) => {
      const rule = { population: r.population as AuditRule['population'], definition: r.definition as AuditRule['definition'] };
      const values = showValues && r.f.sealedValues ? app.secrets.open<SealedValues>(r.f.sealedValues) : {};
      return {
        severity: r.f.severity, kind: r.f.kind, ruleName: r.name, ruleVersion: r.f.ruleVersion, ruleText: describeRule(rule, lang), employeeNumber: r.f.employeeNumber,
        field: r.f.field, ...values, status: r.f.status, reason: r.f.reason,
      };
    }), lang);
    return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="findings-${imp.period}.xlsx"`).send(bytes);
  });

  app.get('/api/findings/:id', {
    config: { permission: 'findings.view' },
    schema: { tags: ['audit'], summary: 'A finding', params: z.object({ id: z.uuid() }), response: { 200: findingView } },
  }, async (request) => view(request, await load(request, request.params.id)));

  app.post('/api/findings/:id/acknowledge', {
    config: { permission: 'findings.acknowledge' },
    schema: {
      tags: ['audit'], summary: "Acknowledge a finding with a reason: a blocking one no longer holds the person's messages",
      params: z.object({ id: z.uuid() }), body: z.object({ reason: z.string().trim().min(3).max(500) }), response: { 200: findingView },
    },
  }, async (request) => {
    const row = await load(request, request.params.id);
    const by = actorOf(request);
    const { reason } = request.body;
    if (row.f.status !== 'open') {
      if (row.f.status === 'acknowledged' && row.f.resolvedBy === by && row.f.reason === reason) return view(request, row);
      throw new ApiError(409, 'finding_closed', `the finding is ${row.f.status} already${row.f.resolvedBy ? ` (by ${row.f.resolvedBy})` : ''}`);
    }
    // A running cycle holds a review task for it: the cycle applies the answer (one winner).
    const [task] = await app.db.select({ id: tasks.id, workflowId: cycles.workflowId }).from(tasks).innerJoin(cycles, eq(cycles.id, tasks.cycleId))
      .where(and(eq(tasks.kind, 'review_finding'), eq(tasks.status, 'open'), eq(cycles.status, 'running'), sql`${tasks.subject}->>'findingId' = ${row.f.id}`));
    if (task) {
      const [answer] = await app.db.insert(taskAnswers).values({ taskId: task.id, result: { acknowledged: true, reason }, by }).returning({ id: taskAnswers.id });
      try {
        await app.cycleWorkflows.completeTask(task.workflowId, { taskId: task.id, answerId: answer.id, by });
      } catch (err) {
        if (err instanceof WorkflowUpdateFailedError || err instanceof WorkflowNotFoundError) throw new ApiError(409, 'finding_closed', 'the finding is being resolved by someone else');
        throw err;
      }
    } else {
      const done = await app.db.update(auditFindings).set({ status: 'acknowledged', resolution: 'acknowledged', reason, resolvedBy: by, resolvedAt: new Date() })
        .where(and(eq(auditFindings.id, row.f.id), eq(auditFindings.status, 'open'))).returning({ id: auditFindings.id });
      if (!done.length) throw new ApiError(409, 'finding_closed', 'the finding was resolved meanwhile');
      const [imp] = await app.db.select({ period: payrollImports.period }).from(payrollImports).where(eq(payrollImports.id, row.f.importId));
      if (row.f.personId) await releaseOutsideCycle(app.db, app.messageWorkflows, row.f.employerId, imp.period, [row.f.personId]);
    }
    return view(request, await load(request, row.f.id));
  });

  app.post('/api/payroll-imports/:id/audit', {
    config: { permission: 'controls.manage' },
    schema: {
      tags: ['audit'], summary: "Run the employer's rules over an import again (on demand); findings no longer raised are resolved",
      params: z.object({ id: z.uuid() }),
      response: { 201: z.object({ runId: z.uuid(), personCount: z.number().int(), counts: z.record(z.string(), z.number()), blocking: z.number().int() }) },
    },
  }, async (request, reply) => {
    const [imp] = await app.db.select().from(payrollImports).where(eq(payrollImports.id, request.params.id));
    if (!imp) throw notFound('payroll import');
    authorizeEmployer(request, imp.employerId);
    if (imp.status !== 'completed') throw new ApiError(409, 'import_not_completed', `the import is ${imp.status}: only the period's completed import is audited`);
    const outcome = await runAudit(deps(), { importId: imp.id, trigger: 'on_demand', by: actorOf(request) });
    if (!outcome) throw new ApiError(409, 'import_not_completed', 'the import is no longer the completed one');
    // A cycle waiting on findings looks again.
    await app.cycleWorkflows.announceImport(imp.employerId, imp.period, imp.id);
    return reply.code(201).send(outcome);
  });
};

export default findingRoutes;
