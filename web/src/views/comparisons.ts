import { type Answer, ApiError, type Params, type Sent, errorMessage, get, post, put, qs } from '../api.js';
import { type Column, dl, field, h, table } from '../dom.js';
import { fmtDate, fmtDateTime, fmtNumber, label, t } from '../i18n.js';
import { badge, moreButton, needEmployer, pageHeader, submitter, type Ctx } from './common.js';
import { beginUpload, pollWhileRunning } from './imports.js';

type Kind = NonNullable<Params<'/api/comparison-runs/{id}/results'>['kind']>;
type Result = Answer<'get', '/api/comparison-runs/{id}/results'>['items'][number];
type RunError = Answer<'get', '/api/comparison-runs/{id}'>['errors'][number];
/** A saved comparison; its definition is the one it was saved with (the GET schema leaves it open). */
type Saved = Omit<Answer<'get', '/api/employers/{id}/comparison-definitions'>['items'][number], 'definition'> & { definition: Definition };
type Definition = Sent<'put', '/api/comparison-definitions/{id}'>;

const KINDS: Kind[] = ['only_in_a', 'only_in_b', 'duplicate_key', 'unparseable', 'difference'];
const TONE: Record<string, string> = { running: 'info', completed: 'ok', failed: 'danger' };
const statusBadge = (s: string) => badge(label('importStatus', s), TONE[s] ?? 'muted');
const countSummary = (counts: Record<string, number> | null | undefined) => KINDS.filter((k) => counts?.[k]).map((k) => `${label('comparisonKind', k)}: ${fmtNumber(counts![k])}`).join(', ');

/** The employer's saved comparisons: each with an upload form and its runs. */
export async function renderList(ctx: Ctx) {
  if (!ctx.employerId) return needEmployer(ctx, t('comparisons.title'));
  const items = (await get(`/api/employers/${ctx.employerId}/comparison-definitions`)).items as Saved[];
  const runs = await Promise.all(items.map((d) => get(`/api/comparison-definitions/${d.id}/runs`).then((r) => r.items)));
  return h('section', {},
    pageHeader(`${t('comparisons.title')} — ${ctx.employerName(ctx.employerId)}`),
    items.length ? null : h('p', { class: 'empty' }, t('comparisons.empty')),
    items.map((d, i) => h('section', { class: 'card', 'aria-labelledby': `cmp-${d.id}` },
      h('h2', { id: `cmp-${d.id}` }, d.name),
      dl([
        [t('comparisons.sideA'), d.definition.sideA.source === 'payroll' ? t('comparisons.payrollPhoto') : d.definition.sideA.label],
        [t('comparisons.sideB'), d.definition.sideB.label],
        [t('comparisons.key'), d.definition.key.map((k) => `${k.a} ↔ ${k.b}`).join(', ')],
        [t('comparisons.fields'), String((d.definition.fields ?? []).length)],
        [t('comparisons.version'), String(d.version)],
        [t('comparisons.monthly'), d.definition.monthly ? t('comparisons.monthlyYes') : t('comparisons.monthlyNo')],
      ]),
      ctx.can('payroll.upload') ? monthlyToggle(ctx, d) : null,
      ctx.can('payroll.upload') && d.definition.monthly ? periodForm(ctx, d) : null,
      ctx.can('payroll.upload') ? uploadForm(ctx, d) : null,
      table({
        caption: t('comparisons.runs'), empty: t('comparisons.noRuns'), rows: runs[i],
        columns: [
          { label: t('comparisons.startedAt'), rowHeader: true, render: (r) => h('a', { href: `#/comparisons/${r.id}` }, fmtDateTime(r.startedAt)) },
          { label: t('imports.status'), render: (r) => statusBadge(r.status) },
          { label: t('comparisons.files'), render: (r) => [r.sideA.file?.name ?? t('comparisons.payrollPhoto'), r.sideB.file?.name].join(' ↔ ') },
          { label: t('comparisons.found'), render: (r) => countSummary(r.counts) },
        ],
      }))));
}

/** Marks the comparison monthly (the cycle asks for each period's file and runs it) or on demand only. */
function monthlyToggle(ctx: Ctx, d: Saved) {
  const form = h('form', { class: 'inline' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    await put(`/api/comparison-definitions/${d.id}`, { ...d.definition, monthly: !d.definition.monthly });
    ctx.announce(t(d.definition.monthly ? 'comparisons.madeOnDemand' : 'comparisons.madeMonthly'));
    await ctx.refresh();
  }));
  form.append(h('button', { type: 'submit', class: 'secondary', 'data-action': 'monthly' }, t(d.definition.monthly ? 'comparisons.makeOnDemand' : 'comparisons.makeMonthly')));
  return form;
}

