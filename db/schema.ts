import { sql } from 'drizzle-orm';
import { CYCLE_DEFAULTS } from '../domain/cycle/settings';
import {
  bigserial, bigint, boolean, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import type { SupplierChannel } from '../domain/suppliers/channel';
import type { OnboardingPlan } from '../domain/enrollments/onboarding';
import type { Filter } from '../domain/eligibility/filter';
import type { Calculation, FieldDefinition, FieldValues } from '../domain/benefits/fields';
import type { EligibilityChangeKind, EligibilityReason } from '../domain/eligibility/changes';
import { SUPPLIER_KINDS } from '../domain/suppliers/supplier-kind';
import { MESSAGE_STATUSES } from '../domain/messages/lifecycle';
import { ACCIDENT_STATUSES } from '../domain/accidents/status';
import { RULE_KINDS, SEVERITIES } from '../domain/audit/rules';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const employers = pgTable('employers', {
  id: id(),
  name: text('name').notNull(),
  country: text('country', { enum: ['NL', 'BE'] }).notNull(),
  /** KvK (NL, 8 digits) or KBO/BCE (BE, 10 digits), digits only. */
  companyNumber: text('company_number'),
  mappingProfile: jsonb('mapping_profile').notNull(),
  /** The language of what Mutaflow writes for the employer's people (statements) when a person has none of their own. */
  language: text('language', { enum: ['nl', 'fr', 'en'] }).notNull().default('nl'),
  createdAt: createdAt(),
});

export const apiTokens = pgTable('api_tokens', {
  id: id(),
  name: text('name').notNull(),
  /** sha256 of the token; the token itself is never stored. */
  tokenHash: text('token_hash').notNull(),
  role: text('role').notNull().default('admin'),
  /** Employers the token may act for; null: those of its role (all for a role with allEmployers, else none). */
  employerIds: uuid('employer_ids').array(),
  /** The user who made it: the token acts within their current rights and dies with their account. Null: an operator token from the configuration. */
  ownerUserId: uuid('owner_user_id').references(() => users.id),
  /** Who made it (`user:<email>`, `token:<name>`, `configuration`). */
  createdBy: text('created_by'),
  /** Refused from then on; null: an operator token (rotated in the configuration). */
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  /** Updated at most once a minute. */
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash), uniqueIndex('api_tokens_name_idx').on(t.name), index('api_tokens_owner_idx').on(t.ownerUserId)]);

/** What a role may do: permissions per area and action (`messages.resend`), and whether it sees every employer. */
export const roles = pgTable('roles', {
  name: text('name').primaryKey(),
  permissions: text('permissions').array().notNull(),
  allEmployers: boolean('all_employers').notNull().default(false),
  builtin: boolean('builtin').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable('users', {
  id: id(),
  /** Lower-case; the login name. */
  email: text('email').notNull(),
  name: text('name').notNull(),
  /** scrypt: `scrypt$N$r$p$salt$hash` (base64url). */
  passwordHash: text('password_hash').notNull(),
  role: text('role').notNull().references(() => roles.name),
  /** Employers granted to the user (a role with allEmployers sees all anyway). */
  employerIds: uuid('employer_ids').array().notNull().default(sql`'{}'::uuid[]`),
  language: text('language', { enum: ['nl', 'fr', 'en'] }).notNull().default('nl'),
  disabled: boolean('disabled').notNull().default(false),
  lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  createdAt: createdAt(),
  /** Failed sign-ins since the last good one: counted here, so every API process sees the same. */
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
  /** The TOTP secret (sealed, bound to the user's id); pending until a first code confirms it. */
  totpSecretSealed: text('totp_secret_sealed'),
  totpPendingSealed: text('totp_pending_sealed'),
  totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
  /** The last TOTP time step used: a code is good once. */
  totpLastStep: bigint('totp_last_step', { mode: 'number' }),
}, (t) => [uniqueIndex('users_email_idx').on(t.email)]);

/** Browser sessions: the cookie holds a random token; only its hash is here. */
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  /** Sent back in `x-csrf-token` with every change made through the cookie. */
  csrfToken: text('csrf_token').notNull(),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  /** The absolute end, whatever the activity. */
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

/**
 * Who viewed or changed what, on which person and employer, when and from where — ids only,
 * never the values. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE.
 */
export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
  /** `user:<email>`, `token:<name>`, or `anonymous`. */
  actor: text('actor').notNull(),
  /** read | create | update | delete | login | login_failed | logout | denied */
  action: text('action').notNull(),
  method: text('method').notNull(),
  /** The route pattern (`/api/persons/:id`), never the URL with its query. */
  route: text('route').notNull(),
  resourceId: text('resource_id'),
  employerId: uuid('employer_id'),
  personId: uuid('person_id'),
  status: integer('status').notNull(),
  ip: text('ip'),
  /** The persons a list or an export showed (a read of many): "who saw this person" finds these too. */
  personIds: uuid('person_ids').array(),
  /** The chain: the previous entry's hash, and sha256 over it and this entry (set by a trigger; see audit_entry_hash). */
  prevHash: text('prev_hash'),
  hash: text('hash'),
}, (t) => [
  index('audit_log_at_idx').on(t.at),
  index('audit_log_person_idx').on(t.personId),
  index('audit_log_employer_idx').on(t.employerId, t.at),
]);

export const IMPORT_STATUSES = ['running', 'completed', 'failed', 'superseded'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const payrollImports = pgTable('payroll_imports', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  period: text('period').notNull(),
  status: text('status', { enum: IMPORT_STATUSES }).notNull().default('running'),
  stage: text('stage').notNull().default('queued'),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull(),
  fileSize: bigint('file_size', { mode: 'number' }).notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  workflowId: text('workflow_id').notNull(),
  rowCount: integer('row_count'),
  errorCount: integer('error_count').notNull().default(0),
  /** Problems with the file: code, row, column, field and message — never a personal value. */
  errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
  changeCounts: jsonb('change_counts').notNull().default(sql`'{}'::jsonb`),
  baselineImportId: uuid('baseline_import_id'),
  supersededBy: uuid('superseded_by'),
  createdAt: createdAt(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  /** When the import's consequences for suppliers (enrollments, messages) were recorded: a cycle goes on from here. */
  messagesCreatedAt: timestamp('messages_created_at', { withTimezone: true }),
  /** The retention purge removed the uploaded file and the snapshot. */
  filePurgedAt: timestamp('file_purged_at', { withTimezone: true }),
}, (t) => [
  index('payroll_imports_employer_period_idx').on(t.employerId, t.period, t.status),
  index('payroll_imports_sha_idx').on(t.employerId, t.fileSha256),
]);

export const PERSON_STATUSES = ['active', 'departed', 'missing'] as const;

export const persons = pgTable('persons', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  employeeNumber: text('employee_number').notNull(),
  /** Latest canonical values and custom columns. */
  data: jsonb('data').notNull(),
  status: text('status', { enum: PERSON_STATUSES }).notNull(),
  lastImportId: uuid('last_import_id').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  /** Erased after the retention: `data` then holds nothing personal (retention_records says when and why). */
  erasedAt: timestamp('erased_at', { withTimezone: true }),
}, (t) => [
  // The only index, so that updating a person's data can stay a HOT update.
  uniqueIndex('persons_employer_number_idx').on(t.employerId, t.employeeNumber),
]);

