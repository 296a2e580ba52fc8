import { type Answer, ApiError, type Params, errorMessage, get, post, qs } from '../api.js';
import { field, h, nextId } from '../dom.js';
import { fmtDateTime, label, t } from '../i18n.js';
import { badge, dueDate, moreButton, pageHeader, personLink, submitter, type Ctx } from './common.js';
import { dateInput } from '../date-input.js';

const STATUSES = ['open', 'completed', 'declined', 'cancelled'];
const UUID = /^[0-9a-f-]{36}$/i;
const ACKNOWLEDGE = new Set(['review_missing', 'review_eligibility', 'answer_overdue', 'accident_payment_check', 'accident_sick_note_ending']);
const RESOLUTIONS = ['keep_ours', 'take_payroll', 'payroll_will_be_fixed'];

// The subject is the workflow's record of what the task is about (the API schema leaves it open): ids, a field, values, as text.
type Task = Omit<Answer<'get', '/api/tasks'>['items'][number], 'subject'> & { subject: Record<string, string | undefined> | null };
type Query = Params<'/api/tasks'>;
type Status = NonNullable<Query['status']>;

export async function renderList(ctx: Ctx) {
  const status = (STATUSES.includes(ctx.query.status) ? ctx.query.status : 'open') as Status;
  const mine = ctx.query.mine === 'true';
  const cycleId = UUID.test(ctx.query.cycle ?? '') ? ctx.query.cycle : '';
  // '' (not asked) is left out of the query string.
  const params = { status, employerId: ctx.employerId, mine: (mine ? 'true' : '') as Query['mine'], cycleId, limit: 50 };
  const page = await get(`/api/tasks`, params);
  const items = page.items as Task[];
  await ctx.loadPersons(items.map((task) => task.subject?.personId));
  const supplierNames = new Map((await ctx.suppliers()).map((s) => [s.id, s.name]));
  const go = (next: { status: string; mine: boolean }) => ctx.navigate(`#/tasks${qs({ status: next.status === 'open' ? '' : next.status, mine: next.mine ? 'true' : '', cycle: cycleId })}`);

  const statusSelect = h('select', { id: 'task-status', onchange: (e) => go({ status: e.target.value, mine }) },
    STATUSES.map((s) => h('option', { value: s, selected: s === status }, label('taskStatus', s))));
  const mineBox = h('input', { type: 'checkbox', id: 'task-mine', checked: mine, onchange: (e) => go({ status, mine: e.target.checked }) });
  const bulk = status === 'open' && ctx.can('tasks.complete') ? bulkConfirm(ctx) : null;
  const card = (task: Task) => h('li', {}, taskCard(ctx, task, supplierNames, bulk?.selector(task)));
  const list = h('ul', { class: 'task-list', 'aria-labelledby': 'page-title' }, items.map(card));
  return h('section', { class: 'tasks' },
    pageHeader(t('tasks.title'), h('div', { class: 'filters' }, field(t('tasks.status'), statusSelect),
      h('div', { class: 'field checkbox' }, mineBox, h('label', { for: 'task-mine' }, t('tasks.mine'))))),
    cycleId ? h('p', { class: 'hint' }, t('tasks.ofCycle'), ' ', h('a', { href: '#/tasks' }, t('tasks.allCycles'))) : null,
    bulk?.bar,
    items.length ? list : h('p', { class: 'empty' }, t('tasks.empty')),
    moreButton('/api/tasks', params, page.nextCursor, async (more: Task[]) => {
      await ctx.loadPersons(more.map((task) => task.subject?.personId));
      for (const task of more) list.append(card(task));
      bulk?.update();
    }));
}

/** A confirmation of the month (enrollment, termination, change) can be confirmed with others at once. */
const confirmable = (task: Task) => task.status === 'open' && Boolean(task.cycleId)
  && (task.kind === 'confirm_enrollment' || task.kind === 'confirm_termination' || task.kind === 'confirm_change');

/**
 * Confirming a month's confirmations together: a box on each, "select all", and one request
 * (POST /api/tasks/complete) for the selected ones; what others closed meanwhile is said, not refused.
 */
