import { and, asc, desc, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type FieldDefinition, calculate, checkValues, normaliseValues } from '../../../domain/benefits/fields';
import { benefitRecordHistory, benefitRecords, benefitTypes, persons } from '../../../db/schema';
import type { Tx } from '../../../db/queries/messages';
import { employerTodayAt } from '../../../db/queries/employers';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer, authorizeReference } from '../../plugins/auth';
import { actorOf } from '../../actor';

const value = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const values = z.record(z.string().max(50), value).describe('a value per field key: text, number, money (cents), date (yyyy-mm-dd), choice, yes/no (true/false)');
const date = z.iso.date();
const recordView = z.object({
  id: z.uuid(), typeId: z.uuid(), typeName: z.string(), personId: z.uuid(), values: z.record(z.string(), value), startDate: z.string(), endDate: z.string().nullable(),
  version: z.number().int(), calculation: z.unknown().nullable(), updatedAt: z.string(), updatedBy: z.string(),
});
const historyView = z.object({ version: z.number().int(), action: z.string(), values: z.record(z.string(), value), startDate: z.string(), endDate: z.string().nullable(), by: z.string(), at: z.string() });

type RecordRow = typeof benefitRecords.$inferSelect;
type TypeRow = typeof benefitTypes.$inferSelect;

const view = (r: RecordRow, t: TypeRow, today: string) => ({
  id: r.id, typeId: r.typeId, typeName: t.name, personId: r.personId, values: r.values, startDate: r.startDate, endDate: r.endDate, version: r.version,
  calculation: calculate(t.calculation, r, today), updatedAt: r.updatedAt.toISOString(), updatedBy: r.updatedBy,
});

/** The values fit the type's fields, else 400 naming every field at fault (nothing is stored). */
function checked(fields: FieldDefinition[], given: Record<string, unknown>) {
  const problems = checkValues(fields, given);
  if (problems.length) throw new ApiError(400, 'validation', problems.map((p) => p.message).join('; '), { issues: problems.map((p) => ({ field: `body.values.${p.field}`, message: p.message })) });
  return normaliseValues(fields, given);
}

const checkDates = (start: string, end: string | null | undefined) => {
  if (end && end < start) throw new ApiError(400, 'validation', 'body.endDate: before the start date');
};

async function writeHistory(tx: Tx, r: RecordRow, action: 'created' | 'updated' | 'ended', by: string) {
  await tx.insert(benefitRecordHistory).values({ recordId: r.id, version: r.version, action, values: r.values, startDate: r.startDate, endDate: r.endDate, by });
}

/**
 * A person's internal benefit records (a card number and limit, a phone and its device, a
 * budget): created, changed and ended — each change a version in the record's history. Values
 * are checked against the type's fields; a wrong one is refused with the field named.
 */
