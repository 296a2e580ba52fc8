import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiTokens, employers, roles, sessions, users } from '../../../db/schema';
import type { RoleDefinition } from '../../../domain/access/permissions';
import { PERMISSIONS, isPermission, roleDefinitionProblem, roleGrantRefusal, withinReach } from '../../../domain/access/permissions';
import { passwordProblem } from '../../../domain/access/password-policy';
import { isCommonPassword } from '../../../infra/common-passwords';
import { hashPassword } from '../../../infra/password';
import { ApiError, notFound } from '../../errors';
import { deny } from '../../plugins/auth';
import { authorizeGrants, authorizeRoleGrant, grantorOf } from '../../scope';

const userView = z.object({
  id: z.uuid(), email: z.string(), name: z.string(), role: z.string(), employerIds: z.array(z.uuid()), language: z.enum(['nl', 'fr', 'en']),
  disabled: z.boolean(), lastLoginAt: z.string().nullable(), createdAt: z.string(),
});
const view = (u: typeof users.$inferSelect) => ({
  id: u.id, email: u.email, name: u.name, role: u.role, employerIds: u.employerIds, language: u.language, disabled: u.disabled,
  lastLoginAt: u.lastLoginAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString(),
});
/** A new password: long enough, and not one attackers try first (domain/access/password-policy.ts). */
const password = z.string().superRefine((pw, ctx) => {
  const problem = passwordProblem(pw, { isCommon: isCommonPassword });
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const roleView = z.object({ name: z.string(), permissions: z.array(z.string()), allEmployers: z.boolean(), builtin: z.boolean() });

/**
 * Users, their role and the employers granted to them; roles and their permissions. A user
 * administrator sees and changes only the users they could have made (docs/access.md).
 */
const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const roleMap = async () => new Map((await app.db.select().from(roles)).map((r): [string, RoleDefinition] => [r.name, { permissions: r.permissions.filter(isPermission), allEmployers: r.allEmployers }]));
  const reaches = (request: FastifyRequest, all: Map<string, RoleDefinition>, u: typeof users.$inferSelect) => {
    const role = all.get(u.role);
    return withinReach(grantorOf(request), role, role?.allEmployers ? 'all' : u.employerIds);
  };
  const checkRefs = async (request: FastifyRequest, role?: string, employerIds?: string[]) => {
    authorizeGrants(request, employerIds);
    if (role) await authorizeRoleGrant(app.db, request, role);
    if (employerIds?.length) {
      const found = await app.db.select({ id: employers.id }).from(employers).where(inArray(employers.id, employerIds));
      if (found.length !== new Set(employerIds).size) throw new ApiError(400, 'validation', 'body.employerIds: unknown employer');
    }
  };

  app.get('/api/users', {
    config: { permission: 'admin.users' },
    schema: { tags: ['users'], summary: 'Users', response: { 200: z.object({ items: z.array(userView) }) } },
  }, async (request) => {
    const all = await roleMap();
    return { items: (await app.db.select().from(users).orderBy(asc(users.email))).filter((u) => reaches(request, all, u)).map(view) };
  });

  app.post('/api/users', {
    config: { permission: 'admin.users' },
    schema: {
      tags: ['users'], summary: 'Create a user with a password, a role and the employers granted',
      body: z.object({
        email: z.email().transform((e) => e.toLowerCase()), name: z.string().trim().min(1).max(200), password, role: z.string().min(1).max(100),
        employerIds: z.array(z.uuid()).max(1000).default([]), language: z.enum(['nl', 'fr', 'en']).default('nl'),
      }),
      response: { 201: userView },
    },
  }, async (request, reply) => {
    const b = request.body;
    await checkRefs(request, b.role, b.employerIds);
    const [existing] = await app.db.select({ id: users.id }).from(users).where(eq(users.email, b.email));
    if (existing) throw new ApiError(409, 'email_taken', 'a user with this e-mail address exists already');
    const [row] = await app.db.insert(users).values({ email: b.email, name: b.name, passwordHash: await hashPassword(b.password), role: b.role, employerIds: b.employerIds, language: b.language }).returning();
    request.audit.resourceId = row.id;
    return reply.status(201).send(view(row));
  });

  app.patch('/api/users/:id', {
    config: { permission: 'admin.users' },
    schema: {
      tags: ['users'], summary: 'Change a user: role, employers, language, password; disabling ends their sessions',
      params: z.object({ id: z.uuid() }),
      body: z.object({
        name: z.string().trim().min(1).max(200).optional(), role: z.string().min(1).max(100).optional(), employerIds: z.array(z.uuid()).max(1000).optional(),
        language: z.enum(['nl', 'fr', 'en']).optional(), disabled: z.boolean().optional(), password: password.optional(),
        resetSecondFactor: z.literal(true).optional().describe('a lost authenticator: the user sets up a new one at the next sign-in'),
      }),
      response: { 200: userView },
    },
  }, async (request) => {
    const { password: pw, resetSecondFactor, ...rest } = request.body;
    const [current] = await app.db.select().from(users).where(eq(users.id, request.params.id));
    if (!current) throw notFound('user');
    // A user beyond the caller's reach (the global admin, another employer's, a health manager for one without health rights) does not exist for them.
    if (!reaches(request, await roleMap(), current)) deny(request, { reason: 'user beyond the administrator\'s reach' }, 'user not found', { status: 404, code: 'not_found' });
    await checkRefs(request, rest.role, rest.employerIds);
    const [row] = await app.db.update(users).set({
      ...rest,
      // A password set by an administrator also lifts a lock.
      ...(pw ? { passwordHash: await hashPassword(pw), passwordChangedAt: new Date(), failedLogins: 0, lockedUntil: null } : {}),
      ...(resetSecondFactor ? { totpSecretSealed: null, totpPendingSealed: null, totpEnabledAt: null, totpLastStep: null } : {}),
    }).where(eq(users.id, request.params.id)).returning();
    if (!row) throw notFound('user');
    if (rest.disabled || pw || resetSecondFactor || rest.role || rest.employerIds) await app.db.delete(sessions).where(eq(sessions.userId, row.id));
    // A disabled user's tokens are revoked with them (and refused meanwhile: see the auth plugin).
    if (rest.disabled) await app.db.delete(apiTokens).where(eq(apiTokens.ownerUserId, row.id));
    return view(row);
  });

  app.get('/api/roles', {
    config: { permission: 'admin.users' },
    schema: { tags: ['users'], summary: 'Roles and their permissions (area.action)', response: { 200: z.object({ items: z.array(roleView), permissions: z.array(z.string()) }) } },
  }, async () => ({
    items: (await app.db.select().from(roles).orderBy(asc(roles.name))).map((r) => ({ name: r.name, permissions: r.permissions, allEmployers: r.allEmployers, builtin: r.builtin })),
    permissions: PERMISSIONS,
  }));

  app.put('/api/roles/:name', {
    config: { permission: 'admin.users' },
    schema: {
      tags: ['users'], summary: 'Create or change a role of your own (built-in roles are fixed); only an administrator of every employer, and only with permissions they hold',
      params: z.object({ name: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'lower-case letters, digits and _') }),
      body: z.object({ permissions: z.array(z.enum(PERMISSIONS as [string, ...string[]])).max(100), allEmployers: z.boolean().default(false) }),
      response: { 200: roleView },
    },
  }, async (request) => {
    // Roles are shared by every employer's users: defining them is for one who sees every employer.
    if (request.principal!.employerIds !== 'all') deny(request, { reason: 'roles are global' }, 'roles are defined only by an administrator of every employer');
    const definition = { permissions: request.body.permissions.filter(isPermission), allEmployers: request.body.allEmployers };
    const problem = roleDefinitionProblem(definition);
    if (problem) throw new ApiError(400, 'validation', `body.permissions: ${problem}`);
    const refusal = roleGrantRefusal(grantorOf(request), definition);
    if (refusal) deny(request, { reason: 'role above the grantor' }, `body.permissions: ${refusal}`);
    const [current] = await app.db.select().from(roles).where(eq(roles.name, request.params.name));
    if (current?.builtin) throw new ApiError(409, 'builtin_role', 'built-in roles cannot be changed; create a role of your own');
    // Changing a role changes its holders' rights: only one who could grant what it grants now may do it.
    if (current) {
      const before = roleGrantRefusal(grantorOf(request), { permissions: current.permissions.filter(isPermission), allEmployers: current.allEmployers });
      if (before) deny(request, { reason: 'role above the grantor' }, `the role ${current.name}: ${before}`);
    }
    const values = { permissions: [...new Set(request.body.permissions)], allEmployers: request.body.allEmployers, updatedAt: new Date() };
    const [row] = await app.db.insert(roles).values({ name: request.params.name, ...values }).onConflictDoUpdate({ target: roles.name, set: values, where: and(eq(roles.builtin, false)) }).returning();
    return { name: row.name, permissions: row.permissions, allEmployers: row.allEmployers, builtin: row.builtin };
  });
};

export default userRoutes;
