import type { SQL } from 'drizzle-orm';
import { and, eq, gt } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadEnrollmentViews } from '../../../activities/enrollments/changes';
import { changeEnrollmentDates, createEnrollment, isRefused, startAdvice } from '../../../activities/enrollments/edit';
import { type ImportMode, findEmployerId, importEnrollmentFile, isProblems } from '../../../activities/enrollments/import';
import type { DataChangeEffects, MessageRow } from '../../../db/queries/messages';
import { enrollments, persons, plans } from '../../../db/schema';
import { decodeText, readEnrollmentCsv } from '../../../domain/enrollments/csv';
import type { EnrollmentRefusal, FileProblem } from '../../../domain/enrollments/problems';
import { ApiError, notFound } from '../../errors';
import { decodeCursor, pageOf } from '../../keyset-cursor';
import { authorizeEmployer } from '../../plugins/auth';
import { authorizePersonFilter, employerScope } from '../../scope';
import { idParams } from '../employers/schemas';
import {
  enrollmentCreate, enrollmentCreated, enrollmentPage, enrollmentPatch, enrollmentPatched, enrollmentQuery, enrollmentView, importProblem, importResult,
} from './schemas';
import { actorOf } from '../../actor';
import { recordPersonsRead } from '../../plugins/audit';
import { readOneFile } from '../../upload';

/** Enrollment files are small; a larger upload is refused before it is read. */
const MAX_ENROLLMENT_FILE_BYTES = 16 * 1024 * 1024;
const MAX_LISTED_PROBLEMS = 200;


const validation = (field: string, message: string) =>
  new ApiError(400, 'validation', `${field}: ${message}`, { issues: [{ field: `body.${field}`, message }] });

const refusal = (r: EnrollmentRefusal) =>
  r.kind === 'not_found' ? notFound(r.what)
    : r.kind === 'invalid' ? validation(r.field, r.message)
      : new ApiError(409, 'enrollment_overlaps', r.message);

const messageSummaryOf = (m: MessageRow) => ({
  id: m.id, kind: m.kind, status: m.status, version: m.version, sendDate: m.sendDate, missingFields: m.missingFields, warnings: m.warnings,
});

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
    const actor = actorOf(request);
    const authorize = (employerId: string, personId: string) => authorizeEmployer(request, employerId, { personId }, 'person');
    const result = await createEnrollment(app.db, request.body, authorize, actor, Date.now());
    if (isRefused(result)) throw refusal(result.refused);
    const { view, created } = result;
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
    const page = pageOf(rows, limit, (e) => [e.id]);
    recordPersonsRead(request, page.items.map((e) => e.personId));
    return page;
  });

  app.get('/api/enrollments/:id', {
    config: { permission: 'persons.view' },
    schema: { tags: ['enrollments'], summary: 'An enrollment', params: idParams, response: { 200: enrollmentView } },
  }, async (request) => {
    const [row] = await loadEnrollmentViews(app.db, eq(enrollments.id, request.params.id));
    if (!row) throw notFound('enrollment');
    authorizeEmployer(request, row.employerId, { personId: row.personId }, 'enrollment');
    return row;
  });

  app.get('/api/enrollments/:id/start-advice', {
    config: { permission: 'persons.view' },
    schema: {
      tags: ['enrollments'], summary: 'The earliest start date the insurer accepts for a message made today (the 120-day rule)',
      description: 'What HR is offered when correcting a start date after a "start too old" failure: today (or the link\'s deliver-from date, '
        + 'when later) minus 120 days, in the employer\'s time zone.',
      params: idParams, response: { 200: z.object({ earliestStart: z.string(), today: z.string().describe('the employer\'s date it was worked out for') }) },
    },
  }, async (request) => {
    const advice = await startAdvice(app.db, request.params.id,
      (employerId, personId) => authorizeEmployer(request, employerId, { personId }, 'enrollment'), Date.now());
    if (!advice) throw notFound('enrollment');
    return advice;
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
    const authorize = (employerId: string, personId: string) => authorizeEmployer(request, employerId, { personId }, 'person');
    const result = await changeEnrollmentDates(app.db, request.params.id, request.body, authorize, actor, Date.now());
    if (isRefused(result)) throw refusal(result.refused);
    const { view, change } = result;
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
    authorizeEmployer(request, employerId, {}, 'employer');
    const employer = await findEmployerId(app.db, employerId);
    if (!employer) throw notFound('employer');
    const bytes = await readOneFile(request, MAX_ENROLLMENT_FILE_BYTES, `an enrollment file may be at most ${MAX_ENROLLMENT_FILE_BYTES / 1024 / 1024} MiB`);
    const csv = readEnrollmentCsv(decodeText(bytes));
    if (csv.fatal) throw invalidFile(csv.problems);
    const actor = actorOf(request);
    const outcome = await importEnrollmentFile(app.db, employer, csv, mode, actor, Date.now());
    if (isProblems(outcome)) throw invalidFile(outcome.problems);
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
