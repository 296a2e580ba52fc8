import { ApiError, post } from '../api.js';
import { field, h } from '../dom.js';
import { t } from '../i18n.js';
import { type Ctx, appendAll, pageHeader, submitter } from './common.js';

/** The API's reasons a new password is refused (domain/access/password-policy.ts PasswordReason), in the user's words. */
const WEAK: Record<string, string> = {
  too_short: 'account.tooShort', too_long: 'account.tooLong', common: 'account.common', few_characters: 'account.fewCharacters', contains_email: 'account.containsEmail',
};

/** Why the API refused the change, in words: the current password wrong, or the new one too weak (and why). */
function refusal(err: unknown): unknown {
  if (!(err instanceof ApiError) || err.code !== 'validation') return err;
  const { field: which, reason = '', message = '' } = (err.body ?? {}) as { field?: string; reason?: string; message?: string };
  if (which === 'currentPassword') return new Error(t('account.wrongCurrent'));
  if (which === 'newPassword') return new Error(t('account.weak', { reason: WEAK[reason] ? t(WEAK[reason]) : message.replace(/^body\.newPassword:\s*/, '') }));
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
