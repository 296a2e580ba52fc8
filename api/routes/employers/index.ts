import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import '@fastify/multipart';
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
import { employerCreate, employerPatch, employerView, idParams, mappingPreviewView, previewQuery, profileInput } from './schemas';
import { previewPayrollFile } from '../../../activities/payroll/preview';
import { UploadTooLargeError } from '../../../infra/file-store';
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

  app.post('/api/employers/:id/mapping-profile/preview', {
    config: { permission: 'employers.manage' },
    schema: {
      tags: ['employers'],
      summary: 'Preview a mapping profile on a sample file: its first rows mapped onto the canonical fields, with the errors an import would give',
      description: 'multipart/form-data with `file` (CSV or XLSX) and optionally `profile` (JSON: a full profile or { "preset": name }; '
        + 'absent: the employer\'s saved profile). Read with the import\'s own readers, mapping and checks; nothing is stored.',
      consumes: ['multipart/form-data'],
      params: idParams, querystring: previewQuery, response: { 200: mappingPreviewView },
    },
  }, async (request) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const [employer] = await app.db.select().from(employers).where(eq(employers.id, request.params.id));
    if (!employer) throw notFound('employer');
    if (!request.isMultipart()) throw new ApiError(415, 'unsupported_media_type', 'send multipart/form-data with the fields file and (optionally) profile');
    await app.files.ensureDirs();
    // A plain copy under tmp/ for the readers, as the import reads its upload; removed below
    // (and by the sweep of tmp/ should the process die first).
    const tmp = app.files.tempPath();
    try {
      let profileText: string | undefined;
      let fileName: string | undefined;
      // The profile is a form field; a full one (columns, value maps) is larger than the global field limit.
      for await (const part of request.parts({ limits: { fieldSize: 64 * 1024 } })) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file' || fileName !== undefined) {
            part.file.resume();
            throw new ApiError(400, 'validation', 'send exactly one file, in the field "file"');
          }
          fileName = part.filename || 'sample';
          let size = 0;
          const limit = app.maxUploadBytes;
          const meter = new Transform({
            transform(chunk: Buffer, _enc, done) {
              size += chunk.length;
              done(size > limit ? new UploadTooLargeError(limit) : null, chunk);
            },
          });
          try {
            await pipeline(part.file, meter, createWriteStream(tmp, { mode: 0o600 }));
          } catch (err) {
            if (err instanceof UploadTooLargeError) throw new ApiError(413, 'file_too_large', `${fileName}: the file is larger than the upload limit`);
            throw err;
          }
          if (part.file.truncated) throw new ApiError(413, 'file_too_large', `${fileName}: the file is larger than the upload limit`);
        } else if (part.fieldname === 'profile') profileText = String(part.value);
      }
      if (fileName === undefined) throw new ApiError(400, 'validation', 'file: no file uploaded (multipart field "file")');
      let profile: MappingProfile;
      if (profileText === undefined || profileText.trim() === '') profile = mappingProfileSchema.parse(employer.mappingProfile);
      else {
        let json: unknown;
        try { json = JSON.parse(profileText); } catch { throw new ApiError(400, 'validation', 'profile: not JSON'); }
        // A union's error says only "invalid input": parse against the side the input means, so the error names the field.
        const parsed = json && typeof json === 'object' && 'preset' in json ? profileInput.safeParse(json) : mappingProfileSchema.strict().safeParse(json);
        if (!parsed.success) {
          throw new ApiError(400, 'validation', parsed.error.issues.map((i) => `profile${i.path.length ? `.${i.path.join('.')}` : ''}: ${i.message}`).join('; '));
        }
        profile = resolveProfile(parsed.data);
      }
      return { ...(await previewPayrollFile(tmp, fileName, profile, request.query.rows)), profile };
    } finally {
      await rm(tmp, { force: true });
    }
  });
};

export default employerRoutes;
