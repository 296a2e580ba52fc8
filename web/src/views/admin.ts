import { type Answer, type Params, type Sent, del, errorMessage, get, patch, post, put, qs } from '../api.js';
import { type Attrs, type Column, dl, field, h, table } from '../dom.js';
import { fmtDateTime, label, t } from '../i18n.js';
import { dateInput } from '../date-input.js';
import { type Ctx, appendAll, badge, checkField, moreButton, pageHeader, submitter } from './common.js';

type User = Answer<'get', '/api/users'>['items'][number];
type Roles = Answer<'get', '/api/roles'>;
type Role = Roles['items'][number];
type Token = Answer<'get', '/api/tokens'>['items'][number];
type AuditRow = Answer<'get', '/api/audit'>['items'][number];
type AuditQuery = Params<'/api/audit'>;
type Permission = Sent<'put', '/api/roles/{name}'>['permissions'][number];
/** The employer checkboxes of a form, read back as the chosen ids. */
type EmployerChecks = HTMLFieldSetElement & { read: () => string[] };

const LANGS = ['nl', 'fr', 'en'];

const text = (name: string, value: string | null | undefined, extra: Attrs = {}) => h('input', { type: 'text', name, value: value ?? '', autocomplete: 'off', ...extra });
/** The employers the administrator holds, as checkboxes (a grant names only these). */
function employerChecks(ctx: Ctx, chosen: string[] = []): EmployerChecks {
  const box = h('fieldset', { class: 'checks' }, h('legend', {}, t('adm.employers')),
    ctx.me.employers.map((e) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'employerId', value: e.id, checked: chosen.includes(e.id) }), ' ', e.name)));
  return Object.assign(box, { read: () => [...box.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value) });
}
const employerNames = (ctx: Ctx, ids: string[] | null | undefined) => (ids ?? []).map((id) => ctx.employerName(id)).join(', ');
/** A permission `area.action` as "menu: action" in the user's language. */
const permissionText = (p: string) => {
  const [area, action] = p.split('.');
  return `${label('menu', area)}: ${label('action', action)}`;
};

/** Users, roles and API tokens: who may do what, for which employers. */
export async function renderList(ctx: Ctx) {
  const [{ items: users }, roles, { items: tokens }] = await Promise.all([get('/api/users'), get('/api/roles'), get('/api/tokens')]);
  const section = h('section', { class: 'admin' }, pageHeader(t('nav.admin')));
  appendAll(section, usersPart(ctx, users, roles.items), rolesPart(ctx, roles), tokensPart(ctx, tokens, roles.items));
  return section;
}

