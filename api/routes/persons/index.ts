import { and, asc, eq, gt } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CATEGORIES, GENDERS, MARITAL_STATUSES } from '../../../domain/payroll/canonical';
import { recordHire } from '../../../activities/enrollments/hire';
import { previewPersonCorrection } from '../../../activities/messages/correction-preview';
import { CORRECTION_OUTCOMES, changedFields } from '../../../domain/messages/data-change';
import { checkNationalId } from '../../../domain/shared/identifiers';
import { isoDate } from '../../../domain/shared/values';
import { dataChangeEffects } from '../../../db/queries/messages';
import { personCorrectionsOf, recordCorrections } from '../../../db/queries/corrections';
import { PERSON_STATUSES, employers, persons } from '../../../db/schema';
import { ApiError, notFound } from '../../errors';
import { sendJsonPage } from '../../json-page';
import { isoInstant, rowJson } from '../../../db/queries/row-json';
import { given, listByShape, slot } from '../../../db/queries/list-by-shape';
import { cursorParam, decodeCursor, pageOf } from '../../keyset-cursor';
import { authorizeEmployer } from '../../plugins/auth';
import { actorOf } from '../../actor';
import { recordPersonsRead } from '../../plugins/audit';

const text = z.string().trim().min(1).max(200).nullable().optional();
const date = z.iso.date().refine((d) => isoDate(+d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10)) !== null, 'not a calendar date').nullable().optional();

/** The data HR may complete or correct by hand (the payroll remains the source for the rest). */
const personPatch = z.object({
  nationalId: z.string().trim().max(20).nullable().optional(),
  lastName: text, namePrefix: text, firstName: text, initials: text, birthDate: date,
  gender: z.enum(GENDERS).nullable().optional(), nationality: z.string().regex(/^[A-Z]{2}$/).nullable().optional(),
  maritalStatus: z.enum(MARITAL_STATUSES).nullable().optional(),
  street: text, houseNumber: text, postalCode: text, city: text, country: z.string().regex(/^[A-Z]{2}$/).nullable().optional(),
  partnerLastName: text, partnerNamePrefix: text,
}).strict();

const correctionView = z.object({
  field: z.string(), value: z.string().nullable(), correctedBy: z.string(), correctedAt: z.string(),
  payrollDiffers: z.boolean().describe('"payroll differs from the correction": the last import brought another value (a resolve_correction task asks HR)'),
  payrollValue: z.string().nullable().describe('the payroll\'s value, while it differs'),
  fixExpected: z.boolean().describe('HR answered that the payroll will be fixed'),
});

/** A hire reported the day it happens: who, from when, and what HR knows of them already. */
const hireBody = personPatch.extend({
  employeeNumber: z.string().trim().min(1).max(50),
  hireDate: z.iso.date().refine((d) => isoDate(+d.slice(0, 4), +d.slice(5, 7), +d.slice(8, 10)) !== null, 'not a calendar date'),
  category: z.enum(CATEGORIES).optional(),
}).strict();

const personView = z.object({
  id: z.uuid(), employerId: z.uuid(), employeeNumber: z.string(), status: z.string(),
  data: z.record(z.string(), z.unknown()), updatedAt: z.string(),
});

const personDetail = personView.extend({
  corrections: z.array(correctionView).describe('fields HR corrected that the payroll also supplies: kept across imports'),
});

const hireView = z.object({
  person: personView,
  messages: z.array(z.object({ id: z.uuid(), enrollmentId: z.uuid().nullable(), status: z.string(), sendDate: z.string() })).describe('the enrollment messages of the onboarding enrollments made now'),
});

