/**
 * The bulk run of statements (workflow statementBatch): every active person of an employer, one
 * PDF each, into one ZIP stored sealed through the file store, then e-mailed where asked (the
 * download is the API's). Persons are loaded and rendered a page at a time; the batch row counts
 * the persons done, so the API shows progress. Idempotent: a completed batch is not made twice.
 */
import { ApplicationFailure } from '@temporalio/common';
import { Zip, ZipPassThrough } from 'fflate';
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import { persons, statementBatches } from '../../db/schema';
import { buildStatement } from '../../domain/statements/statement';
import { deliverEmail } from '../../infra/delivery/email';
import { DeliveryError } from '../../infra/delivery/common';
import type { ActivityDeps } from '../deps';
import { heartbeat } from '../shared/activity-context';
import { loadStatementEmployer, loadStatementInputs } from './load';
import { renderStatementPdf, statementFileName } from './render';

const PAGE = 250;

/** Who the batch covers: the employer's persons in service (active), by employee number. */
export const statementPopulation = (employerId: string) => and(eq(persons.employerId, employerId), eq(persons.status, 'active'), isNull(persons.erasedAt));

const statementBatchFileName = (batchId: string, issuedOn: string) => `statements-${issuedOn}-${batchId.slice(0, 8)}.zip`;

/** Builds the ZIP of statements for the employer's persons, a page at a time; `onPage` hears how many are done. */
async function buildStatementZip(
  deps: Pick<ActivityDeps, 'db' | 'secrets'>, employerId: string, issuedOn: string, onPage: (done: number) => Promise<void>,
): Promise<Uint8Array> {
  const employer = await loadStatementEmployer(deps.db, employerId);
  if (!employer) throw ApplicationFailure.create({ type: 'StatementBatchFailed', nonRetryable: true, message: 'the employer no longer exists' });
  const chunks: Uint8Array[] = [];
  let zipError: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) zipError = err;
    else chunks.push(chunk);
  });
  // The files' dates are the day of issue: the same statements make the same archive.
  const mtime = new Date(`${issuedOn}T12:00:00Z`);
  let after = '';
  let done = 0;
  for (;;) {
    const page = await deps.db.select({ id: persons.id, employeeNumber: persons.employeeNumber }).from(persons)
      .where(and(statementPopulation(employerId), gt(persons.employeeNumber, after))).orderBy(asc(persons.employeeNumber)).limit(PAGE);
    if (!page.length) break;
    const inputs = await loadStatementInputs(deps.db, deps.secrets, employer, page.map((p) => p.id), issuedOn);
    for (const { input } of inputs) {
      const pdf = await renderStatementPdf({ statement: buildStatement(input), issuedOn, employerName: employer.name, employeeNumber: input.person.employeeNumber });
      const entry = new ZipPassThrough(statementFileName(input.person.employeeNumber, issuedOn));
      entry.mtime = mtime;
      zip.add(entry);
      entry.push(pdf, true);
    }
    done += inputs.length;
    after = page[page.length - 1].employeeNumber;
    await onPage(done);
  }
  zip.end();
  if (zipError) throw zipError;
  return Buffer.concat(chunks);
}

export function createStatementActivities(deps: ActivityDeps) {
  const { db, files, mail, outbound } = deps;
  const batchRow = async (batchId: string) => {
    const [row] = await db.select().from(statementBatches).where(eq(statementBatches.id, batchId));
    if (!row) throw ApplicationFailure.create({ type: 'StatementBatchFailed', nonRetryable: true, message: 'no such statement batch' });
    return row;
  };

  return {
    /** Counts the persons the batch covers; returns the count (a number, no personal data). */
    async prepareStatementBatch(batchId: string): Promise<{ personCount: number }> {
      const row = await batchRow(batchId);
      const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(persons).where(statementPopulation(row.employerId));
      await db.update(statementBatches).set({ personCount: n }).where(eq(statementBatches.id, batchId));
      return { personCount: n };
    },

    /** Renders every statement into one ZIP and stores it sealed; once (a completed batch keeps its file). */
    async generateStatementBatch(batchId: string): Promise<{ personCount: number; size: number }> {
      const row = await batchRow(batchId);
      if (row.fileSha256 && row.fileSize !== null) return { personCount: row.doneCount, size: row.fileSize };
      const bytes = await buildStatementZip(deps, row.employerId, row.issuedOn, async (done) => {
        heartbeat({ stage: 'generating', rows: done });
        await db.update(statementBatches).set({ doneCount: done }).where(eq(statementBatches.id, batchId));
      });
      const stored = await files.saveStatementBatch(batchId, bytes);
      const [{ done }] = await db.update(statementBatches).set({
        fileName: statementBatchFileName(batchId, row.issuedOn), fileSha256: stored.sha256, fileSize: stored.size,
      }).where(eq(statementBatches.id, batchId)).returning({ done: statementBatches.doneCount });
      return { personCount: done, size: stored.size };
    },

    /** E-mails the ZIP where the batch asks for it (the same Message-ID on a retry); a download batch has nothing to send. */
    async deliverStatementBatch(batchId: string): Promise<{ delivered: boolean }> {
      const row = await batchRow(batchId);
      if (row.delivery !== 'email' || row.deliveredAt) return { delivered: row.deliveredAt !== null };
      try {
        await deliverEmail({ transport: 'email', to: [row.emailTo!], subject: 'Mutaflow statements {fileName}' }, {
          name: row.fileName!, bytes: await files.readStatementBatch(batchId), contentType: 'application/zip', idempotencyKey: `statement-batch:${batchId}`,
        }, { smtpUrl: mail?.smtpUrl, mailFrom: mail?.from ?? 'mutaflow@localhost', outbound });
      } catch (err) {
        if (err instanceof DeliveryError && !err.retryable) {
          throw ApplicationFailure.create({ type: 'StatementDeliveryRefused', nonRetryable: true, message: err.message });
        }
        throw err;
      }
      await db.update(statementBatches).set({ deliveredAt: new Date() }).where(eq(statementBatches.id, batchId));
      return { delivered: true };
    },

    async completeStatementBatch(batchId: string): Promise<void> {
      await db.update(statementBatches).set({ status: 'completed', completedAt: new Date() }).where(eq(statementBatches.id, batchId));
    },

    async markStatementBatchFailed(batchId: string, reason: string): Promise<void> {
      await db.update(statementBatches).set({ status: 'failed', error: reason, completedAt: new Date() }).where(eq(statementBatches.id, batchId));
    },
  };
}