function usersPart(ctx: Ctx, users: User[], roles: Role[]) {
  const editing = users.find((u) => u.id === ctx.query?.user);
  const part = h('div', { class: 'part' }, h('h2', { id: 'users-title' }, t('adm.users')), table({
    caption: t('adm.users'), captionHidden: true, empty: t('app.none'), rows: users,
    columns: [
      { label: t('adm.name'), rowHeader: true, render: (u) => u.name },
      { label: t('adm.email'), render: (u) => u.email },
      { label: t('adm.role'), render: (u) => label('role', u.role) },
      { label: t('adm.employers'), render: (u) => (roles.find((r) => r.name === u.role)?.allEmployers ? t('adm.allEmployers') : employerNames(ctx, u.employerIds)) },
      { label: t('app.language'), render: (u) => label('langName', u.language) },
      { label: t('adm.status'), render: (u) => (u.disabled ? badge(t('adm.disabled'), 'muted') : badge(t('adm.active'), 'ok')) },
      { label: t('adm.lastLogin'), render: (u) => fmtDateTime(u.lastLoginAt) },
      { label: '', render: (u) => h('a', { href: `#/admin${qs({ user: u.id })}`, 'data-action': 'edit-user' }, t('adm.edit')) },
    ],
  }));
  const roleSelect = (current: string) => h('select', { name: 'role', required: true }, roles.map((r) => h('option', { value: r.name, selected: r.name === current }, label('role', r.name))));
  const name = text('userName', editing?.name, { required: true, maxlength: 200 });
  const email = h('input', { type: 'email', name: 'email', required: true, autocomplete: 'off', disabled: Boolean(editing), value: editing?.email ?? '' });
  const password = h('input', { type: 'password', name: 'newPassword', autocomplete: 'new-password', required: !editing, minlength: 12 });
  const role = roleSelect(editing?.role ?? 'viewer');
  const employers = employerChecks(ctx, editing?.employerIds ?? []);
  const language = h('select', { name: 'language' }, LANGS.map((l) => h('option', { value: l, selected: l === (editing?.language ?? 'nl') }, label('langName', l))));
  const disabled = h('input', { type: 'checkbox', name: 'disabled', checked: Boolean(editing?.disabled) });
  const resetTotp = h('input', { type: 'checkbox', name: 'resetSecondFactor' });
  const form = h('form', { class: 'user-form', 'aria-labelledby': 'user-form-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const common = { name: name.value.trim(), role: role.value, employerIds: employers.read(), language: language.value as Sent<'post', '/api/users'>['language'] };
    if (editing) {
      await patch(`/api/users/${editing.id}`, { ...common, disabled: disabled.checked, ...(password.value ? { password: password.value } : {}), ...(resetTotp.checked ? { resetSecondFactor: true } : {}) });
    } else {
      await post('/api/users', { ...common, email: email.value.trim(), password: password.value });
    }
    password.value = '';
    ctx.announce(editing ? t('adm.userSaved') : t('adm.userCreated'));
    ctx.navigate('#/admin');
  }));
  appendAll(form, h('h3', { id: 'user-form-title' }, editing ? t('adm.editUser', { name: editing.name }) : t('adm.newUser')),
    field(t('adm.name'), name), field(t('adm.email'), email), field(editing ? t('adm.newPassword') : t('adm.password'), password, t('adm.passwordHint')),
    field(t('adm.role'), role), employers, field(t('app.language'), language),
    editing ? [checkField(t('adm.disable'), disabled, t('adm.disableHint')), checkField(t('adm.resetTotp'), resetTotp, t('adm.resetTotpHint'))] : null,
    h('button', { type: 'submit', 'data-action': 'save-user' }, editing ? t('adm.save') : t('adm.createUser')),
    editing ? h('a', { href: '#/admin', class: 'button-link' }, t('app.cancel')) : null);
  appendAll(part, form);
  return part;
}

function rolesPart(ctx: Ctx, { items, permissions }: Roles) {
  const editing = items.find((r) => r.name === ctx.query?.role);
  const part = h('div', { class: 'part' }, h('h2', {}, t('adm.roles')), h('p', { class: 'hint' }, t('adm.rolesIntro')), table({
    caption: t('adm.roles'), captionHidden: true, empty: t('app.none'), rows: items,
    columns: [
      { label: t('adm.roleName'), rowHeader: true, render: (r) => [label('role', r.name), r.builtin ? [' ', badge(t('adm.builtin'), 'muted')] : null] },
      { label: t('adm.allEmployers'), render: (r) => (r.allEmployers ? t('app.yes') : t('app.no')) },
      { label: t('adm.menus'), render: (r) => [...new Set(r.permissions.map((p) => p.split('.')[0]))].map((a) => label('menu', a)).join(', ') },
      { label: t('adm.permissions'), render: (r) => r.permissions.map(permissionText).join('; ') },
      { label: '', render: (r) => (r.builtin ? '' : h('a', { href: `#/admin${qs({ role: r.name })}`, 'data-action': 'edit-role' }, t('adm.edit'))) },
    ],
  }));
  // Permissions grouped by menu (area), each with its actions.
  const areas = new Map<string, string[]>();
  for (const p of permissions) {
    const [area] = p.split('.');
    if (!areas.has(area)) areas.set(area, []);
    areas.get(area)!.push(p);
  }
  const chosen = editing?.permissions ?? [];
  const name = text('roleName', editing?.name, { required: true, pattern: '[a-z][a-z0-9_]{1,49}', disabled: Boolean(editing) });
  const all = h('input', { type: 'checkbox', name: 'allEmployers', checked: Boolean(editing?.allEmployers) });
  const grid = h('div', { class: 'permission-grid' }, [...areas].map(([area, perms]) => h('fieldset', { class: 'checks' }, h('legend', {}, label('menu', area)),
    perms.map((p) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'permission', value: p, checked: chosen.includes(p) }), ' ', label('action', p.split('.')[1]))))));
  const form = h('form', { class: 'role-form', 'aria-labelledby': 'role-form-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const roleName = editing?.name ?? name.value.trim();
    await put(`/api/roles/${encodeURIComponent(roleName)}`, {
      // The checkboxes' values are the API's own permissions (GET /api/roles).
      permissions: [...grid.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value) as Permission[], allEmployers: all.checked });
    ctx.announce(t('adm.roleSaved'));
    ctx.navigate('#/admin');
  }));
  appendAll(form, h('h3', { id: 'role-form-title' }, editing ? t('adm.editRole', { name: editing.name }) : t('adm.newRole')),
    field(t('adm.roleName'), name, t('adm.roleNameHint')), checkField(t('adm.allEmployers'), all), grid,
    h('button', { type: 'submit', 'data-action': 'save-role' }, t('adm.save')),
    editing ? h('a', { href: '#/admin', class: 'button-link' }, t('app.cancel')) : null);
  appendAll(part, form);
  return part;
}