const correctionPreviewView = z.object({
  changedFields: z.array(z.string()).describe('the fields the correction would change'),
  messages: z.array(z.object({
    id: z.uuid(), supplierId: z.uuid(), enrollmentId: z.uuid().nullable(), kind: z.enum(['enrollment', 'termination', 'change']), status: z.string(),
    outcome: z.enum(CORRECTION_OUTCOMES).describe('completes / stays_incomplete / becomes_incomplete / rechecked / will_fail (the 120-day rule, once complete): '
      + 'an unsent message; resent: a sent one goes out again as a new version; changed_since_sent: a sent one is marked, HR resends by hand'),
    missing: z.array(z.string()).describe('what an unsent message would still lack'),
    flagged: z.array(z.string()).describe('the fields that would mark a sent message "changed since sent"'),
  })).describe('the person\'s messages the correction touches, oldest first'),
});

const personList = z.object({ items: z.array(personView), nextCursor: z.string().nullable() });

const view = (p: typeof persons.$inferSelect) => ({
  id: p.id, employerId: p.employerId, employeeNumber: p.employeeNumber, status: p.status, data: p.data as Record<string, unknown>, updatedAt: p.updatedAt.toISOString(),
});

/** `view` as PostgreSQL writes it, for the list (a test holds the list to the person's own GET). */
const personJson = rowJson({
  id: persons.id, employerId: persons.employerId, employeeNumber: persons.employeeNumber, status: persons.status, data: persons.data, updatedAt: isoInstant(persons.updatedAt),
});

