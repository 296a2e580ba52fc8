import type { PoolClient } from 'pg';
import { CANONICAL_FIELDS, type CanonicalField } from '../../domain/payroll/canonical';
import { type ActiveEnrollment, type SupplierNeeds, relevantSuppliers } from '../../domain/suppliers/relevance';
import { type ChangeKind, type DetectedChange, type EarlierPerson, type Values, diffPerson } from '../../domain/payroll/snapshot-diff';
import { reconcileCorrection } from '../../domain/payroll/corrections';
import { type ChangeRow, insertChangeRows } from './change-rows';
import { lineContent, parseSnapshotLine } from './snapshot-file';

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
  /** Whether any of the employer's people carries a correction by HR (most imports: none, and nothing is looked up). */
  hasCorrections?: boolean;
}

const EXIT_AT = CANONICAL_FIELDS.indexOf('exitDate');

/**
 * persons.data built in the server from a snapshot line's values (`t.v`: canonical values
 * joined by US, an RS, custom values joined by US; empty is null) and the field names ($3 canonical, $4 custom):
 * the same object as the JSON of those values, without building and parsing ~1.5 KB of JSON
 * per person. Values never hold control characters or line breaks, so both split back exactly.
 * The custom part gets one separator more, then is cut to the columns' count: string_to_array
 * makes '' an empty array, not one empty value (a single custom column left empty).
 */
const DATA_FROM_LINE = `jsonb_object($3::text[], string_to_array(split_part(t.v, E'\\x1e', 1), E'\\x1f', ''))
  || jsonb_build_object('custom', jsonb_object($4::text[],
    (string_to_array(split_part(t.v, E'\\x1e', 2) || E'\\x1f', E'\\x1f', ''))[1:cardinality($4::text[])]))`;

/** People of one statement as three newline-joined texts ($5 keys, $6 values, $7 statuses): cheaper to send than JSON or arrays. */
const PEOPLE = `unnest(string_to_array($5, E'\\n'), string_to_array($6, E'\\n'), string_to_array($7, E'\\n')) as t(k, v, s)`;

interface PersonWrite { k: string; v: string; s: string }

/** Parameters $1–$7 of the statements using DATA_FROM_LINE and PEOPLE. */
const personParams = (ctx: BatchContext, people: PersonWrite[]) => [
  ctx.employerId, ctx.importId, CANONICAL_FIELDS, ctx.custom,
  people.map((p) => p.k).join('\n'), people.map((p) => p.v).join('\n'), people.map((p) => p.s).join('\n'),
];

const valuesFromData = (data: Record<string, unknown>): Values => CANONICAL_FIELDS.map((f) => (data[f] ?? null) as string | null);

/**
 * Writes one batch of people who differ from the baseline: their changes (diffed here),
 * their current data and status, and the suppliers each change concerns. Bulk values travel
 * as one newline-joined text per column: PostgreSQL splits it faster than the driver can
 * escape thousands of array elements, and faster than it parses the same as JSON.
 *
 * Resolves once the last statement (the changes) is sent, not run: `written` settles when it
 * has run. Meanwhile the caller prepares the next batch, so that Node and the server work at
 * the same time; the connection runs statements in the order they are sent.
 */
export async function writePersonBatch(client: PoolClient, ctx: BatchContext, batch: PendingPerson[]): Promise<{ written: Promise<void> }> {
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
  // v: the snapshot line's values; empty keeps the stored data (the line is never empty).
  const updates: PersonWrite[] = [];
  const inserts: PersonWrite[] = [];
  const changesByKey = new Map<string, DetectedChange[]>();
  const nextByKey = new Map<string, Values>();
  for (const p of batch) {
    const next: Values | undefined = p.next !== undefined ? parseSnapshotLine(p.next).canonical : undefined;
    if (next && ctx.hasCorrections) nextByKey.set(p.key, next);
    const prev: Values | undefined = p.prev !== undefined ? parseSnapshotLine(p.prev).canonical : undefined;
    const known = earlier.get(p.key);
    const changes = ctx.hasBaseline ? diffPerson(prev, next, known) : [];
    if (changes.length) changesByKey.set(p.key, changes);
    if (next) {
      const person = { k: p.key, v: lineContent(p.next!), s: next[EXIT_AT] ? 'departed' : 'active' };
      if (prev !== undefined || known) updates.push(person);
      else inserts.push(person);
    } else if (changes.length) {
      // Absent without an exit date: keep the last known data, flag the person.
      updates.push({ k: p.key, v: '', s: 'missing' });
    }
  }
  const corrections = nextByKey.size ? await reconcileCorrections(client, ctx, nextByKey, changesByKey) : null;
  const upserted: { id: string; employee_number: string }[] = [];
  if (updates.length) {
    const { rows } = await client.query(
      // coalesce: a batch of absent people only sends $6 = '', which string_to_array makes an
      // empty array — unnest then pads t.v with null, not ''.
      `update persons p set data = case when coalesce(t.v, '') = '' then p.data else ${DATA_FROM_LINE} end,
         status = t.s, last_import_id = $2, updated_at = now()
       from ${PEOPLE}
       where p.employer_id = $1 and p.employee_number = t.k
       returning p.id, p.employee_number`,
      personParams(ctx, updates));
    upserted.push(...rows);
  }
  if (inserts.length) {
    // On conflict: a re-import may meet people a replaced import already created.
    const { rows } = await client.query(
      `insert into persons (employer_id, employee_number, data, status, last_import_id)
       select $1, t.k, ${DATA_FROM_LINE}, t.s, $2 from ${PEOPLE}
       on conflict (employer_id, employee_number) do update set
         data = excluded.data, status = excluded.status, last_import_id = excluded.last_import_id, updated_at = now()
       returning id, employee_number`,
      personParams(ctx, inserts));
    upserted.push(...rows);
  }
  if (corrections) await corrections.store();
  if (!changesByKey.size) return { written: Promise.resolve() };
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

  const rows: ChangeRow[] = [];
  for (const [key, changes] of changesByKey) {
    const personId = personIds.get(key)!;
    const enrollments = enrollmentsByPerson.get(personId) ?? [];
    for (const c of changes) {
      ctx.counts[c.kind] = (ctx.counts[c.kind] ?? 0) + 1;
      rows.push({ p: personId, k: key, kd: c.kind, f: c.field, o: c.oldValue, n: c.newValue, s: relevantSuppliers(c, enrollments, suppliers, ctx.bounds) });
    }
  }
  const written = insertChangeRows(client, ctx.importId, ctx.employerId, rows).then(() => undefined);
  // The caller awaits it later; until then a failure must not count as unhandled.
  written.catch(() => undefined);
  return { written };
}

