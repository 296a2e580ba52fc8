import { z } from 'zod';
import { mappingProfileSchema, PROFILE_PRESETS } from '../../../domain/payroll/mapping-profile';

const presetName = z.enum(Object.keys(PROFILE_PRESETS) as [string, ...string[]]);

/** A full profile, or `{ preset }` to start from one of the shipped ones. */
export const profileInput = z.union([z.object({ preset: presetName }).strict(), mappingProfileSchema.strict()]);

export const employerCreate = z.object({
  name: z.string().trim().min(1).max(200),
  country: z.enum(['NL', 'BE']),
  /** KvK (NL) or KBO/BCE (BE) number. */
  companyNumber: z.string().trim().min(1).max(20).optional(),
  mappingProfile: profileInput.optional(),
}).strict();

export const employerView = z.object({
  id: z.uuid(),
  name: z.string(),
  country: z.enum(['NL', 'BE']),
  companyNumber: z.string().nullable(),
  mappingProfile: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const idParams = z.object({ id: z.uuid() });