function tokensPart(ctx: Ctx, tokens: Token[], roles: Role[]) {
  const part = h('div', { class: 'part' }, h('h2', {}, t('adm.tokens')), table({
    caption: t('adm.tokens'), captionHidden: true, empty: t('app.none'), rows: tokens,
    columns: [
      { label: t('adm.name'), rowHeader: true, render: (x) => x.name },
      { label: t('adm.role'), render: (x) => label('role', x.role) },
      { label: t('adm.employers'), render: (x) => (x.employerIds ? employerNames(ctx, x.employerIds) : t('adm.roleEmployers')) },
      { label: t('adm.createdBy'), render: (x) => x.createdBy ?? '' },
      { label: t('adm.expires'), render: (x) => fmtDateTime(x.expiresAt) },
      { label: t('adm.lastUsed'), render: (x) => fmtDateTime(x.lastUsedAt) },
      { label: '', render: (x) => h('button', { type: 'button', class: 'secondary', 'data-action': 'revoke-token', onclick: async (ev) => {
        if (!window.confirm(t('adm.confirmRevoke', { name: x.name }))) return;
        ev.target.disabled = true;
        try {
          await del(`/api/tokens/${x.id}`);
          await ctx.refresh();
          ctx.announce(t('adm.tokenRevoked'));
        } catch (err) {
          ev.target.disabled = false;
          ctx.showError(t('app.error', { message: errorMessage(err) }));
        }
      } }, t('adm.revoke')) },
    ],
  }));
  const name = text('tokenName', '', { required: true, maxlength: 100 });
  const role = h('select', { name: 'tokenRole', required: true }, roles.map((r) => h('option', { value: r.name }, label('role', r.name))));
  const employers = employerChecks(ctx);
  const days = h('input', { type: 'number', name: 'expiresInDays', min: 1, max: 366, value: 90, required: true });
  const shown = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'token-form', 'aria-labelledby': 'token-form-title' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const ids = employers.read();
    const res = await post('/api/tokens', { name: name.value.trim(), role: role.value, ...(ids.length ? { employerIds: ids } : {}), expiresInDays: Number(days.value) });
    // The token exists only in this answer: shown here once, never again.
    shown.replaceChildren(h('div', { class: 'notice token-once' }, h('p', {}, h('strong', {}, t('adm.tokenOnce'))),
      dl([[t('adm.name'), res.name], [t('adm.token'), h('code', { id: 'issued-api-token', tabindex: '-1' }, res.token)]])));
    name.value = '';
    for (const b of form.querySelectorAll('button')) b.disabled = false;
    ctx.announce(t('adm.tokenCreated'));
    document.getElementById('issued-api-token')?.focus();
  }));
  appendAll(form, h('h3', { id: 'token-form-title' }, t('adm.newToken')), field(t('adm.name'), name), field(t('adm.role'), role), employers,
    field(t('adm.expiresInDays'), days), h('button', { type: 'submit', 'data-action': 'create-token' }, t('adm.createToken')));
  appendAll(part, form, shown);
  return part;
}

// --- audit trail ---------------------------------------------------------------------------

const ACTIONS = ['read', 'create', 'update', 'delete', 'denied', 'login', 'login_failed', 'logout'];

/** A yyyy-mm-dd from a date input as the start (or the end) of that day, UTC. */
const dayBound = (date: string | undefined, end: boolean) => (date ? `${date}T${end ? '23:59:59.999' : '00:00:00.000'}Z` : undefined);