const benefitRecordRoutes: FastifyPluginAsyncZod = async (app) => {
  const personOf = async (request: FastifyRequest, id: string) => {
    const [p] = await app.db.select({ id: persons.id, employerId: persons.employerId }).from(persons).where(eq(persons.id, id));
    if (!p) throw notFound('person');
    authorizeEmployer(request, p.employerId, { personId: p.id }, 'person');
    return p;
  };
  const recordOf = async (request: FastifyRequest, id: string) => {
    const [row] = await app.db.select({ r: benefitRecords, t: benefitTypes }).from(benefitRecords)
      .innerJoin(benefitTypes, eq(benefitTypes.id, benefitRecords.typeId)).where(eq(benefitRecords.id, id));
    if (!row) throw notFound('benefit record');
    authorizeEmployer(request, row.r.employerId, { personId: row.r.personId }, 'benefit record');
    return row;
  };
  const today = (employerId: string) => employerTodayAt(app.db, employerId, Date.now());

  app.get('/api/persons/:id/benefit-records', {
    config: { permission: 'benefits.view' },
    schema: { tags: ['benefits'], summary: "A person's internal benefit records, with each type's calculation today", params: z.object({ id: z.uuid() }), response: { 200: z.object({ items: z.array(recordView) }) } },
  }, async (request) => {
    const p = await personOf(request, request.params.id);
    const rows = await app.db.select({ r: benefitRecords, t: benefitTypes }).from(benefitRecords)
      .innerJoin(benefitTypes, eq(benefitTypes.id, benefitRecords.typeId))
      .where(eq(benefitRecords.personId, p.id)).orderBy(asc(benefitTypes.name), desc(benefitRecords.startDate), asc(benefitRecords.id));
    const on = await today(p.employerId);
    return { items: rows.map(({ r, t }) => view(r, t, on)) };
  });

  app.post('/api/persons/:id/benefit-records', {
    config: { permission: 'benefits.manage' },
    schema: {
      tags: ['benefits'], summary: 'Give a person a record of a benefit type',
      params: z.object({ id: z.uuid() }),
      body: z.strictObject({ typeId: z.uuid(), startDate: date, endDate: date.nullish(), values }),
      response: { 201: recordView },
    },
  }, async (request, reply) => {
    const p = await personOf(request, request.params.id);
    const { typeId, startDate, endDate } = request.body;
    const [t] = await app.db.select().from(benefitTypes).where(eq(benefitTypes.id, typeId));
    if (!t) throw new ApiError(400, 'validation', 'body.typeId: no such benefit type');
    authorizeReference(request, t.employerId, { personId: p.id }, 'body.typeId: no such benefit type');
    if (t.employerId !== p.employerId) throw new ApiError(400, 'validation', "body.typeId: not a benefit type of the person's employer");
    if (!t.active) throw new ApiError(409, 'type_inactive', 'body.typeId: the benefit type is switched off');
    const stored = checked(t.fields, request.body.values);
    checkDates(startDate, endDate);
    const by = actorOf(request);
    const row = await app.db.transaction(async (tx) => {
      const [r] = await tx.insert(benefitRecords).values({ employerId: p.employerId, typeId: t.id, personId: p.id, values: stored, startDate, endDate: endDate ?? null, updatedBy: by }).returning();
      await writeHistory(tx, r, 'created', by);
      return r;
    });
    return reply.code(201).send(view(row, t, await today(p.employerId)));
  });

  app.get('/api/benefit-records/:id', {
    config: { permission: 'benefits.view' },
    schema: { tags: ['benefits'], summary: 'A benefit record with every change', params: z.object({ id: z.uuid() }), response: { 200: recordView.extend({ history: z.array(historyView) }) } },
  }, async (request) => {
    const { r, t } = await recordOf(request, request.params.id);
    const history = await app.db.select().from(benefitRecordHistory).where(eq(benefitRecordHistory.recordId, r.id)).orderBy(asc(benefitRecordHistory.version));
    return {
      ...view(r, t, await today(r.employerId)),
      history: history.map((h) => ({ version: h.version, action: h.action, values: h.values, startDate: h.startDate, endDate: h.endDate, by: h.by, at: h.at.toISOString() })),
    };
  });

  app.put('/api/benefit-records/:id', {
    config: { permission: 'benefits.manage' },
    schema: {
      tags: ['benefits'], summary: "Change a record's values or dates (a new version in its history)",
      params: z.object({ id: z.uuid() }), body: z.strictObject({ values, startDate: date.optional(), endDate: date.nullish() }), response: { 200: recordView },
    },
  }, async (request) => {
    const { r, t } = await recordOf(request, request.params.id);
    const stored = checked(t.fields, request.body.values);
    const startDate = request.body.startDate ?? r.startDate;
    const endDate = request.body.endDate === undefined ? r.endDate : request.body.endDate;
    checkDates(startDate, endDate);
    const by = actorOf(request);
    const row = await app.db.transaction(async (tx) => {
      const [u] = await tx.update(benefitRecords).set({ values: stored, startDate, endDate, version: r.version + 1, updatedAt: new Date(), updatedBy: by })
        .where(and(eq(benefitRecords.id, r.id), eq(benefitRecords.version, r.version))).returning();
      if (!u) throw new ApiError(409, 'changed_meanwhile', 'the record was changed meanwhile; reload it');
      await writeHistory(tx, u, 'updated', by);
      return u;
    });
    return view(row, t, await today(r.employerId));
  });

  app.post('/api/benefit-records/:id/end', {
    config: { permission: 'benefits.manage' },
    schema: { tags: ['benefits'], summary: 'End a record on a date', params: z.object({ id: z.uuid() }), body: z.strictObject({ endDate: date }), response: { 200: recordView } },
  }, async (request) => {
    const { r, t } = await recordOf(request, request.params.id);
    checkDates(r.startDate, request.body.endDate);
    if (r.endDate === request.body.endDate) return view(r, t, await today(r.employerId));
    const by = actorOf(request);
    const row = await app.db.transaction(async (tx) => {
      const [u] = await tx.update(benefitRecords).set({ endDate: request.body.endDate, version: r.version + 1, updatedAt: new Date(), updatedBy: by })
        .where(and(eq(benefitRecords.id, r.id), eq(benefitRecords.version, r.version))).returning();
      if (!u) throw new ApiError(409, 'changed_meanwhile', 'the record was changed meanwhile; reload it');
      await writeHistory(tx, u, 'ended', by);
      return u;
    });
    return view(row, t, await today(r.employerId));
  });
};

export default benefitRecordRoutes;
