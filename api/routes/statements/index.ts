import { randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { persons, statementBatches } from '../../../db/schema';
import { employerToday } from '../../../domain/shared/calendar';
import { STATEMENT_LANGS } from '../../../domain/statements/labels';
import { buildStatement } from '../../../domain/statements/statement';
import { loadStatementEmployer, loadStatementInputs } from '../../../activities/statements/load';
import { renderStatementPdf, statementFileName } from '../../../activities/statements/render';
import { statementPopulation } from '../../../activities/statements/batch';
import { statementBatchWorkflowId } from '../../../workflows/shared';
import { workflowActorOf } from '../../actor';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { recordPersonsRead } from '../../plugins/audit';

const idParams = z.object({ id: z.uuid() });
const langQuery = z.object({ lang: z.enum(STATEMENT_LANGS).optional().describe("default: the person's language, else the employer's") });

const row = z.object({ label: z.string(), value: z.string() });
const block = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rows'), rows: z.array(row) }),
  z.object({ kind: z.literal('table'), columns: z.array(z.string()), rows: z.array(z.array(z.string())), widths: z.array(z.number()).optional() }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);
const statementView = z.object({
  personId: z.uuid(), employerId: z.uuid(), employeeNumber: z.string(), lang: z.enum(STATEMENT_LANGS), issuedOn: z.string(),
  title: z.string(), header: z.array(row),
  sections: z.array(z.object({ id: z.string(), title: z.string(), blocks: z.array(block) })).describe('in print order: the same content as the PDF'),
});

const batchCreate = z.object({
  delivery: z.enum(['download', 'email']).default('download'),
  emailTo: z.email().optional().describe('required for delivery email: where the ZIP goes (HR\'s address)'),
}).strict();

const batchView = z.object({
  id: z.uuid(), employerId: z.uuid(), status: z.enum(['running', 'completed', 'failed']), stage: z.string(),
  delivery: z.enum(['download', 'email']), personCount: z.number().int(), doneCount: z.number().int(), issuedOn: z.string(),
  fileName: z.string().nullable(), fileSize: z.number().int().nullable(), error: z.string().nullable(), workflowId: z.string(),
  createdAt: z.string(), completedAt: z.string().nullable(), deliveredAt: z.string().nullable(), purged: z.boolean(),
});
type BatchRow = typeof statementBatches.$inferSelect;

const batchViewOf = (b: BatchRow, stage: string | null) => ({
  id: b.id, employerId: b.employerId, status: b.status, stage: stage ?? (b.status === 'running' ? 'generating' : b.status),
  delivery: b.delivery, personCount: b.personCount, doneCount: b.doneCount, issuedOn: b.issuedOn, fileName: b.fileName, fileSize: b.fileSize,
  error: b.error, workflowId: b.workflowId, createdAt: b.createdAt.toISOString(), completedAt: b.completedAt?.toISOString() ?? null,
  deliveredAt: b.deliveredAt?.toISOString() ?? null, purged: b.filePurgedAt !== null,
});

/**
 * Statements (infofiches): one person's as JSON (the HTML page) or PDF, and all persons of an
 * employer in bulk (the statementBatch workflow) as one ZIP, downloaded or e-mailed. A statement
 * is a read of the person's data (persons.view), audited with the person named.
 */
const statementRoutes: FastifyPluginAsyncZod = async (app) => {
  const personStatement = async (request: FastifyRequest, personId: string, lang: (typeof STATEMENT_LANGS)[number] | undefined) => {
    const [p] = await app.db.select({ id: persons.id, employerId: persons.employerId }).from(persons).where(eq(persons.id, personId));
    if (!p) throw notFound('person');
    authorizeEmployer(request, p.employerId, { personId: p.id }, 'person');
    const employer = (await loadStatementEmployer(app.db, p.employerId))!;
    const issuedOn = employerToday(employer.country, Date.now());
    const [{ input }] = await loadStatementInputs(app.db, app.secrets, employer, [p.id], issuedOn, lang);
    return { employer, issuedOn, input, statement: buildStatement(input) };
  };

  app.get('/api/persons/:id/statement', {
    config: { permission: 'persons.view' },
    schema: {
      tags: ['statements'], summary: "A person's statement: data as in the payroll and as last sent to each supplier, family, enrollments and contributions",
      params: idParams, querystring: langQuery, response: { 200: statementView },
    },
  }, async (request) => {
    const { employer, issuedOn, input, statement } = await personStatement(request, request.params.id, request.query.lang);
    return { personId: request.params.id, employerId: employer.id, employeeNumber: input.person.employeeNumber, issuedOn, ...statement };
  });

  app.get('/api/persons/:id/statement/pdf', {
    config: { permission: 'persons.view' },
    schema: { tags: ['statements'], summary: "A person's statement as a PDF (text, the person's or the employer's language)", params: idParams, querystring: langQuery },
  }, async (request, reply) => {
    const { employer, issuedOn, input, statement } = await personStatement(request, request.params.id, request.query.lang);
    const pdf = await renderStatementPdf({ statement, issuedOn, employerName: employer.name, employeeNumber: input.person.employeeNumber });
    return reply.header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${statementFileName(input.person.employeeNumber, issuedOn)}"`)
      .header('cache-control', 'no-store')
      .send(pdf);
  });

  const authorizedBatch = async (request: FastifyRequest, id: string) => {
    const [b] = await app.db.select().from(statementBatches).where(eq(statementBatches.id, id));
    if (!b) throw notFound('statement batch');
    authorizeEmployer(request, b.employerId, {}, 'statement batch');
    return b;
  };
  const liveStage = async (b: BatchRow): Promise<string | null> => {
    if (b.status !== 'running') return null;
    try {
      return (await app.statementWorkflows.progress(b.id)).stage;
    } catch {
      // Progress is a nicety: an unreachable Temporal must not fail the read.
      return null;
    }
  };

  app.post('/api/employers/:id/statement-batches', {
    config: { permission: 'persons.view' },
    schema: {
      tags: ['statements'], summary: "Statements of all the employer's persons in service, as one ZIP of PDFs (a workflow with progress)",
      description: 'Each statement in the person\'s language, else the employer\'s. Delivery `download`: GET …/download once completed; '
        + '`email`: the ZIP is e-mailed to `emailTo` over the configured mail server.',
      params: idParams, body: batchCreate, response: { 202: batchView },
    },
  }, async (request, reply) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const employer = await loadStatementEmployer(app.db, request.params.id);
    if (!employer) throw notFound('employer');
    const { delivery, emailTo } = request.body;
    if (delivery === 'email' && !emailTo) throw new ApiError(400, 'validation', 'body.emailTo: required for delivery email');
    const id = randomUUID();
    const [b] = await app.db.insert(statementBatches).values({
      id, employerId: employer.id, delivery, emailTo: delivery === 'email' ? emailTo! : null, issuedOn: employerToday(employer.country, Date.now()),
      workflowId: statementBatchWorkflowId(id), startedBy: workflowActorOf(request),
    }).returning();
    try {
      await app.statementWorkflows.start(b.id);
    } catch (err) {
      await app.db.delete(statementBatches).where(eq(statementBatches.id, b.id));
      throw err;
    }
    request.audit.resourceId = b.id;
    return reply.status(202).send(batchViewOf(b, 'counting'));
  });

  app.get('/api/employers/:id/statement-batches', {
    config: { permission: 'persons.view' },
    schema: { tags: ['statements'], summary: "The employer's statement batches, newest first", params: idParams, response: { 200: z.object({ items: z.array(batchView) }) } },
  }, async (request) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const rows = await app.db.select().from(statementBatches).where(eq(statementBatches.employerId, request.params.id)).orderBy(desc(statementBatches.createdAt)).limit(50);
    return { items: rows.map((r) => batchViewOf(r, null)) };
  });

  app.get('/api/statement-batches/:id', {
    config: { permission: 'persons.view' },
    schema: { tags: ['statements'], summary: 'A statement batch: status, stage, persons done of the total', params: idParams, response: { 200: batchView } },
  }, async (request) => {
    const b = await authorizedBatch(request, request.params.id);
    return batchViewOf(b, await liveStage(b));
  });

  app.get('/api/statement-batches/:id/download', {
    config: { permission: 'persons.view' },
    schema: { tags: ['statements'], summary: 'The ZIP of a completed batch (one PDF per person); reading it is a read of every person in it', params: idParams },
  }, async (request, reply) => {
    const b = await authorizedBatch(request, request.params.id);
    if (b.filePurgedAt) throw new ApiError(410, 'purged', 'the statements were removed after their retention term; start a new batch');
    if (!b.fileSha256) throw new ApiError(409, 'not_completed', `the batch is ${b.status}; its file exists once it completes`);
    const bytes = await app.files.readStatementBatch(b.id);
    const inBatch = await app.db.select({ id: persons.id }).from(persons).where(statementPopulation(b.employerId));
    recordPersonsRead(request, inBatch.map((p) => p.id));
    return reply.header('content-type', 'application/zip')
      .header('content-disposition', `attachment; filename="${b.fileName}"`)
      .header('cache-control', 'no-store')
      .send(bytes);
  });
};

export default statementRoutes;
