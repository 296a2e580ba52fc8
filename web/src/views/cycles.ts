import { type Answer, ApiError, errorMessage, get, post, put, qs } from '../api.js';
import { type Column, dl, field, h, table } from '../dom.js';
import { fmtDateTime, fmtNumber, has, label, t } from '../i18n.js';
import { badge, moreButton, pageHeader, periodInput, temporalLink, type Ctx } from './common.js';

type Cycle = Answer<'get', '/api/cycles'>['items'][number];
type Schedule = Answer<'get', '/api/employers/{id}/schedule'>;
type Report = Answer<'get', '/api/reports'>['items'][number];
type Delivery = Report['deliveries'][number];

const STAGES = ['starting', 'waiting_for_import', 'audit', 'classification', 'tasks', 'completeness', 'messages', 'findings', 'reports', 'delivery', 'contributions', 'comparisons', 'closed'];
const STATUS_TONE: Record<string, string> = { closed: 'ok', running: 'info', failed: 'danger' };
const REPORT_TONE: Record<string, string> = { delivered: 'ok', rendered: 'info', failed: 'danger' };

export async function renderList(ctx: Ctx) {
  const params = { employerId: ctx.employerId, limit: 50 };
  const [page, suppliers] = await Promise.all([get(`/api/cycles`, params), ctx.suppliers()]);
  const supplierName = (id: string | null | undefined) => suppliers.find((x) => x.id === id)?.name ?? '';
  const columns: Column<Cycle>[] = [
    { label: t('cycles.period'), render: (c) => h('a', { href: `#/cycles/${c.id}` }, c.period) },
    { label: t('app.employer'), render: (c) => ctx.employerName(c.employerId) },
    { label: t('cycles.status'), render: (c) => badge(label('cycleStatus', c.status), STATUS_TONE[c.status] ?? 'info') },
    { label: t('cycles.stage'), render: (c) => stage(c) },
    { label: t('cycles.openTasks'), class: 'num', render: (c) => (c.progress ? h('a', { href: '#/tasks' }, String(c.progress.openTasks)) : '') },
    { label: t('cycles.progress'), render: (c) => counts(c.progress?.counts ?? c.summary?.counts) },
    { label: t('cycles.attention'), render: (c) => problems(c.summary?.events, supplierName) },
    { label: t('cycles.workflow'), render: (c) => temporalLink(ctx, c.workflowId) },
    { label: t('messages.created'), render: (c) => fmtDateTime(c.createdAt) },
  ];
  const list = table({ caption: t('cycles.title'), captionHidden: true, empty: t('cycles.empty'), rows: page.items, columns });
  return h('section', {},
    pageHeader(t('cycles.title')),
    ctx.employerId ? await schedulePart(ctx) : h('p', { class: 'hint' }, t('cycles.chooseEmployer')),
    h('h2', {}, t('cycles.list')),
    list,
    moreButton('/api/cycles', params, page.nextCursor, (items: Cycle[]) => {
      const body = list.querySelector('tbody');
      for (const c of items) body?.append(h('tr', { 'data-id': c.id }, columns.map((col) => h('td', {}, col.render(c)))));
    }));
}

/** The employer's schedule (read by all who see cycles, changed by cycles.manage) and "start a cycle now". */
async function schedulePart(ctx: Ctx) {
  const current = await get(`/api/employers/${ctx.employerId}/schedule`).catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  });
  const part = h('section', { class: 'card', 'aria-labelledby': 'schedule-title' }, h('h2', { id: 'schedule-title' }, t('cycles.schedule')));
  part.append(current
    ? dl([
      [t('cycles.scheduleWhen'), t('cycles.scheduleWhenValue', { day: current.dayOfMonth, hour: String(current.hour).padStart(2, '0') })],
      [t('cycles.enabled'), current.enabled ? t('app.yes') : t('app.no')],
      [t('cycles.taskDueDays'), fmtNumber(current.taskDueDays)],
      [t('cycles.remindWorkingDays'), fmtNumber(current.remindWorkingDays)],
      [t('cycles.remindAfterDays'), fmtNumber(current.remindAfterDays)],
      [t('cycles.escalateAfterDays'), fmtNumber(current.escalateAfterDays)],
      [t('cycles.escalationEmail'), current.escalationEmail ?? '—'],
    ])
    : h('p', { class: 'empty' }, t('cycles.noSchedule')));
  if (!ctx.can('cycles.manage')) return part;
  part.append(scheduleForm(ctx, current), startForm(ctx));
  return part;
}

