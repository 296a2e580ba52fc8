import { ApiError, errorMessage, get, post, setCsrfToken, setUnauthorizedHandler } from './api.js';
import { byId, clear, field, h } from './dom.js';
import { LANGUAGES, language, setLanguage, storedLanguage, t } from './i18n.js';
import * as account from './views/account.js';
import * as accidents from './views/accidents.js';
import * as admin from './views/admin.js';
import * as benefits from './views/benefits.js';
import * as controls from './views/controls.js';
import * as cycles from './views/cycles.js';
import * as enrollments from './views/enrollments.js';
import * as employerViews from './views/employers.js';
import * as imports from './views/imports.js';
import * as bordereaux from './views/bordereaux.js';
import * as comparisons from './views/comparisons.js';
import * as messages from './views/messages.js';
import * as persons from './views/persons.js';
import * as reports from './views/reports.js';
import * as statements from './views/statements.js';
import * as supplierViews from './views/suppliers.js';
import * as tasks from './views/tasks.js';
import { type Ctx, type Session, type UiConfig, personName } from './views/common.js';

interface Area {
  path: string; label: string; permission: string;
  list: (ctx: Ctx) => Promise<HTMLElement>;
  one?: (ctx: Ctx, id: string) => Promise<HTMLElement>;
}

/** Menu areas: the permission that shows them, and their routes (ids only in the hash, never names). */
const AREAS: Area[] = [
  { path: 'tasks', label: 'nav.tasks', permission: 'tasks.view', list: tasks.renderList },
  { path: 'messages', label: 'nav.messages', permission: 'messages.view', list: messages.renderList, one: messages.renderOne },
  { path: 'cycles', label: 'nav.cycles', permission: 'cycles.view', list: cycles.renderList, one: cycles.renderOne },
  { path: 'imports', label: 'nav.imports', permission: 'payroll.view', list: imports.renderList, one: imports.renderOne },
  { path: 'comparisons', label: 'nav.comparisons', permission: 'payroll.view', list: comparisons.renderList, one: comparisons.renderOne },
  { path: 'bordereaux', label: 'nav.bordereaux', permission: 'persons.view', list: bordereaux.renderList, one: bordereaux.renderOne },
  { path: 'persons', label: 'nav.persons', permission: 'persons.view', list: persons.renderList, one: persons.renderOne },
  { path: 'enrollments', label: 'nav.enrollments', permission: 'persons.view', list: enrollments.renderList },
  { path: 'statements', label: 'nav.statements', permission: 'persons.view', list: statements.renderList, one: statements.renderOne },
  { path: 'reports', label: 'nav.reports', permission: 'reports.view', list: reports.renderList },
  { path: 'controls', label: 'nav.controls', permission: 'findings.view', list: controls.renderList },
  { path: 'benefits', label: 'nav.benefits', permission: 'benefits.view', list: benefits.renderList },
  { path: 'accidents', label: 'nav.accidents', permission: 'accidents.view', list: accidents.renderList, one: accidents.renderOne },
  { path: 'employers', label: 'nav.employers', permission: 'employers.view', list: employerViews.renderList, one: employerViews.renderOne },
  { path: 'suppliers', label: 'nav.suppliers', permission: 'suppliers.view', list: supplierViews.renderList, one: supplierViews.renderOne },
  { path: 'admin', label: 'nav.admin', permission: 'admin.users', list: admin.renderList },
  { path: 'audit', label: 'nav.audit', permission: 'admin.audit', list: admin.renderAudit },
];
/** The signed-in user's own settings (their password): every user's, reached from the top bar, not the menu. */
const ACCOUNT: Area = { path: 'account', label: 'account.title', permission: '', list: account.renderAccount };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMPLOYER_STORE = 'mutaflow.employer';

const root = byId('app');
const status = byId('status');
const alertBox = byId('alert');

let session: Session | null = null;
let config: UiConfig | null = null;
let renderToken = 0;
const leaveHandlers: (() => void)[] = [];
const people = new Map<string, string>();
let suppliers: Promise<{ id: string; name: string }[]> | null = null;

