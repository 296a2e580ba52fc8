import '@fastify/multipart';
import { and, eq, gt, isNull, ne, SQL } from 'drizzle-orm';
import { FastifyRequest } from 'fastify';
import { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DataChangeEffects, MessageRow, createEnrollmentMessages } from '../../../db/queries/messages';
import { employers, enrollments, familyMembers, persons, plans } from '../../../db/schema';
import { ApiError, notFound } from '../../errors';
import { decodeCursor, pageOf } from '../../keyset-cursor';
import { authorizeEmployer } from '../../plugins/auth';
import { authorizePersonFilter, employerScope } from '../../scope';
import { idParams } from '../employers/schemas';
import { applyEnrollmentChange, loadEnrollmentViews, messageSummaryOf, overlaps } from './changes';
import { FileProblem, decodeText, readEnrollmentCsv } from './csv';
import { ImportMode, importEnrollments, isProblems } from './import';
import {
  enrollmentCreate, enrollmentCreated, enrollmentPage, enrollmentPatch, enrollmentPatched, enrollmentQuery, enrollmentView, importProblem, importResult,
} from './schemas';
import { actorOf } from '../../actor';

/** Enrollment files are small; a larger upload is refused before it is read. */
export const MAX_ENROLLMENT_FILE_BYTES = 16 * 1024 * 1024;
const MAX_LISTED_PROBLEMS = 200;

const today = () => new Date().toISOString().slice(0, 10);

const validation = (field: string, message: string) =>
  new ApiError(400, 'validation', `${field}: ${message}`, { issues: [{ field: `body.${field}`, message }] });

const invalidFile = (problems: FileProblem[]) => new ApiError(422, 'invalid_file',
  `the file has ${problems.length} problem(s); nothing was imported`,
  { errors: problems.slice(0, MAX_LISTED_PROBLEMS) as never, errorCount: problems.length });

const enrollmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const startWorkflows = async (created: MessageRow[], effects?: DataChangeEffects) => {
    await app.messageWorkflows.start(created.map((m) => ({ messageId: m.id, version: m.version })));
    if (effects) {
      await app.messageWorkflows.wake(effects.wake);
      await app.messageWorkflows.resend(effects.resend);
    }
  };

  app.post('/api/enrollments', {
    config: { permission: 'persons.edit' },
    schema: {
      tags: ['enrollments'], summary: 'Enroll a person (or a family member) in a plan',
      description: 'Creates the enrollment message for the plan\'s supplier (when it takes messages) in the same transaction. '
        + 'The answer lists it with its status, send date, missing fields and warnings — among them the 120-day warning.',
      body: enrollmentCreate, response: { 201: enrollmentCreated },
    },
  }, async (request, reply) => {
    const { personId, planId, startDate, endDate, familyMemberId } = request.body;
    if (endDate && endDate < startDate) throw validation('endDate', 'must be on or after startDate');
    const actor = actorOf(request);
    const { view, created } = await app.db.transaction(async (tx) => {
      // The person's row lock keeps two requests from creating overlapping enrollments.
      const [person] = await tx.select({ id: persons.id, employerId: persons.employerId }).from(persons).where(eq(persons.id, personId)).for('update');
      if (!person) throw notFound('person');
      authorizeEmployer(request, person.employerId, { personId });
      const [plan] = await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId));
      if (!plan) throw notFound('plan');
      if (familyMemberId) {
        const [fm] = await tx.select({ id: familyMembers.id }).from(familyMembers)
          .where(and(eq(familyMembers.id, familyMemberId), eq(familyMembers.personId, personId)));
        if (!fm) throw validation('familyMemberId', 'not a family member of this person');
      }
      const siblings = await tx.select({ id: enrollments.id, startDate: enrollments.startDate, endDate: enrollments.endDate }).from(enrollments)
        .where(and(eq(enrollments.personId, personId), eq(enrollments.planId, planId),
          familyMemberId ? eq(enrollments.familyMemberId, familyMemberId) : isNull(enrollments.familyMemberId)));
      const clash = siblings.find((s) => overlaps(s, { startDate, endDate: endDate ?? null }));
      if (clash) throw new ApiError(409, 'enrollment_overlaps', `an enrollment in this plan already covers part of this period (${clash.id})`);
      const [row] = await tx.insert(enrollments).values({
        personId, planId, familyMemberId: familyMemberId ?? null, startDate, endDate: endDate ?? null, source: 'manual',
      }).returning({ id: enrollments.id });
      const messages = await createEnrollmentMessages(tx, [row.id], 'enrollment', actor, today());
      const [enrollment] = await loadEnrollmentViews(tx, eq(enrollments.id, row.id));
      return { view: enrollment, created: messages };
    });
    await startWorkflows(created);
    return reply.status(201).send({ enrollment: view, messages: created.map(messageSummaryOf) });
  });

  app.get('/api/enrollments', {
    config: { permission: 'persons.view' },
    schema: {
      tags: ['enrollments'], summary: 'Enrollments, filtered, in pages',
      description: 'Pass `nextCursor` as `cursor` for the next page.',
      querystring: enrollmentQuery, response: { 200: enrollmentPage },
    },
  }, async (request) => {
    const { personId, planId, employerId, supplierId, cursor, limit } = request.query;
    const conds: SQL[] = [];
    const scope = employerScope(request, persons.employerId, employerId);
    if (scope) conds.push(scope);
    await authorizePersonFilter(app.db, request, personId);
    if (personId) conds.push(eq(enrollments.personId, personId));
    if (planId) conds.push(eq(enrollments.planId, planId));
    if (supplierId) conds.push(eq(plans.supplierId, supplierId));
    if (cursor) conds.push(gt(enrollments.id, decodeCursor(cursor, ['uuid'])[0]));
    const rows = await loadEnrollmentViews(app.db, and(...conds), limit + 1);
    return pageOf(rows, limit, (e) => [e.id]);
  });

  app.get('/api/enrollments/:id', {
    config: { permission: 'persons.view' },
    schema: { tags: ['enrollments'], summary: 'An enrollment', params: idParams, response: { 200: enrollmentView } },
  }, async (request) => {
    const [row] = await loadEnrollmentViews(app.db, eq(enrollments.id, request.params.id));
    if (!row) throw notFound('enrollment');
    authorizeEmployer(request, row.employerId, { personId: row.personId });
    return row;
  });

  app.patch('/api/enrollments/:id', {
    config: { permission: 'persons.edit' },
    schema: {
      tags: ['enrollments'], summary: 'Correct the start date, or set or correct the end date',
      description: 'A first end date creates the termination message. A changed start date, or a changed end date, '
        + 're-assesses unsent messages and re-sends sent ones as a new version. A corrected start of an enrollment '
        + 'whose message failed (e.g. the 120-day rule) creates a new enrollment message.',
      params: idParams, body: enrollmentPatch, response: { 200: enrollmentPatched },
    },
  }, async (request) => {
    const actor = actorOf(request);
    const { view, change } = await app.db.transaction(async (tx) => {
      const [current] = await tx.select().from(enrollments).where(eq(enrollments.id, request.params.id)).for('update');
      if (!current) throw notFound('enrollment');
      const [owner] = await tx.select({ employerId: persons.employerId }).from(persons).where(eq(persons.id, current.personId));
      authorizeEmployer(request, owner.employerId, { personId: current.personId });
      const next = { startDate: request.body.startDate ?? current.startDate, endDate: request.body.endDate ?? current.endDate };
      if (next.endDate && next.endDate < next.startDate) {
        throw request.body.endDate
          ? validation('endDate', 'must be on or after startDate')
          : validation('startDate', 'must be on or before the enrollment\'s end date');
      }
      const siblings = await tx.select({ id: enrollments.id, startDate: enrollments.startDate, endDate: enrollments.endDate }).from(enrollments)
        .where(and(eq(enrollments.personId, current.personId), eq(enrollments.planId, current.planId), ne(enrollments.id, current.id),
          current.familyMemberId ? eq(enrollments.familyMemberId, current.familyMemberId) : isNull(enrollments.familyMemberId)));
      const clash = siblings.find((s) => overlaps(s, next));
      if (clash) throw new ApiError(409, 'enrollment_overlaps', `another enrollment in this plan already covers part of this period (${clash.id})`);
      const applied = await applyEnrollmentChange(tx, current, next, actor, today());
      const [enrollment] = await loadEnrollmentViews(tx, eq(enrollments.id, current.id));
      return { view: enrollment, change: applied };
    });
    await startWorkflows(change.created, change.effects);
    return { enrollment: view, messages: change.created.map(messageSummaryOf), resent: change.effects.resend };
  });

  const importSchema = (summary: string, description: string) => ({
    tags: ['enrollments'], summary, description, consumes: ['multipart/form-data'], params: idParams,
    response: { 200: importResult, 422: z.object({ error: z.literal('invalid_file'), message: z.string(), errors: z.array(importProblem), errorCount: z.number().int() }) },
  });
  const FILE_DESCRIPTION = 'multipart/form-data with `file`: a CSV (`,` or `;`) with the columns employeeNumber, planCode or planId, '
    + 'startDate, endDate and optionally familyMemberId; dates as yyyy-mm-dd or dd-mm-yyyy. A row matches an existing enrollment '
    + 'when employee, plan (and family member) and start date match; its end date is then applied (an empty one removes nothing). '
    + 'All or nothing: any bad row answers 422 with every problem (row, column, code) and nothing is stored.';

  const runImport = async (mode: ImportMode, employerId: string, request: FastifyRequest) => {
    authorizeEmployer(request, employerId);
    const [employer] = await app.db.select({ id: employers.id }).from(employers).where(eq(employers.id, employerId));
    if (!employer) throw notFound('employer');
    if (!request.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send multipart/form-data with the field file');
    let bytes: Buffer;
    try {
      const part = await request.file({ limits: { fileSize: MAX_ENROLLMENT_FILE_BYTES } });
      if (!part || part.fieldname !== 'file') {
        part?.file.resume();
        throw new ApiError(400, 'validation', 'file: no file uploaded (multipart field "file")');
      }
      bytes = await part.toBuffer();
    } catch (err) {
      if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new ApiError(413, 'file_too_large', `an enrollment file may be at most ${MAX_ENROLLMENT_FILE_BYTES / 1024 / 1024} MiB`);
      }
      throw err;
    }
    const csv = readEnrollmentCsv(decodeText(bytes));
    if (csv.fatal) throw invalidFile(csv.problems);
    const actor = actorOf(request);
    const outcome = await app.db.transaction(async (tx) => {
      const result = await importEnrollments(tx, employer.id, csv, mode, actor, today());
      if (isProblems(result)) throw invalidFile(result.problems);
      return result;
    });
    await startWorkflows(outcome.messages, outcome.effects);
    return { ...outcome.counts, messages: outcome.messages.length };
  };

  app.post('/api/employers/:id/enrollments/import', {
    config: { permission: 'persons.edit' },
    schema: importSchema('Initial load of an employer\'s enrollments (creates no messages)', FILE_DESCRIPTION),
  }, async (request) => runImport('initial', request.params.id, request));

  app.post('/api/employers/:id/enrollments/changes-import', {
    config: { permission: 'persons.edit' },
    schema: importSchema('Import enrollment changes: new enrollments and ends, with their messages',
      `${FILE_DESCRIPTION} Each new enrollment gets an enrollment message, each row that ends an open enrollment a termination message; `
      + 'a corrected end date re-sends what was already sent.'),
  }, async (request) => runImport('changes', request.params.id, request));
};

export default enrollmentRoutes;
