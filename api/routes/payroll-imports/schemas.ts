import { z } from 'zod';
import { cursorParam } from '../../keyset-cursor';
import { CHANGE_KINDS } from '../../../domain/payroll/snapshot-diff';
import { CANONICAL_FIELDS } from '../../../domain/payroll/canonical';
import { IMPORT_STATUSES } from '../../../db/schema';

const importError = z.object({
  code: z.string(),
  file: z.string(),
  row: z.number().int().optional(),
  column: z.string().optional(),
  field: z.string().optional(),
  message: z.string(),
});

export const importView = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  period: z.string(),
  status: z.enum(IMPORT_STATUSES),
  stage: z.string(),
  progress: z.object({ stage: z.string(), rows: z.number().int() }).nullable(),
  rowCount: z.number().int().nullable(),
  errorCount: z.number().int(),
  errors: z.array(importError),
  changeCounts: z.partialRecord(z.enum(CHANGE_KINDS), z.number().int()),
  file: z.object({ name: z.string(), size: z.number().int(), sha256: z.string(), purged: z.boolean().describe('removed at the end of its retention term: no download') }),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  completedAt: z.string().nullable(),
  baselineImportId: z.uuid().nullable(),
  supersededBy: z.uuid().nullable(),
  workflowId: z.string(),
});

export const uploadAccepted = z.object({
  importId: z.uuid(),
  workflowId: z.string(),
  status: z.enum(IMPORT_STATUSES),
  duplicate: z.boolean(),
});

export const uploadQuery = z.object({
  /** Wait for the import to finish: 201 with the import, or 422 with the file's errors. */
  wait: z.enum(['true', 'false']).default('false'),
});

export const changesQuery = z.object({
  kind: z.enum(CHANGE_KINDS).optional(),
  field: z.enum(CANONICAL_FIELDS).optional(),
  supplierId: z.uuid().optional(),
  cursor: cursorParam,
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const changeView = z.object({
  id: z.string(),
  personId: z.uuid(),
  employeeNumber: z.string(),
  kind: z.enum(CHANGE_KINDS),
  field: z.string().nullable(),
  oldValue: z.string().nullable(),
  newValue: z.string().nullable(),
  supplierIds: z.array(z.uuid()),
});

export const changesPage = z.object({ items: z.array(changeView), nextCursor: z.string().nullable() });