/** Polite status line for screen readers and everyone (role=status, aria-live). */
let keepAcrossNavigation = false;
let statusTimer: ReturnType<typeof setTimeout> | undefined;
/** `acrossNavigation`: said just before moving to another page (e.g. "already imported"), so it stays there. */
function announce(message: string, { acrossNavigation = false } = {}): void {
  alertBox.textContent = '';
  status.textContent = '';
  keepAcrossNavigation = acrossNavigation;
  clearTimeout(statusTimer);
  // A new text node after clearing makes the same message be read again; it fades after a while.
  requestAnimationFrame(() => { status.textContent = message; });
  statusTimer = setTimeout(() => { status.textContent = ''; }, 8000);
}
function showError(message: string): void {
  status.textContent = '';
  alertBox.textContent = message;
}

const can = (permission: string): boolean => Boolean(session?.permissions.includes(permission));
const areas = () => AREAS.filter((a) => can(a.permission));

function selectedEmployer() {
  if (!session) return '';
  let id = '';
  try { id = localStorage.getItem(EMPLOYER_STORE) ?? ''; } catch { /* not remembered */ }
  if (id && session.employers.some((e) => e.id === id)) return id;
  return session.employers.length === 1 ? session.employers[0].id : '';
}

function context(query: Record<string, string>): Ctx {
  const me = session!;
  return {
    me, can, config, query, employerId: selectedEmployer(),
    employerName: (id) => me.employers.find((e) => e.id === id)?.name ?? id,
    announce, showError, refresh: route, onLeave: (fn) => leaveHandlers.push(fn),
    navigate: (hash) => { if (location.hash === hash) void route(); else location.hash = hash; },
    personName: (id) => people.get(id) ?? '…',
    /** Loads the names of these persons (those not known yet) for display; ids only travel. */
    async loadPersons(ids) {
      if (!can('persons.view')) return;
      const missing = [...new Set(ids.filter((id): id is string => Boolean(id) && !people.has(id!)))].slice(0, 100);
      await Promise.all(missing.map((id) => get(`/api/persons/${id}`).then((p) => people.set(id, personName(p)), () => people.set(id, '—'))));
    },
    async suppliers() {
      if (!can('suppliers.view')) return [];
      suppliers ??= get('/api/suppliers').then((r) => r.items.map((s) => ({ id: s.id, name: s.name })), () => []);
      return suppliers;
    },
  };
}

// ---------------------------------------------------------------------------------------------

function languageSelect() {
  const select = h('select', { id: 'language', onchange: async (e) => {
    await setLanguage(e.target.value, { remember: true });
    renderShell();
    await route();
    document.getElementById('language')?.focus();
  } }, LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === language() }, l.name)));
  return h('div', { class: 'inline-field' }, h('label', { for: 'language' }, t('app.language')), select);
}

function employerSelect() {
  const list = session!.employers;
  const current = selectedEmployer();
  const select = h('select', { id: 'employer', onchange: (e) => {
    try { localStorage.setItem(EMPLOYER_STORE, e.target.value); } catch { /* not remembered */ }
    status.textContent = '';
    void route();
  } },
  list.length !== 1 ? h('option', { value: '', selected: current === '' }, t('app.allEmployers')) : null,
  list.map((e) => h('option', { value: e.id, selected: e.id === current }, `${e.name} (${e.country})`)));
  return h('div', { class: 'inline-field' }, h('label', { for: 'employer' }, t('app.employer')), select);
}

