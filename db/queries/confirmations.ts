import { eq } from 'drizzle-orm';
import { type ConfirmKind, confirmKindsFor } from '../../domain/suppliers/confirmation';
import { employerSuppliers, supplierReportSettings } from '../schema';
import type { Tx } from './messages';

/** For one employer: the kinds each supplier's changes wait for the employer's confirmation. */
export async function employerConfirmKinds(tx: Tx, employerId: string): Promise<(supplierId: string) => ConfirmKind[]> {
  const settings = await tx.select({ supplierId: supplierReportSettings.supplierId, kinds: supplierReportSettings.confirmKinds }).from(supplierReportSettings);
  const links = await tx.select({ supplierId: employerSuppliers.supplierId, kinds: employerSuppliers.confirmKinds })
    .from(employerSuppliers).where(eq(employerSuppliers.employerId, employerId));
  const bySupplier = new Map(settings.map((s) => [s.supplierId, s.kinds]));
  const byLink = new Map(links.map((l) => [l.supplierId, l.kinds]));
  return (supplierId) => confirmKindsFor(byLink.get(supplierId), bySupplier.get(supplierId));
}
