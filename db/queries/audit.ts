import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import type { auditLog } from '../schema';

/** Where the audit chain breaks, if it does. */
export interface ChainBreak {
  /** The first entry that does not fit. */
  id: number;
  /** `altered`: its content no longer gives its hash; `gap`: the entry before it was removed or changed (prev_hash differs). */
  reason: 'altered' | 'gap' | 'head';
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  firstId: number | null;
  lastId: number | null;
  breaks: ChainBreak[];
}

const GENESIS = '0'.repeat(64);
const BATCH = 5000;

/**
 * Walks the audit chain in id order (batches, so a long trail is not read at once): each entry's
 * hash must follow from its content and the previous hash, and its prev_hash must be the previous
 * entry's hash — the first one's the anchor a retention purge left (or the genesis). The head
 * (the newest hash the trigger wrote) must be the last entry's: removing the newest entries shows
 * too. Reports up to `maxBreaks` breaks. The head is read first and the walk stops at it: entries
 * other requests append meanwhile are newer than what is checked, not a break.
 */
export async function verifyAuditChain(db: Db, maxBreaks = 20): Promise<ChainReport> {
  const [head] = (await db.execute<{ last_id: string; last_hash: string }>(sql`select last_id, last_hash from audit_chain_head`)).rows;
  const headId = head ? Number(head.last_id) : Number.MAX_SAFE_INTEGER;
  const [anchor] = (await db.execute<{ anchor_hash: string }>(sql`select anchor_hash from audit_purges order by id desc limit 1`)).rows;
  let previous = anchor?.anchor_hash ?? GENESIS;
  let after = -1;
  let checked = 0;
  let firstId: number | null = null;
  let lastId: number | null = null;
  const breaks: ChainBreak[] = [];
  for (;;) {
    const rows = (await db.execute<{ id: string; prev_hash: string | null; hash: string | null; recomputed: string }>(sql`
      select a.id, a.prev_hash, a.hash, audit_entry_hash(a.prev_hash, a) as recomputed
        from audit_log a where a.id > ${after} and a.id <= ${headId} order by a.id limit ${BATCH}`)).rows;
    for (const r of rows) {
      const id = Number(r.id);
      firstId ??= id;
      if (r.prev_hash !== previous) breaks.push({ id, reason: 'gap' });
      else if (r.hash !== r.recomputed) breaks.push({ id, reason: 'altered' });
      if (breaks.length >= maxBreaks) return { ok: false, checked: checked + 1, firstId, lastId: id, breaks };
      previous = r.hash ?? '';
      lastId = id;
      checked++;
    }
    if (rows.length < BATCH) break;
    after = Number(rows[rows.length - 1].id);
  }
  if (head && lastId !== null && (Number(head.last_id) !== lastId || head.last_hash !== previous)) breaks.push({ id: Number(head.last_id), reason: 'head' });
  return { ok: breaks.length === 0, checked, firstId, lastId, breaks };
}

/** Every person of an employer: who downloads a payroll photo sees them all. */
export async function personsOfEmployer(db: Db, employerId: string): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`select id from persons where employer_id = ${employerId}`);
  return rows.rows.map((r) => r.id);
}

/** The persons a supplier's report of an employer can name: those enrolled in one of its plans. */
export async function personsEnrolledWith(db: Db, employerId: string, supplierId: string): Promise<string[]> {
  const rows = await db.execute<{ person_id: string }>(sql`
    select distinct e.person_id from enrollments e join plans p on p.id = e.plan_id join persons ps on ps.id = e.person_id
     where p.supplier_id = ${supplierId} and ps.employer_id = ${employerId}`);
  return rows.rows.map((r) => r.person_id);
}

/** One audit record as the API writes it; the chain trigger adds id, time and hashes. */
export type AuditRecord = Pick<typeof auditLog.$inferInsert, 'actor' | 'action' | 'method' | 'route' | 'resourceId' | 'employerId' | 'personId' | 'status' | 'ip' | 'personIds'>;

/**
 * Every API request writes one record, so this insert is one named statement over arrays, whatever
 * the batch size: drizzle building a multi-row insert cost ~0.15 ms of the API's thread per record
 * under load (bench/load.bench.ts), and each batch size was a new text for PostgreSQL to plan.
 * The records go in the order given (`with ordinality … order by`), and so does the chain. The
 * person ids of each record travel as one comma-joined text (an array of arrays must be
 * rectangular); no person ids, or an empty list, is stored as null, as the audit plugin gives them.
 */
const APPEND_AUDIT = {
  name: 'audit.append',
  text: `insert into audit_log (actor, action, method, route, resource_id, employer_id, person_id, status, ip, person_ids)
         select r.actor, r.action, r.method, r.route, r.resource_id, r.employer_id, r.person_id, r.status, r.ip, string_to_array(r.person_ids, ',')::uuid[]
           from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::uuid[], $8::int[], $9::text[], $10::text[])
             with ordinality as r(actor, action, method, route, resource_id, employer_id, person_id, status, ip, person_ids, n)
          order by r.n`,
};

/** Appends records to the audit trail in one statement (one transaction), in the order given. */
export async function appendAuditRecords(db: Db, records: readonly AuditRecord[]): Promise<void> {
  const column = <T>(pick: (r: AuditRecord) => T) => records.map(pick);
  await db.$client.query({
    ...APPEND_AUDIT,
    values: [
      column((r) => r.actor), column((r) => r.action), column((r) => r.method), column((r) => r.route), column((r) => r.resourceId ?? null),
      column((r) => r.employerId ?? null), column((r) => r.personId ?? null), column((r) => r.status), column((r) => r.ip ?? null),
      column((r) => (r.personIds?.length ? r.personIds.join(',') : null)),
    ],
  });
}