function renderShell() {
  clear(root);
  document.title = t('app.name');
  byId('skip-link').textContent = t('app.skip');
  if (!session) {
    root.append(h('header', { class: 'topbar' }, h('span', { class: 'brand' }, t('app.name')), h('div', { class: 'tools' }, languageSelect())),
      h('main', { id: 'main', tabindex: '-1' }));
    return;
  }
  const who = session.user?.name ?? session.principal.name;
  root.append(
    h('header', { class: 'topbar' },
      h('a', { class: 'brand', href: '#/' }, t('app.name')),
      h('div', { class: 'tools' }, employerSelect(), languageSelect(),
        h('span', { class: 'who' }, t('app.signedInAs', { name: who })),
        h('a', { href: '#/account', id: 'account-link', class: 'account' }, t('account.title')),
        h('button', { type: 'button', class: 'secondary', id: 'logout', onclick: logout }, t('app.logout')))),
    h('nav', { 'aria-label': t('app.mainMenu'), class: 'menu' },
      h('ul', {}, areas().map((a) => h('li', {}, h('a', { href: `#/${a.path}`, 'data-area': a.path }, t(a.label),
        a.path === 'tasks' ? h('span', { class: 'menu-count', id: 'open-task-count', hidden: true }) : null))))),
    h('main', { id: 'main', tabindex: '-1' }),
  );
}

function loginForm() {
  const email = h('input', { type: 'email', id: 'login-email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', required: true });
  // The second factor (roles with admin or health permissions): asked once the password was right.
  const code = h('input', { type: 'text', id: 'login-totp', name: 'totp', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: '6' });
  const codeField = field(t('login.code'), code);
  codeField.hidden = true;
  const secret = h('code', { id: 'login-totp-secret' });
  const setup = h('div', { class: 'totp-setup', hidden: true }, h('p', {}, t('login.setupIntro')), h('p', {}, secret));
  const error = h('p', { class: 'form-error', role: 'alert', id: 'login-error' });
  const submit = h('button', { type: 'submit' }, t('login.submit'));
  /** password: e-mail and password; code: plus the app's code; setup: a new secret shown, its first code confirms it. */
  let mode: 'password' | 'code' | 'setup' = 'password';
  const ask = (next: typeof mode, message: string) => {
    mode = next;
    codeField.hidden = false;
    code.required = true;
    setup.hidden = next !== 'setup';
    error.textContent = message;
    code.value = '';
    code.focus();
  };
  const form = h('form', { class: 'card login', 'aria-labelledby': 'page-title', onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    const body = { email: email.value, password: password.value, ...(mode === 'password' ? {} : { totp: code.value }) };
    try {
      const me = await post(mode === 'setup' ? '/api/auth/totp/confirm' : '/api/auth/login', body, { silent401: true });
      await startSession(me);
    } catch (err) {
      submit.disabled = false;
      const why = err instanceof ApiError ? err.code : null;
      if (why === 'totp_required') return ask('code', t('login.codeNeeded'));
      if (why === 'totp_invalid') return ask(mode, t('login.codeWrong'));
      if (why === 'totp_enrolment_required') {
        try {
          const created = await post('/api/auth/totp/setup', { email: email.value, password: password.value }, { silent401: true });
          secret.textContent = created.secret;
          return ask('setup', t('login.setupNeeded'));
        } catch (setupErr) {
          error.textContent = t('app.error', { message: errorMessage(setupErr) });
          return undefined;
        }
      }
      error.textContent = why === 'account_locked' ? t('login.locked')
        : err instanceof ApiError && err.status === 429 ? t('login.tooMany')
          : err instanceof ApiError && err.status === 401 ? t('login.failed') : t('app.error', { message: errorMessage(err) });
      password.select();
    }
    return undefined;
  } },
  h('h1', { id: 'page-title', tabindex: '-1' }, t('login.title')), h('p', {}, t('login.intro')),
  field(t('login.email'), email), field(t('login.password'), password), setup, codeField, error, submit);
  return form;
}

function showLogin(message?: string): void {
  session = null;
  setCsrfToken(null);
  people.clear();
  suppliers = null;
  renderShell();
  byId('main').append(loginForm());
  document.title = `${t('login.title')} · ${t('app.name')}`;
  if (message) announce(message);
  byId('login-email').focus();
}

