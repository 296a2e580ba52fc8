import { addWorkingDays } from '../../../domain/shared/calendar';
import { DEFAULT_ANSWER_WINDOW_WORKING_DAYS, answerDueDate } from '../../../domain/messages/rules';

describe('working days and the supplier\'s answer window', () => {
  it('counts Monday to Friday only', () => {
    // 2026-12-04 is a Friday.
    expect(addWorkingDays('2026-12-04', 0)).toBe('2026-12-04');
    expect(addWorkingDays('2026-12-04', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-05', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-06', 1)).toBe('2026-12-07');
    expect(addWorkingDays('2026-12-07', 5)).toBe('2026-12-14');
    expect(addWorkingDays('2026-12-31', 2)).toBe('2027-01-04');
  });

  it('gives a supplier 5 working days by default, or its own window', () => {
    expect(DEFAULT_ANSWER_WINDOW_WORKING_DAYS).toBe(5);
    expect(answerDueDate('2026-12-03')).toBe('2026-12-10');
    expect(answerDueDate('2026-12-05')).toBe('2026-12-11');
    expect(answerDueDate('2026-12-03', 1)).toBe('2026-12-04');
    expect(answerDueDate('2026-12-04', 1)).toBe('2026-12-07');
  });
});
