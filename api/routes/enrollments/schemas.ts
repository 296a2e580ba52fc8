import { z } from 'zod';
import { cursorParam } from '../../keyset-cursor';
import { ENROLLMENT_SOURCES, MESSAGE_KINDS } from '../../../db/schema';
import { MESSAGE_STATUSES } from '../../../domain/messages/lifecycle';

const isoDate = z.iso.date();

export const enrollmentCreate = z.object({
  personId: z.uuid(),
  planId: z.uuid(),
  startDate: isoDate,
  endDate: isoDate.optional(),
  /** Set when the enrollment covers the person's partner or child. */
  familyMemberId: z.uuid().optional(),
}).strict();

export const enrollmentPatch = z.object({
  startDate: isoDate.optional(),
  /** Sets or corrects the end date; an end date cannot be removed. */
  endDate: isoDate.optional(),
}).strict().refine((b) => b.startDate !== undefined || b.endDate !== undefined, 'give startDate, endDate or both');

export const enrollmentQuery = z.object({
  personId: z.uuid().optional(),
  planId: z.uuid().optional(),
  employerId: z.uuid().optional(),
  supplierId: z.uuid().optional(),
  cursor: cursorParam,
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const enrollmentView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  employerId: z.uuid(),
  employeeNumber: z.string(),
  familyMemberId: z.uuid().nullable(),
  planId: z.uuid(),
  planName: z.string(),
  supplierId: z.uuid(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  source: z.enum(ENROLLMENT_SOURCES),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A message as created or re-sent by an enrollment change: enough for HR to act on warnings at once. */
const messageSummary = z.object({
  id: z.uuid(),
  kind: z.enum(MESSAGE_KINDS),
  status: z.enum(MESSAGE_STATUSES),
  version: z.number().int(),
  sendDate: z.string(),
  missingFields: z.array(z.string()),
  warnings: z.array(z.object({
    code: z.string(), message: z.string(),
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe('the figures of the warning, for the UI to say it in the user\'s language'),
  })),
});

export const enrollmentCreated = z.object({ enrollment: enrollmentView, messages: z.array(messageSummary) });

export const enrollmentPatched = z.object({
  enrollment: enrollmentView,
  /** Messages this change created (a termination, or a new enrollment message after a failed one). */
  messages: z.array(messageSummary),
  /** Sent messages re-sent as a new version (start or end date changed). */
  resent: z.array(z.object({ messageId: z.uuid(), version: z.number().int() })),
});

export const enrollmentPage = z.object({ items: z.array(enrollmentView), nextCursor: z.string().nullable() });

export const importProblem = z.object({
  row: z.number().int().optional(),
  column: z.string().optional(),
  code: z.string(),
  message: z.string(),
});

export const importResult = z.object({
  /** New enrollments. */
  created: z.number().int(),
  /** Existing open enrollments that got an end date. */
  ended: z.number().int(),
  /** Existing enrollments whose end date was corrected. */
  updated: z.number().int(),
  /** Rows that matched an enrollment as it already stood. */
  unchanged: z.number().int(),
  /** Messages created (always 0 for an initial load). */
  messages: z.number().int(),
});
