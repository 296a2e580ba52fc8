import { z } from 'zod';

/** The message body of docs/http-message-channel.md. Unknown fields are allowed everywhere. */
const isoDate = z.iso.date();
const text = z.string().trim().min(1);

const messageKinds = ['enrollment', 'termination', 'change'] as const;
export type MessageKind = (typeof messageKinds)[number];

export const messageSchema = z.looseObject({
  messageId: text,
  version: z.number().int().positive(),
  kind: z.enum(messageKinds),
  collectiveNumber: text,
  employer: z.looseObject({
    country: z.enum(['NL', 'BE']).nullish(),
    companyNumber: text,
  }),
  insured: z.enum(['employee', 'partner', 'child']).nullish(),
  person: z.looseObject({
    nationalId: text,
    lastName: text,
    birthDate: isoDate,
  }),
  coverage: z.looseObject({
    startDate: isoDate,
    endDate: isoDate.nullish(),
  }),
  changedFields: z.array(z.string()).nullish(),
  callbackUrl: z.url({ protocol: /^https?$/ }).nullish(),
});

export type SupplierMessage = z.output<typeof messageSchema>;

/** Required paths; a termination also needs its end date. */
export function requiredFields(kind: unknown): string[] {
  const base = [
    'messageId', 'version', 'kind', 'collectiveNumber', 'employer.companyNumber',
    'person.nationalId', 'person.lastName', 'person.birthDate', 'coverage.startDate',
  ];
  return kind === 'termination' ? [...base, 'coverage.endDate'] : base;
}

export type AnswerStatus = 'received' | 'processed' | 'rejected';

export type RejectionCode = 
  | 'COLLECTIVE_UNKNOWN'
  | 'COLLECTIVE_MISMATCH'
  | 'START_TOO_OLD'
  | 'ALREADY_INSURED'
  | 'NOT_INSURED';