function bulkConfirm(ctx: Ctx) {
  const boxes = new Set<HTMLInputElement>();
  const selected = () => [...boxes].filter((b) => b.checked && b.isConnected);
  const button = h('button', { type: 'button', 'data-action': 'confirm-selected', disabled: true }, t('tasks.confirmSelected', { count: 0 }));
  const all = h('input', { type: 'checkbox', id: 'task-select-all' });
  const update = () => {
    const n = selected().length;
    const shown = [...boxes].filter((b) => b.isConnected).length;
    bar.hidden = shown === 0;
    button.disabled = n === 0;
    button.textContent = t('tasks.confirmSelected', { count: n });
    all.checked = n > 0 && n === shown;
    all.indeterminate = n > 0 && n < shown;
  };
  all.addEventListener('change', () => {
    for (const b of boxes) b.checked = all.checked;
    update();
  });
  const error = h('p', { class: 'form-error', role: 'alert' });
  button.addEventListener('click', async () => {
    const ids = selected().map((b) => b.value);
    button.disabled = true;
    error.textContent = '';
    try {
      // The API takes 500 at a time (pages of 50 make that ten pages selected).
      const outcomes: string[] = [];
      for (let at = 0; at < ids.length; at += 500) {
        const answer = await post('/api/tasks/complete', { items: ids.slice(at, at + 500).map((taskId) => ({ taskId, result: { confirm: true as const } })) });
        outcomes.push(...answer.items.map((i) => i.outcome));
      }
      const count = (...o: string[]) => outcomes.filter((x) => o.includes(x)).length;
      ctx.announce(t('tasks.bulkDone', { done: count('completed', 'unchanged'), closed: count('closed') })
        + (count('open') ? ` ${t('tasks.bulkLeftOpen', { open: count('open') })}` : ''));
      await ctx.refresh();
    } catch (err) {
      error.textContent = t('app.error', { message: errorMessage(err) });
      update();
    }
  });
  const bar = h('div', { class: 'bulk-bar', hidden: true },
    h('div', { class: 'field checkbox' }, all, h('label', { for: 'task-select-all' }, t('tasks.selectAll'))), button, error);
  const selector = (task: Task) => {
    if (!confirmable(task)) return null;
    const id = nextId('select');
    const box = h('input', { type: 'checkbox', id, value: task.id, 'data-action': 'select-task', onchange: update });
    boxes.add(box);
    bar.hidden = false;
    return h('div', { class: 'field checkbox select-task' }, box, h('label', { for: id }, t('tasks.select')));
  };
  return { bar, selector, update };
}

function taskCard(ctx: Ctx, task: Task, supplierNames: Map<string, string>, selector: HTMLElement | null = null) {
  const headingId = nextId('task');
  const s = task.subject ?? {};
  const open = task.status === 'open';
  return h('article', { class: `task card${open && new Date(task.dueAt) < new Date() ? ' is-overdue' : ''}`, 'aria-labelledby': headingId, 'data-task-id': task.id, 'data-kind': task.kind },
    h('h2', { id: headingId }, label('taskKind', task.kind), open ? null : [' ', badge(label('taskStatus', task.status), 'muted')],
      open && task.escalatedAt ? [' ', badge(t('tasks.escalatedSince', { date: fmtDateTime(task.escalatedAt) }), 'danger')] : null),
    selector,
    h('dl', { class: 'facts' },
      s.personId ? [h('dt', {}, t('tasks.person')), h('dd', {}, personLink(ctx, s.personId))] : null,
      s.supplierId && supplierNames.has(s.supplierId) ? [h('dt', {}, t('tasks.supplier')), h('dd', {}, supplierNames.get(s.supplierId))] : null,
      s.field ? [h('dt', {}, t('tasks.field')), h('dd', {}, label('field', s.field))] : null,
      s.period ? [h('dt', {}, t('cycles.period')), h('dd', {}, s.period)] : null,
      task.kind === 'review_eligibility' ? [
        h('dt', {}, t('benefits.period')), h('dd', {}, s.period),
        h('dt', {}, t('benefits.changes')), h('dd', {}, h('a', { href: `#/benefits${qs({ task: task.id })}`, 'data-action': 'eligibility-changes' },
          t('benefits.changeCounts', { newly: s.newlyEligible ?? 0, lost: s.noLongerEligible ?? 0 }))),
      ] : null,
      h('dt', {}, t('app.employer')), h('dd', {}, ctx.employerName(task.employerId)),
      h('dt', {}, t('tasks.dueLabel')), h('dd', {}, dueDate(task.dueAt, !open)),
      h('dt', {}, t('tasks.assigneeLabel')), h('dd', {}, label('role', task.assignee)),
      task.remindedAt ? [h('dt', {}, t('tasks.remindedLabel')), h('dd', {}, fmtDateTime(task.remindedAt))] : null,
      task.completedAt ? [h('dt', {}, t('tasks.doneLabel')), h('dd', {}, t('tasks.completedBy', { by: task.completedBy ?? '', date: fmtDateTime(task.completedAt) }))] : null),
    open && ctx.can('tasks.complete') ? answerForms(ctx, task) : null,
    comments(task),
    ctx.can('tasks.complete') ? followUp(ctx, task) : null);
}

