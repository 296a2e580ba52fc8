import { type Answer, ApiError, type Params, errorMessage, get, post, qs } from '../api.js';
import { type Column, dl, field, h, table } from '../dom.js';
import { fmtDateTime, fmtNumber, label, t } from '../i18n.js';
import { badge, moreButton, needEmployer, pageHeader, periodInput, type Ctx } from './common.js';

/** A row-level error as the import answers it (file, row, column, field named). */
interface RowError { row?: number; column?: string | null; field?: string | null; code: string; message: string }
type Import = Answer<'get', '/api/employers/{id}/payroll-imports'>['items'][number];
type Change = Answer<'get', '/api/payroll-imports/{id}/changes'>['items'][number];
type ChangeQuery = Params<'/api/payroll-imports/{id}/changes'>;

const TONE: Record<string, string> = { running: 'info', completed: 'ok', failed: 'danger', superseded: 'muted' };
const statusBadge = (s: string) => badge(label('importStatus', s), TONE[s] ?? 'muted');

export async function renderList(ctx: Ctx) {
  if (!ctx.employerId) return needEmployer(ctx, t('imports.title'));
  const path = `/api/employers/${ctx.employerId}/payroll-imports` as const;
  const params = { limit: 50 };
  const { items, nextCursor } = await get(path, params);
  const columns: Column<Import>[] = [
    { label: t('imports.period'), rowHeader: true, render: (i) => h('a', { href: `#/imports/${i.id}` }, i.period) },
    { label: t('imports.status'), render: (i) => statusBadge(i.status) },
    { label: t('imports.rows'), class: 'num', render: (i) => (i.rowCount === null ? '' : fmtNumber(i.rowCount)) },
    { label: t('imports.changes'), render: (i) => changeSummary(i.changeCounts) },
    { label: t('reports.file'), render: (i) => i.file.name },
    { label: t('imports.uploadedAt'), render: (i) => fmtDateTime(i.uploadedAt) },
  ];
  const list = table({ caption: t('imports.list'), captionHidden: true, empty: t('app.none'), rows: items, columns });
  return h('section', {},
    pageHeader(`${t('imports.title')} — ${ctx.employerName(ctx.employerId)}`),
    ctx.can('payroll.upload') ? uploadForm(ctx) : null,
    h('h2', {}, t('imports.list')),
    list,
    moreButton(path, params, nextCursor, (more: Import[]) => {
      const body = list.querySelector('tbody');
      for (const i of more) body?.append(h('tr', { 'data-id': i.id }, columns.map((c) => h('td', {}, c.render(i)))));
    }));
}

