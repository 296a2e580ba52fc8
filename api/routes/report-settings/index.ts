import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { supplierReportSettings, suppliers } from '../../../db/schema';
import { CONFIRM_KINDS, DEFAULT_CONFIRM_KINDS } from '../../../domain/suppliers/confirmation';
import { defaultReportFormat, reportFormatSchema } from '../../../domain/reports/format';
import type { SupplierKind } from '../../../domain/suppliers/supplier-kind';
import { deliveryCredentialsSchema, deliveryTargetSchema } from '../../../infra/delivery';
import { checkPublicKey } from '../../../infra/pgp';
import { ApiError, notFound } from '../../errors';
import { checkDeliveryTarget } from '../../outbound-check';

const settingsBody = z.object({
  format: reportFormatSchema.optional().describe('columns, language, date and decimal formats, csv|xlsx, sheets, file name pattern (docs/reports.md)'),
  confirmKinds: z.array(z.enum(CONFIRM_KINDS)).optional().describe('change kinds the employer confirms before they are communicated, by message or in the monthly report (default none; an employer may set its own on its link)'),
  delivery: deliveryTargetSchema.optional().describe('sftp | email | http | download (docs/delivery.md); no secrets here'),
  deliveryCredentials: deliveryCredentialsSchema.nullable().optional().describe('sealed at rest, never returned; null removes them'),
  pgpPublicKey: z.string().max(100_000).nullable().optional().describe('armoured OpenPGP public key: reports are encrypted to it and signed'),
});

const settingsView = z.object({
  supplierId: z.uuid(),
  format: z.record(z.string(), z.unknown()),
  confirmKinds: z.array(z.string()),
  delivery: z.record(z.string(), z.unknown()),
  hasDeliveryCredentials: z.boolean(),
  pgp: z.object({ fingerprint: z.string(), userIds: z.array(z.string()) }).nullable(),
});

const reportSettingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const supplierKind = async (id: string) => {
    const [s] = await app.db.select({ kind: suppliers.kind }).from(suppliers).where(eq(suppliers.id, id));
    if (!s) throw notFound('supplier');
    return s.kind as SupplierKind;
  };
  const view = async (supplierId: string, kind: SupplierKind) => {
    const [s] = await app.db.select().from(supplierReportSettings).where(eq(supplierReportSettings.supplierId, supplierId));
    const pgp = s?.pgpPublicKey ? await checkPublicKey(s.pgpPublicKey) : null;
    return {
      supplierId,
      format: (s?.format ?? defaultReportFormat(kind)) as Record<string, unknown>,
      confirmKinds: s?.confirmKinds ?? [...DEFAULT_CONFIRM_KINDS],
      delivery: (s?.delivery ?? { transport: 'download' }) as Record<string, unknown>,
      hasDeliveryCredentials: Boolean(s?.deliveryCredentialsEncrypted),
      pgp: pgp?.ok ? { fingerprint: pgp.fingerprint, userIds: pgp.userIds } : null,
    };
  };

  app.get('/api/suppliers/:id/report-settings', {
    config: { permission: 'reports.view' },
    schema: { tags: ['reports'], summary: 'How a supplier wants its monthly report (defaults of its kind until set)', params: z.object({ id: z.uuid() }), response: { 200: settingsView } },
  }, async (request) => view(request.params.id, await supplierKind(request.params.id)));

  app.put('/api/suppliers/:id/report-settings', {
    // Every employer's cases, reports or messages follow this setting: a platform permission.
    config: { permission: 'platform.settings' },
    schema: {
      tags: ['reports'], summary: 'Set a supplier\'s report format, confirmation kinds, delivery and PGP key',
      params: z.object({ id: z.uuid() }), body: settingsBody, response: { 200: settingsView },
    },
  }, async (request) => {
    const supplierId = request.params.id;
    const kind = await supplierKind(supplierId);
    const b = request.body;
    if (b.pgpPublicKey) {
      const key = await checkPublicKey(b.pgpPublicKey);
      if (!key.ok) throw new ApiError(400, 'validation', `body.pgpPublicKey: ${key.reason}`);
    }
    if (b.delivery || b.format || b.pgpPublicKey !== undefined) {
      // The settings as they will be: where the report goes, whether it is encrypted, what it can carry.
      const [stored] = await app.db.select().from(supplierReportSettings).where(eq(supplierReportSettings.supplierId, supplierId));
      const delivery = deliveryTargetSchema.safeParse(b.delivery ?? stored?.delivery ?? { transport: 'download' });
      if (delivery.success) {
        await checkDeliveryTarget(app.outbound, delivery.data, {
          hasPgpKey: b.pgpPublicKey !== undefined ? Boolean(b.pgpPublicKey) : Boolean(stored?.pgpPublicKey),
          format: b.format ?? stored?.format ?? defaultReportFormat(kind),
        });
      }
    }
    const set: Partial<typeof supplierReportSettings.$inferInsert> = { updatedAt: new Date() };
    if (b.format) set.format = b.format;
    if (b.confirmKinds) set.confirmKinds = b.confirmKinds;
    if (b.delivery) set.delivery = b.delivery;
    if (b.deliveryCredentials !== undefined) set.deliveryCredentialsEncrypted = b.deliveryCredentials ? app.secrets.seal(b.deliveryCredentials) : null;
    if (b.pgpPublicKey !== undefined) set.pgpPublicKey = b.pgpPublicKey;
    await app.db.insert(supplierReportSettings).values({ supplierId, format: b.format ?? defaultReportFormat(kind), confirmKinds: [...DEFAULT_CONFIRM_KINDS], ...set })
      .onConflictDoUpdate({ target: supplierReportSettings.supplierId, set });
    return view(supplierId, kind);
  });
};

export default reportSettingsRoutes;
