/**
 * The retention purge, run as the activity (the time-skipping test server has no Schedules):
 * what is past its term goes — files from disk, values from the database — and each removal is
 * recorded; what is not, and an employer's newest import (the next baseline), stays; a person
 * who left long ago is erased unless a case still needs them; a second run finds nothing.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { MESSAGE_LINKS, MESSAGE_PARTS, createRetentionActivities } from '../../../activities/retention/purge';
import {
  accidentDocuments, accidents, auditFindings, auditRuleVersions, auditRules, auditRuns, benefitRecordHistory, benefitRecords, benefitTypes, bordereauResolutions, bordereauRuns, comparisonDefinitions, comparisonPeriodFiles,
  comparisonResults, comparisonRuns, contributionFiles, taskAnswers, tasks, contributionLines, messageAnswers, messageBodies, messageEvents, messages, payrollChanges, payrollImports, persons, reports, retentionRecords, statementBatches, suppliers,
} from '../../../db/schema';
import { DEFAULT_RETENTION, parseRetention, retentionCutoff } from '../../../domain/retention/policy';
import { accidentDocumentAad } from '../../../infra/file-store';
import type { Harness } from '../../support/harness';
import { TEST_SECRETS, startHarness } from '../../support/harness';
import { nextBsn } from '../../support/message-fixture';
import type { ScopedWorld } from '../../support/scoped-world';
import { createScopedWorld } from '../../support/scoped-world';

let h: Harness;
let w: ScopedWorld;

beforeAll(async () => {
  h = await startHarness({ worker: false });
  w = await createScopedWorld(h);
});

afterAll(async () => {
  await h?.close();
});

const LONG_AGO = new Date('2019-06-15T10:00:00Z');
const SALARY_RISE = { kind: 'change', check: { op: 'increaseAbove', field: 'grossMonthlySalary', percent: 10 } };

describe('retention policy', () => {
  it('has a term per kind, overridable within minimums', () => {
    expect(parseRetention(undefined)).toEqual(DEFAULT_RETENTION);
    expect(parseRetention('payroll_photos=6, persons=36')).toMatchObject({ payroll_photos: 6, persons: 36, reports: DEFAULT_RETENTION.reports });
    expect(() => parseRetention('payroll_photos=1')).toThrow(/payroll_photos must be .* at least 2/);
    expect(() => parseRetention('audit=1')).toThrow(/unknown kind "audit"/);
    expect(retentionCutoff(new Date('2026-03-31T12:00:00Z'), 1).toISOString()).toBe('2026-02-28T12:00:00.000Z');
  });
});

describe('purgeExpired', () => {
  it('removes what is past its term, records it, and keeps the rest', async () => {
    const E = w.A.employerId;
    const bsn = nextBsn();
    const purge = createRetentionActivities({ db: h.db, files: h.files, retention: DEFAULT_RETENTION }).purgeExpired;

    // An old payroll photo (upload, snapshot, a salary change) and the employer's newest import, made old too: the baseline stays.
    const upload = await h.files.saveUpload(Readable.from(Buffer.from(`employeeNumber,nationalId\nE9,${bsn}\n`)), 1 << 20);
    const [old] = await h.db.insert(payrollImports).values({
      employerId: E, period: '2019-05', status: 'completed', stage: 'done', fileName: 'old.csv', fileSha256: upload.sha256, fileSize: upload.size,
      uploadedBy: 'test', workflowId: `payroll-import-${randomUUID()}`, completedAt: LONG_AGO, createdAt: LONG_AGO,
    }).returning();
    const plain = h.files.tempPath();
    await writeFile(plain, `snapshot of ${bsn}\n`);
    await h.files.sealSnapshot(plain, old.id);
    // And the month before's lines of the people it found changed, kept for the audit.
    const changedPlain = h.files.tempPath();
    await writeFile(changedPlain, `last month of ${bsn}\n`);
    await h.files.sealSnapshot(changedPlain, old.id, 'changed');
    await h.db.insert(payrollChanges).values({ importId: old.id, employerId: E, personId: w.A.personId, employeeNumber: 'E1', kind: 'change', field: 'grossMonthlySalary', oldValue: '3500.00', newValue: '3600.00' });
    // A finding of the old import, quoting the salary it saw (sealed); and one of the newest import, which stays.
    const [rule] = await h.db.insert(auditRules).values({ employerId: E, name: 'Salary rise', severity: 'warning', kind: 'change', definition: SALARY_RISE, updatedBy: 'test' }).returning();
    await h.db.insert(auditRuleVersions).values({ ruleId: rule.id, version: 1, name: rule.name, severity: 'warning', definition: SALARY_RISE, enabled: true, createdBy: 'test' });
    const finding = async (importId: string) => {
      const [run] = await h.db.insert(auditRuns).values({ importId, employerId: E, trigger: 'import', startedBy: 'test' }).returning();
      return (await h.db.insert(auditFindings).values({
        runId: run.id, importId, employerId: E, personId: w.A.personId, employeeNumber: 'E1', ruleId: rule.id, ruleVersion: 1, severity: 'warning', kind: 'change',
        field: 'grossMonthlySalary', sealedValues: TEST_SECRETS.seal({ value: '3600.00', previousValue: '3500.00' }),
      }).returning())[0];
    };
    const oldFinding = await finding(old.id);
    const newestFinding = await finding(w.A.importId);
    // The newest import followed the old one, and kept the old one's lines of its changed people.
    await h.db.update(payrollImports).set({ createdAt: LONG_AGO, baselineImportId: old.id }).where(eq(payrollImports.id, w.A.importId));
    const keptPlain = h.files.tempPath();
    await writeFile(keptPlain, `the old month of ${bsn}\n`);
    await h.files.sealSnapshot(keptPlain, w.A.importId, 'changed');
    const baseline = (await h.db.select().from(payrollImports).where(eq(payrollImports.id, w.A.importId)))[0];

    // An old report file, an ended message last changed long ago, a case closed long ago with a document.
    const file = await h.files.saveReport(Buffer.from(`line;${bsn}\n`));
    const [report] = await h.db.insert(reports).values({
      employerId: E, supplierId: w.supplierId, period: '2019-05', fileName: 'r.csv', contentType: 'text/csv', sha256: file.sha256, size: file.size, lineCount: 1, createdAt: LONG_AGO,
    }).returning();
    await h.db.insert(messageEvents).values({ messageId: w.A.messageId, version: 1, toStatus: 'cancelled', cause: 'cancelled', actor: 'test' });
    // It was delivered and answered before it was cancelled: its body as sent and the answer go with it.
    await h.db.insert(messageBodies).values({ messageId: w.A.messageId, version: 1, sha256: 'a'.repeat(64), size: 2, bodySealed: TEST_SECRETS.seal('{}') });
    await h.db.insert(messageAnswers).values({ messageId: w.A.messageId, version: 1, status: 'processed', via: 'callback', applied: true });
    await h.db.update(messages).set({ updatedAt: LONG_AGO }).where(eq(messages.id, w.A.messageId));
    // A bordereau difference was resolved by it (our data was wrong: this message corrected it).
    const [insurer] = await h.db.insert(suppliers).values({ name: 'Purge insurer', kind: 'group_insurance' }).returning();
    const [resolvedRun] = await h.db.insert(bordereauRuns).values({
      employerId: E, supplierId: insurer.id, period: '2019-05', fileSha256: randomUUID(), lines: [], outcome: { status: 'reconciled', period: '2019-05', lines: 0, differences: [] }, createdBy: 'test',
    }).returning();
    await h.db.insert(bordereauResolutions).values({ runId: resolvedRun.id, fingerprint: 'value|purged-message', reason: 'our_data_wrong', resolvedBy: 'test', messageId: w.A.messageId });
    // Accident files are kept ten years after closing.
    await h.db.update(accidents).set({ closedAt: new Date('2014-06-15T10:00:00Z') }).where(eq(accidents.id, w.A.accidentId));
    const [doc] = await h.db.insert(accidentDocuments).values({ accidentId: w.A.accidentId, kind: 'sick_note', mediaType: 'application/pdf', size: 4, fileNameSealed: TEST_SECRETS.seal('x.pdf'), uploadedBy: 'test' }).returning();
    await h.files.saveAccidentDocument(doc.id, TEST_SECRETS.sealBytes(Buffer.from('%PDF'), accidentDocumentAad(doc.id)));

    // Persons who left: long ago (erased), long ago but with an open case (kept), recently (kept).
    const leaver = async (exitDate: string) => (await h.db.insert(persons).values({
      employerId: E, employeeNumber: `L-${randomUUID().slice(0, 8)}`, status: 'departed', lastImportId: w.A.importId,
      data: { lastName: 'Vertrokken', nationalId: nextBsn(), exitDate, grossMonthlySalary: '4100.00' },
    }).returning())[0];
    const gone = await leaver('2019-01-31');
    const withCase = await leaver('2019-01-31');
    await h.db.insert(accidents).values({
      employerId: E, personId: withCase.id, status: 'open', country: 'NL', occurredAt: LONG_AGO, place: 'Hal', detailsSealed: TEST_SECRETS.seal({}), createdBy: 'test',
    });
    const recent = await leaver(new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 10));
    // Their internal benefits: a card with its number, and its history.
    const [card] = await h.db.insert(benefitTypes).values({ employerId: E, name: 'Tankpas', fields: [{ key: 'cardNumber', label: 'Kaartnummer', type: 'text', required: true }], updatedBy: 'test' }).returning();
    const benefit = async (personId: string, cardNumber: string) => {
      const [r] = await h.db.insert(benefitRecords).values({ employerId: E, typeId: card.id, personId, values: { cardNumber }, startDate: '2018-01-01', updatedBy: 'test' }).returning();
      await h.db.insert(benefitRecordHistory).values({ recordId: r.id, version: 1, action: 'created', values: { cardNumber }, startDate: '2018-01-01', by: 'test' });
      return r;
    };
    // And what HR completed about them (a street), in a closed task.
    const [task] = await h.db.insert(tasks).values({
      employerId: E, kind: 'complete_data', subject: { personId: gone.id, field: 'street' }, assignee: 'hr', status: 'completed',
      result: { value: 'Kerkstraat 1' }, completedBy: 'user:hr', completedAt: LONG_AGO, dueAt: LONG_AGO,
    }).returning();
    await h.db.insert(taskAnswers).values({ taskId: task.id, result: { value: 'Kerkstraat 1' }, by: 'user:hr' });
    const goneCard = await benefit(gone.id, '7077-1111');
    const recentCard = await benefit(recent.id, '7077-2222');

    // An old statement batch's ZIP (kept a few months: a copy for handing out).
    const [batch] = await h.db.insert(statementBatches).values({
      employerId: E, delivery: 'download', status: 'completed', issuedOn: '2019-05-01', workflowId: `statement-batch-${randomUUID()}`, startedBy: 'test', createdAt: LONG_AGO,
    }).returning();
    await h.files.saveStatementBatch(batch.id, Buffer.from(`PK statements of ${bsn}`));

    // Employer B's equally old things are out of this run's scope (and the shared database's other tests' too).
    await h.db.update(reports).set({ createdAt: LONG_AGO }).where(eq(reports.id, w.B.reportId));

    const result = await purge({ now: new Date().toISOString(), employerIds: [E] });
    expect(result).toMatchObject({ payrollPhotos: 1, reports: 1, messages: 1, accidentFiles: 1, persons: 1, statementBatches: 1 });
    expect(existsSync(h.files.statementBatchPath(batch.id))).toBe(false);
    expect((await h.db.select().from(statementBatches).where(eq(statementBatches.id, batch.id)))[0].filePurgedAt).not.toBeNull();

    // Files gone from disk; the baseline's and the other employer's stay.
    expect(existsSync(h.files.snapshotPath(old.id))).toBe(false);
    expect(existsSync(h.files.snapshotPath(old.id, 'changed'))).toBe(false);
    // The newest import stays (the next baseline); the old photo's lines it kept do not.
    expect(existsSync(h.files.snapshotPath(w.A.importId, 'changed'))).toBe(false);
    expect(existsSync(h.files.uploadPath(upload.sha256))).toBe(false);
    expect(existsSync(h.files.uploadPath(baseline.fileSha256))).toBe(true);
    expect(existsSync(h.files.reportPath(file.sha256))).toBe(false);
    expect(existsSync(h.files.accidentDocumentPath(doc.id))).toBe(false);
    const [reportB] = await h.db.select().from(reports).where(eq(reports.id, w.B.reportId));
    expect(reportB.filePurgedAt).toBeNull();

    // Values gone from the database.
    expect((await h.db.select().from(payrollImports).where(eq(payrollImports.id, old.id)))[0].filePurgedAt).not.toBeNull();
    expect((await h.db.select().from(payrollImports).where(eq(payrollImports.id, w.A.importId)))[0].filePurgedAt).toBeNull();
    const [change] = await h.db.select().from(payrollChanges).where(eq(payrollChanges.importId, old.id));
    expect(change).toMatchObject({ field: 'grossMonthlySalary', oldValue: null, newValue: null });
    expect((await h.db.select().from(auditFindings).where(eq(auditFindings.id, oldFinding.id)))[0]).toMatchObject({ field: 'grossMonthlySalary', sealedValues: '' });
    expect((await h.db.select().from(auditFindings).where(eq(auditFindings.id, newestFinding.id)))[0].sealedValues).toBe(newestFinding.sealedValues);
    const shown = await h.app.inject({ method: 'GET', url: `/api/findings/${oldFinding.id}`, headers: h.auth });
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ field: 'grossMonthlySalary' });
    expect(shown.json().values).toBeUndefined();
    expect((await h.db.select().from(reports).where(eq(reports.id, report.id)))[0].filePurgedAt).not.toBeNull();
    expect(await h.db.select().from(messages).where(eq(messages.id, w.A.messageId))).toEqual([]);
    expect(await h.db.select().from(messageBodies).where(eq(messageBodies.messageId, w.A.messageId))).toEqual([]);
    expect(await h.db.select().from(messageAnswers).where(eq(messageAnswers.messageId, w.A.messageId))).toEqual([]);
    expect(await h.db.select({ reason: bordereauResolutions.reason, messageId: bordereauResolutions.messageId }).from(bordereauResolutions)
      .where(eq(bordereauResolutions.runId, resolvedRun.id))).toEqual([{ reason: 'our_data_wrong', messageId: null }]);
    expect(await h.db.select().from(accidentDocuments).where(eq(accidentDocuments.id, doc.id))).toEqual([]);
    const [erased] = await h.db.select().from(persons).where(eq(persons.id, gone.id));
    expect(erased.erasedAt).not.toBeNull();
    expect(erased.data).toEqual({ employeeNumber: gone.employeeNumber, erased: true });
    for (const kept of [withCase, recent]) expect((await h.db.select().from(persons).where(eq(persons.id, kept.id)))[0]).toMatchObject({ erasedAt: null, data: kept.data });
    const cardOf = async (id: string) => [
      (await h.db.select().from(benefitRecords).where(eq(benefitRecords.id, id)))[0].values,
      (await h.db.select().from(benefitRecordHistory).where(eq(benefitRecordHistory.recordId, id))).map((v) => v.values),
    ];
    expect(await cardOf(goneCard.id)).toEqual([{}, [{}]]);
    expect((await h.db.select().from(tasks).where(eq(tasks.id, task.id)))[0]).toMatchObject({ result: null, completedBy: 'user:hr', status: 'completed' });
    expect((await h.db.select().from(taskAnswers).where(eq(taskAnswers.taskId, task.id))).map((a) => a.result)).toEqual([{ erased: true }]);
    expect(await cardOf(recentCard.id)).toEqual([{ cardNumber: '7077-2222' }, [{ cardNumber: '7077-2222' }]]);

    // Each removal recorded, with ids only.
    const records = await h.db.select().from(retentionRecords).where(eq(retentionRecords.employerId, E));
    expect(records.map((r) => [r.kind, r.subjectId, r.action]).sort()).toEqual([
      ['accident_file', doc.id, 'purged'], ['messages', E, 'purged'], ['payroll_photo', old.id, 'purged'], ['person', gone.id, 'erased'], ['report', report.id, 'purged'],
      ['statement_batch', batch.id, 'purged'],
    ].sort());
    expect(JSON.stringify(records)).not.toContain('Vertrokken');
    const [personRecord] = await h.db.select().from(retentionRecords).where(and(eq(retentionRecords.kind, 'person'), eq(retentionRecords.subjectId, gone.id)));
    expect(personRecord.by).toBe('system:retention');

    // The same run again: nothing left to do.
    expect(await purge({ now: new Date().toISOString(), employerIds: [E] })).toMatchObject({ payrollPhotos: 0, reports: 0, messages: 0, accidentFiles: 0, persons: 0, statementBatches: 0 });
    // The audit trail is kept 84 months in the database: nothing of this test's era is due.
    expect(result.auditEntries).toBe(0);
  });

  it('knows every table that names a message: the purge takes its parts along and unlinks the rest', async () => {
    const { rows } = await h.db.$client.query<{ table: string; column: string }>(`
      select c.conrelid::regclass::text as table, a.attname as column
      from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.confrelid = 'messages'::regclass and c.confdeltype in ('a', 'r')`);
    expect(rows.map((r) => r.table).sort()).toEqual([...MESSAGE_PARTS, ...MESSAGE_LINKS].sort());
    expect(rows.every((r) => r.column === 'message_id')).toBe(true);
  });

  it('removes contribution files past their term with their lines, keeps the recent ones and the row', async () => {
    // Employer A: its other old things went in the run above; B's report must stay for the next test.
    const E = w.A.employerId;
    const file = async (createdAt: Date, content: string) => {
      const stored = await h.files.saveReport(Buffer.from(content));
      const [f] = await h.db.insert(contributionFiles).values({
        employerId: E, period: createdAt.toISOString().slice(0, 7), version: 1, fileName: 'c.csv', contentType: 'text/csv', sha256: stored.sha256, size: stored.size,
        lineCount: 1, employeeTotalCents: 3000, findings: [{ personId: w.A.personId, employeeNumber: 'E1', planId: w.planId, field: 'salary', months: ['2019-05'] }], createdBy: 'test', createdAt,
      }).returning();
      await h.db.insert(contributionLines).values({
        fileId: f.id, personId: w.A.personId, planId: w.planId, employeeNumber: 'E1', payCode: '7001', month: f.period, employeeCents: 3000, employerCents: 0,
        salaryCents: 410_000, reason: 'monthly', coveredDays: 30, daysInMonth: 30,
      });
      return { ...f, path: h.files.reportPath(stored.sha256) };
    };
    const old = await file(LONG_AGO, `E1;7001;30,00;${randomUUID()}\n`);
    const recent = await file(new Date(), `E1;7001;30,00;${randomUUID()}\n`);
    const result = await createRetentionActivities({ db: h.db, files: h.files, retention: DEFAULT_RETENTION }).purgeExpired({ now: new Date().toISOString(), employerIds: [E] });
    expect(result.contributionFiles).toBe(1);
    expect(existsSync(old.path)).toBe(false);
    expect(existsSync(recent.path)).toBe(true);
    const [purged] = await h.db.select().from(contributionFiles).where(eq(contributionFiles.id, old.id));
    expect(purged).toMatchObject({ findings: [], differences: null });
    expect(purged.filePurgedAt).not.toBeNull();
    expect(await h.db.select().from(contributionLines).where(eq(contributionLines.fileId, old.id))).toEqual([]);
    expect(await h.db.select().from(contributionLines).where(eq(contributionLines.fileId, recent.id))).toHaveLength(1);
    const [rec] = await h.db.select().from(retentionRecords).where(and(eq(retentionRecords.kind, 'contribution_file'), eq(retentionRecords.subjectId, old.id)));
    expect(rec).toMatchObject({ action: 'purged', employerId: E });
    expect((await h.app.inject({ method: 'GET', url: `/api/contribution-files/${old.id}/file`, headers: h.auth })).statusCode).toBe(410);
    expect(() => parseRetention('contribution_files=12')).toThrow(/contribution_files must be .* at least 13/);
  });

  it('removes the controls\' personal values past their term: comparison results and files, bordereau lines, differences and resolutions', async () => {
    const E = w.A.employerId;
    const [definition] = await h.db.insert(comparisonDefinitions).values({ employerId: E, name: 'HR sheet', definition: {}, createdBy: 'test' }).returning();
    const upload = async () => h.files.saveUpload(Readable.from(Buffer.from(`id;salary\n${nextBsn()};4100\n${randomUUID()}\n`)), 1 << 20);
    const comparison = async (createdAt: Date) => {
      const b = await upload();
      const [run] = await h.db.insert(comparisonRuns).values({
        definitionId: definition.id, employerId: E, definitionVersion: 1, definition: {}, status: 'completed', stage: 'done',
        bFileName: 'b.csv', bFileSha256: b.sha256, bFileSize: b.size, startedBy: 'test', workflowId: `comparison-${randomUUID()}`, counts: { onlyInA: 1 }, createdAt,
      }).returning();
      await h.db.insert(comparisonResults).values({ runId: run.id, kind: 'only_in_a', side: 'a', key: nextBsn(), aValue: '4100', aRow: 2 });
      return { run, path: h.files.uploadPath(b.sha256) };
    };
    const oldRun = await comparison(LONG_AGO);
    const recentRun = await comparison(new Date());
    const waiting = await upload();
    const [oldFile] = await h.db.insert(comparisonPeriodFiles).values({
      definitionId: definition.id, employerId: E, period: '2019-05', side: 'b', fileName: 'b.csv', fileSha256: waiting.sha256, fileSize: waiting.size, uploadedBy: 'test', uploadedAt: LONG_AGO,
    }).returning();

    // Three bordereaux of one insurer: the two old ones past their term, but the newest is what the next one is compared with.
    const difference = { part: 'data', kind: 'value', nationalId: nextBsn(), field: 'salary', billed: '4100', expected: '4200', fingerprint: 'value|x', status: 'open' };
    const bordereau = async (period: string, createdAt: Date) => (await h.db.insert(bordereauRuns).values({
      employerId: E, supplierId: w.supplierId, period, fileSha256: randomUUID(), lines: [{ row: 2, nationalId: difference.nationalId, role: 'insured', salary: '4100' }],
      outcome: { status: 'reconciled', period, lines: 1, differences: [difference] }, createdBy: 'test', createdAt,
    }).returning())[0];
    const oldest = await bordereau('2019-04', LONG_AGO);
    const newest = await bordereau('2019-05', LONG_AGO);
    await h.db.insert(bordereauResolutions).values({ runId: oldest.id, fingerprint: difference.fingerprint, reason: 'accepted', resolvedBy: 'test' });
    const [review] = await h.db.insert(tasks).values({ employerId: E, kind: 'review_bordereau', subject: { supplierId: w.supplierId, bordereauRunId: oldest.id, period: '2019-04' }, dueAt: LONG_AGO }).returning();

    const result = await createRetentionActivities({ db: h.db, files: h.files, retention: DEFAULT_RETENTION }).purgeExpired({ now: new Date().toISOString(), employerIds: [E] });
    expect(result.controls).toBe(2);
    const [purgedRun] = await h.db.select().from(comparisonRuns).where(eq(comparisonRuns.id, oldRun.run.id));
    expect(purgedRun.resultsPurgedAt).not.toBeNull();
    expect(purgedRun.counts).toEqual({ onlyInA: 1 });
    expect(await h.db.select().from(comparisonResults).where(eq(comparisonResults.runId, oldRun.run.id))).toEqual([]);
    expect(await h.db.select().from(comparisonResults).where(eq(comparisonResults.runId, recentRun.run.id))).toHaveLength(1);
    expect(existsSync(oldRun.path)).toBe(false);
    expect(existsSync(recentRun.path)).toBe(true);
    expect(await h.db.select().from(comparisonPeriodFiles).where(eq(comparisonPeriodFiles.id, oldFile.id))).toEqual([]);
    expect(existsSync(h.files.uploadPath(waiting.sha256))).toBe(false);

    const [purgedBordereau] = await h.db.select().from(bordereauRuns).where(eq(bordereauRuns.id, oldest.id));
    expect(purgedBordereau).toMatchObject({ lines: [], outcome: { status: 'reconciled', period: '2019-04', lines: 1, differences: [], differenceCount: 1 } });
    expect((await h.db.select().from(tasks).where(eq(tasks.id, review.id)))[0].status).toBe('cancelled');
    const view = await h.app.inject({ method: 'GET', url: `/api/bordereaux/${oldest.id}`, headers: h.auth });
    expect(view.json()).toMatchObject({ differences: [], differenceCount: 1, purgedAt: expect.any(String) });
    expect((await h.app.inject({ method: 'GET', url: `/api/bordereaux/${oldest.id}/report`, headers: h.auth })).statusCode).toBe(410);
    expect(purgedBordereau.purgedAt).not.toBeNull();
    expect(await h.db.select().from(bordereauResolutions).where(eq(bordereauResolutions.runId, oldest.id))).toEqual([]);
    const [kept] = await h.db.select().from(bordereauRuns).where(eq(bordereauRuns.id, newest.id));
    expect(kept).toMatchObject({ purgedAt: null, outcome: { differences: [difference] } });
    const records = await h.db.select().from(retentionRecords).where(eq(retentionRecords.employerId, E));
    expect(records.filter((r) => ['comparison_run', 'comparison_file', 'bordereau_run'].includes(r.kind)).map((r) => [r.kind, r.subjectId]).sort())
      .toEqual([['bordereau_run', oldest.id], ['comparison_file', oldFile.id], ['comparison_run', oldRun.run.id]].sort());

    // Through the API: the counts remain, the lines answer 410.
    const run = await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${oldRun.run.id}/results`, headers: h.auth });
    expect(run.statusCode).toBe(410);
    expect((await h.app.inject({ method: 'GET', url: `/api/comparison-runs/${recentRun.run.id}/results`, headers: h.auth })).statusCode).toBe(200);
    expect((await createRetentionActivities({ db: h.db, files: h.files, retention: DEFAULT_RETENTION }).purgeExpired({ now: new Date().toISOString(), employerIds: [E] })).controls).toBe(0);
    expect(() => parseRetention('controls=2')).toThrow(/controls must be .* at least 3/);
  });

  it('answers 410 for a payroll or report file the purge removed', async () => {
    expect((await h.app.inject({ method: 'GET', url: `/api/payroll-imports/${w.B.importId}/file`, headers: h.auth })).statusCode).toBe(200);
    expect((await h.app.inject({ method: 'GET', url: `/api/reports/${w.B.reportId}/file`, headers: h.auth })).statusCode).toBe(200);
    await h.db.update(payrollImports).set({ filePurgedAt: new Date() }).where(eq(payrollImports.id, w.B.importId));
    await h.db.update(reports).set({ filePurgedAt: new Date() }).where(eq(reports.id, w.B.reportId));
    const file = await h.app.inject({ method: 'GET', url: `/api/payroll-imports/${w.B.importId}/file`, headers: h.auth });
    expect(file.statusCode).toBe(410);
    expect(file.json()).toMatchObject({ error: 'purged' });
    expect((await h.app.inject({ method: 'GET', url: `/api/reports/${w.B.reportId}/file`, headers: h.auth })).statusCode).toBe(410);
  });
});
