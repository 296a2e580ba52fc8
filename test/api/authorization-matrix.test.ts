/**
 * Every /api route × {no credentials, each built-in role with a token granted employer A, the
 * operator tokens of admin and health admin (every employer)} × {an object of employer A, one of
 * employer B}: the authorization decision each gets.
 *
 * - no credentials → 401 (the login is public; supplier callbacks need the supplier's own token);
 * - a role without the route's permission → 403; a platform permission counts only with every employer;
 * - employer B's object, or B named in a list filter → 404 (routes about an employer's data), as
 *   for an object that does not exist; B's person named in a new accident's body → 400, as an unknown person;
 * - granting (users, tokens): employer B → 400 (an employer one does not hold is unknown to one),
 *   a role above one's own → 403; changing a user beyond one's reach → 404;
 * - otherwise neither 401 nor 403 nor a denial (and no 5xx): a 404/409/400 from the route's own checks is fine.
 *
 * The routes are the ones the app registers: a route missing from TABLE fails the test. The
 * requests are chosen to decide authorization without side effects worth the name — changes
 * hit a cancelled message, a completed task, a closed accident, or fail their own checks
 * after the authorization (an unknown plan, a date in the future, JSON instead of multipart).
 */
import { randomUUID } from 'node:crypto';
import type { RouteOptions } from 'fastify';
import type { Permission } from '../../domain/access/permissions';
import { BUILTIN_ROLES, PLATFORM_PERMISSIONS, roleGrantRefusal } from '../../domain/access/permissions';
import { cycleScheduleId, cycleWorkflowId } from '../../workflows/shared';
import type { Harness} from '../support/harness';
import { TEST_SECRETS, startHarness } from '../support/harness';
import { auditFindings, auditRuleVersions, auditRules, auditRuns, benefitRecords, benefitTypes } from '../../db/schema';
import type { ScopedWorld, Side} from '../support/scoped-world';
import { createScopedWorld, tokenFor } from '../support/scoped-world';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
interface Ctx { w: ScopedWorld; s: Side; unique: () => string }
interface Req { url: string; payload?: object }
interface Entry { scoped: boolean; reference?: boolean; grants?: { role: string; reach?: boolean }; req: (c: Ctx) => Req }

/** About an employer's data: B's object must be refused. */
const scoped = (req: (c: Ctx) => Req): Entry => ({ scoped: true, req });
/** Master data, users, the caller itself: the permission decides alone. */
const global = (req: (c: Ctx) => Req): Entry => ({ scoped: false, req });
/** Names B's object in its body: refused like a reference to nothing (400). */
const reference = (req: (c: Ctx) => Req): Entry => ({ scoped: true, reference: true, req });
/** Grants a role and the side's employer (to a user or a token); `reach`: changes an account with that role, which must lie within the caller's reach. */
const grant = (role: string, req: (c: Ctx) => Req, reach = false): Entry => ({ scoped: true, grants: { role, reach }, req });

const PAST = '2024-01-01';
const MATRIX_COMPARISON = { name: 'Matrix', sideA: { source: 'payroll' }, sideB: { source: 'file' }, key: [{ a: 'nationalId', b: 'nationalId' }] };
const FUTURE_INSTANT = '2999-01-01T10:00:00+01:00';
/** Passes the schema, then fails the route's own check (a calculation over fields the type lacks). */
const MATRIX_BENEFIT_TYPE = { name: 'Matrix', fields: [], calculation: { kind: 'yearly_budget', budgetField: 'budget', spentField: 'spent' } };

