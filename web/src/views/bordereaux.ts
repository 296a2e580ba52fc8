import { type Answer, ApiError, type Sent, errorMessage, get, post } from '../api.js';
import { dl, field, h, table } from '../dom.js';
import { fmtDate, fmtDateTime, fmtMoney, fmtNumber, label, t } from '../i18n.js';
import { badge, needEmployer, pageHeader, submitter, type Ctx } from './common.js';

// The bordereau routes declare no response schema (api/routes/bordereaux): their answers as the routes build them.
interface RunRow { id: string; period: string; status: string; createdAt: string }
interface Difference {
  part: string; kind: string; nationalId: string; memberKey?: string; row?: number; field?: string; change?: string;
  billed?: string | number | null; expected?: string | number | null; withinCorrectionWindow?: boolean;
  fingerprint: string; status: 'open' | 'recurring_accepted'; resolution: string | null; correctionMessageId: string | null;
}
interface Run {
  id: string; employerId: string; supplierId: string; period: string; status: string; createdAt: string;
  result: 'no_communication' | 'reconciled'; lines: number; correctionWindowDays?: number; differences: Difference[];
  /** Set when the lines and differences went with the retention term; differenceCount says how many there were. */
  purgedAt?: string | null; differenceCount?: number;
}
/** A row of a refused file (never the value). */
interface Problem { row: number; column: string; code: string }
type Link = Answer<'get', '/api/employers/{id}/suppliers'>['items'][number];
type Reason = Sent<'post', '/api/bordereaux/{id}/resolutions'>['reason'];

const PARTS = ['persons', 'data', 'changes'];
const REASONS: Reason[] = ['insurer_will_correct', 'our_data_wrong', 'accepted'];
const MONEY_FIELDS = new Set(['salaryCents', 'premiumCents']);
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The employer's insurers: per insurer an upload form (supplier + period, with replace) and its reconciled bordereaux. */
export async function renderList(ctx: Ctx) {
  if (!ctx.employerId) return needEmployer(ctx, t('bordereaux.title'));
  const { items } = await get(`/api/employers/${ctx.employerId}/suppliers`);
  const runs = await Promise.all(items.map((l) => get(`/api/employers/${ctx.employerId}/suppliers/${l.supplierId}/bordereaux`).then((r) => (r as unknown as { items: RunRow[] }).items)));
  return h('section', {},
    pageHeader(`${t('bordereaux.title')} — ${ctx.employerName(ctx.employerId)}`),
    items.length ? null : h('p', { class: 'empty' }, t('bordereaux.noSuppliers')),
    items.map((l, i) => h('section', { class: 'card', 'aria-labelledby': `bdx-${l.supplierId}` },
      h('h2', { id: `bdx-${l.supplierId}` }, l.supplierName),
      ctx.can('persons.edit') ? uploadForm(ctx, l) : null,
      table({
        caption: t('bordereaux.runs'), empty: t('bordereaux.noRuns'), rows: runs[i],
        columns: [
          { label: t('bordereaux.period'), rowHeader: true, render: (r) => h('a', { href: `#/bordereaux/${r.id}` }, r.period) },
          { label: t('imports.status'), render: (r) => badge(label('bordereauRunStatus', r.status), r.status === 'current' ? 'ok' : 'muted') },
          { label: t('bordereaux.uploadedAt'), render: (r) => fmtDateTime(r.createdAt) },
        ],
      }))));
}

function uploadForm(ctx: Ctx, link: Link) {
  const period = h('input', { type: 'month', required: true, name: 'period' });
  const file = h('input', { type: 'file', required: true, accept: ACCEPT, name: 'file' });
  const replace = h('input', { type: 'checkbox', name: 'replace' });
  const error = h('div', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, t('bordereaux.submit'));
  const form = h('form', { class: 'upload', onsubmit: async (e) => {
    e.preventDefault();
    if (!form.reportValidity()) return;
    error.replaceChildren();
    submit.disabled = true;
    ctx.announce(t('imports.uploading'));
    const body = new FormData();
    body.set('file', file.files![0]);
    try {
      const run = await post(`/api/employers/${ctx.employerId}/suppliers/${link.supplierId}/bordereaux`, body, { query: { period: period.value, replace: replace.checked ? 'true' : 'false' } }) as unknown as Run;
      ctx.navigate(`#/bordereaux/${run.id}`);
    } catch (err) {
      submit.disabled = false;
      const body = err instanceof ApiError ? err.body as { runId?: string; problems?: Problem[] } | null : null;
      if (err instanceof ApiError && err.code === 'bordereau_exists') {
        error.append(h('p', {}, t('bordereaux.exists')), h('p', {}, h('a', { href: `#/bordereaux/${body?.runId}` }, t('bordereaux.openExisting'))));
        return;
      }
      error.append(h('p', {}, t('app.error', { message: errorMessage(err) })));
      if (body?.problems?.length) error.append(problemTable(body.problems));
    }
  } },
  h('h3', {}, t('bordereaux.upload')),
  field(t('bordereaux.period'), period),
  field(t('bordereaux.file'), file),
  h('div', { class: 'field checkbox' }, h('label', {}, replace, ` ${t('bordereaux.replace')}`)),
  submit, error);
  return form;
}

/** A refused file: every problem with its row and column (never the value). */
function problemTable(problems: Problem[]) {
  return table({
    caption: t('imports.errors'), empty: t('app.none'), rows: problems,
    columns: [
      { label: t('imports.row'), class: 'num', render: (p) => String(p.row) },
      { label: t('imports.column'), render: (p) => p.column || '—' },
      { label: t('imports.code'), render: (p) => label('bordereauProblem', p.code) },
    ],
  });
}