async function startSession(me: Session): Promise<void> {
  session = me;
  setCsrfToken(me.csrfToken);
  await setLanguage(storedLanguage() ?? me.user?.language ?? 'nl');
  config = await get('/api/ui-config').catch(() => ({ temporalUiUrl: null, temporalNamespace: 'default' }));
  renderShell();
  if (!location.hash || location.hash === '#/' || location.hash.startsWith('#/login')) location.replace(`#/${areas()[0]?.path ?? ''}`);
  await route();
}

async function logout() {
  await post('/api/auth/logout').catch(() => undefined);
  history.replaceState(null, '', location.pathname);
  showLogin(t('login.signedOut'));
}

// ---------------------------------------------------------------------------------------------

function parseHash(): { parts: string[]; query: Record<string, string> } {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = raw.split('?');
  return { parts: path.split('/').filter(Boolean), query: Object.fromEntries(new URLSearchParams(search)) };
}

async function route(): Promise<void> {
  if (!session) return;
  for (const fn of leaveHandlers.splice(0)) fn();
  const token = ++renderToken;
  const main = byId('main');
  const { parts, query } = parseHash();
  if (!parts.length) {
    const first = areas()[0];
    if (first) { location.replace(`#/${first.path}`); return; }
  }
  const area = parts[0] === ACCOUNT.path ? ACCOUNT : AREAS.find((a) => a.path === parts[0]);
  for (const link of document.querySelectorAll<HTMLElement>('nav.menu a')) {
    if (link.dataset.area === area?.path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  main.setAttribute('aria-busy', 'true');
  let node: HTMLElement;
  try {
    if (!area || (parts[1] && (!area.one || !UUID.test(parts[1]))) || parts.length > 2) node = h('p', { class: 'notice' }, t('app.notFound'));
    else if (area.permission && !can(area.permission)) node = h('p', { class: 'notice' }, t('app.forbidden'));
    else node = await (parts[1] && area.one ? area.one(context(query), parts[1]) : area.list(context(query)));
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return;
    node = h('p', { class: 'notice error', role: 'alert' }, err instanceof ApiError && err.status === 403 ? t('app.forbidden')
      : err instanceof ApiError && err.status === 404 ? t('app.notFound') : t('app.error', { message: errorMessage(err) }));
  }
  if (token !== renderToken) return;
  void updateTaskCount();
  const focusedId = document.activeElement?.id;
  clear(main).append(node);
  main.removeAttribute('aria-busy');
  // Keep focus where it was when the same page re-renders (e.g. after an action), else go to the heading.
  const keep = focusedId && document.getElementById(focusedId);
  if (keep && main.contains(keep)) keep.focus();
  else if (!main.contains(document.activeElement) && !document.activeElement?.closest('.topbar')) (document.getElementById('page-title') ?? main).focus({ preventScroll: false });
}

/**
 * The open tasks waiting for the signed-in user (their role or themselves), beside "Tasks" in the
 * menu: read after every page render, so an action (which re-renders) updates it.
 */
async function updateTaskCount() {
  const badge = document.getElementById('open-task-count');
  if (!badge || !can('tasks.view')) return;
  const counts = await get('/api/tasks/open-count').catch(() => null);
  if (!counts) return;
  badge.hidden = counts.open === 0;
  badge.className = counts.escalated ? 'menu-count escalated' : 'menu-count';
  badge.textContent = String(counts.open);
  const text = counts.escalated ? t('tasks.openCountEscalated', { count: counts.open, escalated: counts.escalated }) : t('tasks.openCount', { count: counts.open });
  badge.setAttribute('title', text);
  badge.setAttribute('aria-label', text);
}

setUnauthorizedHandler(() => {
  if (session) showLogin(t('app.sessionEnded'));
});
window.addEventListener('hashchange', () => {
  alertBox.textContent = '';
  if (!keepAcrossNavigation) status.textContent = '';
  keepAcrossNavigation = false;
  void route();
});

void (async function boot() {
  await setLanguage(storedLanguage() ?? (navigator.language || 'nl').slice(0, 2));
  try {
    const me = await get('/api/auth/me', undefined, { silent401: true });
    if (me.user && me.csrfToken) { await startSession(me); return; }
  } catch { /* not signed in */ }
  showLogin();
}());