interface CorrectionRow {
  person_id: string; employee_number: string; field: string; value: string | null; payroll_value: string | null;
}

/**
 * HR's corrections of this batch's people against what the payroll brings now
 * (domain/payroll/corrections.ts): the payroll's changes of a corrected field are no change
 * (nothing reaches a supplier from a value HR overruled), and `store` — run after the people's
 * data is written from the file — puts HR's values back, ends the corrections the payroll now
 * agrees with, and flags or unflags "payroll differs from the correction".
 */
async function reconcileCorrections(client: PoolClient, ctx: BatchContext, nextByKey: Map<string, Values>, changesByKey: Map<string, DetectedChange[]>) {
  const { rows } = await client.query<CorrectionRow>(
    `select c.person_id, p.employee_number, c.field, c.value, c.payroll_value from person_corrections c join persons p on p.id = c.person_id
     where p.employer_id = $1 and p.employee_number = any($2)`, [ctx.employerId, [...nextByKey.keys()]]);
  if (!rows.length) return null;
  const ended: { p: string; f: string }[] = [];
  const flags: { p: string; f: string; d: boolean; v: string | null }[] = [];
  const restore: { p: string; f: string; v: string | null }[] = [];
  for (const c of rows) {
    const at = CANONICAL_FIELDS.indexOf(c.field as CanonicalField);
    if (at < 0) continue;
    const payroll = nextByKey.get(c.employee_number)![at];
    const outcome = reconcileCorrection({ value: c.value, payrollValue: c.payroll_value }, payroll);
    const changes = changesByKey.get(c.employee_number);
    if (changes) {
      const kept = changes.filter((x) => !(x.kind === 'change' && x.field === c.field));
      if (kept.length) changesByKey.set(c.employee_number, kept);
      else changesByKey.delete(c.employee_number);
    }
    if (outcome === 'agrees') {
      ended.push({ p: c.person_id, f: c.field });
      continue;
    }
    flags.push({ p: c.person_id, f: c.field, d: outcome === 'differs', v: outcome === 'differs' ? payroll : null });
    restore.push({ p: c.person_id, f: c.field, v: c.value });
  }
  return {
    async store() {
      if (ended.length) {
        await client.query(`delete from person_corrections c using jsonb_to_recordset($1::jsonb) as t(p uuid, f text)
          where c.person_id = t.p and c.field = t.f`, [JSON.stringify(ended)]);
      }
      if (flags.length) {
        await client.query(`update person_corrections c set payroll_differs = t.d, differing_value = t.v,
            flagged_at = case when not t.d then null when c.payroll_differs and c.differing_value is not distinct from t.v then c.flagged_at else now() end
          from jsonb_to_recordset($1::jsonb) as t(p uuid, f text, d boolean, v text) where c.person_id = t.p and c.field = t.f`, [JSON.stringify(flags)]);
      }
      // A flag that went (the payroll agrees, or is back to what HR kept ours over) needs no answer any more.
      const settled = [...ended, ...flags.filter((f) => !f.d)];
      if (settled.length) {
        await client.query(`update tasks k set status = 'cancelled', completed_at = now(), completed_by = 'system'
          from jsonb_to_recordset($1::jsonb) as t(p text, f text)
          where k.kind = 'resolve_correction' and k.status = 'open' and k.subject->>'personId' = t.p and k.subject->>'field' = t.f`, [JSON.stringify(settled)]);
      }
      if (restore.length) {
        await client.query(`update persons p set data = p.data || t.patch
          from (select r.p, jsonb_object_agg(r.f, r.v) as patch from jsonb_to_recordset($1::jsonb) as r(p uuid, f text, v text) group by r.p) t
          where p.id = t.p`, [JSON.stringify(restore)]);
      }
    },
  };
}
