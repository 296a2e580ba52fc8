import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { createMessageActivities } from '../../activities/messages/lifecycle';
import { employerTodayAt } from '../../db/queries/employers';
import { createEnrollmentMessages, createMessage, importActor } from '../../db/queries/messages';
import { cycles, enrollments, payrollImports } from '../../db/schema';
import { MessageWorkflows, resumeMessages } from '../../infra/workflow-clients/messages';
import { addDays } from '../../domain/shared/calendar';
import { messageWorkflowId } from '../../workflows/shared';
import type { Harness} from '../support/harness';
import { TEST_SECRETS, startHarness } from '../support/harness';
import { createSetup, daysFromToday, insertPerson, todayIso } from '../support/enrollment-fixture';

describe('enrollments and their messages', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ worker: false }); });
  afterAll(async () => { await h.close(); });

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    h.app.inject({ method, url, headers: h.auth, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const messagesOf = async (enrollmentId: string) => (await h.db.$client.query(
    `select id, kind, status, version, fact_date::text, send_date::text, missing_fields, warnings, created_by
       from messages where enrollment_id = $1 order by created_at, kind`, [enrollmentId])).rows;
  const eventsOf = async (messageId: string) => (await h.db.$client.query(
    'select version, from_status, to_status, cause, actor from message_events where message_id = $1 order by id', [messageId])).rows;
  const enroll = (body: Record<string, unknown>) => call('POST', '/api/enrollments', body);

  it('creates the enrollment message (not sent, send date = start + 1) with the 120-day warning', async () => {
    const s = await createSetup(h);
    const personId = await insertPerson(h, s.employerId, 'E-1');
    const start = daysFromToday(-130);
    const res = await enroll({ personId, planId: s.planId, startDate: start });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.enrollment).toMatchObject({
      personId, employerId: s.employerId, employeeNumber: 'E-1', planId: s.planId, planName: 'Basis', supplierId: s.supplierId,
      startDate: start, endDate: null, source: 'manual', familyMemberId: null,
    });
    expect(body.messages).toEqual([{
      id: expect.any(String), kind: 'enrollment', status: 'not_sent', version: 1, sendDate: addDays(start, 1), missingFields: [],
      warnings: [{
        code: 'start_too_old', message: expect.stringContaining('130 days'),
        // The figures, for the UI to say it in the user's language.
        params: { startDate: start, ageDays: 130, sendDate: todayIso(), maxDays: 120, earliestStart: daysFromToday(-120) },
      }],
    }]);
    const [stored] = await messagesOf(body.enrollment.id);
    expect(stored).toMatchObject({ kind: 'enrollment', status: 'not_sent', fact_date: start, send_date: addDays(start, 1), created_by: expect.stringMatching(/^user:test-/) });
    expect(await eventsOf(stored.id)).toEqual([{ version: 1, from_status: null, to_status: 'not_sent', cause: 'created', actor: stored.created_by }]);
    // Its workflow was started after the commit (no worker here: it waits on the task queue).
    const description = await h.client.workflow.getHandle(messageWorkflowId(stored.id)).describe();
    expect(description.status.name).toBe('RUNNING');
    expect(description.taskQueue).toBe(h.taskQueue);

    // A recent start: no warning.
    const other = await insertPerson(h, s.employerId, 'E-2');
    const recent = await enroll({ personId: other, planId: s.planId, startDate: daysFromToday(-10) });
    expect(recent.json().messages[0]).toMatchObject({ status: 'not_sent', warnings: [], sendDate: daysFromToday(-9) });
  });

  it('sends no earlier than the link\'s deliver-from date', async () => {
    const deliverFrom = daysFromToday(30);
    const s = await createSetup(h, { deliverFrom });
    const personId = await insertPerson(h, s.employerId, 'D-1');
    const res = await enroll({ personId, planId: s.planId, startDate: todayIso() });
    expect(res.json().messages[0]).toMatchObject({ status: 'not_sent', sendDate: deliverFrom });
  });

  it('marks the message incomplete with the missing fields when the person lacks an address', async () => {
    const s = await createSetup(h);
    const personId = await insertPerson(h, s.employerId, 'A-1', { street: null, postalCode: '' });
    const res = await enroll({ personId, planId: s.planId, startDate: daysFromToday(-5) });
    expect(res.statusCode).toBe(201);
    expect(res.json().messages[0]).toMatchObject({ status: 'incomplete', missingFields: ['street', 'postalCode'] });
    const [stored] = await messagesOf(res.json().enrollment.id);
    expect(stored).toMatchObject({ status: 'incomplete', missing_fields: ['street', 'postalCode'] });
  });

  it('creates no message for a supplier without a message channel', async () => {
    const s = await createSetup(h, { transport: 'none' });
    const personId = await insertPerson(h, s.employerId, 'N-1');
    const res = await enroll({ personId, planId: s.planId, startDate: '2026-01-01' });
    expect(res.statusCode).toBe(201);
    expect(res.json().messages).toEqual([]);
  });

  it('validates the request: dates, end before start, unknown person, plan or family member, overlaps', async () => {
    const s = await createSetup(h);
    const personId = await insertPerson(h, s.employerId, 'V-1');
    const endBefore = await enroll({ personId, planId: s.planId, startDate: '2026-02-01', endDate: '2026-01-31' });
    expect(endBefore.statusCode).toBe(400);
    expect(endBefore.json()).toMatchObject({ error: 'validation', message: expect.stringContaining('endDate') });
    expect((await enroll({ personId, planId: s.planId, startDate: '2026-02-30' })).statusCode).toBe(400);
    expect((await enroll({ personId: '00000000-0000-4000-8000-000000000000', planId: s.planId, startDate: '2026-01-01' })).statusCode).toBe(404);
    expect((await enroll({ personId, planId: '00000000-0000-4000-8000-000000000000', startDate: '2026-01-01' })).statusCode).toBe(404);
    expect((await enroll({ personId, planId: s.planId, startDate: '2026-01-01', familyMemberId: '00000000-0000-4000-8000-000000000000' })).statusCode).toBe(400);

    expect((await enroll({ personId, planId: s.planId, startDate: '2026-01-01', endDate: '2026-06-30' })).statusCode).toBe(201);
    const overlap = await enroll({ personId, planId: s.planId, startDate: '2026-06-01' });
    expect(overlap.statusCode).toBe(409);
    expect(overlap.json().error).toBe('enrollment_overlaps');
    expect((await enroll({ personId, planId: s.planId, startDate: '2026-07-01' })).statusCode).toBe(201);

    // A partner has an enrollment of their own in the same plan.
    const fm = await call('POST', `/api/persons/${personId}/family-members`, { relation: 'partner', lastName: 'Jansen', birthDate: '1980-01-01', nationalId: '111222333' });
    const partner = await enroll({ personId, planId: s.planId, startDate: '2026-03-01', familyMemberId: fm.json().id });
    expect(partner.statusCode).toBe(201);
    expect(partner.json().enrollment.familyMemberId).toBe(fm.json().id);
  });

  it('creates the termination message when the end date is set', async () => {
    const s = await createSetup(h);
    const personId = await insertPerson(h, s.employerId, 'T-1');
    const created = (await enroll({ personId, planId: s.planId, startDate: daysFromToday(-20) })).json();
    const end = daysFromToday(10);
    const res = await call('PATCH', `/api/enrollments/${created.enrollment.id}`, { endDate: end });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      enrollment: { endDate: end }, resent: [],
      messages: [{ kind: 'termination', status: 'not_sent', sendDate: addDays(end, 1), warnings: [] }],
    });
    const stored = await messagesOf(created.enrollment.id);
    expect(stored.map((m) => [m.kind, m.status, m.version])).toEqual([['enrollment', 'not_sent', 1], ['termination', 'not_sent', 1]]);

    // Before the start: 400 naming the field; nothing changed.
    const bad = await call('PATCH', `/api/enrollments/${created.enrollment.id}`, { endDate: daysFromToday(-30) });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^endDate:/);
    const badStart = await call('PATCH', `/api/enrollments/${created.enrollment.id}`, { startDate: daysFromToday(20) });
    expect(badStart.statusCode).toBe(400);
    expect(badStart.json().message).toMatch(/^startDate:/);
    expect((await call('PATCH', `/api/enrollments/${created.enrollment.id}`, {})).statusCode).toBe(400);
    expect((await call('PATCH', `/api/enrollments/${created.enrollment.id}`, { endDate: null })).statusCode).toBe(400);
    expect((await messagesOf(created.enrollment.id)).length).toBe(2);

    // Correcting the end date of an unsent termination moves its fact and send date.
    const later = daysFromToday(40);
    const moved = await call('PATCH', `/api/enrollments/${created.enrollment.id}`, { endDate: later });
    expect(moved.json()).toMatchObject({ messages: [], resent: [] });
    const termination = (await messagesOf(created.enrollment.id)).find((m) => m.kind === 'termination');
    expect(termination).toMatchObject({ status: 'not_sent', version: 1, fact_date: later, send_date: addDays(later, 1) });
  });

  it('re-sends a sent enrollment message as version 2 when the start date changes', async () => {
    const s = await createSetup(h);
    const personId = await insertPerson(h, s.employerId, 'R-1');
    const created = (await enroll({ personId, planId: s.planId, startDate: daysFromToday(-20) })).json();
    const messageId = created.messages[0].id;
    await h.db.$client.query(`update messages set status = 'sent', sent_at = now(), supplier_reference = 'REF-1' where id = $1`, [messageId]);

    const newStart = daysFromToday(-15);
    const res = await call('PATCH', `/api/enrollments/${created.enrollment.id}`, { startDate: newStart });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ enrollment: { startDate: newStart }, messages: [], resent: [{ messageId, version: 2 }] });
    const [m] = await messagesOf(created.enrollment.id);
    expect(m).toMatchObject({ id: messageId, status: 'not_sent', version: 2, fact_date: newStart, send_date: addDays(newStart, 1) });
    const events = await eventsOf(messageId);
    expect(events.at(-1)).toEqual({ version: 2, from_status: 'sent', to_status: 'not_sent', cause: 'auto_resend', actor: expect.stringMatching(/^user:test-/) });
    const { rows } = await h.db.$client.query('select supplier_reference from messages where id = $1', [messageId]);
    expect(rows[0].supplier_reference).toBeNull();
  });

  it('creates a new enrollment message when a start date is corrected after the 120-day failure', async () => {
    const s = await createSetup(h);
    const personId = await insertPerson(h, s.employerId, 'F-1');
    const created = (await enroll({ personId, planId: s.planId, startDate: daysFromToday(-200) })).json();
    const failedId = created.messages[0].id;
    await h.db.$client.query(`update messages set status = 'send_failed' where id = $1`, [failedId]);
    const res = await call('PATCH', `/api/enrollments/${created.enrollment.id}`, { startDate: daysFromToday(-30) });
    expect(res.json()).toMatchObject({ messages: [{ kind: 'enrollment', status: 'not_sent', warnings: [] }], resent: [] });
    const stored = await messagesOf(created.enrollment.id);
    expect(stored.map((m) => m.status).sort()).toEqual(['not_sent', 'send_failed']);
    // The failed one stays as it was: history.
    expect(stored.find((m) => m.id === failedId)).toMatchObject({ status: 'send_failed', fact_date: daysFromToday(-200) });
  });

  it('advises the earliest start the insurer accepts today: 120 days back, from a later deliver-from date when there is one', async () => {
    const s = await createSetup(h);
    const personId = await insertPerson(h, s.employerId, 'S-1');
    const created = (await enroll({ personId, planId: s.planId, startDate: daysFromToday(-200) })).json();
    const advice = await call('GET', `/api/enrollments/${created.enrollment.id}/start-advice`);
    expect(advice.json()).toEqual({ earliestStart: daysFromToday(-120), today: todayIso() });
    // Taken as advised, the corrected start passes the rule: no warning on the new message.
    await h.db.$client.query(`update messages set status = 'send_failed' where enrollment_id = $1`, [created.enrollment.id]);
    const fixed = await call('PATCH', `/api/enrollments/${created.enrollment.id}`, { startDate: advice.json().earliestStart });
    expect(fixed.json().messages).toEqual([expect.objectContaining({ kind: 'enrollment', warnings: [] })]);

    const later = await createSetup(h, { deliverFrom: daysFromToday(30) });
    const other = await insertPerson(h, later.employerId, 'S-2');
    const e = (await enroll({ personId: other, planId: later.planId, startDate: daysFromToday(-10) })).json();
    expect((await call('GET', `/api/enrollments/${e.enrollment.id}/start-advice`)).json().earliestStart).toBe(daysFromToday(-90));
    expect((await call('GET', `/api/enrollments/${randomUUID()}/start-advice`)).statusCode).toBe(404);
  });

  it('lists enrollments by employer, person and plan, in pages', async () => {
    const s = await createSetup(h);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const personId = await insertPerson(h, s.employerId, `L-${i}`);
      ids.push((await enroll({ personId, planId: s.planId, startDate: '2026-01-01' })).json().enrollment.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string; employerId: string }[]; nextCursor: string | null } =
        (await call('GET', `/api/enrollments?employerId=${s.employerId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      expect(page.items.every((e) => e.employerId === s.employerId)).toBe(true);
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
    const byPlan = (await call('GET', `/api/enrollments?planId=${s.planId}`)).json();
    expect(byPlan.items).toHaveLength(5);
    const one = (await call('GET', `/api/enrollments/${ids[0]}`)).json();
    const byPerson = (await call('GET', `/api/enrollments?personId=${one.personId}`)).json();
    expect(byPerson.items.map((e: { id: string }) => e.id)).toEqual([ids[0]]);
    expect((await call('GET', '/api/enrollments?cursor=nope')).statusCode).toBe(400);
    expect((await call('GET', '/api/enrollments/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('a message whose workflow start was lost gets it when a worker starts; one a running cycle holds waits for the cycle', async () => {
    const s = await createSetup(h);
    // Started by the API as usual.
    const started = (await enroll({ personId: await insertPerson(h, s.employerId, 'R-1'), planId: s.planId, startDate: daysFromToday(-3) })).json().messages[0].id;
    // Committed, but its start never happened (the process died in between).
    const newMessage = async (number: string, actor: string, importId?: string) => {
      const personId = await insertPerson(h, s.employerId, number);
      return h.db.transaction(async (tx) => {
        const [e] = await tx.insert(enrollments).values({ personId, planId: s.planId, startDate: daysFromToday(-3) }).returning();
        const m = await createMessage(tx, { employerId: s.employerId, supplierId: s.supplierId, personId, enrollmentId: e.id, kind: 'enrollment', factDate: daysFromToday(-3), importId }, actor, todayIso());
        return m!.id;
      });
    };
    const lost = await newMessage('R-2', 'user:test');
    // Created by an import whose monthly cycle is running: the cycle starts it at its messages stage.
    const importId = randomUUID();
    await h.db.insert(payrollImports).values({ id: importId, employerId: s.employerId, period: '2026-10', fileName: 'p.csv', fileSha256: 'x', fileSize: 1, uploadedBy: 't', workflowId: `w-${importId}` });
    await h.db.insert(cycles).values({ employerId: s.employerId, period: '2026-10', workflowId: `cycle-${importId}`, importId, startedBy: 't' });
    const held = await newMessage('R-3', importActor(importId), importId);
    const workflows = new MessageWorkflows(h.client, h.taskQueue);

    expect(await resumeMessages(h.db, workflows, { employerIds: [s.employerId] })).toEqual({ started: 1, running: 1 });
    expect((await h.client.workflow.getHandle(messageWorkflowId(lost)).describe()).status.name).toBe('RUNNING');
    await expect(h.client.workflow.getHandle(messageWorkflowId(held)).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    // Again: nothing to do.
    expect(await resumeMessages(h.db, workflows, { employerIds: [s.employerId] })).toEqual({ started: 0, running: 2 });
    // A workflow terminated by an operator while nothing was sent: started again.
    await h.client.workflow.getHandle(messageWorkflowId(started)).terminate('test');
    expect(await resumeMessages(h.db, workflows, { employerIds: [s.employerId] })).toEqual({ started: 1, running: 1 });
  });

  it('assesses a message created at 00:30 in Amsterdam for that day, though UTC is still on the day before', async () => {
    // 2026-03-01 00:30 in Amsterdam (winter: UTC+1) is 2026-02-28 23:30 UTC. A start 121 days before
    // 1 March is too old on the employer's day; on the UTC day it would be 120 days and pass.
    const at = Date.parse('2026-02-28T23:30:00Z');
    const s = await createSetup(h);
    const personId = await insertPerson(h, s.employerId, 'TZ-1');
    const [e] = await h.db.insert(enrollments).values({ personId, planId: s.planId, startDate: '2025-10-31', source: 'manual' }).returning();
    // What POST /api/enrollments does at that instant.
    const today = await employerTodayAt(h.db, s.employerId, at);
    expect(today).toBe('2026-03-01');
    const [m] = await createEnrollmentMessages(h.db, [e.id], 'enrollment', 'user:test-tz', today);
    expect(m).toMatchObject({ factDate: '2025-10-31', sendDate: '2025-11-01', warnings: [{ code: 'start_too_old', message: expect.stringContaining('121 days') }] });

    // The workflow's step passes its clock; the activity turns it into the employer's day.
    const { prepareMessage } = createMessageActivities({ db: h.db, secrets: TEST_SECRETS, publicUrl: 'http://127.0.0.1:9' });
    // Workflows started before that pass a ready `today`, taken as it is.
    expect(await prepareMessage({ messageId: m.id, version: 1, today: '2026-02-28' })).toMatchObject({ outcome: 'ready' });
    // 23:30 on 28 February in Amsterdam: 120 days, still accepted.
    expect(await prepareMessage({ messageId: m.id, version: 1, at: Date.parse('2026-02-28T22:30:00Z') })).toMatchObject({ outcome: 'ready' });
    expect(await prepareMessage({ messageId: m.id, version: 1, at })).toEqual({ outcome: 'failed' });
    const [stored] = await messagesOf(e.id);
    expect(stored).toMatchObject({ status: 'send_failed', fact_date: '2025-10-31' });
  });
});
