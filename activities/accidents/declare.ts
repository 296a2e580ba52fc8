/**
 * The declaration: a PDF pre-filled from Mutaflow's data, stored sealed with the case's
 * documents, and sent over the insurer's delivery (its report settings: SFTP, e-mail, HTTP,
 * PGP where asked) or kept for download to the social security portal.
 */
import { ApplicationFailure } from '@temporalio/common';
import { actorName } from '../../db/queries/actors';
import { and, eq } from 'drizzle-orm';
import type { AccidentRow} from '../../db/queries/accidents';
import { loadAccident, recordAccidentEvent } from '../../db/queries/accidents';
import { accidentDocuments, accidents, employerSuppliers, employers, persons, supplierReportSettings, suppliers, tasks } from '../../db/schema';
import type { AccidentDetails} from '../../domain/accidents/case';
import { accidentReference } from '../../domain/accidents/case';
import { TIME_ZONES, employerToday, localDate } from '../../domain/shared/calendar';
import type { DeclarationContent } from '../../domain/accidents/declaration';
import type { DeliveryCredentials} from '../../infra/delivery';
import { DeliveryError, deliverReport } from '../../infra/delivery';
import { CASE_CLOSED } from '../../domain/shared/failure-types';
import { STRICT_OUTBOUND } from '../../infra/outbound';
import type { DeclareAccidentInput, DeclareAccidentResult } from '../../workflows/shared';
import type { ActivityDeps } from '../deps';
import { renderDeclarationPdf } from './declaration-pdf';
import { accidentDocumentAad } from '../../infra/file-store';

type Deps = Pick<ActivityDeps, 'db' | 'files' | 'secrets' | 'mail' | 'outbound'> & {
  encrypt?: (bytes: Uint8Array, publicKey: string, fileName: string) => Promise<Uint8Array>;
};

const text = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));

/** Everything the declaration shows, read from the case, the person and the employer. */
async function declarationContent(deps: Pick<Deps, 'db' | 'secrets'>, accident: AccidentRow, lang: DeclareAccidentInput['lang'], today: string): Promise<DeclarationContent> {
  const { db, secrets } = deps;
  const [[employer], [person], insurer] = await Promise.all([
    db.select().from(employers).where(eq(employers.id, accident.employerId)),
    db.select().from(persons).where(eq(persons.id, accident.personId)),
    accident.supplierId
      ? db.select({ name: suppliers.name, collectiveNumber: employerSuppliers.collectiveNumber }).from(suppliers)
        .leftJoin(employerSuppliers, and(eq(employerSuppliers.supplierId, suppliers.id), eq(employerSuppliers.employerId, accident.employerId)))
        .where(eq(suppliers.id, accident.supplierId)).then((r) => r[0])
      : Promise.resolve(undefined),
  ]);
  const details = secrets.open<AccidentDetails>(accident.detailsSealed);
  const p = person.data as Record<string, unknown>;
  const tz = TIME_ZONES[accident.country];
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(accident.occurredAt);
  return {
    lang,
    reference: accidentReference(accident.number),
    preparedOn: today,
    deadlineDate: accident.deadlineDate ?? '',
    employer: { name: employer.name, companyNumber: employer.companyNumber, country: employer.country },
    victim: {
      employeeNumber: person.employeeNumber, lastName: String(p.lastName ?? ''), namePrefix: text(p.namePrefix), firstName: String(p.firstName ?? ''),
      nationalId: text(p.nationalId), birthDate: text(p.birthDate), gender: text(p.gender), street: text(p.street), houseNumber: text(p.houseNumber),
      postalCode: text(p.postalCode), city: text(p.city), country: text(p.country), category: text(p.category), workSchedulePercent: text(p.workSchedulePercent), hireDate: text(p.hireDate),
    },
    accident: { occurredAt: `${localDate(accident.occurredAt.getTime(), tz)} ${time}`, place: accident.place, description: details.description, witnesses: details.witnesses, firstAid: details.firstAid },
    injuries: details.injuries,
    medicalCare: details.medicalCare,
    consequences: { incapacityFrom: accident.incapacityFrom, workResumedOn: accident.workResumedOn, fatal: accident.fatal },
    prevention: details.prevention,
    insurer: { name: insurer?.name ?? '—', policyNumber: accident.policyNumber ?? insurer?.collectiveNumber ?? null, claimNumber: accident.claimNumber },
  };
}

