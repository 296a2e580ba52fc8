import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { checkNationalId } from '../../../domain/shared/identifiers';
import { employerTodayAt } from '../../../db/queries/employers';
import { familyMembers, persons } from '../../../db/schema';
import type { FastifyRequest } from 'fastify';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { idParams } from '../employers/schemas';
import { familyMemberChanged, familyMemberCreate, familyMemberList, familyMemberPatch, familyMemberView } from './schemas';
import { changeFamilyMember } from '../../../activities/enrollments/family';
import { actorOf } from '../../actor';

type FamilyMember = typeof familyMembers.$inferSelect;

const viewOf = (f: FamilyMember) => {
  const d = f.data as Record<string, string | null | undefined>;
  return {
    id: f.id, personId: f.personId, relation: f.relation, firstName: d.firstName ?? null, lastName: d.lastName ?? '',
    namePrefix: d.namePrefix ?? null, birthDate: d.birthDate ?? '', gender: (d.gender ?? null) as 'M' | 'F' | 'X' | null,
    nationalId: d.nationalId ?? null, endDate: f.endDate, createdAt: f.createdAt.toISOString(), updatedAt: f.updatedAt.toISOString(),
  };
};

/** Partners and children of a person. Their data is personal: shown to API users, never logged nor echoed in errors. */
const familyMemberRoutes: FastifyPluginAsyncZod = async (app) => {
  const requirePerson = async (request: FastifyRequest, id: string) => {
    const [p] = await app.db.select({ id: persons.id, employerId: persons.employerId }).from(persons).where(eq(persons.id, id));
    if (!p) throw notFound('person');
    authorizeEmployer(request, p.employerId, { personId: p.id }, 'person');
    return p;
  };

  app.post('/api/persons/:id/family-members', {
    config: { permission: 'persons.edit' },
    schema: {
      tags: ['family members'], summary: 'Add a partner or child of a person',
      params: idParams, body: familyMemberCreate, response: { 201: familyMemberView },
    },
  }, async (request, reply) => {
    const person = await requirePerson(request, request.params.id);
    const { relation, nationalId, ...rest } = request.body;
    let id: string | null = null;
    if (nationalId !== undefined) {
      const check = checkNationalId(nationalId);
      if (!check.ok) throw new ApiError(400, 'validation', `nationalId: ${check.reason}`, { issues: [{ field: 'body.nationalId', message: check.reason }] });
      id = check.value;
    }
    // Born today in the employer's time zone is not the future, even while UTC is still on yesterday.
    if (rest.birthDate > await employerTodayAt(app.db, person.employerId, Date.now())) {
      throw new ApiError(400, 'validation', 'birthDate: lies in the future', { issues: [{ field: 'body.birthDate', message: 'lies in the future' }] });
    }
    const data = {
      firstName: rest.firstName ?? null, lastName: rest.lastName, namePrefix: rest.namePrefix ?? null,
      birthDate: rest.birthDate, gender: rest.gender ?? null, nationalId: id,
    };
    const [row] = await app.db.insert(familyMembers).values({ personId: person.id, relation, data }).returning();
    return reply.status(201).send(viewOf(row));
  });

  app.get('/api/persons/:id/family-members', {
    config: { permission: 'persons.view' },
    schema: { tags: ['family members'], summary: 'A person\'s partner and children', params: idParams, response: { 200: familyMemberList } },
  }, async (request) => {
    const person = await requirePerson(request, request.params.id);
    const rows = await app.db.select().from(familyMembers).where(eq(familyMembers.personId, person.id)).orderBy(asc(familyMembers.createdAt), asc(familyMembers.id));
    return { items: rows.map(viewOf) };
  });

  app.patch('/api/family-members/:id', {
    config: { permission: 'persons.edit' },
    schema: {
      tags: ['family members'], summary: 'Correct a family member\'s data, or end them (endDate)',
      description: 'Changed data reaches the suppliers covering the family member as a person\'s does: unsent messages re-check, sent ones '
        + 're-send for a national id or birth date and are marked "changed since sent" otherwise; else a change message. An end date ends '
        + 'their enrollments running past it, each with a termination message.',
      params: idParams, body: familyMemberPatch, response: { 200: familyMemberChanged },
    },
  }, async (request) => {
    // Access first: a look at another employer's family member is a 403, whatever the body.
    const [owner] = await app.db.select({ personId: familyMembers.personId, employerId: persons.employerId }).from(familyMembers)
      .innerJoin(persons, eq(persons.id, familyMembers.personId)).where(eq(familyMembers.id, request.params.id));
    if (!owner) throw notFound('family member');
    authorizeEmployer(request, owner.employerId, { personId: owner.personId });
    const patch = { ...request.body };
    if (patch.birthDate && patch.birthDate > await employerTodayAt(app.db, owner.employerId, Date.now())) {
      throw new ApiError(400, 'validation', 'birthDate: lies in the future', { issues: [{ field: 'body.birthDate', message: 'lies in the future' }] });
    }
    if (typeof patch.nationalId === 'string') {
      const check = checkNationalId(patch.nationalId);
      if (!check.ok) throw new ApiError(400, 'validation', `nationalId: ${check.reason}`, { issues: [{ field: 'body.nationalId', message: check.reason }] });
      patch.nationalId = check.value;
    }
    const authorize = (employerId: string, personId: string) => authorizeEmployer(request, employerId, { personId });
    const result = await changeFamilyMember(app.db, request.params.id, patch, authorize, actorOf(request), Date.now());
    if ('refused' in result) {
      if (result.refused === 'not_found') throw notFound('family member');
      throw new ApiError(409, 'end_before_start', `body.endDate: enrollment ${result.enrollmentId} of the family member starts after it; correct or end that enrollment first`);
    }
    await app.messageWorkflows.start(result.created.map((m) => ({ messageId: m.id, version: m.version })));
    await app.messageWorkflows.wake(result.effects.wake);
    await app.messageWorkflows.resend(result.effects.resend);
    return {
      ...viewOf(result.row),
      messages: result.created.map((m) => ({ id: m.id, kind: m.kind, status: m.status })), resent: result.effects.resend.length,
    };
  });
};

export default familyMemberRoutes;
