import { z } from 'zod';
import { GENDERS } from '../../../domain/payroll/canonical';

export const familyMemberCreate = z.object({
  relation: z.enum(['partner', 'child']),
  firstName: z.string().trim().min(1).max(200).optional(),
  lastName: z.string().trim().min(1).max(200),
  namePrefix: z.string().trim().min(1).max(50).optional(),
  birthDate: z.iso.date(),
  gender: z.enum(GENDERS).optional(),
  /** BSN or INSZ, checked (11-check / mod-97) and stored as digits. */
  nationalId: z.string().trim().min(1).max(30).optional(),
}).strict();

export const familyMemberView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  relation: z.enum(['partner', 'child']),
  firstName: z.string().nullable(),
  lastName: z.string(),
  namePrefix: z.string().nullable(),
  birthDate: z.string(),
  gender: z.enum(GENDERS).nullable(),
  nationalId: z.string().nullable(),
  endDate: z.string().nullable().describe('No longer covered as a family member after this day'),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const familyMemberPatch = z.object({
  firstName: z.string().trim().min(1).max(200).nullable().optional(),
  lastName: z.string().trim().min(1).max(200).optional(),
  namePrefix: z.string().trim().min(1).max(50).nullable().optional(),
  birthDate: z.iso.date().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  nationalId: z.string().trim().min(1).max(30).nullable().optional(),
  /** Ends the family member (divorce, a child leaving the policy): their enrollments running past it end on it. */
  endDate: z.iso.date().nullable().optional(),
}).strict();

export const familyMemberChanged = familyMemberView.extend({
  messages: z.array(z.object({ id: z.uuid(), kind: z.string(), status: z.string() })).describe('messages made by the change: terminations, change messages'),
  resent: z.number().int().describe('sent messages re-sent as a new version'),
});

export const familyMemberList = z.object({ items: z.array(familyMemberView) });
