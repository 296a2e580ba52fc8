import { z } from 'zod';
import { CATEGORIES } from '../../../domain/payroll/canonical';

export const profileCreate = z.object({
  name: z.string().trim().min(1).max(200),
  /** Only hires of this category; omitted: every hire. */
  category: z.enum(CATEGORIES).optional(),
  plans: z.array(z.object({
    planId: z.uuid(),
    /** The enrollment starts this many days after the hire date (a deviating start). */
    startOffsetDays: z.number().int().min(0).max(3660).default(0),
  }).strict()).min(1).max(100),
}).strict();

export const profileView = z.object({
  id: z.uuid(),
  employerId: z.uuid(),
  name: z.string(),
  category: z.enum(CATEGORIES).nullable(),
  plans: z.array(z.object({ planId: z.uuid(), startOffsetDays: z.number().int() })),
  createdAt: z.string(),
});

export const profileList = z.object({ items: z.array(profileView) });