const show = (d: Difference, v: Difference['billed']) => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number' && (MONEY_FIELDS.has(d.field ?? '') || d.kind === 'left_still_billed' || d.kind === 'billed_not_enrolled' || d.kind === 'family_member_billed_only')) {
    return fmtMoney(v);
  }
  return typeof v === 'number' ? fmtNumber(v) : String(v);
};

/** One reconciled bordereau: its three parts with their differences, left-and-still-billed first, each resolvable with a reason. */
export async function renderOne(ctx: Ctx, id: string) {
  const run = await get(`/api/bordereaux/${id}`) as unknown as Run;
  const section = h('section', { class: 'bordereau', 'data-result': run.result },
    pageHeader(`${t('bordereaux.run')} ${run.period}`),
    h('p', {}, h('a', { href: '#/bordereaux' }, `← ${t('app.back')}`)),
    dl([
      [t('app.employer'), ctx.employerName(run.employerId)],
      [t('bordereaux.period'), run.period],
      [t('imports.status'), label('bordereauRunStatus', run.status)],
      [t('bordereaux.lines'), fmtNumber(run.lines)],
      [t('bordereaux.correctionWindow'), run.correctionWindowDays === undefined ? null : t('bordereaux.days', { days: run.correctionWindowDays })],
      [t('bordereaux.uploadedAt'), fmtDateTime(run.createdAt)],
    ]));
  if (run.result === 'no_communication') {
    section.append(h('p', { class: 'notice' }, t('bordereaux.noCommunication')));
    return section;
  }
  if (run.purgedAt) {
    section.append(h('p', { class: 'notice' }, t('bordereaux.purged', { date: fmtDate(run.purgedAt.slice(0, 10)), count: fmtNumber(run.differenceCount ?? 0) })));
    return section;
  }
  const open = run.differences.filter((d) => d.status === 'open' && !d.resolution).length;
  section.append(
    h('p', {}, `${t('bordereaux.report')}: `, ['nl', 'fr', 'en'].map((lang, i) => [i ? ' · ' : '',
      h('a', { href: `/api/bordereaux/${id}/report?lang=${lang}`, download: `bordereau-${run.period}-${lang}.xlsx`, lang }, lang.toUpperCase())])),
    h('ul', { class: 'chips' },
      h('li', {}, `${t('bordereaux.differences')}: ${fmtNumber(run.differences.length)}`),
      h('li', {}, badge(`${t('bordereaux.open')}: ${fmtNumber(open)}`, open ? 'warn' : 'ok'))));
  const canResolve = ctx.can('persons.edit') && run.status === 'current';
  for (const part of PARTS) {
    const rows = run.differences.filter((d) => d.part === part);
    section.append(h('h2', {}, label('bordereauPart', part)), table({
      caption: label('bordereauPart', part), captionHidden: true, empty: t('bordereaux.noDifferences'), rows,
      columns: [
        { label: t('bordereaux.kind'), render: (d) => [label('bordereauKind', d.kind),
          d.withinCorrectionWindow === undefined ? null : [' ', badge(t(d.withinCorrectionWindow ? 'bordereaux.withinWindow' : 'bordereaux.pastWindow'), d.withinCorrectionWindow ? 'warn' : 'danger')]] },
        { label: t('bordereaux.nationalId'), render: (d) => d.memberKey ? `${d.nationalId} / ${d.memberKey}` : d.nationalId },
        { label: t('imports.row'), class: 'num', render: (d) => (d.row === undefined ? '' : String(d.row)) },
        { label: t('bordereaux.fieldOrChange'), render: (d) => (d.field ? label('bordereauField', d.field) : d.change ? label('bordereauChange', d.change) : '') },
        { label: t('bordereaux.billed'), render: (d) => show(d, d.billed) },
        { label: t('bordereaux.expected'), render: (d) => show(d, d.expected) },
        { label: t('bordereaux.resolution'), render: (d) => resolution(ctx, id, d, canResolve) },
      ],
    }));
  }
  return section;
}

function resolution(ctx: Ctx, runId: string, d: Difference, canResolve: boolean) {
  if (d.status === 'recurring_accepted') return badge(label('bordereauStatus', 'recurring_accepted'), 'muted');
  const done = d.resolution ? [badge(label('bordereauReason', d.resolution), 'ok'),
    d.correctionMessageId ? [' ', h('a', { href: `#/messages/${d.correctionMessageId}` }, t('bordereaux.correctionMessage'))] : null] : null;
  if (!canResolve) return done ?? badge(label('bordereauStatus', 'open'), 'warn');
  const reason = h('select', { name: 'reason', required: true }, h('option', { value: '' }, t('bordereaux.chooseReason')),
    REASONS.map((r) => h('option', { value: r, selected: r === d.resolution }, label('bordereauReason', r))));
  const note = h('input', { type: 'text', name: 'note', maxlength: 1000 });
  const form = h('form', { class: 'inline', 'aria-label': t('bordereaux.resolve') });
  form.addEventListener('submit', submitter(ctx, form, async () => {
    await post(`/api/bordereaux/${runId}/resolutions`, { fingerprint: d.fingerprint, reason: reason.value as Reason, ...(note.value ? { note: note.value } : {}) });
    ctx.announce(t('bordereaux.resolved'), { acrossNavigation: true });
    void ctx.refresh();
  }));
  form.append(field(t('bordereaux.reason'), reason), field(t('bordereaux.note'), note), h('button', { type: 'submit' }, t('bordereaux.resolve')));
  return [done, form];
}