const TABLE: Record<string, Entry> = {
  // auth, users, roles, tokens, audit
  'POST /api/auth/login': global(() => ({ url: '/api/auth/login', payload: {} })),
  'POST /api/auth/logout': global(() => ({ url: '/api/auth/logout' })),
  'POST /api/auth/password': global(() => ({ url: '/api/auth/password', payload: {} })),
  'POST /api/auth/totp/setup': global(() => ({ url: '/api/auth/totp/setup', payload: {} })),
  'POST /api/auth/totp/confirm': global(() => ({ url: '/api/auth/totp/confirm', payload: {} })),
  'GET /api/auth/me': global(() => ({ url: '/api/auth/me' })),
  'GET /api/ui-config': global(() => ({ url: '/api/ui-config' })),
  'GET /api/users': global(() => ({ url: '/api/users' })),
  'POST /api/users': grant('viewer', ({ s, unique }) => ({ url: '/api/users', payload: { email: `matrix-${unique()}@example.test`, name: 'Matrix', password: 'correct horse battery', role: 'viewer', employerIds: [s.employerId] } })),
  'PATCH /api/users/:id': grant('viewer', ({ s }) => ({ url: `/api/users/${matrixUserId}`, payload: { employerIds: [s.employerId] } }), true),
  'GET /api/roles': global(() => ({ url: '/api/roles' })),
  'PUT /api/roles/:name': global(() => ({ url: '/api/roles/matrix_role', payload: { permissions: ['no.such'] } })),
  'GET /api/tokens': global(() => ({ url: '/api/tokens' })),
  'POST /api/tokens': grant('viewer', ({ s, unique }) => ({ url: '/api/tokens', payload: { name: `matrix-${unique()}`, role: 'viewer', employerIds: [s.employerId] } })),
  'DELETE /api/tokens/:id': global(() => ({ url: `/api/tokens/${randomUUID()}` })),
  'GET /api/audit/verify': global(() => ({ url: '/api/audit/verify' })),
  'GET /api/audit': scoped(({ s }) => ({ url: `/api/audit?employerId=${s.employerId}&limit=1` })),
  'GET /api/audit/export.csv': scoped(({ s }) => ({ url: `/api/audit/export.csv?employerId=${s.employerId}&from=2999-01-01T00:00:00Z` })),
  // employers and their links
  'POST /api/employers': global(() => ({ url: '/api/employers', payload: { name: 'Matrix employer', country: 'NL' } })),
  'GET /api/employers': global(() => ({ url: '/api/employers?name=Matrix' })),
  'GET /api/employers/:id': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}` })),
  'PATCH /api/employers/:id': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}`, payload: {} })),
  'PUT /api/employers/:id/mapping-profile': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/mapping-profile`, payload: { preset: 'canonical' } })),
  'POST /api/employers/:id/mapping-profile/preview': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/mapping-profile/preview`, payload: {} })),
  'POST /api/employers/:id/suppliers': scoped(({ s, w }) => ({ url: `/api/employers/${s.employerId}/suppliers`, payload: { supplierId: w.supplierId, collectiveNumber: 'X-1', startDate: PAST } })),
  'GET /api/employers/:id/suppliers': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/suppliers` })),
  'PUT /api/employers/:id/suppliers/:supplierId': scoped(({ s, w }) => ({ url: `/api/employers/${s.employerId}/suppliers/${w.supplierId}`, payload: { collectiveNumber: 'X-2' } })),
  'POST /api/employers/:id/onboarding-profiles': scoped(({ s, w }) => ({ url: `/api/employers/${s.employerId}/onboarding-profiles`, payload: { name: 'Matrix', plans: [{ planId: w.planId }] } })),
  'GET /api/employers/:id/onboarding-profiles': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/onboarding-profiles` })),
  'PUT /api/employers/:id/onboarding-profiles/:profileId': scoped(({ s, w }) => ({ url: `/api/employers/${s.employerId}/onboarding-profiles/${randomUUID()}`, payload: { name: 'Matrix', plans: [{ planId: w.planId }] } })),
  'DELETE /api/employers/:id/onboarding-profiles/:profileId': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/onboarding-profiles/${randomUUID()}` })),
  'POST /api/employers/:id/hires': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/hires`, payload: { employeeNumber: 'MATRIX-1', hireDate: PAST, nationalId: '123456789' } })),
  // payroll imports: JSON instead of multipart answers 415 after the check
  'POST /api/employers/:id/payroll-imports': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/payroll-imports`, payload: {} })),
  'GET /api/employers/:id/payroll-imports': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/payroll-imports` })),
  'GET /api/payroll-imports/:id': scoped(({ s }) => ({ url: `/api/payroll-imports/${s.importId}` })),
  'GET /api/payroll-imports/:id/file': scoped(({ s }) => ({ url: `/api/payroll-imports/${s.importId}/file` })),
  'GET /api/payroll-imports/:id/changes': scoped(({ s }) => ({ url: `/api/payroll-imports/${s.importId}/changes` })),
  // comparisons: JSON instead of multipart answers 415 after the check; the run's report 409s (refused run)
  'POST /api/employers/:id/comparison-definitions': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/comparison-definitions`, payload: MATRIX_COMPARISON })),
  'GET /api/employers/:id/comparison-definitions': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/comparison-definitions` })),
  'GET /api/comparison-definitions/:id': scoped(({ s }) => ({ url: `/api/comparison-definitions/${s.comparisonDefinitionId}` })),
  'PUT /api/comparison-definitions/:id': scoped(({ s }) => ({ url: `/api/comparison-definitions/${s.comparisonDefinitionId}`, payload: MATRIX_COMPARISON })),
  'POST /api/comparison-definitions/:id/runs': scoped(({ s }) => ({ url: `/api/comparison-definitions/${s.comparisonDefinitionId}/runs`, payload: {} })),
  'GET /api/comparison-definitions/:id/runs': scoped(({ s }) => ({ url: `/api/comparison-definitions/${s.comparisonDefinitionId}/runs` })),
  // a monthly comparison's period file: the matrix's comparison is not monthly (409 after the check)
  'PUT /api/comparison-definitions/:id/periods/:period/file': scoped(({ s }) => ({ url: `/api/comparison-definitions/${s.comparisonDefinitionId}/periods/2024-01/file`, payload: {} })),
  'GET /api/comparison-definitions/:id/periods/:period': scoped(({ s }) => ({ url: `/api/comparison-definitions/${s.comparisonDefinitionId}/periods/2024-01` })),
  'GET /api/comparison-runs/:id': scoped(({ s }) => ({ url: `/api/comparison-runs/${s.comparisonRunId}` })),
  'GET /api/comparison-runs/:id/results': scoped(({ s }) => ({ url: `/api/comparison-runs/${s.comparisonRunId}/results` })),
  'GET /api/comparison-runs/:id/report': scoped(({ s }) => ({ url: `/api/comparison-runs/${s.comparisonRunId}/report` })),
  // persons, family members, enrollments
  'GET /api/persons': scoped(({ s }) => ({ url: `/api/persons?employerId=${s.employerId}` })),
  'GET /api/persons/:id/statement': scoped(({ s }) => ({ url: `/api/persons/${s.personId}/statement` })),
  'GET /api/persons/:id/statement/pdf': scoped(({ s }) => ({ url: `/api/persons/${s.personId}/statement/pdf` })),
  // statements in bulk: e-mail without an address fails its own check after the authorization
  'POST /api/employers/:id/statement-batches': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/statement-batches`, payload: { delivery: 'email' } })),
  'GET /api/employers/:id/statement-batches': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/statement-batches` })),
  'GET /api/statement-batches/:id': scoped(({ s }) => ({ url: `/api/statement-batches/${s.statementBatchId}` })),
  'GET /api/statement-batches/:id/download': scoped(({ s }) => ({ url: `/api/statement-batches/${s.statementBatchId}/download` })),
  'GET /api/persons/:id': scoped(({ s }) => ({ url: `/api/persons/${s.personId}` })),
  'PATCH /api/persons/:id': scoped(({ s }) => ({ url: `/api/persons/${s.personId}`, payload: {} })),
  'POST /api/persons/:id/correction-preview': scoped(({ s }) => ({ url: `/api/persons/${s.personId}/correction-preview`, payload: { street: 'Matrixstraat' } })),
  'POST /api/persons/:id/family-members': scoped(({ s }) => ({ url: `/api/persons/${s.personId}/family-members`, payload: { relation: 'child', lastName: 'Kind', birthDate: '2016-06-06' } })),
  'GET /api/persons/:id/family-members': scoped(({ s }) => ({ url: `/api/persons/${s.personId}/family-members` })),
  'PATCH /api/family-members/:id': scoped(({ s }) => ({ url: `/api/family-members/${s.familyMemberId}`, payload: { nationalId: '123456789' } })),
  'POST /api/enrollments': scoped(({ s }) => ({ url: '/api/enrollments', payload: { personId: s.personId, planId: randomUUID(), startDate: PAST } })),
  'GET /api/enrollments': scoped(({ s }) => ({ url: `/api/enrollments?employerId=${s.employerId}` })),
  'GET /api/enrollments/:id': scoped(({ s }) => ({ url: `/api/enrollments/${s.enrollmentId}` })),
  'GET /api/enrollments/:id/start-advice': scoped(({ s }) => ({ url: `/api/enrollments/${s.enrollmentId}/start-advice` })),
  'PATCH /api/enrollments/:id': scoped(({ s }) => ({ url: `/api/enrollments/${s.enrollmentId}`, payload: { endDate: '1900-01-01' } })),
  'POST /api/employers/:id/enrollments/import': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/enrollments/import`, payload: {} })),
  'POST /api/employers/:id/enrollments/changes-import': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/enrollments/changes-import`, payload: {} })),
  // suppliers and plans: master data
  'POST /api/suppliers': global(() => ({ url: '/api/suppliers', payload: {} })),
  'GET /api/suppliers': global(() => ({ url: '/api/suppliers' })),
  'GET /api/suppliers/:id': global(({ w }) => ({ url: `/api/suppliers/${w.supplierId}` })),
  'PATCH /api/suppliers/:id': global(() => ({ url: `/api/suppliers/${randomUUID()}`, payload: { name: 'Matrix' } })),
  'PUT /api/suppliers/:id/channel': global(({ w }) => ({ url: `/api/suppliers/${w.supplierId}/channel`, payload: {} })),
  'GET /api/suppliers/:id/report-settings': global(({ w }) => ({ url: `/api/suppliers/${w.supplierId}/report-settings` })),
  'PUT /api/suppliers/:id/report-settings': global(({ w }) => ({ url: `/api/suppliers/${w.supplierId}/report-settings`, payload: { confirmKinds: ['no_such_kind'] } })),
  'POST /api/plans': global(() => ({ url: '/api/plans', payload: {} })),
  'GET /api/plans': global(() => ({ url: '/api/plans' })),
  'GET /api/plans/:id': global(({ w }) => ({ url: `/api/plans/${w.planId}` })),
  'PATCH /api/plans/:id': global(() => ({ url: `/api/plans/${randomUUID()}`, payload: { name: 'Matrix' } })),
  'POST /api/supplier-callbacks/:supplierId': global(({ w, s }) => ({ url: `/api/supplier-callbacks/${w.supplierId}`, payload: { idempotencyKey: `${s.messageId}:1`, status: 'processed' } })),
  // messages: a cancelled one can be neither resent nor cancelled (409)
  'GET /api/messages': scoped(({ s }) => ({ url: `/api/messages?employerId=${s.employerId}` })),
  'GET /api/messages/summary': scoped(({ s }) => ({ url: `/api/messages/summary?employerId=${s.employerId}` })),
  'GET /api/messages/:id': scoped(({ s }) => ({ url: `/api/messages/${s.messageId}` })),
  'GET /api/messages/:id/proof': scoped(({ s }) => ({ url: `/api/messages/${s.messageId}/proof` })),
  'GET /api/messages/:id/versions/:version/body': scoped(({ s }) => ({ url: `/api/messages/${s.messageId}/versions/1/body` })),
  'POST /api/messages/:id/resend': scoped(({ s }) => ({ url: `/api/messages/${s.messageId}/resend` })),
  'POST /api/messages/:id/cancel': scoped(({ s }) => ({ url: `/api/messages/${s.messageId}/cancel`, payload: { reason: 'matrix test' } })),
  // cycles and schedules
  'GET /api/employers/:id/schedule': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/schedule` })),
  'PUT /api/employers/:id/schedule': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/schedule`, payload: { dayOfMonth: 3, enabled: false } })),
  'POST /api/employers/:id/cycles/:period': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/cycles/2026-02` })),
  'GET /api/cycles': scoped(({ s }) => ({ url: `/api/cycles?employerId=${s.employerId}` })),
  'GET /api/cycles/:id': scoped(({ s }) => ({ url: `/api/cycles/${s.cycleId}` })),
  'GET /api/cycles/:id/waiting': scoped(({ s }) => ({ url: `/api/cycles/${s.cycleId}/waiting` })),
  // tasks: a completed one (409 to complete or reassign; a comment is taken)
  'GET /api/tasks': scoped(({ s }) => ({ url: `/api/tasks?employerId=${s.employerId}` })),
  'GET /api/tasks/:id': scoped(({ s }) => ({ url: `/api/tasks/${s.taskId}` })),
  'GET /api/tasks/open-count': global(() => ({ url: '/api/tasks/open-count' })),
  'GET /api/tasks/:id/assignees': scoped(({ s }) => ({ url: `/api/tasks/${s.taskId}/assignees` })),
  'POST /api/tasks/:id/complete': scoped(({ s }) => ({ url: `/api/tasks/${s.taskId}/complete`, payload: { result: { confirm: true } } })),
  'POST /api/tasks/complete': scoped(({ s }) => ({ url: '/api/tasks/complete', payload: { items: [{ taskId: s.taskId, result: { confirm: true } }] } })),
  'POST /api/tasks/:id/reassign': scoped(({ s }) => ({ url: `/api/tasks/${s.taskId}/reassign`, payload: { assignee: 'hr' } })),
  'POST /api/tasks/:id/comments': scoped(({ s }) => ({ url: `/api/tasks/${s.taskId}/comments`, payload: { text: 'matrix' } })),
  // reports
  'GET /api/reports': scoped(({ s }) => ({ url: `/api/reports?employerId=${s.employerId}` })),
  'GET /api/reports/:id': scoped(({ s }) => ({ url: `/api/reports/${s.reportId}` })),
  'GET /api/reports/:id/file': scoped(({ s }) => ({ url: `/api/reports/${s.reportId}/file` })),
  // a report not failed: 409 after the authorization, nothing delivered
  'POST /api/reports/:id/redeliver': scoped(({ s }) => ({ url: `/api/reports/${s.reportId}/redeliver` })),
  // accidents: a closed case; a registration in the future fails after the check
  'POST /api/accidents': reference(({ s }) => ({ url: '/api/accidents', payload: { personId: s.personId, occurredAt: FUTURE_INSTANT, place: 'Hall', description: 'Slipped' } })),
  'GET /api/accidents': scoped(({ s }) => ({ url: `/api/accidents?employerId=${s.employerId}` })),
  'GET /api/accidents/:id': scoped(({ s }) => ({ url: `/api/accidents/${s.accidentId}` })),
  'POST /api/accidents/:id/declare': scoped(({ s }) => ({ url: `/api/accidents/${s.accidentId}/declare`, payload: {} })),
  'POST /api/accidents/:id/events': scoped(({ s }) => ({ url: `/api/accidents/${s.accidentId}/events`, payload: { kind: 'claim_number', claimNumber: 'CL-1' } })),
  'POST /api/accidents/:id/close': scoped(({ s }) => ({ url: `/api/accidents/${s.accidentId}/close` })),
  'POST /api/accidents/:id/documents': scoped(({ s }) => ({ url: `/api/accidents/${s.accidentId}/documents`, payload: {} })),
  'GET /api/accidents/:id/documents/:documentId': scoped(({ s }) => ({ url: `/api/accidents/${s.accidentId}/documents/${randomUUID()}` })),
  'GET /api/accidents/report': scoped(({ s }) => ({ url: `/api/accidents/report?from=2024-01-01&to=2024-12-31&employerId=${s.employerId}` })),
  'GET /api/employers/:id/accident-settings': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/accident-settings` })),
  'PUT /api/employers/:id/accident-settings': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/accident-settings`, payload: { notifyEmails: [], sickNoteRemindDays: 3, paymentDueDay: 15 } })),
  // bordereaux: JSON instead of multipart answers 415 after the check; a run of an unknown id answers 404 after the permission
  'GET /api/suppliers/:id/bordereau-profile': global(({ w }) => ({ url: `/api/suppliers/${w.supplierId}/bordereau-profile` })),
  'PUT /api/suppliers/:id/bordereau-profile': global(({ w }) => ({ url: `/api/suppliers/${w.supplierId}/bordereau-profile`, payload: { correctionWindowDays: -1 } })),
  'POST /api/employers/:id/suppliers/:supplierId/bordereaux': scoped(({ s, w }) => ({ url: `/api/employers/${s.employerId}/suppliers/${w.supplierId}/bordereaux?period=2026-01`, payload: {} })),
  'GET /api/employers/:id/suppliers/:supplierId/bordereaux': scoped(({ s, w }) => ({ url: `/api/employers/${s.employerId}/suppliers/${w.supplierId}/bordereaux` })),
  'GET /api/bordereaux/:id': global(() => ({ url: `/api/bordereaux/${randomUUID()}` })),
  'GET /api/bordereaux/:id/report': global(() => ({ url: `/api/bordereaux/${randomUUID()}/report` })),
  'POST /api/bordereaux/:id/resolutions': global(() => ({ url: `/api/bordereaux/${randomUUID()}/resolutions`, payload: { fingerprint: 'x', reason: 'accepted' } })),
  // contributions: an unknown plan's pay code fails after the check; producing without settings answers 409; an unknown file 404s after the permission
  'GET /api/employers/:id/contribution-settings': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/contribution-settings` })),
  'PUT /api/employers/:id/contribution-settings': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/contribution-settings`, payload: { layout: { payCodes: { [randomUUID()]: 'X' } } } })),
  'GET /api/employers/:id/contribution-files': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/contribution-files` })),
  'POST /api/employers/:id/contribution-files': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/contribution-files`, payload: { period: '2026-01' } })),
  'GET /api/contribution-files/:id': global(() => ({ url: `/api/contribution-files/${randomUUID()}` })),
  'GET /api/contribution-files/:id/file': global(() => ({ url: `/api/contribution-files/${randomUUID()}/file` })),
  'GET /api/accident-rules': global(() => ({ url: '/api/accident-rules' })),
  // audit rules and findings: an unknown template fails after the check; a resolved finding cannot be acknowledged (409)
  'GET /api/audit-rule-templates': global(() => ({ url: '/api/audit-rule-templates' })),
  'GET /api/employers/:id/audit-rules': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/audit-rules` })),
  'POST /api/employers/:id/audit-rules': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/audit-rules`, payload: { templateId: 'no-such-template' } })),
  'GET /api/audit-rules/:id': scoped(({ s }) => ({ url: `/api/audit-rules/${audit.get(s.employerId)!.ruleId}` })),
  'PUT /api/audit-rules/:id': scoped(({ s }) => ({ url: `/api/audit-rules/${audit.get(s.employerId)!.ruleId}`, payload: { name: 'Matrix', severity: 'info', definition: { kind: 'presence', fields: ['street'] } } })),
  'GET /api/findings': scoped(({ s }) => ({ url: `/api/findings?employerId=${s.employerId}` })),
  'GET /api/findings/export': scoped(({ s }) => ({ url: `/api/findings/export?importId=${s.importId}` })),
  'GET /api/findings/:id': scoped(({ s }) => ({ url: `/api/findings/${audit.get(s.employerId)!.findingId}` })),
  'POST /api/findings/:id/acknowledge': scoped(({ s }) => ({ url: `/api/findings/${audit.get(s.employerId)!.findingId}/acknowledge`, payload: { reason: 'matrix test' } })),
  'POST /api/payroll-imports/:id/audit': scoped(({ s }) => ({ url: `/api/payroll-imports/${s.importId}/audit` })),
  // internal benefits
  'GET /api/employers/:id/benefit-types': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/benefit-types` })),
  'POST /api/employers/:id/benefit-types': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/benefit-types`, payload: MATRIX_BENEFIT_TYPE })),
  'GET /api/benefit-types/:id': scoped(({ s }) => ({ url: `/api/benefit-types/${benefits.get(s.employerId)!.typeId}` })),
  'PUT /api/benefit-types/:id': scoped(({ s }) => ({ url: `/api/benefit-types/${benefits.get(s.employerId)!.typeId}`, payload: MATRIX_BENEFIT_TYPE })),
  'GET /api/employers/:id/benefit-settings': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/benefit-settings` })),
  'PUT /api/employers/:id/benefit-settings': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/benefit-settings`, payload: { reportEmail: null } })),
  'POST /api/employers/:id/benefit-eligibility-reviews': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/benefit-eligibility-reviews`, payload: { period: '2999-01' } })),
  'GET /api/employers/:id/benefit-eligibility-changes': scoped(({ s }) => ({ url: `/api/employers/${s.employerId}/benefit-eligibility-changes?period=2026-01` })),
  'GET /api/persons/:id/benefit-records': scoped(({ s }) => ({ url: `/api/persons/${s.personId}/benefit-records` })),
  'POST /api/persons/:id/benefit-records': scoped(({ s }) => ({ url: `/api/persons/${s.personId}/benefit-records`, payload: { typeId: randomUUID(), startDate: PAST, values: {} } })),
  'GET /api/benefit-records/:id': scoped(({ s }) => ({ url: `/api/benefit-records/${benefits.get(s.employerId)!.recordId}` })),
  'PUT /api/benefit-records/:id': scoped(({ s }) => ({ url: `/api/benefit-records/${benefits.get(s.employerId)!.recordId}`, payload: { values: { nope: 1 } } })),
  'POST /api/benefit-records/:id/end': scoped(({ s }) => ({ url: `/api/benefit-records/${benefits.get(s.employerId)!.recordId}/end`, payload: { endDate: '2000-01-01' } })),
  'PUT /api/accident-rules': global(() => ({ url: '/api/accident-rules', payload: { country: 'BE', supplierId: randomUUID(), days: 10, reminderDays: [], reminderHour: 9 } })),
};

