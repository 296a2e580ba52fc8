import { BELGIAN_MOVEMENT_CODES } from '../../../domain/reconciliation/movement-codes';
import type { BordereauContext, BordereauLine, CommunicatedChange, ExpectedInsured } from '../../../domain/reconciliation/bordereau';
import { premiumFormulaSchema } from '../../../domain/contributions/premium-formula';

/**
 * A November 2026 bordereau with one known difference of every kind; the October one before it.
 * 85010100101 clean; 85010100202 left in September, still billed (outside a 30-day window);
 * 85010100303 billed, never enrolled; 85010100404 enrolled, not billed; 85010100505 partner billed
 * that we do not cover, child covered that is not billed; 85010100606 salary and name differ,
 * premium off; 85010100707 first appearance we never communicated; 85010100808 work-time change we
 * communicated that the bordereau does not show; 85010100909 premium difference accepted last month
 * (recurring); 85010101010 left on 2026-10-20, still billed within the window; code 77 unknown.
 */
const perPerson = premiumFormulaSchema.parse({ kind: 'per_family_member', insuredCents: 3000, partnerCents: 2500, childCents: 1000 });
const pct = premiumFormulaSchema.parse({ kind: 'percent_of_salary', rateBasisPoints: 100, ceilingCents: 600_000 });

export const previousLines: BordereauLine[] = [
  { row: 2, nationalId: '85010100101', role: 'insured', lastName: 'Peeters', salaryCents: 300_000, workSchedulePercent: 100, premiumCents: 3000 },
  { row: 3, nationalId: '85010100202', role: 'insured', premiumCents: 3000 },
  { row: 4, nationalId: '85010100606', role: 'insured', lastName: 'Janssens', salaryCents: 400_000, premiumCents: 4000 },
  { row: 5, nationalId: '85010100808', role: 'insured', workSchedulePercent: 100, premiumCents: 3000 },
  { row: 6, nationalId: '85010100909', role: 'insured', premiumCents: 3100 },
  { row: 7, nationalId: '85010101010', role: 'insured', premiumCents: 3000 },
  { row: 8, nationalId: '85010100505', role: 'insured', premiumCents: 3000 },
  { row: 9, nationalId: '85010100404', role: 'insured', premiumCents: 3000 },
];

export const lines: BordereauLine[] = [
  { row: 2, nationalId: '85010100101', role: 'insured', lastName: 'Peeters', salaryCents: 300_000, workSchedulePercent: 100, premiumCents: 3000, movementCode: '' },
  { row: 3, nationalId: '85010100202', role: 'insured', premiumCents: 3000 },
  { row: 4, nationalId: '85010100303', role: 'insured', premiumCents: 3000, movementCode: '05' },
  { row: 5, nationalId: '85010100505', role: 'insured', premiumCents: 3000 },
  { row: 6, nationalId: '85010100505', role: 'partner', memberKey: '1990-02-02/an', premiumCents: 2500 },
  { row: 7, nationalId: '85010100606', role: 'insured', lastName: 'Janssen', salaryCents: 410_000, premiumCents: 4000 },
  { row: 8, nationalId: '85010100707', role: 'insured', premiumCents: 3000, movementCode: '5' },
  { row: 9, nationalId: '85010100808', role: 'insured', workSchedulePercent: 100, premiumCents: 3000 },
  { row: 10, nationalId: '85010100909', role: 'insured', premiumCents: 3100, movementCode: '77' },
  { row: 11, nationalId: '85010101010', role: 'insured', premiumCents: 3000 },
];

export const expected: ExpectedInsured[] = [
  { nationalId: '85010100101', source: 'communicated', lastName: 'Peeters', salaryCents: 300_000, workSchedulePercent: 100, formula: perPerson },
  { nationalId: '85010100202', source: 'communicated', endDate: '2026-09-15', formula: perPerson },
  { nationalId: '85010100404', source: 'communicated', formula: perPerson },
  { nationalId: '85010100505', source: 'communicated', formula: perPerson, familyMembers: [{ memberKey: '2018-05-05/lea', role: 'child' }] },
  { nationalId: '85010100606', source: 'payroll', lastName: 'Janssens', salaryCents: 400_000, formula: pct },
  { nationalId: '85010100707', source: 'communicated', formula: perPerson },
  { nationalId: '85010100808', source: 'communicated', workSchedulePercent: 80, formula: perPerson },
  { nationalId: '85010100909', source: 'communicated', formula: perPerson },
  { nationalId: '85010101010', source: 'communicated', endDate: '2026-10-20', formula: perPerson },
];

export const ACCEPTED_LAST_MONTH = 'premium_mismatch|85010100909||premiumCents||3100|3000';

export function context(overrides: Partial<BordereauContext> = {}): BordereauContext {
  return {
    period: '2026-11',
    correctionWindowDays: 30,
    hasCommunication: true,
    codes: BELGIAN_MOVEMENT_CODES,
    communicated: new Map<string, Set<CommunicatedChange>>([
      ['85010100808', new Set<CommunicatedChange>(['work_time'])],
      ['85010101010', new Set<CommunicatedChange>(['end_of_guarantee'])],
      ['85010100202', new Set<CommunicatedChange>(['end_of_guarantee'])],
    ]),
    accepted: new Set([ACCEPTED_LAST_MONTH]),
    ...overrides,
  };
}