/** The audit trail: who saw or changed what, filtered; the same selection as a CSV file. */
export async function renderAudit(ctx: Ctx) {
  const q = ctx.query ?? {};
  const filters = {
    actor: q.actor || undefined, action: (q.action || undefined) as AuditQuery['action'], employerId: q.employerId || undefined, personId: q.personId || undefined,
    from: dayBound(q.from, false), to: dayBound(q.to, true),
  };
  const page = await get(`/api/audit`, { ...filters, limit: 100 });
  const section = h('section', { class: 'audit' }, pageHeader(t('nav.audit')));
  const actor = text('actor', q.actor, { maxlength: 400 });
  const action = h('select', { name: 'action' }, h('option', { value: '' }, t('app.any')), ACTIONS.map((a) => h('option', { value: a, selected: a === q.action }, label('auditAction', a))));
  const employer = h('select', { name: 'employerId' }, h('option', { value: '' }, t('app.any')), ctx.me.employers.map((e) => h('option', { value: e.id, selected: e.id === q.employerId }, e.name)));
  const person = text('personId', q.personId, { pattern: '[0-9a-fA-F-]{36}' });
  const from = dateInput({ name: 'from', value: q.from ?? '' });
  const to = dateInput({ name: 'to', value: q.to ?? '' });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': t('adm.auditFilters') });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.navigate(`#/audit${qs({ actor: actor.value.trim(), action: action.value, employerId: employer.value, personId: person.value.trim(), from: from.value, to: to.value })}`);
  });
  appendAll(form, field(t('adm.actor'), actor, t('adm.actorHint')), field(t('adm.action'), action), field(t('app.employer'), employer),
    field(t('adm.personId'), person), field(t('adm.from'), from), field(t('adm.to'), to), h('button', { type: 'submit', 'data-action': 'filter' }, t('app.filter')));
  const columns: Column<AuditRow>[] = [
    { label: t('adm.at'), rowHeader: true, render: (r) => fmtDateTime(r.at) },
    { label: t('adm.actor'), render: (r) => r.actor },
    { label: t('adm.action'), render: (r) => label('auditAction', r.action) },
    { label: t('adm.route'), render: (r) => h('code', {}, `${r.method} ${r.route}`) },
    { label: t('app.employer'), render: (r) => (r.employerId ? ctx.employerName(r.employerId) : '') },
    { label: t('adm.person'), render: (r) => (r.personId ? h('a', { href: `#/audit${qs({ personId: r.personId })}` }, r.personId.slice(0, 8)) : r.personIds?.length ? t('adm.persons', { count: r.personIds.length }) : '') },
    { label: t('adm.status'), class: 'num', render: (r) => String(r.status) },
    { label: t('adm.ip'), render: (r) => r.ip ?? '' },
  ];
  const list = table({ caption: t('nav.audit'), captionHidden: true, empty: t('app.none'), rows: page.items, columns });
  const more = moreButton('/api/audit', { ...filters, limit: 100 }, page.nextCursor, (items: AuditRow[]) => {
    const tbody = list.querySelector('tbody')!;
    const extra = table({ caption: '', rows: items, columns, empty: '' });
    for (const tr of extra.querySelectorAll('tbody tr')) tbody.append(tr);
  });
  const exportLink = h('a', { class: 'button-link', href: `/api/audit/export.csv${qs(filters)}`, download: 'audit-trail.csv', 'data-action': 'export-csv' }, t('adm.exportCsv'));
  appendAll(section, form, h('p', {}, exportLink), verifyChainForm(ctx), list, more);
  return section;
}

/** Checks the hash chain over the whole trail and says the outcome in words: intact, or which entries do not fit and why. */
function verifyChainForm(ctx: Ctx) {
  const result = h('div', { class: 'verify-result', 'aria-live': 'polite' });
  const form = h('form', { class: 'verify-chain', 'aria-label': t('adm.verifyChain') },
    h('button', { type: 'submit', 'data-action': 'verify-chain' }, t('adm.verifyChain')), result);
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const r = await get('/api/audit/verify');
    const summary = r.ok
      ? t('adm.chainIntact', { checked: r.checked })
      : t('adm.chainBroken', { checked: r.checked, count: r.breaks.length });
    result.replaceChildren(h('p', { 'data-ok': String(r.ok) }, summary),
      ...(r.breaks.length ? [h('ul', {}, r.breaks.map((b) => h('li', {}, t(`adm.chainBreak.${b.reason}`, { id: b.id }))))] : []));
    ctx.announce(summary);
    for (const b of form.querySelectorAll('button')) b.disabled = false;
  }));
  return form;
}
