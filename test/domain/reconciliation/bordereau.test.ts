import { correctionFor, reconcileBordereau } from '../../../domain/reconciliation/bordereau';
import { BELGIAN_MOVEMENT_CODES, movementMeaning } from '../../../domain/reconciliation/movement-codes';
import { ACCEPTED_LAST_MONTH, context, expected, lines, previousLines } from './bordereau-fixture';

function run(ctx = context()) {
  const outcome = reconcileBordereau(lines, previousLines, expected, ctx);
  if (outcome.status !== 'reconciled') throw new Error('expected a reconciliation');
  return outcome.differences.map((d) => ({ kind: d.kind, id: d.nationalId, ...(d.field ? { field: d.field } : {}), ...(d.change ? { change: d.change } : {}), ...(d.memberKey ? { member: d.memberKey } : {}), status: d.status, ...(d.withinCorrectionWindow !== undefined ? { within: d.withinCorrectionWindow } : {}) }));
}

describe('reconcileBordereau', () => {
  it('finds a difference of every kind, people who left and are still billed first', () => {
    const diffs = run();
    expect(diffs.slice(0, 2)).toEqual([
      { kind: 'left_still_billed', id: '85010100202', status: 'open', within: false },
      { kind: 'left_still_billed', id: '85010101010', status: 'open', within: true },
    ]);
    expect(diffs).toEqual(expect.arrayContaining([
      { kind: 'billed_not_enrolled', id: '85010100303', status: 'open' },
      { kind: 'enrolled_not_billed', id: '85010100404', status: 'open' },
      { kind: 'family_member_billed_only', id: '85010100505', member: '1990-02-02/an', status: 'open' },
      { kind: 'family_member_enrolled_only', id: '85010100505', member: '2018-05-05/lea', status: 'open' },
      { kind: 'data_mismatch', id: '85010100606', field: 'lastName', status: 'open' },
      { kind: 'data_mismatch', id: '85010100606', field: 'salaryCents', status: 'open' },
      { kind: 'premium_mismatch', id: '85010100505', field: 'premiumCents', status: 'open' },
      { kind: 'data_mismatch', id: '85010100808', field: 'workSchedulePercent', status: 'open' },
      { kind: 'change_not_communicated', id: '85010100707', change: 'first_appearance', status: 'open' },
      { kind: 'change_not_communicated', id: '85010100303', change: 'first_appearance', status: 'open' },
      { kind: 'communication_not_reflected', id: '85010100808', change: 'work_time', status: 'open' },
      { kind: 'communication_not_reflected', id: '85010101010', change: 'end_of_guarantee', status: 'open' },
      { kind: 'communication_not_reflected', id: '85010100202', change: 'end_of_guarantee', status: 'open' },
      { kind: 'change_not_communicated', id: '85010100404', change: 'end_of_guarantee', status: 'open' },
      { kind: 'unknown_movement_code', id: '85010100909', status: 'open' },
      { kind: 'premium_mismatch', id: '85010100909', field: 'premiumCents', status: 'recurring_accepted' },
    ]));
    // The clean person raises nothing; a 4000 premium at 1 % of 400 000 is right for 606's expectation.
    expect(diffs.filter((d) => d.id === '85010100101')).toEqual([]);
    expect(diffs).toHaveLength(18);
  });

  it('raises an accepted difference again once it changes', () => {
    const diffs = run(context({ accepted: new Set([ACCEPTED_LAST_MONTH.replace('3100', '3200')]) }));
    expect(diffs.find((d) => d.id === '85010100909' && d.kind === 'premium_mismatch')?.status).toBe('open');
  });

  it('answers a period with no communication plainly, without differences', () => {
    expect(reconcileBordereau(lines, previousLines, expected, context({ hasCommunication: false }))).toEqual({ status: 'no_communication', period: '2026-11', lines: lines.length });
  });

  it('without a previous bordereau, reports no change findings', () => {
    const o = reconcileBordereau(lines, null, expected, context());
    expect(o.status === 'reconciled' && o.differences.some((d) => d.part === 'changes')).toBe(false);
  });

  it('reads movement codes with or without leading zero', () => {
    expect(movementMeaning(BELGIAN_MOVEMENT_CODES, '5')).toBe('affiliation');
    expect(movementMeaning(BELGIAN_MOVEMENT_CODES, '95')).toBe('death');
    expect(movementMeaning(BELGIAN_MOVEMENT_CODES, '77')).toBe('unknown');
    expect(movementMeaning(BELGIAN_MOVEMENT_CODES, ' ')).toBeNull();
  });
});

describe('the correction message "our data was wrong" sends', () => {
  it('a change of the fields concerned for a data or premium difference', () => {
    expect(correctionFor({ kind: 'data_mismatch', field: 'salaryCents' })).toEqual({ kind: 'change', fields: ['grossMonthlySalary'], member: false });
    expect(correctionFor({ kind: 'data_mismatch', field: 'lastName' })).toEqual({ kind: 'change', fields: ['lastName'], member: false });
    expect(correctionFor({ kind: 'premium_mismatch', field: 'premiumCents' })).toEqual({ kind: 'change', fields: ['grossMonthlySalary', 'workSchedulePercent'], member: false });
    expect(correctionFor({ kind: 'communication_not_reflected', change: 'work_time' })).toEqual({ kind: 'change', fields: ['workSchedulePercent'], member: false });
  });

  it('the enrollment as it now stands for someone on one side only, the member\'s for a family member', () => {
    expect(correctionFor({ kind: 'left_still_billed' })).toEqual({ kind: 'enrollment_state', member: false });
    expect(correctionFor({ kind: 'enrolled_not_billed' })).toEqual({ kind: 'enrollment_state', member: false });
    expect(correctionFor({ kind: 'family_member_enrolled_only' })).toEqual({ kind: 'enrollment_state', member: true });
    expect(correctionFor({ kind: 'change_not_communicated', change: 'end_of_guarantee' })).toEqual({ kind: 'enrollment_state', member: false });
  });

  it('nothing where there is nobody of ours or nothing of ours was wrong', () => {
    expect(correctionFor({ kind: 'billed_not_enrolled' })).toBeNull();
    expect(correctionFor({ kind: 'unknown_movement_code' })).toBeNull();
  });
});
