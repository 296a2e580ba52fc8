/**
 * The monthly cycle's audit stage on the time-skipping test server with real activities,
 * PostgreSQL and real payroll imports: a blocking finding opens a review_finding task and holds
 * its person's messages while everyone else's start; the cycle waits, and goes on once the
 * finding is acknowledged with a reason — or corrected by a new import of the period.
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { and, eq } from 'drizzle-orm';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { createActivities } from '../../activities';
import type { Db } from '../../db/client';
import { createEnrollmentMessages, importActor } from '../../db/queries/messages';
import { auditFindings, auditRuleVersions, auditRules, enrollments, persons, taskAnswers, tasks } from '../../db/schema';
import { RULE_TEMPLATES } from '../../domain/audit/rules';
import type { FileStore } from '../../infra/file-store';
import type { monthlyCycle } from '../../workflows/monthly-cycle';
import { completeTask, cycleWorkflowId, getCycleProgress, messageWorkflowId, payrollImported } from '../../workflows/shared';
import { sharedBundle } from '../support/harness';
import { importAsWorkflowDoes, useCycleWorkflowEnv } from '../support/cycle-workflow-env';
import { canonicalCsv, personRow } from '../support/canonical-csv';
import type { Simulator } from '../support/message-fixture';
import { createWorld, eventually } from '../support/message-fixture';

let env: TestWorkflowEnvironment, db: Db, files: FileStore, sim: Simulator, acts: ReturnType<typeof createActivities>;
const taskQueue = `cycle-findings-${randomUUID()}`;
useCycleWorkflowEnv(taskQueue, {}, (setup) => ({ env, db, files, sim, acts } = setup));

let periodSeq = 0;

const importFile = (employerId: string, period: string, csv: string) => importAsWorkflowDoes({ db, files, acts }, employerId, period, csv);

const WITH_SALARY = personRow({ employeeNumber: 'A1', nationalId: '123456782', grossMonthlySalary: '3100' });
const WITHOUT_SALARY = personRow({ employeeNumber: 'B1', nationalId: '100000009', lastName: 'Oudshoorn', grossMonthlySalary: '' });

/** An employer whose rule wants a salary for everyone active; A has one, B none; both enrolled. */
async function setUp() {
  const world = await createWorld(db, sim);
  const period = `2032-${String(++periodSeq).padStart(2, '0')}`;
  const template = RULE_TEMPLATES.find((t) => t.id === 'salary-present')!.rule;
  const [rule] = await db.insert(auditRules).values({ employerId: world.employerId, name: template.name, severity: 'blocking', kind: 'presence', population: template.population, definition: template.definition, updatedBy: 'test' }).returning();
  await db.insert(auditRuleVersions).values({ ruleId: rule.id, version: 1, name: rule.name, severity: 'blocking', population: rule.population, definition: rule.definition, enabled: true, createdBy: 'test' });
  const importId = await importFile(world.employerId, period, canonicalCsv(WITH_SALARY, WITHOUT_SALARY));
  const people = await db.select().from(persons).where(eq(persons.employerId, world.employerId));
  const a = people.find((p) => p.employeeNumber === 'A1')!.id;
  const b = people.find((p) => p.employeeNumber === 'B1')!.id;
  const made = await db.transaction(async (tx) => {
    const ids = [];
    for (const personId of [a, b]) {
      const [e] = await tx.insert(enrollments).values({ personId, planId: world.planId, startDate: '2033-01-01', source: 'onboarding' }).returning();
      ids.push(e.id);
    }
    return createEnrollmentMessages(tx, ids, 'enrollment', importActor(importId), '2032-01-01', () => false, importId);
  });
  const messageOf = (personId: string) => made.find((m) => m.personId === personId)!.id;
  return { world, period, importId, a, b, messageA: messageOf(a), messageB: messageOf(b) };
}

