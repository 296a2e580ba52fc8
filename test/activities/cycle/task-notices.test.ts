/**
 * Cycle tasks reach people: a reminder e-mails whoever the task is assigned to (a role's users of
 * that employer, in each user's language), an overdue task e-mails the employer's escalation
 * contact. A real SMTP server receives them; a retried call sends the same messages again under
 * the same Message-ID.
 */
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createCycleActivities } from '../../../activities/cycle/cycle-activities';
import { cycles, employerSchedules, tasks, users } from '../../../db/schema';
import { DAY_MS } from '../../../domain/shared/calendar';
import { workflowClients } from '../../../infra/workflow-clients';
import type { Harness } from '../../support/harness';
import { createEmployer, startHarness } from '../../support/harness';
import { TEST_OUTBOUND } from '../../support/outbound';
import type { TestSmtp } from '../../support/smtp';
import { startSmtp } from '../../support/smtp';

const header = (raw: string, name: string) => raw.match(new RegExp(`^${name}: (.*(?:\\r\\n[ \\t].*)*)`, 'mi'))?.[1].replace(/\r\n[ \t]/g, ' ') ?? '';
/** The decoded subject (nodemailer encodes non-ASCII words as =?UTF-8?Q?…?=; the space between two such words is not text). */
const subjectOf = (raw: string) => header(raw, 'Subject').replace(/\?=\s+=\?/g, '?==?').replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, q: string) =>
  Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));