interface RouteInfo { key: string; method: Method; auth?: string; permission?: string }
const routes = new Map<string, RouteInfo>();
function collect(route: RouteOptions) {
  if (!route.url.startsWith('/api/')) return;
  const config = (route.config ?? {}) as { auth?: string; permission?: string };
  for (const method of [route.method].flat()) {
    if (method === 'HEAD') continue;
    const key = `${method} ${route.url}`;
    routes.set(key, { key, method: method as Method, auth: config.auth, permission: config.permission });
  }
}

let h: Harness;
let w: ScopedWorld;
let matrixUserId: string;
/** Per employer: an audit rule and a resolved finding of it. */
const audit = new Map<string, { ruleId: string; findingId: string }>();
/** Per employer: a benefit type and a record of it for the side's person. */
const benefits = new Map<string, { typeId: string; recordId: string }>();
const ROLES = Object.keys(BUILTIN_ROLES);
const tokens = new Map<string, string>();

/** Who calls: a built-in role, limited to employer A or (the operator tokens) seeing every employer. */
interface Caller { label: string; role: string; every: boolean; headers: () => Record<string, string> }
const CALLERS: Caller[] = [
  ...ROLES.map((role) => ({ label: `${role}@A`, role, every: false, headers: () => ({ authorization: `Bearer ${tokens.get(role)}` }) })),
  { label: 'admin@every', role: 'admin', every: true, headers: () => h.auth },
  { label: 'health_admin@every', role: 'health_admin', every: true, headers: () => h.healthAuth },
];