const personRoutes: FastifyPluginAsyncZod = async (app) => {
  // The employer is always given (the query requires it), so it is part of every shape, not a filter.
  const listPersons = listByShape('persons.list', { status: eq(persons.status, slot('status')), after: gt(persons.employeeNumber, slot('after')) }, (where) => app.db
    .select({ id: persons.id, employeeNumber: persons.employeeNumber, json: personJson }).from(persons)
    .where(and(eq(persons.employerId, slot('employerId')), where)).orderBy(asc(persons.employeeNumber)).limit(slot('limit')));
  app.get('/api/persons', {
    config: { permission: 'persons.view' },
    schema: {
      tags: ['persons'], summary: 'An employer\'s persons by employee number',
      querystring: z.object({
        employerId: z.uuid(), status: z.enum(PERSON_STATUSES).optional(),
        cursor: cursorParam, limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: { 200: personList },
    },
  }, async (request, reply) => {
    const { employerId, status, cursor, limit } = request.query;
    authorizeEmployer(request, employerId, {}, 'employer');
    const after = cursor ? decodeCursor(cursor, ['text'])[0] : undefined;
    const rows = await listPersons(given({ status, after }), { employerId, status, after, limit: limit + 1 });
    const page = pageOf(rows, limit, (p) => [p.employeeNumber]);
    recordPersonsRead(request, page.items.map((p) => p.id));
    return sendJsonPage(reply, page.items.map((p) => p.json), page.nextCursor);
  });

  app.get('/api/persons/:id', {
    config: { permission: 'persons.view' },
    schema: { tags: ['persons'], summary: 'A person\'s current data and HR\'s corrections of it', params: z.object({ id: z.uuid() }), response: { 200: personDetail } },
  }, async (request) => {
    const [p] = await app.db.select().from(persons).where(eq(persons.id, request.params.id));
    if (!p) throw notFound('person');
    authorizeEmployer(request, p.employerId, { personId: p.id }, 'person');
    return { ...view(p), corrections: await personCorrectionsOf(app.db, p.id) };
  });

  app.patch('/api/persons/:id', {
    config: { permission: 'persons.edit' },
    schema: {
      tags: ['persons'], summary: 'Complete or correct a person\'s data',
      description: 'Unsent messages of the person re-check themselves at once (an incomplete one moves on when complete). '
        + 'On sent messages, a national id or birth date correction re-sends them; other fields mark them "changed since sent". '
        + 'Each changed field is a correction the next payroll imports keep; an import bringing another value flags it for HR.',
      params: z.object({ id: z.uuid() }), body: personPatch, response: { 200: personDetail },
    },
  }, async (request) => {
    const patch: Record<string, unknown> = { ...request.body };
    if (patch.nationalId !== undefined) patch.nationalId = checkedNationalId(patch.nationalId, 'body.nationalId');
    const actor = actorOf(request);
    const { row, effects } = await app.db.transaction(async (tx) => {
      const [p] = await tx.select().from(persons).where(eq(persons.id, request.params.id)).for('update');
      if (!p) throw notFound('person');
      authorizeEmployer(request, p.employerId, { personId: p.id }, 'person');
      const data = p.data as Record<string, unknown>;
      const changed = changedFields(data, patch);
      const [updated] = await tx.update(persons).set({ data: { ...data, ...patch }, updatedAt: new Date() }).where(eq(persons.id, p.id)).returning();
      await recordCorrections(tx, p.id, data, patch, changed, actor);
      return { row: updated, effects: changed.length ? await dataChangeEffects(tx, { personId: p.id }, changed, actor) : { wake: [], resend: [] } };
    });
    await app.messageWorkflows.wake(effects.wake);
    await app.messageWorkflows.resend(effects.resend);
    return { ...view(row), corrections: await personCorrectionsOf(app.db, row.id) };
  });

  app.post('/api/persons/:id/correction-preview', {
    config: { permission: 'persons.edit' },
    schema: {
      tags: ['persons'], summary: 'What a correction of a person\'s data would do to their messages, without saving it',
      description: 'The same body as PATCH /api/persons/:id. Nothing is stored: the answer lists, per message the correction touches, '
        + 'whether an incomplete one becomes complete (or what it still lacks), whether a sent one is re-sent by itself or marked "changed since sent".',
      params: z.object({ id: z.uuid() }), body: personPatch, response: { 200: correctionPreviewView },
    },
  }, async (request) => {
    const patch: Record<string, unknown> = { ...request.body };
    if (patch.nationalId !== undefined) patch.nationalId = checkedNationalId(patch.nationalId, 'body.nationalId');
    const preview = await previewPersonCorrection(app.db, request.params.id, patch,
      (employerId) => authorizeEmployer(request, employerId, { personId: request.params.id }, 'person'), Date.now());
    if (!preview) throw notFound('person');
    return preview;
  });

  app.post('/api/employers/:id/hires', {
    config: { permission: 'persons.edit' },
    schema: {
      tags: ['persons'], summary: 'A hire, the day it happens: the person and their onboarding enrollments, without waiting for the next payroll photo',
      description: 'Creates the person (or reactivates a leaver) with the data given and enrolls them in the plans of the employer\'s onboarding '
        + 'profiles that fit their category, each with its enrollment message. The next payroll import shows the same hire and enrolls nothing twice; '
        + 'its data then replaces what was given here. The same hire reported again changes nothing (200).',
      params: z.object({ id: z.uuid() }), body: hireBody,
      response: { 201: hireView, 200: hireView },
    },
  }, async (request, reply) => {
    authorizeEmployer(request, request.params.id);
    const [employer] = await app.db.select({ id: employers.id }).from(employers).where(eq(employers.id, request.params.id));
    if (!employer) throw notFound('employer');
    const { employeeNumber, hireDate, category, ...rest } = request.body;
    const data: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) data[k] = v as string | null;
    if (data.nationalId !== undefined) data.nationalId = checkedNationalId(data.nationalId, 'body.nationalId') as string | null;
    const hire = await recordHire(app.db, { employerId: employer.id, employeeNumber, hireDate, category, data }, actorOf(request), Date.now());
    request.audit.personId = hire.personId;
    await app.messageWorkflows.start(hire.messages.map((m) => ({ messageId: m.id, version: m.version })));
    const [row] = await app.db.select().from(persons).where(eq(persons.id, hire.personId));
    return reply.status(hire.created ? 201 : 200).send({
      person: view(row),
      messages: hire.messages.map((m) => ({ id: m.id, enrollmentId: m.enrollmentId, status: m.status, sendDate: m.sendDate })),
    });
  });
};

export default personRoutes;

function checkedNationalId(value: unknown, field: string): unknown {
  if (typeof value !== 'string') return value;
  const id = checkNationalId(value);
  if (!id.ok) throw new ApiError(400, 'validation', `${field}: ${id.reason}`);
  return id.value;
}
