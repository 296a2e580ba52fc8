import { sql } from 'drizzle-orm';
import type { Db } from '../client';

/** What happened to a cycle beside its stages (a report not made, a delivery failed): ids and codes only. */
export interface CycleEvent {
  kind: string;
  at: string;
  [detail: string]: string;
}

/** Appends events to the cycle's summary, where the close summary and the dashboard read them. */
export async function appendCycleEvents(db: Db, cycleId: string, events: CycleEvent[]): Promise<void> {
  if (!events.length) return;
  await db.execute(sql`update cycles set summary = jsonb_set(summary, '{events}', coalesce(summary->'events', '[]'::jsonb) || ${JSON.stringify(events)}::jsonb) where id = ${cycleId}`);
}

/** One group of what a cycle waits for at one supplier (null: tasks about no one supplier). */
export interface WaitingGroup {
  supplierId: string | null;
  what: 'task' | 'message';
  /** The task's kind or the message's status. */
  code: string;
  /** A task's assignee (a role or a user's e-mail); null for messages (see domain/cycle/waiting). */
  assignee: string | null;
  count: number;
  /** The oldest of the group has waited since then. */
  since: string;
  /** Tasks of the group escalated, and since when (the first). */
  escalated: number;
  escalatedSince: string | null;
}

/**
 * What an employer's cycle waits for, grouped by supplier: its open tasks (by kind and assignee)
 * and the employer's messages still waiting on someone (by status). Counts and instants only.
 */
export async function cycleWaiting(db: Db, cycle: { id: string; employerId: string }, waitingStatuses: readonly string[]): Promise<WaitingGroup[]> {
  const taskRows = await db.execute<{ supplier_id: string | null; kind: string; assignee: string; n: number; since: Date; escalated: number; escalated_since: Date | null }>(sql`
    select subject->>'supplierId' as supplier_id, kind, assignee, count(*)::int as n, min(created_at) as since,
           count(escalated_at)::int as escalated, min(escalated_at) as escalated_since
    from tasks where cycle_id = ${cycle.id} and status = 'open' group by 1, 2, 3`);
  const messageRows = await db.execute<{ supplier_id: string; status: string; n: number; since: Date }>(sql`
    select supplier_id, status, count(*)::int as n, min(updated_at) as since from messages
    where employer_id = ${cycle.employerId} and status in (${sql.join(waitingStatuses.map((s) => sql`${s}`), sql`, `)}) group by 1, 2`);
  const iso = (d: Date | string) => new Date(d).toISOString();
  return [
    ...taskRows.rows.map((r) => ({
      supplierId: r.supplier_id, what: 'task' as const, code: r.kind, assignee: r.assignee, count: r.n, since: iso(r.since),
      escalated: r.escalated, escalatedSince: r.escalated_since ? iso(r.escalated_since) : null,
    })),
    ...messageRows.rows.map((r) => ({
      supplierId: r.supplier_id, what: 'message' as const, code: r.status, assignee: null, count: r.n, since: iso(r.since), escalated: 0, escalatedSince: null,
    })),
  ];
}