beforeAll(async () => {
  h = await startHarness({ worker: false, onRoute: collect });
  w = await createScopedWorld(h);
  for (const role of ROLES) tokens.set(role, await tokenFor(h, role, [w.A.employerId]));
  const user = await h.app.inject({
    method: 'POST', url: '/api/users', headers: h.auth,
    payload: { email: `matrix-target-${randomUUID()}@example.test`, name: 'Target', password: 'correct horse battery', role: 'viewer' },
  });
  matrixUserId = user.json().id;
  for (const s of [w.A, w.B]) {
    const [rule] = await h.db.insert(auditRules).values({ employerId: s.employerId, name: 'Matrix', severity: 'info', kind: 'presence', definition: { kind: 'presence', fields: ['street'] }, updatedBy: 'test' }).returning();
    await h.db.insert(auditRuleVersions).values({ ruleId: rule.id, version: 1, name: rule.name, severity: 'info', definition: rule.definition, enabled: true, createdBy: 'test' });
    const [run] = await h.db.insert(auditRuns).values({ importId: s.importId, employerId: s.employerId, trigger: 'import', startedBy: 'test' }).returning();
    const [finding] = await h.db.insert(auditFindings).values({
      runId: run.id, importId: s.importId, employerId: s.employerId, personId: s.personId, employeeNumber: 'E1', ruleId: rule.id, ruleVersion: 1,
      severity: 'info', kind: 'presence', field: 'street', sealedValues: TEST_SECRETS.seal({ value: null, previousValue: null }), status: 'resolved', resolution: 'corrected',
    }).returning();
    audit.set(s.employerId, { ruleId: rule.id, findingId: finding.id });
    const [type] = await h.db.insert(benefitTypes).values({ employerId: s.employerId, name: 'Matrix card', fields: [{ key: 'limit', label: 'Limit', type: 'money', required: false }], updatedBy: 'test' }).returning();
    const [record] = await h.db.insert(benefitRecords).values({ employerId: s.employerId, typeId: type.id, personId: s.personId, values: { limit: 100 }, startDate: '2024-01-01', updatedBy: 'test' }).returning();
    benefits.set(s.employerId, { typeId: type.id, recordId: record.id });
  }
});