export function createDeclareActivities(deps: Deps) {
  const { db, files, secrets, mail, encrypt } = deps;
  const outbound = deps.outbound ?? STRICT_OUTBOUND;

  /** Once per case: a retry finds the declaration it stored and delivers the same bytes again (the transports dedupe by key). */
  /** `requestedAt`: the workflow's time of the request (whether the declaration was late is judged by it). */
  async function declareAccident({ accidentId, by: ref, via, lang, requestedAt }: { accidentId: string; requestedAt: number } & DeclareAccidentInput): Promise<DeclareAccidentResult> {
    const by = await actorName(db, ref);
    const accident = await loadAccident(db, accidentId);
    if (!accident) throw ApplicationFailure.create({ type: 'AccidentNotFound', nonRetryable: true, message: `no accident ${accidentId}` });
    if (accident.status === 'closed') throw ApplicationFailure.create({ type: CASE_CLOSED, nonRetryable: true, message: 'the case is closed' });
    if (accident.status === 'declared' && accident.declarationDocumentId) {
      return { documentId: accident.declarationDocumentId, via: accident.declaredVia ?? via, delivered: accident.declaredVia === 'channel' };
    }
    const fileName = `${accidentReference(accident.number)}-declaration.pdf`;
    let [doc] = await db.select().from(accidentDocuments).where(and(eq(accidentDocuments.accidentId, accidentId), eq(accidentDocuments.kind, 'declaration')));
    let pdf: Buffer;
    if (doc) {
      pdf = secrets.openBytes(await files.readAccidentDocument(doc.id), accidentDocumentAad(doc.id));
    } else {
      pdf = await renderDeclarationPdf(await declarationContent(deps, accident, lang, employerToday(accident.country, Date.now())));
      [doc] = await db.insert(accidentDocuments).values({
        accidentId, kind: 'declaration', mediaType: 'application/pdf', size: pdf.length, fileNameSealed: secrets.seal(fileName), uploadedBy: by,
      }).returning();
      await files.saveAccidentDocument(doc.id, secrets.sealBytes(pdf, accidentDocumentAad(doc.id)));
    }

    let delivered = false;
    if (via === 'channel') {
      if (!accident.supplierId) throw ApplicationFailure.create({ type: 'NoInsurer', nonRetryable: true, message: 'the case has no insurer to send the declaration to; download it instead' });
      const [settings] = await db.select().from(supplierReportSettings).where(eq(supplierReportSettings.supplierId, accident.supplierId));
      const target = settings?.delivery as { transport?: string } | undefined;
      if (!target || target.transport === 'download') {
        throw ApplicationFailure.create({ type: 'NoChannel', nonRetryable: true, message: 'the insurer has no delivery channel configured; download the declaration instead' });
      }
      if (!settings.pgpPublicKey && !outbound.insecureLocalTesting) {
        // The declaration holds health data (injuries, medical care) and a national id: never in clear.
        throw ApplicationFailure.create({ type: 'EncryptionRequired', nonRetryable: true, message: 'the insurer has no PGP public key: the declaration (health data) is sent only encrypted; set its pgpPublicKey or download the declaration' });
      }
      let bytes: Uint8Array = pdf;
      let name = fileName;
      if (settings.pgpPublicKey) {
        if (!encrypt) throw ApplicationFailure.create({ type: 'NoSigningKey', nonRetryable: true, message: 'the insurer wants encrypted files, but no signing key is configured' });
        bytes = await encrypt(pdf, settings.pgpPublicKey, fileName);
        name = `${fileName}.asc`;
      }
      const credentials = settings.deliveryCredentialsEncrypted ? secrets.open<DeliveryCredentials>(settings.deliveryCredentialsEncrypted) : null;
      try {
        await deliverReport(target, credentials, { name, bytes, contentType: settings.pgpPublicKey ? 'application/pgp-encrypted' : 'application/pdf', idempotencyKey: `accident-${accidentId}:declaration` },
          { smtpUrl: mail?.smtpUrl, mailFrom: mail?.from ?? 'mutaflow@localhost', outbound });
      } catch (err) {
        if (err instanceof DeliveryError && !err.retryable) throw ApplicationFailure.create({ type: 'DeliveryFailed', nonRetryable: true, message: err.message });
        throw err;
      }
      delivered = true;
    }

    await db.transaction(async (tx) => {
      const now = await loadAccident(tx, accidentId, { lock: true });
      if (now!.status !== 'open') return;
      await tx.update(accidents).set({ status: 'declared', declaredAt: new Date(), declaredBy: by, declaredVia: via, declarationDocumentId: doc.id }).where(eq(accidents.id, accidentId));
      await tx.update(tasks).set({ status: 'completed', completedBy: by, completedAt: new Date(), result: { declared: via } })
        .where(and(eq(tasks.accidentId, accidentId), eq(tasks.kind, 'declare_accident'), eq(tasks.status, 'open')));
      await recordAccidentEvent(tx, accidentId, 'declared', by, { via, documentId: doc.id, delivered, late: requestedAt >= (now!.deadlineAt?.getTime() ?? Infinity) });
    });
    return { documentId: doc.id, via, delivered };
  }

  return { declareAccident };
}
