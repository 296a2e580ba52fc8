import type { SupplierChannel } from '../suppliers/channel';
import type { SupplierKind } from '../suppliers/supplier-kind';
import type { RuleBreach, MessageKind } from './rules';
import { missingFields, requiredFields, sendDateFor, startTooOld } from './rules';
import { ADDRESS_FIELDS } from '../payroll/canonical';

/** Everything a message is assessed and built from (db/queries/messages loads it). */
export interface MessageContext {
  employer: { id: string; country: 'NL' | 'BE'; companyNumber: string | null };
  supplier: { id: string; name: string; kind: SupplierKind; channel: SupplierChannel; credentialsEncrypted: string | null };
  link: { collectiveNumber: string; deliverFrom: string } | null;
  person: { id: string; data: Record<string, unknown> };
  enrollment: { id: string; planId: string; planName: string; planCode: string | null; startDate: string; endDate: string | null; familyMemberId: string | null } | null;
  familyMember: { relation: 'partner' | 'child'; data: Record<string, unknown> } | null;
}

export interface Assessment {
  sendDate: string;
  missing: string[];
  /** The 120-day rule, judged for the day it would actually leave. */
  tooOld: RuleBreach | null;
}

/**
 * Where a message stands on `today`: what it lacks, when it may leave and whether the
 * insurer would refuse its start date then. The insured's own data counts for a partner or child;
 * they live at the person's address (the message carries the person's).
 */
export function assess(kind: MessageKind, factDate: string, ctx: MessageContext, today: string, needsConfirmation = false): Assessment {
  const sendDate = sendDateFor(factDate, ctx.link?.deliverFrom ?? factDate);
  const leaves = sendDate > today ? sendDate : today;
  const insured = ctx.familyMember
    ? { ...Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, ctx.person.data[f]])), ...ctx.familyMember.data }
    : ctx.person.data;
  const missing = missingFields(insured, requiredFields(kind, ctx.supplier.kind));
  if (!ctx.employer.companyNumber) missing.push('employer.companyNumber');
  if (!ctx.link) missing.push('employerSupplier.collectiveNumber');
  if (kind === 'termination' && !ctx.enrollment?.endDate) missing.push('enrollment.endDate');
  if (needsConfirmation) missing.push('confirmation');
  return { sendDate, missing, tooOld: startTooOld(kind, ctx.enrollment?.startDate ?? null, leaves) };
}
