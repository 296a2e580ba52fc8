import { PoolClient } from 'pg';
import { CANONICAL_FIELDS, CanonicalField } from '../domain/canonical';
import { ActiveEnrollment, SupplierNeeds, relevantSuppliers } from '../domain/relevance';
import { ChangeKind, DetectedChange, EarlierPerson, Values, diffPerson } from '../domain/snapshot-diff';
import { parseSnapshotLine } from './snapshot-file';

export interface PendingPerson {
  key: string;
  /** Snapshot line in this period; undefined when absent. */
  next: string | undefined;
  /** Snapshot line in the baseline; undefined when not there. */
  prev: string | undefined;
}

export interface BatchContext {
  employerId: string;
  importId: string;
  bounds: { from: string; to: string };
  hasBaseline: boolean;
  /** Custom column names of this period's file. */
  custom: string[];
  counts: Partial<Record<ChangeKind, number>>;
}

const EXIT_AT = CANONICAL_FIELDS.indexOf('exitDate');

function personData(values: Values, customNames: string[], customValues: (string | null)[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (let i = 0; i < CANONICAL_FIELDS.length; i++) data[CANONICAL_FIELDS[i]] = values[i];
  const custom: Record<string, string | null> = {};
  for (let i = 0; i < customNames.length; i++) custom[customNames[i]] = customValues[i] ?? null;
  data.custom = custom;
  return data;
}

const valuesFromData = (data: Record<string, unknown>): Values => CANONICAL_FIELDS.map((f) => (data[f] ?? null) as string | null);

/**
 * Writes one batch of people who differ from the baseline: their changes (diffed here),
 * their current data and status, and the suppliers each change concerns. Bulk values travel
 * as one JSON parameter per statement: PostgreSQL parses it faster than the driver can
 * escape thousands of array elements.
 */
export async function writePersonBatch(client: PoolClient, ctx: BatchContext, batch: PendingPerson[]): Promise<void> {
  const earlier = new Map<string, EarlierPerson>();
  if (ctx.hasBaseline) {
    const unknown = batch.filter((p) => p.prev === undefined && p.next !== undefined).map((p) => p.key);
    if (unknown.length) {
      const { rows } = await client.query(
        'select employee_number, data, status from persons where employer_id = $1 and employee_number = any($2)', [ctx.employerId, unknown]);
      for (const r of rows) earlier.set(r.employee_number, { values: valuesFromData(r.data), status: r.status });
    }
  }

  // Known people (in the baseline or found earlier) are updated; only new ones are inserted.
  const updates: { k: string; d: Record<string, unknown> | null; s: string }[] = [];
  const inserts: { k: string; d: Record<string, unknown>; s: string }[] = [];
  const changesByKey = new Map<string, DetectedChange[]>();
  for (const p of batch) {
    const nextParts = p.next !== undefined ? parseSnapshotLine(p.next) : undefined;
    const next: Values | undefined = nextParts?.canonical;
    const prev: Values | undefined = p.prev !== undefined ? parseSnapshotLine(p.prev).canonical : undefined;
    const known = earlier.get(p.key);
    const changes = ctx.hasBaseline ? diffPerson(prev, next, known) : [];
    if (changes.length) changesByKey.set(p.key, changes);
    if (next) {
      const person = { k: p.key, d: personData(next, ctx.custom, nextParts!.custom), s: next[EXIT_AT] ? 'departed' : 'active' };
      if (prev !== undefined || known) updates.push(person);
      else inserts.push(person);
    } else if (changes.length) {
      // Absent without an exit date: keep the last known data, flag the person.
      updates.push({ k: p.key, d: null, s: 'missing' });
    }
  }
  const upserted: { id: string; employee_number: string }[] = [];
  if (updates.length) {
    const { rows } = await client.query(
      `update persons p set data = coalesce(t.d, p.data), status = t.s, last_import_id = $2, updated_at = now()
       from jsonb_to_recordset($3::jsonb) as t(k text, d jsonb, s text)
       where p.employer_id = $1 and p.employee_number = t.k
       returning p.id, p.employee_number`,
      [ctx.employerId, ctx.importId, JSON.stringify(updates)]);
    upserted.push(...rows);
  }
  if (inserts.length) {
    // On conflict: a re-import may meet people a replaced import already created.
    const { rows } = await client.query(
      `insert into persons (employer_id, employee_number, data, status, last_import_id)
       select $1, t.k, t.d, t.s, $2 from jsonb_to_recordset($3::jsonb) as t(k text, d jsonb, s text)
       on conflict (employer_id, employee_number) do update set
         data = excluded.data, status = excluded.status, last_import_id = excluded.last_import_id, updated_at = now()
       returning id, employee_number`,
      [ctx.employerId, ctx.importId, JSON.stringify(inserts)]);
    upserted.push(...rows);
  }
  if (!changesByKey.size) return;
  const personIds = new Map<string, string>(upserted.map((r) => [r.employee_number, r.id]));

  const enrollmentsByPerson = new Map<string, ActiveEnrollment[]>();
  const suppliers = new Map<string, SupplierNeeds>();
  const changedIds = [...changesByKey.keys()].map((k) => personIds.get(k)!);
  const { rows: enrolled } = await client.query(
    `select e.person_id, e.start_date::text as start_date, e.end_date::text as end_date, s.id as supplier_id, s.kind, s.fields
     from enrollments e join plans p on p.id = e.plan_id join suppliers s on s.id = p.supplier_id
     where e.person_id = any($1::uuid[])`, [changedIds]);
  for (const r of enrolled) {
    const list = enrollmentsByPerson.get(r.person_id) ?? [];
    list.push({ supplierId: r.supplier_id, startDate: r.start_date, endDate: r.end_date });
    enrollmentsByPerson.set(r.person_id, list);
    suppliers.set(r.supplier_id, { supplierId: r.supplier_id, kind: r.kind, fields: r.fields as CanonicalField[] | null });
  }

  const rows: { p: string; k: string; kd: string; f: string | null; o: string | null; n: string | null; s: string[] }[] = [];
  for (const [key, changes] of changesByKey) {
    const personId = personIds.get(key)!;
    const enrollments = enrollmentsByPerson.get(personId) ?? [];
    for (const c of changes) {
      ctx.counts[c.kind] = (ctx.counts[c.kind] ?? 0) + 1;
      rows.push({ p: personId, k: key, kd: c.kind, f: c.field, o: c.oldValue, n: c.newValue, s: relevantSuppliers(c, enrollments, suppliers, ctx.bounds) });
    }
  }
  await client.query(
    `insert into payroll_changes (import_id, employer_id, person_id, employee_number, kind, field, old_value, new_value, supplier_ids)
     select $1, $2, t.p, t.k, t.kd, t.f, t.o, t.n, t.s
     from jsonb_to_recordset($3::jsonb) as t(p uuid, k text, kd text, f text, o text, n text, s uuid[])`,
    [ctx.importId, ctx.employerId, JSON.stringify(rows)]);
}