function numberInput(name: string, value: number, min: number, max: number) {
  return h('input', { type: 'number', name, id: `schedule-${name}`, required: true, min, max, step: 1, value: String(value), inputmode: 'numeric' });
}

/** Runs a form's action with its button off; the API's message under the form on failure. */
function onSubmit(form: HTMLFormElement, error: HTMLElement, action: () => Promise<void>) {
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    error.textContent = '';
    const button = form.querySelector('button')!;
    button.disabled = true;
    try {
      await action();
    } catch (err) {
      error.textContent = t('app.error', { message: errorMessage(err) });
      button.disabled = false;
    }
  });
}

function scheduleForm(ctx: Ctx, s: Schedule | null) {
  const day = numberInput('dayOfMonth', s?.dayOfMonth ?? 5, 1, 28);
  const hour = numberInput('hour', s?.hour ?? 6, 0, 23);
  const due = numberInput('taskDueDays', s?.taskDueDays ?? 5, 1, 60);
  const remindWork = numberInput('remindWorkingDays', s?.remindWorkingDays ?? 2, 0, 20);
  const remind = numberInput('remindAfterDays', s?.remindAfterDays ?? 3, 0, 60);
  const escalate = numberInput('escalateAfterDays', s?.escalateAfterDays ?? 7, 0, 90);
  const email = h('input', { type: 'email', name: 'escalationEmail', id: 'schedule-escalationEmail', value: s?.escalationEmail ?? '', maxlength: 254, autocomplete: 'off' });
  const enabled = h('input', { type: 'checkbox', name: 'enabled', id: 'schedule-enabled', checked: s ? s.enabled : true });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', { class: 'grid-form', 'aria-labelledby': 'schedule-edit-title' });
  onSubmit(form, error, async () => {
    await put(`/api/employers/${ctx.employerId}/schedule`, {
      dayOfMonth: Number(day.value), hour: Number(hour.value), enabled: enabled.checked,
      taskDueDays: Number(due.value), remindWorkingDays: Number(remindWork.value), remindAfterDays: Number(remind.value), escalateAfterDays: Number(escalate.value),
      escalationEmail: email.value.trim() || null,
    });
    ctx.announce(t('cycles.scheduleSaved'));
    await ctx.refresh();
  });
  form.append(h('h3', { id: 'schedule-edit-title' }, t('cycles.scheduleEdit')),
    field(t('cycles.dayOfMonth'), day), field(t('cycles.hour'), hour, t('cycles.hourHint')),
    field(t('cycles.taskDueDays'), due), field(t('cycles.remindWorkingDays'), remindWork),
    field(t('cycles.remindAfterDays'), remind), field(t('cycles.escalateAfterDays'), escalate),
    field(t('cycles.escalationEmail'), email, t('cycles.escalationEmailHint')),
    h('div', { class: 'field checkbox' }, enabled, h('label', { for: 'schedule-enabled' }, t('cycles.enabled'))),
    h('button', { type: 'submit', id: 'save-schedule' }, t('cycles.saveSchedule')), error);
  return form;
}