describe('task reminders and escalations by e-mail', () => {
  let h: Harness;
  let smtp: TestSmtp;
  beforeAll(async () => {
    h = await startHarness({ worker: false });
    smtp = await startSmtp();
  });
  afterAll(async () => {
    await smtp?.stop();
    await h?.close();
  });

  const user = async (email: string, role: string, employerIds: string[], language: 'nl' | 'fr' | 'en', disabled = false) => {
    await h.db.insert(users).values({ email, name: email.split('@')[0], passwordHash: 'x', role, employerIds, language, disabled });
  };

  it('e-mails the assignee\'s users a reminder in their language and the escalation contact when overdue', async () => {
    const employerId = await createEmployer(h, { name: 'Bakkerij Notices' });
    const otherEmployer = await createEmployer(h);
    const tag = randomUUID().slice(0, 8);
    await user(`fr-${tag}@hr.test`, 'hr', [employerId], 'fr');
    await user(`nl-${tag}@hr.test`, 'hr', [employerId], 'nl');
    await user(`other-${tag}@hr.test`, 'hr', [otherEmployer], 'nl');
    await user(`gone-${tag}@hr.test`, 'hr', [employerId], 'nl', true);
    await h.db.insert(employerSchedules).values({ employerId, dayOfMonth: 3, escalationEmail: `escalation-${tag}@employer.test` });
    const [cycle] = await h.db.insert(cycles).values({ employerId, period: '2026-11', workflowId: `cycle-${randomUUID()}`, startedBy: 't' }).returning();
    const now = Date.now();
    const [reminded] = await h.db.insert(tasks).values({
      cycleId: cycle.id, employerId, kind: 'complete_data', subject: { personId: randomUUID(), field: 'street' }, assignee: 'hr',
      remindAt: new Date(now - DAY_MS), dueAt: new Date(now + 2 * DAY_MS),
    }).returning();
    const [overdue] = await h.db.insert(tasks).values({
      cycleId: cycle.id, employerId, kind: 'confirm_enrollment', subject: { enrollmentId: randomUUID() }, assignee: `nl-${tag}@hr.test`,
      remindedAt: new Date(now - 3 * DAY_MS), dueAt: new Date(now - DAY_MS),
    }).returning();

    const activities = createCycleActivities({
      db: h.db, messageWorkflows: workflowClients(h.client, h.taskQueue).messageWorkflows,
      mail: { smtpUrl: smtp.url, from: 'mutaflow@test.invalid' }, publicUrl: 'https://mutaflow.test', outbound: TEST_OUTBOUND,
    });
    const out = await new MockActivityEnvironment().run(activities.remindCycleTasks, { cycleId: cycle.id, now });
    expect(out).toMatchObject({ reminded: 1, escalated: 1 });

    const mails = smtp.messages.filter((m) => m.raw.includes(reminded.id) || m.raw.includes(overdue.id));
    const byRecipient = new Map(mails.map((m) => [m.to.join(','), m]));
    expect([...byRecipient.keys()].sort()).toEqual([`escalation-${tag}@employer.test`, `fr-${tag}@hr.test`, `nl-${tag}@hr.test`].sort());
    const fr = byRecipient.get(`fr-${tag}@hr.test`)!;
    expect(subjectOf(fr.raw)).toBe('Mutaflow : rappel — compléter des données (Bakkerij Notices)');
    expect(fr.raw).toContain(`https://mutaflow.test/#/tasks/${reminded.id}`);
    expect(subjectOf(byRecipient.get(`nl-${tag}@hr.test`)!.raw)).toBe('Mutaflow: herinnering — gegevens aanvullen (Bakkerij Notices)');
    const escalation = byRecipient.get(`escalation-${tag}@employer.test`)!;
    expect(subjectOf(escalation.raw)).toBe('Mutaflow: taak over tijd — aanmelding bevestigen (Bakkerij Notices)');
    expect(escalation.raw).toContain(overdue.id);

    // The workflow retries the call at the same `now` (say the first send failed half way): the same messages, the same Message-IDs.
    const before = smtp.messages.length;
    await new MockActivityEnvironment().run(activities.remindCycleTasks, { cycleId: cycle.id, now });
    const again = smtp.messages.slice(before);
    expect(again.map((m) => header(m.raw, 'Message-ID')).sort()).toEqual(mails.map((m) => header(m.raw, 'Message-ID')).sort());
    // A later call (another `now`) has nothing new to say.
    const later = smtp.messages.length;
    await new MockActivityEnvironment().run(activities.remindCycleTasks, { cycleId: cycle.id, now: now + 60_000 });
    expect(smtp.messages.length).toBe(later);
  });

  it('a task given to one user picked from its assignee list reminds that user alone, in their language', async () => {
    const employerId = await createEmployer(h, { name: 'Drukkerij Toewijzing' });
    const tag = randomUUID().slice(0, 8);
    await user(`picked-${tag}@hr.test`, 'hr', [employerId], 'en');
    await user(`colleague-${tag}@hr.test`, 'hr', [employerId], 'nl');
    await user(`owner-${tag}@hr.test`, 'process_owner', [employerId], 'nl');
    const [cycle] = await h.db.insert(cycles).values({ employerId, period: '2026-11', workflowId: `cycle-${randomUUID()}`, startedBy: 't' }).returning();
    const [task] = await h.db.insert(tasks).values({
      cycleId: cycle.id, employerId, kind: 'confirm_change', subject: { personId: randomUUID() }, assignee: 'hr',
      remindAt: new Date(Date.now() - DAY_MS), dueAt: new Date(Date.now() + 2 * DAY_MS),
    }).returning();
    const call = (method: 'GET' | 'POST', url: string, payload?: object) => h.app.inject({ method, url, headers: h.auth, ...(payload ? { payload } : {}) });

    // The list holds the employer's users who may do it (the process owner may not), and only those are taken.
    const actors = (await call('GET', `/api/tasks/${task.id}/assignees`)).json() as { users: { email: string }[] };
    const emails = actors.users.map((u) => u.email);
    expect(emails).toEqual(expect.arrayContaining([`picked-${tag}@hr.test`, `colleague-${tag}@hr.test`]));
    expect(emails).not.toContain(`owner-${tag}@hr.test`);
    expect((await call('POST', `/api/tasks/${task.id}/reassign`, { assignee: `owner-${tag}@hr.test` })).statusCode).toBe(400);
    expect((await call('POST', `/api/tasks/${task.id}/reassign`, { assignee: `Picked-${tag}@hr.test` })).json()).toMatchObject({ assignee: `picked-${tag}@hr.test` });

    const activities = createCycleActivities({
      db: h.db, messageWorkflows: workflowClients(h.client, h.taskQueue).messageWorkflows,
      mail: { smtpUrl: smtp.url, from: 'mutaflow@test.invalid' }, publicUrl: 'https://mutaflow.test', outbound: TEST_OUTBOUND,
    });
    const before = smtp.messages.length;
    expect(await new MockActivityEnvironment().run(activities.remindCycleTasks, { cycleId: cycle.id, now: Date.now() })).toMatchObject({ reminded: 1 });
    const mails = smtp.messages.slice(before).filter((m) => m.raw.includes(task.id));
    expect(mails.map((m) => m.to)).toEqual([[`picked-${tag}@hr.test`]]);
    expect(subjectOf(mails[0].raw)).toBe('Mutaflow: reminder — confirm a change (Drukkerij Toewijzing)');
  });

  it('sends nothing, and says why, without an SMTP server', async () => {
    const employerId = await createEmployer(h);
    const [cycle] = await h.db.insert(cycles).values({ employerId, period: '2026-11', workflowId: `cycle-${randomUUID()}`, startedBy: 't' }).returning();
    await h.db.insert(tasks).values({ cycleId: cycle.id, employerId, kind: 'complete_data', subject: {}, remindAt: new Date(Date.now() - DAY_MS), dueAt: new Date(Date.now() + DAY_MS) });
    const before = smtp.messages.length;
    const activities = createCycleActivities({ db: h.db, messageWorkflows: workflowClients(h.client, h.taskQueue).messageWorkflows });
    expect(await new MockActivityEnvironment().run(activities.remindCycleTasks, { cycleId: cycle.id, now: Date.now() })).toMatchObject({ reminded: 1 });
    expect(smtp.messages.length).toBe(before);
  });
});
