/**
 * Statements through the API: one person's as JSON and PDF (audited, another employer's 404),
 * the employer's language, and the bulk ZIP made by the statementBatch workflow on a real worker,
 * downloaded and e-mailed.
 */
import { unzipSync } from 'fflate';
import { benefitRecords, benefitTypes } from '../../db/schema';
import type { Harness } from '../support/harness';
import { startHarness } from '../support/harness';
import { tokenFor } from '../support/scoped-world';
import { startSmtp, type TestSmtp } from '../support/smtp';
import { type StatementWorld, createStatementWorld } from '../support/statement-world';
import { flat, parsePdf } from '../support/pdf-text';

describe('statements through the API', () => {
  let h: Harness;
  let smtp: TestSmtp;
  let w: StatementWorld;
  let other: StatementWorld;
  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ smtpUrl: smtp.url });
    w = await createStatementWorld(h.db, { count: 5, language: 'fr', name: 'Brasserie Statement' });
    other = await createStatementWorld(h.db, { count: 1, name: 'Other employer' });
  });
  afterAll(async () => {
    await h.close();
    await smtp.stop();
  });

  const auditRows = (route: string, personId?: string) => h.db.$client.query(
    'select action, person_id, person_ids, employer_id, status from audit_log where route = $1 and ($2::uuid is null or person_id = $2::uuid) order by id',
    [route, personId ?? null],
  );

  it("gives one person's statement as JSON in the employer's language, and audits the read with the person named", async () => {
    const res = await h.app.inject({ method: 'GET', url: `/api/persons/${w.personIds[0]}/statement`, headers: h.auth });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({ personId: w.personIds[0], employerId: w.employerId, employeeNumber: 'E-0001', lang: 'fr', title: "Fiche d'information" });
    expect(s.header).toContainEqual({ label: 'Employeur', value: 'Brasserie Statement' });
    const personal = s.sections.find((x: { id: string }) => x.id === 'personal-data').blocks[0];
    const street = personal.rows.find((r: string[]) => r[0] === 'Rue');
    expect(street[1]).toBe('Kerkstraat');
    expect(street[2]).toMatch(/^Oudestraat \(Zorgverzekeraar \w+, envoyé le 02\/01\/2024\)$/);
    const enrollments = s.sections.find((x: { id: string }) => x.id === 'enrollments').blocks[0];
    expect(enrollments.rows[0][5]).toBe('42,50 € part personnelle / 85,00 € total');
    const audit = await auditRows('/api/persons/:id/statement', w.personIds[0]);
    // No internal benefit yet: no section for them.
    expect(s.sections.map((x: { id: string }) => x.id)).not.toContain('internal-benefits');
    expect(audit.rows).toEqual([expect.objectContaining({ action: 'read', employer_id: w.employerId, status: 200 })]);
  });

  it("takes the person's own language, and the one asked for", async () => {
    const own = await h.app.inject({ method: 'GET', url: `/api/persons/${w.personIds[1]}/statement`, headers: h.auth });
    expect(own.json().lang).toBe('en');
    const asked = await h.app.inject({ method: 'GET', url: `/api/persons/${w.personIds[0]}/statement?lang=nl`, headers: h.auth });
    expect(asked.json().title).toBe('Infofiche');
  });

  it('gives the statement as a PDF whose text reads back', async () => {
    const res = await h.app.inject({ method: 'GET', url: `/api/persons/${w.personIds[0]}/statement/pdf?lang=nl`, headers: h.auth });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/filename="statement-E-0001-\d{4}-\d{2}-\d{2}\.pdf"/);
    const text = flat((await parsePdf(res.rawPayload)).pages.join(' '));
    expect(text).toContain('Infofiche');
    expect(text).toContain('Anaïs Lefèvre');
    expect(text).toContain('Oudestraat');
    expect((await auditRows('/api/persons/:id/statement/pdf', w.personIds[0])).rows).toHaveLength(1);
  });

  it("answers 404 for another employer's person, and records the denial", async () => {
    const hr = await tokenFor(h, 'hr', [w.employerId]);
    const res = await h.app.inject({ method: 'GET', url: `/api/persons/${other.personIds[0]}/statement`, headers: { authorization: `Bearer ${hr}` } });
    expect(res.statusCode).toBe(404);
    const pdf = await h.app.inject({ method: 'GET', url: `/api/persons/${other.personIds[0]}/statement/pdf`, headers: { authorization: `Bearer ${hr}` } });
    expect(pdf.statusCode).toBe(404);
    const audit = await auditRows('/api/persons/:id/statement', other.personIds[0]);
    expect(audit.rows.map((r) => r.action)).toEqual(['denied']);
    const batch = await h.app.inject({ method: 'POST', url: `/api/employers/${other.employerId}/statement-batches`, headers: { authorization: `Bearer ${hr}` }, payload: {} });
    expect(batch.statusCode).toBe(404);
  });

  const waitFor = async (batchId: string) => {
    for (let i = 0; i < 120; i++) {
      const res = await h.app.inject({ method: 'GET', url: `/api/statement-batches/${batchId}`, headers: h.auth });
      if (res.json().status !== 'running') return res.json();
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error('batch did not finish');
  };

  it('makes the statements of all persons in service into one ZIP, with progress, and the download audits every person in it', async () => {
    const start = await h.app.inject({ method: 'POST', url: `/api/employers/${w.employerId}/statement-batches`, headers: h.auth, payload: { delivery: 'download' } });
    expect(start.statusCode).toBe(202);
    const { id, workflowId } = start.json();
    expect(workflowId).toBe(`statement-batch-${id}`);
    const done = await waitFor(id);
    expect(done).toMatchObject({ status: 'completed', personCount: 5, doneCount: 5, stage: 'completed', purged: false });

    const dl = await h.app.inject({ method: 'GET', url: `/api/statement-batches/${id}/download`, headers: h.auth });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(dl.rawPayload));
    const names = Object.keys(files).sort();
    // The person who left is not in it.
    expect(names).toEqual(['E-0001', 'E-0002', 'E-0003', 'E-0004', 'E-0005'].map((n) => `statement-${n}-${done.issuedOn}.pdf`));
    for (const name of names) expect(Buffer.from(files[name].subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const second = flat((await parsePdf(Buffer.from(files[names[1]]))).pages.join(' '));
    expect(second).toContain('Benefit statement');
    const first = flat((await parsePdf(Buffer.from(files[names[0]]))).pages.join(' '));
    expect(first).toContain("Fiche d'information");

    // Stored sealed: the file on disk is not a ZIP.
    const { readFile } = await import('node:fs/promises');
    const onDisk = await readFile(h.files.statementBatchPath(id));
    expect(onDisk.subarray(0, 2).toString('latin1')).not.toBe('PK');

    // This batch's download only (other test files share the audit trail).
    const audit = await h.db.$client.query('select person_ids from audit_log where route = $1 and resource_id = $2', ['/api/statement-batches/:id/download', id]);
    expect(audit.rows).toHaveLength(1);
    expect([...audit.rows[0].person_ids].sort()).toEqual([...w.personIds].sort());

    const list = await h.app.inject({ method: 'GET', url: `/api/employers/${w.employerId}/statement-batches`, headers: h.auth });
    expect(list.json().items.map((b: { id: string }) => b.id)).toContain(id);
  });

  it('e-mails the ZIP where asked, and refuses e-mail without an address', async () => {
    const refused = await h.app.inject({ method: 'POST', url: `/api/employers/${w.employerId}/statement-batches`, headers: h.auth, payload: { delivery: 'email' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('emailTo');
    const start = await h.app.inject({
      method: 'POST', url: `/api/employers/${w.employerId}/statement-batches`, headers: h.auth, payload: { delivery: 'email', emailTo: 'hr@brasserie.test' },
    });
    expect(start.statusCode).toBe(202);
    const done = await waitFor(start.json().id);
    expect(done.status).toBe('completed');
    expect(done.deliveredAt).not.toBeNull();
    const mail = smtp.messages.find((m) => m.to.includes('hr@brasserie.test'))!;
    expect(mail.raw).toContain(`filename=${done.fileName}`);
    expect(mail.raw).toContain('Content-Type: application/zip');
    // Subject and body name the file only: no person in the e-mail itself.
    expect(mail.raw).not.toContain('Lefèvre');
  });

  it("keeps the employer's language: by country when not given, set on creation or later", async () => {
    const be = await h.app.inject({ method: 'POST', url: '/api/employers', headers: h.auth, payload: { name: 'Taal BE', country: 'BE' } });
    expect(be.json().language).toBe('nl');
    const fr = await h.app.inject({ method: 'POST', url: '/api/employers', headers: h.auth, payload: { name: 'Langue BE', country: 'BE', language: 'fr' } });
    expect(fr.json().language).toBe('fr');
    const changed = await h.app.inject({ method: 'PATCH', url: `/api/employers/${fr.json().id}`, headers: h.auth, payload: { language: 'en' } });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ language: 'en', name: 'Langue BE' });
    const bad = await h.app.inject({ method: 'PATCH', url: `/api/employers/${fr.json().id}`, headers: h.auth, payload: { language: 'de' } });
    expect(bad.statusCode).toBe(400);
  });

  it('describes the statement routes in the OpenAPI document', async () => {
    const res = await h.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of ['/api/persons/{id}/statement', '/api/persons/{id}/statement/pdf', '/api/employers/{id}/statement-batches',
      '/api/statement-batches/{id}', '/api/statement-batches/{id}/download']) expect(paths).toContain(p);
  });

  it('refuses a download of a batch not completed', async () => {
    const [row] = (await h.db.$client.query(
      `insert into statement_batches (employer_id, delivery, issued_on, workflow_id, started_by, status) values ($1, 'download', '2026-01-01', 'statement-batch-x', 'test', 'failed') returning id`,
      [w.employerId],
    )).rows;
    const res = await h.app.inject({ method: 'GET', url: `/api/statement-batches/${row.id}/download`, headers: h.auth });
    expect(res.statusCode).toBe(409);
  });

  it("shows the person's running internal benefits, read from their records", async () => {
    const [type] = await h.db.insert(benefitTypes).values({
      employerId: w.employerId, name: 'Carte de crédit', updatedBy: 'test',
      fields: [{ key: 'limit', label: 'Plafond', type: 'money', required: true }, { key: 'private', label: 'Usage privé', type: 'yes_no', required: false }],
    }).returning();
    await h.db.insert(benefitRecords).values([
      { employerId: w.employerId, typeId: type.id, personId: w.personIds[1], values: { limit: 150000, private: true }, startDate: '2020-01-01', updatedBy: 'test' },
      { employerId: w.employerId, typeId: type.id, personId: w.personIds[1], values: { limit: 99900 }, startDate: '2019-01-01', endDate: '2019-12-31', updatedBy: 'test' },
    ]);
    const res = await h.app.inject({ method: 'GET', url: `/api/persons/${w.personIds[1]}/statement?lang=fr`, headers: h.auth });
    expect(res.statusCode).toBe(200);
    const section = res.json().sections.find((x: { id: string }) => x.id === 'internal-benefits');
    // The ended record is not on it; the running one is, with its values in French formats.
    expect(section.blocks[0].rows).toEqual([['Carte de crédit', '01/01/2020', '', 'Plafond: 1 500,00 €; Usage privé: oui']]);
  });
});