/** The task's comments, oldest first (who, when, what). */
function comments(task: Task) {
  if (!task.comments?.length) return null;
  const titleId = nextId('comments');
  return h('section', { class: 'comments', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, t('tasks.comments')),
    h('ol', { class: 'plain' }, task.comments.map((c) => h('li', {}, h('span', { class: 'hint' }, `${c.by} · ${fmtDateTime(c.at)}`), h('p', {}, c.text)))));
}

/** Give the task to someone else (an open task) and comment on it, behind a disclosure to keep cards short. */
function followUp(ctx: Ctx, task: Task) {
  const open = task.status === 'open';
  // Only those who may do the task (GET …/assignees): its roles, and the employer's users by name; loaded when the form opens.
  const assignee = h('select', { name: 'assignee', required: true }, h('option', { value: '' }, t('app.loading')));
  const note = h('textarea', { name: 'comment', maxlength: 2000, rows: 2 });
  const reassign = h('form', { class: 'follow-up' });
  reassign.addEventListener('submit', submitter(ctx, reassign, async () => {
    const to = assignee.value;
    const shown = assignee.selectedOptions[0]?.textContent ?? to;
    await post(`/api/tasks/${task.id}/reassign`, note.value.trim() ? { assignee: to, comment: note.value.trim() } : { assignee: to });
    ctx.announce(t('tasks.reassigned', { assignee: shown }));
    await ctx.refresh();
  }));
  reassign.append(
    field(t('tasks.assignee'), assignee, t('tasks.assigneeHint')), field(t('tasks.commentOptional'), note),
    h('button', { type: 'submit', 'data-action': 'reassign' }, t('tasks.reassign')));
  const text = h('textarea', { name: 'text', required: true, maxlength: 2000, rows: 2 });
  const comment = h('form', { class: 'follow-up' });
  comment.addEventListener('submit', submitter(ctx, comment, async () => {
    await post(`/api/tasks/${task.id}/comments`, { text: text.value.trim() });
    ctx.announce(t('tasks.commented'));
    await ctx.refresh();
  }));
  comment.append(field(t('tasks.comment'), text), h('button', { type: 'submit', class: 'secondary', 'data-action': 'comment' }, t('tasks.addComment')));
  let loaded = false;
  const details = h('details', { class: 'follow-ups', ontoggle: async () => {
    if (!open || loaded || !details.open) return;
    loaded = true;
    try {
      const who = await get(`/api/tasks/${task.id}/assignees`);
      assignee.replaceChildren(h('option', { value: '' }, t('tasks.choose')),
        h('optgroup', { label: t('tasks.roles') }, who.roles.map((r) => h('option', { value: r, selected: r === task.assignee }, label('role', r)))));
      if (who.users.length) assignee.append(h('optgroup', { label: t('tasks.users') }, who.users.map((u) => h('option', { value: u.email, selected: u.email === task.assignee }, `${u.name} (${u.email})`))));
    } catch (err) {
      loaded = false;
      ctx.showError(t('app.error', { message: errorMessage(err) }));
    }
  } });
  details.append(
    h('summary', {}, t(open ? 'tasks.reassignOrComment' : 'tasks.addComment')),
    h('div', { class: 'answers' }, open ? reassign : null, comment));
  return details;
}

