import { sql } from 'drizzle-orm';
import {
  bigserial, bigint, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const employers = pgTable('employers', {
  id: id(),
  name: text('name').notNull(),
  country: text('country', { enum: ['NL', 'BE'] }).notNull(),
  /** KvK (NL, 8 digits) or KBO/BCE (BE, 10 digits), digits only. */
  companyNumber: text('company_number'),
  mappingProfile: jsonb('mapping_profile').notNull(),
  createdAt: createdAt(),
});

export const apiTokens = pgTable('api_tokens', {
  id: id(),
  name: text('name').notNull(),
  /** sha256 of the token; the token itself is never stored. */
  tokenHash: text('token_hash').notNull(),
  role: text('role').notNull().default('admin'),
  createdAt: createdAt(),
}, (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash), uniqueIndex('api_tokens_name_idx').on(t.name)]);

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
}, (t) => [
  // The only index, so that updating a person's data can stay a HOT update.
  uniqueIndex('persons_employer_number_idx').on(t.employerId, t.employeeNumber),
]);

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
}, (t) => [
  // Changes are always read per import; the supplier filter runs on that import's rows.
  index('payroll_changes_import_idx').on(t.importId, t.id),
]);

export const suppliers = pgTable('suppliers', {
  id: id(),
  name: text('name').notNull(),
  kind: text('kind', { enum: ['health_insurer', 'group_insurance', 'hospitalisation', 'accident', 'external', 'internal'] }).notNull(),
  /** Canonical fields this supplier needs; null means its kind's defaults. */
  fields: text('fields').array(),
  createdAt: createdAt(),
});

export const plans = pgTable('plans', {
  id: id(),
  supplierId: uuid('supplier_id').notNull().references(() => suppliers.id),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const enrollments = pgTable('enrollments', {
  id: id(),
  personId: uuid('person_id').notNull().references(() => persons.id),
  /** Set when the enrollment covers a partner or child of the person. */
  familyMemberId: uuid('family_member_id'),
  planId: uuid('plan_id').notNull().references(() => plans.id),
  startDate: date('start_date').notNull(),
  endDate: date('end_date'),
  createdAt: createdAt(),
}, (t) => [index('enrollments_person_idx').on(t.personId)]);