afterAll(async () => {
  // What the allowed requests started for employer A: a (paused) schedule and a cycle without a worker.
  for (const s of [w.A, w.B]) {
    await h?.client.schedule.getHandle(cycleScheduleId(s.employerId)).delete().catch(() => undefined);
    await h?.client.workflow.getHandle(cycleWorkflowId(s.employerId, '2026-02')).terminate('test over').catch(() => undefined);
  }
  await h?.close();
});

const errorCode = (body: string) => {
  try {
    return String((JSON.parse(body) as { error?: unknown }).error ?? '');
  } catch {
    return '';
  }
};

type Expect = 400 | 401 | 403 | 404 | 'allowed';
function expected(route: RouteInfo, entry: Entry, caller: Caller | null, side: 'A' | 'B'): Expect {
  if (route.auth === 'supplier') return 401;
  if (route.auth === 'public') return 'allowed';
  if (!caller) return 401;
  const held = BUILTIN_ROLES[caller.role].permissions.filter((p) => caller.every || !PLATFORM_PERMISSIONS.includes(p));
  const permitted = route.permission === 'any' || held.includes(route.permission as Permission);
  if (!permitted) return 403;
  const seesB = caller.every || side === 'A';
  if (entry.grants) {
    const refusal = roleGrantRefusal({ permissions: new Set(held), employerIds: caller.every ? 'all' : [w.A.employerId] }, BUILTIN_ROLES[entry.grants.role]);
    // The account changed must be within reach first; then the employer granted, then the role.
    if (entry.grants.reach && refusal) return 404;
    if (!seesB) return 400;
    return refusal ? 403 : 'allowed';
  }
  if (entry.scoped && !seesB) return entry.reference ? 400 : 404;
  return 'allowed';
}