function startForm(ctx: Ctx) {
  const period = periodInput({ id: 'start-period' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', { class: 'inline-form', 'aria-labelledby': 'start-title' });
  onSubmit(form, error, async () => {
    await post(`/api/employers/${ctx.employerId}/cycles/${period.value.trim()}`);
    ctx.announce(t('cycles.started', { period: period.value.trim() }));
    // The workflow writes its row as its first step: a moment later the list shows it.
    setTimeout(() => ctx.refresh(), 800);
  });
  form.append(h('h3', { id: 'start-title' }, t('cycles.startNow')), field(t('cycles.period'), period, t('imports.periodHint')),
    h('button', { type: 'submit', id: 'start-cycle' }, t('cycles.start')), error);
  return form;
}

function stage(c: Pick<Cycle, 'stage'>) {
  const index = Math.max(0, STAGES.indexOf(c.stage));
  const text = `${label('cycleStage', c.stage)} (${index + 1}/${STAGES.length})`;
  return h('div', { class: 'stage' }, h('progress', { max: STAGES.length, value: index + 1, 'aria-label': text }), h('span', {}, text));
}

function counts(obj: unknown) {
  const entries = Object.entries(obj ?? {}).filter(([, v]) => typeof v === 'number');
  return entries.length ? h('ul', { class: 'plain' }, entries.map(([k, v]) => h('li', {}, `${has(`cycleCount.${k}`) ? label('cycleCount', k) : label('taskKind', k)}: ${v}`))) : '';
}

/** What went wrong for one supplier without stopping the cycle: reports not made, deliveries failed. */
function problems(events: unknown, supplierName: (id: string | null | undefined) => string) {
  // The summary is the workflow's own record (unknown to the API's schema): read defensively.
  const failed = (Array.isArray(events) ? events as { kind?: unknown }[] : []).filter((e): e is { kind: string; supplierId?: string | null; reason?: string | null } => typeof e.kind === 'string' && e.kind.endsWith('_failed'));
  if (!failed.length) return '';
  return h('ul', { class: 'plain' }, failed.map((e) => h('li', {},
    badge(label('cycleEvent', e.kind), 'warn'),
    ` ${[supplierName(e.supplierId), e.reason ? label('cycleEventReason', e.reason) : ''].filter(Boolean).join(' — ')}`)));
}

// ---------------------------------------------------------------------------------------------

/** One cycle: per supplier what waits, on whom, since when; its reports with their delivery receipts. */
export async function renderOne(ctx: Ctx, id: string) {
  const cycle = await get(`/api/cycles/${id}`);
  const [waiting, reports, suppliers] = await Promise.all([
    get(`/api/cycles/${id}/waiting`),
    ctx.can('reports.view') ? get(`/api/reports`, { cycleId: id, employerId: cycle.employerId, limit: 200 }) : Promise.resolve({ items: [] as Report[] }),
    ctx.suppliers(),
  ]);
  const supplierName = (sid: string | null) => (sid ? suppliers.find((s) => s.id === sid)?.name ?? t('cycles.unknownSupplier') : t('cycles.noSupplier'));
  const groups = new Map<string | null, typeof waiting.items>();
  for (const w of waiting.items) groups.set(w.supplierId, [...(groups.get(w.supplierId) ?? []), w]);
  for (const r of reports.items) if (!groups.has(r.supplierId)) groups.set(r.supplierId, []);

  const section = h('section', { class: 'cycle', 'data-status': cycle.status },
    pageHeader(t('cycles.detail', { period: cycle.period, employer: ctx.employerName(cycle.employerId) })),
    h('p', {}, h('a', { href: '#/cycles' }, `← ${t('app.back')}`)),
    dl([
      [t('cycles.status'), badge(label('cycleStatus', cycle.status), STATUS_TONE[cycle.status] ?? 'info')],
      [t('cycles.stage'), stage(cycle)],
      [t('cycles.openTasks'), cycle.progress ? fmtNumber(cycle.progress.openTasks) : null],
      [t('cycles.startedAt'), fmtDateTime(cycle.createdAt)],
      [t('cycles.closedAt'), cycle.closedAt ? fmtDateTime(cycle.closedAt) : null],
      [t('cycles.workflow'), temporalLink(ctx, cycle.workflowId)],
    ]));
  if (!groups.size) section.append(h('p', { class: 'empty' }, t('cycles.nothingWaits')));
  for (const [supplierId, items] of groups) {
    const headingId = `supplier-${supplierId ?? 'none'}`;
    const own = reports.items.filter((r) => r.supplierId === supplierId);
    section.append(h('section', { class: 'card supplier', 'aria-labelledby': headingId, 'data-supplier': supplierId ?? '' },
      h('h2', { id: headingId }, supplierName(supplierId)),
      table({
        caption: t('cycles.waits'), empty: t('cycles.nothingWaitsHere'), rows: items,
        columns: [
          { label: t('cycles.what'), rowHeader: true, render: (w) => (w.what === 'task' ? label('taskKind', w.code) : label('messageStatus', w.code)) },
          { label: t('cycles.count'), class: 'num', render: (w) => (w.what === 'task' ? h('a', { href: `#/tasks${qs({ cycle: id })}` }, fmtNumber(w.count)) : fmtNumber(w.count)) },
          { label: t('cycles.onWhom'), render: (w) => (w.what === 'task' ? label('role', w.waitsOn) : label('waitsOn', w.waitsOn)) },
          { label: t('cycles.since'), render: (w) => [fmtDateTime(w.since), w.escalated ? [' ', badge(t('tasks.escalatedSince', { date: fmtDateTime(w.escalatedSince) }), 'danger')] : null] },
        ],
      }),
      ctx.can('reports.view') ? reportTable(ctx, own) : null));
  }
  return section;
}

function reportTable(ctx: Ctx, items: Report[]) {
  return table({
    caption: t('reports.title'), empty: t('reports.empty'), rows: items,
    columns: [
      { label: t('reports.file'), rowHeader: true, render: (r) => [h('a', { href: `/api/reports/${r.id}/file`, download: r.fileName }, r.fileName), r.encrypted ? [' ', badge(t('reports.encrypted'), 'muted')] : null] },
      { label: t('contributions.version'), class: 'num', render: (r) => String(r.version) },
      { label: t('reports.lines'), class: 'num', render: (r) => fmtNumber(r.lineCount) },
      { label: t('reports.status'), render: (r) => badge(label('reportStatus', r.status), REPORT_TONE[r.status] ?? 'info') },
      { label: t('reports.deliveries'), render: (r) => (r.deliveries.length ? h('ul', { class: 'plain' }, r.deliveries.map(receipt)) : '—') },
      { label: t('accidents.actions'), render: (r) => (r.status === 'failed' && ctx.can('cycles.manage') ? redeliverButton(ctx, r) : '') },
    ],
  });
}

/** A delivery and its receipt, in words: where it went, when, and what the peer answered. */
function receipt(d: Delivery) {
  // The peer's receipt (the API schema leaves it open): read by the keys a transport writes.
  const r = (d.receipt ?? {}) as Record<string, unknown>;
  const facts = [label('transport', d.transport), label('deliveryStatus', d.status), d.deliveredAt ? fmtDateTime(d.deliveredAt) : null,
    t('reports.attempts', { count: d.attempts })].filter(Boolean).join(' · ');
  const detail = ['path', 'messageId', 'response', 'status', 'size', 'message'].filter((k) => r[k] !== undefined && r[k] !== null).map((k) => `${label('receipt', k)}: ${r[k]}`);
  return h('li', {}, facts, detail.length ? h('div', { class: 'hint' }, detail.join(' · ')) : null);
}

function redeliverButton(ctx: Ctx, r: Report) {
  const button: HTMLButtonElement = h('button', { type: 'button', class: 'secondary', 'data-action': 'redeliver', onclick: async () => {
    button.disabled = true;
    ctx.announce(t('reports.redelivering'));
    try {
      const after = await post(`/api/reports/${r.id}/redeliver`);
      if (after.status === 'delivered') ctx.announce(t('reports.redelivered'));
      else ctx.showError(t('reports.redeliveryFailed'));
      await ctx.refresh();
    } catch (err) {
      ctx.showError(t('app.error', { message: errorMessage(err) }));
      button.disabled = false;
    }
  } }, t('reports.redeliver'));
  return button;
}
