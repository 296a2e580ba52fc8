import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { employers, onboardingProfiles, plans } from '../../../db/schema';
import type { FastifyRequest } from 'fastify';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { idParams } from '../employers/schemas';
import { profileCreate, profileList, profileParams, profileView } from './schemas';

type Profile = typeof onboardingProfiles.$inferSelect;

const viewOf = (p: Profile) => ({
  id: p.id, employerId: p.employerId, name: p.name, category: p.category, eligibility: p.eligibility ?? null,
  plans: p.plans.map((x) => ({ planId: x.planId, startOffsetDays: x.startOffsetDays ?? 0, startDate: x.startDate ?? null })),
  createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt?.toISOString() ?? null,
});

/** Onboarding profiles (indienstprofielen): the plans a new hire is enrolled in. */
const onboardingProfileRoutes: FastifyPluginAsyncZod = async (app) => {
  const requireEmployer = async (request: FastifyRequest, id: string) => {
    authorizeEmployer(request, id, {}, 'employer');
    const [e] = await app.db.select({ id: employers.id }).from(employers).where(eq(employers.id, id));
    if (!e) throw notFound('employer');
    return e;
  };

  /** Every plan exists and is listed once; else 400 naming each bad entry. */
  const checkPlans = async (wanted: { planId: string }[]) => {
    const issues: { field: string; message: string }[] = [];
    const ids = wanted.map((p) => p.planId);
    const known = new Set((await app.db.select({ id: plans.id }).from(plans).where(inArray(plans.id, ids))).map((p) => p.id));
    wanted.forEach((p, i) => {
      if (!known.has(p.planId)) issues.push({ field: `body.plans.${i}.planId`, message: 'no such plan' });
      else if (ids.indexOf(p.planId) !== i) issues.push({ field: `body.plans.${i}.planId`, message: 'the plan is listed twice' });
    });
    if (issues.length) throw new ApiError(400, 'validation', issues.map((i) => `${i.field}: ${i.message}`).join('; '), { issues });
  };
  const profileOf = async (employerId: string, profileId: string) => {
    const [row] = await app.db.select().from(onboardingProfiles)
      .where(and(eq(onboardingProfiles.id, profileId), eq(onboardingProfiles.employerId, employerId)));
    if (!row) throw notFound('onboarding profile');
    return row;
  };

  app.post('/api/employers/:id/onboarding-profiles', {
    config: { permission: 'employers.manage' },
    schema: {
      tags: ['onboarding profiles'], summary: 'Create an onboarding profile: plans a new hire is enrolled in',
      params: idParams, body: profileCreate, response: { 201: profileView },
    },
  }, async (request, reply) => {
    const employer = await requireEmployer(request, request.params.id);
    const { name, category, eligibility, plans: wanted } = request.body;
    await checkPlans(wanted);
    const [row] = await app.db.insert(onboardingProfiles).values({ employerId: employer.id, name, category: category ?? null, eligibility: eligibility ?? null, plans: wanted }).returning();
    return reply.status(201).send(viewOf(row));
  });

  app.get('/api/employers/:id/onboarding-profiles', {
    config: { permission: 'employers.view' },
    schema: { tags: ['onboarding profiles'], summary: 'The employer\'s onboarding profiles', params: idParams, response: { 200: profileList } },
  }, async (request) => {
    const employer = await requireEmployer(request, request.params.id);
    const rows = await app.db.select().from(onboardingProfiles).where(eq(onboardingProfiles.employerId, employer.id))
      .orderBy(asc(onboardingProfiles.name), asc(onboardingProfiles.id));
    return { items: rows.map(viewOf) };
  });

  app.put('/api/employers/:id/onboarding-profiles/:profileId', {
    config: { permission: 'employers.manage' },
    schema: {
      tags: ['onboarding profiles'], summary: 'Replace an onboarding profile (hires from now on; enrollments made before stay)',
      params: profileParams, body: profileCreate, response: { 200: profileView },
    },
  }, async (request) => {
    const employer = await requireEmployer(request, request.params.id);
    await profileOf(employer.id, request.params.profileId);
    const { name, category, eligibility, plans: wanted } = request.body;
    await checkPlans(wanted);
    const [row] = await app.db.update(onboardingProfiles).set({ name, category: category ?? null, eligibility: eligibility ?? null, plans: wanted, updatedAt: new Date() })
      .where(eq(onboardingProfiles.id, request.params.profileId)).returning();
    return viewOf(row);
  });

  app.delete('/api/employers/:id/onboarding-profiles/:profileId', {
    config: { permission: 'employers.manage' },
    schema: {
      tags: ['onboarding profiles'], summary: 'Delete an onboarding profile (enrollments it made stay)',
      params: profileParams, response: { 204: z.null() },
    },
  }, async (request, reply) => {
    const employer = await requireEmployer(request, request.params.id);
    await profileOf(employer.id, request.params.profileId);
    await app.db.delete(onboardingProfiles).where(eq(onboardingProfiles.id, request.params.profileId));
    return reply.status(204).send(null);
  });
};

export default onboardingProfileRoutes;
