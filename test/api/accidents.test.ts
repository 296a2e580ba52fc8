/**
 * Work accidents through the API (app.inject) on real PostgreSQL, a real Temporal server and
 * worker, and a real SMTP server: registration (a case with its deadline, or the first-aid
 * register), a first-aid entry that worsens, documents (type and size checked, stored sealed,
 * opened only with the health permission), declaration (download and over the insurer's
 * e-mail channel), events, closing, the task inbox and the prevention advisor's report.
 */
import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { eq } from 'drizzle-orm';
import { accidentDocuments, accidentEvents, supplierReportSettings } from '../../db/schema';
import { defaultReportFormat } from '../../domain/reports/format';
import { resumeAccidentCases } from '../../infra/workflow-clients/accidents';
import type { AccidentWorld} from '../support/accident-fixture';
import { DETAILS, VICTIM, addDays, createAccidentWorld, insertAccident, localDate, BRUSSELS } from '../support/accident-fixture';
import type { Harness} from '../support/harness';
import { startHarness } from '../support/harness';
import { eventually } from '../support/message-fixture';
import type { TestSmtp} from '../support/smtp';
import { startSmtp } from '../support/smtp';
import { DAY_MS } from '../../domain/shared/calendar';

let h: Harness;
let smtp: TestSmtp;
const tokens: Record<'hr' | 'manager' | 'advisor', string> = { hr: '', manager: '', advisor: '' };

beforeAll(async () => {
  smtp = await startSmtp();
  h = await startHarness({ smtpUrl: smtp.url });
});

/** Tokens for the roles, each granted the test's employer only. */
async function tokensFor(employerId: string) {
  for (const [key, role] of [['hr', 'hr'], ['manager', 'accident_manager'], ['advisor', 'prevention_advisor']] as const) {
    // Health access (the accident manager) is granted by the health administrator only.
    const res = await h.app.inject({ method: 'POST', url: '/api/tokens', headers: role === 'accident_manager' ? h.healthAuth : h.auth, payload: { name: `${key}-${randomUUID()}`, role, employerIds: [employerId] } });
    expect(res.statusCode).toBe(201);
    tokens[key] = res.json().token;
  }
}

afterAll(async () => {
  await h?.close();
  await smtp?.stop();
});

type Who = 'admin' | keyof typeof tokens;
const headers = (who: Who) => (who === 'admin' ? h.auth : { authorization: `Bearer ${tokens[who]}` });
async function call(who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) {
  return h.app.inject({ method, url, headers: headers(who), ...(payload ? { payload } : {}) });
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
function documentForm(content: Buffer, fileName: string, fields: Record<string, string>) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', new Blob([content]), fileName);
  return form;
}
async function upload(who: Who, accidentId: string, content: Buffer, fileName: string, fields: Record<string, string>) {
  const form = documentForm(content, fileName, fields);
  const req = new Request('http://x', { method: 'POST', body: form });
  return h.app.inject({
    method: 'POST', url: `/api/accidents/${accidentId}/documents`,
    headers: { ...headers(who), 'content-type': req.headers.get('content-type')! }, payload: Buffer.from(await req.arrayBuffer()),
  });
}

const registration = (world: AccidentWorld, over: Record<string, unknown> = {}) => ({
  personId: world.personId, occurredAt: `${localDate(Date.now() - 3_600_000, BRUSSELS)}T${new Intl.DateTimeFormat('en-GB', { timeZone: BRUSSELS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.now() - 3_600_000)}`,
  place: 'Warehouse, aisle 4', ...DETAILS, incapacityFrom: localDate(Date.now(), BRUSSELS), ...over,
});

