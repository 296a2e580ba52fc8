import { daysBetween } from '../domain/shared/calendar';
import { isValidBsn, isValidInsz } from '../domain/shared/identifiers';
import type { RejectionCode, SupplierMessage } from './schema';
import { messageSchema, requiredFields } from './schema';

/** Texts name fields and rules, never values: national ids and names are personal data. */

export type SyncCheck =
  | { ok: true; message: SupplierMessage }
  | { ok: false; status: 400 | 422; code: string; message: string };

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function valueAt(body: unknown, path: string): unknown {
  let current: unknown = body;
  for (const part of path.split('.')) {
    if (!isPlainObject(current)) return undefined;
    current = current[part];
  }
  return current;
}

const isAbsent = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** The checks a supplier answers at once with 400/422. */
export function checkMessage(body: unknown): SyncCheck {
  if (!isPlainObject(body)) return { ok: false, status: 400, code: 'BODY_INVALID', message: 'the body must be a JSON object' };
  const missing = requiredFields(body.kind).filter((path) => isAbsent(valueAt(body, path)));
  if (missing.length > 0) {
    return { ok: false, status: 422, code: 'FIELD_MISSING', message: `required field(s) missing: ${missing.join(', ')}` };
  }
  const parsed = messageSchema.safeParse(body);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
    return { ok: false, status: 422, code: 'FIELD_INVALID', message: `field(s) with an invalid value: ${fields.join(', ')}` };
  }
  const message = parsed.data;
  if (!nationalIdValid(message.employer.country ?? null, message.person.nationalId)) {
    const rule = message.employer.country === 'BE' ? 'the INSZ mod-97 check' : message.employer.country === 'NL' ? 'the BSN 11-check' : 'the BSN 11-check or the INSZ mod-97 check';
    return { ok: false, status: 422, code: 'BSN_INVALID', message: `person.nationalId fails ${rule}` };
  }
  return { ok: true, message };
}

/** NL employers send a BSN, BE employers an INSZ; without a country either may pass. */
function nationalIdValid(country: 'NL' | 'BE' | null, nationalId: string): boolean {
  if (country === 'NL') return isValidBsn(nationalId);
  if (country === 'BE') return isValidInsz(nationalId);
  return isValidBsn(nationalId) || isValidInsz(nationalId);
}

/** KvK/KBO numbers as written differently by different systems ("BE 0403.170.701"). */
const normaliseCompanyNumber = (raw: string) => raw.trim().toUpperCase().replace(/^BE/, '').replace(/[\s.\-/]/g, '');

const MAX_START_AGE_DAYS = 120;

export interface RegistryView {
  collective(collectiveNumber: string): { companyNumber: string } | undefined;
  insurance(nationalId: string): { collectiveNumber: string; open: boolean } | undefined;
}

/** What processing does to the insured registry when the message is processed. */
export type RegistryEffect = 'open' | 'close' | 'none';

export type Decision =
  | { status: 'processed'; effect: RegistryEffect }
  | { status: 'rejected'; errorCode: RejectionCode; errorText: string };

const reject = (errorCode: RejectionCode, errorText: string): Decision => ({ status: 'rejected', errorCode, errorText });

/** The insurer's own processing, after the message was received. */
export function decide(message: SupplierMessage, receiptDate: string, registry: RegistryView): Decision {
  const collective = registry.collective(message.collectiveNumber);
  if (!collective) return reject('COLLECTIVE_UNKNOWN', 'the collective number is not registered with this insurer');
  if (normaliseCompanyNumber(collective.companyNumber) !== normaliseCompanyNumber(message.employer.companyNumber)) {
    return reject('COLLECTIVE_MISMATCH', 'the collective number belongs to another company number');
  }
  const insurance = registry.insurance(message.person.nationalId);
  const insuredHere = insurance?.open === true && insurance.collectiveNumber === message.collectiveNumber;
  switch (message.kind) {
    case 'enrollment':
      if (daysBetween(message.coverage.startDate, receiptDate) > MAX_START_AGE_DAYS) {
        return reject('START_TOO_OLD', `the coverage start is more than ${MAX_START_AGE_DAYS} days before the receipt date`);
      }
      if (insurance?.open && !insuredHere) {
        return reject('ALREADY_INSURED', 'the person is still insured through another collective');
      }
      return { status: 'processed', effect: 'open' };
    case 'termination':
      if (!insuredHere) return reject('NOT_INSURED', 'the person is not insured through this collective');
      return { status: 'processed', effect: 'close' };
    case 'change':
      if (!insuredHere) return reject('NOT_INSURED', 'the person is not insured through this collective');
      return { status: 'processed', effect: 'none' };
  }
}
