/** How an accident case is shown: the summary for lists, and everything for one case. */
import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AccidentRow} from '../../../db/queries/accidents';
import { casePlan } from '../../../db/queries/accidents';
import { accidentDocuments, accidentEvents, accidentPayments, tasks } from '../../../db/schema';
import type { AccidentDetails} from '../../../domain/accidents/case';
import { accidentReference } from '../../../domain/accidents/case';
import { isLiveCase } from '../../../domain/accidents/status';
import { HEALTH_BLOCKERS, HEALTH_DOCUMENTS, HEALTH_EVENTS, HEALTH_TASK_KINDS, PLAIN_EVENT_DETAIL, isSickNoteStep } from '../../../domain/accidents/health-facts';
import { mayUse } from '../../plugins/auth';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Health facts (domain/accidents/health-facts.ts) only with the health permission. */
export const mayReadHealth = (request: FastifyRequest) => mayUse(request, 'accidents.health');

export function summaryView(a: AccidentRow, health: boolean, now = Date.now()) {
  return {
    id: a.id, reference: accidentReference(a.number), employerId: a.employerId, personId: a.personId, status: a.status, country: a.country,
    occurredAt: a.occurredAt.toISOString(), learnedAt: iso(a.learnedAt), place: a.place,
    incapacityFrom: health ? a.incapacityFrom : null, workResumedOn: health ? a.workResumedOn : null, fatal: health ? a.fatal : null, healthRestricted: !health,
    supplierId: a.supplierId, policyNumber: a.policyNumber, claimNumber: a.claimNumber, portalReference: a.portalReference,
    deadline: a.deadlineDate && a.deadlineAt ? { date: a.deadlineDate, at: a.deadlineAt.toISOString(), overdue: a.status === 'open' && now >= a.deadlineAt.getTime() } : null,
    declaredAt: iso(a.declaredAt), declaredVia: a.declaredVia, declaredBy: a.declaredBy, closedAt: iso(a.closedAt), closedBy: a.closedBy,
    workflowId: a.workflowId, createdBy: a.createdBy, createdAt: a.createdAt.toISOString(),
  };
}

export async function fullView(app: FastifyInstance, request: FastifyRequest, a: AccidentRow) {
  const health = mayReadHealth(request);
  const [plan, history, documents, caseTasks, payments] = await Promise.all([
    casePlan(app.db, a),
    app.db.select().from(accidentEvents).where(and(eq(accidentEvents.accidentId, a.id), eq(accidentEvents.applied, true))).orderBy(asc(accidentEvents.at)),
    app.db.select().from(accidentDocuments).where(eq(accidentDocuments.accidentId, a.id)).orderBy(asc(accidentDocuments.createdAt)),
    app.db.select().from(tasks).where(eq(tasks.accidentId, a.id)).orderBy(asc(tasks.createdAt)),
    app.db.select().from(accidentPayments).where(eq(accidentPayments.accidentId, a.id)).orderBy(asc(accidentPayments.period)),
  ]);
  const live = isLiveCase(a.status);
  return {
    ...summaryView(a, health),
    details: health ? app.secrets.open<AccidentDetails>(a.detailsSealed) : null,
    detailsRestricted: !health,
    reminders: live ? plan.steps.filter((s) => health || !isSickNoteStep(s.kind)).map((s) => ({ kind: s.kind, key: s.key, at: new Date(s.at).toISOString() })) : [],
    closeBlockers: a.status === 'first_aid' ? [] : plan.closeBlockers.filter((b) => health || !HEALTH_BLOCKERS.has(b)),
    history: history.filter((e) => health || !HEALTH_EVENTS.has(e.kind))
      .map((e) => ({ kind: e.kind, at: e.at.toISOString(), by: e.by, detail: health || PLAIN_EVENT_DETAIL.has(e.kind) ? e.detail as Record<string, unknown> : {} })),
    documents: documents.map((d) => {
      const hidden = !health && HEALTH_DOCUMENTS.has(d.kind);
      return {
        id: d.id, kind: hidden ? null : d.kind, mediaType: d.mediaType, size: d.size, fileName: health ? app.secrets.open<string>(d.fileNameSealed) : null,
        validFrom: hidden ? null : d.validFrom, validUntil: hidden ? null : d.validUntil, uploadedBy: d.uploadedBy, createdAt: d.createdAt.toISOString(),
      };
    }),
    tasks: caseTasks.filter((t) => health || !HEALTH_TASK_KINDS.has(t.kind))
      .map((t) => ({ id: t.id, kind: t.kind, status: t.status, dueAt: t.dueAt.toISOString(), remindedAt: iso(t.remindedAt), escalatedAt: iso(t.escalatedAt) })),
    payments: payments.map((p) => ({ period: p.period, receivedOn: p.receivedOn, amountCents: p.amountCents })),
  };
}