/**
 * A field HR corrected that the payroll also supplies: the correction stays across imports.
 * `payrollValue` is what the payroll said when HR corrected it (or what HR last chose to keep
 * ours over); an import bringing anything else flags `payrollDiffers` with that value, and
 * one bringing HR's value ends the correction.
 */
export const personCorrections = pgTable('person_corrections', {
  personId: uuid('person_id').notNull().references(() => persons.id),
  field: text('field').notNull(),
  value: text('value'),
  payrollValue: text('payroll_value'),
  payrollDiffers: boolean('payroll_differs').notNull().default(false),
  differingValue: text('differing_value'),
  /** HR answered "the payroll will be fixed": the next import should bring HR's value. */
  fixExpected: boolean('fix_expected').notNull().default(false),
  correctedBy: text('corrected_by').notNull(),
  correctedAt: timestamp('corrected_at', { withTimezone: true }).notNull().defaultNow(),
  flaggedAt: timestamp('flagged_at', { withTimezone: true }),
}, (t) => [primaryKey({ name: 'person_corrections_pk', columns: [t.personId, t.field] })]);

export const payrollChanges = pgTable('payroll_changes', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  // No foreign keys: written in bulk by the transaction that writes both sides, and a per-row
  // key check doubled the cost of storing a month's changes.
  importId: uuid('import_id').notNull(),
  employerId: uuid('employer_id').notNull(),
  personId: uuid('person_id').notNull(),
  employeeNumber: text('employee_number').notNull(),
  kind: text('kind', { enum: ['hire', 'departure', 'rehire', 'missing', 'change'] }).notNull(),
  field: text('field'),
  oldValue: text('old_value'),
  newValue: text('new_value'),
  /** Suppliers this change concerns (enrolled with them, and they need the field). */
  supplierIds: uuid('supplier_ids').array().notNull().default(sql`'{}'::uuid[]`),
  /** When the change takes effect, as HR answered it (the payroll does not say); null: the period's first day. */
  effectiveDate: date('effective_date'),
}, (t) => [
  // Changes are always read per import; the supplier filter runs on that import's rows.
  index('payroll_changes_import_idx').on(t.importId, t.id),
]);

export const suppliers = pgTable('suppliers', {
  id: id(),
  name: text('name').notNull(),
  kind: text('kind', { enum: SUPPLIER_KINDS }).notNull(),
  /** Canonical fields this supplier needs; null means its kind's defaults. */
  fields: text('fields').array(),
  /** How the supplier is reached — without secrets. */
  channel: jsonb('channel').$type<SupplierChannel>().notNull().default(sql`'{"transport":"none"}'::jsonb`),
  /** The channel's credentials, AES-256-GCM under the configured key; never returned, never logged. */
  credentialsEncrypted: text('credentials_encrypted'),
  /** sha256 of the token the supplier's callbacks must carry. */
  callbackTokenHash: text('callback_token_hash'),
  createdAt: createdAt(),
});

export const plans = pgTable('plans', {
  id: id(),
  supplierId: uuid('supplier_id').notNull().references(() => suppliers.id),
  name: text('name').notNull(),
  /** The supplier's own product code, where it has one. */
  code: text('code'),
  /** What the insurer should bill per insured person (domain/contributions/premium-formula.ts); null: not checked. */
  premiumFormula: jsonb('premium_formula'),
  createdAt: createdAt(),
});

/** An employer's contract with a supplier (instantie bij werkgever). */
export const employerSuppliers = pgTable('employer_suppliers', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  supplierId: uuid('supplier_id').notNull().references(() => suppliers.id),
  collectiveNumber: text('collective_number').notNull(),
  startDate: date('start_date').notNull(),
  /** No message leaves before this date (aanleveren vanaf). */
  deliverFrom: date('deliver_from').notNull(),
  /** Change kinds this employer confirms before this supplier hears of them; null: the supplier's setting. */
  confirmKinds: text('confirm_kinds').array(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('employer_suppliers_pair_idx').on(t.employerId, t.supplierId)]);

export const familyMembers = pgTable('family_members', {
  id: id(),
  personId: uuid('person_id').notNull().references(() => persons.id),
  relation: text('relation', { enum: ['partner', 'child'] }).notNull(),
  /** firstName, lastName, namePrefix, birthDate, gender, nationalId. */
  data: jsonb('data').notNull(),
  /** No longer a family member of the person from the day after (divorce, a child leaving the policy). */
  endDate: date('end_date'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('family_members_person_idx').on(t.personId)]);

export const ENROLLMENT_SOURCES = ['manual', 'initial_import', 'change_import', 'onboarding'] as const;

export const enrollments = pgTable('enrollments', {
  id: id(),
  personId: uuid('person_id').notNull().references(() => persons.id),
  /** Set when the enrollment covers a partner or child of the person. */
  familyMemberId: uuid('family_member_id'),
  planId: uuid('plan_id').notNull().references(() => plans.id),
  startDate: date('start_date').notNull(),
  endDate: date('end_date'),
  source: text('source', { enum: ENROLLMENT_SOURCES }).notNull().default('manual'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('enrollments_person_idx').on(t.personId)]);

/** Plans a new hire is enrolled in when change detection sees the hire (indienstprofiel). */
export const onboardingProfiles = pgTable('onboarding_profiles', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  name: text('name').notNull(),
  /** Only hires of this category; null: every hire. */
  category: text('category', { enum: ['white_collar', 'blue_collar'] }),
  /** [{ planId, startOffsetDays, startDate? }]: the enrollment starts at hire date + offset, or on a fixed date (a deviating start). */
  plans: jsonb('plans').$type<OnboardingPlan[]>().notNull(),
  /** Only hires the eligibility filter (domain/eligibility/filter.ts) matches on their hire date; null: no further condition. */
  eligibility: jsonb('eligibility').$type<Filter>(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }),
}, (t) => [index('onboarding_profiles_employer_idx').on(t.employerId)]);

