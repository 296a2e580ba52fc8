import { type Answer, type ApiPath, errorMessage, get } from '../api.js';
import { type Child, h, nextId } from '../dom.js';
import { fmtDate, t } from '../i18n.js';

export type Session = Answer<'get', '/api/auth/me'>;
export type UiConfig = Answer<'get', '/api/ui-config'>;

/** What a view gets from the app: the session, permissions, the selected employer, and the app's services. */
export interface Ctx {
  me: Session;
  can: (permission: string) => boolean;
  config: UiConfig | null;
  /** The address's query (after `?` in the hash). */
  query: Record<string, string>;
  /** The employer chosen in the top bar; '' for all. */
  employerId: string;
  employerName: (id: string) => string;
  announce: (message: string, opts?: { acrossNavigation?: boolean }) => void;
  showError: (message: string) => void;
  refresh: () => Promise<void>;
  onLeave: (fn: () => void) => void;
  navigate: (hash: string) => void;
  personName: (id: string) => string;
  loadPersons: (ids: (string | null | undefined)[]) => Promise<void>;
  suppliers: () => Promise<{ id: string; name: string }[]>;
}

/** A person as the API answers it (list or detail): the name is built from the canonical fields. */
interface PersonLike { employeeNumber?: string; data?: Record<string, unknown> | null }

export const personName = (p: PersonLike | null | undefined): string => {
  const d = p?.data ?? {};
  const name = [d.firstName || d.initials, d.namePrefix, d.lastName].filter(Boolean).join(' ');
  return name || p?.employeeNumber || '';
};

export function pageHeader(title: string, ...extra: Child[]): HTMLElement {
  document.title = `${title} · ${t('app.name')}`;
  return h('div', { class: 'page-head' }, h('h1', { tabindex: '-1', id: 'page-title' }, title), extra);
}

export const badge = (text: string, kind: string): HTMLElement => h('span', { class: `badge badge-${kind}` }, text);

export const personLink = (ctx: Ctx, personId: string | null | undefined): Child => (personId
  ? (ctx.can('persons.view') ? h('a', { href: `#/persons/${personId}` }, ctx.personName(personId)) : ctx.personName(personId))
  : '');

/** A date with "overdue" spelled out (not only a colour) when it has passed. */
export function dueDate(value: string | null | undefined, done = false): HTMLElement {
  const overdue = !done && value && new Date(value).getTime() < Date.now();
  return h('span', { class: overdue ? 'overdue' : null }, fmtDate(value), overdue ? [' ', badge(t('app.overdue'), 'danger')] : null);
}

export function temporalLink(ctx: Ctx, workflowId: string | null | undefined): Child {
  const base = ctx.config?.temporalUiUrl;
  if (!workflowId) return '';
  if (!base) return h('code', {}, workflowId);
  const href = `${base.replace(/\/$/, '')}/namespaces/${encodeURIComponent(ctx.config?.temporalNamespace ?? 'default')}/workflows/${encodeURIComponent(workflowId)}`;
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer', title: t('app.openInTemporal') }, h('code', {}, workflowId), h('span', { class: 'visually-hidden' }, ` (${t('app.openInTemporal')})`));
}

export function needEmployer(_ctx: Ctx, title: string): HTMLElement {
  return h('section', {}, pageHeader(title), h('p', { class: 'notice' }, t('app.chooseEmployer')));
}

/** A "show more" button that fetches the next page and hands its items to `add`. */
export function moreButton<A extends ApiPath<'get'>, T>(path: A, params: object, nextCursor: string | null | undefined, add: (items: T[]) => unknown): HTMLButtonElement | null {
  if (!nextCursor) return null;
  let cursor: string | null | undefined = nextCursor;
  const button: HTMLButtonElement = h('button', { type: 'button', class: 'secondary', onclick: async () => {
    button.disabled = true;
    const page = await get(path, { ...params, cursor } as never) as { items: T[]; nextCursor?: string | null };
    await add(page.items);
    cursor = page.nextCursor;
    if (cursor) button.disabled = false;
    else button.remove();
  } }, t('app.more'));
  return button;
}

/** Runs an action of a form: the API's message in the alert region on failure, else the status line and a fresh page. */
export function submitter(ctx: Ctx, form: HTMLFormElement, action: () => Promise<unknown>): (e: Event) => Promise<void> {
  return async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    const buttons = [...form.querySelectorAll('button')];
    for (const b of buttons) b.disabled = true;
    try {
      await action();
    } catch (err) {
      ctx.showError(t('app.error', { message: errorMessage(err) }));
      for (const b of buttons) b.disabled = false;
    }
  };
}

/** Appends children as `h` does: arrays flattened, null/undefined/false left out (Element.append would write "null"). */
export function appendAll<E extends Element>(el: E, ...children: unknown[]): E {
  el.append(...(children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false) as (Node | string)[]));
  return el;
}

/** A checkbox with its label beside it (and a hint under it, tied by aria-describedby). */
export function checkField(label: string, input: HTMLInputElement, hint?: string | null): HTMLElement {
  const id = input.id || (input.id = nextId());
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'field' }, h('label', { class: 'check', for: id }, input, ' ', label), hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null);
}

/** The month before today in the user's time, as a period (yyyy-mm): the latest that has ended, the one a user usually means. */
function lastMonth(): string {
  const d = new Date();
  const m = d.getMonth() === 0 ? 12 : d.getMonth();
  const y = d.getMonth() === 0 ? d.getFullYear() - 1 : d.getFullYear();
  return `${y}-${String(m).padStart(2, '0')}`;
}

/** A period field (yyyy-mm), last month unless given. */
export const periodInput = (attrs: Record<string, string | number | boolean> = {}): HTMLInputElement =>
  h('input', { type: 'text', name: 'period', required: true, pattern: '\\d{4}-(0[1-9]|1[0-2])', value: lastMonth(), inputmode: 'numeric', size: 8, ...attrs });
