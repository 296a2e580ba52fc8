import { get, qs } from '../api.js';
import { h } from '../dom.js';
import { fmtDate, t } from '../i18n.js';

export const personName = (p) => {
  const d = p?.data ?? {};
  const name = [d.firstName || d.initials, d.namePrefix, d.lastName].filter(Boolean).join(' ');
  return name || p?.employeeNumber || '';
};

export function pageHeader(title, ...extra) {
  document.title = `${title} · ${t('app.name')}`;
  return h('div', { class: 'page-head' }, h('h1', { tabindex: '-1', id: 'page-title' }, title), extra);
}

export const badge = (text, kind) => h('span', { class: `badge badge-${kind}` }, text);

export const personLink = (ctx, personId) => (personId
  ? (ctx.can('persons.view') ? h('a', { href: `#/persons/${personId}` }, ctx.personName(personId)) : ctx.personName(personId))
  : '');

/** A date with "overdue" spelled out (not only a colour) when it has passed. */
export function dueDate(value, done = false) {
  const overdue = !done && value && new Date(value).getTime() < Date.now();
  return h('span', { class: overdue ? 'overdue' : null }, fmtDate(value), overdue ? [' ', badge(t('app.overdue'), 'danger')] : null);
}

export function temporalLink(ctx, workflowId) {
  const base = ctx.config?.temporalUiUrl;
  if (!workflowId) return '';
  if (!base) return h('code', {}, workflowId);
  const href = `${base.replace(/\/$/, '')}/namespaces/${encodeURIComponent(ctx.config.temporalNamespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer', title: t('app.openInTemporal') }, h('code', {}, workflowId), h('span', { class: 'visually-hidden' }, ` (${t('app.openInTemporal')})`));
}

export function needEmployer(ctx, title) {
  return h('section', {}, pageHeader(title), h('p', { class: 'notice' }, t('app.chooseEmployer')));
}

/** A "show more" button that fetches the next page and hands its items to `add`. */
export function moreButton(path, params, nextCursor, add) {
  if (!nextCursor) return null;
  let cursor = nextCursor;
  const button = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    button.disabled = true;
    const page = await get(`${path}${qs({ ...params, cursor })}`);
    await add(page.items);
    cursor = page.nextCursor;
    if (cursor) button.disabled = false;
    else button.remove();
  } }, t('app.more'));
  return button;
}

/** Runs an action of a form: the API's message in the alert region on failure, else the status line and a fresh page. */
export function submitter(ctx, form, action) {
  return async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const buttons = [...form.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    try {
      await action();
    } catch (err) {
      ctx.showError(t('app.error', { message: err.message }));
      for (const b of buttons) b.disabled = false;
    }
  };
}