export const MESSAGE_KINDS = ['enrollment', 'termination', 'change'] as const;

export const messages = pgTable('messages', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  supplierId: uuid('supplier_id').notNull().references(() => suppliers.id),
  personId: uuid('person_id').notNull().references(() => persons.id),
  enrollmentId: uuid('enrollment_id').references(() => enrollments.id),
  kind: text('kind', { enum: MESSAGE_KINDS }).notNull(),
  status: text('status', { enum: MESSAGE_STATUSES }).notNull().default('not_sent'),
  /** A resend is a new version; the idempotency key of a delivery is id:version. */
  version: integer('version').notNull().default(1),
  factDate: date('fact_date').notNull(),
  sendDate: date('send_date').notNull(),
  /** Canonical fields the message needs and the data lacks (status incomplete). */
  missingFields: text('missing_fields').array().notNull().default(sql`'{}'::text[]`),
  /** For change messages: the fields that changed. */
  changedFields: text('changed_fields').array().notNull().default(sql`'{}'::text[]`),
  /** Waits for the employer to confirm it (a task of the monthly cycle) before it may leave. */
  needsConfirmation: boolean('needs_confirmation').notNull().default(false),
  /** Fields changed after sending that do not resend by themselves ("changed since sent"). */
  changedSinceSent: text('changed_since_sent').array().notNull().default(sql`'{}'::text[]`),
  /** [{ code, message, params? }] shown to HR, e.g. the 120-day warning at creation (params: its figures, for the UI's languages). */
  warnings: jsonb('warnings').$type<{ code: string; message: string; suggestion?: string; params?: Record<string, string | number> }[]>().notNull().default(sql`'[]'::jsonb`),
  /** Why the last send failed: { code, message, suggestion?, params? }. */
  failure: jsonb('failure').$type<{ code: string; message: string; suggestion?: string; params?: Record<string, string | number> } | null>(),
  supplierReference: text('supplier_reference'),
  receiptDate: date('receipt_date'),
  errorCode: text('error_code'),
  errorText: text('error_text'),
  cancelReason: text('cancel_reason'),
  sentAt: timestamp('sent_at', { withTimezone: true }),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  /** Sent and not answered by then: overdue (the supplier's answer window, in working days). */
  answerDueAt: timestamp('answer_due_at', { withTimezone: true }),
  createdBy: text('created_by').notNull(),
  /** The payroll import whose changes made the message; null when made by hand or through the API. */
  importId: uuid('import_id').references(() => payrollImports.id),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('messages_employer_status_idx').on(t.employerId, t.status),
  index('messages_supplier_status_idx').on(t.supplierId, t.status),
  index('messages_person_idx').on(t.personId),
  index('messages_import_idx').on(t.importId),
  // The monitor's order (newest first) for one employer: a page without sorting all of its messages.
  index('messages_employer_created_idx').on(t.employerId, t.createdAt, t.id),
]);

/** Every status transition of a message: the history HR sees and the proof of what happened. */
export const messageEvents = pgTable('message_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  messageId: uuid('message_id').notNull().references(() => messages.id),
  version: integer('version').notNull(),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  /** A short code: created, data_complete, send_date_reached, delivered, supplier_answer, resend, cancelled, … */
  cause: text('cause').notNull(),
  /** user:<name>, system, supplier. */
  actor: text('actor').notNull(),
  detail: jsonb('detail'),
}, (t) => [index('message_events_message_idx').on(t.messageId, t.id)]);

/**
 * The exact body handed to the supplier for each version, sealed with the secret key (it holds
 * personal data), with the SHA-256 of its bytes: the proof of what was sent.
 */
export const messageBodies = pgTable('message_bodies', {
  messageId: uuid('message_id').notNull().references(() => messages.id),
  version: integer('version').notNull(),
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  bodySealed: text('body_sealed').notNull(),
  createdAt: createdAt(),
}, (t) => [primaryKey({ name: 'message_bodies_pk', columns: [t.messageId, t.version] })]);

/** Supplier answers as received (callback or polling), one per message version. */
export const messageAnswers = pgTable('message_answers', {
  messageId: uuid('message_id').notNull().references(() => messages.id),
  version: integer('version').notNull(),
  status: text('status', { enum: ['processed', 'rejected'] }).notNull(),
  receiptDate: date('receipt_date'),
  errorCode: text('error_code'),
  errorText: text('error_text'),
  reference: text('reference'),
  via: text('via', { enum: ['callback', 'polling'] }).notNull(),
  applied: boolean('applied').notNull().default(false),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('message_answers_pk').on(t.messageId, t.version)]);

// ── the monthly cycle ──────────────────────────────────────────────────────────────────