function answerForms(ctx: Ctx, task: Task) {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const send = (form: HTMLFormElement, result: () => Record<string, unknown>) => async (e: Event) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    error.textContent = '';
    try {
      // The result's shape depends on the task's kind (one union in the API): the forms below build the right one.
      await post(`/api/tasks/${task.id}/complete`, { result: result() as never });
      ctx.announce(t('tasks.done'));
      await ctx.refresh();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        ctx.announce(t('tasks.closed'));
        await ctx.refresh();
        return;
      }
      error.textContent = t('app.error', { message: errorMessage(err) });
      for (const b of form.querySelectorAll('button')) b.disabled = false;
    }
  };

  if (task.kind === 'declare_accident') {
    return h('p', {}, h('a', { href: `#/accidents/${task.accidentId}`, class: 'button-link' }, t('tasks.openCase')));
  }
  if (task.kind === 'upload_comparison_file') {
    // Completed by the upload itself (the comparisons screen); a refused file names its rows and columns on its run.
    return h('p', {},
      h('a', { href: '#/comparisons', class: 'button-link' }, t('tasks.uploadComparisonFile', { period: task.subject?.period ?? '' })),
      task.subject?.refusedRunId ? [' ', h('a', { href: `#/comparisons/${task.subject.refusedRunId}` }, t('tasks.comparisonRefused'))] : null);
  }
  if (task.kind === 'review_comparison') {
    const note = h('input', { type: 'text', name: 'reason', minlength: 3, maxlength: 500, autocomplete: 'off' });
    const form = h('form', { class: 'answer' });
    form.addEventListener('submit', send(form, () => (note.value.trim() ? { acknowledged: true, reason: note.value.trim() } : { acknowledged: true })));
    form.append(h('p', {}, h('a', { href: `#/comparisons/${task.subject?.runId}` }, t('tasks.openComparison', { count: task.subject?.findings ?? 0 }))),
      field(t('tasks.reviewNote'), note), h('button', { type: 'submit' }, t('tasks.reviewed')), error);
    return form;
  }
  if (task.kind === 'review_bordereau') {
    // Closed by the bordereau itself once its last open difference is resolved (there, with a reason).
    return h('p', {}, h('a', { href: `#/bordereaux/${task.subject?.bordereauRunId}`, class: 'button-link' },
      t('tasks.openBordereau', { count: task.subject?.openDifferences ?? 0 })), ' ', h('span', { class: 'hint' }, t('tasks.bordereauClosesItself')));
  }
  if (task.kind === 'review_finding' && !ctx.can('findings.acknowledge')) {
    // Acknowledging a blocking finding is for who holds findings.acknowledge; a corrected import closes it by itself.
    return h('p', {}, h('a', { href: '#/controls' }, t('controls.findings')), ' ', h('span', { class: 'hint' }, t('tasks.findingForOthers')));
  }
  if (task.kind === 'review_finding') {
    // A blocking finding is acknowledged with a reason (findings.acknowledge); a corrected import closes it by itself.
    const reason = h('input', { type: 'text', name: 'reason', required: true, minlength: 3, maxlength: 500, autocomplete: 'off' });
    const form = h('form', { class: 'answer' });
    form.addEventListener('submit', send(form, () => ({ acknowledged: true, reason: reason.value.trim() })));
    form.append(h('p', {}, h('a', { href: '#/controls' }, t('controls.findings'))), field(t('controls.reason'), reason), h('button', { type: 'submit' }, t('tasks.acknowledge')), error);
    return form;
  }
  if (ACKNOWLEDGE.has(task.kind)) {
    const form = h('form', { class: 'answer' });
    form.addEventListener('submit', send(form, () => ({ acknowledged: true })));
    form.append(h('button', { type: 'submit' }, t('tasks.acknowledge')), error);
    return form;
  }
  if (task.kind === 'resolve_correction') {
    // "Payroll differs from the correction": the person's page shows both values.
    const forms = RESOLUTIONS.map((resolution, i) => {
      const form = h('form', { class: 'answer' });
      form.addEventListener('submit', send(form, () => ({ resolution })));
      form.append(h('button', { type: 'submit', class: i ? 'secondary' : '', 'data-action': resolution }, label('resolution', resolution)));
      return form;
    });
    return h('div', { class: 'answers' }, ...forms, error);
  }
  if (task.kind === 'complete_data' || task.kind === 'complete_effective_date') {
    const isDate = task.kind === 'complete_effective_date' || /Date$/.test(String(task.subject?.field ?? ''));
    const input = isDate ? dateInput({ name: 'value', required: true }) : h('input', { type: 'text', name: 'value', required: true, maxlength: 200, autocomplete: 'off' });
    const form = h('form', { class: 'answer' });
    form.addEventListener('submit', send(form, () => ({ value: input.value.trim() })));
    form.append(field(`${t('tasks.value')}: ${label('field', task.subject?.field ?? '')}`, input), h('button', { type: 'submit' }, t('tasks.save')), error);
    return form;
  }
  // confirm_enrollment, confirm_termination, confirm_change: confirm (optionally with a corrected date) or decline with a reason.
  const dateKey = task.kind === 'confirm_enrollment' ? 'startDate' : task.kind === 'confirm_termination' ? 'endDate' : null;
  const date = dateKey ? dateInput({ name: dateKey }) : null;
  const confirm = h('form', { class: 'answer' });
  confirm.addEventListener('submit', send(confirm, () => (date?.value && dateKey ? { confirm: true, [dateKey]: date.value } : { confirm: true })));
  confirm.append(...(date ? [field(t(dateKey === 'startDate' ? 'tasks.correctedStart' : 'tasks.correctedEnd'), date)] : []),
    h('button', { type: 'submit', 'data-action': 'confirm' }, t('tasks.confirm')));
  const reason = h('input', { type: 'text', name: 'reason', required: true, minlength: 3, maxlength: 500 });
  const decline = h('form', { class: 'answer' });
  decline.addEventListener('submit', send(decline, () => ({ confirm: false, reason: reason.value.trim() })));
  decline.append(field(t('tasks.reason'), reason), h('button', { type: 'submit', class: 'secondary', 'data-action': 'decline' }, t('tasks.decline')));
  return h('div', { class: 'answers' }, confirm, decline, error);
}

