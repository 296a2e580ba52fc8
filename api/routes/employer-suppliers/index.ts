import { and, asc, eq, inArray } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SupplierChannel} from '../../../domain/suppliers/channel';
import { sendsMessages } from '../../../domain/suppliers/channel';
import { UNSENT_STATUSES } from '../../../domain/messages/lifecycle';
import { normaliseCompanyNumber } from '../../../domain/shared/identifiers';
import type { Tx } from '../../../db/queries/messages';
import { employerSuppliers, employers, messages, supplierReportSettings, suppliers } from '../../../db/schema';
import { confirmKindsFor } from '../../../domain/suppliers/confirmation';
import { ApiError, notFound } from '../../errors';
import { authorizeEmployer } from '../../plugins/auth';
import { idParams } from '../employers/schemas';
import { linkCreate, linkList, linkParams, linkUpdate, linkView } from './schemas';

type Link = typeof employerSuppliers.$inferSelect;
type Employer = Pick<typeof employers.$inferSelect, 'country' | 'companyNumber'>;
type Supplier = Pick<typeof suppliers.$inferSelect, 'name' | 'channel' | 'credentialsEncrypted'>;

/** Why messages for this employer cannot reach this supplier (empty: they can). */
function linkBlockers(employer: Employer, supplier: Supplier): string[] {
  const blockers: string[] = [];
  if (!employer.companyNumber || !normaliseCompanyNumber(employer.country, employer.companyNumber)) {
    blockers.push(`the employer has no valid ${employer.country === 'NL' ? 'KvK' : 'KBO'} number`);
  }
  const channel = supplier.channel as SupplierChannel;
  if (!sendsMessages(channel)) blockers.push('the supplier has no message channel');
  else if (!supplier.credentialsEncrypted) blockers.push('the channel has no credentials');
  return blockers;
}

const viewOf = (l: Link, employer: Employer, supplier: Supplier & { confirmKinds: string[] | null }) => {
  const blockers = linkBlockers(employer, supplier);
  return {
    id: l.id, employerId: l.employerId, supplierId: l.supplierId, supplierName: supplier.name, collectiveNumber: l.collectiveNumber,
    startDate: l.startDate, deliverFrom: l.deliverFrom, confirmKinds: l.confirmKinds, effectiveConfirmKinds: confirmKindsFor(l.confirmKinds, supplier.confirmKinds), canSend: blockers.length === 0, blockers, createdAt: l.createdAt.toISOString(),
  };
};

/** Unsent messages of the pair: a new or changed link can complete them or move their send date. */
const unsentMessages = async (tx: Tx, employerId: string, supplierId: string) =>
  (await tx.select({ id: messages.id }).from(messages).where(and(
    eq(messages.employerId, employerId), eq(messages.supplierId, supplierId), inArray(messages.status, [...UNSENT_STATUSES]),
  ))).map((m) => m.id);

const employerSupplierRoutes: FastifyPluginAsyncZod = async (app) => {
  const loadEmployer = async (tx: Tx, id: string) => {
    const [e] = await tx.select({ id: employers.id, country: employers.country, companyNumber: employers.companyNumber }).from(employers).where(eq(employers.id, id));
    if (!e) throw notFound('employer');
    return e;
  };
  const loadSupplier = async (tx: Tx, id: string) => {
    const [s] = await tx.select({ id: suppliers.id, name: suppliers.name, channel: suppliers.channel, credentialsEncrypted: suppliers.credentialsEncrypted, confirmKinds: supplierReportSettings.confirmKinds })
      .from(suppliers).leftJoin(supplierReportSettings, eq(supplierReportSettings.supplierId, suppliers.id)).where(eq(suppliers.id, id));
    if (!s) throw notFound('supplier');
    return s;
  };

  app.post('/api/employers/:id/suppliers', {
    config: { permission: 'employers.manage' },
    schema: {
      tags: ['employer suppliers'], summary: 'Link a supplier to an employer (collective number, start, deliver from)',
      description: '409 when the employer is already linked to the supplier. The answer says whether messages can leave (`canSend`) and what blocks them.',
      params: idParams, body: linkCreate, response: { 201: linkView },
    },
  }, async (request, reply) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const { supplierId, collectiveNumber, startDate, deliverFrom, confirmKinds } = request.body;
    const { view, wake } = await app.db.transaction(async (tx) => {
      const employer = await loadEmployer(tx, request.params.id);
      const supplier = await loadSupplier(tx, supplierId);
      const [row] = await tx.insert(employerSuppliers).values({
        employerId: employer.id, supplierId, collectiveNumber, startDate, deliverFrom: deliverFrom ?? startDate, confirmKinds: confirmKinds ?? null,
      }).onConflictDoNothing({ target: [employerSuppliers.employerId, employerSuppliers.supplierId] }).returning();
      if (!row) throw new ApiError(409, 'already_linked', 'the employer is already linked to this supplier; change the link with PUT');
      return { view: viewOf(row, employer, supplier), wake: await unsentMessages(tx, employer.id, supplierId) };
    });
    await app.messageWorkflows.wake(wake);
    return reply.status(201).send(view);
  });

  app.get('/api/employers/:id/suppliers', {
    config: { permission: 'employers.view' },
    schema: { tags: ['employer suppliers'], summary: 'The employer\'s suppliers, with what blocks sending', params: idParams, response: { 200: linkList } },
  }, async (request) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const employer = await loadEmployer(app.db, request.params.id);
    const rows = await app.db.select({ link: employerSuppliers, supplier: { name: suppliers.name, channel: suppliers.channel, credentialsEncrypted: suppliers.credentialsEncrypted, confirmKinds: supplierReportSettings.confirmKinds } })
      .from(employerSuppliers).innerJoin(suppliers, eq(suppliers.id, employerSuppliers.supplierId))
      .leftJoin(supplierReportSettings, eq(supplierReportSettings.supplierId, suppliers.id))
      .where(eq(employerSuppliers.employerId, employer.id)).orderBy(asc(suppliers.name), asc(employerSuppliers.id));
    return { items: rows.map((r) => viewOf(r.link, employer, r.supplier)) };
  });

  app.put('/api/employers/:id/suppliers/:supplierId', {
    config: { permission: 'employers.manage' },
    schema: {
      tags: ['employer suppliers'], summary: 'Change a link\'s collective number, start date, deliver-from date or confirmation kinds',
      description: 'Unsent messages of the pair are re-assessed (a later deliver-from moves their send date).',
      params: linkParams, body: linkUpdate, response: { 200: linkView },
    },
  }, async (request) => {
    authorizeEmployer(request, request.params.id, {}, 'employer');
    const { view, wake } = await app.db.transaction(async (tx) => {
      const employer = await loadEmployer(tx, request.params.id);
      const supplier = await loadSupplier(tx, request.params.supplierId);
      const [row] = await tx.update(employerSuppliers).set(request.body)
        .where(and(eq(employerSuppliers.employerId, employer.id), eq(employerSuppliers.supplierId, supplier.id))).returning();
      if (!row) throw notFound('employer supplier link');
      return { view: viewOf(row, employer, supplier), wake: await unsentMessages(tx, employer.id, supplier.id) };
    });
    await app.messageWorkflows.wake(wake);
    return view;
  });
};

export default employerSupplierRoutes;
