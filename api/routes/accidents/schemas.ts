import { z } from 'zod';
import { ACCIDENT_DOCUMENT_KINDS } from '../../../db/schema';
import { ACCIDENT_STATUSES } from '../../../domain/accidents/status';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

const accidentDetailsSchema = z.object({
  description: text(5000).describe('what happened (health data: sealed, shown only with the health permission)'),
  witnesses: z.array(z.object({ name: text(200), contact: z.string().trim().max(200).nullish() })).max(20).default([]),
  injuries: z.array(z.object({ bodyPart: text(200), nature: text(200) })).max(20).default([]),
  firstAid: z.string().trim().max(2000).nullish().transform((v) => v || null),
  medicalCare: z.string().trim().max(2000).nullish().transform((v) => v || null).describe('care beyond first aid: a doctor, a hospital'),
  prevention: z.string().trim().max(2000).nullish().transform((v) => v || null).describe('measures taken against recurrence'),
});

export const registerBody = accidentDetailsSchema.extend({
  personId: z.uuid(),
  occurredAt: z.string().trim().max(40).describe('ISO 8601 with an offset, or a local "yyyy-mm-ddThh:mm" in the employer\'s country'),
  place: text(500),
  incapacityFrom: date.nullish().transform((v) => v ?? null).describe('the first day the victim could not work'),
  wageLoss: z.boolean().default(false),
  fatal: z.boolean().default(false),
  supplierId: z.uuid().nullish().describe('the accident insurer; by default the one the person is enrolled with on the day'),
  policyNumber: z.string().trim().max(100).nullish(),
});

export const accidentParams = z.object({ id: z.uuid() });

const iso = z.string();
export const accidentSummary = z.object({
  id: z.uuid(), reference: z.string(), employerId: z.uuid(), personId: z.uuid(), status: z.enum(ACCIDENT_STATUSES), country: z.enum(['NL', 'BE']),
  occurredAt: iso, learnedAt: iso.nullable(), place: z.string(), incapacityFrom: z.string().nullable(), workResumedOn: z.string().nullable(), fatal: z.boolean().nullable(),
  healthRestricted: z.boolean().describe('true: the health facts (incapacity, return to work, fatal) are withheld: they need the accidents.health permission'),
  supplierId: z.uuid().nullable(), policyNumber: z.string().nullable(), claimNumber: z.string().nullable(), portalReference: z.string().nullable(),
  deadline: z.object({ date: z.string(), at: iso, overdue: z.boolean() }).nullable().describe('the last day to declare (null in the first-aid register)'),
  declaredAt: iso.nullable(), declaredVia: z.enum(['channel', 'download']).nullable(), declaredBy: z.string().nullable(),
  closedAt: iso.nullable(), closedBy: z.string().nullable(), workflowId: z.string().nullable(), createdBy: z.string(), createdAt: iso,
});

export const accidentDocumentView = z.object({
  id: z.uuid(), kind: z.enum(ACCIDENT_DOCUMENT_KINDS).nullable().describe('null without the health permission (except a declaration)'), mediaType: z.string(), size: z.number(),
  fileName: z.string().nullable().describe('only with the health permission'),
  validFrom: z.string().nullable(), validUntil: z.string().nullable(), uploadedBy: z.string(), createdAt: iso,
});

/** The details as answered (the input schema's defaults and transforms do not belong in a response). */
const accidentDetailsView = z.object({
  description: z.string(), witnesses: z.array(z.object({ name: z.string(), contact: z.string().nullish() })),
  injuries: z.array(z.object({ bodyPart: z.string(), nature: z.string() })),
  firstAid: z.string().nullable(), medicalCare: z.string().nullable(), prevention: z.string().nullable(),
});

export const accidentView = accidentSummary.extend({
  details: accidentDetailsView.nullable().describe('null without the health permission'),
  detailsRestricted: z.boolean(),
  reminders: z.array(z.object({ kind: z.string(), key: z.string(), at: iso })).describe('steps still to come, earliest first'),
  closeBlockers: z.array(z.string()),
  history: z.array(z.object({ kind: z.string(), at: iso, by: z.string(), detail: z.record(z.string(), z.unknown()) })),
  documents: z.array(accidentDocumentView),
  tasks: z.array(z.object({ id: z.uuid(), kind: z.string(), status: z.string(), dueAt: iso, remindedAt: iso.nullable(), escalatedAt: iso.nullable() })),
  payments: z.array(z.object({ period: z.string(), receivedOn: z.string(), amountCents: z.number().nullable() })),
});

export const eventBody = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('payment_received'), period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a period yyyy-mm'), receivedOn: date, amountCents: z.number().int().min(0).nullish() }),
  z.object({ kind: z.literal('work_resumed'), date }),
  z.object({ kind: z.literal('incapacity_started'), date }),
  z.object({ kind: z.literal('claim_number'), claimNumber: text(100) }),
  z.object({ kind: z.literal('portal_reference'), reference: text(100) }),
  z.object({
    kind: z.literal('worsened').describe('a first-aid entry turned out worse: it becomes a case; the term runs from learnedAt'),
    learnedAt: z.string().trim().max(40).optional(), incapacityFrom: date.nullish(), wageLoss: z.boolean().optional(), medicalCare: z.string().trim().max(2000).nullish(),
  }),
]);