/** Last month as `YYYY-MM`: the period a cycle running now handles. */
function lastPeriod() {
  const now = new Date();
  const month = now.getMonth() === 0 ? 12 : now.getMonth();
  const year = now.getMonth() === 0 ? now.getFullYear() - 1 : now.getFullYear();
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A monthly comparison: the period's file for each side that is a file; the running cycle compares once all are there. */
function periodForm(ctx: Ctx, definition: Saved) {
  const accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const sides: ('a' | 'b')[] = definition.definition.sideA.source === 'file' ? ['a', 'b'] : ['b'];
  const period = h('input', { type: 'month', name: 'period', required: true, value: lastPeriod() });
  const inputs = Object.fromEntries(sides.map((side) => [side, h('input', { type: 'file', accept })])) as Record<'a' | 'b', HTMLInputElement>;
  const status = h('p', { class: 'hint', role: 'status' });
  const form = h('form', { class: 'upload period-upload' });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    const chosen = sides.filter((side) => inputs[side].files?.length);
    if (!chosen.length) throw new Error(t('comparisons.periodChoose'));
    let view: Answer<'put', '/api/comparison-definitions/{id}/periods/{period}/file'> | undefined;
    for (const side of chosen) {
      const body = new FormData();
      body.set('file', inputs[side].files![0]);
      view = await put(`/api/comparison-definitions/${definition.id}/periods/${period.value}/file`, body, { query: { side } });
    }
    // chosen is not empty: view is the last upload's answer.
    const missing = view!.missing.map((side) => t(side === 'a' ? 'comparisons.sideA' : 'comparisons.sideB'));
    status.textContent = missing.length
      ? t('comparisons.periodMissing', { period: view!.period, sides: missing.join(', ') })
      : t('comparisons.periodComplete', { period: view!.period });
    ctx.announce(status.textContent);
    for (const b of form.querySelectorAll('button')) b.disabled = false;
    for (const input of Object.values(inputs)) input.value = '';
  }));
  const sideLabel = (side: 'a' | 'b') => `${t(side === 'a' ? 'comparisons.sideA' : 'comparisons.sideB')} (${definition.definition[side === 'a' ? 'sideA' : 'sideB'].label}) — ${t('comparisons.periodFile')}`;
  form.append(h('h3', {}, t('comparisons.periodUpload')), h('p', { class: 'hint' }, t('comparisons.periodHint')),
    field(t('cycles.period'), period), ...sides.map((side) => field(sideLabel(side), inputs[side])),
    h('button', { type: 'submit', 'data-action': 'period-upload' }, t('comparisons.periodSubmit')), status);
  return form;
}

function uploadForm(ctx: Ctx, definition: Saved) {
  const accept = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  const payrollSide = definition.definition.sideA.source === 'payroll';
  const fileA = payrollSide ? null : h('input', { type: 'file', required: true, accept });
  const fileB = h('input', { type: 'file', required: true, accept });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, t('comparisons.submit'));
  const form = h('form', { class: 'upload', onsubmit: async (e) => {
    if (!beginUpload(e, ctx, form, error, submit)) return;
    const body = new FormData();
    if (fileA) body.set('fileA', fileA.files![0]);
    body.set('fileB', fileB.files![0]);
    try {
      // Without ?wait the API answers 202 with the run's id (Answer<> types the waited 201).
      const res = await post(`/api/comparison-definitions/${definition.id}/runs`, body) as unknown as { runId: string };
      ctx.navigate(`#/comparisons/${res.runId}`);
    } catch (err) {
      submit.disabled = false;
      const errBody = err instanceof ApiError ? err.body as { runId?: string; errors?: RunError[] } | null : null;
      if (err instanceof ApiError && err.code === 'duplicate_comparison' && errBody?.runId) {
        ctx.announce(t('comparisons.duplicate'), { acrossNavigation: true });
        ctx.navigate(`#/comparisons/${errBody.runId}`);
        return;
      }
      error.textContent = t('app.error', { message: errorMessage(err) });
      if (errBody?.errors?.length) error.append(errorTable(errBody.errors));
    }
  } },
  h('h3', {}, t('comparisons.upload')),
  fileA ? field(`${t('comparisons.sideA')} (${definition.definition.sideA.label})`, fileA) : h('p', {}, `${t('comparisons.sideA')}: ${t('comparisons.payrollPhoto')}`),
  field(`${t('comparisons.sideB')} (${definition.definition.sideB.label})`, fileB), submit, error);
  return form;
}

function errorTable(errors: RunError[]) {
  return table({
    caption: t('imports.errors'), captionHidden: true, empty: t('app.none'), rows: errors,
    columns: [
      { label: t('reports.file'), render: (e) => e.file },
      { label: t('imports.row'), class: 'num', render: (e) => (e.row === undefined ? '' : String(e.row)) },
      { label: t('imports.column'), render: (e) => e.column ?? '' },
      { label: t('imports.code'), render: (e) => h('code', {}, e.code) },
      { label: t('imports.message'), render: (e) => e.message },
    ],
  });
}