function uploadForm(ctx: Ctx) {
  const file = h('input', { type: 'file', name: 'file', required: true, accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const period = periodInput();
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, t('imports.submit'));
  const form = h('form', { class: 'card upload', 'aria-labelledby': 'upload-title', onsubmit: async (e) => {
    if (!beginUpload(e, ctx, form, error, submit)) return;
    const body = new FormData();
    body.set('period', period.value.trim());
    body.set('file', file.files![0]);
    try {
      const res = await post(`/api/employers/${ctx.employerId}/payroll-imports`, body);
      if (res.duplicate) ctx.announce(t('imports.duplicate'), { acrossNavigation: true });
      ctx.navigate(`#/imports/${res.importId}`);
    } catch (err) {
      submit.disabled = false;
      const errors = err instanceof ApiError ? (err.body as { errors?: RowError[] } | null)?.errors : null;
      error.textContent = t('app.error', { message: errorMessage(err) });
      if (errors?.length) error.append(errorTable(errors));
    }
  } },
  h('h2', { id: 'upload-title' }, t('imports.upload')),
  field(t('imports.file'), file), field(t('imports.period'), period, t('imports.periodHint')), submit, error);
  return form;
}

/**
 * The start of an upload form's submit: no page load, the fields checked, the last error cleared,
 * the button disabled while it uploads. False when a field is not valid (nothing is sent then).
 */
export function beginUpload(e: Event, ctx: Ctx, form: HTMLFormElement, error: HTMLElement, submit: HTMLButtonElement) {
  e.preventDefault();
  if (!form.reportValidity()) return false;
  error.textContent = '';
  submit.disabled = true;
  ctx.announce(t('imports.uploading'));
  return true;
}

/**
 * A running import or comparison: asked again in a second, then the page re-renders in place
 * (no layout jump: the progress box keeps its height), announcing the end or showing a failure.
 */
export function pollWhileRunning(ctx: Ctx, load: () => Promise<{ status: string }>, says: { done: string; failed: string }) {
  const timer = setTimeout(async () => {
    const now = await load().catch(() => null);
    if (now?.status === 'completed') ctx.announce(says.done);
    else if (now && now.status !== 'running') ctx.showError(says.failed);
    void ctx.refresh();
  }, 1000);
  ctx.onLeave(() => clearTimeout(timer));
}
/** Kind, field and supplier filters of an import's change list; they become the page's address. */
function changeFilters(ctx: Ctx, id: string, params: ChangeQuery, kinds: string[], suppliers: { id: string; name: string }[]) {
  const kind = h('select', { name: 'kind', id: 'change-kind' }, h('option', { value: '' }, t('app.any')),
    kinds.map((k) => h('option', { value: k, selected: k === params.kind }, label('changeKind', k))));
  const fieldSelect = h('select', { name: 'field', id: 'change-field' }, h('option', { value: '' }, t('app.any')),
    FIELDS.map((f) => h('option', { value: f, selected: f === params.field }, label('field', f))));
  const supplier = h('select', { name: 'supplierId', id: 'change-supplier' }, h('option', { value: '' }, t('app.any')),
    suppliers.map((s) => h('option', { value: s.id, selected: s.id === params.supplierId }, s.name)));
  return h('form', { class: 'filters', role: 'search', 'aria-label': t('imports.filterChanges'), onsubmit: (e) => {
    e.preventDefault();
    ctx.navigate(`#/imports/${id}${qs({ kind: kind.value, field: fieldSelect.value, supplierId: supplier.value })}`);
  } }, field(t('messages.kind'), kind), field(t('tasks.field'), fieldSelect), suppliers.length ? field(t('messages.supplier'), supplier) : null,
  h('button', { type: 'submit', id: 'filter-changes' }, t('app.filter')));
}

/** The canonical fields a change can be about (docs: DESIGN §5). */
const FIELDS = ['nationalId', 'lastName', 'namePrefix', 'firstName', 'initials', 'birthDate', 'gender', 'nationality', 'maritalStatus', 'street', 'houseNumber',
  'postalCode', 'city', 'country', 'partnerLastName', 'partnerNamePrefix', 'category', 'salaryClass', 'workSchedulePercent', 'grossMonthlySalary', 'hireDate', 'exitDate'];

const changeSummary = (counts: Record<string, unknown> | null | undefined) => Object.entries(counts ?? {}).map(([k, v]) => `${label('changeKind', k)}: ${v}`).join(', ');

function errorTable(errors: RowError[], captionHidden = false) {
  return table({
    caption: t('imports.errors'), captionHidden, empty: t('app.none'), rows: errors,
    columns: [
      { label: t('imports.row'), class: 'num', render: (e) => (e.row === undefined ? '' : String(e.row)) },
      { label: t('imports.column'), render: (e) => e.column ?? '' },
      { label: t('tasks.field'), render: (e) => (e.field ? label('field', e.field) : '') },
      { label: t('imports.code'), render: (e) => h('code', {}, e.code) },
      { label: t('imports.message'), render: (e) => e.message },
    ],
  });
}

export async function renderOne(ctx: Ctx, id: string) {
  const imp = await get(`/api/payroll-imports/${id}`);
  const section = h('section', { class: 'import', 'data-status': imp.status },
    pageHeader(t('imports.import', { period: imp.period })),
    h('p', {}, h('a', { href: '#/imports' }, `← ${t('app.back')}`)),
    dl([
      [t('app.employer'), ctx.employerName(imp.employerId)],
      [t('imports.status'), statusBadge(imp.status)],
      // A plain link: the browser sends the session cookie; the server unseals the file and records who read it.
      [t('reports.file'), [`${imp.file.name} (${fmtNumber(imp.file.size)} B) `, imp.file.purged ? badge(t('imports.filePurged'), 'muted')
        : h('a', { href: `/api/payroll-imports/${id}/file`, download: imp.file.name, id: 'import-file' }, t('imports.downloadOriginal'))]],
      [t('imports.uploadedBy'), imp.uploadedBy],
      [t('imports.uploadedAt'), fmtDateTime(imp.uploadedAt)],
      [t('imports.rows'), imp.rowCount === null ? null : fmtNumber(imp.rowCount)],
    ]));
  if (imp.status === 'running') {
    const rows = imp.progress?.rows ?? 0;
    section.append(h('div', { class: 'progress-box' },
      h('progress', { 'aria-label': label('importStatus', 'running') }),
      h('p', {}, `${label('importStage', imp.progress?.stage ?? imp.stage)} — ${t('imports.rowsRead', { rows: fmtNumber(rows) })}`)));
    pollWhileRunning(ctx, () => get(`/api/payroll-imports/${id}`), { done: t('imports.done'), failed: t('imports.failed') });
    return section;
  }
  if (imp.errors.length || imp.status === 'failed') {
    section.append(h('h2', {}, t('imports.errors')), h('p', { class: 'notice error' }, t('imports.errorCount', { count: imp.errorCount })), errorTable(imp.errors, true));
    return section;
  }
  const counts = Object.entries(imp.changeCounts ?? {});
  section.append(h('h2', { id: 'changes-title' }, t('imports.changes')));
  if (!counts.length) {
    section.append(h('p', { class: 'empty' }, t('imports.noChanges')));
    return section;
  }
  section.append(h('ul', { class: 'chips', 'aria-label': t('imports.changeCounts') }, counts.map(([k, v]) => h('li', {}, badge(label('changeKind', k), 'info'), ` ${v}`))));
  // Filters run on the server (the list pages): kind, field, supplier.
  const q = ctx.query;
  // '' (any) is left out of the query string.
  const params = { kind: (q.kind ?? '') as ChangeQuery['kind'], field: (q.field ?? '') as ChangeQuery['field'], supplierId: q.supplierId ?? '', limit: 100 };
  const [page, suppliers] = await Promise.all([get(`/api/payroll-imports/${id}/changes`, params), ctx.suppliers()]);
  section.append(changeFilters(ctx, id, params, Object.keys(imp.changeCounts ?? {}), suppliers));
  const columns: Column<Change>[] = [
    { label: t('imports.employeeNumber'), render: (c) => (ctx.can('persons.view') ? h('a', { href: `#/persons/${c.personId}` }, c.employeeNumber) : c.employeeNumber) },
    { label: t('messages.kind'), render: (c) => label('changeKind', c.kind) },
    { label: t('tasks.field'), render: (c) => (c.field ? label('field', c.field) : '') },
    { label: t('imports.oldValue'), render: (c) => c.oldValue ?? '' },
    { label: t('imports.newValue'), render: (c) => c.newValue ?? '' },
  ];
  const list = table({ caption: t('imports.changes'), captionHidden: true, columns, rows: page.items, empty: t('app.none') });
  section.append(list, moreButton(`/api/payroll-imports/${id}/changes`, params, page.nextCursor, (items: Change[]) => {
    const body = list.querySelector('tbody')!;
    for (const c of items) body.append(h('tr', {}, columns.map((col) => h('td', {}, col.render(c)))));
  }) ?? '');
  return section;
}
