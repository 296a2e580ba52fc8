import { randomUUID } from 'node:crypto';
import { and, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import { exactInstant } from '../../../db/queries/row-json';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadAccident, recordAccidentEvent as recordEvent } from '../../../db/queries/accidents';
import { accidentEvents, accidents, employerSuppliers, employers, enrollments, persons, plans, suppliers } from '../../../db/schema';
import type { AccidentDetails} from '../../../domain/accidents/case';
import { isMinor } from '../../../domain/accidents/case';
import { ACCIDENT_STATUSES } from '../../../domain/accidents/status';
import { TIME_ZONES, localDate, localInstant } from '../../../domain/shared/calendar';
import type { AccidentEventKind} from '../../../workflows/shared';
import { accidentWorkflowId } from '../../../workflows/shared';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer, authorizeReference } from '../../plugins/auth';
import { authorizePersonFilter, employerScope } from '../../scope';
import { cursorParam, decodeCursor, pageOf } from '../../keyset-cursor';
import { fullView, mayReadHealth, summaryView } from './case-view';
import { updateCase } from './case-workflow';
import { accidentParams, accidentSummary, accidentView, eventBody, registerBody } from './schemas';
import { actorOf, workflowActorOf } from '../../actor';
import { recordPersonsRead } from '../../plugins/audit';

/** An instant from ISO with an offset, or a local wall-clock time in the country's zone. */
function parseInstant(value: string, country: 'BE' | 'NL', field: string): Date {
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})$/.exec(value);
  const ms = local ? localInstant(local[1], +local[2], +local[3], TIME_ZONES[country]) : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms)) throw new ApiError(400, 'validation', `body.${field}: an ISO date-time with an offset, or a local yyyy-mm-ddThh:mm`);
  if (ms > Date.now() + 5 * 60_000) throw new ApiError(400, 'validation', `body.${field}: lies in the future`);
  return new Date(ms);
}