const COLUMNS: Record<Kind, [string, (r: Result) => string | number | null | undefined][]> = {
  only_in_a: [['comparisons.key', (r) => r.key], ['comparisons.rowA', (r) => r.aRow]],
  only_in_b: [['comparisons.key', (r) => r.key], ['comparisons.rowB', (r) => r.bRow]],
  duplicate_key: [['comparisons.side', (r) => r.side?.toUpperCase()], ['comparisons.key', (r) => r.key], ['imports.row', (r) => r.aRow ?? r.bRow], ['comparisons.firstRow', (r) => r.firstRow]],
  unparseable: [['comparisons.side', (r) => r.side?.toUpperCase()], ['comparisons.key', (r) => r.key], ['tasks.field', (r) => r.field], ['imports.column', (r) => r.column],
    ['imports.row', (r) => r.aRow ?? r.bRow], ['comparisons.value', (r) => r.aValue ?? r.bValue], ['comparisons.problem', (r) => (r.reason ? label('comparisonReason', r.reason) : '')]],
  difference: [['comparisons.key', (r) => r.key], ['tasks.field', (r) => r.field], ['comparisons.valueA', (r) => r.aValue], ['comparisons.valueB', (r) => r.bValue],
    ['comparisons.rowA', (r) => r.aRow], ['comparisons.rowB', (r) => r.bRow]],
};

/** One run: progress while it runs, a refused file's errors, or its counts, results by kind and report. */
export async function renderOne(ctx: Ctx, id: string) {
  const run = await get(`/api/comparison-runs/${id}`);
  const section = h('section', { class: 'comparison', 'data-status': run.status },
    pageHeader(t('comparisons.run')),
    h('p', {}, h('a', { href: '#/comparisons' }, `← ${t('app.back')}`)),
    dl([
      [t('app.employer'), ctx.employerName(run.employerId)],
      [t('imports.status'), statusBadge(run.status)],
      [`${t('comparisons.sideA')} (${run.sideA.label})`, run.sideA.file ? run.sideA.file.name : t('comparisons.payrollPhoto')],
      [`${t('comparisons.sideB')} (${run.sideB.label})`, run.sideB.file?.name],
      [t('comparisons.startedAt'), fmtDateTime(run.startedAt)],
      [t('imports.uploadedBy'), run.startedBy],
    ]));
  if (run.status === 'running') {
    section.append(h('div', { class: 'progress-box' },
      h('progress', { 'aria-label': label('importStatus', 'running') }),
      h('p', {}, `${label('comparisonStage', run.progress?.stage ?? run.stage)} — ${t('imports.rowsRead', { rows: fmtNumber(run.progress?.rows ?? 0) })}`)));
    pollWhileRunning(ctx, () => get(`/api/comparison-runs/${id}`), { done: t('comparisons.done'), failed: t('comparisons.failed') });
    return section;
  }
  if (run.status === 'failed') {
    section.append(h('h2', {}, t('imports.errors')), h('p', { class: 'notice error' }, t('imports.errorCount', { count: run.errorCount })), errorTable(run.errors));
    return section;
  }
  section.append(
    h('h2', {}, t('comparisons.found')),
    h('ul', { class: 'chips' },
      h('li', {}, `${t('comparisons.matched')}: ${fmtNumber(run.counts.matched ?? 0)}`),
      KINDS.map((k) => h('li', {}, h('a', { href: `#/comparisons/${id}?kind=${k}` }, badge(label('comparisonKind', k), run.counts[k] ? 'warn' : 'ok'), ` ${fmtNumber(run.counts[k] ?? 0)}`)))));
  if (run.resultsPurgedAt) {
    section.append(h('p', { class: 'notice' }, t('comparisons.purged', { date: fmtDate(run.resultsPurgedAt.slice(0, 10)) })));
    return section;
  }
  if (!ctx.can('persons.view')) return section;
  section.append(h('p', {}, `${t('comparisons.report')}: `, ['nl', 'fr', 'en'].map((lang, i) => [i ? ' · ' : '',
    h('a', { href: `/api/comparison-runs/${id}/report?lang=${lang}`, download: `comparison-${lang}.xlsx`, lang }, lang.toUpperCase())])));
  const kind = KINDS.find((k) => k === ctx.query.kind) ?? 'difference';
  const select = h('select', { name: 'kind' }, KINDS.map((k) => h('option', { value: k, selected: k === kind }, label('comparisonKind', k))));
  section.append(h('form', { class: 'filters', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    ctx.navigate(`#/comparisons/${id}${qs({ kind: select.value })}`);
  } }, field(t('comparisons.kind'), select), h('button', { type: 'submit' }, t('app.filter'))));
  const params = { kind, limit: 100 };
  const page = await get(`/api/comparison-runs/${id}/results`, params);
  const columns: Column<Result>[] = COLUMNS[kind].map(([key, render]) => ({ label: t(key), render: (r) => { const v = render(r); return v === null || v === undefined ? '' : String(v); } }));
  const list = table({ caption: label('comparisonKind', kind), columns, rows: page.items, empty: t('app.none') });
  section.append(list, moreButton(`/api/comparison-runs/${id}/results`, params, page.nextCursor, (items: Result[]) => {
    const body = list.querySelector('tbody')!;
    for (const r of items) body.append(h('tr', {}, columns.map((c) => h('td', {}, c.render(r)))));
  }) ?? '');
  return section;
}
