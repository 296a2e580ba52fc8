import { answerOutcome, answeredAlready } from '../../../domain/cycle/task-answer';

const open = { status: 'open', completedBy: null, result: null };
const done = (by: string, result: unknown, status = 'completed') => ({ status, completedBy: by, result });

describe('a task\'s answer', () => {
  it('is harmless again only from the same actor with the same answer', () => {
    expect(answeredAlready(done('user:a', { confirm: true }), 'user:a', { confirm: true })).toBe(true);
    expect(answeredAlready(done('user:a', { confirm: true }), 'user:b', { confirm: true })).toBe(false);
    expect(answeredAlready(done('user:a', { confirm: true }), 'user:a', { confirm: false, reason: 'nee' })).toBe(false);
    expect(answeredAlready(open, 'user:a', null)).toBe(false);
  });

  it('has one outcome per case', () => {
    expect(answerOutcome(open, done('user:a', { confirm: true }), 'user:a', { confirm: true })).toBe('completed');
    expect(answerOutcome(open, done('user:a', { confirm: false, reason: 'nee' }, 'declined'), 'user:a', { confirm: false, reason: 'nee' })).toBe('completed');
    expect(answerOutcome(done('user:a', { confirm: true }), done('user:a', { confirm: true }), 'user:a', { confirm: true })).toBe('unchanged');
    // Someone else won the race, or closed it before.
    expect(answerOutcome(open, done('user:b', { confirm: true }), 'user:a', { confirm: true })).toBe('closed');
    expect(answerOutcome(done('user:b', { confirm: true }), done('user:b', { confirm: true }), 'user:a', { confirm: true })).toBe('closed');
    // The caller before, with another answer: closed as it was.
    expect(answerOutcome(done('user:a', { confirm: true }), done('user:a', { confirm: true }), 'user:a', { confirm: false, reason: 'nee' })).toBe('closed');
    expect(answerOutcome(open, open, 'user:a', { confirm: true })).toBe('open');
  });
});
