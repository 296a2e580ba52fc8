/**
 * Two employers, each with one of everything a route can be about (person, family member,
 * enrollment, message, task, accident, cycle, report, payroll import), written straight into
 * the database: the authorization tests need objects to point at, not processes behind them.
 * States are chosen so that changes answer without starting workflows (a cancelled message,
 * a completed task, a closed accident).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { accidents, comparisonDefinitions, comparisonRuns, cycles, employerSuppliers, employers, enrollments, familyMembers, messages, payrollImports, persons, plans, reports, statementBatches, suppliers, tasks } from '../../db/schema';
import { DEFAULT_PROFILE } from '../../domain/payroll/mapping-profile';
import { DETAILS } from './accident-fixture';
import type { Harness} from './harness';
import { TEST_SECRETS, startHarness } from './harness';
import { nextBsn } from './message-fixture';
import { DAY_MS } from '../../domain/shared/calendar';
import { BUILTIN_ROLES } from '../../domain/access/permissions';
import { comparisonDefinitionSchema } from '../../domain/reconciliation/comparison-definition';
import { FIXTURE_DEFINITION } from './comparison-fixture';

export interface Side {
  employerId: string;
  personId: string;
  familyMemberId: string;
  enrollmentId: string;
  messageId: string;
  taskId: string;
  accidentId: string;
  cycleId: string;
  reportId: string;
  importId: string;
  comparisonDefinitionId: string;
  /** A refused comparison run (no workflow behind it). */
  comparisonRunId: string;
  /** A failed statement batch (no workflow behind it, no file). */
  statementBatchId: string;
  /** Personal values stored for the person: they must never reach an audit row or a log. */
  person: { lastName: string; firstName: string; nationalId: string };
}

export interface ScopedWorld {
  A: Side;
  B: Side;
  supplierId: string;
  planId: string;
}

