import { ApiError, post } from '../api.js';
import { field, h } from '../dom.js';
import { t } from '../i18n.js';
import { type Ctx, appendAll, pageHeader, submitter } from './common.js';

/** The API's reasons a new password is refused (domain/access/password-policy.ts), in the user's words. */
const WEAK: [RegExp, string][] = [
  [/at least \d+ characters/, 'account.tooShort'],
  [/at most \d+ characters/, 'account.tooLong'],
  [/common or breached/, 'account.common'],
  [/too few different characters/, 'account.fewCharacters'],
  [/e-mail address/, 'account.containsEmail'],
];

/** Why the API refused the change, in words: the current password wrong, or the new one too weak (and why). */
function refusal(err: unknown): unknown {
  if (!(err instanceof ApiError) || err.code !== 'validation') return err;
  const message = (err.body as { message?: string } | null)?.message ?? '';
  if (message.startsWith('body.currentPassword')) return new Error(t('account.wrongCurrent'));
  if (message.startsWith('body.newPassword')) {
    const known = WEAK.find(([re]) => re.test(message));
    return new Error(t('account.weak', { reason: known ? t(known[1]) : message.replace(/^body\.newPassword:\s*/, '') }));
  }
  return err;
}

/** The signed-in user's own settings: their password. */
export function renderAccount(ctx: Ctx): Promise<HTMLElement> {
  const current = h('input', { type: 'password', name: 'currentPassword', autocomplete: 'current-password', required: true });
  const next = h('input', { type: 'password', name: 'newPassword', autocomplete: 'new-password', required: true });
  const repeat = h('input', { type: 'password', name: 'repeatPassword', autocomplete: 'new-password', required: true });
  const form = h('form', { class: 'part', 'aria-labelledby': 'password-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    if (next.value !== repeat.value) throw new Error(t('account.mismatch'));
    try {
      await post('/api/auth/password', { currentPassword: current.value, newPassword: next.value });
    } catch (err) {
      throw refusal(err);
    }
    // Nothing typed stays on the page.
    for (const input of [current, next, repeat]) input.value = '';
    for (const b of form.querySelectorAll('button')) b.disabled = false;
    ctx.announce(t('account.passwordChanged'));
  }));
  appendAll(form, h('h2', { id: 'password-title' }, t('account.changePassword')), h('p', { class: 'hint' }, t('account.passwordIntro')),
    field(t('account.currentPassword'), current), field(t('account.newPassword'), next, t('account.newPasswordHint')), field(t('account.repeatPassword'), repeat),
    h('button', { type: 'submit', 'data-action': 'change-password' }, t('account.savePassword')));
  const who = ctx.me.user?.name ?? ctx.me.principal.name;
  return Promise.resolve(h('section', { class: 'account' }, pageHeader(t('account.title')), h('p', {}, t('app.signedInAs', { name: who })), form));
}
