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
  createdAt: z.string(),
});

export const familyMemberList = z.object({ items: z.array(familyMemberView) });
