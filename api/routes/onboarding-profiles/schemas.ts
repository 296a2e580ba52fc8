import { z } from 'zod';
import { CATEGORIES } from '../../../domain/payroll/canonical';
import { filterSchema } from '../../../domain/eligibility/filter';

export const profileCreate = z.object({
  name: z.string().trim().min(1).max(200),
  /** Only hires of this category; omitted: every hire. */
  category: z.enum(CATEGORIES).optional(),
  /** And only hires this eligibility filter matches on their hire date (age, seniority, work-time %, country, custom columns, …); omitted: no further condition. */
  eligibility: filterSchema.optional(),
  plans: z.array(z.object({
    planId: z.uuid(),
    /** The enrollment starts this many days after the hire date (a deviating start). */
    startOffsetDays: z.number().int().min(0).max(3660).default(0),
    /** Or on this fixed date (e.g. the plan's next renewal), never before the hire date; wins over the offset. */
    startDate: z.iso.date().optional(),
  }).strict()).min(1).max(100),
}).strict();

export const profileParams = z.object({ id: z.uuid(), profileId: z.uuid() });

export const profileView = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  name: z.string(),
  category: z.enum(CATEGORIES).nullable(),
  eligibility: z.unknown().nullable(),
  plans: z.array(z.object({ planId: z.uuid(), startOffsetDays: z.number().int(), startDate: z.string().nullable() })),
  createdAt: z.string(),
  updatedAt: z.string().nullable(),
});

export const profileList = z.object({ items: z.array(profileView) });
