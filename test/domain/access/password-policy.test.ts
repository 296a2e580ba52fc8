import { passwordProblem, passwordRefusal, requiresSecondFactor } from '../../../domain/access/password-policy';
import { BUILTIN_ROLES } from '../../../domain/access/permissions';
import { isCommonPassword } from '../../../infra/common-passwords';

const check = (pw: string, email?: string) => passwordProblem(pw, { isCommon: isCommonPassword, email });

describe('password policy', () => {
  it.each([
    ['short1', /at least 12/],
    ['password1234', /common or breached/],
    ['qwertyuiop123!', /common or breached/],
    ['Iloveyou2026!!', /common or breached/],
    ['aaaaaaaaaaaaaaaa', /common or breached|different characters/],
    ['ababababababab', /different characters/],
    ['hendrika.jansen-2026', /e-mail address/],
    ['x'.repeat(201), /at most 200/],
  ])('refuses %s', (pw, why) => {
    expect(check(pw, 'hendrika.jansen@example.test')).toMatch(why);
  });

  it.each(['correct horse battery', 'mutaflow-demo-2026', 'zeven blauwe fietsen'])('takes %s', (pw) => {
    expect(check(pw, 'hendrika.jansen@example.test')).toBeNull();
  });

  it.each([
    ['short1', 'too_short'], ['x'.repeat(201), 'too_long'], ['password1234', 'common'], ['ababababababab', 'few_characters'], ['hendrika.jansen-2026', 'contains_email'],
  ])('gives %s its reason as a code: %s', (pw, reason) => {
    expect(passwordRefusal(pw, { isCommon: isCommonPassword, email: 'hendrika.jansen@example.test' })?.reason).toBe(reason);
  });

  it('never repeats the password in its answer', () => {
    expect(check('password1234')).not.toContain('password1234');
  });
});

describe('second factor', () => {
  it('is required for roles with an admin or the health permission, not for the others', () => {
    const needing = Object.entries(BUILTIN_ROLES).filter(([, r]) => requiresSecondFactor(r.permissions)).map(([name]) => name).sort();
    expect(needing).toEqual(expect.arrayContaining(['accident_manager', 'admin']));
    expect(needing).not.toContain('hr');
    expect(needing).not.toContain('viewer');
    expect(requiresSecondFactor(['persons.view', 'accidents.health'])).toBe(true);
    expect(requiresSecondFactor(['persons.view', 'admin.audit'])).toBe(true);
  });
});