async function side(h: Harness, name: string, supplierId: string, planId: string): Promise<Side> {
  const db = h.db;
  const [employer] = await db.insert(employers).values({ name, country: 'NL', companyNumber: String(10_000_000 + Math.floor(Math.random() * 89_999_999)), mappingProfile: DEFAULT_PROFILE }).returning();
  await db.insert(employerSuppliers).values({ employerId: employer.id, supplierId, collectiveNumber: `C-${randomUUID().slice(0, 8)}`, startDate: '2020-01-01', deliverFrom: '2020-01-01' });
  const upload = await h.files.saveUpload(Readable.from(Buffer.from(`employeeNumber\n${randomUUID()}\n`)), 1024 * 1024);
  const [imp] = await db.insert(payrollImports).values({
    employerId: employer.id, period: '2026-01', status: 'completed', stage: 'done', fileName: 'payroll.csv', fileSha256: upload.sha256, fileSize: upload.size,
    uploadedBy: 'test', workflowId: `payroll-import-${randomUUID()}`, completedAt: new Date(),
  }).returning();
  const person = { lastName: `Zwanenburg-${randomUUID().slice(0, 6)}`, firstName: 'Hendrika', nationalId: nextBsn() };
  const data = { employeeNumber: 'E1', ...person, birthDate: '1980-02-03', street: 'Keizersgracht', postalCode: '1015CJ', city: 'Amsterdam', country: 'NL' };
  const [p] = await db.insert(persons).values({ employerId: employer.id, employeeNumber: 'E1', data, status: 'active', lastImportId: imp.id }).returning();
  const [fm] = await db.insert(familyMembers).values({ personId: p.id, relation: 'child', data: { firstName: 'Kees', lastName: person.lastName, birthDate: '2015-05-05' } }).returning();
  const [enrollment] = await db.insert(enrollments).values({ personId: p.id, planId, startDate: '2024-01-01', source: 'manual' }).returning();
  const [message] = await db.insert(messages).values({
    employerId: employer.id, supplierId, personId: p.id, enrollmentId: enrollment.id, kind: 'enrollment', status: 'cancelled',
    factDate: '2024-01-01', sendDate: '2024-01-02', createdBy: 'test', cancelReason: 'test',
  }).returning();
  const [cycle] = await db.insert(cycles).values({ employerId: employer.id, period: '2026-01', status: 'closed', stage: 'closed', workflowId: `cycle-${randomUUID()}`, startedBy: 'test', closedAt: new Date() }).returning();
  const [task] = await db.insert(tasks).values({
    cycleId: cycle.id, employerId: employer.id, kind: 'confirm_enrollment', status: 'completed', subject: { personId: p.id, enrollmentId: enrollment.id },
    dueAt: new Date(Date.now() + DAY_MS), result: { confirm: true }, completedBy: 'user:someone-else', completedAt: new Date(),
  }).returning();
  const accidentId = randomUUID();
  await db.insert(accidents).values({
    id: accidentId, employerId: employer.id, personId: p.id, status: 'closed', country: 'NL', occurredAt: new Date(Date.now() - 30 * DAY_MS), place: 'Warehouse',
    detailsSealed: TEST_SECRETS.seal(DETAILS), supplierId, workflowId: `accident-${accidentId}`, createdBy: 'test', closedAt: new Date(), closedBy: 'test',
  });
  const file = await h.files.saveReport(Buffer.from(`report ${randomUUID()}\n`));
  const [report] = await db.insert(reports).values({
    cycleId: cycle.id, employerId: employer.id, supplierId, period: '2026-01', fileName: 'report.csv', contentType: 'text/csv', sha256: file.sha256, size: file.size, lineCount: 1,
  }).returning();
  const definition = comparisonDefinitionSchema.parse(FIXTURE_DEFINITION);
  const [comparison] = await db.insert(comparisonDefinitions).values({ employerId: employer.id, name: definition.name, definition, createdBy: 'test' }).returning();
  const [comparisonRun] = await db.insert(comparisonRuns).values({
    definitionId: comparison.id, employerId: employer.id, definitionVersion: 1, definition, status: 'failed', stage: 'failed',
    bFileName: 'hr.csv', bFileSha256: upload.sha256, bFileSize: upload.size, startedBy: 'test', workflowId: `comparison-${randomUUID()}`, completedAt: new Date(),
  }).returning();
  const [batch] = await db.insert(statementBatches).values({
    employerId: employer.id, delivery: 'download', status: 'failed', issuedOn: '2026-01-01', workflowId: `statement-batch-${randomUUID()}`, startedBy: 'test', error: 'test',
  }).returning();
  return {
    comparisonDefinitionId: comparison.id, comparisonRunId: comparisonRun.id, statementBatchId: batch.id,
    employerId: employer.id, personId: p.id, familyMemberId: fm.id, enrollmentId: enrollment.id, messageId: message.id, taskId: task.id, accidentId,
    cycleId: cycle.id, reportId: report.id, importId: imp.id, person,
  };
}

export async function createScopedWorld(h: Harness): Promise<ScopedWorld> {
  const [supplier] = await h.db.insert(suppliers).values({ name: `Scoped insurer ${randomUUID().slice(0, 6)}`, kind: 'health_insurer' }).returning();
  const [plan] = await h.db.insert(plans).values({ supplierId: supplier.id, name: 'Basis', code: `B-${randomUUID().slice(0, 6)}` }).returning();
  return { A: await side(h, 'Employer A', supplier.id, plan.id), B: await side(h, 'Employer B', supplier.id, plan.id), supplierId: supplier.id, planId: plan.id };
}

/** Who may grant a built-in role: the health administrator grants health access, the admin the rest. */
const granterOf = (h: Harness, role: string) => (BUILTIN_ROLES[role]?.permissions.includes('accidents.health') ? h.healthAuth : h.auth);

/** A token with a role, granted the given employers only. */
export async function tokenFor(h: Harness, role: string, employerIds: string[]): Promise<string> {
  const res = await h.app.inject({ method: 'POST', url: '/api/tokens', headers: granterOf(h, role), payload: { name: `${role}-${randomUUID()}`, role, employerIds } });
  if (res.statusCode !== 201) throw new Error(`token for ${role}: ${res.statusCode} ${res.body}`);
  return res.json().token;
}

/** For a test file: a harness without worker and a scoped world, started before its tests and closed after them. */
export function useScopedWorld(use: (h: Harness, w: ScopedWorld) => void): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness({ worker: false });
    use(h, await createScopedWorld(h));
  });
  afterAll(async () => {
    await h?.close();
  });
}
