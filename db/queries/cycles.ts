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
