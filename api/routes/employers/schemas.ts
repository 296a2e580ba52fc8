import { z } from 'zod';
import { STATEMENT_LANGS } from '../../../domain/statements/labels';
import { mappingProfileSchema, PROFILE_PRESETS } from '../../../domain/payroll/mapping-profile';
import { CANONICAL_FIELDS } from '../../../domain/payroll/canonical';

const presetName = z.enum(Object.keys(PROFILE_PRESETS) as [string, ...string[]]);

/** A full profile, or `{ preset }` to start from one of the shipped ones. */
export const profileInput = z.union([z.object({ preset: presetName }).strict(), mappingProfileSchema.strict()]);

export const employerCreate = z.object({
  name: z.string().trim().min(1).max(200),
  country: z.enum(['NL', 'BE']),
  /** KvK (NL) or KBO/BCE (BE) number. */
  companyNumber: z.string().trim().min(1).max(20).optional(),
  mappingProfile: profileInput.optional(),
  /** What Mutaflow writes for the employer's people (statements) is in this language unless a person has their own; default by country. */
  language: z.enum(STATEMENT_LANGS).optional(),
}).strict();

export const employerPatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  language: z.enum(STATEMENT_LANGS).optional(),
}).strict();

export const employerView = z.object({
  id: z.uuid(),
  name: z.string(),
  country: z.enum(['NL', 'BE']),
  companyNumber: z.string().nullable(),
  language: z.enum(STATEMENT_LANGS),
  mappingProfile: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});

export const idParams = z.object({ id: z.uuid() });

export const previewQuery = z.object({ rows: z.coerce.number().int().min(1).max(50).default(10).describe('how many rows of the sample to map') });

const importError = z.object({
  code: z.string(), file: z.string(), row: z.number().optional(), column: z.string().optional(), field: z.string().optional(), message: z.string(),
});

/** A sample file under a mapping profile, as the import would read it. */
export const mappingPreviewView = z.object({
  format: z.enum(['csv', 'xlsx']).nullable(),
  columns: z.array(z.object({ header: z.string(), field: z.enum(CANONICAL_FIELDS).nullable() })),
  missingRequired: z.array(z.enum(CANONICAL_FIELDS)).describe('required fields no column of the file maps to'),
  rows: z.array(z.object({
    row: z.number(),
    values: z.record(z.string(), z.string().nullable()).nullable(),
    custom: z.record(z.string(), z.string().nullable()).nullable(),
    errors: z.array(importError),
  })),
  fileErrors: z.array(importError),
  /** The profile the sample was read with (a preset resolved): what saving would store. */
  profile: z.record(z.string(), z.unknown()),
});
