/**
 * The body of a message on the HTTP/JSON channel (docs/http-message-channel.md), built from
 * the data as it is when the message leaves — a correction made before sending goes along.
 */
export const PAYLOAD_PERSON_FIELDS = [
  'employeeNumber', 'nationalId', 'lastName', 'namePrefix', 'firstName', 'initials', 'birthDate', 'gender',
  'nationality', 'street', 'houseNumber', 'postalCode', 'city', 'country', 'partnerLastName', 'partnerNamePrefix',
] as const;

export interface PayloadInput {
  messageId: string;
  version: number;
  kind: 'enrollment' | 'termination' | 'change';
  collectiveNumber: string;
  employer: { country: 'NL' | 'BE'; companyNumber: string };
  person: Record<string, unknown>;
  familyMember: { relation: 'partner' | 'child'; data: Record<string, unknown> } | null;
  coverage: { planId: string; planName: string; planCode: string | null; startDate: string; endDate: string | null } | null;
  changedFields: string[];
  callbackUrl: string | null;
}

const pick = (data: Record<string, unknown>, fields: readonly string[]) =>
  Object.fromEntries(fields.map((f) => [f, (data[f] as string | null | undefined) ?? null]));

export function buildPayload(p: PayloadInput): Record<string, unknown> {
  const person = pick(p.person, PAYLOAD_PERSON_FIELDS);
  const body: Record<string, unknown> = {
    messageId: p.messageId,
    version: p.version,
    kind: p.kind,
    collectiveNumber: p.collectiveNumber,
    employer: p.employer,
    insured: p.familyMember?.relation ?? 'employee',
    person,
    coverage: p.coverage,
    changedFields: p.changedFields,
  };
  if (p.familyMember) {
    body.member = pick(p.familyMember.data, ['nationalId', 'lastName', 'namePrefix', 'firstName', 'birthDate', 'gender']);
  }
  if (p.callbackUrl) body.callbackUrl = p.callbackUrl;
  return body;
}

export const idempotencyKey = (messageId: string, version: number) => `${messageId}:${version}`;
