import { eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contributionSettings, employers, plans } from '../../../db/schema';
import { DEFAULT_CONTRIBUTION_LAYOUT, contributionLayoutSchema } from '../../../domain/contributions/layout';
import { isPeriod } from '../../../domain/shared/calendar';
import { deliveryCredentialsSchema, deliveryTargetSchema } from '../../../infra/delivery';
import { actorOf } from '../../actor';
import { ApiError, notFound } from '../../errors';
import { checkDeliveryTarget } from '../../outbound-check';
import { authorizeEmployer } from '../../plugins/auth';

const settingsBody = z.object({
  layout: contributionLayoutSchema.describe('csv|xlsx, columns (employeeNumber, payCode, amount, employerAmount, period, month, reason, reasonLabel, version, fixed), pay code per plan id (docs/benefits.md)'),
  delivery: deliveryTargetSchema.optional().describe('sftp | email | http | download, as for reports (docs/delivery.md); no secrets here'),
  deliveryCredentials: deliveryCredentialsSchema.nullable().optional().describe('sealed at rest, never returned; null removes them'),
  firstPeriod: z.string().refine(isPeriod, 'a period yyyy-mm').nullable().optional().describe('the first month contributions are computed for; no corrections before it (default: the first file\'s period)'),
  retroMonths: z.number().int().min(0).max(24).optional().describe('how many months back a change is still corrected (default 12)'),
});

const settingsView = z.object({
  employerId: z.uuid(),
  configured: z.boolean(),
  layout: z.record(z.string(), z.unknown()),
  delivery: z.record(z.string(), z.unknown()),
  hasDeliveryCredentials: z.boolean(),
  firstPeriod: z.string().nullable(),
  retroMonths: z.number().int(),
});

const contributionSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const employer = async (request: Parameters<typeof authorizeEmployer>[0], id: string) => {
    authorizeEmployer(request, id, {}, 'employer');
    const [row] = await app.db.select({ id: employers.id }).from(employers).where(eq(employers.id, id));
    if (!row) throw notFound('employer');
  };
  const view = async (employerId: string) => {
    const [s] = await app.db.select().from(contributionSettings).where(eq(contributionSettings.employerId, employerId));
    return {
      employerId, configured: Boolean(s),
      layout: (s?.layout ?? DEFAULT_CONTRIBUTION_LAYOUT) as Record<string, unknown>,
      delivery: (s?.delivery ?? { transport: 'download' }) as Record<string, unknown>,
      hasDeliveryCredentials: Boolean(s?.deliveryCredentialsEncrypted),
      firstPeriod: s?.firstPeriod ?? null, retroMonths: s?.retroMonths ?? 12,
    };
  };

  app.get('/api/employers/:id/contribution-settings', {
    config: { permission: 'reports.view' },
    schema: { tags: ['contributions'], summary: 'How the employer\'s payroll wants its contribution file (defaults until set)', params: z.object({ id: z.uuid() }), response: { 200: settingsView } },
  }, async (request) => {
    await employer(request, request.params.id);
    return view(request.params.id);
  });

  app.put('/api/employers/:id/contribution-settings', {
    config: { permission: 'employers.manage' },
    schema: {
      tags: ['contributions'], summary: 'Set the contribution file\'s layout, pay codes, delivery and correction window',
      params: z.object({ id: z.uuid() }), body: settingsBody, response: { 200: settingsView },
    },
  }, async (request) => {
    const employerId = request.params.id;
    await employer(request, employerId);
    const b = request.body;
    const planIds = Object.keys(b.layout.payCodes);
    if (planIds.length) {
      const known = new Set((await app.db.select({ id: plans.id, formula: plans.premiumFormula }).from(plans).where(inArray(plans.id, planIds))).filter((p) => p.formula).map((p) => p.id));
      const unknown = planIds.find((id) => !known.has(id));
      if (unknown) throw new ApiError(400, 'validation', `body.layout.payCodes.${unknown}: no such plan with a premium formula`);
    }
    // The file carries employee numbers, pay codes and amounts, no national ids: PGP is not required to send it.
    if (b.delivery) await checkDeliveryTarget(app.outbound, b.delivery, { hasPgpKey: true, format: null });
    const set: Partial<typeof contributionSettings.$inferInsert> = { layout: b.layout, updatedAt: new Date(), updatedBy: actorOf(request) };
    if (b.delivery) set.delivery = b.delivery;
    if (b.deliveryCredentials !== undefined) set.deliveryCredentialsEncrypted = b.deliveryCredentials ? app.secrets.seal(b.deliveryCredentials) : null;
    if (b.firstPeriod !== undefined) set.firstPeriod = b.firstPeriod;
    if (b.retroMonths !== undefined) set.retroMonths = b.retroMonths;
    await app.db.insert(contributionSettings).values({ employerId, layout: b.layout, updatedBy: actorOf(request), ...set })
      .onConflictDoUpdate({ target: contributionSettings.employerId, set });
    return view(employerId);
  });
};

export default contributionSettingsRoutes;
