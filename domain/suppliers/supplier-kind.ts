/** What kind of supplier it is: decides the fields it hears about, its report columns and what its messages require. */
export const SUPPLIER_KINDS = ['health_insurer', 'group_insurance', 'hospitalisation', 'accident', 'external', 'internal'] as const;
export type SupplierKind = (typeof SUPPLIER_KINDS)[number];
