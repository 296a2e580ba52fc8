import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { accidentSettingsFor } from '../../../db/queries/accidents';
import { accidentDeclarationRules, accidentSettings, employers, suppliers } from '../../../db/schema';
import { DEFAULT_RULES } from '../../../domain/accidents/deadlines';
import type { FastifyRequest } from 'fastify';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';

const settingsSchema = z.object({
  notifyEmails: z.array(z.email()).max(20).describe('who receives reminders and escalations (reference and link only, no personal data)'),
  sickNoteRemindDays: z.number().int().min(1).max(30),
  paymentDueDay: z.number().int().min(1).max(28).describe('the allowance for a month is expected by this day of the next month'),
});

const ruleSchema = z.object({
  country: z.enum(['BE', 'NL']),
  supplierId: z.uuid().nullable().describe('an insurer\'s own term; null: the country\'s'),
  days: z.number().int().min(1).max(60).describe('calendar days to declare, counted from the day after the accident'),
  reminderDays: z.array(z.number().int().min(1).max(60)).max(10),
  reminderHour: z.number().int().min(0).max(23),
});

const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const employer = async (request: FastifyRequest, id: string) => {
    authorizeEmployer(request, id, {}, 'employer');
    const [row] = await app.db.select({ id: employers.id }).from(employers).where(eq(employers.id, id));
    if (!row) throw notFound('employer');
  };

  app.get('/api/employers/:id/accident-settings', {
    config: { permission: 'accidents.view' },
    schema: { tags: ['accidents'], summary: 'Who is told about the employer\'s accident cases, and the follow-up terms', params: z.object({ id: z.uuid() }), response: { 200: settingsSchema } },
  }, async (request) => {
    await employer(request, request.params.id);
    return accidentSettingsFor(app.db, request.params.id);
  });

  app.put('/api/employers/:id/accident-settings', {
    config: { permission: 'accidents.manage' },
    schema: { tags: ['accidents'], summary: 'Set who is told about accident cases, and the follow-up terms', params: z.object({ id: z.uuid() }), body: settingsSchema, response: { 200: settingsSchema } },
  }, async (request) => {
    await employer(request, request.params.id);
    const values = { ...request.body, updatedAt: new Date() };
    await app.db.insert(accidentSettings).values({ employerId: request.params.id, ...values }).onConflictDoUpdate({ target: accidentSettings.employerId, set: values });
    return accidentSettingsFor(app.db, request.params.id);
  });

  app.get('/api/accident-rules', {
    config: { permission: 'accidents.view' },
    schema: {
      tags: ['accidents'], summary: 'Declaration terms: the built-in defaults per country and the configured ones (per country or insurer)',
      response: { 200: z.object({ defaults: z.array(ruleSchema), configured: z.array(ruleSchema) }) },
    },
  }, async () => {
    const rows = await app.db.select().from(accidentDeclarationRules);
    return {
      defaults: (['BE', 'NL'] as const).map((country) => ({ country, supplierId: null, days: DEFAULT_RULES[country].days, reminderDays: DEFAULT_RULES[country].reminderDays, reminderHour: DEFAULT_RULES[country].reminderHour })),
      configured: rows.map((r) => ({ country: r.country, supplierId: r.supplierId, days: r.days, reminderDays: r.reminderDays, reminderHour: r.reminderHour })),
    };
  });

  app.put('/api/accident-rules', {
    // Every employer's cases, reports or messages follow this setting: a platform permission.
    config: { permission: 'platform.settings' },
    schema: { tags: ['accidents'], summary: 'Set the declaration term of a country, or of one insurer in it (applies to cases registered from now on)', body: ruleSchema, response: { 200: ruleSchema } },
  }, async (request) => {
    const b = request.body;
    if (b.reminderDays.some((d) => d >= b.days)) throw new ApiError(400, 'validation', 'body.reminderDays: each before the last day of the term');
    if (b.supplierId) {
      const [s] = await app.db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, b.supplierId));
      if (!s) throw new ApiError(400, 'validation', 'body.supplierId: no such supplier');
    }
    await app.db.insert(accidentDeclarationRules).values(b).onConflictDoUpdate({
      target: [accidentDeclarationRules.country, accidentDeclarationRules.supplierId],
      set: { days: b.days, reminderDays: b.reminderDays, reminderHour: b.reminderHour, updatedAt: new Date() },
    });
    return b;
  });
};

export default settingsRoutes;