const accidentRoutes: FastifyPluginAsyncZod = async (app) => {
  const load = async (id: string) => {
    const row = await loadAccident(app.db, id);
    if (!row) throw notFound('accident');
    return row;
  };
  const authorized = async (request: FastifyRequest, id: string) => {
    const row = await load(id);
    authorizeEmployer(request, row.employerId, { personId: row.personId }, 'accident');
    return row;
  };

  /** The accident insurer the person is enrolled with on the day, and the employer's policy with it (an insurer the employer is not linked to is none). */
  const insurerOn = async (personId: string, employerId: string, day: string) => {
    const [row] = await app.db.execute<{ supplier_id: string; enrollment_id: string; collective_number: string | null }>(sql`
      select p.supplier_id, e.id as enrollment_id, es.collective_number
        from ${enrollments} e join ${plans} p on p.id = e.plan_id join ${suppliers} s on s.id = p.supplier_id
        join employer_suppliers es on es.supplier_id = s.id and es.employer_id = ${employerId}
       where e.person_id = ${personId} and e.family_member_id is null and s.kind = 'accident'
         and e.start_date <= ${day} and (e.end_date is null or e.end_date >= ${day})
       order by e.start_date desc limit 1`).then((r) => r.rows);
    return row;
  };

  app.post('/api/accidents', {
    config: { permission: 'accidents.manage' },
    schema: {
      tags: ['accidents'], summary: 'Register a work accident for a person already in Mutaflow',
      description: 'A minor accident (no incapacity, no wage loss, first aid only) goes into the first-aid register; anything more opens a case with its declaration deadline (workflow `accident-<id>`).',
      body: registerBody, response: { 201: accidentView },
    },
  }, async (request, reply) => {
    const b = request.body;
    const [person] = await app.db.select({ id: persons.id, employerId: persons.employerId }).from(persons).where(eq(persons.id, b.personId));
    if (!person) throw new ApiError(400, 'validation', 'body.personId: no such person');
    authorizeReference(request, person.employerId, { personId: person.id }, 'body.personId: no such person');
    const [employer] = await app.db.select({ country: employers.country }).from(employers).where(eq(employers.id, person.employerId));
    const occurredAt = parseInstant(b.occurredAt, employer.country, 'occurredAt');
    const occurredOn = localDate(occurredAt.getTime(), TIME_ZONES[employer.country]);
    if (b.incapacityFrom && b.incapacityFrom < occurredOn) {
      throw new ApiError(400, 'validation', 'body.incapacityFrom: before the accident');
    }
    const minor = isMinor({ incapacityFrom: b.incapacityFrom, wageLoss: b.wageLoss, medicalCare: Boolean(b.medicalCare), fatal: b.fatal });
    const insurer = b.supplierId ? undefined : await insurerOn(person.id, person.employerId, occurredOn);
    if (b.supplierId) {
      // The declaration goes to this insurer with the victim's health data: it must be one the employer has a policy with.
      const [s] = await app.db.select({ id: suppliers.id }).from(suppliers)
        .innerJoin(employerSuppliers, and(eq(employerSuppliers.supplierId, suppliers.id), eq(employerSuppliers.employerId, person.employerId)))
        .where(and(eq(suppliers.id, b.supplierId), eq(suppliers.kind, 'accident')));
      if (!s) throw new ApiError(400, 'validation', 'body.supplierId: not an accident insurer linked to the person\'s employer');
    }
    const details: AccidentDetails = { description: b.description, witnesses: b.witnesses, injuries: b.injuries, firstAid: b.firstAid, medicalCare: b.medicalCare, prevention: b.prevention };
    const by = actorOf(request);
    const id = randomUUID();
    const row = await app.db.transaction(async (tx) => {
      const [a] = await tx.insert(accidents).values({
        id, employerId: person.employerId, personId: person.id, status: minor ? 'first_aid' : 'open', country: employer.country, occurredAt, place: b.place,
        detailsSealed: app.secrets.seal(details), incapacityFrom: b.incapacityFrom, fatal: b.fatal,
        supplierId: b.supplierId ?? insurer?.supplier_id ?? null, enrollmentId: insurer?.enrollment_id ?? null, policyNumber: b.policyNumber ?? insurer?.collective_number ?? null,
        workflowId: minor ? null : accidentWorkflowId(id), createdBy: by,
      }).returning();
      await recordEvent(tx, a.id, minor ? 'first_aid_registered' : 'registered', by);
      return a;
    });
    if (!minor) await app.accidentWorkflows.ensure(row.id);
    // The workflow stores the deadline as it opens the case; show it at once.
    return reply.status(201).send(await fullView(app, request, minor ? row : await waitForDeadline(row.id)));
  });

  /** The case's deadline is stored by the workflow's first step; wait briefly for it. */
  const waitForDeadline = async (id: string) => {
    for (let i = 0; i < 50; i++) {
      const row = await load(id);
      if (row.deadlineDate) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    return load(id);
  };

  app.get('/api/accidents', {
    config: { permission: 'accidents.view' },
    schema: {
      tags: ['accidents'], summary: 'Accidents and the first-aid register, newest first',
      querystring: z.object({
        status: z.enum(ACCIDENT_STATUSES).optional(), employerId: z.uuid().optional(), personId: z.uuid().optional(),
        cursor: cursorParam, limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: z.object({ items: z.array(accidentSummary), nextCursor: z.string().nullable() }) },
    },
  }, async (request) => {
    const { status, employerId, personId, cursor, limit } = request.query;
    const conds = [employerScope(request, accidents.employerId, employerId)];
    await authorizePersonFilter(app.db, request, personId);
    if (status) conds.push(eq(accidents.status, status));
    if (personId) conds.push(eq(accidents.personId, personId));
    if (cursor) {
      const [at, id] = decodeCursor(cursor, ['instant', 'uuid']);
      conds.push(sql`(${accidents.occurredAt}, ${accidents.id}) < (${at}::timestamptz, ${id}::uuid)`);
    }
    const rows = await app.db.select({ ...getTableColumns(accidents), cursorAt: exactInstant(accidents.occurredAt) }).from(accidents).where(and(...conds))
      .orderBy(desc(accidents.occurredAt), desc(accidents.id)).limit(limit + 1);
    const page = pageOf(rows, limit, (a) => [a.cursorAt, a.id]);
    const health = mayReadHealth(request);
    recordPersonsRead(request, page.items.map((a) => a.personId));
    return { ...page, items: page.items.map((a) => summaryView(a, health)) };
  });

  app.get('/api/accidents/:id', {
    config: { permission: 'accidents.view' },
    schema: { tags: ['accidents'], summary: 'A case with its deadline, coming reminders, history, documents, tasks and payments', params: accidentParams, response: { 200: accidentView } },
  }, async (request) => fullView(app, request, await authorized(request, request.params.id)));

  app.post('/api/accidents/:id/declare', {
    config: { permission: 'accidents.manage' },
    schema: {
      tags: ['accidents'], summary: 'Declare the accident: the pre-filled PDF, sent over the insurer\'s channel or kept for download (social security portal)',
      params: accidentParams,
      body: z.object({ via: z.enum(['channel', 'download']).default('download'), lang: z.enum(['nl', 'fr', 'en']).default('nl') }),
      response: { 200: accidentView.extend({ declaration: z.object({ documentId: z.uuid(), via: z.enum(['channel', 'download']), delivered: z.boolean() }) }) },
    },
  }, async (request) => {
    const a = await authorized(request, request.params.id);
    if (a.status === 'first_aid') throw new ApiError(409, 'first_aid_only', 'a first-aid entry is not declared; record that it worsened first (POST /events, kind worsened)');
    if (a.status === 'closed') throw new ApiError(409, 'case_closed', 'the case is closed');
    const declaration = await updateCase(app.accidentWorkflows.declare(a.id, { by: workflowActorOf(request), via: request.body.via, lang: request.body.lang }));
    return { ...(await fullView(app, request, await load(a.id))), declaration };
  });

  app.post('/api/accidents/:id/events', {
    config: { permission: 'accidents.manage' },
    schema: {
      tags: ['accidents'], summary: 'Record what happened: payment received, work resumed, incapacity started, claim number, portal reference, or a first-aid entry that worsened',
      params: accidentParams, body: eventBody, response: { 200: accidentView },
    },
  }, async (request) => {
    const a = await authorized(request, request.params.id);
    const by = actorOf(request);
    const body = request.body;
    if (body.kind === 'worsened') {
      if (a.status !== 'first_aid') throw new ApiError(409, 'not_first_aid', 'only a first-aid register entry can worsen into a case');
      const learnedAt = body.learnedAt ? parseInstant(body.learnedAt, a.country, 'learnedAt') : new Date();
      if (learnedAt < a.occurredAt) throw new ApiError(400, 'validation', 'body.learnedAt: before the accident');
      await app.db.transaction(async (tx) => {
        const [row] = await tx.update(accidents).set({
          status: 'open', learnedAt, workflowId: accidentWorkflowId(a.id),
          ...(body.incapacityFrom !== undefined ? { incapacityFrom: body.incapacityFrom } : {}),
        }).where(and(eq(accidents.id, a.id), eq(accidents.status, 'first_aid'))).returning({ id: accidents.id });
        if (!row) throw new ApiError(409, 'not_first_aid', 'the entry changed meanwhile');
        if (body.medicalCare) {
          const details = app.secrets.open<AccidentDetails>(a.detailsSealed);
          await tx.update(accidents).set({ detailsSealed: app.secrets.seal({ ...details, medicalCare: body.medicalCare }) }).where(eq(accidents.id, a.id));
        }
        await recordEvent(tx, a.id, 'worsened', by, { learnedAt: learnedAt.toISOString() });
      });
      await app.accidentWorkflows.ensure(a.id);
      return fullView(app, request, await waitForDeadline(a.id));
    }
    if (a.status === 'first_aid') throw new ApiError(409, 'first_aid_only', 'a first-aid entry has no follow-up; record that it worsened first');
    if (a.status === 'closed') throw new ApiError(409, 'case_closed', 'the case is closed');
    const { kind, ...detail } = body;
    // Stored first (the amount stays in the database), applied by the case: only the id enters the workflow.
    const [event] = await app.db.insert(accidentEvents).values({ accidentId: a.id, kind, by, detail, applied: false }).returning({ id: accidentEvents.id });
    try {
      await updateCase(app.accidentWorkflows.recordEvent(a.id, { eventId: event.id, kind: kind as AccidentEventKind }));
    } catch (err) {
      await app.db.delete(accidentEvents).where(and(eq(accidentEvents.id, event.id), eq(accidentEvents.applied, false)));
      throw err;
    }
    return fullView(app, request, await load(a.id));
  });

  app.post('/api/accidents/:id/close', {
    config: { permission: 'accidents.manage' },
    schema: { tags: ['accidents'], summary: 'Close a settled case (409 names what is not settled yet)', params: accidentParams, response: { 200: accidentView } },
  }, async (request) => {
    const a = await authorized(request, request.params.id);
    if (a.status === 'first_aid') throw new ApiError(409, 'first_aid_only', 'a first-aid entry is not a case');
    if (a.status !== 'closed') {
      await updateCase(app.accidentWorkflows.close(a.id, { by: workflowActorOf(request) }));
    }
    return fullView(app, request, await load(a.id));
  });
};

export default accidentRoutes;