const lastAuditId = async () => Number((await h.db.$client.query('select coalesce(max(id), 0) as id from audit_log')).rows[0].id);
/** The matrix's requests come from their own address: other test files share the audit trail and deny their own requests meanwhile. */
const MATRIX_IP = '198.51.100.7';
const deniedSince = async (id: number) =>
  (await h.db.$client.query(`select 1 from audit_log where id > $1 and action = 'denied' and ip = $2`, [id, MATRIX_IP])).rowCount! > 0;

/** A denial answers like the thing does not exist or is not valid: the audit trail tells it apart. */
const DENIAL_CODES: Record<number, string> = { 400: 'validation', 404: 'not_found' };

describe('authorization matrix', () => {
  it('covers every /api route the app registers', () => {
    expect(routes.size).toBeGreaterThan(50);
    expect([...routes.keys()].filter((k) => !TABLE[k]).sort()).toEqual([]);
    expect(Object.keys(TABLE).filter((k) => !routes.has(k)).sort()).toEqual([]);
  });

  it('gives every route × principal × object the expected decision', async () => {
    let n = 0;
    const unique = () => `${Date.now()}-${++n}`;
    const mismatches: string[] = [];
    let cases = 0;
    let unexpectedSuccesses = 0;
    for (const route of [...routes.values()].sort((a, b) => a.key.localeCompare(b.key))) {
      const entry = TABLE[route.key];
      for (const caller of [null, ...CALLERS]) {
        for (const side of ['A', 'B'] as const) {
          const { url, payload } = entry.req({ w, s: w[side], unique });
          const before = await lastAuditId();
          const res = await h.app.inject({
            method: route.method, url, ...(payload ? { payload } : {}), remoteAddress: MATRIX_IP,
            headers: caller ? caller.headers() : {},
          });
          cases++;
          const want = expected(route, entry, caller, side);
          const got = res.statusCode;
          const code = errorCode(res.body);
          // A 404 or 400 that is a denial looks like any other to the caller; the audit trail tells them apart.
          const denied = route.auth === 'supplier' ? want !== 'allowed' : await deniedSince(before);
          const ok = want === 'allowed'
            ? got !== 401 && got !== 403 && got < 500 && !denied
            : got === want && (!DENIAL_CODES[want] || code === DENIAL_CODES[want]) && denied;
          if (want !== 'allowed' && got < 300) unexpectedSuccesses++;
          // The error code only: a body that should not have been answered may hold personal data.
          if (!ok) mismatches.push(`${route.key} as ${caller?.label ?? 'nobody'} on ${side}: expected ${want}, got ${got} ${code}`);
        }
      }
    }
    // routes × (no credentials + each role + the two operator tokens) × (A, B)
    expect(cases).toBe(routes.size * (CALLERS.length + 1) * 2);
    expect(mismatches).toEqual([]);
    expect(unexpectedSuccesses).toBe(0);
  });

  it('lets nobody but the named callers take any escalation path', async () => {
    const globalAdmin = await h.app.inject({ method: 'POST', url: '/api/users', headers: h.auth, payload: { email: `matrix-admin-${randomUUID()}@example.test`, name: 'Global', password: 'correct horse battery', role: 'admin' } });
    const manager = await h.app.inject({ method: 'POST', url: '/api/users', headers: h.healthAuth, payload: { email: `matrix-manager-${randomUUID()}@example.test`, name: 'Manager', password: 'correct horse battery', role: 'accident_manager', employerIds: [w.A.employerId] } });
    expect([globalAdmin.statusCode, manager.statusCode]).toEqual([201, 201]);
    const role = () => `esc_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const user = (r: string, employerIds: string[]) => ({ email: `esc-${randomUUID()}@example.test`, name: 'Esc', password: 'correct horse battery', role: r, employerIds });
    const A = [w.A.employerId];
    const B = [w.B.employerId];
    const paths: { what: string; method: Method; url: () => string; payload: () => object; allowed: string[] }[] = [
      { what: 'an all-employers admin token without employerIds', method: 'POST', url: () => '/api/tokens', payload: () => ({ name: role(), role: 'admin' }), allowed: ['admin@every'] },
      { what: 'an admin user', method: 'POST', url: () => '/api/users', payload: () => user('admin', []), allowed: ['admin@every'] },
      { what: 'an hr token for another employer', method: 'POST', url: () => '/api/tokens', payload: () => ({ name: role(), role: 'hr', employerIds: B }), allowed: ['admin@every'] },
      { what: 'an accident-manager token', method: 'POST', url: () => '/api/tokens', payload: () => ({ name: role(), role: 'accident_manager', employerIds: A }), allowed: ['health_admin@A', 'health_admin@every'] },
      { what: 'an accident-manager user', method: 'POST', url: () => '/api/users', payload: () => user('accident_manager', A), allowed: ['health_admin@A', 'health_admin@every'] },
      { what: 'a health-admin token', method: 'POST', url: () => '/api/tokens', payload: () => ({ name: role(), role: 'health_admin' }), allowed: ['health_admin@every'] },
      { what: 'a role with accidents.health', method: 'PUT', url: () => `/api/roles/${role()}`, payload: () => ({ permissions: ['accidents.view', 'accidents.health'] }), allowed: ['health_admin@every'] },
      { what: 'a role with admin.health', method: 'PUT', url: () => `/api/roles/${role()}`, payload: () => ({ permissions: ['admin.health'], allEmployers: true }), allowed: ['health_admin@every'] },
      { what: 'a role seeing every employer', method: 'PUT', url: () => `/api/roles/${role()}`, payload: () => ({ permissions: ['employers.view'], allEmployers: true }), allowed: ['admin@every', 'health_admin@every'] },
      { what: 'a role with platform.settings', method: 'PUT', url: () => `/api/roles/${role()}`, payload: () => ({ permissions: ['platform.settings'], allEmployers: true }), allowed: ['admin@every'] },
      { what: 'a scoped role with platform.settings', method: 'PUT', url: () => `/api/roles/${role()}`, payload: () => ({ permissions: ['platform.settings'] }), allowed: [] },
      { what: 'the global admin\'s password', method: 'PATCH', url: () => `/api/users/${globalAdmin.json().id}`, payload: () => ({ password: 'taken over at last' }), allowed: ['admin@every'] },
      { what: 'an accident manager\'s password', method: 'PATCH', url: () => `/api/users/${manager.json().id}`, payload: () => ({ password: 'taken over at last' }), allowed: ['health_admin@A', 'health_admin@every'] },
      { what: 'an accident manager made admin', method: 'PATCH', url: () => `/api/users/${manager.json().id}`, payload: () => ({ role: 'admin', employerIds: [] }), allowed: [] },
    ];
    const wrong: string[] = [];
    for (const path of paths) {
      for (const caller of CALLERS) {
        const res = await h.app.inject({ method: path.method, url: path.url(), headers: caller.headers(), payload: path.payload() });
        const allowed = path.allowed.includes(caller.label);
        if (allowed !== (res.statusCode < 300)) wrong.push(`${path.what} by ${caller.label}: ${res.statusCode} ${errorCode(res.body)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps unfiltered lists to the granted employers', async () => {
    const viewer = { authorization: `Bearer ${tokens.get('viewer')}` };
    const admin = { authorization: `Bearer ${tokens.get('admin')}` };
    const lists = ['/api/messages', '/api/tasks', '/api/cycles', '/api/reports', '/api/enrollments', `/api/accidents`];
    for (const url of lists) {
      const res = await h.app.inject({ method: 'GET', url, headers: url === '/api/accidents' ? { authorization: `Bearer ${tokens.get('hr')}` } : viewer });
      expect(res.statusCode).toBe(200);
      const employers = new Set((res.json().items as { employerId: string }[]).map((i) => i.employerId));
      expect([...employers]).toEqual([w.A.employerId]);
    }
    const audit = await h.app.inject({ method: 'GET', url: '/api/audit?limit=1000', headers: admin });
    expect(audit.statusCode).toBe(200);
    // A, and the employers this admin token created in the matrix (granted to their creator).
    const created = await h.db.$client.query(`select id from employers where name = 'Matrix employer'`);
    const visible = new Set([w.A.employerId, ...created.rows.map((r) => r.id as string)]);
    const seen = (audit.json().items as { employerId: string | null }[]).map((i) => i.employerId);
    expect(seen).toContain(w.A.employerId);
    expect(seen.filter((id) => id !== null && !visible.has(id))).toEqual([]);
    expect(seen).not.toContain(w.B.employerId);
    // Filtering by B's person is refused like an unknown person, not answered empty.
    const byPerson = await h.app.inject({ method: 'GET', url: `/api/messages?personId=${w.B.personId}`, headers: viewer });
    expect(byPerson.statusCode).toBe(404);
    // A token granted no employer sees nothing.
    const none = { authorization: `Bearer ${await tokenFor(h, 'viewer', [])}` };
    const empty = await h.app.inject({ method: 'GET', url: '/api/messages', headers: none });
    expect(empty.json().items).toEqual([]);
    const summary = await h.app.inject({ method: 'GET', url: '/api/messages/summary', headers: none });
    expect(summary.json()).toEqual({});
  });
});
