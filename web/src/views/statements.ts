import { type Answer, get, post, qs } from '../api.js';
import { dl, field, h, table } from '../dom.js';
import { type Language, LANGUAGES, fmtDateTime, fmtNumber, label, t } from '../i18n.js';
import { badge, needEmployer, pageHeader, submitter, type Ctx } from './common.js';

type Block = Answer<'get', '/api/persons/{id}/statement'>['sections'][number]['blocks'][number];

const TONE: Record<string, string> = { running: 'info', completed: 'ok', failed: 'danger' };
const batchBadge = (s: string) => badge(label('statementBatchStatus', s), TONE[s] ?? 'muted');

/** One block of a statement section: label/value rows, a table, or a paragraph (the PDF's content, as HTML). */
function block(b: Block, caption: string) {
  if (b.kind === 'rows') return dl(b.rows.map((r) => [r.label, r.value]));
  if (b.kind === 'text') return h('p', {}, b.text);
  return table({
    caption, captionHidden: true, empty: t('app.none'), rows: b.rows.map((cells: string[], i: number) => ({ id: String(i), cells })),
    columns: b.columns.map((c: string, i: number) => ({ label: c, rowHeader: i === 0, render: (r: { cells: string[] }) => (r.cells[i].includes('\n') ? r.cells[i].split('\n').map((line) => h('div', {}, line)) : r.cells[i]) })),
  });
}

/** A person's statement as an HTML page, in the statement's language (the person's or the employer's, or the one chosen), with its PDF. */
export async function renderOne(ctx: Ctx, personId: string) {
  const lang = LANGUAGES.find((l) => l.code === ctx.query.lang)?.code as Language | undefined;
  const s = await get(`/api/persons/${personId}/statement`, { lang });
  const select = h('select', { id: 'statement-lang', onchange: (e) => ctx.navigate(`#/statements/${personId}?lang=${e.target.value}`) },
    LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === s.lang }, l.name)));
  return h('section', { lang: s.lang, class: 'statement' },
    pageHeader(s.title,
      h('a', { class: 'button-link', id: 'statement-pdf', href: `/api/persons/${personId}/statement/pdf${qs({ lang: s.lang })}`, download: '' }, t('statements.pdf'))),
    h('div', { class: 'inline-field' }, field(t('statements.language'), select)),
    h('p', {}, h('a', { href: `#/persons/${personId}` }, t('statements.backToPerson'))),
    dl(s.header.map((r) => [r.label, r.value])),
    s.sections.map((section) => h('section', { 'data-section': section.id, 'aria-labelledby': `st-${section.id}` },
      h('h2', { id: `st-${section.id}` }, section.title),
      section.blocks.map((b) => block(b, section.title)))));
}

/** The statements of all the employer's persons in one ZIP: start a batch, watch it, download it. */
export async function renderList(ctx: Ctx) {
  if (!ctx.employerId) return needEmployer(ctx, t('statements.title'));
  const { items } = await get(`/api/employers/${ctx.employerId}/statement-batches`);
  const running = items.filter((b) => b.status === 'running');
  if (running.length) {
    // Progress: the page asks again while a batch runs.
    const timer = setTimeout(() => ctx.refresh(), 1000);
    ctx.onLeave(() => clearTimeout(timer));
  }
  return h('section', {},
    pageHeader(`${t('statements.title')} — ${ctx.employerName(ctx.employerId)}`),
    h('p', {}, t('statements.intro')),
    startForm(ctx),
    table({
      caption: t('statements.batches'), empty: t('statements.noBatches'), rows: items,
      columns: [
        { label: t('statements.startedAt'), rowHeader: true, render: (b) => fmtDateTime(b.createdAt) },
        { label: t('statements.status'), render: (b) => batchBadge(b.status) },
        {
          label: t('statements.progress'),
          render: (b) => (b.status === 'running'
            ? h('div', { class: 'progress-box' }, h('progress', { max: b.personCount || 1, value: b.doneCount, 'aria-label': t('statements.progress') }),
              h('span', { class: 'batch-progress' }, t('statements.done', { done: fmtNumber(b.doneCount), total: fmtNumber(b.personCount) })))
            : t('statements.done', { done: fmtNumber(b.doneCount), total: fmtNumber(b.personCount) })),
        },
        { label: t('statements.delivery'), render: (b) => label('statementDelivery', b.delivery) },
        {
          label: t('statements.file'),
          render: (b) => (b.fileName && !b.purged ? h('a', { href: `/api/statement-batches/${b.id}/download`, download: '', class: 'batch-download' }, b.fileName)
            : b.error ?? ''),
        },
      ],
    }));
}

function startForm(ctx: Ctx) {
  const delivery = h('select', { id: 'statement-delivery' },
    ['download', 'email'].map((d) => h('option', { value: d }, label('statementDelivery', d))));
  const emailTo = h('input', { type: 'email', id: 'statement-email', autocomplete: 'email' });
  const emailField = field(t('statements.emailTo'), emailTo);
  emailField.hidden = true;
  delivery.addEventListener('change', () => {
    emailField.hidden = delivery.value !== 'email';
    emailTo.required = delivery.value === 'email';
  });
  const form = h('form', { class: 'card', 'aria-labelledby': 'statement-start-title' },
    h('h2', { id: 'statement-start-title' }, t('statements.startTitle')),
    field(t('statements.delivery'), delivery), emailField,
    h('button', { type: 'submit', id: 'statement-start' }, t('statements.start')));
  form.addEventListener('submit', submitter(ctx, form, async () => {
    await post(`/api/employers/${ctx.employerId}/statement-batches`, delivery.value === 'email' ? { delivery: 'email', emailTo: emailTo.value } : { delivery: 'download' });
    ctx.announce(t('statements.started'));
    await ctx.refresh();
  }));
  return form;
}
