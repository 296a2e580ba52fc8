import { z } from 'zod';
import { PERIOD_PATTERN } from '../../../domain/shared/calendar';
import { cursorParam } from '../../keyset-cursor';
import { COMPARISON_RUN_STATUSES } from '../../../db/schema';
import { RESULT_KINDS, UNPARSEABLE_REASONS } from '../../../domain/reconciliation/comparison-matcher';

export const definitionView = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  definition: z.record(z.string(), z.unknown()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const fileView = z.object({ name: z.string(), size: z.number().int(), sha256: z.string() }).nullable();

const fileError = z.object({
  code: z.string(), file: z.string(), row: z.number().int().optional(), column: z.string().optional(), field: z.string().optional(), message: z.string(),
});

export const runView = z.object({
  id: z.uuid(),
  definitionId: z.uuid(),
  employerId: z.uuid(),
  definitionVersion: z.number().int(),
  status: z.enum(COMPARISON_RUN_STATUSES),
  stage: z.string(),
  progress: z.object({ stage: z.string(), rows: z.number().int() }).nullable(),
  sideA: z.object({ source: z.enum(['file', 'payroll']), label: z.string(), file: fileView, importId: z.uuid().nullable() }),
  sideB: z.object({ source: z.literal('file'), label: z.string(), file: fileView }),
  counts: z.record(z.string(), z.number().int()),
  errorCount: z.number().int(),
  errors: z.array(fileError),
  startedBy: z.string(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  workflowId: z.string(),
  /** A monthly comparison run by the cycle: its period and cycle (null for one on demand). */
  period: z.string().nullable(),
  cycleId: z.uuid().nullable(),
  resultsPurgedAt: z.string().nullable().describe('when the result lines (personal values) went at the end of the controls\' retention term: results and report then answer 410'),
});

export const runAccepted = z.object({ runId: z.uuid(), workflowId: z.string(), status: z.enum(COMPARISON_RUN_STATUSES) });

export const runQuery = z.object({
  /** Wait for the comparison: 201 with the run, or 422 with the file's errors. */
  wait: z.enum(['true', 'false']).default('false'),
  /** The same files again: compare once more (the earlier run stays) instead of 409. */
  replace: z.enum(['true', 'false']).default('false'),
});

export const resultsQuery = z.object({
  kind: z.enum(RESULT_KINDS).optional(),
  cursor: cursorParam,
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const resultView = z.object({
  id: z.string(),
  kind: z.enum(RESULT_KINDS),
  side: z.enum(['a', 'b']).nullable(),
  key: z.string().nullable(),
  field: z.string().nullable(),
  column: z.string().nullable(),
  reason: z.enum(UNPARSEABLE_REASONS).nullable(),
  aValue: z.string().nullable(),
  bValue: z.string().nullable(),
  aRow: z.number().int().nullable(),
  bRow: z.number().int().nullable(),
  firstRow: z.number().int().nullable(),
});

export const resultsPage = z.object({ items: z.array(resultView), nextCursor: z.string().nullable() });

export const reportQuery = z.object({ lang: z.enum(['nl', 'fr', 'en']).default('en') });

export const periodParams = z.object({ id: z.uuid(), period: z.string().regex(PERIOD_PATTERN, 'a period YYYY-MM') });

export const periodFileQuery = z.object({ side: z.enum(['a', 'b']).default('b') });

export const periodView = z.object({
  definitionId: z.uuid(),
  period: z.string(),
  monthly: z.boolean(),
  files: z.array(z.object({
    side: z.enum(['a', 'b']), name: z.string(), size: z.number().int(), sha256: z.string(), uploadedBy: z.string(), uploadedAt: z.string(),
  })),
  /** File sides with no upload for the period yet. */
  missing: z.array(z.enum(['a', 'b'])),
  runs: z.array(runView),
});