/** When an employer's monthly cycle starts (a Temporal Schedule per employer). */
export const employerSchedules = pgTable('employer_schedules', {
  employerId: uuid('employer_id').primaryKey().references(() => employers.id),
  /** Day of the month the cycle starts (1–28) and the hour (0–23), Europe/Amsterdam. */
  dayOfMonth: integer('day_of_month').notNull().default(CYCLE_DEFAULTS.dayOfMonth),
  hour: integer('hour').notNull().default(CYCLE_DEFAULTS.hour),
  enabled: boolean('enabled').notNull().default(true),
  /** Days after the start without a payroll import: remind; after `escalateAfterDays`: escalate. */
  remindAfterDays: integer('remind_after_days').notNull().default(CYCLE_DEFAULTS.remindAfterDays),
  escalateAfterDays: integer('escalate_after_days').notNull().default(CYCLE_DEFAULTS.escalateAfterDays),
  /** Tasks are due this many days after they are created (the cycle's cut-off). */
  taskDueDays: integer('task_due_days').notNull().default(CYCLE_DEFAULTS.taskDueDays),
  /** A task is reminded this many working days before it is due. */
  remindWorkingDays: integer('remind_working_days').notNull().default(CYCLE_DEFAULTS.remindWorkingDays),
  /** Who hears of an overdue task (the employer's escalation contact); null: nobody is e-mailed, the task shows it. */
  escalationEmail: text('escalation_email'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const CYCLE_STATUSES = ['running', 'closed', 'failed'] as const;

export const cycles = pgTable('cycles', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  period: text('period').notNull(),
  status: text('status', { enum: CYCLE_STATUSES }).notNull().default('running'),
  stage: text('stage').notNull().default('waiting_for_import'),
  workflowId: text('workflow_id').notNull(),
  importId: uuid('import_id'),
  /** Counts per stage, per supplier, and what was delivered: the close summary. */
  summary: jsonb('summary').notNull().default(sql`'{}'::jsonb`),
  startedBy: text('started_by').notNull(),
  createdAt: createdAt(),
  closedAt: timestamp('closed_at', { withTimezone: true }),
}, (t) => [uniqueIndex('cycles_employer_period_idx').on(t.employerId, t.period)]);

export const TASK_KINDS = [
  'confirm_enrollment', 'confirm_termination', 'confirm_change', 'complete_data', 'review_finding',
  'declare_accident', 'accident_sick_note_ending', 'accident_payment_check', 'answer_overdue',
  'review_missing', 'complete_effective_date', 'resolve_correction', 'review_bordereau',
  'upload_comparison_file', 'review_comparison', 'review_eligibility',
] as const;
export const TASK_STATUSES = ['open', 'completed', 'declined', 'cancelled'] as const;

export const tasks = pgTable('tasks', {
  id: id(),
  cycleId: uuid('cycle_id').references(() => cycles.id),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  kind: text('kind', { enum: TASK_KINDS }).notNull(),
  status: text('status', { enum: TASK_STATUSES }).notNull().default('open'),
  /** What the task is about — ids and field names, never personal values: { personId, enrollmentId, planId, supplierId, field, changeId }. */
  subject: jsonb('subject').notNull(),
  /** A role (e.g. hr) or a user name. */
  assignee: text('assignee').notNull().default('hr'),
  dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  remindAt: timestamp('remind_at', { withTimezone: true }),
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  escalatedAt: timestamp('escalated_at', { withTimezone: true }),
  /** The payroll import whose changes raised it. */
  importId: uuid('import_id'),
  /** The accident case that raised it (declaration, sick note ending, missing payment). */
  accidentId: uuid('accident_id'),
  /** The answer: { startDate, planId } | { endDate } | { value } | { declineReason }. */
  result: jsonb('result'),
  completedBy: text('completed_by'),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  comments: jsonb('comments').$type<{ by: string; at: string; text: string }[]>().notNull().default(sql`'[]'::jsonb`),
  createdAt: createdAt(),
}, (t) => [
  index('tasks_status_idx').on(t.status, t.dueAt),
  index('tasks_cycle_idx').on(t.cycleId),
  index('tasks_accident_idx').on(t.accidentId),
  // A person's tasks (the retention purge erases what was answered about them).
  index('tasks_person_idx').on(sql`(${t.subject}->>'personId')`),
  // An overdue answer's task by its message (the answer closes it, the sweep looks for it).
  index('tasks_answer_overdue_message_idx').on(sql`(${t.subject}->>'messageId')`).where(sql`${t.kind} = 'answer_overdue'`),
]);

/**
 * Answers to tasks as users give them, before the cycle applies one: the answer (which may
 * hold personal data, e.g. a completed BSN) stays here; the workflow only sees its id.
 */
export const taskAnswers = pgTable('task_answers', {
  id: id(),
  taskId: uuid('task_id').notNull().references(() => tasks.id),
  result: jsonb('result').notNull(),
  by: text('by').notNull(),
  createdAt: createdAt(),
});

/** How a supplier wants its monthly report; null columns mean the defaults of its kind. */
export const supplierReportSettings = pgTable('supplier_report_settings', {
  supplierId: uuid('supplier_id').primaryKey().references(() => suppliers.id),
  /** domain/reports/format.ts ReportFormat: columns, labels language, date/decimal formats, csv|xlsx, sheets, file name pattern. */
  format: jsonb('format').notNull(),
  /** Change kinds communicated only after the employer confirms (e.g. enrollment, termination). */
  confirmKinds: text('confirm_kinds').array().notNull().default(sql`'{}'::text[]`),
  /** Where the report goes: { transport: sftp|email|http|download, … } without secrets. */
  delivery: jsonb('delivery').notNull().default(sql`'{"transport":"download"}'::jsonb`),
  /** The delivery's secrets (SFTP password or key, HTTP token), sealed like channel credentials. */
  deliveryCredentialsEncrypted: text('delivery_credentials_encrypted'),
  /** ASCII-armoured OpenPGP public key: the report is encrypted to it (and signed by Mutaflow). */
  pgpPublicKey: text('pgp_public_key'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const reports = pgTable('reports', {
  id: id(),
  cycleId: uuid('cycle_id').references(() => cycles.id),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  supplierId: uuid('supplier_id').notNull().references(() => suppliers.id),
  period: text('period').notNull(),
  version: integer('version').notNull().default(1),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  /** Stored under files/reports/<sha256>; what was sent is what is kept. */
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  lineCount: integer('line_count').notNull(),
  encrypted: boolean('encrypted').notNull().default(false),
  status: text('status', { enum: ['rendered', 'delivered', 'failed'] }).notNull().default('rendered'),
  createdAt: createdAt(),
  /** The retention purge removed the file. */
  filePurgedAt: timestamp('file_purged_at', { withTimezone: true }),
}, (t) => [uniqueIndex('reports_supplier_period_version_idx').on(t.employerId, t.supplierId, t.period, t.version)]);

/**
 * One line of a rendered report as the supplier read it: the canonical values in the report's
 * columns, sealed (personal data), so that a bordereau can be reconciled with what was told.
 */
export const reportLines = pgTable('report_lines', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  reportId: uuid('report_id').notNull().references(() => reports.id),
  employerId: uuid('employer_id').notNull(),
  supplierId: uuid('supplier_id').notNull(),
  period: text('period').notNull(),
  personId: uuid('person_id').notNull(),
  familyMemberId: uuid('family_member_id'),
  kind: text('kind').notNull(),
  /** The canonical field a change line is about. */
  field: text('field'),
  /** The canonical fields of the person the line carried (names only; the values are sealed). */
  fields: text('fields').array().notNull(),
  effectiveDate: date('effective_date'),
  /** Sealed { person, member?, startDate?, endDate? }: only the columns the report carried. */
  valuesSealed: text('values_sealed').notNull(),
}, (t) => [
  index('report_lines_report_idx').on(t.reportId),
  index('report_lines_supplier_person_idx').on(t.employerId, t.supplierId, t.personId),
]);

export const reportDeliveries = pgTable('report_deliveries', {
  id: id(),
  reportId: uuid('report_id').notNull().references(() => reports.id),
  transport: text('transport').notNull(),
  status: text('status', { enum: ['delivered', 'failed'] }).notNull(),
  /** The peer's receipt: SFTP path and size, SMTP message id and response, HTTP status and body reference. */
  receipt: jsonb('receipt'),
  attempts: integer('attempts').notNull().default(1),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('report_deliveries_once_idx').on(t.reportId, t.transport)]);

// ── work-accident cases ─────────────────────────────────────────────────────────────────

export const accidents = pgTable('accidents', {
  id: id(),
  /** A number for people (ACC-000123): the case's reference in mails and on the declaration. */
  number: bigserial('number', { mode: 'number' }).notNull(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  personId: uuid('person_id').notNull().references(() => persons.id),
  status: text('status', { enum: ACCIDENT_STATUSES }).notNull(),
  /** The country whose rules and time zone apply (the employer's). */
  country: text('country', { enum: ['NL', 'BE'] }).notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  /** A first-aid entry that turned out worse: the day the employer learned of it starts the term. */
  learnedAt: timestamp('learned_at', { withTimezone: true }),
  place: text('place').notNull(),
  /**
   * What happened, witnesses, injuries, first aid, medical care, prevention: health data, sealed
   * with the secret key (AES-256-GCM); only a role with the health permission opens it.
   */
  detailsSealed: text('details_sealed').notNull(),
  incapacityFrom: date('incapacity_from'),
  workResumedOn: date('work_resumed_on'),
  fatal: boolean('fatal').notNull().default(false),
  /** The accident insurer and policy, from the person's enrollments (or given). */
  supplierId: uuid('supplier_id').references(() => suppliers.id),
  enrollmentId: uuid('enrollment_id').references(() => enrollments.id),
  policyNumber: text('policy_number'),
  deadlineDate: date('deadline_date'),
  deadlineAt: timestamp('deadline_at', { withTimezone: true }),
  declaredAt: timestamp('declared_at', { withTimezone: true }),
  declaredBy: text('declared_by'),
  /** `channel`: sent over the insurer's delivery; `download`: for the social security portal. */
  declaredVia: text('declared_via', { enum: ['channel', 'download'] }),
  declarationDocumentId: uuid('declaration_document_id'),
  claimNumber: text('claim_number'),
  portalReference: text('portal_reference'),
  closedAt: timestamp('closed_at', { withTimezone: true }),
  closedBy: text('closed_by'),
  workflowId: text('workflow_id'),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('accidents_number_idx').on(t.number),
  index('accidents_employer_idx').on(t.employerId, t.occurredAt),
  index('accidents_status_idx').on(t.status),
]);

/**
 * The case history: who did what when. `applied` is false while an event asked for through the
 * API waits for the case workflow to accept it (an Update); a refused one is deleted. Details
 * hold ids, dates and references only — amounts and health data stay in their own tables.
 */
export const accidentEvents = pgTable('accident_events', {
  id: id(),
  accidentId: uuid('accident_id').notNull().references(() => accidents.id),
  kind: text('kind').notNull(),
  detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  by: text('by').notNull(),
  applied: boolean('applied').notNull().default(true),
  // clock_timestamp, not now(): several events of one transaction keep their order.
  at: timestamp('at', { withTimezone: true }).notNull().default(sql`clock_timestamp()`),
}, (t) => [index('accident_events_accident_idx').on(t.accidentId, t.at)]);

export const ACCIDENT_DOCUMENT_KINDS = ['medical_certificate', 'sick_note', 'declaration', 'other'] as const;

/** Certificates, sick notes and declarations: health data, stored sealed under files/accidents/. */
export const accidentDocuments = pgTable('accident_documents', {
  id: id(),
  accidentId: uuid('accident_id').notNull().references(() => accidents.id),
  kind: text('kind', { enum: ACCIDENT_DOCUMENT_KINDS }).notNull(),
  mediaType: text('media_type').notNull(),
  size: integer('size').notNull(),
  /** The uploaded file name, sealed (it often carries the person's name). */
  fileNameSealed: text('file_name_sealed').notNull(),
  validFrom: date('valid_from'),
  /** A sick note's last day: a reminder goes out before it (extension or return to work). */
  validUntil: date('valid_until'),
  uploadedBy: text('uploaded_by').notNull(),
  createdAt: createdAt(),
}, (t) => [index('accident_documents_accident_idx').on(t.accidentId)]);

/** The insurer's allowance payments, one per month of incapacity. */
export const accidentPayments = pgTable('accident_payments', {
  id: id(),
  accidentId: uuid('accident_id').notNull().references(() => accidents.id),
  period: text('period').notNull(),
  amountCents: bigint('amount_cents', { mode: 'number' }),
  receivedOn: date('received_on').notNull(),
  recordedBy: text('recorded_by').notNull(),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('accident_payments_period_idx').on(t.accidentId, t.period)]);

/** Who is told about an employer's cases, and the follow-up terms. */
export const accidentSettings = pgTable('accident_settings', {
  employerId: uuid('employer_id').primaryKey().references(() => employers.id),
  notifyEmails: text('notify_emails').array().notNull().default(sql`'{}'::text[]`),
  /** A sick note's reminder goes out this many days before its last day. */
  sickNoteRemindDays: integer('sick_note_remind_days').notNull().default(3),
  /** The allowance for a month is expected by this day of the next month. */
  paymentDueDay: integer('payment_due_day').notNull().default(15),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Declaration terms per country, or per insurer within a country (the insurer's own term wins). */
export const accidentDeclarationRules = pgTable('accident_declaration_rules', {
  id: id(),
  country: text('country', { enum: ['NL', 'BE'] }).notNull(),
  supplierId: uuid('supplier_id').references(() => suppliers.id),
  days: integer('days').notNull(),
  reminderDays: integer('reminder_days').array().notNull(),
  reminderHour: integer('reminder_hour').notNull().default(9),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [unique('accident_rules_scope_idx').on(t.country, t.supplierId).nullsNotDistinct()]);

// ── retention ───────────────────────────────────────────────────────────────────────────

/** Every purge and erasure: what kind, which object (an id), when, by whom — never what it held. */
export const retentionRecords = pgTable('retention_records', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind').notNull(),
  subjectId: text('subject_id').notNull(),
  employerId: uuid('employer_id'),
  /** `purged` (files removed) or `erased` (a person's data). */
  action: text('action').notNull(),
  detail: jsonb('detail').notNull().default(sql`'{}'::jsonb`),
  by: text('by').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('retention_records_subject_idx').on(t.subjectId)]);

/**
 * An employer's audit rules (domain/audit/rules.ts): the current version here, every version
 * in `audit_rule_versions` — a finding names the version that raised it.
 */
export const auditRules = pgTable('audit_rules', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  name: text('name').notNull(),
  severity: text('severity', { enum: SEVERITIES }).notNull(),
  kind: text('kind', { enum: RULE_KINDS }).notNull(),
  /** domain/eligibility Filter; null: everyone. */
  population: jsonb('population'),
  definition: jsonb('definition').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  version: integer('version').notNull().default(1),
  /** The template it started from, if any. */
  templateId: text('template_id'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
}, (t) => [index('audit_rules_employer_idx').on(t.employerId)]);

export const auditRuleVersions = pgTable('audit_rule_versions', {
  ruleId: uuid('rule_id').notNull().references(() => auditRules.id),
  version: integer('version').notNull(),
  name: text('name').notNull(),
  severity: text('severity', { enum: SEVERITIES }).notNull(),
  population: jsonb('population'),
  definition: jsonb('definition').notNull(),
  enabled: boolean('enabled').notNull(),
  createdAt: createdAt(),
  createdBy: text('created_by').notNull(),
}, (t) => [uniqueIndex('audit_rule_versions_pk').on(t.ruleId, t.version)]);

/** One run of an employer's rules over one import: on the import, on demand, or by the cycle. */
export const auditRuns = pgTable('audit_runs', {
  id: id(),
  importId: uuid('import_id').notNull().references(() => payrollImports.id),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  trigger: text('trigger', { enum: ['import', 'on_demand', 'cycle'] }).notNull(),
  startedBy: text('started_by').notNull(),
  /** [{ ruleId, version }] evaluated. */
  rules: jsonb('rules').notNull().default(sql`'[]'::jsonb`),
  /** Findings per severity. */
  counts: jsonb('counts').notNull().default(sql`'{}'::jsonb`),
  personCount: integer('person_count').notNull().default(0),
  createdAt: createdAt(),
}, (t) => [
  index('audit_runs_import_idx').on(t.importId, t.createdAt),
  // What a finding's one foreign key refers to (audit_findings_run_fkey).
  unique('audit_runs_id_import_employer_key').on(t.id, t.importId, t.employerId),
]);

export const FINDING_STATUSES = ['open', 'acknowledged', 'resolved'] as const;

/**
 * One rule failing for one person in one import. The values (this month's and last month's)
 * are personal data: sealed (AES-256-GCM, infra/secret-box), opened only for a reader who may
 * see the person, never logged.
 */
export const auditFindings = pgTable('audit_findings', {
  id: id(),
  // The run, its import and its employer: one foreign key for the three (below).
  runId: uuid('run_id').notNull(),
  importId: uuid('import_id').notNull(),
  employerId: uuid('employer_id').notNull(),
  personId: uuid('person_id').references(() => persons.id),
  employeeNumber: text('employee_number').notNull(),
  ruleId: uuid('rule_id').notNull().references(() => auditRules.id),
  ruleVersion: integer('rule_version').notNull(),
  severity: text('severity', { enum: SEVERITIES }).notNull(),
  kind: text('kind', { enum: RULE_KINDS }).notNull(),
  field: text('field').notNull(),
  /** Sealed { value, previousValue }. */
  sealedValues: text('sealed_values').notNull(),
  status: text('status', { enum: FINDING_STATUSES }).notNull().default('open'),
  /** corrected (a later import no longer raises it), no_longer_raised (a rerun), acknowledged, raised_again (carried to a later import's finding). */
  resolution: text('resolution'),
  reason: text('reason'),
  resolvedBy: text('resolved_by'),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  /** The later import that corrected it, or the finding it was carried to. */
  resolvedByImportId: uuid('resolved_by_import_id'),
  createdAt: createdAt(),
}, (t) => [
  // One check per stored finding where three foreign keys made three (a run stores up to a hundred
  // thousand findings by COPY); it also holds a finding's import and employer to its run's.
  foreignKey({ name: 'audit_findings_run_fkey', columns: [t.runId, t.importId, t.employerId], foreignColumns: [auditRuns.id, auditRuns.importId, auditRuns.employerId] }),
  index('audit_findings_import_idx').on(t.importId, t.id),
  index('audit_findings_employer_status_idx').on(t.employerId, t.status),
  index('audit_findings_person_idx').on(t.personId),
]);

// ── comparisons of two systems' files ───────────────────────────────────────────────────
export const COMPARISON_RUN_STATUSES = ['running', 'completed', 'failed'] as const;

/** A saved comparison per employer (domain/reconciliation/comparison-definition.ts); `version` counts its edits. */
export const comparisonDefinitions = pgTable('comparison_definitions', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  name: text('name').notNull(),
  version: integer('version').notNull().default(1),
  definition: jsonb('definition').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('comparison_definitions_employer_idx').on(t.employerId)]);

/** One comparison of side A (a file, or the payroll photo of `aImportId`) with side B's file, as the definition stood. */
export const comparisonRuns = pgTable('comparison_runs', {
  id: id(),
  definitionId: uuid('definition_id').notNull().references(() => comparisonDefinitions.id),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  definitionVersion: integer('definition_version').notNull(),
  definition: jsonb('definition').notNull(),
  status: text('status', { enum: COMPARISON_RUN_STATUSES }).notNull().default('running'),
  stage: text('stage').notNull().default('queued'),
  aFileName: text('a_file_name'),
  aFileSha256: text('a_file_sha256'),
  aFileSize: bigint('a_file_size', { mode: 'number' }),
  aImportId: uuid('a_import_id'),
  bFileName: text('b_file_name').notNull(),
  bFileSha256: text('b_file_sha256').notNull(),
  bFileSize: bigint('b_file_size', { mode: 'number' }).notNull(),
  startedBy: text('started_by').notNull(),
  workflowId: text('workflow_id').notNull(),
  /** Rows read per side, keys matched, and results per kind. */
  counts: jsonb('counts').notNull().default(sql`'{}'::jsonb`),
  errorCount: integer('error_count').notNull().default(0),
  /** Why a file was refused: file, row, column, field — never a value. */
  errors: jsonb('errors').notNull().default(sql`'[]'::jsonb`),
  /** A monthly comparison run by the cycle: the period it compared and the cycle that ran it. */
  period: text('period'),
  cycleId: uuid('cycle_id'),
  createdAt: createdAt(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  /** The result lines (personal values) went at the end of the controls' retention term; counts stay. */
  resultsPurgedAt: timestamp('results_purged_at', { withTimezone: true }),
}, (t) => [
  index('comparison_runs_definition_idx').on(t.definitionId, t.createdAt),
  index('comparison_runs_files_idx').on(t.definitionId, t.bFileSha256),
  index('comparison_runs_cycle_idx').on(t.cycleId, t.definitionId),
]);

/** A monthly comparison's file for one period and side, sealed in the file store; a new upload replaces it. */
export const comparisonPeriodFiles = pgTable('comparison_period_files', {
  id: id(),
  definitionId: uuid('definition_id').notNull().references(() => comparisonDefinitions.id),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  period: text('period').notNull(),
  side: text('side', { enum: ['a', 'b'] }).notNull(),
  fileName: text('file_name').notNull(),
  fileSha256: text('file_sha256').notNull(),
  fileSize: bigint('file_size', { mode: 'number' }).notNull(),
  uploadedBy: text('uploaded_by').notNull(),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('comparison_period_files_side_idx').on(t.definitionId, t.period, t.side)]);

/** One line of a run's result (domain/reconciliation/comparison-matcher.ts). Values are personal data. */
export const comparisonResults = pgTable('comparison_results', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  // No foreign key: written in bulk, read per run.
  runId: uuid('run_id').notNull(),
  kind: text('kind').notNull(),
  side: text('side'),
  key: text('key'),
  field: text('field'),
  columnName: text('column_name'),
  reason: text('reason'),
  aValue: text('a_value'),
  bValue: text('b_value'),
  aRow: integer('a_row'),
  bRow: integer('b_row'),
  /** A duplicate key: the row of the same side that holds it first (the one matched). */
  firstRow: integer('first_row'),
}, (t) => [
  index('comparison_results_run_idx').on(t.runId, t.id),
  index('comparison_results_run_kind_idx').on(t.runId, t.kind, t.id),
]);

/** How a supplier's premium bordereau maps (domain/reconciliation/bordereau-profile.ts). */
export const bordereauProfiles = pgTable('bordereau_profiles', {
  supplierId: uuid('supplier_id').primaryKey().references(() => suppliers.id),
  profile: jsonb('profile').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** One reconciled bordereau; a replaced upload stays as `replaced` beside the current one. */
export const bordereauRuns = pgTable('bordereau_runs', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  supplierId: uuid('supplier_id').notNull().references(() => suppliers.id),
  period: text('period').notNull(),
  fileSha256: text('file_sha256').notNull(),
  status: text('status', { enum: ['current', 'replaced'] }).notNull().default('current'),
  lines: jsonb('lines').notNull(),
  outcome: jsonb('outcome').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
  /** The lines and differences (personal values) went at the end of the controls' retention term; the counts stay. */
  purgedAt: timestamp('purged_at', { withTimezone: true }),
});

export const BORDEREAU_RESOLUTIONS = ['insurer_will_correct', 'our_data_wrong', 'accepted'] as const;

export const bordereauResolutions = pgTable('bordereau_resolutions', {
  runId: uuid('run_id').notNull().references(() => bordereauRuns.id),
  fingerprint: text('fingerprint').notNull(),
  reason: text('reason', { enum: BORDEREAU_RESOLUTIONS }).notNull(),
  note: text('note'),
  resolvedBy: text('resolved_by').notNull(),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }).notNull().defaultNow(),
  /** our_data_wrong: the correction message sent to the insurer. */
  messageId: uuid('message_id').references(() => messages.id),
}, (t) => [primaryKey({ name: 'bordereau_resolutions_pk', columns: [t.runId, t.fingerprint] })]);

// ── statements ────────────────────────────────────────────────────────────────────────

export const STATEMENT_BATCH_STATUSES = ['running', 'completed', 'failed'] as const;

/**
 * One bulk run of statements for all persons of an employer (the statementBatch workflow): one
 * ZIP of PDFs, stored sealed under files/statements/<id>, downloaded or e-mailed.
 */
export const statementBatches = pgTable('statement_batches', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  status: text('status', { enum: STATEMENT_BATCH_STATUSES }).notNull().default('running'),
  delivery: text('delivery', { enum: ['download', 'email'] }).notNull(),
  /** Where the ZIP goes for delivery `email` (HR's address, not a person's). */
  emailTo: text('email_to'),
  personCount: integer('person_count').notNull().default(0),
  doneCount: integer('done_count').notNull().default(0),
  issuedOn: date('issued_on').notNull(),
  fileName: text('file_name'),
  fileSha256: text('file_sha256'),
  fileSize: bigint('file_size', { mode: 'number' }),
  /** Why the batch failed, in words without personal data. */
  error: text('error'),
  workflowId: text('workflow_id').notNull(),
  startedBy: text('started_by').notNull(),
  createdAt: createdAt(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  /** The retention purge removed the ZIP. */
  filePurgedAt: timestamp('file_purged_at', { withTimezone: true }),
}, (t) => [index('statement_batches_employer_idx').on(t.employerId, t.createdAt)]);
// ── personal contributions (domain/contributions) ──────────────────────────────────────

/** An employer's payroll upload file for contributions: layout, delivery, how far back corrections go. */
export const contributionSettings = pgTable('contribution_settings', {
  employerId: uuid('employer_id').primaryKey().references(() => employers.id),
  /** domain/contributions/layout.ts ContributionLayout: columns, pay codes per plan, csv|xlsx. */
  layout: jsonb('layout').notNull(),
  /** Where the file goes, as for reports: { transport: sftp|email|http|download, … } without secrets. */
  delivery: jsonb('delivery').notNull().default(sql`'{"transport":"download"}'::jsonb`),
  deliveryCredentialsEncrypted: text('delivery_credentials_encrypted'),
  /** The first month contributions are computed for (no corrections before it); null: the first file's period. */
  firstPeriod: text('first_period'),
  retroMonths: integer('retro_months').notNull().default(12),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A produced contribution file: one per employer × period × version; a new version names its differences. */
export const contributionFiles = pgTable('contribution_files', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  period: text('period').notNull(),
  version: integer('version').notNull(),
  cycleId: uuid('cycle_id').references(() => cycles.id),
  /** The version this one replaces (version > 1). */
  replacesId: uuid('replaces_id'),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  /** Sealed in the file store under reports/<sha256>. */
  sha256: text('sha256').notNull(),
  size: integer('size').notNull(),
  lineCount: integer('line_count').notNull(),
  employeeTotalCents: bigint('employee_total_cents', { mode: 'number' }).notNull(),
  /** Persons whose formula could not be evaluated: [{ personId, employeeNumber, planId, field, months }]. */
  findings: jsonb('findings').notNull().default(sql`'[]'::jsonb`),
  /** Against the version it replaces: [{ employeeNumber, payCode, month, reason, oldCents, newCents }]. */
  differences: jsonb('differences'),
  status: text('status', { enum: ['produced', 'delivered', 'failed'] }).notNull().default('produced'),
  transport: text('transport'),
  deliveryReceipt: jsonb('delivery_receipt'),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  createdBy: text('created_by').notNull(),
  createdAt: createdAt(),
  filePurgedAt: timestamp('file_purged_at', { withTimezone: true }),
}, (t) => [uniqueIndex('contribution_files_version_idx').on(t.employerId, t.period, t.version)]);

/** Every line of a file: what was deducted for whom, for which month and why (the next run's ledger). */
export const contributionLines = pgTable('contribution_lines', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  fileId: uuid('file_id').notNull().references(() => contributionFiles.id),
  personId: uuid('person_id').notNull(),
  planId: uuid('plan_id').notNull(),
  employeeNumber: text('employee_number').notNull(),
  payCode: text('pay_code').notNull(),
  month: text('month').notNull(),
  employeeCents: integer('employee_cents').notNull(),
  employerCents: integer('employer_cents').notNull(),
  salaryCents: integer('salary_cents'),
  reason: text('reason').notNull(),
  coveredDays: integer('covered_days').notNull(),
  daysInMonth: integer('days_in_month').notNull(),
}, (t) => [index('contribution_lines_file_idx').on(t.fileId)]);
/** An internal benefit an employer manages itself (credit card, phone, budget): its own fields and who is eligible. */
export const benefitTypes = pgTable('benefit_types', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  name: text('name').notNull(),
  fields: jsonb('fields').$type<FieldDefinition[]>().notNull(),
  /** Who qualifies (domain/eligibility/filter.ts); null: everyone in service. */
  eligibility: jsonb('eligibility').$type<Filter>(),
  /** Raised with every change of `eligibility`: a review names a changed rule as the reason. */
  eligibilityVersion: integer('eligibility_version').notNull().default(1),
  calculation: jsonb('calculation').$type<Calculation>(),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
}, (t) => [index('benefit_types_employer_idx').on(t.employerId)]);

/** A person's record of a benefit type: the values of its fields, from a start to an end. */
export const benefitRecords = pgTable('benefit_records', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  typeId: uuid('type_id').notNull().references(() => benefitTypes.id),
  personId: uuid('person_id').notNull().references(() => persons.id),
  values: jsonb('values').$type<FieldValues>().notNull(),
  startDate: date('start_date').notNull(),
  endDate: date('end_date'),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
}, (t) => [index('benefit_records_person_idx').on(t.personId), index('benefit_records_type_idx').on(t.typeId)]);

export const BENEFIT_RECORD_ACTIONS = ['created', 'updated', 'ended'] as const;

/** Every version of a record, as it was after each change. */
export const benefitRecordHistory = pgTable('benefit_record_history', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  recordId: uuid('record_id').notNull().references(() => benefitRecords.id),
  version: integer('version').notNull(),
  action: text('action', { enum: BENEFIT_RECORD_ACTIONS }).notNull(),
  values: jsonb('values').$type<FieldValues>().notNull(),
  startDate: date('start_date').notNull(),
  endDate: date('end_date'),
  by: text('by').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('benefit_record_history_version_idx').on(t.recordId, t.version)]);

/** Each person's eligibility for each type at the last review: field names only, never values. */
export const benefitEligibility = pgTable('benefit_eligibility', {
  typeId: uuid('type_id').notNull().references(() => benefitTypes.id),
  // Derived data: a person an import replacement takes back goes with it.
  personId: uuid('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
  eligible: boolean('eligible').notNull(),
  failing: jsonb('failing').$type<string[]>().notNull(),
  ruleVersion: integer('rule_version').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ name: 'benefit_eligibility_pk', columns: [t.typeId, t.personId] })]);

export const ELIGIBILITY_SOURCES = ['cycle', 'import', 'on_demand'] as const;

/** Who newly qualifies or no longer does, and why: what the HR task and the monthly e-mail list. */
export const benefitEligibilityChanges = pgTable('benefit_eligibility_changes', {
  id: id(),
  employerId: uuid('employer_id').notNull().references(() => employers.id),
  typeId: uuid('type_id').notNull().references(() => benefitTypes.id),
  personId: uuid('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
  period: text('period').notNull(),
  onDate: date('on_date').notNull(),
  change: text('change').$type<EligibilityChangeKind>().notNull(),
  reasons: jsonb('reasons').$type<EligibilityReason[]>().notNull(),
  source: text('source', { enum: ELIGIBILITY_SOURCES }).notNull(),
  importId: uuid('import_id'),
  taskId: uuid('task_id'),
  /** When the monthly report e-mail listed it. */
  reportedAt: timestamp('reported_at', { withTimezone: true }),
  createdAt: createdAt(),
}, (t) => [index('benefit_eligibility_changes_period_idx').on(t.employerId, t.period)]);

/** Per employer: where the monthly overview of eligibility changes is e-mailed. */
export const benefitSettings = pgTable('benefit_settings', {
  employerId: uuid('employer_id').primaryKey().references(() => employers.id),
  reportEmail: text('report_email'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by').notNull(),
});
