import { z } from 'zod';

/** What a movement code on an insurer's bordereau means to us. */
export const MOVEMENT_MEANINGS = [
  'affiliation', 'transfer', 'annual_adjustment', 'end_of_guarantee', 'family_or_work_time_change',
  'exit', 'correction', 'death',
] as const;
export type MovementMeaning = (typeof MOVEMENT_MEANINGS)[number];

export const movementCodeTableSchema = z.record(z.string().trim().min(1).max(10), z.enum(MOVEMENT_MEANINGS));
export type MovementCodeTable = z.output<typeof movementCodeTableSchema>;

/** The codes Belgian group and hospitalisation insurers use; a supplier's own table starts from it. */
export const BELGIAN_MOVEMENT_CODES: MovementCodeTable = {
  '05': 'affiliation',
  '10': 'transfer',
  '15': 'annual_adjustment',
  '20': 'end_of_guarantee',
  '25': 'family_or_work_time_change',
  '30': 'exit',
  '40': 'correction',
  '95': 'death',
};

/** "5" and "05" are the same code: insurers' exports drop leading zeros. */
export function movementMeaning(table: MovementCodeTable, code: string | null | undefined): MovementMeaning | null | 'unknown' {
  if (code == null || code.trim() === '') return null;
  const c = code.trim();
  const hit = table[c] ?? Object.entries(table).find(([k]) => k.replace(/^0+/, '') === c.replace(/^0+/, ''))?.[1];
  return hit ?? 'unknown';
}
