import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { normaliseCompanyNumber } from '../../../domain/shared/identifiers';
import type { MappingProfile} from '../../../domain/payroll/mapping-profile';
import { PROFILE_PRESETS, mappingProfileSchema } from '../../../domain/payroll/mapping-profile';
import { apiTokens, employers, users } from '../../../db/schema';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { employerScope } from '../../scope';
import { employerCreate, employerPatch, employerView, idParams, profileInput } from './schemas';
import { defaultEmployerLanguage } from '../../../domain/statements/statement';

type Employer = typeof employers.$inferSelect;

const view = (e: Employer) => ({
  id: e.id, name: e.name, country: e.country, companyNumber: e.companyNumber, language: e.language,
  mappingProfile: e.mappingProfile as Record<string, unknown>, createdAt: e.createdAt.toISOString(),
});

const resolveProfile = (input: z.infer<typeof profileInput> | undefined): MappingProfile =>
  !input ? PROFILE_PRESETS.canonical : 'preset' in input ? PROFILE_PRESETS[input.preset] : mappingProfileSchema.parse(input);

const employerRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post('/api/employers', {
    config: { permission: 'employers.manage' },
    schema: { tags: ['employers'], summary: 'Create an employer', body: employerCreate, response: { 201: employerView } },
  }, async (request, reply) => {
    const { name, country, companyNumber, mappingProfile, language } = request.body;
    let number: string | null = null;
    if (companyNumber !== undefined) {
      number = normaliseCompanyNumber(country, companyNumber);
      if (!number) {
        throw new ApiError(400, 'validation', country === 'NL'
          ? 'companyNumber: a KvK number has 8 digits'
          : 'companyNumber: not a valid KBO/BCE number (10 digits, mod-97 check)');
      }
    }
    const principal = request.principal!;
    const row = await app.db.transaction(async (tx) => {
      const [created] = await tx.insert(employers).values({
        name, country, companyNumber: number, mappingProfile: resolveProfile(mappingProfile), language: language ?? defaultEmployerLanguage(country),
      }).returning();
      // Whoever sees only the employers granted to them is granted the one they create: a
      // bureau's onboarding user must be able to go on with it.
      if (principal.employerIds !== 'all') {
        const grant = sql`array_append(coalesce(employer_ids, '{}'::uuid[]), ${created.id}::uuid)`;
        if (principal.kind === 'user') await tx.update(users).set({ employerIds: grant }).where(eq(users.id, principal.id));
        else {
          const [token] = await tx.update(apiTokens).set({ employerIds: grant }).where(eq(apiTokens.id, principal.tokenId ?? principal.id)).returning({ owner: apiTokens.ownerUserId });
          // A token acts within its owner's employers: the owner made the employer through it.
          if (token?.owner) await tx.update(users).set({ employerIds: grant }).where(eq(users.id, token.owner));
        }
      }
      return created;
    });
    request.audit.employerId = row.id;
    return reply.status(201).send(view(row));
  });

  app.get('/api/employers', {
    config: { permission: 'employers.view' },
    schema: {
      tags: ['employers'], summary: 'The employers you may see, by name; `name` and `companyNumber` find one again',
      querystring: z.object({ name: z.string().trim().min(1).max(200).optional(), companyNumber: z.string().trim().min(1).max(20).optional() }),
      response: { 200: z.object({ items: z.array(employerView) }) },
    },
  }, async (request) => {
    const { name, companyNumber } = request.query;
    const conds = [employerScope(request, employers.id)];
    if (name) conds.push(eq(employers.name, name));
    if (companyNumber) conds.push(eq(employers.companyNumber, companyNumber.replace(/[\s.]/g, '')));
    const rows = await app.db.select().from(employers).where(and(...conds)).orderBy(asc(employers.name), asc(employers.id)).limit(1000);
    return { items: rows.map(view) };
  });

  app.get('/api/employers/:id', {
    config: { permission: 'employers.view' },
    schema: { tags: ['employers'], summary: 'An employer with its mapping profile', params: idParams, response: { 200: employerView } },
  }, async (request) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const [row] = await app.db.select().from(employers).where(eq(employers.id, request.params.id));
    if (!row) throw notFound('employer');
    return view(row);
  });

  app.patch('/api/employers/:id', {
    config: { permission: 'employers.manage' },
    schema: { tags: ['employers'], summary: "Rename an employer or set its language (statements)", params: idParams, body: employerPatch, response: { 200: employerView } },
  }, async (request) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const { name, language } = request.body;
    const set = { ...(name !== undefined ? { name } : {}), ...(language !== undefined ? { language } : {}) };
    const [row] = Object.keys(set).length
      ? await app.db.update(employers).set(set).where(eq(employers.id, request.params.id)).returning()
      : await app.db.select().from(employers).where(eq(employers.id, request.params.id));
    if (!row) throw notFound('employer');
    return view(row);
  });

  app.put('/api/employers/:id/mapping-profile', {
    config: { permission: 'employers.manage' },
    schema: {
      tags: ['employers'],
      summary: 'Set how this employer\'s payroll export maps onto the canonical format',
      description: `A full profile, or { "preset": name } with one of: ${Object.keys(PROFILE_PRESETS).join(', ')}.`,
      params: idParams, body: profileInput, response: { 200: employerView },
    },
  }, async (request) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const [row] = await app.db.update(employers).set({ mappingProfile: resolveProfile(request.body) })
      .where(eq(employers.id, request.params.id)).returning();
    if (!row) throw notFound('employer');
    return view(row);
  });
};

export default employerRoutes;