const start = (employerId: string, period: string): Promise<WorkflowHandle<typeof monthlyCycle>> =>
  env.client.workflow.start<typeof monthlyCycle>('monthlyCycle', { workflowId: cycleWorkflowId(employerId, period), taskQueue, args: [{ employerId, period, startedBy: 'user:test' }] });

const hasWorkflow = async (messageId: string) => env.client.workflow.getHandle(messageWorkflowId(messageId)).describe().then(() => true, () => false);

describe('monthlyCycle audit stage (time-skipping)', () => {
  it('waits on a blocking finding, holding only that person, and goes on once it is acknowledged', async () => {
    const s = await setUp();
    const handle = await start(s.world.employerId, s.period);
    const waiting = await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'findings');
    expect(waiting).toMatchObject({ importId: s.importId, waitingFor: '1 blocking finding(s)', openTasks: 1, counts: { findings_blocking: 1, review_finding: 1 } });
    const [task] = await db.select().from(tasks).where(and(eq(tasks.cycleId, waiting.cycleId!), eq(tasks.kind, 'review_finding')));
    expect(task).toMatchObject({ status: 'open', subject: expect.objectContaining({ personId: s.b, field: 'grossMonthlySalary' }) });
    // Everyone else's messages went out; B's waits.
    expect(await hasWorkflow(s.messageA)).toBe(true);
    expect(await hasWorkflow(s.messageB)).toBe(false);
    // A day later it still waits (reminders go on meanwhile).
    await env.sleep(86_400_000 + 60_000);
    expect((await handle.query(getCycleProgress)).stage).toBe('findings');
    expect(await hasWorkflow(s.messageB)).toBe(false);

    const [answer] = await db.insert(taskAnswers).values({ taskId: task.id, result: { acknowledged: true, reason: 'salary follows next month' }, by: 'user:controller' }).returning();
    await handle.executeUpdate(completeTask, { args: [{ taskId: task.id, answerId: answer.id, by: 'user:controller' }] });
    const done = await handle.result();
    expect(done).toMatchObject({ stage: 'closed', openTasks: 0, counts: { released: 1 } });
    expect(await hasWorkflow(s.messageB)).toBe(true);
    const [finding] = await db.select().from(auditFindings).where(eq(auditFindings.importId, s.importId));
    expect(finding).toMatchObject({ status: 'acknowledged', reason: 'salary follows next month', resolvedBy: 'user:controller' });

    // The history holds ids and counts only, and replays.
    const history = await handle.fetchHistory();
    const json = JSON.stringify(history);
    for (const secret of ['Oudshoorn', '100000009', 'salary follows next month']) expect(json).not.toContain(secret);
    await Worker.runReplayHistory({ workflowBundle: await sharedBundle() }, history, handle.workflowId);
    if (process.env.RECORD_HISTORIES === '1') await writeFile(join(__dirname, '..', 'histories', 'monthly-cycle-findings.json'), historyToJSON(history));
  });

  it('goes on when a new import of the period corrects the finding', async () => {
    const s = await setUp();
    const handle = await start(s.world.employerId, s.period);
    const waiting = await eventually(() => handle.query(getCycleProgress), (p) => p.stage === 'findings');
    const corrected = await importFile(s.world.employerId, s.period, canonicalCsv(WITH_SALARY, WITHOUT_SALARY.replace(/,,(\d{4}-\d{2}-\d{2}),$/, ',2900,$1,')));
    const [task] = await db.select().from(tasks).where(and(eq(tasks.cycleId, waiting.cycleId!), eq(tasks.kind, 'review_finding')));
    expect(task).toMatchObject({ status: 'completed', result: { corrected: true, importId: corrected } });
    await handle.signal(payrollImported, { importId: corrected });
    expect(await handle.result()).toMatchObject({ stage: 'closed' });
    const [old] = await db.select().from(auditFindings).where(eq(auditFindings.importId, s.importId));
    expect(old).toMatchObject({ status: 'resolved', resolution: 'corrected', resolvedByImportId: corrected });
    expect(await hasWorkflow(s.messageB)).toBe(true);
  });
});
