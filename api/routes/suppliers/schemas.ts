import { z } from 'zod';
import { CANONICAL_FIELDS } from '../../../domain/payroll/canonical';
import { channelCredentialsSchema, supplierChannelSchema } from '../../../domain/suppliers/channel';
import { SUPPLIER_KINDS } from '../../../domain/suppliers/supplier-kind';

export const supplierCreate = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.enum(SUPPLIER_KINDS),
  /** Canonical fields this supplier needs; omitted: its kind's defaults. */
  fields: z.array(z.enum(CANONICAL_FIELDS)).max(CANONICAL_FIELDS.length).optional(),
  channel: supplierChannelSchema.optional(),
  /** Sealed at rest, never returned. */
  credentials: channelCredentialsSchema.optional(),
}).strict();

export const supplierPatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  kind: z.enum(SUPPLIER_KINDS).optional(),
  /** Canonical fields this supplier needs; null: its kind's defaults. */
  fields: z.array(z.enum(CANONICAL_FIELDS)).max(CANONICAL_FIELDS.length).nullable().optional(),
}).strict().refine((b) => Object.keys(b).length > 0, { message: 'name, kind or fields' });

export const channelUpdate = z.object({
  channel: supplierChannelSchema,
  /** New credentials (sealed at rest, never returned); omitted: keep the current ones; null: remove them. */
  credentials: channelCredentialsSchema.nullable().optional(),
  /** Issue a new callback token; the old one stops working at once. */
  rotateCallbackToken: z.boolean().optional(),
}).strict();

export const supplierView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(SUPPLIER_KINDS),
  fields: z.array(z.string()).nullable(),
  /** Holds no secrets by construction. */
  channel: supplierChannelSchema,
  hasCredentials: z.boolean(),
  hasCallbackToken: z.boolean(),
  createdAt: z.string(),
});

/** A view plus, only in the answer that issued it, the callback token (shown once). */
export const supplierWithToken = supplierView.extend({
  callbackToken: z.string().optional(),
  callbackUrl: z.string().optional(),
});

export const supplierList = z.object({ items: z.array(supplierView) });