describe('accidents API', () => {
  let world: AccidentWorld;
  beforeEach(async () => {
    world = await createAccidentWorld(h.db, { notifyEmails: ['hr@employer.test'] });
    await tokensFor(world.employerId);
  });

  it('registers a case with its deadline visible, the insurer and policy from the enrollment, health data only for the health role', async () => {
    const res = await call('hr', 'POST', '/api/accidents', registration(world));
    expect(res.statusCode).toBe(201);
    const a = res.json();
    const today = localDate(Date.now(), BRUSSELS);
    expect(a).toMatchObject({
      status: 'open', country: 'BE', supplierId: world.supplierId, policyNumber: world.policyNumber, workflowId: `accident-${a.id}`,
      deadline: { date: addDays(localDate(Date.parse(a.occurredAt), BRUSSELS), 8), overdue: false }, details: null, detailsRestricted: true,
    });
    expect(a.reference).toMatch(/^ACC-\d{6}$/);
    expect(a.reminders.map((r: { kind: string; key: string }) => `${r.kind}:${r.key}`)).toEqual(['declaration_reminder:3', 'declaration_reminder:6', 'declaration_overdue:deadline']);
    expect(a.tasks).toMatchObject([{ kind: 'declare_accident', status: 'open' }]);
    expect(a.history.map((e: { kind: string }) => e.kind)).toEqual(['registered', 'case_opened']);
    expect(JSON.stringify(a)).not.toContain(DETAILS.description);
    const manager = (await call('manager', 'GET', `/api/accidents/${a.id}`)).json();
    expect(manager).toMatchObject({ details: { description: DETAILS.description, injuries: DETAILS.injuries }, detailsRestricted: false });
    // Sealed at rest.
    const raw = await h.db.execute(`select details_sealed from accidents where id = '${a.id}'`);
    expect(JSON.stringify(raw.rows)).not.toContain('stepladder');
    expect(today <= a.deadline.date).toBe(true);

    const list = (await call('advisor', 'GET', `/api/accidents?employerId=${world.employerId}&status=open`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
  });

  it('refuses bad registrations with the field named, storing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ occurredAt: '2099-01-01T10:00' }, 'body.occurredAt: lies in the future'],
      [{ occurredAt: 'yesterday' }, 'body.occurredAt'],
      [{ personId: randomUUID() }, 'body.personId: no such person'],
      [{ incapacityFrom: '2001-01-01' }, 'body.incapacityFrom: before the accident'],
      [{ place: '' }, 'body.place'],
    ];
    for (const [over, message] of cases) {
      const res = await call('hr', 'POST', '/api/accidents', registration(world, over));
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toContain(message);
    }
    expect((await call('hr', 'GET', `/api/accidents?employerId=${world.employerId}`)).json().items).toEqual([]);
    expect((await call('advisor', 'POST', '/api/accidents', registration(world))).statusCode).toBe(403);
  });

  it('a minor accident goes into the first-aid register; when it worsens it becomes a case whose term runs from the day the employer learned of it', async () => {
    const occurred = Date.now() - 10 * DAY_MS;
    const res = await call('hr', 'POST', '/api/accidents', registration(world, {
      occurredAt: new Date(occurred).toISOString(), incapacityFrom: null, medicalCare: null, firstAid: 'A plaster',
    }));
    expect(res.statusCode).toBe(201);
    const entry = res.json();
    expect(entry).toMatchObject({ status: 'first_aid', deadline: null, workflowId: null, tasks: [] });
    expect((await call('hr', 'POST', `/api/accidents/${entry.id}/declare`, {})).statusCode).toBe(409);

    const worse = await call('hr', 'POST', `/api/accidents/${entry.id}/events`, { kind: 'worsened', incapacityFrom: localDate(Date.now(), BRUSSELS) });
    expect(worse.statusCode).toBe(200);
    const today = localDate(Date.now(), BRUSSELS);
    expect(worse.json()).toMatchObject({ status: 'open', deadline: { date: addDays(today, 8) }, workflowId: `accident-${entry.id}` });
    expect(worse.json().history.map((e: { kind: string }) => e.kind)).toEqual(['first_aid_registered', 'worsened', 'case_opened']);
  });

  it('documents: type and size checked, stored sealed, contents only for the health role (each opening in the history)', async () => {
    const a = (await call('hr', 'POST', '/api/accidents', registration(world))).json();
    const before = await h.db.select().from(accidentDocuments).where(eq(accidentDocuments.accidentId, a.id));
    const bad: [Buffer, string, Record<string, string>, number, string][] = [
      [Buffer.from('MZ\x90\x00 pretending'), 'sick-note.pdf', { kind: 'sick_note', validUntil: '2030-01-10' }, 415, 'not a PDF, JPEG or PNG'],
      [Buffer.alloc(0), 'empty.pdf', { kind: 'medical_certificate' }, 400, 'file: the file is empty'],
      [Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]), 'big.pdf', { kind: 'medical_certificate' }, 413, 'larger than 10 MiB'],
      [PDF, 'note.pdf', { kind: 'sick_note' }, 400, 'validUntil: required for a sick note'],
      [PDF, 'note.pdf', { kind: 'x-ray' }, 400, 'kind: one of'],
      [PDF, 'note.pdf', { kind: 'sick_note', validUntil: '31/01/2030' }, 400, 'validUntil: a date'],
      [PDF, 'note.pdf', { kind: 'sick_note', validFrom: '2030-02-01', validUntil: '2030-01-31' }, 400, 'validUntil: before validFrom'],
    ];
    for (const [content, name, fields, status, message] of bad) {
      const res = await upload('hr', a.id, content, name, fields);
      expect([res.statusCode, res.json().message]).toEqual([status, expect.stringContaining(message)]);
    }
    expect(await h.db.select().from(accidentDocuments).where(eq(accidentDocuments.accidentId, a.id))).toEqual(before);

    const fileName = `${VICTIM.lastName}-arbeidsongeschiktheid.pdf`;
    const res = await upload('hr', a.id, PDF, fileName, { kind: 'sick_note', validFrom: localDate(Date.now(), BRUSSELS), validUntil: addDays(localDate(Date.now(), BRUSSELS), 14) });
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ kind: 'sick_note', mediaType: 'application/pdf', size: PDF.length, fileName: null });
    const stored = await readFile(h.files.accidentDocumentPath(doc.id));
    expect(stored.includes(PDF.subarray(0, 8))).toBe(false);

    for (const who of ['hr', 'admin', 'advisor'] as const) {
      expect((await call(who, 'GET', `/api/accidents/${a.id}/documents/${doc.id}`)).statusCode).toBe(403);
    }
    const opened = await call('manager', 'GET', `/api/accidents/${a.id}/documents/${doc.id}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.rawPayload.equals(PDF)).toBe(true);
    expect(opened.headers['content-type']).toBe('application/pdf');
    const hrView = (await call('hr', 'GET', `/api/accidents/${a.id}`)).json();
    // Without the health permission not even the kind of a medical document shows.
    expect(hrView.documents).toMatchObject([{ id: doc.id, kind: null, validUntil: null, fileName: null }]);
    const managerView = await call('manager', 'GET', `/api/accidents/${a.id}`);
    expect(managerView.json().documents?.[0]?.fileName ?? managerView.body).toBe(fileName);
    expect(hrView.history.filter((e: { kind: string }) => e.kind === 'document_opened')).toHaveLength(1);
    // The sick note's end is planned — shown to the health role only.
    await eventually(async () => (await call('manager', 'GET', `/api/accidents/${a.id}`)).json().reminders, (r: { kind: string }[]) => r.some((s) => s.kind === 'sick_note_ending'));
    expect((await call('hr', 'GET', `/api/accidents/${a.id}`)).json().reminders.map((r: { kind: string }) => r.kind)).not.toContain('sick_note_ending');
  });

  it('declares over the insurer\'s e-mail channel, records events, and closes only once settled', async () => {
    await h.db.insert(supplierReportSettings).values({ supplierId: world.supplierId, format: defaultReportFormat('accident'), delivery: { transport: 'email', to: ['claims@insurer.test'] } });
    const a = (await call('hr', 'POST', '/api/accidents', registration(world))).json();
    // Inbox: the declaration task is done by declaring, not by answering it.
    const inbox = (await call('hr', 'GET', `/api/tasks?accidentId=${a.id}`)).json();
    expect(inbox.items).toMatchObject([{ kind: 'declare_accident', accidentId: a.id, status: 'open' }]);
    const viaTask = await call('hr', 'POST', `/api/tasks/${inbox.items[0].id}/complete`, { result: { acknowledged: true } });
    expect([viaTask.statusCode, viaTask.json().error]).toEqual([409, 'declare_instead']);

    const early = await call('hr', 'POST', `/api/accidents/${a.id}/events`, { kind: 'payment_received', period: '2026-11', receivedOn: '2026-12-01', amountCents: 99 });
    expect([early.statusCode, early.json().error]).toEqual([409, 'not_declared']);
    expect((await h.db.select().from(accidentEvents).where(eq(accidentEvents.accidentId, a.id))).filter((e) => !e.applied)).toEqual([]);

    const declared = await call('hr', 'POST', `/api/accidents/${a.id}/declare`, { via: 'channel', lang: 'fr' });
    expect(declared.statusCode).toBe(200);
    const d = declared.json();
    expect(d).toMatchObject({ status: 'declared', declaredVia: 'channel', declaration: { via: 'channel', delivered: true } });
    expect(d.tasks[0]).toMatchObject({ kind: 'declare_accident', status: 'completed' });
    const mail = await eventually(async () => smtp.messages.filter((m) => m.to.includes('claims@insurer.test') && m.raw.includes(d.reference)), (m) => m.length === 1);
    expect(mail[0].raw).toContain('application/pdf');
    expect(mail[0].raw).not.toContain(VICTIM.lastName);
    const again = await call('hr', 'POST', `/api/accidents/${a.id}/declare`, { via: 'download' });
    expect([again.statusCode, again.json().error]).toEqual([409, 'already_declared']);
    const pdf = await call('manager', 'GET', `/api/accidents/${a.id}/documents/${d.declaration.documentId}`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    expect((await call('hr', 'POST', `/api/accidents/${a.id}/events`, { kind: 'claim_number', claimNumber: 'ETH-2026-4711' })).json().claimNumber).toBe('ETH-2026-4711');
    const blocked = await call('hr', 'POST', `/api/accidents/${a.id}/close`);
    expect([blocked.statusCode, blocked.json().error]).toEqual([409, 'case_not_settled']);
    expect(blocked.json().message).toContain('work has not resumed');
    // HR records the return to work, but reads no health fact back: the incapacity dates are the accident manager's to see.
    const { incapacityFrom } = (await call('manager', 'GET', `/api/accidents/${a.id}`)).json();
    expect(a.incapacityFrom).toBeNull();
    const resumed = await call('hr', 'POST', `/api/accidents/${a.id}/events`, { kind: 'work_resumed', date: incapacityFrom });
    expect(resumed.json()).toMatchObject({ workResumedOn: null, closeBlockers: [] });
    expect((await call('manager', 'GET', `/api/accidents/${a.id}`)).json().workResumedOn).toBe(incapacityFrom);
    const closed = await call('hr', 'POST', `/api/accidents/${a.id}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed', closedBy: expect.stringMatching(/^user:hr-/) });
    expect(closed.json().history.map((e: { kind: string }) => e.kind)).toEqual(['registered', 'case_opened', 'declared', 'document_opened', 'claim_number', 'closed']);
    expect((await call('manager', 'GET', `/api/accidents/${a.id}`)).json().history.map((e: { kind: string }) => e.kind))
      .toEqual(['registered', 'case_opened', 'declared', 'document_opened', 'claim_number', 'work_resumed', 'closed']);
    const late = await call('hr', 'POST', `/api/accidents/${a.id}/events`, { kind: 'claim_number', claimNumber: 'X' });
    expect([late.statusCode, late.json().error]).toEqual([409, 'case_closed']);
    // A closed case's workflow has completed and is not started again.
    await h.app.accidentWorkflows.ensure(a.id);
    expect((await h.client.workflow.getHandle(`accident-${a.id}`).describe()).status.name).toBe('COMPLETED');
  });

  it('the prevention advisor\'s report: JSON and XLSX; not for HR', async () => {
    await call('hr', 'POST', '/api/accidents', registration(world));
    const today = localDate(Date.now(), BRUSSELS);
    const from = addDays(today, -30);
    const url = `/api/accidents/report?from=${from}&to=${today}&employerId=${world.employerId}&groupBy=department`;
    const res = await call('advisor', 'GET', url);
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toMatchObject([{ group: 'warehouse', accidents: 1, accidentsWithLostDays: 1 }]);
    expect(res.json().total.hoursWorked).toBeGreaterThan(0);
    expect((await call('hr', 'GET', url)).statusCode).toBe(403);
    const xlsx = await call('advisor', 'GET', `${url}&format=xlsx&lang=nl`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets[0].getRow(2).getCell(1).value).toBe('warehouse');
  });

  it('a case whose workflow start was lost gets it when a worker starts; a closed case is never restarted', async () => {
    const lost = await insertAccident(h.db, world, { occurredAt: new Date(Date.now() - 3_600_000) });
    await resumeAccidentCases(h.db, h.app.accidentWorkflows);
    expect((await h.client.workflow.getHandle(`accident-${lost}`).describe()).status.name).toBe('RUNNING');
    await eventually(async () => (await call('hr', 'GET', `/api/accidents/${lost}`)).json(), (a) => a.deadline !== null && a.tasks.length === 1);
    expect(await h.app.accidentWorkflows.ensure(lost)).toBe('running');
  });

  it('declaration terms per country and insurer, and notification settings', async () => {
    const rule = await call('admin', 'PUT', '/api/accident-rules', { country: 'BE', supplierId: world.supplierId, days: 5, reminderDays: [2], reminderHour: 8 });
    expect(rule.statusCode).toBe(200);
    expect((await call('admin', 'PUT', '/api/accident-rules', { country: 'BE', supplierId: null, days: 5, reminderDays: [5], reminderHour: 8 })).statusCode).toBe(400);
    const a = (await call('hr', 'POST', '/api/accidents', registration(world))).json();
    expect(a.deadline.date).toBe(addDays(localDate(Date.parse(a.occurredAt), BRUSSELS), 5));
    expect(a.reminders.map((r: { key: string }) => r.key)).toEqual(['2', 'deadline']);
    const settings = await call('hr', 'PUT', `/api/employers/${world.employerId}/accident-settings`, { notifyEmails: ['a@b.test'], sickNoteRemindDays: 5, paymentDueDay: 20 });
    expect(settings.json()).toEqual({ notifyEmails: ['a@b.test'], sickNoteRemindDays: 5, paymentDueDay: 20 });
    expect((await call('hr', 'PUT', `/api/employers/${world.employerId}/accident-settings`, { notifyEmails: ['nope'], sickNoteRemindDays: 5, paymentDueDay: 20 })).statusCode).toBe(400);
  });
});
