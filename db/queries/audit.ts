import { sql } from 'drizzle-orm';
import type { Db } from '../client';

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
